"""Re-runs that keep the newest run's themes when the export has changed little.

A scheduled job re-exports the same helpdesk every day: most tickets were clustered yesterday.
When the newest run in the workspace used the same model and clustering settings and at most
``cluster.update_max_new`` of the tickets are new since themes were last learnt afresh, the run
keeps those themes: known tickets keep their theme and map place, new ones are assigned (see
:meth:`voc.cluster.ThemeModel.update`). Themes stay stable from one day to the next, and a re-run
costs a fraction of a full fit. A ticket counts as known when its id and cleaned text are both
unchanged.

Example:
    >>> earlier = earlier_fit(Workspace("ws"), frame, config, embedder.model_id)  # doctest: +SKIP
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
from voc.store import TICKETS, Workspace


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

    def record(self, new_themes: int) -> dict[str, Any]:
        """The manifest's account of the update."""
        return {
            "of_run": self.run_id,
            "fit_run": self.fit_run,
            "kept": int(self.known.sum()),
            "new": self.new,
            "new_since_fit": self.new_since_fit,
            "new_themes": new_themes,
        }


def earlier_fit(
    ws: Workspace, frame: pd.DataFrame, config: RunConfig, model_id: str
) -> EarlierFit | None:
    """The newest run's fit when this run may keep it; None when themes must be learnt afresh."""
    limit = config.cluster.update_max_new
    ids = ws.run_ids()
    if limit <= 0 or not ids or frame.empty:
        return None
    earlier = ws.load_run(ids[-1])
    manifest = earlier.manifest
    then = earlier.config()
    same_settings = (
        manifest.get("embedding", {}).get("model_id") == model_id
        and then.embed.max_chars == config.embed.max_chars
        and _model_params(then) == _model_params(config)
    )
    if not same_settings:
        return None
    columns = [schema.TICKET_ID, schema.TEXT, schema.THEME_ID, schema.MAP_X, schema.MAP_Y]
    table = pd.read_parquet(earlier.path / TICKETS, columns=columns)
    old_keys = pd.Index(_ticket_keys(table))
    row = old_keys.get_indexer(_ticket_keys(frame)) if old_keys.is_unique else None
    if row is None:
        return None
    known = row >= 0
    new = int((~known).sum())
    before = manifest.get("clustering", {}).get("update") or {}
    new_since_fit = int(before.get("new_since_fit", 0)) + new
    dropped = len(table) - int(known.sum())
    if new_since_fit > limit * len(frame) or dropped > limit * len(table):
        return None
    picked = np.where(known, row, 0)
    xy = table[[schema.MAP_X, schema.MAP_Y]].to_numpy(dtype=np.float32)[picked]
    return EarlierFit(
        run_id=earlier.run_id,
        fit_run=str(before.get("fit_run", earlier.run_id)),
        known=known,
        labels=table[schema.THEME_ID].to_numpy(dtype=np.int64)[picked],
        xy=None if np.isnan(xy[known]).any() else xy,
        centroids=earlier.centroids(),
        new=new,
        new_since_fit=new_since_fit,
    )


def _ticket_keys(table: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash of each ticket's id and cleaned text."""
    both = table[[schema.TICKET_ID, schema.TEXT]].astype(str)
    return pd.util.hash_pandas_object(both, index=False).to_numpy()


def _model_params(config: RunConfig) -> dict[str, Any]:
    """The settings that shape themes (the theme model's parameters, its seed included)."""
    return ThemeModel.from_config(config.cluster, config.seed).get_params()
