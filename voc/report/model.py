"""What a friction report says, collected once and rendered by every format.

:func:`build_report` reads a stored run and gathers the ranked themes, their evidence (scores
with components, quotes, organizations) and the methods; the renderers only lay it out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from voc import schema
from voc.curation.replay import DISMISSED, CuratedRun, ThemeLabel, curate
from voc.errors import StoreError
from voc.format import count, number, percent, shorten
from voc.lineage import RunChanges, ThemeChange
from voc.report.summary import executive_summary, rule_of, span, trend_words
from voc.schema import RunScores, Theme, ThemeScore
from voc.score import COMPONENTS
from voc.store import StoredRun, Workspace

MAX_QUOTES = 5
QUOTE_CHARS = 400  # quotes are cut (at a word) to this length
DEFAULT_TOP = 10  # themes shown in detail


@dataclass(frozen=True)
class Quote:
    """A ticket's words (cleaned, personal data masked) and its id, for tracing back."""

    ticket_id: str
    text: str


# Ticket fields each theme is broken down by, where the export has them, and values listed per
# field (the rest are summed as "other"): a card has room for about four.
BREAKDOWN_FIELDS: tuple[str, ...] = (schema.PLAN, schema.CHANNEL)
BREAKDOWN_VALUES = 4
NOT_GIVEN = "not given"
# A plan or channel is called over-represented in a theme at 1.5x its share of all tickets, from at
# least 5 of the theme's tickets (below that one ticket more or less swings the share).
OVER_RATIO, OVER_MIN_TICKETS = 1.5, 5


@dataclass(frozen=True)
class BreakdownRow:
    """One value of a field (a plan, a channel) within a theme, next to its share of all tickets."""

    value: str
    tickets: int
    share: float  # of the theme's tickets
    overall: float  # of all the run's tickets

    @property
    def over_represented(self) -> bool:
        """The value is clearly more common in the theme than overall (shown in bold)."""
        return self.tickets >= OVER_MIN_TICKETS and self.share >= OVER_RATIO * self.overall


@dataclass(frozen=True)
class Breakdown:
    """A theme's tickets by one field, biggest value first."""

    field: str
    rows: tuple[BreakdownRow, ...]


@dataclass(frozen=True)
class ThemeSection:
    """One theme as a report shows it: its score and the evidence behind it."""

    score: ThemeScore
    keywords: list[str]
    parent: str | None
    quotes: list[Quote]
    label: ThemeLabel  # analysts' status, notes and linked issue
    description: str = ""  # one sentence in the customers' words (voc.naming)
    breakdowns: tuple[Breakdown, ...] = ()  # by plan and channel, where the export has them
    trend: str = ""  # the trend in plain words (voc.report.summary.trend_words)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.score.to_dict(),
            "description": self.description,
            "trend_words": self.trend,
            "breakdowns": [dataclasses.asdict(b) for b in self.breakdowns],
            "keywords": self.keywords,
            "parent": self.parent,
            "quotes": [dataclasses.asdict(q) for q in self.quotes],
            "status": self.label.status,
            "issue_key": self.label.issue_key,
            "notes": [dataclasses.asdict(n) for n in self.label.notes],
        }


# The groups of the "since the last run" summary, in the order every view lists them.
CHANGE_GROUPS: tuple[str, ...] = ("new", "gone", "grown", "shrunk", "split", "merged", "renamed")


@dataclass(frozen=True)
class ChangeRow:
    """One line of the "since the last run" table: a theme, how it changed, before and after."""

    change: str  # one of CHANGE_GROUPS
    theme_id: int  # the new run's theme; the earlier run's for a gone theme
    name: str
    from_themes: tuple[int, ...]  # the earlier run's themes it descends from
    tickets_before: int | None
    tickets_after: int | None
    share_before: float | None
    share_after: float | None


@dataclass(frozen=True)
class SinceLastRun:
    """What changed since the run this one was traced against, as the report and the dashboard's
    Overview show it (the same rows, made once here)."""

    run_id: str
    earlier_run_id: str
    earlier_total: int
    new_total: int
    counts: dict[str, int]  # changed themes per group, every group of CHANGE_GROUPS
    unchanged: int
    rows: tuple[ChangeRow, ...]  # grouped in CHANGE_GROUPS order, biggest first within a group

    @property
    def headline(self) -> str:
        """One sentence, e.g. "Since run A (900 tickets): 1 new, 1 gone, ..., 12 unchanged"."""
        parts = ", ".join(f"{self.counts[g]} {g}" for g in CHANGE_GROUPS)
        return (
            f"Since run {self.earlier_run_id} ({self.earlier_total:,} tickets; this run "
            f"{self.new_total:,}): {parts}, {self.unchanged} unchanged."
        )

    @property
    def sentence(self) -> str:
        """The changes in plain words for the executive summary, naming the themes, e.g. "Since
        the previous run (900 tickets), 1 theme is new (Refund delays) and 1 grew (Login loop,
        30 to 120 tickets); 12 are unchanged."."""
        said = []
        for group in CHANGE_GROUPS:
            rows = [r for r in self.rows if r.change == group]
            if not rows:
                continue
            named = ", ".join(_change_name(r) for r in rows[:CHANGES_NAMED])
            more = f" and {len(rows) - CHANGES_NAMED} more" if len(rows) > CHANGES_NAMED else ""
            verb = _CHANGE_VERBS[group] if len(rows) == 1 else _CHANGE_VERBS_MANY[group]
            said.append(f"{count(len(rows), 'theme')} {verb} ({named}{more})")
        head = f"Since the previous run ({count(self.earlier_total, 'ticket')})"
        if not said:
            return f"{head}, no theme changed; {count(self.unchanged, 'theme')} unchanged."
        return f"{head}, {_join_words(said)}; {number(self.unchanged)} unchanged."


CHANGES_NAMED = 2  # themes named per change group in the summary sentence
_CHANGE_VERBS = {"new": "is new", "gone": "is gone", "grown": "grew", "shrunk": "shrank",
                 "split": "split", "merged": "merged", "renamed": "was renamed"}  # fmt: skip
_CHANGE_VERBS_MANY = {**_CHANGE_VERBS, "new": "are new", "gone": "are gone",
                      "renamed": "were renamed"}  # fmt: skip


def _change_name(row: ChangeRow) -> str:
    if row.change in ("grown", "shrunk") and row.share_before is not None:
        return f"{row.name}, {percent(row.share_before)} to {percent(row.share_after)} of tickets"
    return row.name


def _join_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def since_last_run(
    changes: RunChanges, names: Mapping[int, str] | None = None
) -> SinceLastRun | None:
    """The summary rows of ``changes``; None when the run has no earlier run.

    ``names`` (new-run theme id -> name, e.g. analysts' names) replaces the names the lineage
    recorded when the run was clustered; gone themes keep the earlier run's names.
    """
    if changes.earlier_run_id is None:
        return None
    names = names or {}

    def row(group: str, c: ThemeChange) -> ChangeRow:
        name = c.name if group == "gone" else names.get(c.theme_id, c.name)
        return ChangeRow(
            group, c.theme_id, name, c.earlier_theme_ids, c.size_before, c.size_after,
            c.share_before, c.share_after,
        )  # fmt: skip

    return SinceLastRun(
        run_id=changes.run_id,
        earlier_run_id=changes.earlier_run_id,
        earlier_total=changes.earlier_total,
        new_total=changes.new_total,
        counts={g: len(getattr(changes, g)) for g in CHANGE_GROUPS},
        unchanged=changes.unchanged,
        rows=tuple(row(g, c) for g in CHANGE_GROUPS for c in getattr(changes, g)),
    )


def run_changes(run: StoredRun) -> RunChanges | None:
    """What changed since the run ``run`` was traced against (``voc diff``'s data); None for a
    first run, a run made before lineage, or when the earlier run is no longer in the workspace."""
    lineage = run.lineage()
    if lineage is None or lineage.earlier_run_id is None:
        return None
    try:
        return Workspace(run.path.parent.parent).changes(run.run_id)
    except StoreError:
        return None


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
    dismissed: list[ThemeSection] = field(default_factory=list)  # by analysts; not ranked
    edits: int = 0  # analysts' edits applied
    since_last_run: SinceLastRun | None = None  # None: no earlier run to compare with
    summary: tuple[str, ...] = ()  # the executive summary (voc.report.summary)

    @property
    def window(self) -> str:
        """The recent window in words ("4 weeks"): growth compares it with the one before."""
        return span(rule_of(self.scores).recent_days)

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
            "executive_summary": list(self.summary),
            "summary": scores,
            "unthemed": self.unthemed,
            "warnings": self.warnings,
            "emerging": [t.score.theme_id for t in self.emerging],
            "edits_applied": self.edits,
            "since_last_run": None
            if self.since_last_run is None
            else dataclasses.asdict(self.since_last_run),
            "dismissed": [t.to_dict() for t in self.dismissed],
            "themes": [t.to_dict() for t in self.themes],
            "methods": self.methods(),
        }


def build_report(run: StoredRun | CuratedRun, top: int = DEFAULT_TOP) -> Report:
    """Gather a run's scores and evidence, with its analysts' edits applied when ``run`` is a
    :class:`~voc.curation.replay.CuratedRun`: their names, kinds, merges, notes; dismissed themes
    are left out of the ranking and listed apart."""
    curated = run if isinstance(run, CuratedRun) else curate(run, [])
    scores = curated.scores
    themes = {t.theme_id: t for t in curated.themes}
    parents = {p.parent_id: p.name for p in curated.parents}
    rule = rule_of(scores)
    breakdowns = theme_breakdowns(curated.tickets)
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
            label=curated.labels[score.theme_id],
            description=themes[score.theme_id].description,
            breakdowns=breakdowns.get(score.theme_id, ()),
            trend=trend_words(score, rule),
        )
        for score in scores.themes
        if score.theme_id != schema.UNTHEMED_ID
    ]
    ranked = [s for s in sections if s.label.status != DISMISSED]
    ranked = [replace(s, score=replace(s.score, rank=i)) for i, s in enumerate(ranked, start=1)]
    unthemed = sum(s.size for s in scores.themes if s.theme_id == schema.UNTHEMED_ID)
    info = curated.stored.info
    changes = run_changes(curated.stored)
    names = {theme_id: label.name for theme_id, label in curated.labels.items()}
    since = None if changes is None else since_last_run(changes, names)
    return Report(
        run_id=curated.run_id,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        source=Path(info.input.path).name,
        helpdesk=info.input.helpdesk,
        rows=info.rows.to_dict(),
        scores=scores,
        themes=ranked,
        unthemed=unthemed,
        top=top,
        warnings=list(info.warnings),
        dismissed=[s for s in sections if s.label.status == DISMISSED],
        edits=sum(1 for h in curated.history if h.effective),
        since_last_run=since,
        summary=tuple(
            executive_summary(
                scores,
                [t.score for t in ranked],
                None if since is None else since.sentence,
                unthemed,
            )
        ),
    )


def theme_breakdowns(tickets: pd.DataFrame) -> dict[int, tuple[Breakdown, ...]]:
    """Each theme's tickets by plan and by channel (the fields of :data:`BREAKDOWN_FIELDS` the
    export has): the biggest values, the rest as "other", missing values as "not given"."""
    fields = [f for f in BREAKDOWN_FIELDS if f in tickets and tickets[f].notna().any()]
    out: dict[int, list[Breakdown]] = {}
    for name in fields:
        values = tickets[name].astype("string").str.strip().replace("", pd.NA).fillna(NOT_GIVEN)
        overall = values.value_counts(normalize=True)
        for theme_id, group in values.groupby(tickets[schema.THEME_ID].to_numpy(), sort=True):
            counts = group.value_counts()
            shown = counts.head(BREAKDOWN_VALUES)
            rows = [
                BreakdownRow(str(v), int(n), n / len(group), float(overall[v]))
                for v, n in shown.items()
            ]
            rest = int(counts.iloc[BREAKDOWN_VALUES:].sum())
            if rest:
                other = float(overall.drop(shown.index).sum())
                rows.append(BreakdownRow("other", rest, rest / len(group), other))
            out.setdefault(int(theme_id), []).append(Breakdown(name, tuple(rows)))
    return {theme_id: tuple(b) for theme_id, b in out.items()}


def _parent_name(parents: dict[int, str], theme: Theme) -> str | None:
    """The theme's parent, when it groups more than this theme (its name differs)."""
    name = parents.get(theme.parent_id) if theme.parent_id is not None else None
    return name if name and name != theme.name else None
