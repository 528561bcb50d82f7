"""The report's words: an executive summary and each theme's trend, written from the run's numbers.

No language model: every sentence is a template filled from the scores, so it is reproducible and
says only what the numbers say. The statistics behind a trend (expected count, p-value) stay in the
methods and in each theme's detail; these sentences say the same in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence

from voc.config import ScoreConfig
from voc.format import count, growth_text, kind_text, number, percent
from voc.schema import RunScores, ThemeScore, TrendRule
from voc.score import trend_rule

SUMMARY_TOP = 3  # problems the summary names first
# Below this share of tickets with a CSAT rating, or above this share in no theme, the summary
# calls the evidence thin: one ticket in five is where a mean starts to speak for a minority.
THIN_SHARE = 0.2


def rule_of(scores: RunScores) -> TrendRule:
    """The run's emerging rule (the defaults for a run scored before the rule was kept)."""
    return scores.rule or trend_rule(ScoreConfig())


def span(days: int) -> str:
    """28 -> "4 weeks", 10 -> "10 days"."""
    return count(days // 7, "week") if days % 7 == 0 else count(days, "day")


def weekly_rate(tickets: int, days: int) -> str:
    """An earlier rate in words: "about 3 a week", "fewer than 1 a week", "none"."""
    if tickets == 0:
        return "none"
    per_week = tickets * 7 / days
    return "fewer than 1 a week" if per_week < 0.75 else f"about {number(per_week)} a week"


def trend_words(score: ThemeScore, rule: TrendRule) -> str:
    """A theme's trend in one plain sentence, e.g. "New: 109 tickets in the last 4 weeks, up from
    fewer than 1 a week before." Growth and emerging are explained side by side when they seem to
    disagree (growth up, yet not emerging)."""
    test = score.trend
    if test is None:
        return _no_trend(score)
    window = f"{count(test.recent, 'ticket')} in the last {span(rule.recent_days)}"
    before = weekly_rate(test.baseline, rule.baseline_days)
    if test.recent < rule.min_recent:
        return f"{window}: too few to judge a trend (it takes {rule.min_recent})."
    if score.emerging:
        return f"{emerging_label(score)}: {emerging_clause(score, rule)}."
    growth = growth_text(score.growth, score.previous, score.recent)
    if growth not in ("n/a", "0%") and not growth.startswith("-"):
        return (
            f"Not emerging: {window} is {growth} on the {span(rule.recent_days)} before, but "
            f"only {number(test.ratio, 1)}x what its share of all tickets in the "
            f"{span(rule.baseline_days)} before predicts; emerging takes "
            f"{number(rule.emerging_ratio, 1)}x and a rise unlikely by chance."
        )
    return f"Steady or falling: {window}, from {before} in the {span(rule.baseline_days)} before."


def emerging_label(score: ThemeScore) -> str:
    """ "New" for an emerging theme with no tickets before the recent window, else "Emerging"."""
    return "New" if score.trend is not None and score.trend.baseline == 0 else "Emerging"


def emerging_clause(score: ThemeScore, rule: TrendRule) -> str:
    """ "109 tickets in the last 4 weeks, up from fewer than 1 a week in the 12 weeks before"."""
    test = score.trend
    if test is None:
        return _no_trend(score)
    before = weekly_rate(test.baseline, rule.baseline_days)
    return (
        f"{count(test.recent, 'ticket')} in the last {span(rule.recent_days)}, up from {before} "
        f"in the {span(rule.baseline_days)} before"
    )


def _no_trend(score: ThemeScore) -> str:
    if score.recent is not None:  # scored before the trend's numbers were kept: its own note
        return score.emerging_note[:1].upper() + score.emerging_note[1:] + "."
    if not score.weekly:
        return "No trend: the export has no creation dates."
    return "No trend: the export is too short to compare with an earlier period."


def problem_phrase(score: ThemeScore) -> str:
    """One theme with its size and trend, for a list: "Search not finding existing records
    (150 tickets, 5.1%, +45% on the 4 weeks before)"."""
    growth = growth_text(score.growth, score.previous, score.recent)
    trend = "" if growth == "n/a" else f", {growth}" if growth == "new" else f", {growth} recently"
    return f"{score.name} ({count(score.size, 'ticket')}, {percent(score.share)}{trend})"


def executive_summary(
    scores: RunScores,
    ranked: Sequence[ThemeScore],
    changes: str | None,
    unthemed: int,
) -> list[str]:
    """Three to five sentences a product manager can forward: the biggest problems, what is new
    or emerging, what changed since the previous run, where the evidence is thin, what to do.

    ``ranked`` is the ranked themes (analysts' edits applied, dismissed ones left out);
    ``changes`` is the one-sentence "since the last run" headline, None for a first run.
    """
    rule = rule_of(scores)
    if not ranked:
        return ["No theme was found: every ticket is Unthemed, so there is nothing to rank."]
    top = list(ranked[:SUMMARY_TOP])
    what = "defects" if all(t.kind == "defect" for t in top) and len(top) > 1 else "problems"
    listed = _join([problem_phrase(t) for t in top])
    sentences = [
        f"The biggest problem by friction is {listed}."
        if len(top) == 1
        else f"The {_number_word(len(top))} biggest {what} by friction are {listed}."
    ]
    emerging = [t for t in ranked if t.emerging]
    if emerging:
        sentences += [
            f"{t.name} ({kind_text(t.kind)}) is {emerging_label(t).lower()}: "
            f"{emerging_clause(t, rule)}."
            for t in emerging
        ]
    elif scores.recent_start:
        sentences.append(
            f"No theme is emerging: none has jumped well above its earlier share of tickets in "
            f"the last {span(rule.recent_days)}."
        )
    sentences.append(
        changes or "This is the first run in this workspace, so there is nothing to compare with."
    )
    thin = _thin_evidence(scores, ranked, unthemed, rule)
    if thin:
        sentences.append(f"The evidence is thin where {_join(thin)}.")
    first = emerging[0] if emerging else top[0]
    sentences.append(
        f"Start with {first.name}"
        + (f", then {top[0].name}" if first is not top[0] else "")
        + "; the cards below give the customers' words and who is affected."
    )
    return sentences


def _thin_evidence(
    scores: RunScores, ranked: Sequence[ThemeScore], unthemed: int, rule: TrendRule
) -> list[str]:
    """Where the numbers rest on little: missing columns, few ratings, small themes."""
    thin = []
    if scores.missing:
        thin.append(f"the export has no {_join(list(scores.missing))} data")
    rated = sum(t.csat_count for t in scores.themes)
    if "csat" not in scores.missing and scores.tickets and rated / scores.tickets < THIN_SHARE:
        thin.append(f"only {percent(rated / scores.tickets)} of tickets have a CSAT rating")
    few = [t for t in ranked if t.trend is not None and t.trend.recent < rule.min_recent]
    if few:
        thin.append(
            f"{count(len(few), 'theme')} had fewer than {rule.min_recent} tickets in the last "
            f"{span(rule.recent_days)}, too few to judge a trend"
        )
    if scores.tickets and unthemed / scores.tickets > THIN_SHARE:
        thin.append(f"{percent(unthemed / scores.tickets)} of tickets fit no theme")
    return thin


def _join(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _number_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five"}.get(n, str(n))


__all__ = [
    "emerging_clause",
    "emerging_label",
    "executive_summary",
    "problem_phrase",
    "rule_of",
    "span",
    "trend_words",
    "weekly_rate",
]
