"""No row is lost to the CSV parser: a stray quote costs its own record only, and every line of
the file is accounted for (records, blank lines, lines inside multi-line cells)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.test_readers_arrow import assert_same_records, assert_same_result
from voc import schema
from voc.cli import app
from voc.config import IngestConfig
from voc.ingest import MALFORMED, UNCLOSED_QUOTE, arrow_csv, delimited, read_export
from voc.ingest.delimited import id_shape
from voc.schema import IngestResult

HEADER = "Id,Subject,Description,Created at\n"
CONFIG = IngestConfig(chunk_rows=64, clean_workers=1)


def ticket_rows(count: int) -> list[str]:
    return [f"{i},Subject {i},Body of ticket {i},2026-01-01" for i in range(1, count + 1)]


def write(tmp_path: Path, rows: list[str], name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((HEADER + "\n".join(rows) + "\n").encode())
    return path


def physical_lines(data: bytes) -> int:
    """Lines as a person counts them: each \\n, \\r\\n or lone \\r ends one."""
    ends = len(re.findall(rb"\r\n|\r|\n", data))
    return ends + (1 if data and data[-1:] not in (b"\r", b"\n") else 0)


def assert_accounted(path: Path, ids: list[str]) -> IngestResult:
    """Every id is used or skipped, and the line counts add up and match the file."""
    result = read_export(path, CONFIG)
    lines = result.lines
    assert lines is not None and lines.adds_up
    assert lines.physical == physical_lines(path.read_bytes())
    assert result.rows_read == lines.records - 1 == result.rows_used + len(result.skipped)
    seen = set(result.frame[schema.TICKET_ID]) | {row.ticket_id for row in result.skipped}
    assert set(ids) <= seen
    return result


def test_a_quote_never_closed_costs_only_its_own_row(tmp_path: Path) -> None:
    rows = ticket_rows(500)
    rows[11] = '9999,Oops,"He wrote: I cannot log in,2026-06-01'
    path = write(tmp_path, rows)
    result = read_export(path, CONFIG)
    assert (result.rows_read, result.rows_used) == (500, 499)
    assert result.skipped_by_reason() == {UNCLOSED_QUOTE: 1}
    (skip,) = result.skipped
    assert (skip.row_number, skip.ticket_id) == (13, "9999")
    assert skip.detail.startswith("line 13: a quote opened on this line is not closed")
    assert "ran to the end of the file (line 501)" in skip.detail
    ids = [str(i) for i in range(1, 501) if i != 12]
    assert list(result.frame[schema.TICKET_ID]) == ids
    assert result.lines == schema.LineCounts(501, 501, 0, 0)
    assert_same_result(path)  # the columnar reader gives up on it, and the result is the same


def test_a_quote_that_closes_lines_later_costs_only_its_own_row(tmp_path: Path) -> None:
    rows = ticket_rows(40)
    rows[11] = '9999,Oops,"He wrote: I cannot log in,2026-06-01'
    rows[15] = '16,Billing,"Refund ""asap"" please",2026-01-01'  # its quote closes row 12's
    path = write(tmp_path, rows)
    result = read_export(path, CONFIG)
    assert (result.rows_read, result.rows_used) == (40, 39)
    (skip,) = result.skipped
    assert (skip.row_number, skip.reason) == (13, UNCLOSED_QUOTE)
    assert "it ran to line 17, and line 14 starts a record of its own" in skip.detail
    frame = result.frame.set_index(schema.TICKET_ID)
    assert frame.loc["16", schema.BODY] == 'Refund "asap" please'
    assert frame.loc["13", schema.BODY] == "Body of ticket 13"
    assert result.lines == schema.LineCounts(41, 41, 0, 0)
    assert_same_result(path)


def test_multi_line_cells_are_kept_whole(tmp_path: Path) -> None:
    """E-mail bodies with line breaks, blank lines and commas stay one record each."""
    body = 'Hi team,\n\nI tried twice, then again, and it failed.\r\nOrder 12345, item 3\r"ok"'
    quoted = '"' + body.replace('"', '""') + '"'
    rows = [f"{i},Subject {i},{quoted},2026-01-01" for i in range(1, 30)]
    path = write(tmp_path, rows)
    result = read_export(path, CONFIG)
    assert result.rows_used == 29 and not result.skipped
    assert set(result.frame[schema.BODY]) == {body}
    assert result.lines == schema.LineCounts(30 + 29 * 4, 30, 0, 29 * 4)
    assert assert_same_records(path, rows=10) == ["block"] * 3  # still read by pyarrow


def test_a_line_in_a_cell_that_is_a_whole_record_is_read_as_one(tmp_path: Path) -> None:
    """A quote that closes at a field's end looks canonical to both readers; the line it swallowed
    still starts a record of its own, so the record is broken, and pyarrow gives up on it."""
    rows = ticket_rows(20)
    rows[4] = '5,Oops,"He wrote: I cannot log in,2026-06-01'
    rows[6] = '7,Export,Missing rows",2026-01-01'  # closes row 5's quote, canonically
    path = write(tmp_path, rows)
    result = read_export(path, CONFIG)
    assert [(s.row_number, s.reason) for s in result.skipped] == [(6, UNCLOSED_QUOTE)]
    assert "it ran to line 8, and line 7 starts a record of its own" in result.skipped[0].detail
    frame = result.frame.set_index(schema.TICKET_ID)
    assert len(frame) == 19 and frame.loc["7", schema.BODY] == 'Missing rows"'
    kinds = assert_same_records(path, rows=10)
    assert kinds == ["records"] * 2


def test_unpaired_quotes_and_a_line_starting_with_an_id_break_a_record(tmp_path: Path) -> None:
    """Three rows with stray quotes in a row (found by the property test below): the second's
    record takes the third's first line, with as many fields as the header, but its quotes are
    not paired as a CSV writer pairs them and that line starts with an id."""
    path = tmp_path / "stray.csv"
    path.write_bytes(
        b'Id,Subject,Description,Created at\n99,First,First body,2026-01-01\n100,"b,"",2026-01-01'
        b'\r\n\n101,"fa,"",2026-01-01\r\n102,"head,"hfegd\r\n",2026-01-01\r\n\n'
    )
    result = assert_accounted(path, ["99", "100", "101", "102"])
    assert [(s.ticket_id, s.reason) for s in result.skipped] == [
        ("100", UNCLOSED_QUOTE),
        ("101", UNCLOSED_QUOTE),
        ("102", MALFORMED),
        (",2026-01-01", UNCLOSED_QUOTE),  # line 7, its first field
    ]
    assert "its quotes are not paired, and line 6 starts with an id" in result.skipped[1].detail


def test_a_record_of_too_many_lines_is_cut_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays bounded: a record of more than MAX_RECORD_LINES lines is a quote left open."""
    monkeypatch.setattr(delimited, "MAX_RECORD_LINES", 5)
    monkeypatch.setattr(arrow_csv, "MAX_RECORD_LINES", 5)
    body = '"' + "\n".join(f"line {i}" for i in range(8)) + '"'
    path = write(tmp_path, ["1,a,b,2026-01-01", f"2,a,{body},2026-01-01", "3,c,d,2026-01-01"])
    result = read_export(path, CONFIG)
    assert result.skipped[0].reason == UNCLOSED_QUOTE
    assert "more than 5 lines" in result.skipped[0].detail
    assert {"1", "3"} <= set(result.frame[schema.TICKET_ID])
    assert result.lines is not None and result.lines.adds_up
    assert_same_result(path)


def test_many_stray_quotes_cost_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line is handed to the csv module a bounded number of times, not once per quote."""
    handed = 0
    original = delimited._Lines.__next__

    def counting(self: delimited._Lines) -> str:
        nonlocal handed
        handed += 1
        return original(self)

    monkeypatch.setattr(delimited._Lines, "__next__", counting)
    for count in (2_000, 8_000):
        rows = ticket_rows(count)
        for i in range(0, count, 3):
            rows[i] = f'{i + 1},"Oops {i},Body,2026-01-01'
        handed = 0
        start = time.perf_counter()
        assert_accounted(write(tmp_path, rows), [str(i) for i in range(1, count + 1)])
        assert handed <= 3 * count, (count, handed)
        assert time.perf_counter() - start < 10


def test_inspect_shows_the_line_counts(tmp_path: Path) -> None:
    rows = ticket_rows(30)
    rows[11] = '9999,Oops,"He wrote: I cannot log in,2026-06-01'
    rows[20] = '21,Two lines,"Hello\nthere",2026-01-01'
    path = write(tmp_path, [*rows[:5], "", *rows[5:]])
    runner = CliRunner()
    text = runner.invoke(app, ["inspect", str(path)])
    assert text.exit_code == 0, text.output
    assert "30 rows read, 29 usable, 1 skipped (1 unclosed_quote)." in text.output
    expected = "33 lines in the file: 31 records (the header and 30 rows), 1 blank, 1 inside"
    assert expected in " ".join(text.output.split())
    report = json.loads(runner.invoke(app, ["inspect", str(path), "--json"]).stdout)
    assert report["lines"] == {"physical": 33, "records": 31, "blank": 1, "continuation": 1}
    assert report["skipped_by_reason"] == {UNCLOSED_QUOTE: 1}


def test_cluster_stores_the_line_counts_and_the_broken_row(tmp_path: Path) -> None:
    """voc cluster: the manifest's rows.lines, and skipped.csv naming the broken row's lines."""
    subjects = ["Cannot log in", "Refund for a double charge", "Export misses rows"]
    rows = [f"{i},{subjects[i % 3]} {i},{subjects[i % 3]} again,2026-01-01" for i in range(1, 61)]
    rows[11] = '9999,Oops,"He wrote: I cannot log in,2026-06-01'
    path = write(tmp_path, rows)
    result = CliRunner().invoke(app, ["cluster", str(path), "-w", str(tmp_path / "ws"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["rows"]["read"] == 60 and summary["rows"]["used"] == 59
    lines = {"physical": 61, "records": 61, "blank": 0, "continuation": 0}
    assert summary["rows"]["lines"] == lines
    manifest = json.loads((Path(summary["path"]) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"] == summary["rows"]
    skipped = (Path(summary["path"]) / "skipped.csv").read_text(encoding="utf-8").splitlines()
    assert skipped[1].startswith("13,9999,unclosed_quote,line 13: a quote opened on this line")


def test_id_shapes() -> None:
    assert [id_shape(v) for v in ("12345", " K-17 ", "INC0012", "Hello", "")] == [
        "9",
        "a-9",
        "a9",
        "",
        "",
    ]


# Generated exports: ids, a subject, a body whose lines hold commas, quotes and blank lines, any
# line ends, blank lines between records, and some rows with a stray quote.
WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=5)
BODY_LINE = st.builds(str.__add__, WORD, st.text(alphabet='ab 12,;"é', max_size=10)) | st.just("")
END = st.sampled_from(["\n", "\r\n", "\r"])
TICKET = st.tuples(
    WORD,
    st.lists(st.tuples(BODY_LINE, END), min_size=1, max_size=4),
    st.sampled_from(["", "", "", "subject", "body", "literal"]),
    END,
    st.sampled_from(["", "", "", "\n", "\r\n", " \n"]),
)


def export_text(tickets: list[tuple]) -> tuple[str, dict[str, str]]:
    """An export of the tickets after a first plain one (99), and the body of each ticket
    written without a stray quote."""
    text, clean = HEADER + "99,First,First body,2026-01-01\n", {"99": "First body"}
    for number, (subject, lines, stray, end, blank) in enumerate(tickets, start=100):
        body = "".join(line + e for line, e in lines)[: -len(lines[-1][1])]
        cell = '"' + body.replace('"', '""') + '"'
        if stray == "subject":
            subject = '"' + subject  # opens a quote in an unquoted field's place
        elif stray == "body":
            cell = '"He wrote: ' + body.replace('"', "").replace("\r", " ").replace("\n", " ")
        elif stray == "literal":
            subject += '" screen'  # a literal quote inside an unquoted field: fine on its own
        else:
            clean[str(number)] = body.strip()
        text += f"{number},{subject},{cell},2026-01-01{end}{blank}"
    return text, clean


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tickets=st.lists(TICKET, min_size=1, max_size=10))
def test_every_generated_row_is_used_or_skipped(tmp_path: Path, tickets: list[tuple]) -> None:
    text, clean = export_text(tickets)
    path = tmp_path / "generated.csv"
    path.write_bytes(text.encode())
    ids = [str(n) for n in range(99, 100 + len(tickets))]
    result = assert_accounted(path, ids)
    bodies = dict(zip(result.frame[schema.TICKET_ID], result.frame[schema.BODY], strict=True))
    for number, body in clean.items():  # a row without a stray quote is read whole
        assert bodies.get(number) == body, number
    if len(clean) == len(tickets) + 1:  # no stray quote: nothing skipped
        assert not result.skipped
    assert_same_result(path)
