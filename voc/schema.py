"""Canonical column names and the typed records that flow between pipeline steps."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

# Canonical ticket columns: every export is mapped onto these names.
TICKET_ID = "ticket_id"
SUBJECT = "subject"
BODY = "body"
CREATED_AT = "created_at"
STATUS = "status"
PRIORITY = "priority"
CHANNEL = "channel"
TAGS = "tags"
CSAT = "csat"
REQUESTER = "requester"
ORGANIZATION = "organization"
PLAN = "plan"
REOPENS = "reopens"
REPLIES = "replies"
RESOLUTION_MINUTES = "resolution_minutes"
FIRST_RESPONSE_MINUTES = "first_response_minutes"
ESCALATED = "escalated"
AGENT_INTERACTIONS = "agent_interactions"
CUSTOMER_INTERACTIONS = "customer_interactions"
# Columns ingest derives from the canonical ones.
CSAT_RAW = "csat_raw"  # the CSAT value as exported; ``csat`` holds it normalised to 0..1
LANGUAGE = "language"  # ISO 639-1 code detected from the ticket text, "und" when unsure
# Columns the pipeline adds.
ROW_NUMBER = "row_number"
TEXT = "text"
THEME_ID = "theme_id"
THEME_NAME = "theme_name"
PARENT_ID = "parent_id"
THEME_SIMILARITY = "theme_similarity"
MAP_X = "map_x"
MAP_Y = "map_y"
KIND = "kind"  # the kind a ticket's text leans to (a theme's kind is its tickets' majority)
SENTIMENT = "sentiment"  # positive minus negative prototype similarity; below zero leans negative

# Effort signals: counts, durations in minutes, and escalated as 0/1.
EFFORT_FIELDS: tuple[str, ...] = (
    REOPENS,
    REPLIES,
    RESOLUTION_MINUTES,
    FIRST_RESPONSE_MINUTES,
    ESCALATED,
    AGENT_INTERACTIONS,
    CUSTOMER_INTERACTIONS,
)
METADATA_FIELDS: tuple[str, ...] = (
    STATUS,
    PRIORITY,
    CHANNEL,
    TAGS,
    CSAT,
    REQUESTER,
    ORGANIZATION,
    PLAN,
    *EFFORT_FIELDS,
)
NUMERIC_FIELDS: tuple[str, ...] = (REOPENS, REPLIES, AGENT_INTERACTIONS, CUSTOMER_INTERACTIONS)
DURATION_FIELDS: tuple[str, ...] = (RESOLUTION_MINUTES, FIRST_RESPONSE_MINUTES)
CANONICAL_FIELDS: tuple[str, ...] = (TICKET_ID, SUBJECT, BODY, CREATED_AT, *METADATA_FIELDS)

UNTHEMED_ID = -1
UNTHEMED_NAME = "Unthemed"


@dataclass(frozen=True)
class SkippedRow:
    """A row of the export that could not be used, and why.

    ``row_number`` is the 1-based line of the record in the file (the header is line 1).
    """

    row_number: int
    ticket_id: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class LineCounts:
    """What a delimited text file holds, line by line, so that the records read can be checked
    against the file: ``physical == records + blank + continuation``.

    ``records`` counts the header and every data record, broken ones included (as one record of
    one line: their other lines are counted as what they were read again as); ``continuation``
    the lines after the first of multi-line records (quoted cells with line breaks).
    """

    physical: int
    records: int
    blank: int
    continuation: int

    @property
    def adds_up(self) -> bool:
        """Whether every physical line is accounted for."""
        return self.physical == self.records + self.blank + self.continuation

    def to_dict(self) -> dict[str, int]:
        """JSON-ready form, as in the manifest's ``rows.lines``."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class IngestResult:
    """An export read and mapped to canonical columns, with an account of every row."""

    path: str
    sha256: str
    encoding: str
    delimiter: str
    column_map: dict[str, list[str]]
    frame: pd.DataFrame
    rows_read: int
    skipped: list[SkippedRow]
    warnings: list[str] = field(default_factory=list)
    format: str = "csv"  # csv, tsv, xlsx, json, jsonl or parquet
    detail: str = ""  # e.g. which sheet of a workbook, or which key of a JSON document
    helpdesk: str | None = None  # the helpdesk recognised by its headers, None for a generic export
    value_formats: dict[str, str] = field(default_factory=dict)  # how dates, CSAT... were read
    unmapped_columns: list[str] = field(default_factory=list)  # export columns voc does not use
    clean_seconds: float = 0.0  # time in the prepare step, summed over the processes that ran it
    clean_processes: int = 1  # how many processes cleaned chunks
    lines: LineCounts | None = None  # delimited text only: the file's lines, accounted for

    @property
    def rows_used(self) -> int:
        """Rows kept for the rest of the pipeline."""
        return len(self.frame)

    def skipped_by_reason(self) -> dict[str, int]:
        """How many rows were skipped for each reason."""
        counts: dict[str, int] = {}
        for row in self.skipped:
            counts[row.reason] = counts.get(row.reason, 0) + 1
        return dict(sorted(counts.items()))


@dataclass(frozen=True)
class ThemeQuality:
    """How coherent a theme is and how close it comes to its neighbours."""

    cohesion: float
    nearest_theme_id: int | None
    nearest_similarity: float | None
    split_similarity: float | None
    mixed: bool


@dataclass(frozen=True)
class Theme:
    """One discovered theme: what it is called, how big it is, and tickets that show it."""

    theme_id: int
    name: str
    size: int
    share: float
    keywords: list[str]
    representative_ids: list[str]
    representative_texts: list[str]
    parent_id: int | None = None
    quality: ThemeQuality | None = None
    description: str = ""  # one sentence: what its customers report, in their words
    language: str = "und"  # ISO 639-1 code most of its tickets are written in

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in ``themes.json``."""
        return {
            "theme_id": self.theme_id,
            "name": self.name,
            "description": self.description,
            "language": self.language,
            "parent_id": self.parent_id,
            "size": self.size,
            "share": round(self.share, 6),
            "keywords": self.keywords,
            "quality": None if self.quality is None else dataclasses.asdict(self.quality),
            "representatives": [
                {"ticket_id": tid, "text": text}
                for tid, text in zip(
                    self.representative_ids, self.representative_texts, strict=True
                )
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Theme:
        """Inverse of :meth:`to_dict`."""
        reps = data.get("representatives", [])
        return cls(
            theme_id=int(data["theme_id"]),
            name=str(data["name"]),
            size=int(data["size"]),
            share=float(data["share"]),
            keywords=list(data.get("keywords", [])),
            representative_ids=[r["ticket_id"] for r in reps],
            representative_texts=[r["text"] for r in reps],
            parent_id=data.get("parent_id"),
            quality=ThemeQuality(**data["quality"]) if data.get("quality") else None,
            description=str(data.get("description", "")),
            language=str(data.get("language", "und")),
        )


@dataclass(frozen=True)
class ParentTheme:
    """A group of related themes, for the big picture before the detail."""

    parent_id: int
    name: str
    theme_ids: list[int]
    size: int
    share: float
    keywords: list[str]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in ``themes.json``."""
        return {**dataclasses.asdict(self), "share": round(self.share, 6)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParentTheme:
        """Inverse of :meth:`to_dict`."""
        return cls(**data)


@dataclass(frozen=True)
class EffortSignal:
    """One effort measure of a theme next to the same measure over all tickets."""

    theme_mean: float
    overall_mean: float
    tickets: int  # the theme's tickets that have a value

    @property
    def ratio(self) -> float:
        """Theme mean over overall mean: above 1 is more effort than usual."""
        return self.theme_mean / self.overall_mean if self.overall_mean else 1.0


@dataclass(frozen=True)
class TrendTest:
    """The numbers behind a theme's emerging decision, so every surface can say it in words."""

    recent: int  # tickets in the recent window
    baseline: int  # tickets in the baseline before it
    expected: float  # recent tickets its baseline share of all tickets predicts
    p_value: float  # one-sided Poisson test of ``recent`` against ``expected``

    @property
    def ratio(self) -> float:
        """Recent tickets over the expected count."""
        return self.recent / self.expected if self.expected else math.inf


@dataclass(frozen=True)
class TrendRule:
    """The run's emerging rule (from its ``ScoreConfig``), stored with the scores it made."""

    recent_days: int
    baseline_days: int
    min_recent: int
    emerging_ratio: float
    emerging_alpha: float


@dataclass(frozen=True)
class ThemeScore:
    """Every measure of one theme, the friction score built from them, and its components.

    ``components`` holds each ingredient of the friction score on a 0..1 scale, only for those the
    export had data for; ``evidence`` is the share of the score's total weight they carry.
    """

    theme_id: int
    name: str
    kind: str
    kind_confidence: float  # share of the theme's tickets that lean to ``kind``
    size: int
    share: float
    weekly: list[tuple[str, int]]  # (Monday of the week, tickets), every week of the run
    recent: int | None  # tickets in the recent window
    previous: int | None  # tickets in the window of the same length before it
    growth: float | None  # recent / previous - 1, when both together reach the minimum count
    emerging: bool
    emerging_note: str  # why it is (or is not) emerging, in words
    negative_share: float | None
    csat_mean: float | None
    csat_count: int
    csat_impact: float | None  # overall CSAT minus CSAT without this theme (negative: it hurts)
    effort: dict[str, EffortSignal]
    organizations: int | None
    requesters: int | None
    top_organizations: list[tuple[str, int]]
    components: dict[str, float]
    evidence: float
    friction: float  # 0..100
    rank: int
    kind_by_analyst: bool = False  # the kind was set by an analyst, not the classifier
    trend: TrendTest | None = None  # None: no dates, too short an export, or Unthemed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in ``scores.json``."""
        data = dataclasses.asdict(self)
        data["weekly"] = [list(w) for w in self.weekly]
        data["top_organizations"] = [list(o) for o in self.top_organizations]
        data["effort"] = {
            k: {**dataclasses.asdict(v), "ratio": round(v.ratio, 6)} for k, v in self.effort.items()
        }
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThemeScore:
        """Inverse of :meth:`to_dict`."""
        names = {f.name for f in dataclasses.fields(EffortSignal)}
        values = {
            **data,
            "weekly": [(str(w), int(n)) for w, n in data["weekly"]],
            "top_organizations": [(str(o), int(n)) for o, n in data["top_organizations"]],
            "effort": {
                k: EffortSignal(**{n: v[n] for n in names}) for k, v in data["effort"].items()
            },
            "trend": TrendTest(**data["trend"]) if data.get("trend") else None,
        }
        return cls(**values)


@dataclass(frozen=True)
class RunScores:
    """The scores of every theme of a run, ranked by friction, and the run-wide figures."""

    themes: list[ThemeScore]  # ranked, Unthemed last
    tickets: int
    csat_mean: float | None
    first_ticket: str | None  # ISO time of the oldest and newest ticket
    last_ticket: str | None
    recent_start: str | None  # where the recent window starts
    weights: dict[str, float]  # friction score weight of each component
    missing: list[str]  # components no theme could have: the export lacks their columns
    rule: TrendRule | None = None  # the emerging rule; None in runs scored before it was kept

    @property
    def emerging(self) -> list[ThemeScore]:
        """Emerging themes, highest friction first."""
        return [t for t in self.themes if t.emerging]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in ``scores.json``."""
        return {
            **{
                f.name: getattr(self, f.name)
                for f in dataclasses.fields(self)
                if f.name not in ("themes", "rule")
            },
            "rule": None if self.rule is None else dataclasses.asdict(self.rule),
            "themes": [t.to_dict() for t in self.themes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunScores:
        """Inverse of :meth:`to_dict`."""
        rule = TrendRule(**data["rule"]) if data.get("rule") else None
        themes = [ThemeScore.from_dict(t) for t in data["themes"]]
        return cls(**{**data, "themes": themes, "rule": rule})
