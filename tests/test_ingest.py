from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import write_csv
from voc import schema
from voc.config import IngestConfig
from voc.errors import EmptyCorpusError, IngestError, SchemaError
from voc.ingest import DUPLICATE_ID, DUPLICATE_ROW, EMPTY_TEXT, MALFORMED, read_export

HEADER = "Id,Subject,Description,Created at,Via,Tags,Tags\n"


def test_zendesk_style_headers_map_to_canonical_fields(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "z.csv",
        HEADER + '7,Login fails,"Cannot log in\nafter 2FA",2026-03-01 10:00:00,Email,login,2fa\n',
    )
    result = read_export(path)
    row = result.frame.iloc[0]
    assert row[schema.TICKET_ID] == "7"
    assert row[schema.BODY] == "Cannot log in\nafter 2FA"  # quoted multi-line cell kept whole
    assert row[schema.CHANNEL] == "Email"
    assert row[schema.TAGS] == "login 2fa"  # repeated columns are joined, not lost
    assert row[schema.CREATED_AT] == pd.Timestamp("2026-03-01 10:00:00", tz="UTC")
    assert result.column_map[schema.TAGS] == ["Tags", "Tags"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_any_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    text = f"id{delimiter}subject{delimiter}body\n1{delimiter}a, b; c{delimiter}x\n"
    text = text.replace("a, b; c", '"a, b; c"') if delimiter in ",;" else text
    result = read_export(write_csv(tmp_path / "d.csv", text))
    assert result.delimiter == delimiter
    assert result.frame.iloc[0][schema.SUBJECT] == "a, b; c"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    text = "Id,Subject,Description\n1,Café crème,Facture – €12 was “wrong”\n"
    result = read_export(write_csv(tmp_path / "e.csv", text, encoding))
    assert result.encoding == expected
    assert result.frame.iloc[0][schema.SUBJECT] == "Café crème"
    assert result.frame.iloc[0][schema.BODY] == "Facture – €12 was “wrong”"
    assert result.frame.columns[1] == schema.TICKET_ID  # BOM does not stick to the first header


def test_gzip_export(tmp_path: Path) -> None:
    path = tmp_path / "t.csv.gz"
    path.write_bytes(gzip.compress(b"id,subject\n1,hello\n"))
    assert read_export(path).frame.iloc[0][schema.SUBJECT] == "hello"


def test_every_row_is_used_or_skipped_with_row_number_and_reason(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "s.csv",
        "id,subject,body\n"
        "1,a,b\n"  # row 2 used
        "1,a,b\n"  # row 3 exact duplicate of row 2
        "2,,\n"  # row 4 empty
        "3,x,y,z\n"  # row 5 too many fields
        "1,other,text\n"  # row 6 reuses id 1 with other content
        ",no id,here\n",  # row 7 used with a made-up id
    )
    result = read_export(path)
    assert result.rows_read == 6
    assert result.rows_read == result.rows_used + len(result.skipped)
    reasons = {(s.row_number, s.reason) for s in result.skipped}
    assert reasons == {(3, DUPLICATE_ROW), (4, EMPTY_TEXT), (5, MALFORMED), (6, DUPLICATE_ID)}
    assert result.frame[schema.TICKET_ID].tolist() == ["1", "row-7"]
    assert result.frame[schema.ROW_NUMBER].tolist() == [2, 7]
    assert result.skipped_by_reason() == {
        DUPLICATE_ID: 1, DUPLICATE_ROW: 1, EMPTY_TEXT: 1, MALFORMED: 1,
    }  # fmt: skip


@pytest.mark.parametrize("chunk_rows", [100, 3, 1])
def test_reused_ids_and_empty_rows_across_and_within_chunks(
    tmp_path: Path, chunk_rows: int
) -> None:
    path = write_csv(
        tmp_path / "ids.csv",
        "id,subject,body\n"
        "7,a,b\n"  # row 2 used: id 7 is row 2's
        "8,,\n"  # row 3 empty: claims no id
        "8,c,d\n"  # row 4 used: id 8 is free
        "7,e,f\n"  # row 5 reuses 7
        "9,,\n"  # row 6 empty
        "8,g,h\n"  # row 7 reuses 8
        "10,i,j\n"  # row 8 used
        "10,k,l\n",  # row 9 reuses 10, right after it
    )
    result = read_export(path, IngestConfig(chunk_rows=chunk_rows))
    assert [(s.row_number, s.ticket_id, s.reason, s.detail) for s in result.skipped] == [
        (3, "8", EMPTY_TEXT, "no subject or body"),
        (5, "7", DUPLICATE_ID, "ticket id already used by row 2 with other content"),
        (6, "9", EMPTY_TEXT, "no subject or body"),
        (7, "8", DUPLICATE_ID, "ticket id already used by row 4 with other content"),
        (9, "10", DUPLICATE_ID, "ticket id already used by row 8 with other content"),
    ]
    assert result.frame[schema.ROW_NUMBER].tolist() == [2, 4, 8]


def test_overrides_pick_columns_and_join_text(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", "ref,headline,notes,when\nA1,Title,More,2026-01-02\n")
    cfg = IngestConfig(text_cols=("headline", "notes"), id_col="ref", date_col="when")
    row = read_export(path, cfg).frame.iloc[0]
    assert row[schema.TICKET_ID] == "A1"
    assert row[schema.BODY] == "Title\nMore"
    assert row[schema.CREATED_AT] == pd.Timestamp("2026-01-02", tz="UTC")


def test_subject_only_export_warns(tmp_path: Path) -> None:
    result = read_export(write_csv(tmp_path / "w.csv", "id,subject\n1,hello\n"))
    assert any("no ticket body" in w for w in result.warnings)
    assert any("no creation-date column" in w for w in result.warnings)


def test_unparseable_dates_and_numbers_are_kept_and_counted(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "n.csv",
        "id,subject,created at,reopens\n1,a,2026-01-02,2\n2,b,not a date,many\n",
    )
    result = read_export(path)
    assert result.rows_used == 2
    assert result.frame[schema.CREATED_AT].isna().tolist() == [False, True]
    assert result.frame[schema.REOPENS].tolist()[0] == 2.0
    assert any(
        w.endswith(
            "n.csv: 1 value of 'created at' could not be read as dates (ISO 8601) (rows 3); "
            "left empty."
        )
        for w in result.warnings
    )
    assert any("'reopens'" in w for w in result.warnings)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nope\.csv not found"):
        read_export(tmp_path / "nope.csv")


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"empty\.csv is empty"):
        read_export(write_csv(tmp_path / "empty.csv", "  \n"))


def test_header_only_file_has_no_usable_ticket(tmp_path: Path) -> None:
    with pytest.raises(EmptyCorpusError, match=r"no usable ticket in .*h\.csv: 0 rows"):
        read_export(write_csv(tmp_path / "h.csv", "id,subject\n"))


def test_all_rows_empty_reports_the_reasons(tmp_path: Path) -> None:
    with pytest.raises(EmptyCorpusError, match="2 empty_text"):
        read_export(write_csv(tmp_path / "h.csv", "id,subject\n1,\n2,\n"))


def test_binary_and_unsupported_files(tmp_path: Path) -> None:
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x00\x01\x02garbage\x00" * 10)
    with pytest.raises(IngestError, match="binary"):
        read_export(binary)
    xlsx = tmp_path / "t.xlsx"
    xlsx.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(IngestError, match=r"t\.xlsx is a ZIP file but not a readable XLSX"):
        read_export(xlsx)
    pdf = tmp_path / "t.csv"
    pdf.write_bytes(b"%PDF-1.7 rest")
    with pytest.raises(IngestError, match=r"t\.csv is a PDF file.*export the tickets as CSV"):
        read_export(pdf)


def test_no_text_column_names_file_and_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "notext.csv", "id,amount\n1,3\n")
    with pytest.raises(SchemaError, match=r"notext\.csv; columns are: 'id', 'amount'.*--text-col"):
        read_export(path)


def test_override_naming_a_missing_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", "id,subject\n1,a\n")
    with pytest.raises(
        SchemaError, match=r"column 'Body' \(from --text-col\) not found in .*x\.csv"
    ):
        read_export(path, IngestConfig(text_cols=("Body",)))


def test_a_custom_field_does_not_shadow_the_real_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "Id,Subject,Status,Status [list]\n1,Login,open,vip\n")
    result = read_export(path)
    assert result.column_map[schema.STATUS] == ["Status"]
    assert result.frame.iloc[0][schema.STATUS] == "open"
    assert "Status [list]" in result.unmapped_columns
