"""What a friction report says, collected once and rendered by every format.

:func:`build_report` reads a stored run and gathers the ranked themes, their evidence (scores
with components, quotes, organizations) and the methods; the renderers only lay it out.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from voc import schema
from voc.classify import load_prototypes
from voc.config import RunConfig
from voc.report.format import shorten
from voc.schema import RunScores, Theme, ThemeScore
from voc.score import COMPONENTS, score_themes
from voc.store import StoredRun

MAX_QUOTES = 5
QUOTE_CHARS = 400  # quotes are cut (at a word) to this length
DEFAULT_TOP = 10  # themes shown in detail


@dataclass(frozen=True)
class Quote:
    """A ticket's words (cleaned, personal data masked) and its id, for tracing back."""

    ticket_id: str
    text: str


@dataclass(frozen=True)
class ThemeSection:
    """One theme as a report shows it: its score and the evidence behind it."""

    score: ThemeScore
    keywords: list[str]
    parent: str | None
    quotes: list[Quote]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.score.to_dict(),
            "keywords": self.keywords,
            "parent": self.parent,
            "quotes": [dataclasses.asdict(q) for q in self.quotes],
        }


@dataclass(frozen=True)
class Report:
    """Everything a friction report shows, in ranked order."""

    run_id: str
    generated_at: str
    source: str  # the export's file name
    helpdesk: str | None
    rows: dict[str, Any]
    scores: RunScores
    themes: list[ThemeSection]  # ranked by friction; Unthemed is left out
    unthemed: int
    top: int
    warnings: list[str]

    @property
    def detailed(self) -> list[ThemeSection]:
        """The top themes, shown with their evidence."""
        return self.themes[: self.top]

    @property
    def emerging(self) -> list[ThemeSection]:
        return [t for t in self.themes if t.score.emerging]

    def methods(self) -> list[str]:
        """How every number was made, in plain sentences (the same in every format)."""
        w = self.scores.weights
        parts = ", ".join(f"{name} {w[name]:.2f}" for name in COMPONENTS)
        missing = (
            f" This export has no data for: {', '.join(self.scores.missing)}; those components "
            "are left out and the other weights scaled up."
            if self.scores.missing
            else ""
        )
        return [
            "Themes are groups of tickets with similar meaning, found by embedding each ticket "
            "with the all-MiniLM-L6-v2 model and clustering the embeddings (UMAP, then HDBSCAN). "
            "Quotes are the tickets closest to a theme's centre, with personal data masked.",
            "Kind and sentiment come from prototype sentences: each ticket is compared with "
            "example sentences per kind (defect, friction, question, billing, feature request, "
            "praise) and per sentiment; a theme takes the kind most of its tickets lean to, and "
            "its confidence is the share that does.",
            "The friction score (0-100) is a weighted mean of components on a 0-1 scale: "
            f"{parts}. Volume is log-scaled against the biggest theme; kind is the kind's "
            "severity (defect 1, praise 0); sentiment is the share of negative tickets; CSAT is "
            "1 minus the theme's mean satisfaction; effort compares reopens, replies and times "
            "with the run's average; trend is 1 for an emerging theme, else its growth; reach "
            "is the organizations affected relative to the widest theme. Evidence is the share "
            f"of the weights that the export had data for.{missing}",
            "CSAT impact is the overall mean CSAT minus the mean without the theme's tickets, in "
            "points: negative means the theme drags satisfaction down.",
            "Growth compares the recent window with the window of the same length before it. "
            "A theme is emerging when its tickets in the recent window are at least the "
            "configured multiple of what its earlier share of all tickets predicts, and a "
            "one-sided Poisson test makes that count unlikely by chance (see each theme's note). "
            "Weeks start on Monday (UTC); the newest week may be partial.",
        ]

    def to_dict(self) -> dict[str, Any]:
        scores = self.scores.to_dict()
        scores.pop("themes")
        return {
            "run_id": self.run_id,
            "generated_at": self.generated_at,
            "source": self.source,
            "helpdesk": self.helpdesk,
            "rows": self.rows,
            "summary": scores,
            "unthemed": self.unthemed,
            "warnings": self.warnings,
            "emerging": [t.score.theme_id for t in self.emerging],
            "themes": [t.to_dict() for t in self.themes],
            "methods": self.methods(),
        }


def build_report(stored: StoredRun, top: int = DEFAULT_TOP) -> Report:
    """Gather a stored run's scores and evidence; scores are computed for runs made before voc
    stored them (kind and sentiment are then unknown)."""
    scores = stored.scores() or _score_old_run(stored)
    themes = {t.theme_id: t for t in stored.themes}
    parents = {p.parent_id: p.name for p in stored.parents}
    sections = [
        ThemeSection(
            score=score,
            keywords=themes[score.theme_id].keywords,
            parent=_parent_name(parents, themes[score.theme_id]),
            quotes=[
                Quote(tid, shorten(text, QUOTE_CHARS))
                for tid, text in zip(
                    themes[score.theme_id].representative_ids[:MAX_QUOTES],
                    themes[score.theme_id].representative_texts[:MAX_QUOTES],
                    strict=True,
                )
            ],
        )
        for score in scores.themes
        if score.theme_id != schema.UNTHEMED_ID
    ]
    unthemed = sum(s.size for s in scores.themes if s.theme_id == schema.UNTHEMED_ID)
    return Report(
        run_id=stored.run_id,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        source=Path(stored.manifest["input"]["path"]).name,
        helpdesk=stored.manifest["input"].get("helpdesk"),
        rows=stored.manifest["rows"],
        scores=scores,
        themes=sections,
        unthemed=unthemed,
        top=top,
        warnings=list(stored.manifest.get("warnings", [])),
    )


def _parent_name(parents: dict[int, str], theme: Theme) -> str | None:
    """The theme's parent, when it groups more than this theme (its name differs)."""
    name = parents.get(theme.parent_id) if theme.parent_id is not None else None
    return name if name and name != theme.name else None


def _score_old_run(stored: StoredRun) -> RunScores:
    config = RunConfig().score  # such runs predate the score settings
    severity = load_prototypes(config.prototypes_file).severity
    return score_themes(stored.tickets(), stored.themes, config, severity)
