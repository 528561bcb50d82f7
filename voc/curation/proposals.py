"""Roadmap proposals: themes turned into a problem statement with evidence, scored with RICE.

A proposal is drafted from one or more themes of a curated run (:func:`draft_proposal`): a title
and problem statement from the themes, the evidence (volume and trend, CSAT impact, negative
sentiment, effort, affected organizations, quotes), and RICE inputs. The analyst edits it and
enters the effort; proposals are saved as edits of the run (see :mod:`voc.curation.actions`) and
exported as Markdown, CSV, JSON, or a CSV that Jira's importer accepts.

RICE (Intercom's prioritisation score) = reach × impact × confidence / effort:

- **reach**: distinct customers affected: organizations with a ticket in the themes, or
  requesters when the export names no organization, or tickets when it names neither;
- **impact**: from the highest friction score of the themes, on RICE's scale: 80+ → 3 (massive),
  60+ → 2 (high), 40+ → 1 (medium), 20+ → 0.5 (low), else 0.25 (minimal);
- **confidence**: 0.5, plus 0.3 when every theme is confirmed by an analyst, plus up to 0.2 for
  cohesive themes (mean cohesion from 0.4 to 0.7 scales 0 to 0.2);
- **effort**: person-weeks, entered by the analyst; RICE stays empty until it is, and every export
  says so ("RICE incomplete: enter the effort"; the Jira row gets the label ``rice-incomplete``).

The Jira CSV files a proposal whose lead theme (highest friction) is a defect as a **Bug**, any
other as a **Story** (Story exists in every Jira Software scheme; Improvement only in some). Its
**Priority** comes from RICE where RICE is known: RICE is a relative score (its scale follows
reach, so no absolute threshold holds across exports), so the exported proposals that have RICE
are ranked and split into quarters, Highest, High, Medium, Low. With fewer than two RICE scores
to compare, and for a proposal without effort, the priority follows the friction of the lead
theme through its RICE impact step (3 Highest, 2 High, 1 Medium, 0.5 Low, 0.25 Lowest).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from voc import schema
from voc.curation.replay import CONFIRMED, CuratedRun
from voc.errors import CurationError
from voc.format import (
    count,
    growth_text,
    kind_text,
    number,
    one_line,
    percent,
    points,
    score,
    shorten,
)
from voc.report.summary import emerging_clause, emerging_label, rule_of, span
from voc.report.tables import neutralise
from voc.schema import ThemeScore, TrendRule

# (lowest friction score, RICE impact), highest first.
IMPACT_STEPS: tuple[tuple[float, float], ...] = (
    (80, 3.0),
    (60, 2.0),
    (40, 1.0),
    (20, 0.5),
    (0, 0.25),
)
JIRA_PRIORITY = {3.0: "Highest", 2.0: "High", 1.0: "Medium", 0.5: "Low", 0.25: "Lowest"}
JIRA_RICE_PRIORITY = ("Highest", "High", "Medium", "Low")  # by quarter of the RICE ranking
JIRA_ISSUE_TYPES = {"defect": "Bug"}  # any other kind is a Story
JIRA_DEFAULT_TYPE = "Story"
JIRA_LABEL, RICE_INCOMPLETE_LABEL = "voc", "rice-incomplete"  # Jira labels have no spaces
RICE_INCOMPLETE = "RICE incomplete: enter the effort"
BASE_CONFIDENCE, CONFIRMED_BONUS, COHESION_BONUS = 0.5, 0.3, 0.2
COHESION_RANGE = (0.4, 0.7)
EVIDENCE_QUOTES = 3
EVIDENCE_ORGANIZATIONS = 5
# How a drafted title starts, by the lead theme's kind: "Fix: Email notifications stopped".
TITLE_VERBS = {
    "defect": "Fix",
    "friction": "Smooth out",
    "feature_request": "Build",
    "billing": "Fix billing",
    "question": "Explain better",
}
TITLE_CHARS = 90  # a drafted title is cut at a word to fit Jira's list views
EXPORT_FORMATS: tuple[str, ...] = ("md", "csv", "json", "jira")


@dataclass(frozen=True)
class Proposal:
    """A roadmap proposal as saved: text the analyst can edit, and the RICE inputs."""

    title: str
    theme_ids: list[int]
    problem: str
    evidence: str
    reach: int
    impact: float
    confidence: float
    effort: float | None = None  # person-weeks; entered by the analyst
    kind: str = ""  # the lead theme's kind, for the Jira issue type ("" in older proposals)
    issue_key: str = ""
    proposal_id: str = ""
    author: str = ""
    updated_at: str = ""

    @property
    def rice_complete(self) -> bool:
        """Whether every RICE input is there (the analyst has entered the effort)."""
        return self.rice is not None

    @property
    def rice(self) -> float | None:
        """reach × impact × confidence / effort; None until the effort is entered."""
        if not self.effort or self.effort <= 0:
            return None
        return round(self.reach * self.impact * self.confidence / self.effort, 2)

    def to_dict(self) -> dict[str, Any]:
        """What is saved in the edit log (without id, author and time: the log has those)."""
        data = asdict(self)
        for key in ("proposal_id", "author", "updated_at"):
            data.pop(key)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def impact_from_friction(friction: float) -> float:
    """RICE impact (0.25..3) for a friction score (0..100)."""
    return next(impact for floor, impact in IMPACT_STEPS if friction >= floor)


def draft_proposal(curated: CuratedRun, theme_ids: Sequence[int]) -> Proposal:
    """A proposal pre-filled with the evidence of the chosen themes."""
    ids = [int(t) for t in dict.fromkeys(theme_ids)]
    scores = {s.theme_id: s for s in curated.scores.themes}
    missing = [t for t in ids if t not in scores or t == schema.UNTHEMED_ID]
    if not ids or missing:
        raise CurationError(
            f"choose themes of this run to propose; unknown: {missing or 'none chosen'}"
        )
    chosen = [scores[t] for t in ids]
    lead = max(chosen, key=lambda s: s.friction)
    names = [curated.labels[s.theme_id].name for s in chosen]
    tickets = curated.tickets[curated.tickets[schema.THEME_ID].isin(ids)]
    problem = problem_statement(
        chosen, names, len(tickets), len(curated.tickets), rule_of(curated.scores)
    )
    return Proposal(
        title=draft_title(lead.kind, curated.labels[lead.theme_id].name, len(chosen) - 1),
        theme_ids=ids,
        problem=problem,
        evidence=_evidence(curated, chosen, tickets),
        reach=_reach(tickets),
        impact=impact_from_friction(lead.friction),
        confidence=_confidence(curated, ids),
        kind=lead.kind,
    )


def problem_statement(
    chosen: Sequence[ThemeScore], names: Sequence[str], tickets: int, total: int, rule: TrendRule
) -> str:
    """What the chosen themes are and how big, then a sentence for each theme that is emerging
    (and only for those): per-theme facts stay with the theme they are true of."""
    lead = max(chosen, key=lambda s: s.friction)
    emerging = [
        f" {name} is {emerging_label(s).lower()}: {emerging_clause(s, rule)}."
        for s, name in zip(chosen, names, strict=True)
        if s.emerging
    ]
    return (
        f"{count(tickets, 'ticket')} ({percent(tickets / max(total, 1))} of the run) "
        f"{'is' if tickets == 1 else 'are'} about "
        f"{_join(list(names))}. Customers experience this as a {kind_text(lead.kind)}."
        + "".join(emerging)
    )


def draft_title(kind: str, lead: str, others: int) -> str:
    """A ticket title as a product manager writes one: "Fix: Email notifications stopped", or
    "Fix: Search not finding records, and 1 related theme" for several themes."""
    more = f", and {count(others, 'related theme')}" if others else ""
    verb = TITLE_VERBS.get(kind, "Address")
    return f"{verb}: {shorten(lead, TITLE_CHARS - len(verb) - len(more) - 2)}{more}"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _reach(tickets: Any) -> int:
    for column in (schema.ORGANIZATION, schema.REQUESTER):
        if column in tickets and tickets[column].notna().any():
            values = tickets[column].dropna().astype(str).str.strip()
            return int(values[values != ""].nunique())
    return len(tickets)


def _confidence(curated: CuratedRun, ids: list[int]) -> float:
    confirmed = all(curated.labels[t].status == CONFIRMED for t in ids)
    cohesion = [
        t.quality.cohesion for t in curated.themes if t.theme_id in ids and t.quality is not None
    ]
    low, high = COHESION_RANGE
    tight = float(np.clip((np.mean(cohesion) - low) / (high - low), 0, 1)) if cohesion else 0.0
    return round(BASE_CONFIDENCE + CONFIRMED_BONUS * confirmed + COHESION_BONUS * tight, 2)


def _evidence(curated: CuratedRun, chosen: list[Any], tickets: Any) -> str:
    lines = []
    window = span(rule_of(curated.scores).recent_days)
    for s in chosen:
        recent = f"{number(s.recent)} in the last {window}" if s.recent is not None else "no dates"
        lines.append(
            f"- {curated.labels[s.theme_id].name}: {count(s.size, 'ticket')} ({recent}, growth "
            f"{growth_text(s.growth, s.previous, s.recent)}); friction {score(s.friction)}/100; "
            f"CSAT impact {points(s.csat_impact)}; negative {percent(s.negative_share)}"
            + (f"; {emerging_label(s).upper()}" if s.emerging else "")
        )
    if schema.ORGANIZATION in tickets and tickets[schema.ORGANIZATION].notna().any():
        top = tickets[schema.ORGANIZATION].dropna().value_counts().head(EVIDENCE_ORGANIZATIONS)
        lines.append(
            "- Most affected organizations: " + ", ".join(f"{o} ({n})" for o, n in top.items())
        )
    themes = {t.theme_id: t for t in curated.themes}
    quotes = [
        (tid, text)
        for s in chosen
        for tid, text in zip(
            themes[s.theme_id].representative_ids,
            themes[s.theme_id].representative_texts,
            strict=True,
        )
    ][:EVIDENCE_QUOTES]
    lines += [f'- "{one_line(shorten(text, 240))}" (ticket {tid})' for tid, text in quotes]
    return "\n".join(lines)


def saved_proposals(curated: CuratedRun) -> list[Proposal]:
    """The run's proposals, highest RICE first (those without effort last)."""
    found = [Proposal.from_dict(p) for p in curated.proposals.values()]
    return sorted(found, key=lambda p: (p.rice is None, -(p.rice or 0), p.title))


_CSV_COLUMNS = (
    "proposal_id", "title", "kind", "theme_ids", "reach", "impact", "confidence", "effort",
    "rice", "rice_status", "problem", "evidence", "issue_key", "author", "updated_at",
)  # fmt: skip
_BULLET = "• "  # list items in spreadsheet cells: a leading "- " would read as a formula


def _csv(header: Sequence[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else neutralise(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rice_status(p: Proposal) -> str:
    """ "complete", or what is missing for RICE."""
    return "complete" if p.rice_complete else RICE_INCOMPLETE


def without_effort(proposals: list[Proposal]) -> list[Proposal]:
    """The proposals whose RICE is incomplete (no effort yet), to warn about."""
    return [p for p in proposals if not p.rice_complete]


def jira_issue_type(p: Proposal) -> str:
    """Bug for a defect, Story for anything else (and for proposals saved before kinds)."""
    return JIRA_ISSUE_TYPES.get(p.kind, JIRA_DEFAULT_TYPE)


def jira_priorities(proposals: list[Proposal]) -> list[str]:
    """Each proposal's Jira priority: by quarter of the RICE ranking among those with RICE, or
    from the lead theme's friction (its RICE impact) without RICE or with one RICE alone."""
    scored = sorted((p for p in proposals if p.rice is not None), key=lambda p: -(p.rice or 0))
    by_rank: dict[int, str] = {}
    if len(scored) >= 2:
        steps = len(JIRA_RICE_PRIORITY)
        by_rank = {
            id(p): JIRA_RICE_PRIORITY[rank * steps // len(scored)] for rank, p in enumerate(scored)
        }
    return [by_rank.get(id(p), JIRA_PRIORITY.get(p.impact, "Medium")) for p in proposals]


def _cell_list(text: str) -> str:
    """A Markdown list as a spreadsheet cell writes it: "• " bullets, not "- "."""
    return "\n".join(
        _BULLET + line[2:] if line.startswith("- ") else line for line in text.splitlines()
    )


def export_proposals(proposals: list[Proposal], fmt: str) -> bytes:
    """Proposals as Markdown, CSV, JSON, or Jira-importable CSV (``jira``)."""
    if fmt == "json":
        data = [{**asdict(p), "rice": p.rice, "rice_status": rice_status(p)} for p in proposals]
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "csv":
        rows = [
            [
                {
                    **asdict(p),
                    "rice": p.rice,
                    "rice_status": rice_status(p),
                    "theme_ids": " ".join(map(str, p.theme_ids)),
                    "evidence": _cell_list(p.evidence),
                }[c]
                for c in _CSV_COLUMNS
            ]
            for p in proposals
        ]
        return _csv(_CSV_COLUMNS, rows)
    if fmt == "jira":
        # Jira's CSV importer maps these header names to fields without manual mapping; a
        # multi-value field (Labels) takes one column per value, all with the same header.
        rows = [
            [
                p.title,
                jira_issue_type(p),
                priority,
                f"{p.problem}\n\nEvidence:\n{p.evidence}\n\n{_rice_line(p)}",
                JIRA_LABEL,
                "" if p.rice_complete else RICE_INCOMPLETE_LABEL,
            ]
            for p, priority in zip(proposals, jira_priorities(proposals), strict=True)
        ]
        header = ("Summary", "Issue Type", "Priority", "Description", "Labels", "Labels")
        return _csv(header, rows)
    if fmt == "md":
        from voc.report.markdown import escape

        lines = ["# Roadmap proposals", ""]
        missing = without_effort(proposals)
        if missing:
            lines += [f"**{RICE_INCOMPLETE}** for {count(len(missing), 'proposal')}.", ""]
        for p in proposals:
            lines += [f"## {escape(p.title)}", "", escape(p.problem), "", _rice_line(p), ""]
            lines += [f"- {escape(line.removeprefix('- '))}" for line in p.evidence.splitlines()]
            lines.append("")
        return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
    raise CurationError(
        f"unknown proposals format '{fmt}'; choose one of: {', '.join(EXPORT_FORMATS)}"
    )


def _rice_line(p: Proposal) -> str:
    rice = f"{p.rice:g}" if p.rice is not None else "n/a"
    line = (
        f"RICE {rice}: reach {number(p.reach)}, impact {p.impact:g}, confidence "
        f"{percent(p.confidence)}, effort "
        f"{'n/a' if p.effort is None else f'{p.effort:g} person-weeks'}"
    )
    return line if p.rice_complete else f"{line}. {RICE_INCOMPLETE}."


__all__ = [
    "EXPORT_FORMATS",
    "RICE_INCOMPLETE",
    "Proposal",
    "draft_proposal",
    "draft_title",
    "export_proposals",
    "impact_from_friction",
    "jira_issue_type",
    "jira_priorities",
    "rice_status",
    "saved_proposals",
    "without_effort",
]
