"""How every number and ticket text is written, the same in the CLI, reports, exports and dashboard.

One function per kind of value, each returning :data:`MISSING` ("n/a") for a missing value, so a
share reads "44.8%" and a missing CSAT reads "n/a" on every surface. Machine-readable exports (CSV,
XLSX, JSON) keep raw numbers; everything a person reads goes through here.
"""

from __future__ import annotations

import math
import re

from voc import schema

MISSING = "n/a"
# Growth from fewer than this many tickets in the window before is no baseline: a Poisson count of
# 0-2 has a relative error of 58% or more, so "+10,800%" from 1 ticket is shown as "new".
NEW_BASELINE = 3
# Growth above this (+500%, six times the window before) is shown as "> +500%": from a baseline of
# a few tickets the exact multiple is mostly noise, and the emerging test says more.
GROWTH_CAP = 5.0
_SPACES = re.compile(r"\s+")


def number(value: float | None, decimals: int = 0) -> str:
    """2930 -> "2,930"; 8.04 with one decimal -> "8"; never "-0"; None or NaN -> "n/a"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = f"{round(value, decimals) + 0.0:,.{decimals}f}"  # + 0.0 turns -0.0 into 0.0
    if decimals and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def plural(count: int, singular: str, many: str | None = None) -> str:
    """The noun that goes with ``count``: plural(1, "ticket") -> "ticket"; 2 -> "tickets"."""
    return singular if count == 1 else (many or singular + "s")


def count(value: int | None, singular: str, many: str | None = None) -> str:
    """1 -> "1 ticket"; 2930 -> "2,930 tickets"; None -> "n/a"."""
    if value is None:
        return MISSING
    return f"{number(value)} {plural(int(value), singular, many)}"


def percent(value: float | None, signed: bool = False) -> str:
    """A share or CSAT as a percentage with at most one decimal: 0.4483 -> "44.8%", 0.05 -> "5%",
    0.0004 -> "<0.1%"; ``signed`` writes a difference in points (see :func:`points`)."""
    if signed:
        return points(value)
    if value is None or math.isnan(value):
        return MISSING
    if 0 < value < 0.0005:
        return "<0.1%"
    return f"{number(100 * value, 1)}%"


def points(value: float | None) -> str:
    """A difference of two shares in percentage points: 0.021 -> "+2.1 pts"; -0.0004 -> "0 pts"."""
    if value is None or math.isnan(value):
        return MISSING
    text = number(100 * value, 1)
    return f"{text} pts" if text == "0" or text.startswith("-") else f"+{text} pts"


def growth_text(
    growth: float | None, previous: int | None = None, recent: int | None = None
) -> str:
    """Growth from the window before to the recent one: 0.5 -> "+50%"; "new" when the window
    before had fewer than :data:`NEW_BASELINE` tickets and the recent one has that many; capped at
    :data:`GROWTH_CAP`; "n/a" when too few tickets to say."""
    if previous is not None and recent is not None and previous < NEW_BASELINE <= recent:
        return "new"
    if growth is None or math.isnan(growth):
        return MISSING
    if growth > GROWTH_CAP:
        return f"> +{number(100 * GROWTH_CAP)}%"
    text = number(100 * growth)
    return f"{text}%" if text == "0" or text.startswith("-") else f"+{text}%"


def duration(minutes: float | None) -> str:
    """A time span people read: 45 -> "45 min", 312 -> "5.2 h", 8037 -> "5.6 days"."""
    if minutes is None or math.isnan(minutes):
        return MISSING
    if minutes < 60:
        return f"{number(minutes)} min"
    if minutes < 48 * 60:
        return f"{number(minutes / 60, 1)} h"
    return f"{number(minutes / (24 * 60), 1)} days"


def effort_value(name: str, value: float | None) -> str:
    """An effort measure in its unit: durations as :func:`duration`, counts with one decimal."""
    if name in schema.DURATION_FIELDS:
        return duration(value)
    if name == schema.ESCALATED:
        return percent(value)
    return number(value, 1)


def ratio(value: float | None) -> str:
    """A multiple: 1.34 -> "1.3x"."""
    return MISSING if value is None else f"{number(value, 1)}x"


def score(value: float | None) -> str:
    """A 0-100 friction score: 76.6 -> "77"."""
    return number(value)


def field_name(name: str) -> str:
    """A column or measure as people write it: "resolution_minutes" -> "resolution time"."""
    return _FIELD_NAMES.get(name, name.replace("_", " "))


_FIELD_NAMES = {
    schema.RESOLUTION_MINUTES: "resolution time",
    schema.FIRST_RESPONSE_MINUTES: "first response time",
}


def one_line(text: str) -> str:
    """Text on one line, whitespace collapsed (for table cells and Markdown)."""
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """Text cut at a word to at most ``limit`` characters (plus an ellipsis); lines are kept."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rsplit(None, 1)[0] if len(head.split()) > 1 else head
    return cut.rstrip(",;:.") + " …"


def kind_text(kind: str) -> str:
    """A kind as people write it: "feature_request" -> "feature request"."""
    return kind.replace("_", " ")
