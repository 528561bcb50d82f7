"""``RunManifest``: a run's ``manifest.json`` as a typed, frozen record.

The manifest says what a run read, how it was made and what it found (docs/workspace.md lists
every key). The pipeline builds a :class:`RunManifest`; :meth:`RunManifest.to_dict` gives the
JSON the workspace writes, key for key and in the same order, and :meth:`RunManifest.from_dict`
reads it back (``from_dict(m).to_dict() == m`` for a manifest this voc wrote). Manifests of older
runs read too: a key they lack takes its default, or None for a whole section added since; keys
this voc does not know are kept, at the top level, in ``extra``.

Example:
    >>> info = Workspace("workspace").load_run().info  # doctest: +SKIP
    >>> info.rows.used, info.embedding.model_id  # doctest: +SKIP
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Self

_OMIT_NONE = "omit_when_none"  # field metadata: a None value is left out of the JSON


def _optional() -> Any:
    """A field that older manifests lack, and that the JSON leaves out while it is None."""
    return field(default=None, metadata={_OMIT_NONE: True})


class _Record:
    """JSON keys are the field names, in declaration order; nested records by ``_nested``."""

    _nested: ClassVar[Mapping[str, type[_Record]]] = {}

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (copies: editing it leaves the record as it is)."""
        data: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is None and f.metadata.get(_OMIT_NONE):
                continue
            data[f.name] = value.to_dict() if isinstance(value, _Record) else copy.deepcopy(value)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read the record; missing keys take their defaults, unknown keys are ignored."""
        values: dict[str, Any] = {}
        for f in fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            value = data[f.name]
            nested = cls._nested.get(f.name)
            if nested is not None and value is not None:
                values[f.name] = nested.from_dict(value)
            else:
                values[f.name] = copy.deepcopy(value)
        return cls(**values)


@dataclass(frozen=True)
class InputRecord(_Record):
    """The export the run read, and how it was read."""

    path: str = ""
    sha256: str = ""
    encoding: str = ""
    delimiter: str = ""
    format: str = "csv"
    detail: str = ""
    helpdesk: str | None = None
    column_map: dict[str, list[str]] = field(default_factory=dict)
    unmapped_columns: list[str] = field(default_factory=list)
    value_formats: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RowsRecord(_Record):
    """The account of the export's rows: read, used, skipped (and why)."""

    read: int = 0
    used: int = 0
    skipped: int = 0
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    lines: dict[str, int] | None = _optional()  # delimited text only


@dataclass(frozen=True)
class EmbeddingRecord(_Record):
    """Which model embedded the tickets, and what the cache answered."""

    model_id: str | None = None
    dimensions: int = 0
    cache_hits: int = 0
    computed: int = 0
    max_chars: int = 0
    truncated_for_embedding: int = 0
    # Vectors that are the first pass's student's, not the model's (voc/firstpass.py); a
    # re-run's count the cached ones it read for tickets whose theme it kept.
    first_pass_guesses: int | None = _optional()


@dataclass(frozen=True)
class UpdateRecord(_Record):
    """What a re-run kept of the newest earlier run's themes (``voc.update``)."""

    of_run: str = ""
    fit_run: str = ""
    kept: int = 0
    new: int = 0
    new_since_fit: int = 0
    new_themes: int = 0
    # Tickets without a cached vector placed by the fit run's first-pass student (voc/firstpass.py)
    placed_by_student: int = 0


@dataclass(frozen=True)
class ClusteringRecord(_Record):
    """How the themes were found: sizes, noise, per-step timings, and a re-run's update."""

    _nested: ClassVar[Mapping[str, type[_Record]]] = {"update": UpdateRecord}

    min_theme_size: int = 0
    fit_sample: int | None = None
    hdbscan_noise: int = 0
    assigned_from_noise: int = 0
    moved_by_smoothing: int = 0
    timings_seconds: dict[str, float] = field(default_factory=dict)
    update: UpdateRecord | None = None  # None: themes learnt afresh


@dataclass(frozen=True)
class ThemesRecord(_Record):
    """How many themes, parent themes, mixed themes and unthemed tickets the run has."""

    count: int = 0
    parents: int = 0
    mixed: int = 0
    unthemed: int = 0
    unthemed_share: float = 0.0


@dataclass(frozen=True)
class ScoresRecord(_Record):
    """The scoring summary (the scores themselves are in scores.json)."""

    prototypes: str = ""
    kinds: dict[str, int] = field(default_factory=dict)
    emerging: list[int] = field(default_factory=list)
    missing_components: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LanguagesRecord(_Record):
    """How the run served its tickets' languages (voc/crosslingual.py)."""

    mode: str = "main"
    languages: dict[str, int] = field(default_factory=dict)
    outside_share: float = 0.0
    fitted_with_main_embedder: int = 0
    multilingual_model: str | None = None
    bridge: dict[str, Any] | None = None


@dataclass(frozen=True)
class FirstPassRecord(_Record):
    """What the first pass of a large input embedded with the full model (voc/firstpass.py)."""

    sample: int = 0  # the fitting sample: embedded with the full model
    calibration: int = 0  # other tickets embedded both ways to set the cutoff
    placed_by_student: int = 0
    sent_to_full_model: int = 0  # below the cutoff, or with no term the student knows
    without_known_term: int = 0
    full_model_texts: int = 0  # sample + calibration + sent to the full model
    cutoff: float | None = None  # None: the student placed no fitted ticket
    # The least share of a ticket's words the student must know (voc.firstpass.least_known_share)
    min_known_share: float | None = None
    calibration_agreement: float = 0.0  # among the calibration tickets at or above the cutoff
    calibration_accepted_share: float = 0.0
    student_agreement: float = 0.0  # on every calibration ticket, before the cutoff
    vocabulary: int = 0


@dataclass(frozen=True)
class LineageRecord(_Record):
    """The summary of the run's lineage (the whole of it is in lineage.json)."""

    earlier_run: str | None = None
    relations: dict[str, int] = field(default_factory=dict)
    gone: int = 0
    assign_threshold: float | None = None


@dataclass(frozen=True)
class RunManifest(_Record):
    """Everything ``manifest.json`` records about a run (docs/workspace.md, "manifest.json")."""

    _nested: ClassVar[Mapping[str, type[_Record]]] = {
        "input": InputRecord,
        "rows": RowsRecord,
        "embedding": EmbeddingRecord,
        "clustering": ClusteringRecord,
        "themes": ThemesRecord,
        "scores": ScoresRecord,
        "languages": LanguagesRecord,
        "lineage": LineageRecord,
        "first_pass": FirstPassRecord,
    }

    run_id: str
    created_at: str = ""
    input: InputRecord = field(default_factory=InputRecord)
    rows: RowsRecord = field(default_factory=RowsRecord)
    warnings: list[str] = field(default_factory=list)
    embedding: EmbeddingRecord = field(default_factory=EmbeddingRecord)
    clustering: ClusteringRecord = field(default_factory=ClusteringRecord)
    themes: ThemesRecord = field(default_factory=ThemesRecord)
    scores: ScoresRecord | None = _optional()
    seed: int = 0
    config: dict[str, Any] = field(default_factory=dict)  # RunConfig.to_dict()
    versions: dict[str, str] = field(default_factory=dict)
    timings_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] | None = _optional()
    engine: dict[str, Any] | None = _optional()  # Engine.describe(): its keys vary by engine
    naming: dict[str, Any] | None = _optional()  # offline, or the LLM namer's report
    languages: LanguagesRecord | None = _optional()
    lineage: LineageRecord | None = _optional()
    first_pass: FirstPassRecord | None = _optional()
    extra: dict[str, Any] = field(default_factory=dict)  # keys this voc does not know

    @property
    def language_mode(self) -> str | None:
        """``main``, ``bridge`` or ``multilingual``; None for a run made before voc recorded it."""
        return self.languages.mode if self.languages else None

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data.update(data.pop("extra"))
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        known = {f.name for f in fields(cls)} - {"extra"}
        extra = {k: copy.deepcopy(v) for k, v in data.items() if k not in known}
        return super().from_dict({**{k: data[k] for k in data if k in known}, "extra": extra})
