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
from typing import IO, Any

from voc.errors import IngestError
from voc.ingest import arrow_csv
from voc.ingest.arrow_csv import NotShown, RecordBlock

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
# Keys under which API exports nest their list of tickets, most common first.
_JSON_LIST_KEYS = ("tickets", "conversations", "cases", "results", "data", "items", "records")

# Long cells (whole e-mail threads) must be kept; the csv module's default cap is 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class Record:
    """One record of an export: its row number and fields, or why it could not be read."""

    row_number: int
    fields: list[str] | None
    problem: str = ""


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


def read_raw(path: str | Path) -> RawTable:
    """Open an export, detect its format, and read its header; reject what is not an export."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"input file {path} not found")
    if path.is_dir():
        raise IngestError(f"input {path} is a folder; give the export file itself")
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
        return _read_xlsx(path, sha256, gzipped)
    if head.startswith(_PARQUET):
        return _read_parquet(path, sha256, gzipped)
    encoding = detect_encoding(head)
    if not encoding.startswith("utf-16") and b"\x00" in head:
        raise IngestError(
            f"{path} looks like a binary file, not a ticket export "
            "(CSV, TSV, XLSX, JSON, JSON Lines or Parquet)"
        )
    text_head = head.decode(encoding, errors="replace").lstrip("\ufeff")
    kind = _text_kind(name, text_head)
    if kind == "json":
        return _read_json(path, sha256, gzipped, encoding)
    if kind == "jsonl":
        return _read_jsonl(path, sha256, gzipped, encoding)
    return _read_delimited(path, sha256, gzipped, encoding, detect_delimiter(text_head))


def detect_encoding(data: bytes) -> str:
    """UTF-16 by BOM, then strict UTF-8 (with or without BOM), then a detector, then cp1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A sniffed block may end inside a multi-byte character: that is still UTF-8.
        if exc.start < len(data) - 3 or exc.reason != "unexpected end of data":
            return _guess_single_byte(data)
    return "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"


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


def _binary(path: Path, gzipped: bool) -> IO[bytes]:
    return gzip.open(path, "rb") if gzipped else path.open("rb")


def _text(path: Path, gzipped: bool, encoding: str) -> io.TextIOWrapper:
    # Bytes that are invalid in the detected encoding become U+FFFD rather than stopping the read.
    return io.TextIOWrapper(_binary(path, gzipped), encoding=encoding, errors="replace", newline="")


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
    path: Path, sha256: str, gzipped: bool, encoding: str, delimiter: str
) -> RawTable:
    def rows() -> Iterator[tuple[int, list[str]]]:
        with _text(path, gzipped, encoding) as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            number = 0
            try:
                for fields in reader:
                    if not fields or (len(fields) == 1 and not fields[0].strip()):
                        continue  # blank lines are not records
                    number += 1
                    if number == 1 and fields[0].startswith("\ufeff"):
                        fields[0] = fields[0][1:]
                    yield number, fields
            except csv.Error as exc:
                raise IngestError(
                    f"{path} cannot be parsed as delimited text near line {reader.line_num}: {exc}"
                ) from None

    first = next(rows(), None)
    if first is None:
        raise IngestError(f"input file {path} is empty")
    header = first[1]

    def records() -> Iterator[Record]:
        stream = rows()
        next(stream, None)
        for number, fields in stream:
            yield Record(number, fields)

    def blocks(rows: int) -> Iterator[RecordBlock]:
        return arrow_csv.read_blocks(path, delimiter, header, rows)

    kind = "tsv" if delimiter == "\t" else "csv"
    fast = blocks if arrow_csv.usable(encoding, gzipped, header) else None
    return RawTable(path, sha256, kind, header, encoding, delimiter, "", records, fast)


def _read_xlsx(path: Path, sha256: str, gzipped: bool) -> RawTable:
    from openpyxl import load_workbook

    def open_sheet() -> tuple[Any, Any, int]:
        source: Any = io.BytesIO(_binary(path, True).read()) if gzipped else path
        try:
            book = load_workbook(source, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a bad or non-XLSX zip
            raise IngestError(
                f"{path} is a ZIP file but not a readable XLSX workbook ({exc}); "
                "export the tickets as XLSX, CSV, JSON or Parquet"
            ) from None
        return book, book.worksheets[0], len(book.worksheets)

    def rows() -> Iterator[tuple[int, list[str]]]:
        book, sheet, _ = open_sheet()
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                fields = [cell_text(v) for v in values]
                while fields and not fields[-1]:
                    fields.pop()
                if fields:
                    yield number, fields
        finally:
            book.close()

    book, sheet, sheets = open_sheet()
    title = sheet.title
    book.close()
    first = next(rows(), None)
    if first is None:
        raise IngestError(f"the first sheet ('{title}') of {path} is empty")
    header_row, header = first
    detail = f"sheet '{title}'" + (f" (first of {sheets} sheets)" if sheets > 1 else "")

    def records() -> Iterator[Record]:
        for number, fields in rows():
            if number > header_row:
                yield Record(number, fields + [""] * (len(header) - len(fields)))

    return RawTable(path, sha256, "xlsx", header, None, None, detail, records)


def _read_parquet(path: Path, sha256: str, gzipped: bool) -> RawTable:
    import pyarrow.parquet as pq

    def open_file() -> Any:
        source: Any = io.BytesIO(_binary(path, True).read()) if gzipped else path
        try:
            return pq.ParquetFile(source)
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
                yield Record(number, [cell_text(v) for v in values])

    return RawTable(path, sha256, "parquet", header, None, None, "", records)


def _read_json(path: Path, sha256: str, gzipped: bool, encoding: str) -> RawTable:
    with _text(path, gzipped, encoding) as handle:
        try:
            data = json.loads(handle.read().lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            raise IngestError(
                f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from None
    items, where = _json_items(data, path)
    objects = [_flatten(item) if isinstance(item, dict) else None for item in items]
    header = _union_keys(o for o in objects if o is not None)

    def records() -> Iterator[Record]:
        for number, obj in enumerate(objects, start=1):
            if obj is None:
                kind = type(items[number - 1]).__name__
                yield Record(number, None, f"item {number} is a JSON {kind}, not an object")
            else:
                yield Record(number, [obj.get(key, "") for key in header])

    return RawTable(path, sha256, "json", header, encoding, None, where, records)


def _read_jsonl(path: Path, sha256: str, gzipped: bool, encoding: str) -> RawTable:
    def parsed() -> Iterator[tuple[int, dict[str, str] | None, str]]:
        with _text(path, gzipped, encoding) as handle:
            for number, line in enumerate(handle, start=1):
                line = line.strip().lstrip("\ufeff")
                if not line:
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, None, f"not valid JSON ({exc.msg})"
                    continue
                if isinstance(value, dict):
                    yield number, _flatten(value), ""
                else:
                    yield number, None, f"a JSON {type(value).__name__}, not an object"

    # Two passes: the first collects every key, so that no field of a later line is lost.
    header = _union_keys(obj for _, obj, _ in parsed() if obj is not None)
    if not header:
        raise IngestError(f"{path} holds no JSON objects, one per line, to read tickets from")

    def records() -> Iterator[Record]:
        for number, obj, problem in parsed():
            fields = None if obj is None else [obj.get(key, "") for key in header]
            yield Record(number, fields, problem)

    return RawTable(path, sha256, "jsonl", header, encoding, None, "", records)


def _json_items(data: Any, path: Path) -> tuple[list[Any], str]:
    """The list of ticket objects in a JSON document, and where it was found."""
    if isinstance(data, list):
        return data, ""
    if isinstance(data, dict):
        keys = [k for k in _JSON_LIST_KEYS if isinstance(data.get(k), list)]
        keys += [k for k, v in data.items() if isinstance(v, list) and k not in keys]
        for key in keys:
            if any(isinstance(item, dict) for item in data[key]):
                return data[key], f"list under key '{key}'"
        return [data], "a single object"
    raise IngestError(
        f"{path} holds a JSON {type(data).__name__}; expected a list of ticket objects"
    )


def _flatten(obj: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Nested objects become dotted keys ("requester.email"); every value becomes text."""
    flat: dict[str, str] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = cell_text(value)
    return flat


def _union_keys(objects: Any) -> list[str]:
    keys: dict[str, None] = {}
    for obj in objects:
        for key in obj:
            keys.setdefault(key, None)
    return list(keys)
