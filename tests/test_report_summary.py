"""The report's words: trends in plain words and the executive summary, from hand-made scores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from voc.config import ScoreConfig
from voc.report.summary import executive_summary, span, trend_words, weekly_rate
from voc.schema import RunScores, ThemeScore, TrendTest
from voc.score import trend_rule

RULE = trend_rule(ScoreConfig())  # 28-day recent window, 84-day baseline, 10 tickets, 2x


def theme(theme_id: int, name: str, **values: object) -> ThemeScore:
    base = ThemeScore(
        theme_id=theme_id, name=name, kind="defect", kind_confidence=0.9, size=100, share=0.1,
        weekly=[("2026-09-21", 10)], recent=30, previous=28, growth=0.07, emerging=False,
        emerging_note="not emerging", negative_share=0.5, csat_mean=0.5, csat_count=50,
        csat_impact=-0.01, effort={}, organizations=20, requesters=30, top_organizations=[],
        components={}, evidence=1.0, friction=70.0, rank=theme_id + 1,
        trend=TrendTest(recent=30, baseline=84, expected=28.0, p_value=0.4),
    )  # fmt: skip
    return replace(base, **values)


def scores(themes: list[ThemeScore], **values: object) -> RunScores:
    base = RunScores(
        themes=themes, tickets=1000, csat_mean=0.6, first_ticket="2026-06-01T00:00:00+00:00",
        last_ticket="2026-09-28T10:00:00+00:00", recent_start="2026-08-31T10:00:00+00:00",
        weights={}, missing=[], rule=RULE,
    )  # fmt: skip
    return replace(base, **values)


NEW = theme(
    2, "Email notifications stopped", emerging=True, recent=109, previous=1, growth=108.0,
    trend=TrendTest(recent=109, baseline=0, expected=0.6, p_value=1e-200),
)  # fmt: skip
SURGING = theme(
    3, "Login loop", emerging=True, recent=60, previous=20, growth=2.0,
    trend=TrendTest(recent=60, baseline=36, expected=12.0, p_value=1e-20),
)  # fmt: skip
UP_NOT_EMERGING = theme(
    4, "Add dark mode", kind="feature_request", recent=31, previous=14, growth=1.22,
    trend=TrendTest(recent=31, baseline=60, expected=22.0, p_value=0.04),
)  # fmt: skip


@pytest.mark.parametrize(
    ("days", "words"), [(28, "4 weeks"), (7, "1 week"), (84, "12 weeks"), (10, "10 days")]
)
def test_span(days: int, words: str) -> None:
    assert span(days) == words


@pytest.mark.parametrize(
    ("tickets", "words"),
    [(0, "none"), (1, "fewer than 1 a week"), (12, "about 1 a week"), (84, "about 7 a week")],
)
def test_weekly_rate(tickets: int, words: str) -> None:
    assert weekly_rate(tickets, 84) == words


def test_trend_words_say_new_emerging_and_why_growth_is_not_emerging() -> None:
    assert trend_words(NEW, RULE) == (
        "New: 109 tickets in the last 4 weeks, up from none in the 12 weeks before."
    )
    assert trend_words(SURGING, RULE) == (
        "Emerging: 60 tickets in the last 4 weeks, up from about 3 a week in the 12 weeks before."
    )
    words = trend_words(UP_NOT_EMERGING, RULE)
    assert words.startswith("Not emerging: 31 tickets in the last 4 weeks is +122% on the 4 weeks")
    assert "1.4x what its share of all tickets in the 12 weeks before predicts" in words
    assert "emerging takes 2x" in words and "p=" not in words
    few = theme(5, "Rare", recent=4, trend=TrendTest(4, 3, 2.0, 0.1))
    assert trend_words(few, RULE) == (
        "4 tickets in the last 4 weeks: too few to judge a trend (it takes 10)."
    )
    undated = theme(6, "Undated", weekly=[], recent=None, previous=None, growth=None, trend=None)
    assert trend_words(undated, RULE) == "No trend: the export has no creation dates."


def test_the_summary_names_the_top_problems_and_the_emerging_ones() -> None:
    top = [theme(0, "Search broken", friction=77.0), theme(1, "CSV export short"), NEW]
    ranked = [*top, SURGING, UP_NOT_EMERGING]
    sentences = executive_summary(scores(ranked), ranked, None, unthemed=10)
    assert sentences[0] == (
        "The three biggest defects by friction are Search broken (100 tickets, 10%, +7% recently), "
        "CSV export short (100 tickets, 10%, +7% recently) and Email notifications stopped "
        "(100 tickets, 10%, new)."
    )
    assert sentences[1] == (
        "Email notifications stopped (defect) is new: 109 tickets in the last 4 weeks, up from "
        "none in the 12 weeks before."
    )
    assert sentences[2].startswith("Login loop (defect) is emerging: 60 tickets")
    assert sentences[3].startswith("This is the first run in this workspace")
    assert sentences[-1].startswith("Start with Email notifications stopped, then Search broken;")
    assert len(sentences) == 5  # no thin evidence to report


def test_the_summary_says_where_the_evidence_is_thin() -> None:
    few = theme(1, "Rare", recent=4, trend=TrendTest(4, 3, 2.0, 0.1), csat_count=0)
    ranked = [replace(theme(0, "Big", csat_count=50, kind="billing")), few]
    run = scores(ranked, tickets=1000, missing=["effort"])
    sentences = executive_summary(run, ranked, "Since the previous run (900 tickets), ...", 300)
    assert sentences[0].startswith("The two biggest problems by friction are Big (")
    assert sentences[1].startswith("No theme is emerging")
    assert sentences[2] == "Since the previous run (900 tickets), ..."
    assert sentences[3] == (
        "The evidence is thin where the export has no effort data, only 5% of tickets have a CSAT "
        "rating, 1 theme had fewer than 10 tickets in the last 4 weeks, too few to judge a trend "
        "and 30% of tickets fit no theme."
    )
    one = executive_summary(run, ranked[:1], None, 0)
    assert one[0].startswith("The biggest problem by friction is Big (")
    assert executive_summary(run, [], None, 1000) == [
        "No theme was found: every ticket is Unthemed, so there is nothing to rank."
    ]
