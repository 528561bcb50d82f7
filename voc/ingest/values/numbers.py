"""Flags, durations and counts: :func:`parse_flags` reads yes/no values as 1.0/0.0,
:func:`parse_durations` reads durations as minutes (plain numbers in the unit
:func:`duration_unit` finds in the header, or text such as ``1h 30m`` and ``01:30:00``), and
:func:`parse_counts` reads whole numbers from 0 up; each parses once per distinct value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from voc.ingest.values._common import ParsedNumbers, _as_series, _Distinct, _distinct_result

__all__ = ["duration_unit", "parse_counts", "parse_durations", "parse_flags"]

_TRUE = frozenset(
    ["true", "t", "yes", "y", "1", "1.0", "x", "on", "checked", "escalated", "✓", "✔", "*"]
)
_FALSE = frozenset(
    [
        "false",
        "f",
        "no",
        "n",
        "0",
        "0.0",
        "off",
        "unchecked",
        "not escalated",
        "non escalated",
        "unescalated",
    ]
)
# Columns that only ever hold a mark: an empty cell there means "no".
_MARKS = frozenset(["x", "✓", "✔", "*"])


def parse_flags(values: pd.Series | Sequence[object], *, column: str) -> ParsedNumbers:
    """Read yes/no values as 1.0/0.0 (NaN when missing).

    True: true, t, yes, y, 1, x, on, checked, escalated, ✓. False: false, f, no, n, 0, off,
    unchecked, not escalated. Case and ``_``/``-`` are ignored. In a column holding nothing but
    marks (``x``, ``✓``, ``*``) an empty cell means no, so missing values read as 0.0 there.
    """
    values = _as_series(values)
    distinct = _Distinct(values)
    text = distinct.text.str.lower().str.replace(r"[_\-\s]+", " ", regex=True).to_numpy(object)
    yes, no = np.isin(text, list(_TRUE)), np.isin(text, list(_FALSE))
    flags = np.where(yes, 1.0, np.where(no, 0.0, np.nan))
    result = _distinct_result(
        values,
        distinct,
        flags,
        yes | no,
        column=column,
        what="yes/no flags",
        unit="1 = yes, 0 = no",
    )
    present = distinct.counts > 0
    if present.any() and np.isin(text[present], list(_MARKS)).all():
        filled = result.values.fillna(0.0)
        return ParsedNumbers(
            values=filled,
            bad_rows=result.bad_rows,
            warnings=result.warnings,
            unit="1 = marked, 0 = empty",
        )
    return result


_MINUTES_PER_UNIT = {
    "ms": 1 / 60_000,
    "s": 1 / 60,
    "min": 1.0,
    "h": 60.0,
    "d": 1440.0,
    "w": 10_080.0,
}
_UNIT_NAMES = {
    "ms": "milliseconds",
    "s": "seconds",
    "min": "minutes",
    "h": "hours",
    "d": "days",
    "w": "weeks",
}
_UNIT_WORDS = {
    **dict.fromkeys(["ms", "msec", "msecs", "millisecond", "milliseconds"], "ms"),
    **dict.fromkeys(["s", "sec", "secs", "second", "seconds"], "s"),
    **dict.fromkeys(["m", "min", "mins", "minute", "minutes"], "min"),
    **dict.fromkeys(["h", "hr", "hrs", "hour", "hours"], "h"),
    **dict.fromkeys(["d", "day", "days"], "d"),
    **dict.fromkeys(["w", "wk", "wks", "week", "weeks"], "w"),
}
_UNIT_ALTERNATION = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
# "1h 30m", "2 days, 3 hours", "90 min", "1.5h".
_UNIT_DURATION = rf"^(?:\d+(?:\.\d+)?\s*(?:{_UNIT_ALTERNATION})[\s,]*)+$"
_UNIT_PART = rf"(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT_ALTERNATION})"
# "01:30:00" (h:m:s), "1:30" (h:m), "2 days 03:04:05".
_CLOCK_DURATION = (
    r"^(?:(?P<days>\d+)\s*days?,?\s*)?(?P<hours>\d+):(?P<minutes>[0-5]?\d)"
    r"(?::(?P<seconds>[0-5]?\d(?:\.\d+)?))?$"
)


def duration_unit(header: str) -> str | None:
    """The unit a duration header names ("min", "h", ...), or None.

    Checked in order: a unit after "in" ("First reply time in minutes within business hours"),
    a unit in brackets ("Resolution time (hrs)", "(in hrs)", "(s)"), then any whole unit word of
    two letters or more.
    """
    lower = header.lower()
    for pattern in (
        rf"\bin\s+({_UNIT_ALTERNATION})\b",
        rf"[(\[]\s*(?:in\s+)?({_UNIT_ALTERNATION})\s*[)\]]",
        rf"\b({'|'.join(word for word in _UNIT_WORDS if len(word) > 1)})\b",
    ):
        match = re.search(pattern, lower)
        if match:
            return _UNIT_WORDS[match.group(1)]
    return None


def parse_durations(
    values: pd.Series | Sequence[object], *, column: str, header: str
) -> ParsedNumbers:
    """Read durations as minutes.

    Plain numbers are in the unit the header names (see :func:`duration_unit`), or minutes when
    it names none, which ``unit`` then says. Text with units (``1h 30m``, ``2d 3h``,
    ``90 min``) and clock times (``01:30:00`` is h:m:s, ``1:30`` h:m, ``2 days 03:00:00``) are
    read whatever the header says. Negative durations are bad.
    """
    values = _as_series(values)
    distinct = _Distinct(values)
    unit = duration_unit(header)
    unit_text = _UNIT_NAMES[unit] if unit else "minutes (assumed: the header names no unit)"
    minutes = distinct.numbers * _MINUTES_PER_UNIT[unit or "min"]
    if not distinct.numeric:
        todo = np.flatnonzero(np.isnan(minutes))
        if len(todo):
            minutes[todo] = _text_durations(distinct.text.iloc[todo].str.lower())
    ok = np.isfinite(minutes) & (minutes >= 0)
    return _distinct_result(
        values,
        distinct,
        np.where(ok, minutes, np.nan),
        ok,
        column=column,
        what="durations",
        unit=unit_text,
    )


def _text_durations(text: pd.Series) -> np.ndarray:
    """Minutes for "1h 30m" and "01:30:00" style values; NaN for anything else."""
    text = text.reset_index(drop=True)
    minutes = np.full(len(text), np.nan)
    clock = text.str.extract(_CLOCK_DURATION).astype("float64")
    is_clock = clock["hours"].notna().to_numpy()
    minutes[is_clock] = (
        clock["days"].fillna(0) * 1440
        + clock["hours"] * 60
        + clock["minutes"]
        + clock["seconds"].fillna(0) / 60
    ).to_numpy()[is_clock]
    with_units = text.str.fullmatch(_UNIT_DURATION).fillna(False).to_numpy(dtype=bool)
    if with_units.any():
        parts = text[with_units].str.extractall(_UNIT_PART)
        factor = parts["unit"].map(_UNIT_WORDS).map(_MINUTES_PER_UNIT)
        total = (parts["amount"].astype("float64") * factor).groupby(level=0).sum()
        minutes[total.index.to_numpy()] = total.to_numpy()
    return minutes


def parse_counts(values: pd.Series | Sequence[object], *, column: str) -> ParsedNumbers:
    """Read counts (reopens, replies, interactions): whole numbers from 0 up, e.g. " 4 ", "3.0"."""
    values = _as_series(values)
    distinct = _Distinct(values)
    numbers = distinct.numbers
    with np.errstate(invalid="ignore"):  # NaN and inf compare False, as they should
        ok = np.isfinite(numbers) & (numbers >= 0) & (numbers % 1 == 0)
    return _distinct_result(
        values,
        distinct,
        np.where(ok, numbers, np.nan),
        ok,
        column=column,
        what="whole numbers from 0 up",
        unit="count",
    )
