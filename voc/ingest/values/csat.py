"""Satisfaction ratings: :func:`normalise_csat` reads a CSAT column (words such as Zendesk's
good/bad, Intercom's emojis, points, fractions or percentages) as scores in 0..1, detecting the
scale, one of :data:`CSAT_SCALES`, from the whole column and counting unrated surveys apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from voc.errors import ConfigError
from voc.ingest.values._common import ParsedCsat, _as_series, _bad_rows, _Distinct

__all__ = ["CSAT_SCALES", "normalise_csat"]


@dataclass(frozen=True)
class _WordScale:
    key: str
    description: str
    scores: dict[str, float]


@dataclass(frozen=True)
class _NumberScale:
    key: str
    description: str
    low: float
    high: float


def _even(*labels: str) -> dict[str, float]:
    """Labels from best to worst, scored evenly from 1 down to 0."""
    step = len(labels) - 1
    return {label: round(1 - i / step, 6) for i, label in enumerate(labels)}


# Word scales, smallest first: the scale covering the most rows wins, and on a tie the smaller.
_WORD_SCALES: tuple[_WordScale, ...] = (
    _WordScale("good/bad", "good/bad (Zendesk)", _even("good", "bad")),
    _WordScale("thumbs", "thumbs up/down", _even("thumbs up", "thumbs down")),
    _WordScale("yes/no", "yes/no", _even("yes", "no")),
    _WordScale("satisfied", "satisfied/dissatisfied", _even("satisfied", "dissatisfied")),
    _WordScale("happy/3", "happy/neutral/unhappy", _even("happy", "neutral", "unhappy")),
    _WordScale("help scout", "great/okay/not good (Help Scout)", _even("great", "ok", "not good")),
    _WordScale(
        "freshdesk/3",
        "awesome/neutral/not good (Freshdesk)",
        _even("awesome", "neutral", "not good"),
    ),
    _WordScale(
        "intercom",
        "amazing..terrible (Intercom)",
        _even("amazing", "great", "ok", "bad", "terrible"),
    ),
    _WordScale(
        "excellent/5",
        "excellent..very poor",
        _even("excellent", "good", "average", "poor", "very poor"),
    ),
    _WordScale(
        "satisfied/5",
        "very satisfied..very dissatisfied",
        _even("very satisfied", "satisfied", "neutral", "dissatisfied", "very dissatisfied"),
    ),
    _WordScale(
        "happy/7",
        "extremely happy..extremely unhappy (Freshdesk)",
        _even(
            "extremely happy",
            "very happy",
            "happy",
            "neutral",
            "unhappy",
            "very unhappy",
            "extremely unhappy",
        ),
    ),
)
_NUMBER_SCALES: dict[str, _NumberScale] = {
    scale.key: scale
    for scale in (
        _NumberScale("0-1", "fraction 0-1", 0, 1),
        _NumberScale("1-3", "points 1-3", 1, 3),
        _NumberScale("1-5", "points 1-5", 1, 5),
        _NumberScale("0-10", "points 0-10", 0, 10),
        _NumberScale("1-10", "points 1-10", 1, 10),
        _NumberScale("0-100", "percent 0-100", 0, 100),
    )
}
CSAT_SCALES: tuple[str, ...] = (*_NUMBER_SCALES, *(scale.key for scale in _WORD_SCALES))
# Share of numeric ratings that must lie inside a scale for it to be chosen; the rest are bad.
_SCALE_MIN_SHARE = 0.99
_LABEL_SYNONYMS = {
    "okay": "ok",
    "unsatisfied": "dissatisfied",
    "not satisfied": "dissatisfied",
    "very unsatisfied": "very dissatisfied",
    "neither satisfied nor dissatisfied": "neutral",
    "fair": "average",
    "thumbsup": "thumbs up",
    "thumbsdown": "thumbs down",
    "👍": "thumbs up",
    "👎": "thumbs down",
    # Intercom's rating emojis, worst to best.
    "😠": "terrible",
    "🙁": "bad",
    "😐": "ok",
    "😃": "great",
    "🤩": "amazing",
}
_NOT_RATED = frozenset(
    [
        "offered",
        "unoffered",
        "not offered",
        "not rated",
        "unrated",
        "no rating",
        "not answered",
        "unanswered",
        "no response",
        "skipped",
        "pending",
        "n/a",
        "na",
        "none",
        "null",
        "nan",
        "-",
    ]
)
_LABELS = frozenset(
    {label for scale in _WORD_SCALES for label in scale.scores} | set(_LABEL_SYNONYMS)
)
# Skin tones and emoji presentation selectors: "👍🏽" is "👍".
_EMOJI_MODIFIERS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f]")
_CSAT_NUMBER = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<percent>%)?")
_LABEL_WORDS = re.compile(r"[\s,;:.!?()]+")
# "thumbs-up", "not_offered": joiners between letters are spaces.
_JOINERS = re.compile(r"(?<=\w)[-_](?=\w)")


def normalise_csat(
    values: pd.Series | Sequence[object], *, column: str, scale: str | None = None
) -> ParsedCsat:
    """Read satisfaction ratings as scores in 0..1, detecting the scale from the whole column.

    Rules, applied to every non-missing value:

    * Not rated (``Offered``, ``Unoffered``, ``Not Offered``, ``n/a``, ``-`` ...): NaN, not bad,
      counted in ``not_rated``.
    * Words: the longest known label at the start of the value (so ``Good, I'm satisfied`` is
      ``good``), case-insensitive, with Intercom's emojis and thumbs. The word scale that covers
      the most rows is used, the smallest on a tie: good/bad (Zendesk), thumbs, yes/no,
      satisfied/dissatisfied, happy/neutral/unhappy, great/okay/not good (Help Scout),
      amazing/great/ok/bad/terrible (Intercom), excellent..very poor, very satisfied..very
      dissatisfied, and Freshdesk's seven-point happy scale. Labels are scored evenly from 1
      (best) to 0 (worst).
    * Numbers: a ``%`` sign anywhere means percent (v/100). Otherwise the first scale that holds
      at least 99% of the numeric ratings: 0..1 (as is; only when a 0 or a fraction is seen),
      1..5 ((v-1)/4), 0..10 (v/10), 0..100 (v/100). So integers 1..5 are a five-point scale and
      integers up to 10 with some above 5 or a 0 are 0..10. Scales that values alone cannot tell
      apart warn: 1..5 when nothing above 3 is seen (pass ``scale="1-3"``), 0..10 when no 0 is
      seen (pass ``scale="1-10"``).
    * Words and numbers mixed: whichever kind has more rows is used.

    Values that do not fit the chosen scale are bad. ``scale`` forces one of
    :data:`CSAT_SCALES`.

    Raises:
        ConfigError: ``scale`` is not a known scale.
    """
    values = _as_series(values)
    if scale is not None and scale not in CSAT_SCALES:
        raise ConfigError(f"unknown CSAT scale {scale!r}; choose one of {', '.join(CSAT_SCALES)}.")
    distinct = _Distinct(values)
    labels, numbers, percent = _csat_tokens(distinct)
    not_rated = labels == "-"
    warnings: list[str] = []
    word_rows = int(distinct.counts[(labels != "") & ~not_rated].sum())
    number_rows = int(distinct.counts[~np.isnan(numbers)].sum())
    chosen: _WordScale | _NumberScale | None
    if scale is not None:
        chosen = _NUMBER_SCALES.get(scale) or next(s for s in _WORD_SCALES if s.key == scale)
    elif word_rows == number_rows == 0:
        chosen = None
    elif word_rows >= number_rows:
        chosen = _word_scale(labels, distinct.counts)
    else:
        chosen = _number_scale(numbers, percent, distinct.counts, column, warnings)
    if isinstance(chosen, _WordScale):
        scores = np.array([chosen.scores.get(label, np.nan) for label in labels], dtype="float64")
    elif isinstance(chosen, _NumberScale):
        scores = (numbers - chosen.low) / (chosen.high - chosen.low)
        scores[(scores < 0) | (scores > 1)] = np.nan
    else:
        scores = np.full(len(labels), np.nan)
    ok = ~np.isnan(scores) | not_rated
    if chosen is not None:
        description, what = chosen.description, f"ratings on the {chosen.description} scale"
    else:  # nothing but missing and unrated values, or nothing recognisable at all
        description = "unrecognised" if (distinct.counts[~ok] > 0).any() else "no ratings"
        what = "ratings (no known scale matches)"
    bad = distinct.spread(~ok, False)
    rows = _bad_rows(values.index, bad, column=column, what=what, warnings=warnings)
    series = pd.Series(distinct.spread(scores, np.nan), index=values.index, dtype="float64")
    return ParsedCsat(
        values=series,
        bad_rows=rows,
        warnings=warnings,
        scale=description,
        not_rated=int(distinct.counts[not_rated].sum()),
    )


def _csat_tokens(distinct: _Distinct) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per distinct value: its label ("" if none, "-" if not rated), number, and % sign."""
    if distinct.numeric:
        numbers = distinct.numbers
        return np.full(len(numbers), "", dtype=object), numbers, np.zeros(len(numbers), bool)
    labels, numbers, percent = [], [], []
    for raw in distinct.text:
        text = _EMOJI_MODIFIERS.sub("", raw.lower()).strip()
        match = _CSAT_NUMBER.fullmatch(text)
        labels.append("" if match else _csat_label(text))
        numbers.append(float(match["number"]) if match else np.nan)
        percent.append(bool(match and match["percent"]))
    return np.array(labels, dtype=object), np.array(numbers, dtype="float64"), np.array(percent)


def _csat_label(text: str) -> str:
    """The known label a rating starts with; "-" when not rated; "" when none."""
    if text in _NOT_RATED:
        return "-"
    words = [word for word in _LABEL_WORDS.split(_JOINERS.sub(" ", text)) if word]
    for length in (4, 3, 2, 1):  # longest first: "very satisfied" before "very"
        head = " ".join(words[:length])
        if len(words) >= length and (head in _LABELS or head in _NOT_RATED):
            return "-" if head in _NOT_RATED else _LABEL_SYNONYMS.get(head, head)
    return ""


def _word_scale(labels: np.ndarray, counts: np.ndarray) -> _WordScale:
    covered = [int(counts[np.isin(labels, list(s.scores))].sum()) for s in _WORD_SCALES]
    return _WORD_SCALES[int(np.argmax(covered))]  # argmax keeps the first, smallest, on a tie


def _number_scale(
    numbers: np.ndarray, percent: np.ndarray, counts: np.ndarray, column: str, warnings: list[str]
) -> _NumberScale:
    if percent.any():
        return _NUMBER_SCALES["0-100"]
    seen = ~np.isnan(numbers)
    values, weights = numbers[seen], counts[seen]
    for key in ("0-1", "1-5", "0-10", "0-100"):
        scale = _NUMBER_SCALES[key]
        inside = (values >= scale.low) & (values <= scale.high)
        if weights[inside].sum() < _SCALE_MIN_SHARE * weights.sum():
            continue
        if key == "0-1" and not ((values[inside] == 0).any() or (values % 1 != 0).any()):
            continue  # only 1s: more likely the bottom of a 1-5 scale than a 0/1 flag
        if key == "1-5" and values[inside].max() <= 3:
            warnings.append(
                f"ratings in '{column}' are all 3 or less; read as points 1-5. "
                "If the survey is 1-3, set the CSAT scale to '1-3'."
            )
        if key == "0-10" and not (values == 0).any():
            warnings.append(
                f"ratings in '{column}' go up to 10 with no 0; read as points 0-10. "
                "If the survey is 1-10, set the CSAT scale to '1-10'."
            )
        return scale
    return _NUMBER_SCALES["0-100"]
