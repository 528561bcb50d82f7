"""Time zones for naive date-times: :func:`timezone_from_header` finds the zone a header names
in a trailing ``(...)`` or ``[...]`` (an IANA name such as ``America/New_York``, or an offset
such as ``UTC+07:00``), and ``parse_datetimes(default_tz=...)`` turns that name into a zone here.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from voc.errors import ConfigError

__all__ = ["timezone_from_header"]

_OFFSET_NAME = re.compile(
    r"(?P<prefix>UTC|GMT)?\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?:(?P<colon>:)?(?P<minutes>\d{2}))?",
    re.IGNORECASE,
)


def timezone_from_header(header: str) -> str | None:
    """The time zone named in a trailing ``(...)`` or ``[...]`` of a header, if it is a real one.

    Returns an IANA name (``"America/New_York"``, ``"UTC"``, ``"GMT"``) or a normalised offset
    (``"UTC+07:00"``), ready for ``parse_datetimes(default_tz=...)``; None otherwise.

    Example:
        >>> timezone_from_header("Conversation started at (America/New_York)")
        'America/New_York'
        >>> timezone_from_header("Resolution time (hrs)") is None
        True
    """
    match = re.search(r"[(\[]\s*([^()\[\]]+?)\s*[)\]]\s*$", header)
    if not match:
        return None
    name = match.group(1)
    offset = _OFFSET_NAME.fullmatch(name)
    # A bare "(+7)" is too likely something else; an offset needs "UTC"/"GMT" or "+07:00".
    if offset and _fixed_offset(name) and (offset["prefix"] or offset["colon"]):
        return f"UTC{offset['sign']}{int(offset['hours']):02d}:{int(offset['minutes'] or 0):02d}"
    if name.upper() in ("UTC", "GMT"):
        return name.upper()
    return name if _zone(name) is not None else None


def _fixed_offset(name: str) -> timezone | None:
    match = _OFFSET_NAME.fullmatch(name.strip())
    if not match or int(match["hours"]) > 14 or int(match["minutes"] or 0) >= 60:
        return None
    offset = timedelta(hours=int(match["hours"]), minutes=int(match["minutes"] or 0))
    return timezone(-offset if match["sign"] == "-" else offset)


def _zone(name: str) -> ZoneInfo | None:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*", name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "US"
        return None


def _timezone(name: str | None) -> tzinfo | None:
    """The zone naive times are in; None for UTC, where nothing needs converting."""
    if name is None or name.strip().upper() in ("UTC", "GMT", "Z"):
        return None
    zone = _fixed_offset(name) or _zone(name.strip())
    if zone is None:
        raise ConfigError(
            f"unknown time zone {name!r}; use an IANA name such as 'America/New_York' "
            "or an offset such as 'UTC+07:00'."
        )
    return zone
