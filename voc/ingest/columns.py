"""Recognise which export column holds which canonical field, by header name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from voc import schema
from voc.config import IngestConfig
from voc.errors import SchemaError

# Header aliases per canonical field, most specific first; compared after normalise_header().
ALIASES: dict[str, tuple[str, ...]] = {
    schema.TICKET_ID: (
        "ticket id",
        "id",
        "ticket number",
        "ticket",
        "case number",
        "casenumber",
        "conversation id",
        "issue key",
        "key",
        "number",
        "ticket no",
    ),
    schema.SUBJECT: ("subject", "title", "summary", "ticket subject", "conversation subject"),
    schema.BODY: (
        "description",
        "body",
        "message",
        "ticket description",
        "comment",
        "text",
        "content",
        "details",
        "first message",
        "question",
        "conversation",
        "message body",
    ),
    schema.CREATED_AT: (
        "created at",
        "created",
        "created date",
        "createddate",
        "date created",
        "creation date",
        "date time opened",
        "opened",
        "opened date",
        "submitted at",
        "conversation started at",
        "create date",
        "date",
        "timestamp",
    ),
    schema.STATUS: ("status", "state", "ticket status"),
    schema.PRIORITY: ("priority", "ticket priority", "urgency"),
    schema.CHANNEL: ("via", "channel", "source", "origin", "case origin", "ticket source"),
    schema.TAGS: ("tags", "labels", "tag", "label"),
    schema.CSAT: (
        "satisfaction score",
        "satisfaction",
        "csat",
        "satisfaction rating",
        "rating",
        "customer satisfaction",
        "csat score",
    ),
    schema.REQUESTER: (
        "requester email",
        "requester",
        "customer email",
        "contact email",
        "email",
        "from",
        "reporter",
        "customer",
    ),
    schema.ORGANIZATION: (
        "organization",
        "organisation",
        "company",
        "account name",
        "account",
        "organization name",
    ),
    schema.PLAN: ("plan tier", "plan", "tier", "subscription", "plan type"),
    schema.REOPENS: ("reopens", "reopen count", "reopened"),
    schema.REPLIES: ("replies", "reply count", "agent replies", "number of replies"),
    schema.RESOLUTION_MINUTES: (
        "full resolution time in minutes",
        "resolution time in minutes",
        "resolution time",
        "full resolution time",
        "time to resolution",
    ),
}

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_BRACKETED = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")


def normalise_header(header: str) -> str:
    """Lower-case, drop a trailing ``[list]``/``(UTC)`` suffix and punctuation.

    Example: ``normalise_header("Created at (UTC)") == "created at"``.
    """
    text = _BRACKETED.sub("", header.strip().lstrip("\ufeff"))
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def detect_columns(
    headers: Sequence[str], config: IngestConfig, source: str
) -> dict[str, list[int]]:
    """Map canonical fields to the column positions that feed them.

    Text comes from ``config.text_cols`` when given (all joined into the body); otherwise from the
    detected subject and body columns. Raises :class:`SchemaError` naming the file and its columns
    when an override names no column or no text column can be found.
    """
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, list[int]] = {}
    taken: set[int] = set()

    def position(name: str, option: str) -> int:
        for i, header in enumerate(headers):
            if header.strip().lstrip("\ufeff") == name:
                return i
        wanted = normalise_header(name)
        for i, norm in enumerate(normalised):
            if norm == wanted:
                return i
        raise SchemaError(
            f"column '{name}' (from {option}) not found in {source}; "
            f"columns are: {_listing(headers)}"
        )

    if config.text_cols:
        mapping[schema.BODY] = [position(n, "--text-col") for n in config.text_cols]
        taken.update(mapping[schema.BODY])
        mapping[schema.SUBJECT] = []
    if config.id_col:
        mapping[schema.TICKET_ID] = [position(config.id_col, "--id-col")]
        taken.update(mapping[schema.TICKET_ID])
    if config.date_col:
        mapping[schema.CREATED_AT] = [position(config.date_col, "--date-col")]
        taken.update(mapping[schema.CREATED_AT])

    for canonical, aliases in ALIASES.items():
        if canonical in mapping:
            continue
        for alias in aliases:
            hits = [i for i, norm in enumerate(normalised) if norm == alias and i not in taken]
            if hits:
                mapping[canonical] = hits
                taken.update(hits)
                break

    if not mapping.get(schema.SUBJECT) and not mapping.get(schema.BODY):
        raise SchemaError(
            f"no ticket text column found in {source}; columns are: {_listing(headers)}. "
            "Pass --text-col NAME (repeat it to join several columns)."
        )
    return mapping


def _listing(headers: Sequence[str]) -> str:
    shown = ", ".join(f"'{h}'" for h in headers[:40])
    return shown + (f" and {len(headers) - 40} more" if len(headers) > 40 else "")
