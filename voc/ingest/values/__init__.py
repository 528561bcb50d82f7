"""Vectorised parsers for the values in helpdesk exports, and a fast language guess.

Dates in :mod:`.dates` (time zones in :mod:`.timezones`), CSAT ratings in :mod:`.csat`, flags,
durations and counts in :mod:`.numbers`, languages in :mod:`.languages`; the result types and
helpers they share in :mod:`._common`.
"""

from voc.ingest.values._common import ParsedColumn, ParsedCsat, ParsedDates, ParsedNumbers
from voc.ingest.values.csat import CSAT_SCALES, normalise_csat
from voc.ingest.values.dates import parse_datetimes
from voc.ingest.values.languages import LANGUAGES, UNDETERMINED, detect_languages
from voc.ingest.values.numbers import duration_unit, parse_counts, parse_durations, parse_flags
from voc.ingest.values.timezones import timezone_from_header

__all__ = [
    "CSAT_SCALES",
    "LANGUAGES",
    "ParsedColumn",
    "ParsedCsat",
    "ParsedDates",
    "ParsedNumbers",
    "UNDETERMINED",
    "detect_languages",
    "duration_unit",
    "normalise_csat",
    "parse_counts",
    "parse_datetimes",
    "parse_durations",
    "parse_flags",
    "timezone_from_header",
]
