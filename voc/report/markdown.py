"""The friction report as Markdown, for pasting into docs, wikis and issue trackers.

Ticket text and theme names are escaped: HTML tags show as text (``&lt;script&gt;``) and Markdown
syntax (links, emphasis, table pipes) is shown literally, so no ticket can restyle or script the
page it is pasted into.
"""

from __future__ import annotations

import re

from voc.format import (
    count,
    effort_value,
    field_name,
    growth_text,
    kind_text,
    number,
    one_line,
    percent,
    points,
    ratio,
    score,
)
from voc.report.model import Report, SinceLastRun, ThemeSection
from voc.report.summary import emerging_label

# Characters Markdown (CommonMark and GitHub's tables) reads as syntax anywhere in a line: each is
# shown as written with a backslash escape, which every CommonMark renderer honours; "&" only where
# it would start an entity ("&amp;"), so "Moss & Lane" stays as it is.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]|~<>])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START_SYNTAX = re.compile(r"^([#+=-])")


def escape(text: str) -> str:
    """Plain text that Markdown shows as written, on one line: escaped once, here."""
    text = _ENTITY.sub(r"\\&", _INLINE_SYNTAX.sub(r"\\\1", one_line(text)))
    return _LINE_START_SYNTAX.sub(r"\\\1", text)


def to_markdown(report: Report) -> str:
    """The whole report: summary, changes, every theme ranked, emerging, top themes, methods."""
    lines = [
        f"# Friction report: {escape(report.source)}",
        "",
        f"Run `{report.run_id}`, generated {report.generated_at}.",
        "",
        "## Summary",
        "",
        *[escape(sentence) for sentence in report.summary],
        "",
        *_figures(report),
        "",
        *_since_last_run(report.since_last_run),
        f"## All {count(len(report.themes), 'theme')}, ranked by friction",
        "",
        "| # | theme | kind | friction | tickets | share | growth | CSAT impact | negative "
        "| orgs |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in report.themes:
        m = t.score
        flag = f" ({emerging_label(m).lower()})" if m.emerging else ""
        lines.append(
            f"| {m.rank} | {escape(m.name)}{flag} | {kind_text(m.kind)} | {score(m.friction)} | "
            f"{number(m.size)} | {percent(m.share)} | {growth_text(m.growth, m.previous, m.recent)}"
            f" | {points(m.csat_impact)} | {percent(m.negative_share)} | "
            f"{number(m.organizations)} |"
        )
    lines += ["", "## Emerging themes", ""]
    lines += [f"- **{escape(t.score.name)}**: {escape(t.trend)}" for t in report.emerging]
    if not report.emerging:
        lines.append("No theme is emerging.")
    lines += ["", f"## Top {len(report.detailed)} themes", ""]
    for section in report.detailed:
        lines += _section(section)
    lines += ["## Methods", ""]
    for paragraph in report.methods():
        lines += [escape(paragraph), ""]
    return "\n".join(lines).rstrip() + "\n"


def _figures(report: Report) -> list[str]:
    """The run's key figures under the summary."""
    s = report.scores
    rows = report.rows
    period = f"{s.first_ticket[:10]} to {s.last_ticket[:10]}" if s.last_ticket else "no dates"
    lines = [
        f"- {count(rows['used'], 'ticket')} used of {number(rows['read'])} read "
        f"({number(rows['skipped'])} skipped), {period}",
        f"- {count(len(report.themes), 'theme')}; {count(report.unthemed, 'ticket')} in no theme",
        f"- Emerging: {number(len(report.emerging))}"
        + (f" ({_names(report.emerging)})" if report.emerging else ""),
        f"- Overall CSAT: {percent(s.csat_mean)}",
    ]
    if report.edits:
        lines.append(f"- Reviewed by analysts: {count(report.edits, 'edit')} applied")
    if report.dismissed:
        lines.append(f"- Dismissed by analysts, not ranked: {_names(report.dismissed)}")
    lines += [f"- Note: {escape(warning)}" for warning in report.warnings]
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
        f"{', '.join(f'#{t}' for t in r.from_themes)} | {number(r.tickets_before)} | "
        f"{number(r.tickets_after)} | {percent(r.share_before)} | {percent(r.share_after)} |"
        for r in since.rows
    ]
    return [*lines, ""]


def _names(sections: list[ThemeSection]) -> str:
    return ", ".join(escape(t.score.name) for t in sections)


def _section(section: ThemeSection) -> list[str]:
    m = section.score
    components = ", ".join(f"{name} {number(value, 2)}" for name, value in m.components.items())
    orgs = ", ".join(f"{escape(o)} ({n})" for o, n in m.top_organizations)
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
        f"- Friction: **{score(m.friction)}**/100 (evidence {percent(m.evidence)}); components: "
        f"{components}",
        f"- Tickets: {number(m.size)} ({percent(m.share)} of all); growth "
        f"{growth_text(m.growth, m.previous, m.recent)}",
        f"- Trend: {escape(section.trend)}",
        f"- CSAT: {percent(m.csat_mean)} from {count(m.csat_count, 'rating')}, impact "
        f"{points(m.csat_impact)}; negative sentiment {percent(m.negative_share)}",
        *[
            f"- {field_name(name).capitalize()}: {effort_value(name, e.theme_mean)} vs "
            f"{effort_value(name, e.overall_mean)} on average ({ratio(e.ratio)})"
            for name, e in m.effort.items()
        ],
        f"- Affected organizations: {number(m.organizations)}" + (f" ({orgs})" if orgs else ""),
        *[
            f"- By {field_name(b.field)}: "
            + ", ".join(
                f"{escape(r.value)} {percent(r.share)} (all tickets {percent(r.overall)})"
                for r in b.rows
            )
            for b in section.breakdowns
        ],
        f"- Keywords: {escape(', '.join(section.keywords))}",
    ]
    if section.label.issue_key:
        lines.append(f"- Linked issue: {escape(section.label.issue_key)}")
    lines += [f"- Note ({escape(n.author)}): {escape(n.text)}" for n in section.label.notes]
    lines.append("")
    for quote in section.quotes:
        lines += [f"> {escape(quote.text)} (ticket {escape(quote.ticket_id)})", ""]
    return lines
