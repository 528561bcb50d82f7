"""Every export format reads into the same canonical rows, and no row goes unaccounted for."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voc import schema
from voc.errors import VocError
from voc.ingest import MALFORMED, read_export

TICKETS = [
    {"id": "1", "subject": "Login fails", "description": "Cannot log in\nafter 2FA", "csat": "5"},
    {"id": "2", "subject": "Export broken", "description": 'CSV export, "quoted"', "csat": "2"},
    {"id": "3", "subject": "Refund", "description": "Charged twice", "csat": ""},
]


def expect_three_tickets(path: Path, fmt: str) -> pd.DataFrame:
    result = read_export(path)
    assert result.format == fmt
    assert result.rows_read == result.rows_used + len(result.skipped) == 3
    frame = result.frame
    assert list(frame[schema.TICKET_ID]) == ["1", "2", "3"]
    assert frame.iloc[0][schema.BODY] == "Cannot log in\nafter 2FA"
    assert frame.iloc[1][schema.BODY] == 'CSV export, "quoted"'
    assert list(frame[schema.CSAT].round(2).fillna(-1)) == [1.0, 0.25, -1]
    return frame


def test_xlsx_first_sheet_with_row_numbers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Tickets"
    sheet.append(list(TICKETS[0]))
    for ticket in TICKETS:
        sheet.append([int(ticket["id"]), *list(ticket.values())[1:]])
    sheet.append([None, None, None, None])  # trailing empty row is not a record
    book.create_sheet("Notes")
    path = tmp_path / "export.xlsx"
    book.save(path)
    frame = expect_three_tickets(path, "xlsx")
    assert list(frame[schema.ROW_NUMBER]) == [2, 3, 4]  # the sheet's own row numbers
    assert read_export(path).detail == "sheet 'Tickets' (first of 2 sheets)"


def test_json_list_and_nested_key(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(TICKETS), encoding="utf-8")
    expect_three_tickets(path, "json")
    nested = tmp_path / "api.json"
    nested.write_text(json.dumps({"count": 3, "tickets": TICKETS}), encoding="utf-8")
    expect_three_tickets(nested, "json")
    assert read_export(nested).detail == "list under key 'tickets'"


def test_json_nested_objects_become_dotted_columns(tmp_path: Path) -> None:
    items = [{"id": 1, "subject": "Hi", "requester": {"email": "a@b.co"}, "tags": ["x", "y"]}]
    path = tmp_path / "n.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    result = read_export(path)
    assert result.column_map[schema.TAGS] == ["tags"]
    assert result.frame.iloc[0][schema.TAGS] == "x, y"
    assert "requester.email" in result.column_map.get(schema.REQUESTER, []) or (
        "requester.email" in result.unmapped_columns
    )


def test_jsonl_bad_lines_are_skipped_with_their_line(tmp_path: Path) -> None:
    lines = [json.dumps(TICKETS[0]), "{not json", "", json.dumps(TICKETS[1]), "[1, 2]"]
    lines.append(json.dumps({**TICKETS[2], "priority": "high"}))  # a key only the last line has
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_export(path)
    assert result.rows_read == 5 and result.rows_used == 3
    assert [(s.row_number, s.reason) for s in result.skipped] == [(2, MALFORMED), (5, MALFORMED)]
    assert "not valid JSON" in result.skipped[0].detail
    assert result.frame.iloc[2][schema.PRIORITY] == "high"


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "export.parquet"
    frame = pd.DataFrame(TICKETS)
    frame["id"] = frame["id"].astype(int)
    frame.to_parquet(path)
    expect_three_tickets(path, "parquet")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_gzipped_formats(tmp_path: Path, fmt: str) -> None:
    if fmt == "json":
        data = json.dumps(TICKETS)
    elif fmt == "jsonl":
        data = "\n".join(json.dumps(t) for t in TICKETS)
    else:
        data = pd.DataFrame(TICKETS).to_csv(index=False)
    path = tmp_path / f"export.{fmt}.gz"
    path.write_bytes(gzip.compress(data.encode("utf-8")))
    expect_three_tickets(path, fmt)


def test_very_long_cells_are_kept_whole(tmp_path: Path) -> None:
    long_body = "word " * 60_000  # 300,000 characters, above the csv module's default limit
    path = tmp_path / "long.csv"
    pd.DataFrame([{"id": 1, "subject": "Long", "body": long_body}]).to_csv(path, index=False)
    assert read_export(path).frame.iloc[0][schema.BODY] == long_body.strip()


def test_chunks_do_not_change_the_result(tmp_path: Path) -> None:
    from voc.config import IngestConfig

    rows = [{"id": i % 250, "subject": f"ticket {i % 300}"} for i in range(1000)]
    path = tmp_path / "many.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    whole = read_export(path, IngestConfig(chunk_rows=10_000))
    chunked = read_export(path, IngestConfig(chunk_rows=100))
    pd.testing.assert_frame_equal(whole.frame, chunked.frame)
    assert whole.skipped == chunked.skipped
    assert whole.rows_read == whole.rows_used + len(whole.skipped) == 1000


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_file_reads_or_fails_with_a_clear_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(b"id,subject,body\n" + data)
    try:
        result = read_export(path)
    except VocError as exc:
        assert str(path) in str(exc)
        return
    assert result.rows_read == result.rows_used + len(result.skipped)
    assert len({s.row_number for s in result.skipped} | set(result.frame[schema.ROW_NUMBER])) == (
        result.rows_read
    )


@pytest.mark.parametrize("early", [False, True])
def test_parallel_cleaning_gives_the_same_rows_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, early: bool
) -> None:
    from functools import partial

    import voc.ingest

    started: list[int] = []
    start_early = voc.ingest._Cleaner.start_early
    monkeypatch.setattr(
        voc.ingest._Cleaner,
        "start_early",
        lambda self: started.append(self.workers) or start_early(self),
    )
    if early:  # as if the export were too big for one chunk: workers start before reading
        monkeypatch.setattr(voc.ingest, "_MAX_BYTES_PER_ROW", 1)

    from voc.config import IngestConfig, RunConfig
    from voc.prepare import prepare_frame

    rows = [
        {"id": i % 900, "subject": f"Refund {i % 700}", "body": "<p>Hi,</p>" if i % 97 else ""}
        for i in range(1200)
    ]
    path = tmp_path / "many.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    prepare = partial(prepare_frame, config=RunConfig(), salt=b"s")
    one = read_export(path, IngestConfig(chunk_rows=200, clean_workers=1), prepare=prepare)
    two = read_export(path, IngestConfig(chunk_rows=200, clean_workers=2), prepare=prepare)
    assert (one.clean_processes, two.clean_processes) == (1, 2)
    pd.testing.assert_frame_equal(one.frame, two.frame)
    assert one.skipped == two.skipped
    assert two.rows_read == two.rows_used + len(two.skipped) == 1200
    # A small export never starts workers before it proves bigger than a chunk.
    assert started == ([1, 2] if early else [])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.dictionaries(
            st.sampled_from(["id", "subject", "body", "x"]), json_values, max_size=4
        ).map(json.dumps)
        | st.text(max_size=30),
        max_size=12,
    )
)
def test_any_json_lines_file_reads_or_fails_with_a_clear_error(
    tmp_path: Path, lines: list[str]
) -> None:
    path = tmp_path / "random.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8")
    try:
        result = read_export(path)
    except VocError as exc:
        assert str(path) in str(exc)
        return
    assert result.rows_read == result.rows_used + len(result.skipped)


def test_an_empty_workbook_is_a_clear_error(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    with pytest.raises(VocError, match=r"the first sheet \('Sheet'\) of .*empty\.xlsx is empty"):
        read_export(path)


def test_parallel_cleaning_from_a_script_without_a_main_guard(tmp_path: Path) -> None:
    import subprocess
    import sys

    rows = [{"id": i, "subject": f"Ticket {i}", "body": f"Body {i} text"} for i in range(600)]
    export = tmp_path / "export.csv"
    pd.DataFrame(rows).to_csv(export, index=False)
    script = tmp_path / "script.py"
    script.write_text(
        "from functools import partial\n"
        "from voc.config import IngestConfig, RunConfig\n"
        "from voc.ingest import read_export\n"
        "from voc.prepare import prepare_frame\n"
        "print('top level')\n"
        f"result = read_export({str(export)!r}, IngestConfig(chunk_rows=100, clean_workers=2),\n"
        "    prepare=partial(prepare_frame, config=RunConfig(), salt=b's'))\n"
        "print(result.rows_used, result.clean_processes)\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["top level", "600 2"]  # the script ran once


def test_repeated_id_columns_read_the_first_with_a_warning(tmp_path: Path) -> None:
    """Two ``Id`` columns are not joined into ids like "100000 100005"; tags still are."""
    path = tmp_path / "twice.csv"
    path.write_text(
        "Id,Subject,Description,ID,Tags,Tags\n100000,Login,Fails,100005,a,b\n", encoding="utf-8"
    )
    result = read_export(path)
    row = result.frame.iloc[0]
    assert row[schema.TICKET_ID] == "100000" and row[schema.TAGS] == "a b"
    assert result.column_map[schema.TICKET_ID] == ["Id"] and "ID" in result.unmapped_columns
    (warning,) = [w for w in result.warnings if "columns 1 ('Id') and 4 ('ID')" in w]
    assert warning.startswith(f"{path}: ") and "read from column 1 only" in warning


def test_repeated_columns_warning_reaches_inspect(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from voc.cli import app

    path = tmp_path / "twice.csv"
    path.write_text("Id,Subject,Id\n1,Login fails,7\n2,Export broken,8\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["inspect", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert any("columns 1 ('Id') and 3 ('Id')" in w for w in report["warnings"])
    assert report["lines"] == {"physical": 3, "records": 3, "blank": 0, "continuation": 0}
