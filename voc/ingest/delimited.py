"""Split delimited text into records, so that a stray quote costs one record, not the rest.

Python's ``csv`` module reads a quote that opens a cell as the start of quoted text up to the
next quote, across lines: that is how an e-mail body keeps its line breaks. A stray quote (a
customer's ``"He wrote: ...`` with no closing quote) is read the same way, and the one record
then swallows the lines after it, up to the end of the file or to the next lone quote, taking
their tickets with it. So each record that spans several physical lines is judged, and read as
*broken* when

* its number of fields is not the header's; or
* it runs to the end of the file inside quotes; or
* one of its continuation lines, read on its own, starts a record: its first field has the
  shape of the first data record's first field (``12345``, ``K-17``, ``INC0012``: a digit in
  it, and the same runs of digits and letters), and it has the header's number of fields, or
  fewer with a quote left open at its end (a record whose last cells span lines); or
* its quotes are not paired as a CSV writer pairs them (a quote inside a quoted cell that is
  not doubled: ``csv``'s strict mode fails) and a continuation line starts with such an id and
  a delimiter; or
* it spans more than :data:`MAX_RECORD_LINES` physical lines (bounded memory).

A broken record is reported (reason :data:`UNCLOSED_QUOTE`, naming its lines) and its lines
after the first are read again as records of their own. Legitimate multi-line cells keep all
of their lines unless a line inside them looks like a whole record of this file, which e-mail
text does not. A line is read again only once per broken record it fell in, and such a record
ends at the next quote (or after :data:`MAX_RECORD_LINES` lines), so many stray quotes cost
about one more reading of the lines between them, not one per quote (a test counts the lines
handed to the parser), and a record's lines held in memory never exceed that bound.

Lines are counted as the file holds them (``\\n``, ``\\r\\n`` or ``\\r`` ends one), so that
``physical == records + blank + continuation`` (see :class:`voc.schema.LineCounts`): a broken
record counts as one record of one line, its other lines as whatever they are read as again.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from voc.schema import LineCounts

# Skip reason of a record that swallowed the lines after it because of a quote left open.
UNCLOSED_QUOTE = "unclosed_quote"
# A record spanning more lines than this is taken for a quote left open (no e-mail is as long).
MAX_RECORD_LINES = 10_000
_LETTERS = re.compile(r"[A-Za-z]+")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Scanned:
    """One record of delimited text: its number (the header is 1), fields, and physical lines.

    A broken record has ``problem`` set and ``fields`` of its first line read alone.
    """

    number: int
    fields: list[str]
    first_line: int
    last_line: int
    problem: str = ""


@dataclass
class LineTally:
    """The line counts of the last complete read of a file (None until one has finished), and
    the line on which the record the ``csv`` module failed on starts (for messages)."""

    last: LineCounts | None = None
    line: int = 0


@dataclass
class _Counting:
    physical: int = 0
    records: int = 0
    blank: int = 0
    continuation: int = 0

    def counts(self) -> LineCounts:
        return LineCounts(self.physical, self.records, self.blank, self.continuation)


class _TooLong(Exception):
    """The record being read has more than MAX_RECORD_LINES lines."""


class _Lines:
    """A text stream's physical lines, numbered; the lines of the record being read are kept so
    that a broken record's later lines can be handed out again."""

    def __init__(self, source: Iterable[str]):
        self._source = iter(source)
        self._again: deque[tuple[int, str]] = deque()
        self.read = 0
        self.record: list[tuple[int, str]] = []
        self.hit_end = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._again:
            item = self._again.popleft()
        else:
            line = next(self._source, None)
            if line is None:
                self.hit_end = bool(self.record)
                raise StopIteration
            self.read += 1
            item = (self.read, line)
        if len(self.record) >= MAX_RECORD_LINES:
            self._again.appendleft(item)
            raise _TooLong
        self.record.append(item)
        return item[1]

    def start_record(self) -> None:
        self.record, self.hit_end = [], False

    def again(self, items: list[tuple[int, str]]) -> None:
        self._again.extendleft(reversed(items))


def scan(lines: Iterable[str], delimiter: str, tally: LineTally) -> Iterator[Scanned]:
    """The records of delimited text (header first), broken ones re-read as described above.

    ``lines`` must keep its line ends (a file opened with ``newline=""``). ``tally.last`` is
    set once every line has been read. Raises ``csv.Error`` as the ``csv`` module does.
    """
    source = _Lines(lines)
    reader = csv.reader(source, delimiter=delimiter)
    count = _Counting()
    number, width, shape = 0, 0, ""
    while True:
        source.start_record()
        try:
            fields: list[str] | None = next(reader)
        except StopIteration:
            break
        except _TooLong:
            fields, reader = None, csv.reader(source, delimiter=delimiter)  # a fresh state
        except csv.Error:  # e.g. a field past the limit: name the line its record starts on
            tally.line = source.record[0][0] if source.record else source.read
            raise
        span = source.record
        if fields is not None and (not fields or (len(fields) == 1 and not fields[0].strip())):
            count.blank += len(span)  # blank lines are not records
            continue
        number += 1
        count.records += 1
        if number == 1:
            width = len(fields or ())  # a header left open is reported; the reader refuses it
        elif number == 2:
            shape = id_shape((fields or first_line_fields(span[0][1], delimiter))[0])
        problem = ""
        if len(span) > 1:
            problem = _broken(span, fields, width, shape, source.hit_end, delimiter)
        if problem:
            source.again(span[1:])
            first = span[0][0]
            yield Scanned(number, first_line_fields(span[0][1], delimiter), first, first, problem)
            continue
        count.continuation += len(span) - 1
        yield Scanned(number, fields or [], span[0][0], span[-1][0])
    count.physical = source.read
    tally.last = count.counts()


def _broken(
    span: list[tuple[int, str]],
    fields: list[str] | None,
    width: int,
    shape: str,
    at_end: bool,
    delimiter: str,
) -> str:
    """Why a multi-line record is read as a quote left open, or "" when it is not."""
    first, last = span[0][0], span[-1][0]
    if fields is None:
        why = f"it ran over more than {MAX_RECORD_LINES:,} lines"
    elif at_end:
        why = f"it ran to the end of the file (line {last})"
    elif len(fields) != width:
        why = f"it ran to line {last} and has {len(fields)} fields, not {width}"
    elif start := next(
        (n for n, line in span[1:] if starts_record(line, delimiter, width, shape)), 0
    ):
        why = f"it ran to line {last}, and line {start} starts a record of its own"
    elif (
        start := next((n for n, line in span[1:] if _starts_with_id(line, delimiter, shape)), 0)
    ) and not _canonical([line for _, line in span], delimiter):
        why = (
            f"it ran to line {last}, its quotes are not paired, and line {start} starts with an id"
        )
    else:
        return ""
    again = f"Line {last} was" if last == first + 1 else f"Lines {first + 1}-{last} were"
    return (
        f"line {first}: a quote opened on this line is not closed where the record ends; {why}. "
        f"{again} read again as records of their own"
    )


def first_line_fields(line: str, delimiter: str) -> list[str]:
    """The fields of one physical line read on its own (a quote left open ends with it)."""
    return next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), None) or [""]


def starts_record(line: str, delimiter: str, width: int, shape: str) -> bool:
    """Whether a line read alone starts a record: its first field is an id of ``shape``, and it
    has ``width`` fields, or fewer with a quote left open at its end (the first line of a record
    with a multi-line cell). Never, when the file's first field has no id shape."""
    if not shape:
        return False
    opens = line.count('"') % 2 == 1
    if not opens and line.count(delimiter) < width - 1:
        return False  # too few fields, without reading it
    fields = first_line_fields(line, delimiter)
    if id_shape(fields[0]) != shape:
        return False
    return len(fields) == width or (opens and len(fields) < width)


def _starts_with_id(line: str, delimiter: str, shape: str) -> bool:
    """Whether a line starts with a field of the id's shape and a delimiter after it."""
    head, found, _ = line.partition(delimiter)
    return bool(shape and found) and id_shape(head.strip().strip('"')) == shape


def _canonical(lines: list[str], delimiter: str) -> bool:
    """Whether a record's quotes are paired as CSV writers pair them (``csv``'s strict mode)."""
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return False
    return True


def id_shape(value: str) -> str:
    """``"INC-0012"`` -> ``"a-9"``: runs of letters and digits collapsed; "" without a digit,
    so that words and empty cells never look like a ticket id."""
    value = value.strip()
    if not _DIGITS.search(value):
        return ""
    return _DIGITS.sub("9", _LETTERS.sub("a", value))
