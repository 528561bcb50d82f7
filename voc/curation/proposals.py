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
- **effort**: person-weeks, entered by the analyst; RICE stays empty until it is.
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
from voc.format import kind_text, one_line, percent, shorten
from voc.report.tables import neutralise

# (lowest friction score, RICE impact), highest first.
IMPACT_STEPS: tuple[tuple[float, float], ...] = (
    (80, 3.0),
    (60, 2.0),
    (40, 1.0),
    (20, 0.5),
    (0, 0.25),
)
JIRA_PRIORITY = {3.0: "Highest", 2.0: "High", 1.0: "Medium", 0.5: "Low", 0.25: "Lowest"}
BASE_CONFIDENCE, CONFIRMED_BONUS, COHESION_BONUS = 0.5, 0.3, 0.2
COHESION_RANGE = (0.4, 0.7)
EVIDENCE_QUOTES = 3
EVIDENCE_ORGANIZATIONS = 5
TITLE_VERBS = {
    "defect": "Fix",
    "friction": "Reduce friction in",
    "feature_request": "Consider building",
    "billing": "Sort out billing:",
    "question": "Explain better:",
}
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
    issue_key: str = ""
    proposal_id: str = ""
    author: str = ""
    updated_at: str = ""

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
    names = " + ".join(curated.labels[s.theme_id].name for s in chosen)
    tickets = curated.tickets[curated.tickets[schema.THEME_ID].isin(ids)]
    total = len(curated.tickets)
    title = f"{TITLE_VERBS.get(lead.kind, 'Address')} {names}"
    problem = (
        f"{len(tickets)} tickets ({percent(len(tickets) / max(total, 1))} of the run) are about "
        f"{names}. Customers experience this as a {kind_text(lead.kind)}"
        f"{'; it is emerging' if any(s.emerging for s in chosen) else ''}."
    )
    return Proposal(
        title=title,
        theme_ids=ids,
        problem=problem,
        evidence=_evidence(curated, chosen, tickets),
        reach=_reach(tickets),
        impact=impact_from_friction(lead.friction),
        confidence=_confidence(curated, ids),
    )


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
    for s in chosen:
        recent = f"{s.recent} in the last 28 days" if s.recent is not None else "no dates"
        lines.append(
            f"- {curated.labels[s.theme_id].name}: {s.size} tickets ({recent}, growth "
            f"{'n/a' if s.growth is None else f'{100 * s.growth:+.0f}%'}); friction "
            f"{s.friction:.0f}/100; CSAT impact {percent(s.csat_impact, signed=True)}; "
            f"negative {percent(s.negative_share)}" + (" ; EMERGING" if s.emerging else "")
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
    "proposal_id", "title", "theme_ids", "reach", "impact", "confidence", "effort", "rice",
    "problem", "evidence", "issue_key", "author", "updated_at",
)  # fmt: skip


def _csv(header: Sequence[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else neutralise(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_proposals(proposals: list[Proposal], fmt: str) -> bytes:
    """Proposals as Markdown, CSV, JSON, or Jira-importable CSV (``jira``)."""
    if fmt == "json":
        data = [{**asdict(p), "rice": p.rice} for p in proposals]
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "csv":
        rows = [
            [
                {**asdict(p), "rice": p.rice, "theme_ids": " ".join(map(str, p.theme_ids))}[c]
                for c in _CSV_COLUMNS
            ]
            for p in proposals
        ]
        return _csv(_CSV_COLUMNS, rows)
    if fmt == "jira":
        # Jira's CSV importer maps these header names to fields without manual mapping.
        rows = [
            [
                p.title,
                "Story",
                JIRA_PRIORITY.get(p.impact, "Medium"),
                f"{p.problem}\n\nEvidence:\n{p.evidence}\n\n{_rice_line(p)}",
                "voc",
            ]
            for p in proposals
        ]
        return _csv(("Summary", "Issue Type", "Priority", "Description", "Labels"), rows)
    if fmt == "md":
        from voc.report.markdown import escape

        lines = ["# Roadmap proposals", ""]
        for p in proposals:
            lines += [f"## {escape(p.title)}", "", escape(p.problem), "", _rice_line(p), ""]
            lines += [f"- {escape(line.removeprefix('- '))}" for line in p.evidence.splitlines()]
            lines.append("")
        return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
    raise CurationError(
        f"unknown proposals format '{fmt}'; choose one of: {', '.join(EXPORT_FORMATS)}"
    )


def _rice_line(p: Proposal) -> str:
    rice = "n/a (enter the effort)" if p.rice is None else f"{p.rice:g}"
    return (
        f"RICE {rice}: reach {p.reach}, impact {p.impact:g}, confidence {p.confidence:.0%}, "
        f"effort {'n/a' if p.effort is None else f'{p.effort:g} person-weeks'}"
    )


__all__ = [
    "EXPORT_FORMATS",
    "Proposal",
    "draft_proposal",
    "export_proposals",
    "impact_from_friction",
    "saved_proposals",
]
