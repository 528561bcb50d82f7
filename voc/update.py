"""Re-runs that keep the newest run's themes when the export has changed little.

A scheduled job re-exports the same helpdesk every day: most tickets were clustered yesterday.
When the newest run in the workspace used the same model and clustering settings and at most
``cluster.update_max_new`` of the tickets are new since themes were last learnt afresh, the run
keeps those themes: known tickets keep their theme and map place, new ones are assigned (see
:meth:`voc.cluster.ThemeModel.update`). Themes stay stable from one day to the next, and a re-run
costs a fraction of a full fit. A ticket counts as known when its id and cleaned text are both
unchanged.

Nothing here reads the workspace: the workspace layer (:mod:`voc.runs`) reads the newest run once
into an :class:`EarlierRun` and hands it to the pipeline, which decides with :func:`earlier_fit`.

Example:
    >>> earlier = earlier_fit(earlier_run, frame, config, embedder.model_id)  # doctest: +SKIP
    >>> earlier.new if earlier else "full fit"  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from voc import schema
from voc.cluster import ThemeModel
from voc.config import RunConfig
from voc.firstpass import Placer
from voc.lineage import RunThemes
from voc.manifest import RunManifest, UpdateRecord

# What lineage needs of the earlier run's ticket table, and what keeping its fit needs besides.
LINEAGE_COLUMNS = (schema.TICKET_ID, schema.THEME_ID, schema.THEME_SIMILARITY)
FIT_COLUMNS = (schema.TEXT, schema.MAP_X, schema.MAP_Y)


@dataclass(frozen=True)
class EarlierRun:
    """The newest earlier run, read once by the workspace layer and handed to the pipeline."""

    manifest: RunManifest
    config: RunConfig  # the settings it was made with
    themes: RunThemes  # its tickets' themes, centroids, names and keys, for lineage
    keys: np.ndarray | None  # per ticket, a hash of its id and text; None: its fit is not kept
    xy: np.ndarray | None  # per ticket, its map place (NaN where it had none)
    # The first pass's student of the run its themes were learnt in, when a re-run may place
    # its new tickets with it (voc.runs.load_earlier); None: new tickets take the full model.
    placer: Placer | None = None

    @classmethod
    def from_table(
        cls,
        manifest: RunManifest,
        config: RunConfig,
        tickets: pd.DataFrame,
        themes: RunThemes,
    ) -> EarlierRun:
        """From its ticket table (LINEAGE_COLUMNS, and FIT_COLUMNS when its fit may be kept):
        only the hashes of the texts are kept, not the texts."""
        fit = set(FIT_COLUMNS) <= set(tickets.columns)
        return cls(
            manifest,
            config,
            themes,
            keys=_ticket_keys(tickets) if fit else None,
            xy=tickets[[schema.MAP_X, schema.MAP_Y]].to_numpy(dtype=np.float32) if fit else None,
        )

    @property
    def fit_run(self) -> str:
        """The run whose themes were last learnt afresh (this one, unless it kept them)."""
        update = self.manifest.clustering.update
        return update.fit_run if update else self.run_id

    @property
    def run_id(self) -> str:
        return self.manifest.run_id

    def traceable(self, model_id: str, dimensions: int) -> RunThemes | None:
        """Its themes for lineage; None when it was embedded by another model (its centroids live
        in another space: its themes are not traced)."""
        same_model = self.manifest.embedding.model_id == model_id
        if not same_model or self.themes.centroids.shape[1:] != (dimensions,):
            return None
        return self.themes


@dataclass(frozen=True)
class EarlierFit:
    """What a re-run keeps of the newest run, aligned with the new run's tickets."""

    run_id: str  # the run whose themes are kept
    fit_run: str  # the run whose themes were last learnt afresh
    known: np.ndarray  # bool: the ticket is in that run, same id and text
    labels: np.ndarray  # its theme there (meaningful where ``known``)
    xy: np.ndarray | None  # its map place there
    centroids: np.ndarray
    new: int  # tickets not in that run
    new_since_fit: int  # tickets added since ``fit_run``, these included
    placer: Placer | None = None  # ``fit_run``'s first-pass student, for tickets without a vector

    def record(self, new_themes: int, placed_by_student: int = 0) -> UpdateRecord:
        """The manifest's account of the update."""
        return UpdateRecord(
            of_run=self.run_id,
            fit_run=self.fit_run,
            kept=int(self.known.sum()),
            new=self.new,
            new_since_fit=self.new_since_fit,
            new_themes=new_themes,
            placed_by_student=placed_by_student,
        )


def may_keep(then: RunConfig, config: RunConfig) -> bool:
    """Whether a run made with ``then`` may keep its themes under ``config`` (before the new
    export is read: the model's id and the tickets are checked by :func:`earlier_fit`)."""
    return (
        config.cluster.update_max_new > 0
        and then.embed.max_chars == config.embed.max_chars
        and _model_params(then) == _model_params(config)
    )


def earlier_fit(
    earlier: EarlierRun | None, frame: pd.DataFrame, config: RunConfig, model_id: str
) -> EarlierFit | None:
    """The newest run's fit when this run may keep it; None when themes must be learnt afresh."""
    limit = config.cluster.update_max_new
    if earlier is None or frame.empty or not may_keep(earlier.config, config):
        return None
    same_model = earlier.manifest.embedding.model_id == model_id
    if not same_model or earlier.keys is None or earlier.xy is None:
        return None
    old_keys = pd.Index(earlier.keys)
    row = old_keys.get_indexer(_ticket_keys(frame)) if old_keys.is_unique else None
    if row is None:
        return None
    known = row >= 0
    new = int((~known).sum())
    before = earlier.manifest.clustering.update
    new_since_fit = (before.new_since_fit if before else 0) + new
    dropped = len(old_keys) - int(known.sum())
    if new_since_fit > limit * len(frame) or dropped > limit * len(old_keys):
        return None
    picked = np.where(known, row, 0)
    xy = earlier.xy[picked]
    return EarlierFit(
        run_id=earlier.run_id,
        fit_run=earlier.fit_run,
        known=known,
        labels=earlier.themes.theme_ids.astype(np.int64)[picked],
        xy=None if np.isnan(xy[known]).any() else xy,
        centroids=earlier.themes.centroids,
        new=new,
        new_since_fit=new_since_fit,
        placer=earlier.placer,
    )


def _ticket_keys(table: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash of each ticket's id and cleaned text."""
    both = table[[schema.TICKET_ID, schema.TEXT]].astype(str)
    return pd.util.hash_pandas_object(both, index=False).to_numpy()


def _model_params(config: RunConfig) -> dict[str, Any]:
    """The settings that shape themes (the theme model's parameters, its seed included)."""
    return ThemeModel.from_config(config.cluster, config.seed).get_params()
