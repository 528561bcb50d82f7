"""Read plain UTF-8 delimited exports with pyarrow's CSV parser, record for record as ``csv`` does.

Why: Python's ``csv`` module, with decoding and a list per row, costs about 9 µs a row; pyarrow
parses in C, column by column, at about 1. The records must be exactly those of the ``csv``-module
reader (row numbers, blank lines, malformed rows, quoted multi-line cells), so this path is only
taken where that is shown, piece by piece:

* the file is UTF-8 (with or without BOM), not gzipped, and has at least two columns;
* it is cut into pieces right after a newline that is outside quotes, and each piece is parsed as
  one pyarrow block: pyarrow 26 drops the "\\n" of a quoted "\\r\\n" that straddles one of its own
  block boundaries, and loses track of quotes at a boundary after a stray quote;
* every quote of a piece is where canonical CSV puts one: an opening quote starts a field, a
  closing quote ends it, quotes inside are doubled. Then an even number of quotes before a
  newline means the newline ends a record, for both parsers;
* pyarrow finds no row with another number of fields than the header (this also catches lines of
  only spaces, which the ``csv``-module reader skips as blank), the text is valid UTF-8, a piece
  after the first does not open with a byte-order mark (pyarrow would drop it), and the first
  row pyarrow reads is the header the ``csv`` module read;
* the piece holds no record that :mod:`voc.ingest.delimited` reads as broken by a stray quote
  (with canonical quoting, that is a continuation line that reads as a record of its own, or a
  record of more than ``MAX_RECORD_LINES`` lines), and its lines, counted from the bytes, add up
  to the rows pyarrow read (records + blank lines + continuation lines).

When a check fails, :class:`NotShown` is raised and the caller goes on with the ``csv``-module
reader from the first record not yet handed out, so the records are the same either way.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from voc.ingest.delimited import MAX_RECORD_LINES, LineTally, id_shape, starts_record
from voc.schema import LineCounts

# Bytes read at a time; a piece holds the complete records among them (about 18,000 tickets).
PIECE_BYTES = 1 << 23
# A record this long without a newline outside quotes is left to the csv module (bounded memory).
MAX_PIECE_BYTES = 1 << 28
ENCODINGS = ("utf-8", "utf-8-sig")
_QUOTE, _NEWLINE, _RETURN = ord('"'), ord("\n"), ord("\r")


class NotShown(Exception):
    """This part of the file cannot be shown to read as the ``csv`` module reads it."""


@dataclass(frozen=True)
class RecordBlock:
    """Consecutive well-formed records as text columns; their row numbers are
    ``first_row``, ``first_row + 1``, ... (the file has no blank line between them)."""

    first_row: int
    columns: list[pa.ChunkedArray]

    def __len__(self) -> int:
        return len(self.columns[0])


def usable(encoding: str, gzipped: bool, header: list[str]) -> bool:
    """Whether a delimited file may try this reader at all."""
    return encoding in ENCODINGS and not gzipped and len(header) >= 2


def read_blocks(
    path: Path, delimiter: str, header: list[str], rows: int, tally: LineTally | None = None
) -> Iterator[RecordBlock]:
    """The data records of ``path`` in blocks of ``rows`` (the last may be shorter); once all
    are given, ``tally.last`` holds the file's line counts.

    Raises:
        NotShown: from the first piece that fails a check; the blocks already given are right.
    """
    width = len(header)
    pending: list[pa.Table] = []
    pending_rows = 0
    next_row = 2  # the header is row 1
    first = True
    shape: str | None = None  # of the first data record's first field, once read
    totals = np.zeros(4, dtype=np.int64)
    for piece in _pieces(path, ord(delimiter)):
        if not piece.lines.records:  # blank lines only, which pyarrow refuses as a block
            totals += piece.lines.counts
            continue
        table = _parse(piece.data, delimiter, width)
        if piece.lines.records != table.num_rows:
            raise NotShown("the lines counted are not the rows pyarrow read")
        totals += piece.lines.counts
        if first and (table.num_rows == 0 or [c[0].as_py() for c in table.columns] != header):
            raise NotShown("pyarrow reads another header")
        if shape is None and table.num_rows > first:
            shape = id_shape(table.column(0)[int(first)].as_py())
        _check_continuations(piece, delimiter, width, shape or "", first)
        if first:
            table = table.slice(1)
            first = False
        pending.append(table)
        pending_rows += table.num_rows
        while pending_rows >= rows:
            block, rest = _split(pending, rows)
            yield RecordBlock(next_row, block)
            next_row += rows
            pending, pending_rows = [rest], rest.num_rows
    if first:
        raise NotShown("no header")
    if pending_rows:
        block, _ = _split(pending, pending_rows)
        yield RecordBlock(next_row, block)
    if tally is not None:
        tally.last = LineCounts(*(int(n) for n in totals))


def _split(tables: list[pa.Table], rows: int) -> tuple[list[pa.ChunkedArray], pa.Table]:
    """The first ``rows`` rows of ``tables`` as columns, and the rest as a table (no copies)."""
    table = pa.concat_tables(tables)
    return table.slice(0, rows).columns, table.slice(rows)


def _parse(piece: bytes, delimiter: str, width: int) -> pa.Table:
    """One piece as a table of ``width`` text columns, parsed as a single pyarrow block."""
    names = [f"f{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(piece),
            read_options=pacsv.ReadOptions(
                use_threads=False, block_size=len(piece) + 1, autogenerate_column_names=True
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, double_quote=True, escape_char=False, newlines_in_values=True
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, ValueError) as exc:  # a row of another width, bad UTF-8 ...
        raise NotShown(str(exc)) from None
    if table.num_rows and table.num_columns != width:
        raise NotShown("a row of another width")
    return table


@dataclass(frozen=True)
class _PieceLines:
    """Where a piece's lines end inside quotes, and how many lines of each kind it holds."""

    counts: np.ndarray  # physical, records, blank, continuation (as in LineCounts)
    inside: np.ndarray  # position of the last byte of each line end inside quotes
    header_end: int  # position of the first line end outside quotes (the header's, if first)

    @property
    def records(self) -> int:
        return int(self.counts[1])


@dataclass(frozen=True)
class _Piece:
    data: bytes
    lines: _PieceLines


def _pieces(path: Path, delimiter: int) -> Iterator[_Piece]:
    """The file's bytes, cut right after newlines outside quotes; each piece checked."""
    with path.open("rb") as handle:
        carry = handle.read(PIECE_BYTES)
        if carry.startswith(codecs.BOM_UTF8):
            carry = carry[len(codecs.BOM_UTF8) :]
        later = False
        while True:
            more = handle.read(PIECE_BYTES)
            data = carry + more if more else carry
            if not more:  # end of file: the rest is the last piece
                if data:
                    yield _checked(data, delimiter, later, at_end=True)
                return
            cut = _last_record_end(data)
            if cut == 0:
                if len(data) > MAX_PIECE_BYTES:
                    raise NotShown("no record end in a long stretch")
                carry = data
                continue
            yield _checked(data[:cut], delimiter, later, at_end=False)
            carry, later = data[cut:], True


def _last_record_end(data: bytes) -> int:
    """Position just after the last newline with an even number of quotes before it; 0 if none."""
    quotes = data.count(b'"')
    end = len(data)
    while (newline := data.rfind(b"\n", 0, end)) >= 0:
        quotes -= data.count(b'"', newline, end)
        if quotes % 2 == 0:
            return newline + 1
        end = newline
    return 0


def _checked(piece: bytes, delimiter: int, later: bool, at_end: bool) -> _Piece:
    """``piece`` if its quoting is canonical, so quote parity tells quoted text from the rest."""
    if later and piece.startswith(codecs.BOM_UTF8):
        raise NotShown("a piece opens with a byte-order mark")
    array = np.frombuffer(piece, dtype=np.uint8)
    quotes = np.flatnonzero(array == _QUOTE)
    if len(quotes) % 2:
        raise NotShown("a quote is never closed")
    bounds = np.array([delimiter, _NEWLINE, _RETURN, _QUOTE], dtype=np.uint8)
    opening, closing = quotes[0::2], quotes[1::2]
    # An opening quote follows a field boundary, the piece start, or the quote before it ("").
    before = array[np.maximum(opening - 1, 0)]
    ok_open = (opening == 0) | np.isin(before, bounds)
    # A closing quote is followed by a field boundary, the file end, or a quote (""). A piece
    # that is not the file's last ends with a newline, so only at the end can nothing follow.
    last = closing + 1 == len(array)
    after = array[np.minimum(closing + 1, len(array) - 1)]
    ok_close = np.where(last, at_end, np.isin(after, bounds))
    if not (ok_open.all() and ok_close.all()):
        raise NotShown("a quote where canonical CSV has none")
    return _Piece(piece, _lines(piece, array, quotes))


def _lines(piece: bytes, array: np.ndarray, quotes: np.ndarray) -> _PieceLines:
    """Count a canonically quoted piece's lines as :func:`voc.ingest.delimited.scan` does.

    A line ends at "\\n", "\\r\\n" or a lone "\\r". Inside quotes it is a continuation line;
    outside, it ends a record, or a blank line when it starts right after another line end.
    """
    ends = np.flatnonzero(array == _NEWLINE)
    # Lone "\r" line ends too (old Mac files); find() is a memchr, count() a slower loop.
    if piece.find(b"\r") >= 0 and np.count_nonzero(array == _RETURN) != np.count_nonzero(
        array[ends[ends > 0] - 1] == _RETURN
    ):
        returns = np.flatnonzero(array == _RETURN)
        follows = array[np.minimum(returns + 1, len(array) - 1)]
        lone = (returns + 1 == len(array)) | (follows != _NEWLINE)
        ends = np.union1d(ends, returns[lone])
    tail = int(bool(piece) and piece[-1] not in b"\r\n")  # a last line without its line end
    if len(quotes):
        quoted = np.searchsorted(quotes, ends) % 2 == 1
        inside, outside = ends[quoted], ends[~quoted]
    else:
        inside, outside = ends[:0], ends
    # Where each line end outside quotes starts: a "\r\n" at its "\r".
    crlf = (array[outside] == _NEWLINE) & (array[np.maximum(outside - 1, 0)] == _RETURN)
    starts = outside - (crlf & (outside > 0))
    before = array[np.maximum(starts - 1, 0)]
    blank = int(np.count_nonzero((starts == 0) | (before == _NEWLINE) | (before == _RETURN)))
    if len(inside) >= MAX_RECORD_LINES - 1:
        per_record = np.bincount(np.searchsorted(outside, inside))
        if per_record.max() + 1 > MAX_RECORD_LINES:
            raise NotShown("a record of more lines than the csv-module reader takes")
    records = len(outside) - blank + tail
    counts = np.array([len(ends) + tail, records, blank, len(inside)], dtype=np.int64)
    return _PieceLines(counts, inside, int(outside[0]) if len(outside) else len(piece))


def _check_continuations(
    piece: _Piece, delimiter: str, width: int, shape: str, first: bool
) -> None:
    """Raise :class:`NotShown` where a continuation line of a data record reads as a record of
    its own (see :mod:`voc.ingest.delimited`); only lines that can start with an id are read."""
    if not shape or not len(piece.lines.inside):
        return
    data, array = piece.data, np.frombuffer(piece.data, dtype=np.uint8)
    can_start = np.zeros(256, dtype=bool)
    can_start[[ord(" "), ord("\t"), _QUOTE]] = True  # a field may be padded or quoted
    lead = shape[0]
    if lead == "9":
        can_start[ord("0") : ord("9") + 1] = True
    elif lead == "a":
        can_start[ord("A") : ord("Z") + 1] = can_start[ord("a") : ord("z") + 1] = True
    else:
        can_start[lead.encode()[0]] = True
    starts = piece.lines.inside + 1
    starts = starts[starts < len(array)]
    if first:  # the header's own lines are not judged
        starts = starts[starts > piece.lines.header_end]
    for start in starts[can_start[array[starts]]].tolist():
        ends = [i for i in (data.find(b"\n", start), data.find(b"\r", start)) if i >= 0]
        line = data[start : min(ends, default=len(data))].decode("utf-8", errors="replace")
        if starts_record(line, delimiter, width, shape):
            raise NotShown("a line inside quotes reads as a record of its own")
