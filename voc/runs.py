"""``run``: cluster one export into a workspace, the call the CLI, the dashboard and tools make.

The workspace-level work around the one-way pipeline (:func:`voc.pipeline.cluster_export`) lives
here, in order: remove what killed runs left behind; read the newest earlier run once (the
re-run's reuse decision and the lineage both use that one read); run the pipeline; store the run;
replay analysts' curation of the earlier run onto it.

Example:
    >>> result = run("sample_data/sample_tickets.csv", "workspace")  # doctest: +SKIP
    >>> [(t.name, t.size) for t in result.themes][:3]  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from voc.config import RunConfig
from voc.curation.carry import Replay, replay_curation
from voc.embed import Embedder, Progress
from voc.engine import Engine, make_engine
from voc.firstpass import Placer
from voc.manifest import RunManifest
from voc.pipeline import cluster_export
from voc.schema import IngestResult, ParentTheme, Theme
from voc.store import StoredRun, Workspace
from voc.update import FIT_COLUMNS, LINEAGE_COLUMNS, EarlierRun, may_keep


@dataclass(frozen=True)
class RunResult:
    """A finished run: where it is stored, its themes, and the account of its rows."""

    stored: StoredRun
    ingest: IngestResult
    replayed: Replay | None = None  # analysts' curation of the previous run, replayed onto it

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

    @property
    def info(self) -> RunManifest:
        """The manifest, typed."""
        return self.stored.info


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
    salt = ws.salt()
    made = cluster_export(
        input_path,
        config,
        run_id=ws.new_run_id(),
        salt=salt,
        cache=ws.embedding_cache(),
        earlier=load_earlier(ws, config),
        progress=progress,
        embedder=embedder,
        engine=engine,
    )
    if progress:
        progress("write", 0, 1)
    stored = ws.write_run(
        made.run_id,
        made.manifest,
        made.tickets,
        made.themes,
        made.parents,
        made.skipped,
        made.centroids,
        made.scores,
        made.lineage,
        made.placer,
    )
    if progress:
        progress("write", 1, 1)
    replayed = (
        replay_curation(ws.root, stored.run_id, tickets=made.tickets)
        if config.themes.carry_labels
        else None
    )
    return RunResult(stored=stored, ingest=made.ingest, replayed=replayed)


def load_earlier(ws: Workspace, config: RunConfig) -> EarlierRun | None:
    """The newest run of the workspace, as the pipeline needs it; None when there is none.

    Its ticket table is read once, for both uses: the columns lineage traces, and those keeping
    its fit needs when its settings allow a re-run to keep it (:func:`voc.update.may_keep`).
    """
    ids = ws.run_ids()
    if not ids:
        return None
    stored = ws.load_run(ids[-1])
    then = stored.config()
    wanted = LINEAGE_COLUMNS + (FIT_COLUMNS if may_keep(then, config) else ())
    present = set(stored.ticket_columns())  # a run of an older voc may lack some
    table = stored.tickets([c for c in wanted if c in present])
    earlier = EarlierRun.from_table(stored.info, then, table, stored.run_themes(table))
    return replace(earlier, placer=fit_placer(ws, earlier, config))


def fit_placer(ws: Workspace, earlier: EarlierRun, config: RunConfig) -> Placer | None:
    """The first-pass student of the run ``earlier``'s themes were learnt in, when a re-run
    under ``config`` may place its new tickets with it: the first pass is on, with the settings
    the student was made and calibrated with; None otherwise (or when that run is gone)."""
    if not config.first_pass.enabled or not may_keep(earlier.config, config):
        return None
    if earlier.fit_run not in ws.run_ids():
        return None
    fit = ws.load_run(earlier.fit_run)
    return fit.placer() if fit.config().first_pass == config.first_pass else None
