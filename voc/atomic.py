"""Writes that a crash, a kill or a full disk cannot leave half done.

A run folder or cache shard is written under a temporary name and renamed into place once
complete. While it is written, its writer holds an exclusive ``flock`` on it, which the kernel
releases when the writer ends, however it ends (``kill -9`` included). A later run can so tell an
abandoned temporary (unlocked, and not just created) from one that another process is writing right
now, and remove it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from voc.errors import StoreError

# A temporary younger than this is left alone even when unlocked: its writer may have created it
# and not yet taken the lock.
ABANDONED_AFTER_SECONDS = 60.0
_FULL = (errno.ENOSPC, errno.EDQUOT)


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (a file or folder) while the block writes it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_whole(path: Path, data: bytes, what: str) -> Path:
    """Write ``data`` to ``path`` whole or not at all: through a temporary file renamed into
    place, so no reader ever sees half; a failed write (a full disk) is one sentence naming
    ``what`` and leaves nothing behind."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise write_error(exc, what, path.parent) from None
    return path


def remove_abandoned(paths: Iterable[Path]) -> list[Path]:
    """Remove the temporaries among ``paths`` that no live process is writing; those removed."""
    removed = []
    for path in paths:
        if _abandoned(path):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _abandoned(path: Path) -> bool:
    try:
        if time.time() - path.lstat().st_mtime < ABANDONED_AFTER_SECONDS:
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # gone meanwhile, or not ours to open
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # its writer is alive
    finally:
        os.close(fd)
    return True


def write_error(exc: OSError, what: str, where: Path) -> StoreError:
    """One sentence for a write that failed; a full disk says so, and what to do."""
    if exc.errno in _FULL or "No space left" in str(exc):
        return StoreError(
            f"the disk holding {where} is full: {what} was not written and nothing of it was kept "
            "(earlier runs and the cache are unchanged); free some space and run again"
        )
    return StoreError(f"{what} could not be written to {where}: {exc.strerror or exc}")
