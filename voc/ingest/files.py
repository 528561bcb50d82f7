"""Open an export safely: refuse what is not a regular readable file, and inflate within limits.

Why: a FIFO blocks forever on open, a device never ends, a symbolic link loop looks like a missing
file, and a small gzip or ZIP can inflate a thousand-fold. Every check here happens before or
while the bytes stream, so memory stays bounded and each failure is one sentence.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import shutil
import stat
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from voc.config import IngestConfig
from voc.errors import IngestError, LimitError

_MIB = 1 << 20
_COPY_BLOCK = 1 << 20
# What a non-regular file is, by its mode, for the message.
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_file(path: Path) -> os.stat_result:
    """The file's status, or one sentence on why it is not a regular file voc can read.

    Checked with ``stat`` before anything opens it, so a FIFO or device never blocks the read.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise IngestError(_stat_problem(path, exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(f"input {path} is a folder; give the export file itself")
    if not stat.S_ISREG(info.st_mode):
        kind = next((k for test, k in _KINDS if test(info.st_mode)), "not a regular file")
        raise IngestError(
            f"input {path} is {kind}, not a regular file; save the export to a file and give that"
        )
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise IngestError(_stat_problem(path, exc)) from None
    return info


def _stat_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return f"input {path} is a symbolic link loop; point it at the export file itself"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"input file {path} cannot be read (permission denied); check its permissions"
    if exc.errno == errno.ENOTDIR:
        return f"input file {path} not found: a part of the path is a file, not a folder"
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return f"input {path} is a symbolic link to a missing file"
        return f"input file {path} not found"
    return f"input file {path} cannot be read ({exc.strerror or exc})"


class _Inflating(io.RawIOBase):
    """A gzip stream that stops with one sentence past ``limit`` bytes or at a broken member."""

    def __init__(self, path: Path, limit_mb: int):
        self.path = path
        self.limit_mb = limit_mb
        self.left = limit_mb * _MIB
        self.inner = gzip.open(path, "rb")  # noqa: SIM115 - closed by close()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            count = self.inner.readinto(buffer)
        except (OSError, EOFError, zlib.error) as exc:
            raise IngestError(
                f"{self.path} looks gzipped but cannot be decompressed: {exc}"
            ) from None
        self.left -= count
        if self.left < 0:
            raise LimitError(
                f"{self.path} inflates to more than {self.limit_mb:,} MiB, the limit "
                "(ingest.max_inflated_mb); raise it if the export really is that large"
            )
        return count

    def close(self) -> None:
        self.inner.close()
        super().close()


def open_binary(path: Path, gzipped: bool, config: IngestConfig) -> IO[bytes]:
    """The export's bytes, inflated within ``config.max_inflated_mb`` when gzipped."""
    if not gzipped:
        return path.open("rb")
    return io.BufferedReader(_Inflating(path, config.max_inflated_mb), _COPY_BLOCK)


class InflatedCopy:
    """A gzipped XLSX or Parquet file inflated to a temporary file (both formats need to seek),
    streamed there so memory stays bounded; the file is removed when this object is."""

    def __init__(self, path: Path, config: IngestConfig):
        self._folder = tempfile.TemporaryDirectory(prefix="voc-inflate-")
        self.path = Path(self._folder.name) / path.name.removesuffix(".gz")
        try:
            with open_binary(path, True, config) as source, self.path.open("wb") as sink:
                shutil.copyfileobj(source, sink, _COPY_BLOCK)
        except BaseException:
            self._folder.cleanup()  # a refused bomb leaves nothing behind
            raise


def bounded_lines(handle: IO[str], path: Path, limit: int) -> Iterator[str]:
    """The lines of a text stream, never holding more than ``limit`` characters of one line.

    A line longer than that is one sentence naming the line and the setting, so a file that
    inflates to one endless line (a decompression bomb) is refused in bounded memory.
    """
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit:
            raise LimitError(
                f"line {number:,} of {path} is longer than {limit:,} characters, the limit for "
                "one line or cell (ingest.max_cell_chars); raise it if the export really holds "
                "such cells"
            )
        yield line


def open_text(path: Path, gzipped: bool, encoding: str, config: IngestConfig) -> io.TextIOWrapper:
    """The export as text; bytes invalid in ``encoding`` become U+FFFD rather than stopping it."""
    return io.TextIOWrapper(
        open_binary(path, gzipped, config), encoding=encoding, errors="replace", newline=""
    )


def check_upload(name: str, size: int, limit_mb: int) -> None:
    """Refuse an upload larger than ``limit_mb`` MiB in one sentence (it is held in memory)."""
    if size > limit_mb * _MIB:
        raise LimitError(
            f"{name} is {size / _MIB:,.1f} MiB, more than the upload limit of {limit_mb:,} MiB "
            f"(ingest.max_upload_mb); cluster it with 'voc cluster {name}' instead"
        )
