"""The edit log in SQLite: schema migrations, validation, and concurrent writers losing nothing."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from voc.curation.edits import DATABASE, NOTE, RENAME, SCHEMA_VERSION, EditStore
from voc.errors import StoreError

EDITS_PER_WRITER = 300


def test_a_new_store_is_migrated_to_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    store = EditStore(tmp_path)
    assert store.schema_version() == SCHEMA_VERSION
    with sqlite3.connect(tmp_path / DATABASE) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_from_a_newer_voc_is_refused(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / DATABASE) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this voc"):
        EditStore(tmp_path).edits("run")


def test_edits_come_back_in_order_with_author_and_payload(tmp_path: Path) -> None:
    store = EditStore(tmp_path)
    first = store.record("r1", "  Ana  Lima ", RENAME, {"theme_id": 1, "name": "Login loop"})
    store.record("r2", "Bo", NOTE, {"theme_id": 1, "text": "other run"})
    second = store.record("r1", "Bo", NOTE, {"theme_id": 1, "text": "seen in 5.0"})
    edits = store.edits("r1")
    assert [e.edit_id for e in edits] == [first.edit_id, second.edit_id]
    assert edits[0].author == "Ana Lima"
    assert edits[0].payload == {"theme_id": 1, "name": "Login loop"}
    assert store.last_edit_id("r1") == second.edit_id and store.last_edit_id("none") == 0


@pytest.mark.parametrize(
    ("author", "action", "payload", "message"),
    [
        ("", RENAME, {"theme_id": 1, "name": "x"}, "analyst's name"),
        ("ana", "explode", {}, "unknown edit action"),
        ("ana", RENAME, {"theme_id": 1}, "needs name"),
    ],
)
def test_bad_edits_are_refused(
    tmp_path: Path, author: str, action: str, payload: dict, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        EditStore(tmp_path).record("r1", author, action, payload)


def _write_many(root: str, author: str) -> None:
    store = EditStore(root)
    for i in range(EDITS_PER_WRITER):
        store.record("run", author, NOTE, {"theme_id": i % 5, "text": f"{author} {i}"})


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    EditStore(tmp_path).schema_version()  # create the file before the race
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(tmp_path), n)) for n in ("ana", "bo")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    edits = EditStore(tmp_path).edits("run")
    assert len(edits) == 2 * EDITS_PER_WRITER
    for author in ("ana", "bo"):
        mine = [e.payload["text"] for e in edits if e.author == author]
        assert mine == [f"{author} {i}" for i in range(EDITS_PER_WRITER)]  # each in its order
    assert len({e.edit_id for e in edits}) == len(edits)
    # Times taken under the write lock: they never run backwards against the ids' order.
    times = [e.at for e in edits]
    assert times == sorted(times)


def test_an_edit_is_never_timed_before_the_one_before_it(tmp_path: Path) -> None:
    """A clock that steps back (NTP) must not reorder the history against the ids."""
    store = EditStore(tmp_path)
    first = store.record("run", "ana", NOTE, {"theme_id": 1, "text": "a"})
    with sqlite3.connect(store.path) as connection:  # as if written by a clock ahead of ours
        connection.execute("UPDATE edits SET at = '2999-01-01T00:00:00.000000+00:00'")
    second = store.record("run", "bo", NOTE, {"theme_id": 1, "text": "b"})
    assert second.edit_id > first.edit_id
    assert second.at == "2999-01-01T00:00:00.000000+00:00"
    assert [e.at for e in store.edits("run")] == [second.at, second.at]
