"""Recognising the helpdesk behind an export from its header row, and its column names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from voc import schema
from voc.ingest.headers import normalise_header
from voc.ingest.helpdesks import (
    HELPDESKS,
    MATCH_THRESHOLD,
    Helpdesk,
    HelpdeskMatch,
    detect_helpdesk,
    helpdesk_columns,
)

FIXTURES = Path(__file__).parent / "fixtures" / "helpdesks"
BY_KEY = {h.key: h for h in HELPDESKS}
# Headers almost every export has: a signature built from these would match anything.
GENERIC = {"id", "subject", "status", "priority", "tags", "description", "type", "email", "created"}


def header_row(name: str) -> list[str]:
    with open(FIXTURES / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return next(csv.reader(fh))


@pytest.mark.parametrize("key", sorted(BY_KEY))
def test_each_fixture_is_detected_as_its_helpdesk(key: str) -> None:
    match = detect_helpdesk(header_row(key))
    assert match is not None
    assert match.helpdesk.key == key
    assert match.matched == match.helpdesk.signature  # the fixture holds the whole signature
    assert match.score == 1.0


def test_every_fixture_file_belongs_to_a_helpdesk() -> None:
    assert {p.stem for p in FIXTURES.glob("*.csv")} == {*BY_KEY, "generic"}


def test_generic_export_is_not_a_helpdesk() -> None:
    assert detect_helpdesk(header_row("generic")) is None


def test_zendesk_custom_fields_do_not_hide_it() -> None:
    headers = [*header_row("zendesk"), "Product area [list]", "Escalated [flag]", "Order ref [txt]"]
    match = detect_helpdesk(headers)
    assert match is not None and match.helpdesk.key == "zendesk"


def test_one_distinctive_header_is_not_enough() -> None:
    headers = ["Id", "Subject", "Description", "Status", "Created at", "Group stations"]
    assert detect_helpdesk(headers) is None


def test_bom_and_case_do_not_matter() -> None:
    headers = [h.upper() for h in header_row("freshdesk")]
    headers[0] = "\ufeff" + headers[0]
    match = detect_helpdesk(headers)
    assert match is not None and match.helpdesk.key == "freshdesk"


def test_partial_export_still_matches_above_threshold() -> None:
    signature = BY_KEY["intercom"].signature
    kept = signature[: -(len(signature) * 2 // 5)]  # drop two of the seven distinctive headers
    match = detect_helpdesk(["Conversation ID", *kept])
    assert match is not None and match.helpdesk.key == "intercom"
    assert MATCH_THRESHOLD <= match.score < 1.0
    assert match.matched == kept


@pytest.mark.parametrize("helpdesk", HELPDESKS, ids=lambda h: h.key)
def test_columns_point_at_headers_of_the_fixture(helpdesk: Helpdesk) -> None:
    present = {normalise_header(h) for h in header_row(helpdesk.key)}
    columns = helpdesk_columns(helpdesk)
    assert present & set(columns[schema.TICKET_ID])
    assert present & {*columns.get(schema.SUBJECT, ()), *columns.get(schema.BODY, ())}
    for field, headers in columns.items():  # catches a misspelt header in the data
        if headers:  # an empty tuple says the export has no such column
            assert present & set(headers), f"{helpdesk.key}: no header for {field} in its fixture"


@pytest.mark.parametrize("helpdesk", HELPDESKS, ids=lambda h: h.key)
def test_signatures_are_distinctive(helpdesk: Helpdesk) -> None:
    assert 4 <= len(helpdesk.signature) <= 8
    assert not GENERIC & set(helpdesk.signature)


def test_no_two_signatures_are_the_same() -> None:
    signatures = [frozenset(h.signature) for h in HELPDESKS]
    assert len(set(signatures)) == len(signatures)
    assert len(BY_KEY) == len(HELPDESKS)


def test_jira_repeated_columns_are_all_named() -> None:
    headers = [normalise_header(h) for h in header_row("jira")]
    jira = BY_KEY["jira"]
    assert headers.count("comment") > 1 and headers.count("labels") > 1
    assert schema.BODY in jira.joined and "comment" in jira.columns[schema.BODY]


def test_helpdesk_columns_accepts_a_match_and_returns_a_copy() -> None:
    match = detect_helpdesk(header_row("jira"))
    assert isinstance(match, HelpdeskMatch)
    columns = helpdesk_columns(match)
    columns[schema.SUBJECT] = ("changed",)
    assert helpdesk_columns(match.helpdesk)[schema.SUBJECT] == ("summary",)


def test_ties_go_to_the_helpdesk_listed_first() -> None:
    first, second = HELPDESKS[0], HELPDESKS[1]
    headers = [*first.signature, *second.signature]  # both score 1.0
    match = detect_helpdesk(headers)
    assert match is not None and match.helpdesk is first


def test_a_helpdesk_with_raw_header_names_is_refused() -> None:
    with pytest.raises(ValueError, match="normalised"):
        Helpdesk("x", "X", ("Group stations", "b", "c", "d"), {schema.TICKET_ID: ("id",)})
    with pytest.raises(ValueError, match="unknown canonical"):
        Helpdesk("x", "X", ("a", "b", "c", "d"), {"ticket": ("id",)})
    with pytest.raises(ValueError, match="4-8"):
        Helpdesk("x", "X", ("a", "b"), {schema.TICKET_ID: ("id",)})
