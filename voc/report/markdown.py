"""The friction report as Markdown, for pasting into docs, wikis and issue trackers.

Ticket text and theme names are escaped: HTML tags show as text (``&lt;script&gt;``) and Markdown
syntax (links, emphasis, table pipes) is shown literally, so no ticket can restyle or script the
page it is pasted into.
"""

from __future__ import annotations

import re

from voc.format import growth_text, kind_text, one_line, percent
from voc.report.model import Report, SinceLastRun, ThemeSection

# Characters Markdown (CommonMark and GitHub's tables) reads as syntax anywhere in a line, and
# those that start a heading, list or quote at the start of one.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]|~])")
_LINE_START_SYNTAX = re.compile(r"^([#+=-])")


def escape(text: str) -> str:
    """Plain text that Markdown shows as written, on one line."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START_SYNTAX.sub(r"\\\1", _INLINE_SYNTAX.sub(r"\\\1", text))


def to_markdown(report: Report) -> str:
    """The whole report: summary, ranked table, emerging themes, top themes, methods."""
    lines = [
        f"# Friction report: {escape(report.source)}",
        "",
        f"Run `{report.run_id}`, generated {report.generated_at}.",
        "",
        "## Summary",
        "",
        *_summary(report),
        "",
        *_since_last_run(report.since_last_run),
        "## Themes ranked by friction",
        "",
        "| # | theme | kind | friction | tickets | growth | CSAT impact | negative | orgs |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for t in report.themes:
        m = t.score
        flag = " (emerging)" if m.emerging else ""
        lines.append(
            f"| {m.rank} | {escape(m.name)}{flag} | {kind_text(m.kind)} | {m.friction:.0f} | "
            f"{m.size} | {growth_text(m.growth)} | {percent(m.csat_impact, signed=True)} | "
            f"{percent(m.negative_share)} | {_count(m.organizations)} |"
        )
    lines += ["", "## Emerging themes", ""]
    lines += [
        f"- **{escape(t.score.name)}**: {escape(t.score.emerging_note)}" for t in report.emerging
    ]
    if not report.emerging:
        lines.append("No theme is emerging.")
    lines += ["", f"## Top {len(report.detailed)} themes", ""]
    for section in report.detailed:
        lines += _section(section)
    lines += ["## Methods", ""]
    for paragraph in report.methods():
        lines += [escape(paragraph), ""]
    return "\n".join(lines).rstrip() + "\n"


def _summary(report: Report) -> list[str]:
    s = report.scores
    rows = report.rows
    top = report.themes[0].score if report.themes else None
    period = f"{s.first_ticket[:10]} to {s.last_ticket[:10]}" if s.last_ticket else "no dates"
    lines = [
        f"- **{rows['used']}** tickets used of {rows['read']} read "
        f"({rows['skipped']} skipped), {period}",
        f"- **{len(report.themes)}** themes; {report.unthemed} tickets in no theme",
        f"- Top friction: **{escape(top.name)}** ({kind_text(top.kind)}, {top.friction:.0f}/100)"
        if top
        else "- Top friction: n/a",
        f"- Emerging: **{len(report.emerging)}** {_names(report.emerging)}",
        f"- Overall CSAT: {percent(s.csat_mean)}",
    ]
    if report.edits:
        lines.append(f"- Reviewed by analysts: {report.edits} edits applied")
    if report.dismissed:
        lines.append(f"- Dismissed by analysts, not ranked: {_names(report.dismissed)}")
    return lines


def _since_last_run(since: SinceLastRun | None) -> list[str]:
    """The "since the last run" section; nothing for a run with no earlier run."""
    if since is None:
        return []
    lines = ["## Since the last run", "", escape(since.headline), ""]
    if not since.rows:
        return [*lines, "No theme changed.", ""]
    lines += [
        "| change | theme | from themes | tickets before | after | share before | after |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.change} | {escape(r.name)} (#{r.theme_id}) | "
        f"{', '.join(f'#{t}' for t in r.from_themes)} | {_count(r.tickets_before)} | "
        f"{_count(r.tickets_after)} | {percent(r.share_before)} | {percent(r.share_after)} |"
        for r in since.rows
    ]
    return [*lines, ""]


def _names(sections: list[ThemeSection]) -> str:
    return ", ".join(escape(t.score.name) for t in sections)


def _section(section: ThemeSection) -> list[str]:
    m = section.score
    components = ", ".join(f"{name} {value:.2f}" for name, value in m.components.items())
    orgs = ", ".join(f"{escape(o)} ({n})" for o, n in m.top_organizations) or "n/a"
    lines = [
        f"### {m.rank}. {escape(m.name)}",
        "",
        *([escape(section.description), ""] if section.description else []),
        f"- Kind: {kind_text(m.kind)} "
        + (
            "(set by an analyst)"
            if m.kind_by_analyst
            else f"({percent(m.kind_confidence)} of its tickets agree)"
        ),
        f"- Friction: **{m.friction:.0f}**/100 (evidence {percent(m.evidence)}); components: "
        f"{components}",
        f"- Tickets: {m.size} ({percent(m.share)}); growth {growth_text(m.growth)}; "
        f"{escape(m.emerging_note)}",
        f"- CSAT: {percent(m.csat_mean)} from {m.csat_count} ratings, impact "
        f"{percent(m.csat_impact, signed=True)}; negative sentiment {percent(m.negative_share)}",
        f"- Affected organizations ({_count(m.organizations)}): {orgs}",
        f"- Keywords: {escape(', '.join(section.keywords))}",
    ]
    if section.label.issue_key:
        lines.append(f"- Linked issue: {escape(section.label.issue_key)}")
    lines += [f"- Note ({escape(n.author)}): {escape(n.text)}" for n in section.label.notes]
    lines.append("")
    for quote in section.quotes:
        lines += [f"> {escape(quote.text)} (ticket {escape(quote.ticket_id)})", ""]
    return lines


def _count(value: int | None) -> str:
    return "n/a" if value is None else str(value)
