"""Dates and times: :func:`parse_datetimes` reads a column of dates to UTC timestamps, choosing
one format (and one day/month order) for the whole column from a sample of its values; naive
values are read in a time zone from :mod:`.timezones`.

Example:
    >>> created = parse_datetimes(pd.Series(["03/12/2024 3:04 PM", ""]), column="Created")
    >>> created.values[0], created.format, created.bad_count
    (Timestamp('2024-03-12 15:04:00+0000', tz='UTC'), 'US month/day/year', 0)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from voc.clean.pii import mask_pii
from voc.ingest.values._common import (
    _NULL_TEXT,
    ParsedDates,
    _arrow_text,
    _as_series,
    _bad_rows,
    _is_numeric,
)
from voc.ingest.values.timezones import _timezone

__all__ = ["parse_datetimes"]

_NAT = np.datetime64("NaT", "ns")

ISO = "ISO8601"
EPOCH_SECONDS = "epoch seconds"
EPOCH_MILLISECONDS = "epoch milliseconds"
# Plausible ticket years: anything outside is a misread (e.g. "24" read as the year 24).
_EARLIEST_YEAR, _LATEST_YEAR = 1900, 2200
# Values sampled to choose a column's format: enough to see every format in the column.
_DATE_SAMPLE = 1000
# A format no sampled value uses is tried only when at most this share of values is left.
_RARE_FORMAT_SHARE = 0.01
_EPOCH_PATTERNS = {
    EPOCH_SECONDS: r"^\d{9,10}(?:\.\d+)?$",
    EPOCH_MILLISECONDS: r"^\d{12,13}$",
}
_EPOCH_RANGE = {EPOCH_SECONDS: (1e8, 1e10), EPOCH_MILLISECONDS: (1e11, 1e13)}
_EPOCH_MICROSECONDS = {EPOCH_SECONDS: 1e6, EPOCH_MILLISECONDS: 1e3}
# An explicit offset after a time of day: "15:04:05Z", "15:04+07:00", "15:04:05.1 +0530", "UTC".
_OFFSET_PATTERN = r":\d{2}(?:\.\d+)?\s?(?:[zZ]|[+-]\d{2}(?::?\d{2})?|UTC|GMT)$"
_TIMES_OF_DAY = (
    "",
    " %H:%M",
    " %H:%M:%S",
    " %I:%M %p",
    " %I:%M:%S %p",
    ", %H:%M",
    ", %H:%M:%S",
    ", %I:%M %p",
    ", %I:%M:%S %p",
)
# Formats whose times are UTC though they carry no %z.
_UTC_SUFFIXES = (" UTC", " GMT")


def _with_times(*dates: str) -> tuple[str, ...]:
    return tuple(date + time for date in dates for time in _TIMES_OF_DAY)


@dataclass(frozen=True)
class _Layout:
    """One way of writing dates: strptime formats tried in turn (with and without a time)."""

    description: str
    formats: tuple[str, ...]
    dayfirst: bool | None = None
    # Layouts of one family differ only in the order of day and month; named by separator.
    family: str = ""


_LAYOUTS: tuple[_Layout, ...] = (
    _Layout(EPOCH_SECONDS, (EPOCH_SECONDS,)),
    _Layout(EPOCH_MILLISECONDS, (EPOCH_MILLISECONDS,)),
    _Layout("ISO 8601", (ISO, "%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M UTC")),
    _Layout("US month/day/year", _with_times("%m/%d/%Y", "%m/%d/%y"), False, "/"),
    _Layout("day/month/year", _with_times("%d/%m/%Y", "%d/%m/%y"), True, "/"),
    _Layout("day.month.year", _with_times("%d.%m.%Y", "%d.%m.%y"), True, "."),
    _Layout("month.day.year", _with_times("%m.%d.%Y", "%m.%d.%y"), False, "."),
    _Layout("day-month-year", _with_times("%d-%m-%Y", "%d-%m-%y"), True, "-"),
    _Layout("month-day-year", _with_times("%m-%d-%Y", "%m-%d-%y"), False, "-"),
    _Layout("day/month name/year (Jira)", _with_times("%d/%b/%y", "%d/%b/%Y")),
    _Layout("day month-name year", _with_times("%d %b %Y", "%d-%b-%Y", "%d-%b-%y")),
    _Layout("month-name day, year", _with_times("%b %d, %Y", "%b %d %Y")),
    _Layout(
        "RFC 2822",
        (
            "%a, %d %b %Y %H:%M:%S %z",
            "%a, %d %b %Y %H:%M %z",
            "%a, %d %b %Y %H:%M:%S GMT",
            "%d %b %Y %H:%M:%S %z",
        ),
    ),
)
# When every numeric date could be read either way, the order most exports with that
# separator use: US month/day for slashes, day.month for dots and day-month for dashes.
_AMBIGUOUS_DAYFIRST = {"/": False, ".": True, "-": True}


def parse_datetimes(
    values: pd.Series | Sequence[object],
    *,
    column: str,
    default_tz: str | None = None,
    dayfirst: bool | None = None,
) -> ParsedDates:
    """Parse a column of dates to UTC timestamps, detecting its format once for the column.

    Formats: ISO 8601 (``T`` or space, fractions, ``Z``/``+07:00``/``+0700`` offsets; Zendesk,
    HubSpot, Freshdesk), US ``3/12/2024 3:04 PM`` (also Salesforce's ``3/12/2024, 3:04 PM``),
    European ``12/03/2024``, ``12.03.2024 15:04``, ``12-03-2024``, Jira ``12/Mar/24 3:04 PM``,
    ``12 Mar 2024 15:04``, ``Mar 12, 2024 3:04 PM``, RFC 2822, and epoch seconds (9-10 digits)
    or milliseconds (12-13 digits), as strings or numbers. The candidate formats are tried on a
    sample of up to 1,000 values; the one reading the most is used for every value, and values
    it cannot read are bad.

    Day and month order, for numeric dates, is decided from the whole column: a first part
    above 12 means day-first, a second part above 12 month-first. When every value could be read
    either way, slashes are read month-first (US) and dots and dashes day-first, with a warning
    saying so. When values contradict each other the majority order wins, with a warning, and the
    other values are bad. ``dayfirst`` (from the user's settings) overrides all of this.

    Values with an explicit offset keep it; naive values are read in ``default_tz`` (an IANA
    name or ``UTC+07:00``; see :func:`timezone_from_header`), or UTC when None. A wall time that
    a DST change repeats is read as the first occurrence; one it skips is moved forward.

    Raises:
        ConfigError: ``default_tz`` is not a time zone.
    """
    values = _as_series(values)
    zone = _timezone(default_tz)
    warnings: list[str] = []
    layout: _Layout | None = None
    what = ""
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed, present, description = _from_datetimes(values, zone), values.notna(), "date-times"
    elif _is_numeric(values):
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
        present = ~np.isnan(numbers)
        large = present.any() and np.median(numbers[present]) >= _EPOCH_RANGE[EPOCH_MILLISECONDS][0]
        description = EPOCH_MILLISECONDS if large else EPOCH_SECONDS
        parsed = _epoch(numbers, description)
    else:
        text = _arrow_text(values)
        present = text.is_valid().to_numpy(zero_copy_only=False)
        sample = text.take(_sample_positions(present))
        layouts = _best_layouts(sample) if len(sample) else ()
        if layouts:
            layout, parsed = _read_layouts(text, sample, layouts, zone, dayfirst, column, warnings)
            description = layout.description
        else:
            parsed = np.full(len(values), _NAT)
            description = "unrecognised" if len(sample) else "empty"
            if len(sample):
                # A warning is shown and stored: its example is masked like any stored text.
                example = mask_pii(str(sample[0].as_py()))
                what = f"dates (no known date format matches, e.g. '{example}')"
    bad = np.asarray(present) & np.isnat(parsed)
    what = what or f"dates ({description})"
    rows = _bad_rows(values.index, bad, column=column, what=what, warnings=warnings)
    return ParsedDates(
        values=pd.Series(parsed, index=values.index).dt.tz_localize("UTC"),
        bad_rows=rows,
        warnings=warnings,
        format=description,
        dayfirst=None if layout is None else layout.dayfirst,
    )


def _read_layouts(
    text: pa.Array,
    sample: pa.Array,
    layouts: tuple[_Layout, ...],
    zone: tzinfo | None,
    dayfirst: bool | None,
    column: str,
    warnings: list[str],
) -> tuple[_Layout, np.ndarray]:
    """Read the column with the chosen layout, first choosing day/month order for a pair."""
    plans = _plan(sample, layouts)
    if len(layouts) == 1 or dayfirst is not None:
        layout = next(c for c in layouts if len(layouts) == 1 or c.dayfirst == dayfirst)
        return layout, _read(text, *plans[layout], zone=zone)
    readings = {candidate: _read(text, *plans[candidate], zone=zone) for candidate in layouts}
    layout = _day_month_order(text, readings, column, warnings)
    return layout, readings[layout]


def _sample_positions(present: np.ndarray) -> np.ndarray:
    """Up to ``_DATE_SAMPLE`` present rows, spread evenly over the column."""
    rows = np.flatnonzero(present)
    picks = np.linspace(0, len(rows) - 1, min(len(rows), _DATE_SAMPLE)).astype(np.int64)
    return rows[np.unique(picks)]


def _best_layouts(sample: pa.Array) -> tuple[_Layout, ...]:
    """The layout (or day/month pair of layouts) that reads the most sampled values."""
    readable: dict[str, np.ndarray] = {}
    members: dict[str, list[_Layout]] = {}
    for layout in _LAYOUTS:
        key = layout.family or layout.description
        ok = ~np.isnat(_read(sample, layout.formats, zone=None))
        readable[key] = readable[key] | ok if key in readable else ok
        members.setdefault(key, []).append(layout)
    best = max(readable, key=lambda key: int(readable[key].sum()))  # first wins a tie
    return tuple(members[best]) if readable[best].any() else ()


def _plan(
    sample: pa.Array, layouts: Sequence[_Layout]
) -> dict[_Layout, tuple[list[str], list[str]]]:
    """Per layout: the formats seen in the sample, most used first, and the unseen ones.

    Formats are seen when any layout of the group reads a sampled value with them, so the
    day-first and month-first readings of a column try the same formats.
    """
    hits = {layout: [_hit_count(sample, fmt) for fmt in layout.formats] for layout in layouts}
    seen = np.sum([hits[layout] for layout in layouts], axis=0) > 0
    plans = {}
    for layout in layouts:
        order = sorted(range(len(layout.formats)), key=lambda i: -hits[layout][i])
        plans[layout] = (
            [layout.formats[i] for i in order if seen[i]],
            [layout.formats[i] for i in order if not seen[i]],
        )
    return plans


def _hit_count(sample: pa.Array, fmt: str) -> int:
    return int((~np.isnat(_parse(sample, fmt, None))).sum())


def _read(
    text: pa.Array, formats: Sequence[str], rare: Sequence[str] = (), *, zone: tzinfo | None
) -> np.ndarray:
    """Parse with each format in turn, each on the values the earlier ones could not read.

    ``rare`` formats, unseen in the sample, are tried only on what is left when that is at
    most ``_RARE_FORMAT_SHARE`` of the column: a format used more often would have been seen.
    """
    out = np.full(len(text), _NAT)
    todo = np.flatnonzero(text.is_valid().to_numpy(zero_copy_only=False))
    for fmt in formats:
        todo = _read_into(out, text, todo, fmt, zone)
    if len(todo) <= _RARE_FORMAT_SHARE * len(text):
        for fmt in rare:
            todo = _read_into(out, text, todo, fmt, zone)
    return out


def _read_into(
    out: np.ndarray, text: pa.Array, todo: np.ndarray, fmt: str, zone: tzinfo | None
) -> np.ndarray:
    """Parse the ``todo`` rows with one format into ``out``; the rows still unread."""
    if not len(todo):
        return todo
    got = _parse(text if len(todo) == len(text) else text.take(todo), fmt, zone)
    ok = ~np.isnat(got)
    out[todo[ok]] = got[ok]
    return todo[~ok]


def _parse(text: pa.Array, fmt: str, zone: tzinfo | None) -> np.ndarray:
    """Parse with one format: datetime64[ns] in UTC, NaT where a value does not fit it."""
    if fmt == ISO:
        return _parse_iso(text, zone)
    if fmt in _EPOCH_PATTERNS:
        matching = pc.if_else(
            pc.match_substring_regex(text, _EPOCH_PATTERNS[fmt]), text, _NULL_TEXT
        )
        return _epoch(matching.cast(pa.float64()).to_numpy(zero_copy_only=False), fmt)
    # Arrow's strptime runs in C, far faster than pandas' for non-ISO formats.
    parsed = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
    times = _plausible(parsed.to_numpy(zero_copy_only=False))
    times = _without_rolled_days(text, times, fmt)
    if parsed.type.tz is not None or fmt.endswith(_UTC_SUFFIXES) or zone is None:
        return times.astype("datetime64[ns]")
    return _localize(times, zone)


def _parse_iso(text: pa.Array, zone: tzinfo | None) -> np.ndarray:
    parsed = pd.to_datetime(text.to_pandas(), format=ISO, utc=True, errors="coerce")
    times = _plausible(parsed.dt.tz_localize(None).to_numpy()).astype("datetime64[ns]")
    if zone is None:
        return times
    naive = ~pc.match_substring_regex(text, _OFFSET_PATTERN).to_numpy(zero_copy_only=False)
    naive &= ~np.isnat(times)
    times[naive] = _localize(times[naive], zone)
    return times


def _epoch(numbers: np.ndarray, unit: str) -> np.ndarray:
    low, high = _EPOCH_RANGE[unit]
    ok = (numbers >= low) & (numbers < high)
    # Rounded to microseconds: floats cannot hold nanoseconds since 1970 exactly.
    micros = np.rint(np.where(ok, numbers, 0.0) * _EPOCH_MICROSECONDS[unit]).astype("int64")
    return np.where(ok, (micros * 1000).view("datetime64[ns]"), _NAT)


def _plausible(times: np.ndarray) -> np.ndarray:
    """NaT for times outside the years a ticket can have (before converting to nanoseconds)."""
    years = times.astype("datetime64[Y]").astype("int64") + 1970
    return np.where((years >= _EARLIEST_YEAR) & (years < _LATEST_YEAR), times, np.datetime64("NaT"))


def _without_rolled_days(text: pa.Array, times: np.ndarray, fmt: str) -> np.ndarray:
    """NaT for impossible dates that strptime rolled over, e.g. 30 February read as 1 March.

    A rolled date lands on day 1-3 of the next month (one day either side after an offset),
    so only those values are re-read: without the offset, and compared to the day as written.
    """
    if "%d" not in fmt:
        return times
    aware = "%z" in fmt
    days = (times - times.astype("datetime64[M]")).astype("timedelta64[D]").astype("int64") + 1
    suspect = np.flatnonzero(~np.isnat(times) & (days <= (4 if aware else 3)))
    if not len(suspect):
        return times
    written = text.take(suspect)
    if aware:
        written = pc.replace_substring_regex(written, r"\s*[+-]\d{2}:?\d{2}$", "")
        local = pc.strptime(written, format=fmt.replace(" %z", ""), unit="s", error_is_null=True)
        local_days = pd.Series(local.to_numpy(zero_copy_only=False)).dt.day.to_numpy()
    else:
        local_days = days[suspect]
    # The day is the n-th run of digits, n being the numeric fields before %d in the format.
    before = len(re.findall(r"%[mYyHIMS]", fmt[: fmt.index("%d")]))
    pattern = r"^\D*" + r"\d+\D+" * before + r"(?P<day>\d+)"
    written_days = pc.extract_regex(written, pattern).field("day").cast(pa.int64())
    rolled = written_days.to_numpy(zero_copy_only=False) != local_days
    times = times.copy()
    times[suspect[rolled]] = np.datetime64("NaT")
    return times


def _localize(wall: np.ndarray, zone: tzinfo) -> np.ndarray:
    """Wall-clock times in ``zone`` as UTC datetime64[ns]."""
    index = pd.DatetimeIndex(wall.astype("datetime64[ns]"))
    local = index.tz_localize(
        zone, ambiguous=np.ones(len(index), dtype=bool), nonexistent="shift_forward"
    )
    return local.tz_convert("UTC").tz_localize(None).to_numpy(dtype="datetime64[ns]")


def _from_datetimes(values: pd.Series, zone: tzinfo | None) -> np.ndarray:
    if values.dt.tz is not None:
        return values.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    wall = _plausible(values.to_numpy())
    return wall.astype("datetime64[ns]") if zone is None else _localize(wall, zone)


def _day_month_order(
    text: pa.Array, readings: dict[_Layout, np.ndarray], column: str, warnings: list[str]
) -> _Layout:
    """Choose between the day-first and month-first readings of a column (see parse_datetimes)."""
    day_first, month_first = sorted(readings, key=lambda layout: not layout.dayfirst)
    day_ok, month_ok = ~np.isnat(readings[day_first]), ~np.isnat(readings[month_first])
    only_day, only_month = day_ok & ~month_ok, month_ok & ~day_ok
    n_day, n_month = int(only_day.sum()), int(only_month.sum())
    default = day_first if _AMBIGUOUS_DAYFIRST[day_first.family] else month_first
    if n_day and n_month:
        chosen = default if n_day == n_month else (day_first if n_day > n_month else month_first)
        other = month_first if chosen is day_first else day_first
        warnings.append(
            f"dates in '{column}' contradict each other: {n_day} can only be "
            f"{day_first.description} (e.g. '{_first(text, only_day)}') and {n_month} only "
            f"{month_first.description} (e.g. '{_first(text, only_month)}'). Read as "
            f"{chosen.description}, the majority; the {min(n_day, n_month)} "
            f"{other.description} values are left empty. "
            f"Set dayfirst={chosen is not day_first} to read them the other way."
        )
        return chosen
    if n_day:
        return day_first
    if n_month:
        return month_first
    both = day_ok & month_ok
    if both.any():
        warnings.append(
            f"every date in '{column}' is ambiguous: day and month are both 12 or less "
            f"(e.g. '{_first(text, both)}'). Read as {default.description}; if that is wrong, "
            f"set dayfirst={not default.dayfirst}."
        )
    return default


def _first(text: pa.Array, mask: np.ndarray) -> str:
    return str(text[int(np.argmax(mask))].as_py())
