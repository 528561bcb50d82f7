"""Analysts' edits, kept as an append-only log in one SQLite file per workspace.

Runs are immutable; everything an analyst does (rename, set kind or status, note, link an issue,
merge, split, move tickets, save a roadmap proposal, undo) is one row appended to ``edits`` and
applied on top of the run when it is read (:mod:`voc.curation.replay`). Nothing is ever updated or
deleted, so two analysts editing at once both keep their work: both rows are stored, the later one
wins where they conflict, and the history shows both.

The file is ``WORKSPACE/edits.sqlite``: WAL mode (readers never block the writer), a busy timeout
(writers wait for each other instead of failing), one short ``BEGIN IMMEDIATE`` transaction per
write, and a schema versioned with ``PRAGMA user_version`` and ordered migrations.

Example:
    >>> store = EditStore("workspace")
    >>> store.record(run_id, "ana", RENAME, {"theme_id": 3, "name": "Login loop after 2FA"})
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from voc.errors import StoreError

DATABASE = "edits.sqlite"
BUSY_TIMEOUT_SECONDS = 30.0
MAX_AUTHOR_CHARS = 80

# Actions and the payload keys each needs.
RENAME, SET_KIND, SET_STATUS, NOTE, LINK_ISSUE = "rename", "set_kind", "set_status", "note", "link"
MERGE, SPLIT, MOVE, UNDO = "merge", "split", "move", "undo"
SAVE_PROPOSAL, DELETE_PROPOSAL = "save_proposal", "delete_proposal"
REPLAY = "replay"  # an account of curation replayed from an earlier run (changes nothing itself)
PAYLOAD_KEYS: dict[str, frozenset[str]] = {
    RENAME: frozenset({"theme_id", "name"}),
    SET_KIND: frozenset({"theme_id", "kind"}),
    SET_STATUS: frozenset({"theme_id", "status"}),
    NOTE: frozenset({"theme_id", "text"}),
    LINK_ISSUE: frozenset({"theme_id", "key"}),
    MERGE: frozenset({"theme_ids", "into"}),
    SPLIT: frozenset({"theme_id", "parts"}),
    MOVE: frozenset({"ticket_ids", "to"}),
    UNDO: frozenset({"edit_id"}),
    SAVE_PROPOSAL: frozenset({"proposal_id", "proposal"}),
    DELETE_PROPOSAL: frozenset({"proposal_id"}),
    REPLAY: frozenset({"from_run", "not_replayable"}),
}

# Schema migrations, in order; migration i brings the file to version i + 1. Append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE edits (
        edit_id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE INDEX edits_by_run ON edits (run_id, edit_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Edit:
    """One recorded action of an analyst on a run."""

    edit_id: int
    run_id: str
    at: str  # UTC, ISO 8601
    author: str
    action: str
    payload: dict[str, Any]


class EditStore:
    """The workspace's edit log. Cheap to create: each call opens its own short connection."""

    def __init__(self, workspace: str | Path):
        self.path = Path(workspace) / DATABASE
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            self._migrate()
        connection = self._open()
        try:
            yield connection
        finally:
            connection.close()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
            )
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"edits database {self.path} cannot be opened: {exc}") from None
        return connection

    def _migrate(self) -> None:
        connection = self._open()
        try:
            connection.execute("BEGIN IMMEDIATE")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"edits database {self.path} has schema version {version}, newer than this "
                    f"voc understands ({SCHEMA_VERSION}); upgrade voc"
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {number + 1}")
            connection.execute("COMMIT")
        except BaseException as exc:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"edits database {self.path} cannot be prepared: {exc}") from None
            raise
        finally:
            connection.close()
        self._ready = True

    def schema_version(self) -> int:
        with self._connect() as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])

    def record(self, run_id: str, author: str, action: str, payload: dict[str, Any]) -> Edit:
        """Append one edit (its own transaction) and return it with its id and time."""
        author = " ".join(author.split())[:MAX_AUTHOR_CHARS]
        if not author:
            raise StoreError("every edit needs the analyst's name; set it before editing")
        if action not in PAYLOAD_KEYS:
            raise StoreError(f"unknown edit action '{action}'")
        missing = PAYLOAD_KEYS[action] - payload.keys()
        if missing:
            raise StoreError(f"edit '{action}' needs {', '.join(sorted(missing))}")
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self._connect() as connection:
            try:
                connection.execute("BEGIN IMMEDIATE")
                at = self._now(connection)
                cursor = connection.execute(
                    "INSERT INTO edits (run_id, at, author, action, payload) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (run_id, at, author, action, body),
                )
                connection.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise StoreError(f"edit not saved to {self.path}: {exc}") from None
        return Edit(int(cursor.lastrowid or 0), run_id, at, author, action, payload)

    @staticmethod
    def _now(connection: sqlite3.Connection) -> str:
        """The edit's time, taken under the write lock: the order of times is the order of ids
        (which decides which of two conflicting edits wins), even if the clock steps back."""
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        last = connection.execute("SELECT at FROM edits ORDER BY edit_id DESC LIMIT 1").fetchone()
        return max(now, last[0]) if last else now

    def edits(self, run_id: str) -> list[Edit]:
        """Every edit of a run, oldest first (undo rows and undone edits included)."""
        if not self.path.exists():  # reading never creates the file (a report on a full disk)
            return []
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT edit_id, run_id, at, author, action, payload FROM edits "
                "WHERE run_id = ? ORDER BY edit_id",
                (run_id,),
            ).fetchall()
        return [Edit(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

    def last_edit_id(self, run_id: str) -> int:
        """The newest edit's id (0 when none): a cheap key for caching a curated run."""
        if not self.path.exists():
            return 0
        with self._connect() as connection:
            row = connection.execute(
                "SELECT MAX(edit_id) FROM edits WHERE run_id = ?", (run_id,)
            ).fetchone()
        return int(row[0] or 0)
