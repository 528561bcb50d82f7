"""Turn an export file into a header and numbered records: encoding, delimiter, quoting."""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from voc.errors import IngestError

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_BYTES = 1 << 16
_MAGIC = {
    b"PK\x03\x04": "an XLSX/ZIP file",
    b"%PDF": "a PDF file",
    b"PAR1": "a Parquet file",
    b"\xd0\xcf\x11\xe0": "a legacy Excel (XLS) file",
}


@dataclass(frozen=True)
class RawTable:
    """The decoded text of an export and how it was decoded."""

    path: Path
    sha256: str
    encoding: str
    delimiter: str
    text: str

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (row number, fields); the header is row 1, blank lines are not records."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        try:
            yield from enumerate(
                (f for f in reader if f and not (len(f) == 1 and not f[0].strip())), start=1
            )
        except csv.Error as exc:
            raise IngestError(
                f"{self.path} cannot be parsed as delimited text near line {reader.line_num}: {exc}"
            ) from None


def read_raw(path: str | Path) -> RawTable:
    """Read and decode a CSV/TSV export (optionally gzipped); reject what is not delimited text."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"input file {path} not found")
    if path.is_dir():
        raise IngestError(f"input {path} is a folder; give the export file itself")
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise IngestError(f"{path} looks gzipped but cannot be decompressed: {exc}") from None
    if not data.strip():
        raise IngestError(f"input file {path} is empty")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(
                f"{path} is {kind}, which this version cannot read; export or save it as CSV"
            )
    encoding = detect_encoding(data)
    if encoding not in ("utf-16", "utf-16-le", "utf-16-be") and b"\x00" in data[:_SNIFF_BYTES]:
        raise IngestError(f"{path} looks like a binary file, not a text export (CSV/TSV)")
    text = data.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return RawTable(path, sha256, encoding, detect_delimiter(text), text)


def detect_encoding(data: bytes) -> str:
    """UTF-16 by BOM, then strict UTF-8 (with or without BOM), then a detector, then cp1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SNIFF_BYTES]).best()
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
