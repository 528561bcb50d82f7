"""Re-runs that keep the newest run's themes (voc.update), on the real sample export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SAMPLE
from voc import schema
from voc.config import RunConfig
from voc.runs import run


@pytest.fixture(scope="module")
def reruns(sample_run, sample_workspace: Path, embedder, tmp_path_factory: pytest.TempPathFactory):
    """The earliest 95% of the sample export, then the whole export, in one workspace."""
    folder = tmp_path_factory.mktemp("update")
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    earliest = folder / "earliest.csv"
    rows.iloc[: int(len(rows) * 0.95)].to_csv(earliest, index=False)
    ws = folder / "ws"
    shutil.copytree(sample_workspace / "cache", ws / "cache")  # no need to embed again
    first = run(earliest, ws, embedder=embedder)
    second = run(SAMPLE, ws, embedder=embedder)
    return first, second, ws, earliest


def test_rerun_keeps_the_themes_and_assigns_only_the_new_tickets(reruns, truth) -> None:
    first, second, _, _ = reruns
    update = second.manifest["clustering"]["update"]
    assert first.manifest["clustering"]["update"] is None  # the first run learns themes
    assert update["of_run"] == update["fit_run"] == first.run_id
    assert update["kept"] == first.manifest["rows"]["used"]
    assert update["new"] == second.manifest["rows"]["used"] - first.manifest["rows"]["used"] > 100
    before = first.stored.tickets().set_index(schema.TICKET_ID)[schema.THEME_ID]
    after = second.stored.tickets().set_index(schema.TICKET_ID)
    kept = after.loc[before.index, schema.THEME_ID]
    # Every earlier theme maps to exactly one theme now, and back: nothing moved.
    pairs = pd.crosstab(before, kept)
    assert ((pairs > 0).sum(axis=1) == 1).all() and ((pairs > 0).sum(axis=0) == 1).all()
    # New tickets join the theme their planted theme's earlier tickets are in.
    planted = truth.set_index("ticket_id")["theme"]
    main = before.groupby(planted.reindex(before.index).to_numpy()).agg(lambda s: s.mode()[0])
    renamed = pairs.idxmax(axis=1)
    new = after.drop(index=before.index)
    expected = planted.reindex(new.index).map(main).map(renamed)
    agree = (new[schema.THEME_ID] == expected).mean()
    assert agree >= 0.85, agree
    assert new[[schema.MAP_X, schema.MAP_Y]].notna().all().all()


def test_refit_learns_the_themes_afresh(reruns, embedder) -> None:
    _, _, ws, _ = reruns
    refit = RunConfig().with_overrides({"cluster.update_max_new": 0.0})
    third = run(SAMPLE, ws, refit, embedder=embedder)
    assert third.manifest["clustering"]["update"] is None
    assert third.manifest["embedding"]["computed"] == 0
    assert third.manifest["themes"]["count"] >= 15


def test_other_settings_or_many_new_tickets_learn_afresh(reruns, embedder) -> None:
    _, _, ws, earliest = reruns
    tight = RunConfig().with_overrides({"cluster.update_max_new": 0.01})
    # 5% of the newest run's tickets gone, then 5% new: both above 1%.
    assert run(earliest, ws, tight, embedder=embedder).manifest["clustering"]["update"] is None
    assert run(SAMPLE, ws, tight, embedder=embedder).manifest["clustering"]["update"] is None
    other = RunConfig().with_overrides({"cluster.n_neighbors": 12})
    assert run(SAMPLE, ws, other, embedder=embedder).manifest["clustering"]["update"] is None
