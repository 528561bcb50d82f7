"""Recognise which helpdesk an export came from by its headers, and where its fields live.

Each :class:`Helpdesk` names a few distinctive headers (its *signature*) and, per canonical field,
that helpdesk's own header names. :func:`detect_helpdesk` scores every signature against an
export's headers; :func:`helpdesk_columns` gives the field map to try before the generic aliases.
All names are compared after :func:`~voc.ingest.headers.normalise_header`, so case, a BOM,
punctuation and trailing ``[list]`` / ``(America/New_York)`` / ``(in hrs)`` suffixes do not matter.
Units and time zones in those suffixes are read from the raw header elsewhere (``values.py``).

Example:
    >>> match = detect_helpdesk(["Id", "Subject", "Requester external id", "Requester domain",
    ...     "Initially assigned at", "Group stations", "Assignee stations",
    ...     "First reply time in minutes", "Full resolution time in minutes"])
    >>> match.helpdesk.key, match.score
    ('zendesk', 0.875)
    >>> helpdesk_columns(match)["csat"]
    ('satisfaction score',)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from voc import schema
from voc.ingest.headers import normalise_header

__all__ = [
    "HELPDESKS",
    "MATCH_THRESHOLD",
    "Helpdesk",
    "HelpdeskMatch",
    "detect_helpdesk",
    "helpdesk_columns",
]

# Share of a signature that must be present. With 4-8 signature headers this needs 3-5 of them:
# one or two distinctive names met by chance in a home-made sheet are not enough, while an export
# that leaves out a few optional columns is still recognised.
MATCH_THRESHOLD = 0.6
_SIGNATURE_SIZE = range(4, 9)


@dataclass(frozen=True)
class Helpdesk:
    """One helpdesk export format: the headers that identify it and where each field lives.

    Every header name is stored normalised. ``columns`` maps a canonical field to this helpdesk's
    headers for it, most specific first: the first one present feeds the field (an empty tuple:
    this export has no such column, whatever generic aliases would match), except for the
    fields in ``joined``, which take every listed header present (Jira's body is its Description
    and all of its Comment columns). ``notes`` say what a reader of this export must know.
    """

    key: str
    name: str
    signature: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]] = field(hash=False)
    notes: tuple[str, ...] = ()
    joined: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        names = [*self.signature, *(h for headers in self.columns.values() for h in headers)]
        if raw := [h for h in names if normalise_header(h) != h]:
            raise ValueError(f"{self.key}: header names must be normalised, got {raw}")
        if len(self.signature) not in _SIGNATURE_SIZE or len(set(self.signature)) != len(
            self.signature
        ):
            raise ValueError(f"{self.key}: signature needs 4-8 distinct headers")
        if unknown := set(self.columns) - set(schema.CANONICAL_FIELDS):
            raise ValueError(f"{self.key}: unknown canonical fields {sorted(unknown)}")
        if stray := self.joined - set(self.columns):
            raise ValueError(f"{self.key}: joined fields without columns {sorted(stray)}")
        # Read-only view: a Helpdesk is shared module-level data.
        object.__setattr__(self, "columns", MappingProxyType(dict(self.columns)))


@dataclass(frozen=True)
class HelpdeskMatch:
    """How well an export's headers fit a helpdesk: the share of its signature found, and which."""

    helpdesk: Helpdesk
    score: float
    matched: tuple[str, ...]


def detect_helpdesk(headers: Sequence[str]) -> HelpdeskMatch | None:
    """Return the helpdesk whose signature best fits ``headers``, or None for a generic export.

    The score is the share of a signature's headers present; the best score of at least
    :data:`MATCH_THRESHOLD` wins, ties going to the helpdesk listed first in :data:`HELPDESKS`.
    """
    present = {normalise_header(h) for h in headers}
    best: HelpdeskMatch | None = None
    for helpdesk in HELPDESKS:
        matched = tuple(h for h in helpdesk.signature if h in present)
        score = len(matched) / len(helpdesk.signature)
        if score >= MATCH_THRESHOLD and (best is None or score > best.score):
            best = HelpdeskMatch(helpdesk, score, matched)
    return best


def helpdesk_columns(match_or_helpdesk: HelpdeskMatch | Helpdesk) -> dict[str, tuple[str, ...]]:
    """The field -> normalised headers map of a helpdesk, to try before the generic aliases."""
    helpdesk = (
        match_or_helpdesk.helpdesk
        if isinstance(match_or_helpdesk, HelpdeskMatch)
        else match_or_helpdesk
    )
    return dict(helpdesk.columns)


def _helpdesk(
    key: str,
    name: str,
    *,
    signature: Sequence[str],
    columns: Mapping[str, Sequence[str]],
    notes: Sequence[str] = (),
    joined: Sequence[str] = (),
) -> Helpdesk:
    """Build a Helpdesk from header names spelled as the export spells them."""
    return Helpdesk(
        key=key,
        name=name,
        signature=tuple(normalise_header(h) for h in signature),
        columns={f: tuple(normalise_header(h) for h in hs) for f, hs in columns.items()},
        notes=tuple(notes),
        joined=frozenset(joined),
    )


# Header names below are spelled as each export writes them; tests/fixtures/helpdesks/README.md
# says where each list was checked. Signatures avoid names every helpdesk has (Subject, Status).
HELPDESKS: tuple[Helpdesk, ...] = (
    # Zendesk Support "CSV export" (Admin Center > Account > Tools > Reports); columns as listed in
    # support.zendesk.com/hc/en-us/articles/4408886165402.
    _helpdesk(
        "zendesk",
        "Zendesk (CSV export)",
        signature=(
            "Requester external id",
            "Requester domain",
            "Initially assigned at",
            "Group stations",
            "Assignee stations",
            "First reply time in minutes",
            "Full resolution time in minutes",
            "Requester wait time in minutes",
        ),
        columns={
            schema.TICKET_ID: ("Id",),
            schema.SUBJECT: ("Subject",),
            schema.CREATED_AT: ("Created at",),
            schema.STATUS: ("Status",),
            schema.PRIORITY: ("Priority",),
            schema.CHANNEL: ("Via",),
            schema.TAGS: ("Tags",),
            schema.CSAT: ("Satisfaction Score",),
            schema.REQUESTER: ("Requester email", "Requester"),
            schema.ORGANIZATION: ("Organization",),
            schema.PLAN: ("Plan [list]",),
            schema.REOPENS: ("Reopens",),
            schema.REPLIES: ("Replies",),
            schema.RESOLUTION_MINUTES: ("Full resolution time in minutes",),
            schema.FIRST_RESPONSE_MINUTES: ("First reply time in minutes",),
        },
        notes=(
            "no description or comments in the CSV export: Subject is the only text",
            "dates like 2024-03-12 15:04:05 in the account's time zone, without an offset",
            "Satisfaction Score is Good, Bad, Offered or Not Offered",
            "custom fields are headed 'Name [list]', '[txt]', '[flag]'; the suffix is dropped",
            "Resolution time is whole hours; the '... in minutes' columns are minutes",
        ),
    ),
    # Zendesk Explore report exported as CSV: attribute and metric names from
    # support.zendesk.com/hc/en-us/articles/4408827693594 (Tickets dataset).
    _helpdesk(
        "zendesk_explore",
        "Zendesk Explore",
        signature=(
            "Ticket created - Date",
            "Ticket channel",
            "Ticket group",
            "Ticket satisfaction rating",
            "Ticket organization name",
            "Tickets",
        ),
        columns={
            schema.TICKET_ID: ("Ticket ID",),
            schema.SUBJECT: ("Ticket subject",),
            schema.CREATED_AT: ("Ticket created - Timestamp", "Ticket created - Date"),
            schema.STATUS: ("Ticket status",),
            schema.PRIORITY: ("Ticket priority",),
            schema.CHANNEL: ("Ticket channel",),
            schema.TAGS: ("Ticket tags",),
            schema.CSAT: ("Ticket satisfaction rating",),
            schema.REQUESTER: ("Requester email", "Requester name"),
            schema.ORGANIZATION: (
                "Ticket organization name",
                "Ticket organisation name",
                "Requester organization name",
            ),
            schema.REOPENS: ("Reopens",),
            schema.REPLIES: ("Agent replies",),
            schema.RESOLUTION_MINUTES: ("Full resolution time (min)",),
            schema.FIRST_RESPONSE_MINUTES: ("First reply time (min)",),
        },
        notes=(
            "a report holds only the attributes and metrics its author chose; no ticket body",
            "duration metrics carry their unit in the header: '(min)' or '(hrs)'",
            "Ticket satisfaction rating is Good, Bad, Offered or Unoffered",
            "'Tickets' is a count per row (1 in a ticket-level report)",
        ),
    ),
    # Freshdesk ticket export (Tickets > Export): labels from Freshdesk's own export test
    # (Tickets::Export::TicketsExport, ticket_fields / contact_fields / company_fields).
    _helpdesk(
        "freshdesk",
        "Freshdesk",
        signature=(
            "Due by Time",
            "Initial response time",
            "Time tracked",
            "Agent interactions",
            "Customer interactions",
            "Resolution status",
            "First response status",
            "Survey results",
        ),
        columns={
            schema.TICKET_ID: ("Ticket ID",),
            schema.SUBJECT: ("Subject",),
            schema.BODY: ("Description",),
            schema.CREATED_AT: ("Created time",),
            schema.STATUS: ("Status",),
            schema.PRIORITY: ("Priority",),
            schema.CHANNEL: ("Source",),
            schema.TAGS: ("Tags",),
            schema.CSAT: ("Survey results",),
            schema.REQUESTER: ("Email", "Full name"),
            schema.ORGANIZATION: ("Company Name",),
            schema.RESOLUTION_MINUTES: ("Resolution time (in hrs)",),
            schema.FIRST_RESPONSE_MINUTES: ("First response time (in hrs)",),
            schema.AGENT_INTERACTIONS: ("Agent interactions",),
            schema.CUSTOMER_INTERACTIONS: ("Customer interactions",),
        },
        notes=(
            "dates like 2024-03-12 15:04:05 in the helpdesk's time zone",
            "'(in hrs)' durations are hours, written as decimals or HH:MM:SS",
            "contact (Full name, Email, Contact ID) and company (Company Name) columns appear "
            "only when chosen at export",
            "Survey results holds the rating label, e.g. Awesome or Not Good",
        ),
    ),
    # Intercom conversations report exported as CSV; names from a validator of real exports
    # (RAW_FIELDS / SOURCE_SCHEMAS), the timestamps from intercom.com/help/en/articles/7022438.
    _helpdesk(
        "intercom",
        "Intercom",
        signature=(
            "Conversation started at",
            "Current conversation state",
            "Team currently assigned",
            "Teammate currently assigned",
            "Started by",
            "Conversation tag",
            "Last teammate rating",
        ),
        columns={
            schema.TICKET_ID: ("Conversation ID",),
            schema.SUBJECT: ("Title",),
            schema.BODY: ("AI Issue summary",),
            schema.CREATED_AT: ("Conversation started at", "Conversation created at"),
            schema.STATUS: ("Current conversation state",),
            schema.PRIORITY: ("Conversation priority",),
            schema.CHANNEL: ("Channel", "Conversation source"),
            schema.TAGS: ("Conversation tag", "Conversation tags"),
            schema.CSAT: ("Conversation rating", "Last teammate rating"),
            schema.REQUESTER: ("User email", "User name"),
            schema.ORGANIZATION: ("Company name",),
            schema.PLAN: ("Company plan",),
            schema.REPLIES: ("Replies to close a conversation",),
            schema.RESOLUTION_MINUTES: ("Time to close (seconds)",),
            schema.FIRST_RESPONSE_MINUTES: ("First response time (seconds)",),
        },
        notes=(
            "time headers carry a timezone suffix, e.g. 'Conversation started at "
            "(America/New_York)'; values like 2024-03-12 10:04:05 are in that zone",
            "durations are seconds ('(seconds)' suffix)",
            "ratings are 1-5",
            "no message bodies: Title (email subject) and AI Issue summary are the only text",
            "the separate CSAT export (Conversation rating, Updated at) does not fit this "
            "signature",
        ),
    ),
    # Jira (Service Management) "Export Excel CSV (all fields)": header of a real export quoted
    # in talyvor/track's importer tests, JSM columns from exports read by public dashboards.
    _helpdesk(
        "jira",
        "Jira Service Management",
        signature=(
            "Issue key",
            "Issue id",
            "Issue Type",
            "Project key",
            "Reporter",
            "Creator",
            "Component/s",
            "Resolved",
        ),
        columns={
            schema.TICKET_ID: ("Issue key", "Issue id"),
            schema.SUBJECT: ("Summary",),
            schema.BODY: ("Description", "Comment"),
            schema.CREATED_AT: ("Created",),
            schema.STATUS: ("Status",),
            schema.PRIORITY: ("Priority",),
            schema.TAGS: ("Labels",),
            schema.CSAT: ("Satisfaction rating",),
            schema.REQUESTER: ("Reporter",),
            schema.ORGANIZATION: ("Custom field (Organizations)",),
            # The SLA columns hold time left against a target (negative once breached), not
            # how long the ticket took: no column, so the generic aliases do not take them.
            schema.RESOLUTION_MINUTES: (),
            schema.FIRST_RESPONSE_MINUTES: (),
        },
        joined=(schema.BODY,),
        notes=(
            "repeated Labels and Comment columns (one per value) are combined, not lost",
            "dates like 12/Mar/24 3:04 PM (day/month name/two-digit year, 12-hour clock)",
            "a Comment cell reads 'date;author account id;text'",
            "custom fields are headed 'Custom field (Name)' and matched by the name inside",
            "the SLA columns (Time to first response, Time to resolution) are time left against "
            "a target, negative once breached, so they are not read as durations",
        ),
    ),
    # Salesforce Case records by API name: Data Export service (Case.csv) and Data Loader;
    # names from the Case field reference (developer.salesforce.com, sfFieldRef Case).
    _helpdesk(
        "salesforce_api",
        "Salesforce Service Cloud (API field names)",
        signature=(
            "CaseNumber",
            "SuppliedEmail",
            "SuppliedName",
            "IsEscalated",
            "IsClosed",
            "CreatedDate",
            "ClosedDate",
            "OwnerId",
        ),
        columns={
            schema.TICKET_ID: ("CaseNumber", "Id"),
            schema.SUBJECT: ("Subject",),
            schema.BODY: ("Description",),
            schema.CREATED_AT: ("CreatedDate",),
            schema.STATUS: ("Status",),
            schema.PRIORITY: ("Priority",),
            schema.CHANNEL: ("Origin",),
            schema.REQUESTER: ("ContactEmail", "SuppliedEmail"),
            schema.ORGANIZATION: ("Account.Name", "SuppliedCompany"),
            schema.PLAN: ("Plan__c",),
            schema.ESCALATED: ("IsEscalated",),
        },
        notes=(
            "dates are UTC like 2024-03-12T15:04:05.000+0000",
            "checkboxes are true/false",
            "Data Loader may upper-case headers and writes lookups as Account.Name",
            "custom fields end in __c (Plan__c normalises to 'plan c')",
        ),
    ),
    # Salesforce case report exported as CSV ("Details only"): field labels from the Case field
    # reference; Age (Hours) is a report column not checked against a stored source.
    _helpdesk(
        "salesforce_report",
        "Salesforce Service Cloud (report export)",
        signature=(
            "Case Number",
            "Case Owner",
            "Case Origin",
            "Case Reason",
            "Date/Time Opened",
            "Date/Time Closed",
            "Contact Name",
        ),
        columns={
            schema.TICKET_ID: ("Case Number",),
            schema.SUBJECT: ("Subject",),
            schema.BODY: ("Description",),
            schema.CREATED_AT: ("Date/Time Opened", "Opened Date"),
            schema.STATUS: ("Status",),
            schema.PRIORITY: ("Priority",),
            schema.CHANNEL: ("Case Origin",),
            schema.REQUESTER: ("Contact Email", "Web Email", "Contact Name"),
            schema.ORGANIZATION: ("Account Name",),
            schema.ESCALATED: ("Escalated",),
        },
        notes=(
            "dates follow the exporting user's locale, e.g. 3/12/2024, 3:04 PM (en_US)",
            "checkboxes (Escalated, Closed) are 1/0",
            "Age (Hours) is open time so far, not resolution time",
        ),
    ),
    # HubSpot ticket export from the Tickets index (labels); labels and their internal names
    # from a property catalogue of a real portal and scripts reading these exports.
    _helpdesk(
        "hubspot",
        "HubSpot",
        signature=(
            "Ticket name",
            "Ticket description",
            "Pipeline",
            "Ticket owner",
            "Time to close (HH:mm:ss)",
            "Time to first agent email reply (HH:mm:ss)",
            "Associated Company (Primary)",
        ),
        columns={
            schema.TICKET_ID: ("Ticket ID", "Record ID"),
            schema.SUBJECT: ("Ticket name",),
            schema.BODY: ("Ticket description",),
            schema.CREATED_AT: ("Create date",),
            schema.STATUS: ("Ticket status",),
            schema.PRIORITY: ("Priority",),
            schema.CHANNEL: ("Source",),
            schema.TAGS: ("Ticket Tags",),
            schema.CSAT: ("Last CSAT survey rating",),
            schema.REQUESTER: ("All associated contact emails", "Associated Contact"),
            schema.ORGANIZATION: ("Associated Company (Primary)",),
            schema.RESOLUTION_MINUTES: ("Time to close (HH:mm:ss)",),
            schema.FIRST_RESPONSE_MINUTES: ("Time to first agent email reply (HH:mm:ss)",),
        },
        notes=(
            "dates like 2024-03-12 15:04 in the exporting user's time zone",
            "durations are HH:mm:ss, as the header suffix says",
            "Ticket status is the pipeline stage label",
        ),
    ),
    # HubSpot tickets by internal property name (API or warehouse syncs); names as above.
    _helpdesk(
        "hubspot_api",
        "HubSpot (internal property names)",
        signature=(
            "hs_object_id",
            "hs_pipeline",
            "hs_pipeline_stage",
            "hs_ticket_priority",
            "hs_ticket_category",
            "hubspot_owner_id",
            "createdate",
            "time_to_first_agent_reply",
        ),
        columns={
            schema.TICKET_ID: ("hs_object_id", "hs_ticket_id"),
            schema.SUBJECT: ("subject",),
            schema.BODY: ("content",),
            schema.CREATED_AT: ("createdate",),
            schema.STATUS: ("hs_pipeline_stage",),
            schema.PRIORITY: ("hs_ticket_priority",),
            schema.CHANNEL: ("source_type",),
            schema.CSAT: ("hs_last_csat_rating",),
            schema.RESOLUTION_MINUTES: ("time_to_close",),
            schema.FIRST_RESPONSE_MINUTES: ("time_to_first_agent_reply",),
        },
        notes=(
            "dates are UTC like 2024-03-12T15:04:05.123Z",
            "durations are milliseconds",
            "hs_pipeline_stage holds stage ids, not labels",
        ),
    ),
    # Help Scout conversation export: NOT checked against a stored export. Names follow the
    # Mailbox API 2.0 conversation fields (number, preview, mailbox, assignee, primaryCustomer,
    # createdAt, closedAt, customerWaitingSince, tags) as an export would label them.
    _helpdesk(
        "helpscout",
        "Help Scout",
        signature=(
            "Conversation Number",
            "Mailbox",
            "Assigned To",
            "Customer Name",
            "Customer Email",
            "Waiting Since",
        ),
        columns={
            schema.TICKET_ID: ("Conversation Number", "Conversation ID"),
            schema.SUBJECT: ("Subject",),
            schema.BODY: ("Preview",),
            schema.CREATED_AT: ("Created At",),
            schema.STATUS: ("Status",),
            schema.CHANNEL: ("Type",),
            schema.TAGS: ("Tags",),
            schema.CSAT: ("Rating",),
            schema.REQUESTER: ("Customer Email", "Customer Name"),
        },
        notes=(
            "header names not confirmed against a real export",
            "Preview is the start of the latest thread, not the whole message",
            "happiness ratings are Great, Okay or Not Good",
        ),
    ),
    # Gorgias ticket export: NOT checked against a stored export. Names follow the Gorgias
    # ticket API fields (created_datetime, closed_datetime, messages_count, satisfaction survey).
    _helpdesk(
        "gorgias",
        "Gorgias",
        signature=(
            "Created datetime",
            "Closed datetime",
            "Last message datetime",
            "Messages count",
            "Satisfaction survey score",
            "Assignee team",
        ),
        columns={
            schema.TICKET_ID: ("Ticket id",),
            schema.SUBJECT: ("Subject",),
            schema.BODY: ("First message",),
            schema.CREATED_AT: ("Created datetime",),
            schema.STATUS: ("Status",),
            schema.PRIORITY: ("Priority",),
            schema.CHANNEL: ("Channel",),
            schema.TAGS: ("Tags",),
            schema.CSAT: ("Satisfaction survey score",),
            schema.REQUESTER: ("Customer email", "Customer name"),
        },
        notes=(
            "header names not confirmed against a real export",
            "datetimes like 2024-03-12 15:04:05 in UTC",
            "satisfaction scores are 1-5",
        ),
    ),
)
