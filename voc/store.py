"""The workspace on disk: immutable run folders, the embedding cache, the pseudonym salt.

Layout (a contract documented in ``docs/workspace.md``)::

    WORKSPACE/
      runs/<run_id>/manifest.json, tickets.parquet, themes.json, scores.json,
                    assignments.csv, skipped.csv, centroids.npy, [student.npz]
      cache/embeddings/<model>/*.npz
      .voc-salt

A run is written to ``runs/.tmp-<run_id>`` and renamed when complete, so a crash never leaves a
half-written run; run ids sort by creation time, and the newest complete run is the default.
"""

from __future__ import annotations

import csv
import json
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from voc import schema
from voc.atomic import held, remove_abandoned, write_error, write_whole
from voc.config import RunConfig
from voc.embed import EmbeddingCache
from voc.embed.student import StaticStudent
from voc.errors import StoreError
from voc.firstpass import Placer
from voc.lineage import Lineage, RunChanges, RunThemes, changes
from voc.manifest import RunManifest
from voc.schema import ParentTheme, RunScores, SkippedRow, Theme

MANIFEST = "manifest.json"
TICKETS = "tickets.parquet"
THEMES = "themes.json"
ASSIGNMENTS = "assignments.csv"
SKIPPED = "skipped.csv"
CENTROIDS = "centroids.npy"
SCORES = "scores.json"
LINEAGE = "lineage.json"
STUDENT = "student.npz"
ASSIGNMENT_COLUMNS = (schema.TICKET_ID, schema.THEME_ID, schema.THEME_NAME)
SKIPPED_COLUMNS = ("row_number", "ticket_id", "reason", "detail")
_TMP_PREFIX = ".tmp-"


@dataclass(frozen=True)
class StoredRun:
    """A complete run read back from the workspace."""

    run_id: str
    path: Path
    manifest: dict[str, Any]  # manifest.json as read; ``info`` is the same, typed
    themes: list[Theme]
    parents: list[ParentTheme]

    @property
    def info(self) -> RunManifest:
        """The run's manifest as a typed record (docs/workspace.md, "manifest.json")."""
        return RunManifest.from_dict(self.manifest)

    def tickets(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The run's ticket table, or some of its columns (read on demand: it can be large)."""
        chosen = None if columns is None else list(columns)
        return pd.read_parquet(self.path / TICKETS, columns=chosen)

    def ticket_columns(self) -> list[str]:
        """The columns of the run's ticket table (read from the file's schema, not its rows)."""
        return pq.read_schema(self.path / TICKETS).names

    def config(self) -> RunConfig:
        """The settings the run was made with (defaults for any this voc does not know)."""
        return RunConfig.from_dict(self.info.config, ignore_unknown=True)

    def scores(self) -> RunScores | None:
        """Measures and friction scores of every theme; None for a run made before voc scored."""
        path = self.path / SCORES
        if not path.is_file():
            return None
        try:
            return RunScores.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"scores file {path} is unreadable: {exc}") from None

    def centroids(self) -> np.ndarray:
        """Unit-length theme centroids, row ``i`` for theme ``i``."""
        return np.load(self.path / CENTROIDS)

    def placer(self) -> Placer | None:
        """The first pass's student and the margin it was trusted at, as this run made them;
        None for a run that learnt its themes without a first pass (or kept an earlier run's)."""
        path = self.path / STUDENT
        if not path.is_file():
            return None
        try:
            with np.load(path, allow_pickle=False) as stored:
                arrays = {name: stored[name] for name in stored.files}
            student = StaticStudent.from_arrays(self.config().first_pass, arrays)
            return Placer(student, float(arrays["cutoff"]), float(arrays["min_known"]))
        except (OSError, ValueError, KeyError) as exc:
            raise StoreError(
                f"first-pass student {path} is unreadable ({exc}); delete it, and re-runs of "
                "this run's themes embed their new tickets with the full model"
            ) from None

    def lineage(self) -> Lineage | None:
        """How the run's themes descend from the run before it; None for a run made before
        voc traced lineage (docs/lineage.md)."""
        path = self.path / LINEAGE
        if not path.is_file():
            return None
        try:
            return Lineage.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"lineage file {path} is unreadable: {exc}") from None

    def run_themes(self, table: pd.DataFrame | None = None) -> RunThemes:
        """What lineage needs of this run: its tickets' themes, centroids, names and keys.

        ``table``: its ticket table (at least ticket id, theme id and similarity), when the caller
        has read it already; None: those columns are read here.
        """
        if table is None:
            table = self.tickets([schema.TICKET_ID, schema.THEME_ID, schema.THEME_SIMILARITY])
        lineage = self.lineage()
        return RunThemes(
            run_id=self.run_id,
            ticket_ids=table[schema.TICKET_ID].astype(str).to_numpy(),
            theme_ids=table[schema.THEME_ID].to_numpy(dtype=np.int64),
            centroids=self.centroids(),
            names={t.theme_id: t.name for t in self.themes},
            keys=lineage.keys() if lineage else {},
            similarity=(
                table[schema.THEME_SIMILARITY].to_numpy(dtype=np.float32)
                if schema.THEME_SIMILARITY in table
                else None
            ),
        )


class Workspace:
    """A folder holding runs and caches. Created on first write, never required to exist before."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    def embedding_cache(self) -> EmbeddingCache:
        """The cache shared by all runs in this workspace."""
        return EmbeddingCache(self.root / "cache" / "embeddings")

    def salt(self) -> bytes:
        """Per-workspace secret for pseudonyms; created on first use, never stored in a run."""
        path = self.root / ".voc-salt"
        if not path.exists():
            # Whole or not at all: an empty salt (a full disk mid-write) would weaken pseudonyms.
            secret = secrets.token_hex(16).encode("ascii")
            write_whole(path, secret, "the workspace's pseudonym secret")
        return path.read_text(encoding="ascii").strip().encode("ascii")

    def new_run_id(self) -> str:
        """A fresh id that sorts after every earlier run (UTC time to the microsecond)."""
        now = datetime.now(UTC)
        run_id = now.strftime("%Y%m%d-%H%M%S-%f")
        while (self.runs_dir / run_id).exists():
            now = now.replace(microsecond=(now.microsecond + 1) % 1_000_000)
            run_id = now.strftime("%Y%m%d-%H%M%S-%f")
        return run_id

    def run_ids(self) -> list[str]:
        """Ids of complete runs, oldest first."""
        if not self.runs_dir.is_dir():
            return []
        return sorted(
            p.name
            for p in self.runs_dir.iterdir()
            if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file()
        )

    def latest_run_id(self) -> str:
        """The newest complete run; :class:`StoreError` if there is none."""
        ids = self.run_ids()
        if not ids:
            raise StoreError(
                f"no complete run in workspace {self.root}; create one with 'voc cluster FILE "
                f"--workspace {self.root}'"
            )
        return ids[-1]

    def load_run(self, run_id: str | None = None) -> StoredRun:
        """Read a run (the newest when ``run_id`` is None)."""
        run_id = run_id or self.latest_run_id()
        path = self.runs_dir / run_id
        if not (path / MANIFEST).is_file():
            known = ", ".join(self.run_ids()[-10:]) or "none"
            raise StoreError(f"run '{run_id}' not found in {self.runs_dir}; runs are: {known}")
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            stored = json.loads((path / THEMES).read_text(encoding="utf-8"))
            themes = [Theme.from_dict(t) for t in stored["themes"]]
            parents = [ParentTheme.from_dict(p) for p in stored.get("parents", [])]
        except (OSError, ValueError, KeyError) as exc:
            raise StoreError(f"run folder {path} is unreadable: {exc}") from None
        return StoredRun(run_id, path, manifest, themes, parents)

    def changes(self, run_id: str | None = None, earlier_id: str | None = None) -> RunChanges:
        """What changed between a run (the newest by default) and the run its lineage was traced
        against: new, gone, grown, shrunk, split and merged themes (what ``voc diff`` shows)."""
        ids = self.run_ids()
        if run_id is None and len(ids) < 2:
            raise StoreError(
                f"workspace {self.root} holds {len(ids)} run(s); voc diff needs two: cluster "
                "the next export into the same workspace first"
            )
        later = self.load_run(run_id)
        lineage = later.lineage()
        if lineage is None or lineage.earlier_run_id is None:
            raise StoreError(
                f"run {later.run_id} has no earlier run to compare with (it was the first run "
                "of its embedding model in this workspace, or made before voc traced lineage)"
            )
        if earlier_id is not None and earlier_id != lineage.earlier_run_id:
            raise StoreError(
                f"run {later.run_id} was traced against run {lineage.earlier_run_id}, not "
                f"{earlier_id}; voc diff compares a run with the run before it"
            )
        earlier = self.load_run(lineage.earlier_run_id)
        return changes(lineage, earlier.info.rows.used, later.info.rows.used)

    def write_run(
        self,
        run_id: str,
        manifest: RunManifest | dict[str, Any],
        tickets: pd.DataFrame,
        themes: list[Theme],
        parents: list[ParentTheme],
        skipped: list[SkippedRow],
        centroids: np.ndarray,
        scores: RunScores | None = None,
        lineage: Lineage | None = None,
        placer: Placer | None = None,
    ) -> StoredRun:
        """Write every file of a run into a temporary folder, then rename it into place."""
        final = self.runs_dir / run_id
        tmp = self.runs_dir / f"{_TMP_PREFIX}{run_id}"
        if final.exists():
            raise StoreError(f"run folder {final} already exists; runs are immutable")
        try:
            tmp.mkdir(parents=True, exist_ok=False)
        except OSError as exc:
            raise write_error(exc, f"run {run_id}", self.runs_dir) from None
        try:
            with held(tmp):
                tickets.to_parquet(tmp / TICKETS, index=False)
                tickets.loc[:, list(ASSIGNMENT_COLUMNS)].to_csv(tmp / ASSIGNMENTS, index=False)
                _write_skipped(tmp / SKIPPED, skipped)
                np.save(tmp / CENTROIDS, centroids.astype(np.float32))
                _write_json(
                    tmp / THEMES,
                    {
                        "run_id": run_id,
                        "themes": [t.to_dict() for t in themes],
                        "parents": [p.to_dict() for p in parents],
                    },
                )
                if scores is not None:
                    _write_json(tmp / SCORES, scores.to_dict())
                if lineage is not None:
                    _write_json(tmp / LINEAGE, lineage.to_dict())
                if placer is not None:
                    arrays = placer.student.to_arrays()
                    limits = {"cutoff": placer.cutoff, "min_known": placer.min_known}
                    np.savez(
                        tmp / STUDENT, **arrays, **{k: np.float64(v) for k, v in limits.items()}
                    )
                if isinstance(manifest, RunManifest):
                    manifest = manifest.to_dict()
                _write_json(tmp / MANIFEST, manifest)  # last: its presence marks a complete run
            tmp.rename(final)
        except OSError as exc:  # a full disk, above all
            shutil.rmtree(tmp, ignore_errors=True)
            raise write_error(exc, f"run {run_id}", self.runs_dir) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return self.load_run(run_id)

    def remove_abandoned(self) -> list[Path]:
        """Remove what runs that were killed while writing left behind: run folders and cache
        shards under their temporary names that no live process is writing."""
        stale = list(self.runs_dir.glob(f"{_TMP_PREFIX}*")) if self.runs_dir.is_dir() else []
        return remove_abandoned(stale) + self.embedding_cache().remove_abandoned()


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_skipped(path: Path, skipped: list[SkippedRow]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SKIPPED_COLUMNS)
        for row in sorted(skipped, key=lambda r: r.row_number):
            writer.writerow([row.row_number, row.ticket_id, row.reason, row.detail])
