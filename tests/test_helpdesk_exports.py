"""Each helpdesk's export, read end to end: detected, mapped, values parsed, no row lost."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from voc import schema
from voc.ingest import read_export

FIXTURES = Path(__file__).parent / "fixtures" / "helpdesks"
HELPDESK_FILES = sorted(p for p in FIXTURES.glob("*.csv") if p.stem != "generic")
# Warnings a fixture is expected to raise (none today; Jira's SLA columns are deliberately unread).
EXPECTED_WARNINGS: dict[str, list[str]] = {}


@pytest.mark.parametrize("path", HELPDESK_FILES, ids=lambda p: p.stem)
def test_every_helpdesk_export_reads_cleanly(path: Path) -> None:
    result = read_export(path)
    assert result.helpdesk is not None
    assert result.rows_read == result.rows_used + len(result.skipped) == 8
    frame = result.frame
    text = frame[schema.SUBJECT].fillna("") + frame[schema.BODY].fillna("")
    assert (text.str.len() > 0).all()
    assert frame[schema.TICKET_ID].is_unique
    assert frame[schema.CREATED_AT].notna().all(), result.warnings
    assert frame[schema.CREATED_AT].dt.year.between(2023, 2026).all()
    csat = frame[schema.CSAT].dropna()
    assert csat.between(0, 1).all()
    expected = EXPECTED_WARNINGS.get(path.stem, [])
    value_warnings = [w for w in result.warnings if "could not be read" in w]
    assert len(value_warnings) == len(expected), value_warnings
    for warning, fragment in zip(value_warnings, expected, strict=True):
        assert fragment in warning and str(path) in warning


def test_jira_repeated_columns_are_combined_and_dates_read() -> None:
    result = read_export(FIXTURES / "jira.csv")
    first = result.frame.iloc[0]
    assert first[schema.TICKET_ID] == "QB-101"
    assert first[schema.TAGS] == "login password"
    assert "Invalid credentials" in first[schema.BODY]
    assert "Same error in incognito." in first[schema.BODY]  # a later Comment column
    assert result.column_map[schema.BODY].count("Comment") == 3
    assert first[schema.CREATED_AT] == pd.Timestamp("2024-03-12 15:04", tz="UTC")
    assert first[schema.CSAT] == 1.0
    assert schema.RESOLUTION_MINUTES not in result.column_map  # SLA time left, not a duration
    assert result.column_map[schema.ORGANIZATION] == ["Custom field (Organizations)"]


def test_jira_comment_metadata_is_not_ticket_text(tmp_path: Path) -> None:
    from voc.config import RunConfig
    from voc.prepare import prepare_frame

    result = read_export(FIXTURES / "jira.csv")
    frame, _ = prepare_frame(result.frame, RunConfig(), b"salt")
    text = frame.iloc[0][schema.TEXT]
    assert "Same error in incognito." in text
    assert "557058:" not in text and "12/Mar/24" not in text


def test_intercom_times_are_read_in_the_zone_named_by_the_header() -> None:
    frame = read_export(FIXTURES / "intercom.csv").frame
    row = frame.loc[frame[schema.TICKET_ID] == "215469341"].iloc[0]
    # 10:04 in New York in March 2024 (daylight saving time, UTC-4) is 14:04 UTC.
    assert row[schema.CREATED_AT] == pd.Timestamp("2024-03-12 14:04:05", tz="UTC")


def test_zendesk_satisfaction_words_and_not_offered() -> None:
    result = read_export(FIXTURES / "zendesk.csv")
    assert result.value_formats[schema.CSAT] == "good/bad (Zendesk)"
    scores = dict(zip(result.frame[schema.TICKET_ID], result.frame[schema.CSAT], strict=True))
    raw = dict(zip(result.frame[schema.TICKET_ID], result.frame[schema.CSAT_RAW], strict=True))
    assert scores["41872"] == 1.0 and scores["41873"] == 0.0
    assert pd.isna(scores["41874"]) and raw["41874"] == "Offered"  # original kept
    assert any("no ticket body" in w for w in result.warnings)


def test_salesforce_report_us_dates_and_escalation() -> None:
    frame = read_export(FIXTURES / "salesforce_report.csv").frame.set_index(schema.TICKET_ID)
    assert frame.loc["00001026", schema.CREATED_AT] == pd.Timestamp("2024-03-12 15:04", tz="UTC")
    assert frame.loc["00001027", schema.ESCALATED] == 1.0
    assert frame.loc["00001026", schema.ESCALATED] == 0.0


def test_a_saved_column_map_reads_an_unknown_export(tmp_path: Path) -> None:
    from voc.config import IngestConfig

    generic = FIXTURES / "generic.csv"
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\nticket_id = "ref"\nbody = "customer_message"\ncreated_at = "opened_on"\n',
        encoding="utf-8",
    )
    result = read_export(generic, IngestConfig(columns_file=str(mapping)))
    assert result.helpdesk is None
    assert result.column_map[schema.BODY] == ["customer_message"]
    assert result.frame[schema.CREATED_AT].notna().all()
