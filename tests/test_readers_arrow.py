"""The pyarrow CSV path gives exactly the records, rows and skips of the ``csv``-module reader."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voc.config import IngestConfig
from voc.ingest import arrow_csv, read_export
from voc.ingest.readers import RawTable, RecordBlock, read_raw
from voc.schema import LineCounts

HEADER = "Id,Subject,Description,Created at,Requester email,Tags\r\n"
ROW = "{i},Subject {i},Body {i},2026-01-0{d},user{i}@example.com,t\r\n"
PLAIN = HEADER + "".join(ROW.format(i=i, d=i % 9 + 1) for i in range(1, 200))
TRICKY = {
    "multi-line cells, CRLF inside quotes": HEADER
    + '1,"two\nlines","body\r\nwith\rCR and ""quotes""",2026-01-01,a@b.com,t\r\n'
    + "".join(f'{i},s,"a\r\n\r\nb {i}",2026-01-02,,\r\n' for i in range(2, 60)),
    "blank lines and lines of spaces": HEADER + "1,a,b,,,\r\n\r\n\n2,c,d,,,\n   \n3,e,f,,,\n",
    "quoted empty line": HEADER + '1,a,b,,,\n""\n2,c,d,,,\n',
    "malformed rows": HEADER + "1,a,b,,,\n2,a,b\n3,a,b,c,d,e,f,g\n4,a,b,,,\n",
    "byte-order mark": "\ufeff" + HEADER + "1,a,b,,,\n\ufeff2,c,d,,,\n",
    "repeated headers (Jira)": "Issue key,Summary,Description,Comment,Comment,Labels,Labels\n"
    "K-1,s,d,c1,c2,l1,\nK-2,s2,d2,,c3,,l2\n",
    "stray quotes": HEADER + '1,a"b,"c"d,,,\n2,"x" ,y,,,\n3, "q",r,,,\n',
    "never-closed quote": HEADER + '1,a,b,,,\n2,a,"never closed\n3,x,y,,,\n',
    "never-closed quote in the last cell": HEADER + '1,a,b,,,\n2,a,b,,,"open\nmore',
    "old Mac line ends": HEADER.replace("\r\n", "\r") + "1,a,b,,,\r2,c,d,,,\r",
    "no final newline": HEADER + "1,a,b,,,\n2,c,d,,,",
    "exact repeats and reused ids": HEADER + "1,a,b,,,\n1,a,b,,,\n1,a,c,,,\n,e,f,,,\n,,,,,\n",
    "semicolons": HEADER.replace(",", ";") + "1;a;b,c;;;\n2;d;e;;;\n",
}


def write(tmp_path: Path, text: str | bytes, name: str = "export.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def csv_module_only(table: RawTable) -> RawTable:
    return dataclasses.replace(table, _blocks=None)


def flattened(chunks: Iterator[list | RecordBlock]) -> list[tuple[int, list[str] | None, str]]:
    """Every chunk's records as (row number, fields, problem), whatever the chunk's kind."""
    out: list[tuple[int, list[str] | None, str]] = []
    for chunk in chunks:
        if isinstance(chunk, RecordBlock):
            columns = [column.to_pylist() for column in chunk.columns]
            rows = zip(*columns, strict=True)
            out += [(chunk.first_row + i, list(row), "") for i, row in enumerate(rows)]
        else:
            out += [(r.row_number, r.fields, r.problem) for r in chunk]
    return out


def assert_same_records(path: Path, rows: int = 7) -> list[str]:
    """The chunks of both readers hold the same records and line counts, which add up; returns
    the kinds of chunk given."""
    table = read_raw(path)
    chunks = list(table.chunks(rows))
    lines = table.lines()
    slow = csv_module_only(read_raw(path))
    assert flattened(iter(chunks)) == flattened(slow.chunks(rows))
    assert lines == slow.lines() and lines is not None and lines.adds_up
    assert all(len(c) == rows for c in chunks[:-1])
    return ["block" if isinstance(c, RecordBlock) else "records" for c in chunks]


def assert_same_result(path: Path) -> None:
    config = IngestConfig(chunk_rows=100, clean_workers=1)
    fast = read_export(path, config)
    table = csv_module_only(read_raw(path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("voc.ingest.read_raw", lambda *_: table)
        slow = read_export(path, config)
    pd.testing.assert_frame_equal(fast.frame, slow.frame, check_exact=True)
    assert fast.skipped == slow.skipped
    assert fast.warnings == slow.warnings
    assert fast.rows_read == slow.rows_read
    assert fast.lines == slow.lines


@pytest.fixture(params=[37, 1 << 10, arrow_csv.PIECE_BYTES])
def piece_bytes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Small pieces put piece boundaries inside quoted cells, CRLFs and malformed rows."""
    monkeypatch.setattr(arrow_csv, "PIECE_BYTES", request.param)
    return request.param


def test_plain_file_is_read_by_pyarrow(tmp_path: Path, piece_bytes: int) -> None:
    kinds = assert_same_records(write(tmp_path, PLAIN), rows=50)
    assert kinds == ["block"] * 4


@pytest.mark.parametrize("name", list(TRICKY))
def test_tricky_files_give_the_same_records_and_frames(
    tmp_path: Path, piece_bytes: int, name: str
) -> None:
    path = write(tmp_path, TRICKY[name])
    assert_same_records(path)
    assert_same_result(path)


def test_blank_lines_and_any_line_ends_stay_on_the_arrow_path(
    tmp_path: Path, piece_bytes: int
) -> None:
    """Lines counted from the bytes (blank ones, "\r" and "\r\n" ends, lines inside cells) agree
    with the rows pyarrow reads, so such files keep the fast path."""
    rows = [ROW.format(i=i, d=i % 9 + 1) for i in range(1, 200)]
    ends = ["\r\n", "\n", "\r\n\r\n", "\n\n\n", "\r\n"]
    rows = [r.replace("\r\n", ends[i % 5]) for i, r in enumerate(rows)]
    rows[7] = '8,"two\r\n\r\nlines",b,,,\n'
    path = write(tmp_path, "\n" + HEADER + "".join(rows))
    assert assert_same_records(path, rows=50) == ["block"] * 4
    lines = read_raw(path).lines()  # not read yet
    table = read_raw(path)
    list(table.chunks(50))
    assert lines is None and table.lines() == LineCounts(322, 200, 1 + 39 + 2 * 40, 2)


def test_crlf_inside_quotes_on_a_block_boundary(tmp_path: Path) -> None:
    """pyarrow 26 drops the "\\n" of a quoted "\\r\\n" that ends one of its own blocks."""
    text = HEADER + "".join(f'{i},s,"p{"x" * (i % 17)}\r\nq",,,\r\n' for i in range(1, 300))
    path = write(tmp_path, text)
    kinds = assert_same_records(path, rows=50)
    assert kinds == ["block"] * 6
    bodies = [fields[2] for _, fields, _ in flattened(read_raw(path).chunks(50)) if fields]
    assert all("\r\nq" in body for body in bodies)


def test_goes_on_with_the_csv_module_after_a_late_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(arrow_csv, "PIECE_BYTES", 1 << 14)
    # Past the 64 KiB from which the encoding is detected.
    long = HEADER + "".join(ROW.format(i=i, d=i % 9 + 1) for i in range(1, 1500))
    late_bad_bytes = long.encode() + b"9999,a,b\xff\xfe,,,\r\n10000,c,d,,,\r\n"
    for text in (late_bad_bytes, long + "9999,a,b\n10000,c,d,,,\r\n", long + '9999, "x",,,,\n'):
        path = write(tmp_path, text)
        kinds = assert_same_records(path, rows=50)
        assert kinds[0] == "block" and kinds[-1] == "records"
        assert_same_result(path)


def test_not_tried_where_it_cannot_apply(tmp_path: Path) -> None:
    latin = write(tmp_path, (HEADER + "1,café,b,,,\n").encode("cp1252"), "latin.csv")
    one_column = write(tmp_path, "Description\nhello\n\nworld\n", "one.csv")
    for path in (latin, one_column):
        assert read_raw(path)._blocks is None
        assert_same_result(path)


CELL = st.text(alphabet='a é",;\r\n\t\ufeff\x0b', max_size=6)
ROWS = st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=12)
ENDS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n"])


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS, ends=st.lists(ENDS, min_size=12, max_size=12), quote=st.booleans())
def test_random_files_give_the_same_records(
    tmp_path: Path, rows: list[list[str]], ends: list[str], quote: bool
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote or not value.isalnum() else value

    header = "h1,h2,h3\n"
    text = header + "".join(",".join(map(cell, r)) + e for r, e in zip(rows, ends, strict=False))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(arrow_csv, "PIECE_BYTES", 16)
        assert_same_records(write(tmp_path, text), rows=3)
