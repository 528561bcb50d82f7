from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from voc.errors import StoreError
from voc.schema import ParentTheme, SkippedRow, Theme
from voc.store import ASSIGNMENTS, Workspace


def tickets() -> pd.DataFrame:
    return pd.DataFrame(
        {"ticket_id": ["a", "b"], "theme_id": [0, -1], "theme_name": ["x", "Unthemed"], "n": [1, 2]}
    )


def write(ws: Workspace, frame: pd.DataFrame | None = None) -> str:
    run_id = ws.new_run_id()
    theme = Theme(0, "x", 1, 0.5, ["x"], ["a"], ["text a"])
    ws.write_run(
        run_id,
        {"run_id": run_id},
        tickets() if frame is None else frame,
        [theme],
        [ParentTheme(0, "x", [0], 1, 0.5, ["x"])],
        [SkippedRow(3, "c", "empty_text")],
        np.ones((1, 2)),
    )
    return run_id


def test_run_round_trip_and_newest_is_default(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    first = write(ws)
    second = write(ws)
    assert ws.run_ids() == [first, second]
    stored = ws.load_run()
    assert stored.run_id == second
    assert stored.themes[0].representative_texts == ["text a"]
    assert stored.parents[0].theme_ids == [0]
    assert stored.tickets()["n"].tolist() == [1, 2]
    assert (stored.path / ASSIGNMENTS).read_text().splitlines()[
        0
    ] == "ticket_id,theme_id,theme_name"
    assert "3,c,empty_text," in (stored.path / "skipped.csv").read_text()


def test_failed_write_leaves_no_run(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    bad = tickets().assign(n=[object(), object()])  # parquet cannot store this
    with pytest.raises(Exception):  # noqa: B017 - whatever pyarrow raises
        write(ws, bad)
    assert ws.run_ids() == []
    assert list((tmp_path / "runs").iterdir()) == []


def test_half_written_run_is_ignored(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    done = write(ws)
    (tmp_path / "runs" / ".tmp-20991231-000000-000000").mkdir()
    (tmp_path / "runs" / "20991231-000000-000001").mkdir()  # no manifest: incomplete
    assert ws.latest_run_id() == done


def test_empty_workspace_explains_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no complete run in workspace .*voc cluster"):
        Workspace(tmp_path).load_run()
    write(Workspace(tmp_path))
    with pytest.raises(StoreError, match="run 'nope' not found"):
        Workspace(tmp_path).load_run("nope")


def test_salt_is_stable_per_workspace(tmp_path: Path) -> None:
    assert Workspace(tmp_path).salt() == Workspace(tmp_path).salt()
    assert Workspace(tmp_path).salt() != Workspace(tmp_path / "other").salt()
