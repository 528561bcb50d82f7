"""A corpus of hostile export files, made by code (no binaries are kept in the repository).

Each :class:`Case` is one file, what ``voc inspect`` and ``voc cluster`` must make of it, and what
the generator knows it wrote: refused with one sentence naming the file (exit 2), or read with
every data row used or skipped (exit 0). Run ``python -m tests.hostile_corpus OUT`` to write the
files to a folder and list them, for trying by hand.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

HEADER = ["Id", "Subject", "Description", "Created"]
TOPICS = [
    ("Refund request", "I would like my money back for order {n}, it was charged twice."),
    ("Dark mode", "Please add a dark theme to the app, my eyes hurt at night ({n})."),
    ("App crash", "The mobile app crashes every time I upload a photo (try {n})."),
]
ROWS = 36  # tickets in each readable file: three topics, enough for three small themes
BOMB_BYTES = 1_500_000_000  # what the tester's bomb inflated to
DEEP = 1_000  # levels: past Python's parser (its recursion limit)
LIMITS = "[ingest]\nmax_cell_chars = 1000\nmax_inflated_mb = 1\n"
LIMITS_FILE = "limits.toml"


@dataclass(frozen=True)
class Case:
    """One hostile file and what voc must make of it.

    ``message``: a fragment of the one-sentence refusal (None: the file is read). ``rows``: data
    rows the generator wrote; ``skipped``: how many of them must be skipped, by reason.
    """

    name: str
    message: str | None = None
    rows: int = ROWS
    skipped: dict[str, int] = field(default_factory=dict)
    limits: bool = False  # read with the low limits of LIMITS, to keep the file small
    sheet: str | None = None
    warning: str = ""
    cluster: bool = True  # readable files small enough to cluster in the suite

    @property
    def refused(self) -> bool:
        return self.message is not None

    def args(self, folder: Path) -> list[str]:
        """The command-line options this file is read with, after the file."""
        args = ["--config", str(folder / LIMITS_FILE)] if self.limits else []
        return args + (["--sheet", self.sheet] if self.sheet else [])


def tickets(count: int = ROWS, start: int = 1) -> list[list[str]]:
    """``count`` ticket rows [id, subject, body, created] over the three topics."""
    rows = []
    for i in range(start, start + count):
        subject, body = TOPICS[i % 3]
        rows.append(
            [str(1000 + i), f"{subject} {i}", body.format(n=i), f"2026-05-{i % 28 + 1:02d}"]
        )
    return rows


def csv_text(rows: list[list[str]], header: list[str] = HEADER, end: str = "\n") -> str:
    def cell(value: str) -> str:
        return f'"{value}"' if any(c in value for c in ',"\n\r') else value

    return "".join(",".join(cell(v) for v in row) + end for row in [header, *rows])


def ticket_objects(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(HEADER, row, strict=True)) for row in rows]


def nested(levels: int) -> str:
    """A JSON value nesting ``levels`` levels of lists."""
    return "[" * levels + "]" * levels


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def absurd_dimension() -> bytes:
    """A small workbook with one cell at XFD1048576, so its declared dimension is the whole
    sheet (what openpyxl's read-only reader iterates)."""
    rows: list[list[object]] = [HEADER, *tickets()]
    source = io.BytesIO(workbook({"Tickets": rows}))
    target = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<dimension ref=")
                end = text.index("/>", start) + 2
                text = text[:start] + '<dimension ref="A1:XFD1048576"/>' + text[end:]
                far = (
                    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>'
                )
                text = text.replace("</sheetData>", far + "</sheetData>")
                data = text.encode()
            zout.writestr(item, data)
    return target.getvalue()


def padded_workbook(extra_bytes: int) -> bytes:
    """A workbook of the base tickets with one more part of ``extra_bytes`` zeros (a ZIP bomb's
    shape: it deflates to almost nothing)."""
    buffer = io.BytesIO(workbook({"Tickets": [HEADER, *tickets()]}))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * extra_bytes)
    return buffer.getvalue()


def gzip_bomb(path: Path, size: int, head: bytes, tail: bytes) -> None:
    """``head``, then ``size`` bytes of one letter, then ``tail``, gzipped as it is written."""
    block = b"A" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(head)
        for _ in range(size // len(block)):
            handle.write(block)
        handle.write(tail)


def _parquet(rows: list[list[str]]) -> bytes:
    table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(HEADER)})
    if not rows:
        table = pa.table({name: pa.array([], pa.string()) for name in HEADER})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _unclosed_quote() -> str:
    rows = tickets(60)
    text = csv_text(rows).splitlines(keepends=True)
    text[12] = '9999,Oops,"He wrote: I cannot log in,2026-06-01\n'  # row 12, never closed
    return "".join(text)


def _formulas() -> bytes:
    rows: list[list[object]] = [[*HEADER, "Priority"]]
    rows += [[*row, f"=LEN(C{i + 2})"] for i, row in enumerate(tickets())]
    return workbook({"Tickets": rows})


def write_corpus(folder: Path, bomb_bytes: int = BOMB_BYTES, write: bool = True) -> list[Case]:
    """Write every hostile file into ``folder`` and return what voc must make of each
    (``write=False``: only return it)."""
    base = tickets()
    files: dict[str, bytes | str | Callable[[Path], None]] = {}
    cases: list[Case] = []

    def add(name: str, content: bytes | str | Callable[[Path], None], case: Case) -> None:
        files[name] = content
        cases.append(case)

    # Refused, with one sentence.
    add("deep.json", nested(DEEP), Case("deep.json", "nests more than 64 levels deep"))
    deep_item = (
        json.dumps(ticket_objects(base)[:3])[:-1] + ', {"Id": "7", "x": ' + nested(80) + "}]"
    )
    add("deep_item.json", deep_item, Case("deep_item.json", "item 4 of"))
    add(
        "bomb.csv.gz",
        lambda p: gzip_bomb(p, bomb_bytes, b"Id,Subject,Description\n1,a,", b"\n"),
        Case("bomb.csv.gz", "ingest.max_cell_chars"),
    )
    add(
        "bomb.json.gz",
        lambda p: gzip_bomb(p, bomb_bytes // 6, b'[{"Id": 1, "Description": "', b'"}]'),
        Case("bomb.json.gz", "ingest.max_cell_chars"),
    )
    add("pipe.csv", lambda p: os.mkfifo(p), Case("pipe.csv", "is a named pipe (FIFO)"))
    add("loop.csv", lambda p: os.symlink(p.name, p), Case("loop.csv", "is a symbolic link loop"))
    add(
        "dangling.csv",
        lambda p: os.symlink("nowhere.csv", p),
        Case("dangling.csv", "is a symbolic link to a missing file"),
    )
    add("folder.csv", lambda p: p.mkdir(), Case("folder.csv", "is a folder"))
    add("file.csv", csv_text(base), Case("file.csv/inner.csv", "a part of the path is a file"))
    whole = gzip.compress(csv_text(base).encode())
    add(
        "truncated.csv.gz",
        whole[: len(whole) // 2],
        Case("truncated.csv.gz", "looks gzipped but cannot be decompressed"),
    )
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    add("not_xlsx.xlsx", zipped.getvalue(), Case("not_xlsx.xlsx", "not a readable XLSX workbook"))
    add(
        "empty_sheets.xlsx",
        workbook({"One": [], "Two": []}),
        Case("empty_sheets.xlsx", "every sheet of"),
    )
    add(
        "header_only.xlsx",
        workbook({"Tickets": [HEADER]}),
        Case("header_only.xlsx", "holds a header but no rows"),
    )
    add("header_only.csv", csv_text([]), Case("header_only.csv", "holds a header but no rows"))
    add("empty.parquet", _parquet([]), Case("empty.parquet", "holds a header but no rows"))
    add("empty.csv", "", Case("empty.csv", "is empty"))
    add("nul.csv", b"Id,Subject\x00\x01\n1,\x00\x00\x02\n" * 20, Case("nul.csv", "binary file"))
    add(
        "blank_header.csv",
        csv_text(base, [" ", "", "  ", ""]),
        Case("blank_header.csv", "names no column"),
    )
    add("scalar.json", "42", Case("scalar.json", "holds a JSON number"))
    add("scalars.json", "[1, 2, 3]", Case("scalars.json", "holds only JSON number values"))
    add(
        "empty_list.json",
        "[]",
        Case("empty_list.json", "holds no tickets: its top-level list is empty"),
    )
    add("pdf.csv", b"%PDF-1.7\n" + b"x" * 100, Case("pdf.csv", "is a PDF file"))
    add("bad_lines.jsonl", "not json\n[1, 2]\n", Case("bad_lines.jsonl", "holds no JSON objects"))
    add(
        "big.csv.gz",
        gzip.compress(csv_text(tickets(20_000)).encode()),
        Case("big.csv.gz", "more than 1 MiB", limits=True),
    )
    long_cell = csv_text([*base[:5], ["77", "Long", "x" * 2000, "2026-05-01"]])
    add("long_cell.csv", long_cell, Case("long_cell.csv", "ingest.max_cell_chars", limits=True))
    add(
        "long_cell.csv.gz",
        gzip.compress(long_cell.encode()),
        Case("long_cell.csv.gz", "ingest.max_cell_chars", limits=True),
    )
    quoted = "".join(f"line {i} of a long quoted cell, each line short\n" for i in range(40))
    long_quoted = csv_text([*base[:5], ["78", "Long", quoted, "2026-05-01"]])
    add(
        "long_quoted.csv.gz",
        gzip.compress(long_quoted.encode()),
        Case("long_quoted.csv.gz", "is longer than 1,000 characters", limits=True),
    )
    add(
        "padded.xlsx",
        padded_workbook(2 * 1024 * 1024),
        Case("padded.xlsx", "more than the limit of 1 MiB (ingest.max_inflated_mb)", limits=True),
    )
    add(
        "second_sheet.xlsx",
        workbook({"Empty": [], "Tickets": [HEADER, *base]}),
        Case("second_sheet.xlsx", "has no sheet 'Nope'", sheet="Nope"),
    )

    # Read: every row used or listed as skipped.
    malformed = {"malformed_row": 1}
    object_lines = [json.dumps(obj) + "\n" for obj in ticket_objects(base)]
    lines = "".join(object_lines)
    deep_line = '{"Id": "8", "x": ' + nested(DEEP) + "}\n"
    add(
        "deep_line.jsonl",
        "".join([*object_lines[:3], deep_line, *object_lines[3:]]),
        Case("deep_line.jsonl", rows=ROWS + 1, skipped=malformed),
    )
    huge = "9" * 5000
    objects = ticket_objects(base)
    objects[0]["Id"] = huge  # type: ignore[assignment]
    add("bigint.json", json.dumps(objects).replace(f'"{huge}"', huge), Case("bigint.json"))
    add(
        "bigint.jsonl",
        "".join(json.dumps(o) + "\n" for o in objects).replace(f'"{huge}"', huge),
        Case("bigint.jsonl"),
    )
    add("xfd.xlsx", absurd_dimension(), Case("xfd.xlsx", rows=ROWS + 1, skipped=malformed))
    add(
        "formulas.xlsx",
        _formulas(),
        Case("formulas.xlsx", warning="36 cells in column 'Priority' are formulas with no saved"),
    )
    add(
        "second_sheet_auto.xlsx",
        workbook({"Empty": [], "Tickets": [HEADER, *base]}),
        Case("second_sheet_auto.xlsx"),
    )
    add(
        "named_sheet.xlsx",
        workbook({"Notes": [["just", "notes"]], "Tickets": [HEADER, *base]}),
        Case("named_sheet.xlsx", sheet="Tickets"),
    )
    add("utf16le.csv", csv_text(base).encode("utf-16-le"), Case("utf16le.csv"))
    add("utf16be.csv", csv_text(base).encode("utf-16-be"), Case("utf16be.csv"))
    add("bom.csv", codecs.BOM_UTF8 + csv_text(base).encode(), Case("bom.csv"))
    add(
        "unclosed_quote.csv",
        _unclosed_quote(),
        Case("unclosed_quote.csv", rows=60, skipped={"unclosed_quote": 1}),
    )
    mixed = "".join(
        line.rstrip("\n") + ("\r\n", "\n", "\r")[i % 3]
        for i, line in enumerate(csv_text(base).splitlines(True))
    )
    add("mixed_endings.csv", mixed, Case("mixed_endings.csv"))
    wide_header = [*HEADER, *(f"extra_{i}" for i in range(2000))]
    add(
        "wide.csv",
        csv_text([[*row, *("v",) * 2000] for row in base], wide_header),
        Case("wide.csv"),
    )
    ten_mb = [*base[:-1], ["9999", "Long story", "word " * 2_000_000, "2026-05-03"]]
    add("long_line.csv", csv_text(ten_mb), Case("long_line.csv", cluster=False))
    bad_line = lines.replace("\n", "\n{broken\n", 1)
    add("bad_line.jsonl", bad_line, Case("bad_line.jsonl", rows=ROWS + 1, skipped=malformed))
    cp1252 = (
        csv_text(base).replace("night", "nuit d\u00e9j\u00e0").encode("cp1252")
        + b"1999,Caf\xe9,\x81\x8d bad bytes,2026-05-02\n"
    )
    add("invalid_utf8.csv", cp1252, Case("invalid_utf8.csv", rows=ROWS + 1))
    add(
        "mixed_items.json",
        json.dumps([*objects[1:], 5, "text"]),
        Case("mixed_items.json", rows=ROWS + 1, skipped={"malformed_row": 2}),
    )
    add("tickets.csv.gz", gzip.compress(csv_text(base).encode()), Case("tickets.csv.gz"))
    add("tickets.parquet", _parquet(base), Case("tickets.parquet"))
    add("tickets.parquet.gz", gzip.compress(_parquet(base)), Case("tickets.parquet.gz"))
    xlsx = workbook({"Tickets": [HEADER, *base]})
    add("tickets.xlsx.gz", gzip.compress(xlsx), Case("tickets.xlsx.gz"))
    long_parquet = _parquet([*base, ["66", "Long", "q" * 2000, "2026-05-01"]])
    add(
        "long_cell.parquet",
        long_parquet,
        Case("long_cell.parquet", rows=ROWS + 1, skipped=malformed, limits=True),
    )
    long_json_line = lines + json.dumps({"Id": "5", "Description": "y" * 2000}) + "\n"
    add(
        "long_line.jsonl",
        long_json_line,
        Case("long_line.jsonl", rows=ROWS + 1, skipped=malformed, limits=True),
    )
    long_xlsx = workbook({"Tickets": [HEADER, *base, ["88", "Long", "z" * 2000, "2026-05-01"]]})
    add(
        "long_cell.xlsx",
        long_xlsx,
        Case("long_cell.xlsx", rows=ROWS + 1, skipped=malformed, limits=True),
    )

    if not write:
        return cases
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LIMITS_FILE).write_text(LIMITS)
    for name, content in files.items():
        path = folder / name
        if callable(content):
            content(path)
        elif isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
    return cases


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile_corpus")
    for case in write_corpus(out):
        print(f"{case.name}: {'refused: ' + case.message if case.refused else 'read'}")
