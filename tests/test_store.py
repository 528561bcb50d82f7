from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from voc.atomic import ABANDONED_AFTER_SECONDS
from voc.cli import app
from voc.config import RunConfig
from voc.errors import StoreError
from voc.runs import run
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


def _aged(path: Path) -> Path:
    """As if left there long ago (abandoned temporaries are only judged once not brand new)."""
    old = time.time() - 2 * ABANDONED_AFTER_SECONDS
    os.utime(path, (old, old), follow_symlinks=False)
    return path


HOLD = """
import sys, time
from pathlib import Path
from voc.atomic import held
with held(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_later_run_removes_what_killed_writers_left_and_nothing_being_written(
    tmp_path: Path,
) -> None:
    ws = Workspace(tmp_path)
    done = write(ws)
    runs = tmp_path / "runs"
    killed = runs / ".tmp-20261201-000000-000001"
    (killed / "tickets.parquet").parent.mkdir()
    (killed / "tickets.parquet").write_bytes(b"half a parquet")
    young = runs / ".tmp-20261201-000000-000002"
    young.mkdir()
    shards = ws.embedding_cache().directory / "model-x"
    shards.mkdir(parents=True)
    half = shards / ".00000000000000000001-1.tmp.npz"
    half.write_bytes(b"PK half a shard")
    # A live writer (another process) holds its folder: it must survive, however old it looks.
    writing = runs / ".tmp-20261201-000000-000003"
    writing.mkdir()
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(writing)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout and writer.stdout.readline() == "held\n"
        for path in (killed, half, writing):
            _aged(path)
        removed = ws.remove_abandoned()
        assert sorted(removed) == sorted([killed, half])
        assert not killed.exists() and not half.exists()
        assert young.is_dir() and writing.is_dir()
        writer.send_signal(signal.SIGKILL)  # killed mid-write: the kernel drops its lock
        writer.wait()
        assert ws.remove_abandoned() == [writing]
    finally:
        writer.kill()
        writer.wait()
    assert ws.run_ids() == [done] and ws.load_run().run_id == done


@contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A real file system of ``size`` (tmpfs) at ``path``; skips where mounting is not allowed."""
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr!r}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until it is full, then free ``leave`` bytes."""
    with (disk / "filler").open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    with (disk / "filler").open("r+b") as handle:
        handle.truncate(max(0, (disk / "filler").stat().st_size - leave))


@pytest.mark.parametrize(
    ("leave", "use_cache"),
    [(0.0, True), (0.3, True), (0.1, False), (0.6, False)],
    ids=["full", "cache-then-run-fails", "run-fails-early", "run-fails-late"],
)
def test_a_full_disk_is_one_sentence_and_leaves_the_last_run_and_cache_valid(
    tmp_path: Path, embedder, leave: float, use_cache: bool
) -> None:
    """``leave``: the share of one run's size left free, so the write fails at different files."""
    from tests.test_cli import SMALL_EXPORT

    first_export = tmp_path / "tickets.csv"
    first_export.write_text(SMALL_EXPORT, encoding="utf-8")
    changed = tmp_path / "changed.csv"  # new texts, so the cache must grow
    changed.write_text(SMALL_EXPORT.replace("(try ", "(attempt "), encoding="utf-8")
    settings = tmp_path / "voc.toml"
    settings.write_text(f"[embed]\nuse_cache = {str(use_cache).lower()}\n", encoding="utf-8")
    with small_disk(tmp_path / "disk", "8m") as disk:
        ws = Workspace(disk / "ws")
        first = run(first_export, ws, RunConfig(), embedder=embedder).run_id
        cache_files = sorted(ws.embedding_cache().directory.rglob("*"))
        run_bytes = sum(p.stat().st_size for p in (ws.runs_dir / first).iterdir())
        fill(disk, int(leave * run_bytes))
        result = CliRunner().invoke(
            app, ["cluster", str(changed), "-w", str(ws.root), "--config", str(settings)]
        )
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert "is full" in result.output and "free some space" in result.output
        assert ws.run_ids() == [first] and ws.load_run().tickets()["theme_id"].notna().all()
        assert [p for p in (ws.root / "runs").iterdir() if p.name != first] == []
        report = CliRunner().invoke(
            app, ["report", "-w", str(ws.root), "--out", str(disk / "friction.html")]
        )
        assert report.exit_code == 2 and "is full" in report.output, report.output
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "ws"]  # no half report
        # The cache keeps what it had; it may have gained whole shards, never a half-written one.
        now = sorted(ws.embedding_cache().directory.rglob("*"))
        assert set(cache_files) <= set(now) and not [p for p in now if p.name.startswith(".")]
        for shard in (p for p in now if p.suffix == ".npz"):
            with np.load(shard) as data:
                assert len(data["keys"]) == len(data["vectors"])


def test_machine_files_keep_formula_like_values_exactly(tmp_path: Path) -> None:
    """assignments.csv and skipped.csv are join keys, not spreadsheets (docs/workspace.md)."""
    ws = Workspace(tmp_path)
    ids = ['=HYPERLINK("x")', "+6281234567", "-17", "@sum"]
    frame = pd.DataFrame(
        {"ticket_id": ids, "theme_id": [0, 0, -1, 0], "theme_name": ["x", "x", "Unthemed", "x"]}
    )
    theme = Theme(0, "x", 3, 0.5, ["x"], ["a"], ["text a"])
    run_id = ws.new_run_id()
    stored = ws.write_run(
        run_id, {"run_id": run_id}, frame, [theme], [], [SkippedRow(9, "=1+1", "empty_text")],
        np.ones((1, 2)),
    )  # fmt: skip
    assignments = pd.read_csv(stored.path / ASSIGNMENTS, dtype=str, keep_default_na=False)
    assert assignments["ticket_id"].tolist() == ids
    skipped = pd.read_csv(stored.path / "skipped.csv", dtype=str, keep_default_na=False)
    assert skipped["ticket_id"].tolist() == ["=1+1"]
