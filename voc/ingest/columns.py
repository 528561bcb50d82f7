"""Recognise which export column holds which canonical field, by header name."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from voc import schema
from voc.config import IngestConfig
from voc.errors import SchemaError
from voc.ingest.headers import has_suffix, normalise_header
from voc.ingest.helpdesks import detect_helpdesk, helpdesk_columns

__all__ = ["ALIASES", "ColumnMapping", "detect_columns", "load_column_map", "normalise_header"]

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
        "resolution time in hrs",
    ),
    schema.FIRST_RESPONSE_MINUTES: (
        "first reply time in minutes",
        "first response time",
        "first response time in minutes",
        "first response time in hrs",
        "time to first response",
        "first reply time",
    ),
    schema.ESCALATED: ("escalated", "is escalated", "isescalated"),
    schema.AGENT_INTERACTIONS: ("agent interactions", "agent replies count"),
    schema.CUSTOMER_INTERACTIONS: ("customer interactions", "customer replies"),
}
# Fields whose repeated columns are parts of one value (several Comment or Labels columns, as
# Jira exports them): all are joined. See detect_columns for every other field.
JOINABLE = frozenset({schema.BODY, schema.TAGS})


@dataclass(frozen=True)
class ColumnMapping:
    """Which export columns feed each canonical field, and how that was decided."""

    fields: dict[str, list[int]]
    helpdesk: str | None = None
    warnings: tuple[str, ...] = ()  # e.g. two columns named alike for a field that takes one

    @property
    def used(self) -> set[int]:
        return {i for positions in self.fields.values() for i in positions}


def detect_columns(headers: Sequence[str], config: IngestConfig, source: str) -> ColumnMapping:
    """Map canonical fields to the column positions that feed them.

    Precedence: command-line overrides (``text_cols``, ``id_col``, ``date_col``), then a saved
    column map (``columns_file``), then the recognised helpdesk's own column names, then generic
    header aliases. A field fed by several columns (Jira's repeated ``Labels``) gets them all
    where they are parts of one value (:data:`JOINABLE`, a helpdesk's joined fields, a column map
    or ``--text-col`` listing several). Any other field found in several columns of the same name
    (two ``Id`` columns) is read from the first only, with a warning naming them: joining them
    would make values that are in neither column (the id "100000 100005" matches no ticket in the
    helpdesk, two dates make no date), while the first column is the one the helpdesk put first.
    Raises :class:`SchemaError` naming the file and its columns when an override names no column
    or no text column can be found.
    """
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, list[int]] = {}
    taken: set[int] = set()
    warnings: list[str] = []

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

    def claim(field: str, positions: list[int]) -> None:
        mapping[field] = positions
        taken.update(positions)

    if config.text_cols:
        claim(schema.BODY, [position(n, "--text-col") for n in config.text_cols])
        mapping[schema.SUBJECT] = []
    if config.id_col:
        claim(schema.TICKET_ID, [position(config.id_col, "--id-col")])
    if config.date_col:
        claim(schema.CREATED_AT, [position(config.date_col, "--date-col")])
    if config.columns_file:
        option = f"the column map {config.columns_file}"
        for field, names in load_column_map(config.columns_file).items():
            if field not in mapping:
                claim(field, [position(n, option) for n in names])

    def free(alias: str) -> list[int]:
        hits = [i for i, norm in enumerate(normalised) if norm == alias and i not in taken]
        # "Status" and a custom field "Status [list]" both normalise to "status": the plain one.
        return [i for i in hits if not has_suffix(headers[i])] or hits

    match = detect_helpdesk(headers)
    candidates = [(helpdesk_columns(match), match.helpdesk.joined)] if match else []
    candidates.append((ALIASES, frozenset()))
    for aliases, joined in candidates:
        for canonical, names in aliases.items():
            if canonical in mapping:
                continue
            if not names:  # the helpdesk says it has no such column
                mapping[canonical] = []
                continue
            if canonical in joined:  # every listed column, in order (Jira: description, comments)
                if hits := [i for alias in names for i in free(alias)]:
                    claim(canonical, hits)
                continue
            for alias in names:
                if hits := free(alias):
                    if len(hits) > 1 and canonical not in JOINABLE:
                        warnings.append(_repeated(canonical, headers, hits))
                        taken.update(hits)  # the others feed nothing, not another field
                        hits = hits[:1]
                    claim(canonical, hits)
                    break

    if not mapping.get(schema.SUBJECT) and not mapping.get(schema.BODY):
        raise SchemaError(
            f"no ticket text column found in {source}; columns are: {_listing(headers)}. "
            "Pass --text-col NAME (repeat it to join several columns), or a column map with "
            "--columns map.toml."
        )
    return ColumnMapping(mapping, match.helpdesk.name if match else None, tuple(warnings))


def load_column_map(path: str | Path) -> dict[str, list[str]]:
    """Read a saved column map: a TOML ``[columns]`` table of canonical field = header(s).

    Example file::

        [columns]
        ticket_id = "Ref"
        body = ["Customer message", "Notes"]
        created_at = "Opened on"
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(f"column map {path} not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SchemaError(f"column map {path} is not valid TOML: {exc}") from None
    table = data.get("columns", data)
    known = set(schema.CANONICAL_FIELDS)
    result: dict[str, list[str]] = {}
    for field, value in table.items():
        if field not in known:
            raise SchemaError(
                f"column map {path} names unknown field '{field}'; fields are: "
                f"{', '.join(schema.CANONICAL_FIELDS)}"
            )
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise SchemaError(
                f"column map {path}: '{field}' must be a header name or a list of header names"
            )
        result[field] = names
    return result


def _repeated(field: str, headers: Sequence[str], positions: list[int]) -> str:
    """The warning for a single-valued field found in several columns."""
    named = [f"{i + 1} ('{headers[i]}')" for i in positions]
    listed = ", ".join(named[:-1]) + f" and {named[-1]}"
    return (
        f"columns {listed} are all headed as the {field}; it is read from column "
        f"{positions[0] + 1} only and the others are not used. Rename the columns, or choose one "
        "with a column map (--columns map.toml)."
    )


def _listing(headers: Sequence[str]) -> str:
    shown = ", ".join(f"'{h}'" for h in headers[:40])
    return shown + (f" and {len(headers) - 40} more" if len(headers) > 40 else "")
