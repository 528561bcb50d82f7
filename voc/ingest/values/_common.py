"""What the value parsers share: result dataclasses, the standard warning, column helpers.

Each parser takes one exported column (strings; empty, blank, None or NaN is *missing*), does its
work once per column or once per distinct value rather than once per row, and returns a frozen
result: the parsed Series on the input's index plus what the user must be told (the index labels
of values that were present but unreadable, and warnings that name the column). Missing values
are never counted as bad. This module holds those results (:class:`ParsedColumn` and its
subclasses), the warning every parser gives for unreadable values, and the helpers that turn a
column into trimmed Arrow text, plain numbers, or one entry per distinct value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# How many bad row labels a warning names before it says "and N more".
ROWS_NAMED_IN_WARNINGS = 5
_NULL_TEXT = pa.scalar(None, pa.string())
_NUMBER_PATTERN = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"


@dataclass(frozen=True, kw_only=True)
class ParsedColumn:
    """What every parser returns: the parsed values and what the user must be told.

    Attributes:
        values: the parsed values, on the input's index; NaN/NaT where missing or unreadable.
        bad_rows: index labels of values that were present but could not be read.
        warnings: messages for the user; each names the column.
    """

    values: pd.Series
    bad_rows: pd.Index
    warnings: list[str] = field(default_factory=list)

    @property
    def bad_count(self) -> int:
        """How many present values could not be read."""
        return len(self.bad_rows)


@dataclass(frozen=True, kw_only=True)
class ParsedDates(ParsedColumn):
    """Timestamps in UTC, with the format they were read in (e.g. "US month/day/year")."""

    format: str
    dayfirst: bool | None = None


@dataclass(frozen=True, kw_only=True)
class ParsedCsat(ParsedColumn):
    """Satisfaction scores in 0..1, with the scale they were read on and how many were unrated."""

    scale: str
    not_rated: int = 0


@dataclass(frozen=True, kw_only=True)
class ParsedNumbers(ParsedColumn):
    """Numbers (flags, counts, or durations in minutes) and the unit the export used."""

    unit: str


def _bad_rows(
    index: pd.Index, bad: np.ndarray, *, column: str, what: str, warnings: list[str]
) -> pd.Index:
    """Labels of the bad values; appends the standard warning when there are any."""
    rows = index[bad]
    if len(rows):
        shown = ", ".join(str(label) for label in rows[:ROWS_NAMED_IN_WARNINGS])
        more = len(rows) - ROWS_NAMED_IN_WARNINGS
        shown += f" and {more} more" if more > 0 else ""
        noun = "value" if len(rows) == 1 else "values"
        warnings.append(
            f"{len(rows)} {noun} of '{column}' could not be read as {what} (rows {shown}); "
            "left empty."
        )
    return rows


def _as_series(values: pd.Series | Sequence[object]) -> pd.Series:
    return values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)


def _is_numeric(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _arrow_text(values: pd.Series) -> pa.Array:
    """The values as trimmed Arrow strings, with missing and blank values as nulls."""
    try:
        text = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed objects, e.g. numbers among strings
        text = pa.array(values.astype("str"), from_pandas=True)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    if text.type != pa.string():
        text = text.cast(pa.string())
    text = pc.utf8_trim_whitespace(text)
    return pc.if_else(pc.equal(text, ""), _NULL_TEXT, text)


def _floats(text: pa.Array) -> np.ndarray:
    """Plain decimal numbers as floats; NaN for anything else (much faster than to_numeric)."""
    numeric = pc.if_else(pc.match_substring_regex(text, _NUMBER_PATTERN), text, _NULL_TEXT)
    return numeric.cast(pa.float64()).to_numpy(zero_copy_only=False)


class _Distinct:
    """A column factorised: parsing runs once per distinct value and is then spread to rows.

    Columns such as CSAT, flags and counts hold a handful of distinct values in a million rows.
    """

    def __init__(self, values: pd.Series) -> None:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        self.numeric = _is_numeric(values)
        self._uniques = uniques
        if not self.numeric and len(uniques):
            blank = (self.text == "").to_numpy()
            if blank.any():  # blank strings are missing, like None
                keep = np.where(blank, -1, np.arange(len(uniques)))
                codes = np.where(codes >= 0, keep[codes], -1)
        self.codes = codes
        self.counts = np.bincount(codes[codes >= 0], minlength=len(uniques))

    @cached_property
    def text(self) -> pd.Series:
        """The distinct values as trimmed strings."""
        return pd.Series(np.asarray(self._uniques, dtype=object)).astype("str").str.strip()

    @cached_property
    def numbers(self) -> np.ndarray:
        """The distinct values as floats; NaN where a value is not a plain number."""
        if self.numeric:
            return np.asarray(self._uniques, dtype="float64")
        return _floats(_arrow_text(self.text))

    def spread(self, per_value: np.ndarray, missing: object) -> np.ndarray:
        """Per-row array from one entry per distinct value; ``missing`` where the row is missing."""
        return np.append(per_value, np.asarray([missing], dtype=per_value.dtype))[self.codes]


def _distinct_result(
    values: pd.Series,
    distinct: _Distinct,
    parsed: np.ndarray,
    ok: np.ndarray,
    *,
    column: str,
    what: str,
    unit: str,
    warnings: list[str] | None = None,
) -> ParsedNumbers:
    """Spread per-distinct-value results to rows and report the values that were not ``ok``."""
    warnings = list(warnings or [])
    bad = distinct.spread(~ok, False)
    rows = _bad_rows(values.index, bad, column=column, what=what, warnings=warnings)
    series = pd.Series(distinct.spread(parsed, np.nan), index=values.index, dtype="float64")
    return ParsedNumbers(values=series, bad_rows=rows, warnings=warnings, unit=unit)
