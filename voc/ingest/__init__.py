"""Read a ticket export into canonical columns, accounting for every row.

The file is streamed in chunks of ``IngestConfig.chunk_rows``; an optional ``prepare`` step (the
pipeline's cleaning and PII masking) runs on each chunk, in parallel worker processes on large
exports, so raw ticket bodies never pile up in memory. Values that need the whole column to be
understood (the date order of a file, the CSAT scale) are parsed once at the end, on the small
columns that hold them.

Example:
    >>> result = read_export("sample_data/sample_tickets.csv", IngestConfig())
    >>> result.rows_read == result.rows_used + len(result.skipped)
    True
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from voc import schema
from voc.config import IngestConfig
from voc.cpus import usable_cpus
from voc.errors import EmptyCorpusError, SchemaError
from voc.ingest.columns import ColumnMapping, detect_columns, normalise_header
from voc.ingest.delimited import UNCLOSED_QUOTE
from voc.ingest.readers import Record, RecordBlock, read_raw
from voc.ingest.values import (
    normalise_csat,
    parse_counts,
    parse_datetimes,
    parse_durations,
    parse_flags,
    timezone_from_header,
)
from voc.schema import IngestResult, SkippedRow

__all__ = [
    "UNCLOSED_QUOTE",
    "CleaningPool",
    "IngestResult",
    "SkippedRow",
    "normalise_header",
    "read_export",
]

# Skip reasons, as written to skipped.csv and the manifest.
MALFORMED = "malformed_row"
EMPTY_TEXT = "empty_text"
DUPLICATE_ROW = "duplicate_row"
DUPLICATE_ID = "duplicate_id"
# and UNCLOSED_QUOTE (a stray quote's record, whose later lines are read again), from delimited.
# A file of more than ``chunk_rows`` times this many bytes is sure to fill more than one chunk: a
# loose bound on a row's size (tickets average well under 1 KB), so no small export starts workers.
_MAX_BYTES_PER_ROW = 4096
# Columns read as values, not text: parsed once for the whole export, from the rows as read.
_VALUE_FIELDS = (
    schema.CREATED_AT,
    schema.CSAT,
    *schema.NUMERIC_FIELDS,
    *schema.DURATION_FIELDS,
    schema.ESCALATED,
)
# Joins a row's fields into the text whose digest finds exact repeats.
_FIELD_JOINER = "\x1f"

# A step run on each chunk of raw canonical rows: returns the rows kept and the rows it skipped.
Prepare = Callable[[pd.DataFrame], tuple[pd.DataFrame, list[SkippedRow]]]


@dataclass(frozen=True)
class CleaningPool:
    """Someone else's workers to run ``prepare`` on chunks (an engine's cluster), instead of the
    reader's own processes: their executor, and how many chunks they clean at once."""

    executor: Executor
    workers: int


def read_export(
    path: str | Path,
    config: IngestConfig | None = None,
    *,
    prepare: Prepare | None = None,
    pool: CleaningPool | None = None,
) -> IngestResult:
    """Read an export, map its columns, and keep or skip (with a reason) every row.

    ``prepare`` runs on each chunk; once the export may be larger than one chunk, in ``pool`` when
    given (the caller keeps it open), else in ``config.clean_workers`` processes of the reader's
    own.
    """
    config = config or IngestConfig()
    raw = read_raw(path, config)
    source = str(raw.path)
    header = [h.strip() for h in raw.header]
    if not any(header):
        raise SchemaError(
            f"the header of {source} names no column (its {len(header)} names are blank); "
            "the first row must name the columns"
        )
    mapping = detect_columns(header, config, source)
    checks = _RowChecks(header, mapping)
    frames: list[pd.DataFrame] = []
    skipped: list[SkippedRow] = []
    rows_read = 0
    cleaner = _Cleaner(prepare, config.clean_workers, pool)
    if raw.path.stat().st_size >= config.chunk_rows * _MAX_BYTES_PER_ROW:
        cleaner.start_early()  # more than one chunk, so its workers will be used
    raw_values: list[pd.DataFrame] = []
    value_warnings: list[str] = []
    empty = pd.DataFrame([], columns=[schema.ROW_NUMBER, *schema.CANONICAL_FIELDS])
    with _collector_paused():
        try:
            for chunk in raw.chunks(config.chunk_rows):
                rows_read += len(chunk)
                frame = checks.chunk_rows(chunk, skipped)
                if frame is not None and len(frame):
                    raw_values.append(frame[[schema.ROW_NUMBER, *_VALUE_FIELDS]])
                    # A full chunk: the export may hold more, so workers may start now.
                    full = len(chunk) >= config.chunk_rows
                    for done, more in cleaner.submit(frame, full):
                        frames += [done] if len(done) else []
                        skipped.extend(more)
            del checks  # its digests and ids (some 300 MB on a million rows) are done with
            # Parsed here, while the workers clean the last chunks.
            values = pd.concat(
                raw_values or [empty[[schema.ROW_NUMBER, *_VALUE_FIELDS]]], ignore_index=True
            )
            raw_values.clear()  # the parsed copy is all that is needed now
            formats = _typed_columns(values, header, mapping, config, value_warnings)
            for done, more in cleaner.finish():
                frames += [done] if len(done) else []
                skipped.extend(more)
        finally:
            cleaner.close()
    frame = pd.concat(frames, ignore_index=True) if frames else empty
    # The CSAT value as exported, from the rows as ``prepare`` left them (masked: it may be a
    # remark), before the parsed score takes its column.
    frame[schema.CSAT_RAW] = _blank_to_none(frame[schema.CSAT])
    _put_values(frame, values)
    _missing_as_none(frame, mapping)
    warnings = [f"{source}: {w}" for w in (*mapping.warnings, *value_warnings, *raw.warnings)]
    if not mapping.fields.get(schema.BODY):
        warnings.append(
            f"{source} has no ticket body column; themes will be built from subjects only. "
            "Export with descriptions for better themes."
        )
    if not mapping.fields.get(schema.CREATED_AT):
        warnings.append(f"{source} has no creation-date column; trends will not be available.")
    result = IngestResult(
        path=source,
        sha256=raw.sha256,
        encoding=raw.encoding or "",
        delimiter=raw.delimiter or "",
        column_map={f: [header[i] for i in idx] for f, idx in mapping.fields.items() if idx},
        frame=frame,
        rows_read=rows_read,
        skipped=sorted(skipped, key=lambda row: row.row_number),
        warnings=warnings,
        format=raw.format,
        detail=raw.detail,
        helpdesk=mapping.helpdesk,
        value_formats=formats,
        unmapped_columns=[h for i, h in enumerate(header) if i not in mapping.used],
        clean_seconds=round(cleaner.seconds, 3),
        clean_processes=cleaner.processes,
        lines=raw.lines(),
    )
    if not rows_read:
        raise EmptyCorpusError(
            f"no usable ticket in {source}: 0 rows read, it holds a header but no rows below it"
        )
    if frame.empty:
        raise EmptyCorpusError(
            f"no usable ticket in {source}: {rows_read} rows read, all skipped "
            f"({_describe(result.skipped_by_reason())})"
        )
    return result


class _Cleaner:
    """Runs the ``prepare`` step on each chunk, in worker processes once the export may be big.

    A first chunk shorter than a full one (the whole export) is cleaned in this process, so small
    exports never pay for starting workers. Otherwise every chunk goes to a pool (``prepare``
    must then be picklable, e.g. a ``functools.partial`` of a module-level function); at most one
    chunk per worker waits, so memory stays bounded, and results come back in file order. A
    given ``pool`` replaces the reader's own processes, and is left open.
    """

    def __init__(self, prepare: Prepare | None, workers: int, pool: CleaningPool | None = None):
        self.prepare = prepare
        self.workers = pool.workers if pool else workers or usable_cpus()
        self.given = pool
        self.pool: Executor | None = None
        self.pending: deque[Future[tuple[pd.DataFrame, list[SkippedRow], float]]] = deque()
        self.seconds = 0.0
        self.processes = 1
        self.chunks = 0

    def submit(
        self, frame: pd.DataFrame, full: bool = False
    ) -> Iterator[tuple[pd.DataFrame, list[SkippedRow]]]:
        """Hand over one chunk (``full``: as long as a chunk can be, so more may follow); yield
        the chunks that are ready, in order."""
        self.chunks += 1
        if self.prepare is None:
            yield frame, []
            return
        if (self.chunks == 1 and not full) or self.workers < 2:
            yield self._collect(_timed(self.prepare, frame))
            return
        pool = self._pool()
        self.processes = self.workers
        self.pending.append(pool.submit(_timed, self.prepare, frame))
        while len(self.pending) > self.workers:
            yield self._collect(self.pending.popleft().result())

    def start_early(self) -> None:
        """Start the reader's own workers before the first chunk is read, for an export known to
        need them: each loads its modules (about a second) while this process reads."""
        if self.prepare is not None and self.workers >= 2 and self.given is None:
            pool = self._pool()
            for _ in range(self.workers):
                pool.submit(_loaded, self.prepare)

    def _pool(self) -> Executor:
        if self.pool is None and self.given:
            self.pool = self.given.executor
        if self.pool is None:
            # loky (shipped with joblib): unlike multiprocessing's spawn, its workers do not re-run
            # the caller's script, so a library user needs no `if __name__ == "__main__"` guard,
            # and unlike fork it is safe with threads (pyarrow's) in this process.
            from joblib.externals.loky import get_reusable_executor

            self.pool = get_reusable_executor(self.workers)
        return self.pool

    def finish(self) -> Iterator[tuple[pd.DataFrame, list[SkippedRow]]]:
        while self.pending:
            yield self._collect(self.pending.popleft().result())

    def close(self) -> None:
        if self.pool is not None and self.given is None:
            self.pool.shutdown(wait=True)

    def _collect(
        self, result: tuple[pd.DataFrame, list[SkippedRow], float]
    ) -> tuple[pd.DataFrame, list[SkippedRow]]:
        frame, skipped, seconds = result
        self.seconds += seconds
        return frame, skipped


def _loaded(prepare: Prepare) -> None:
    """Nothing: receiving ``prepare`` makes a worker import what it needs."""


def _timed(prepare: Prepare, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[SkippedRow], float]:
    """Run ``prepare`` and say how long it took (module level, so worker processes can run it).

    The cyclic collector is paused meanwhile, as in the reader: a worker's heap holds every
    object of pandas and pyarrow, and the collector's passes over it cost about 5-10% of cleaning.
    """
    start = time.perf_counter()
    with _collector_paused():
        frame, skipped = prepare(frame)
    return frame, skipped, time.perf_counter() - start


class _RowChecks:
    """Row decisions, in order: malformed, exact duplicate, no text, reused ticket id.

    Duplicates and reused ids need memory of earlier chunks; digests, not rows, are kept, so
    memory stays small on million-row exports.
    """

    def __init__(self, header: list[str], mapping: ColumnMapping):
        self.width = len(header)
        self.plan = [
            (f, mapping.fields.get(f, []), "\n" if f == schema.BODY else " ")
            for f in schema.CANONICAL_FIELDS
        ]
        self.id_columns = mapping.fields.get(schema.TICKET_ID, [])
        self.seen_rows: dict[bytes, int] = {}
        self.seen_ids: dict[str, int] = {}

    def skip_raw(self, record: Record, skipped: list[SkippedRow]) -> bool:
        """Record a malformed or exactly repeated row as skipped; True when it was."""
        number, fields = record.row_number, record.fields
        if record.reason:
            ticket = self._id_of(fields or [], number)
            skipped.append(SkippedRow(number, ticket, record.reason, record.problem))
            return True
        if fields is None:
            skipped.append(SkippedRow(number, f"row-{number}", MALFORMED, record.problem))
            return True
        if len(fields) != self.width:
            detail = f"expected {self.width} fields as in the header, found {len(fields)}"
            skipped.append(SkippedRow(number, self._id_of(fields, number), MALFORMED, detail))
            return True
        first = self.seen_rows.setdefault(_digest(_FIELD_JOINER.join(fields).encode()), number)
        if first != number:
            detail = f"same as row {first}"
            skipped.append(SkippedRow(number, self._id_of(fields, number), DUPLICATE_ROW, detail))
            return True
        return False

    def chunk_rows(
        self, chunk: list[Record] | RecordBlock, skipped: list[SkippedRow]
    ) -> pd.DataFrame | None:
        """The canonical rows kept from a chunk (None if none); the others recorded as skipped."""
        if isinstance(chunk, RecordBlock):
            return self.block_rows(chunk, skipped)
        return self.record_rows(chunk, skipped)

    def record_rows(self, records: list[Record], skipped: list[SkippedRow]) -> pd.DataFrame | None:
        """The canonical rows kept from a chunk of records; the others recorded as skipped."""
        kept = [r for r in records if not self.skip_raw(r, skipped)]
        if not kept:
            return None
        raw = list(zip(*(r.fields or [] for r in kept), strict=True))
        return self.kept_rows(self.canonical([r.row_number for r in kept], raw), skipped)

    def block_rows(self, block: RecordBlock, skipped: list[SkippedRow]) -> pd.DataFrame | None:
        """:meth:`record_rows` for a columnar block, whose rows all have the header's width."""
        joiner = pa.scalar(_FIELD_JOINER, pa.large_string())
        joined = pc.binary_join_element_wise(*block.columns, joiner).cast(pa.large_binary())
        numbers = range(block.first_row, block.first_row + len(block))
        seen = self.seen_rows
        firsts = [
            seen.setdefault(_digest(data), number)
            for data, number in zip(joined.to_pylist(), numbers, strict=True)
        ]
        keep = [first == number for first, number in zip(firsts, numbers, strict=True)]
        columns = block.columns
        if not all(keep):
            for i in (i for i, kept in enumerate(keep) if not kept):
                fields = [column[i].as_py() for column in columns]
                detail = f"same as row {firsts[i]}"
                skipped.append(
                    SkippedRow(numbers[i], self._id_of(fields, numbers[i]), DUPLICATE_ROW, detail)
                )
            mask = pa.array(keep)
            columns = [column.filter(mask) for column in columns]
        if not len(columns[0]):
            return None
        kept_numbers = np.arange(block.first_row, block.first_row + len(block))[keep]
        return self.kept_rows(self.canonical(kept_numbers, columns), skipped)

    def canonical(
        self, numbers: Sequence[int], raw: Sequence[Sequence[str] | pa.ChunkedArray]
    ) -> pd.DataFrame:
        """Canonical columns of well-formed rows, given column by column (vectorised)."""
        columns: dict[str, Any] = {schema.ROW_NUMBER: numbers}
        for field, positions, joiner in self.plan:
            parts = [_stripped(raw[i]) for i in positions]
            if not parts:
                columns[field] = ""
                continue
            value = parts[0]
            for part in parts[1:]:  # repeated columns are joined, empty pieces left out
                both = (value != "") & (part != "")
                value = (value + joiner + part).where(both, value.where(part == "", part))
            columns[field] = value
        frame = pd.DataFrame(columns)
        missing_id = frame[schema.TICKET_ID] == ""
        frame.loc[missing_id, schema.TICKET_ID] = "row-" + frame.loc[
            missing_id, schema.ROW_NUMBER
        ].astype(str)
        return frame

    def kept_rows(self, frame: pd.DataFrame, skipped: list[SkippedRow]) -> pd.DataFrame:
        """Drop rows with no text or a ticket id already used, recording each as skipped."""
        empty = ((frame[schema.SUBJECT] == "") & (frame[schema.BODY] == "")).to_numpy(bool)
        numbers = frame[schema.ROW_NUMBER].to_numpy(np.int64)
        ids = frame[schema.TICKET_ID].tolist()
        for i in np.flatnonzero(empty).tolist():
            skipped.append(SkippedRow(int(numbers[i]), ids[i], EMPTY_TEXT, "no subject or body"))
        with_text = np.flatnonzero(~empty)
        if len(with_text) < len(ids):
            ids = [ids[i] for i in with_text.tolist()]
        claiming = numbers[with_text]
        # Each id's first row, this chunk's ids claimed in order (map: no Python-level loop).
        firsts = np.fromiter(
            map(self.seen_ids.setdefault, ids, claiming.tolist()), np.int64, len(ids)
        )
        keep = ~empty
        keep[with_text] = firsts == claiming
        for i in np.flatnonzero(firsts != claiming).tolist():
            detail = f"ticket id already used by row {int(firsts[i])} with other content"
            skipped.append(SkippedRow(int(claiming[i]), ids[i], DUPLICATE_ID, detail))
        return frame if keep.all() else frame.loc[keep].reset_index(drop=True)

    def _id_of(self, fields: list[str], number: int) -> str:
        for i in self.id_columns:
            if i < len(fields) and fields[i].strip():
                return fields[i].strip()
        return f"row-{number}"


def _digest(row: bytes) -> bytes:
    """What identifies a row's exact content (its fields joined by ``_FIELD_JOINER``)."""
    return hashlib.blake2b(row, digest_size=16).digest()


def _stripped(values: Sequence[str] | pa.Array | pa.ChunkedArray) -> pd.Series:
    """A column of texts with surrounding whitespace removed, as a pandas "str" column.

    Built by pyarrow straight from the Python strings (or the arrow column): the same trim that
    pandas' ``str.strip`` runs, without pandas' slower conversion of the list first.
    """
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        values = pa.array(values, type=pa.large_string())
    array = pc.utf8_trim_whitespace(values)
    return pd.Series(array, dtype="str")


def _typed_columns(
    frame: pd.DataFrame,
    header: list[str],
    mapping: ColumnMapping,
    config: IngestConfig,
    warnings: list[str],
) -> dict[str, str]:
    """Parse dates, CSAT and effort signals in place; return how each column was read.

    ``frame`` holds the row numbers and :data:`_VALUE_FIELDS` of every row that passed the
    reader's checks, as read: the file's date order and CSAT scale are judged on all of them.
    """
    formats: dict[str, str] = {}
    frame[schema.ROW_NUMBER] = frame[schema.ROW_NUMBER].astype("int64")

    def source_header(field: str) -> str:
        positions = mapping.fields.get(field) or []
        return header[positions[0]] if positions else field

    def missing(field: str) -> bool:
        return not mapping.fields.get(field)

    created = source_header(schema.CREATED_AT)
    zone = timezone_from_header(created)  # Intercom: "... (America/New_York)"
    dates = parse_datetimes(
        _by_row(frame, schema.CREATED_AT), column=created, default_tz=zone, dayfirst=config.dayfirst
    )
    # The array itself: to_numpy() on time-zone-aware values builds a Timestamp object per row.
    # A column without a single date keeps to_numpy()'s form (naive NaT), as it always had.
    has_dates = bool(dates.values.notna().any())
    frame[schema.CREATED_AT] = dates.values.array if has_dates else dates.values.to_numpy()
    warnings += dates.warnings
    if not missing(schema.CREATED_AT):
        formats[schema.CREATED_AT] = dates.format + (
            f", times without offset in {zone}" if zone else ""
        )

    csat = normalise_csat(_by_row(frame, schema.CSAT), column=source_header(schema.CSAT))
    frame[schema.CSAT] = csat.values.to_numpy(dtype="float64")
    warnings += csat.warnings
    if not missing(schema.CSAT):
        formats[schema.CSAT] = csat.scale

    parsers: dict[str, Callable[..., Any]] = {
        **dict.fromkeys(schema.NUMERIC_FIELDS, parse_counts),
        **dict.fromkeys(schema.DURATION_FIELDS, parse_durations),
        schema.ESCALATED: parse_flags,
    }
    for field, parser in parsers.items():
        column = source_header(field)
        kwargs = {"header": column} if parser is parse_durations else {}
        parsed = parser(_by_row(frame, field), column=column, **kwargs)
        frame[field] = parsed.values.to_numpy(dtype="float64")
        warnings += parsed.warnings
        if parser is parse_durations and not missing(field):
            formats[field] = f"minutes (exported in {parsed.unit})"
    return formats


def _put_values(frame: pd.DataFrame, values: pd.DataFrame) -> None:
    """Put the parsed ``values`` (of every row read, in file order) into the rows ``frame`` kept."""
    frame[schema.ROW_NUMBER] = frame[schema.ROW_NUMBER].astype("int64")
    at = np.searchsorted(values[schema.ROW_NUMBER].to_numpy(), frame[schema.ROW_NUMBER].to_numpy())
    for column in values.columns.drop(schema.ROW_NUMBER):
        frame[column] = values[column].array.take(at)


def _missing_as_none(frame: pd.DataFrame, mapping: ColumnMapping) -> None:
    """Metadata columns the export lacks hold None (not "") from here on."""
    text_fields = (schema.TICKET_ID, schema.SUBJECT, schema.BODY)
    for field in schema.CANONICAL_FIELDS:
        lacking = not mapping.fields.get(field) and field not in text_fields
        if lacking and frame[field].dtype == object:
            frame[field] = None


def _blank_to_none(values: pd.Series) -> pd.Series:
    return values.where(values.astype(str).str.len() > 0, None) if len(values) else values


def _by_row(frame: pd.DataFrame, field: str) -> pd.Series:
    """A column indexed by file row number, so parsers' warnings name rows a user can find."""
    values = _blank_to_none(frame[field])
    # Text columns keep their pandas string array: a round trip through Python objects cost
    # about a second per million rows, with one core idle once the workers are done.
    data = values.array if isinstance(values.dtype, pd.StringDtype) else values.to_numpy()
    return pd.Series(data, index=frame[schema.ROW_NUMBER].to_numpy(), name=field)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the rows stream through.

    Every row allocates container objects (the parsed fields, its record) that never form cycles
    and are freed by reference counting; yet each allocation counts towards the collector's
    thresholds, and its full passes over every live object took about 15% of reading time. The
    collector's previous state is restored afterwards, even on error.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {reason}" for reason, n in counts.items()) or "no rows"
