"""Turn an export file into a header and numbered records, streaming where the format allows.

Formats: delimited text (CSV, TSV, semicolon or pipe; optionally gzipped), XLSX, JSON (a top-level
list of ticket objects, or an object holding one), JSON Lines and Parquet. Every value comes out as
a string, so one mapping step serves every format.

Row numbers are what a person would look up in the file: for delimited text the record number
counting the header as 1 (a quoted multi-line cell is one record); for XLSX the sheet's row; for
JSON the object's position (1-based); for JSON Lines the line; for Parquet the row (1-based).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from voc.config import IngestConfig
from voc.errors import IngestError, LimitError
from voc.ingest import arrow_csv
from voc.ingest.arrow_csv import NotShown, RecordBlock
from voc.ingest.delimited import UNCLOSED_QUOTE, LineTally, scan
from voc.ingest.files import InflatedCopy, bounded_lines, check_file, open_text
from voc.schema import LineCounts

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_BYTES = 1 << 16
_HASH_BLOCK = 1 << 20
_UNSUPPORTED = {
    b"%PDF": "a PDF file",
    b"\xd0\xcf\x11\xe0": "a legacy Excel (XLS) file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
}
_ZIP = b"PK\x03\x04"
_PARQUET = b"PAR1"
_GZIP = b"\x1f\x8b"
# UTF-16 without a byte-order mark: in this share of a sample's code units, one byte is NUL.
_UTF16_NULS = 0.3

# Long cells (whole e-mail threads) must be kept; the csv module's default cap is 128 KiB. Each
# read sets it to ``ingest.max_cell_chars``.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class Record:
    """One record of an export: its row number and fields, or why it could not be read."""

    row_number: int
    fields: list[str] | None
    problem: str = ""
    reason: str = ""  # a skip reason of its own (else a problem is a malformed row)


@dataclass(frozen=True)
class RawTable:
    """An export opened for reading: what it is, its header, and a way to stream its records."""

    path: Path
    sha256: str
    format: str
    header: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    detail: str = ""
    _records: Callable[[], Iterator[Record]] = field(default=lambda: iter(()), repr=False)
    _blocks: Callable[[int], Iterator[RecordBlock]] | None = field(default=None, repr=False)
    _lines: Callable[[], LineCounts | None] = field(default=lambda: None, repr=False)
    # Warnings the reader finds while streaming (XLSX formulas without values), complete once
    # the records have all been read.
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> LineCounts | None:
        """How the file's lines were read, once its records have all been read (delimited text
        only; None for other formats)."""
        return self._lines()

    def records(self) -> Iterator[Record]:
        """Stream the data records (not the header), each with its row number."""
        return self._records()

    def chunks(self, rows: int) -> Iterator[list[Record] | RecordBlock]:
        """The data records in chunks of ``rows`` (the last may be shorter), in file order.

        A chunk is a list of records, or, where a columnar reader can read the file exactly as
        the record reader would (see :mod:`voc.ingest.arrow_csv`), a :class:`RecordBlock`. If the
        columnar reader gives up part way, the record reader goes on after the last record given.
        """
        given = 0
        if self._blocks is not None:
            try:
                for block in self._blocks(rows):
                    given += len(block)
                    yield block
                return
            except NotShown:
                pass
        records = islice(self._records(), given, None)
        while chunk := list(islice(records, rows)):
            yield chunk


def read_raw(path: str | Path, config: IngestConfig | None = None) -> RawTable:
    """Open an export, detect its format, and read its header; reject what is not an export.

    Only regular files are opened (a FIFO would block); ``config`` holds the limits (sheet,
    nesting, inflated size, cell size) that keep a hostile file to one sentence.
    """
    from voc.ingest.jsonfile import read_json, read_jsonl
    from voc.ingest.xlsx import read_xlsx

    path = Path(path)
    config = config or IngestConfig()
    check_file(path)
    sha256 = _sha256(path)
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    gzipped = head.startswith(_GZIP)
    if gzipped:
        head = _gunzip_head(path)
    name = path.name.lower().removesuffix(".gz")
    if not head.strip():
        raise IngestError(f"input file {path} is empty")
    for magic, kind in _UNSUPPORTED.items():
        if head.startswith(magic):
            raise IngestError(
                f"{path} is {kind}, which voc cannot read; export the tickets as CSV, XLSX, "
                "JSON, JSON Lines or Parquet"
            )
    if head.startswith(_ZIP):
        return read_xlsx(path, sha256, gzipped, config)
    if head.startswith(_PARQUET):
        return _read_parquet(path, sha256, gzipped, config)
    encoding = detect_encoding(head)
    if not encoding.startswith("utf-16") and b"\x00" in head:
        raise IngestError(
            f"{path} looks like a binary file, not a ticket export "
            "(CSV, TSV, XLSX, JSON, JSON Lines or Parquet)"
        )
    text_head = head.decode(encoding, errors="replace").lstrip("\ufeff")
    kind = _text_kind(name, text_head)
    if kind == "json":
        return read_json(path, sha256, gzipped, encoding, config)
    if kind == "jsonl":
        return read_jsonl(path, sha256, gzipped, encoding, config)
    delimiter = detect_delimiter(text_head)
    return _read_delimited(path, sha256, gzipped, encoding, delimiter, config)


def detect_encoding(data: bytes) -> str:
    """UTF-16 by BOM or by its NUL bytes, then strict UTF-8 (with or without BOM), then a
    detector, then cp1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in data[:4096] and (utf16 := _utf16_without_bom(data[:4096])):
        return utf16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A sniffed block may end inside a multi-byte character: that is still UTF-8.
        if exc.start < len(data) - 3 or exc.reason != "unexpected end of data":
            return _guess_single_byte(data)
    return "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 LE or BE without a byte-order mark, told by where its NUL bytes fall: Latin text,
    digits and delimiters have a NUL high byte, so every other byte is NUL (and the rest not)."""
    units = len(sample) // 2
    if units < 2:
        return None
    even, odd = sample[0 : 2 * units : 2].count(0) / units, sample[1::2].count(0) / units
    if odd >= _UTF16_NULS and even < odd / 10:
        return "utf-16-le"
    if even >= _UTF16_NULS and odd < even / 10:
        return "utf-16-be"
    return None


def _guess_single_byte(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else "cp1252"
    # Single-byte Western exports (Excel on Windows) are by far the common case; a detector's
    # guess of some other single-byte code page on short text is usually wrong.
    if guess.replace("_", "").lower() not in ("utf16", "utf32", "cp1251", "cp1253"):
        guess = "cp1252"
    try:
        data.decode(guess)
    except UnicodeDecodeError:
        return "latin-1"
    return guess


def detect_delimiter(text: str) -> str:
    """The candidate delimiter that occurs most often, outside quotes, in the header line."""
    counts = dict.fromkeys(DELIMITERS, 0)
    in_quotes = False
    for char in text[:_SNIFF_BYTES]:
        if char == '"':
            in_quotes = not in_quotes
        elif not in_quotes:
            if char in "\r\n":
                break
            if char in counts:
                counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def cell_text(value: Any) -> str:
    """A spreadsheet, JSON or Parquet value as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return ", ".join(cell_text(v) for v in value if v is not None)
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _gunzip_head(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(_SNIFF_BYTES)
    except (OSError, EOFError) as exc:
        raise IngestError(f"{path} looks gzipped but cannot be decompressed: {exc}") from None


def fitted(record: Record, limit: int) -> Record:
    """The record, or the same row skipped when one of its values is longer than ``limit``."""
    longest = max(map(len, record.fields or []), default=0)
    if longest <= limit:
        return record
    detail = (
        f"a value of {longest:,} characters is longer than the limit of {limit:,} "
        "(ingest.max_cell_chars)"
    )
    return Record(record.row_number, None, detail)


def _text(path: Path, gzipped: bool, encoding: str, config: IngestConfig) -> io.TextIOWrapper:
    return open_text(path, gzipped, encoding, config)


def _checked_blocks(blocks: Iterator[RecordBlock], path: Path, limit: int) -> Iterator[RecordBlock]:
    """Columnar blocks, refused at the first cell longer than ``limit`` (as the csv module is)."""
    import pyarrow.compute as pc

    for block in blocks:
        for column in block.columns:
            lengths = pc.utf8_length(column)
            if (pc.max(lengths).as_py() or 0) > limit:
                row = block.first_row + pc.index(pc.greater(lengths, limit), True).as_py()
                raise LimitError(
                    f"row {row:,} of {path} holds a cell longer than {limit:,} characters, the "
                    "limit for one cell (ingest.max_cell_chars); raise it if the export really "
                    "holds such cells"
                )
        yield block


def _text_kind(name: str, head: str) -> str:
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    start = head.lstrip()[:1]
    if start == "[":
        return "json"
    if start == "{":
        first, _, rest = head.lstrip().partition("\n")
        try:
            json.loads(first)
        except json.JSONDecodeError:
            return "json"
        return "jsonl" if rest.strip() else "json"
    return "csv"


def _read_delimited(
    path: Path, sha256: str, gzipped: bool, encoding: str, delimiter: str, config: IngestConfig
) -> RawTable:
    tally = LineTally()

    def scanned() -> Iterator[Record]:
        """Every record, the header first (see :mod:`voc.ingest.delimited`)."""
        csv.field_size_limit(config.max_cell_chars)
        with _text(path, gzipped, encoding, config) as handle:
            stream = scan(bounded_lines(handle, path, config.max_cell_chars), delimiter, tally)
            try:
                for record in stream:
                    fields = record.fields
                    if record.number == 1 and fields[0].startswith("\ufeff"):
                        fields[0] = fields[0][1:]
                    reason = UNCLOSED_QUOTE if record.problem else ""
                    yield Record(record.number, fields, record.problem, reason)
            except csv.Error as exc:
                if "field limit" in str(exc):  # a quoted cell over many lines, each short
                    raise LimitError(
                        f"a cell near line {tally.line:,} of {path} is longer than "
                        f"{config.max_cell_chars:,} characters, the limit for one cell "
                        "(ingest.max_cell_chars); raise it if the export really holds such cells"
                    ) from None
                raise IngestError(
                    f"{path} cannot be parsed as delimited text near line {tally.line}: {exc}"
                ) from None

    first = next(scanned(), None)
    if first is None:
        raise IngestError(f"input file {path} is empty")
    if first.problem:
        raise IngestError(
            f"{path}: the header (line 1) opens a quote that is never closed; fix the header line"
        )
    header = first.fields or []

    def records() -> Iterator[Record]:
        stream = scanned()
        next(stream, None)
        yield from stream

    def blocks(rows: int) -> Iterator[RecordBlock]:
        blocks = arrow_csv.read_blocks(path, delimiter, header, rows, tally)
        return _checked_blocks(blocks, path, config.max_cell_chars)

    kind = "tsv" if delimiter == "\t" else "csv"
    fast = blocks if arrow_csv.usable(encoding, gzipped, header) else None

    def lines() -> LineCounts | None:
        return tally.last  # set once the records have all been read

    return RawTable(
        path, sha256, kind, header, encoding, delimiter, "", records, fast, _lines=lines
    )


def _read_parquet(path: Path, sha256: str, gzipped: bool, config: IngestConfig) -> RawTable:
    import pyarrow.parquet as pq

    copy = InflatedCopy(path, config) if gzipped else None
    limit = config.max_cell_chars

    def open_file() -> Any:
        try:
            return pq.ParquetFile(copy.path if copy else path)
        except Exception as exc:  # pyarrow raises ArrowInvalid and OSError subclasses
            raise IngestError(f"{path} is not a readable Parquet file: {exc}") from None

    parquet = open_file()
    header = list(parquet.schema_arrow.names)

    def records() -> Iterator[Record]:
        number = 0
        for batch in open_file().iter_batches(batch_size=65_536):
            columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            for values in zip(*columns, strict=True):
                number += 1
                yield fitted(Record(number, [cell_text(v) for v in values]), limit)

    return RawTable(path, sha256, "parquet", header, None, None, "", records)
