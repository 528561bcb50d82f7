"""Per-theme measures, the emerging rule and the friction score, on tables made for the test."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.synthetic import write_synthetic_run
from voc import schema
from voc.config import RunConfig
from voc.schema import RunScores
from voc.score import (
    COMPONENTS,
    csat_impact,
    emerging_test,
    friction_score,
    growth,
    theme_kind,
    week_starts,
    weekly_counts,
    weights,
)

CONFIG = RunConfig().score


def test_weeks_start_on_monday_and_empty_weeks_count_zero() -> None:
    dates = pd.Series(
        pd.to_datetime(["2026-09-02 10:00", "2026-09-06 23:00", "2026-09-21 00:00"], utc=True)
    )
    weeks = pd.date_range("2026-08-31", "2026-09-21", freq="7D")
    assert week_starts(dates).dt.day_of_week.eq(0).all()
    assert weekly_counts(dates, weeks) == [
        ("2026-08-31", 2), ("2026-09-07", 0), ("2026-09-14", 0), ("2026-09-21", 1),
    ]  # fmt: skip


def test_growth_needs_the_minimum_count() -> None:
    assert growth(15, 10, min_count=10) == pytest.approx(0.5)
    assert growth(3, 2, min_count=10) is None
    assert growth(12, 0, min_count=10) == float("inf")


def test_a_new_theme_is_emerging_and_says_new() -> None:
    flagged, note, _ = emerging_test(40, 0, all_recent=500, all_baseline=1500, config=CONFIG)
    assert flagged and note.startswith("new:")


def test_a_theme_growing_with_all_tickets_is_not_emerging() -> None:
    # Total volume doubled and so did the theme: its share is unchanged.
    flagged, note, _ = emerging_test(40, 60, all_recent=1000, all_baseline=1500, config=CONFIG)
    assert not flagged and note.startswith("not emerging")


def test_a_theme_whose_share_triples_is_emerging() -> None:
    flagged, _, _ = emerging_test(90, 90, all_recent=1000, all_baseline=3000, config=CONFIG)
    assert flagged


def test_too_few_recent_tickets_are_never_emerging() -> None:
    flagged, note, _ = emerging_test(CONFIG.min_recent - 1, 0, 500, 1500, CONFIG)
    assert not flagged and "fewer than" in note


def test_csat_impact_has_the_sign_of_the_harm() -> None:
    csat = pd.Series([0.0, 0.0, 1.0, 1.0, 1.0, np.nan])
    bad = np.array([True, True, False, False, False, False])
    assert csat_impact(csat, bad) < 0
    assert csat_impact(csat, ~bad) > 0
    assert csat_impact(csat, np.array([False] * 5 + [True])) is None


def test_theme_kind_is_other_when_tickets_disagree() -> None:
    assert theme_kind(pd.Series(["defect"] * 6 + ["question"] * 4), 0.35) == ("defect", 0.6)
    mixed = pd.Series(["defect", "question", "billing", "praise", "friction", "other"])
    assert theme_kind(mixed, 0.35)[0] == "other"


def test_missing_components_lower_the_evidence_not_the_score() -> None:
    w = {"volume": 0.5, "csat": 0.5}
    assert friction_score({"volume": 0.8, "csat": 0.8}, w) == (80.0, 1.0)
    assert friction_score({"volume": 0.8}, w) == (80.0, 0.5)
    assert friction_score({}, w) == (0.0, 0.0)


def test_weights_come_from_the_config() -> None:
    cfg = RunConfig().with_overrides({"score.weight_trend": 0.7}).score
    assert set(weights(cfg)) == set(COMPONENTS) and weights(cfg)["trend"] == 0.7


@pytest.fixture()
def synthetic(tmp_path: Path):
    return write_synthetic_run(tmp_path / "ws", hostile=False)


def test_the_broken_surging_theme_ranks_first_and_is_emerging(synthetic) -> None:
    scores = synthetic.scores()
    ranked = [s.name for s in scores.themes]
    assert ranked == ["login loop", "api key how to", "thanks support", schema.UNTHEMED_NAME]
    top = scores.themes[0]
    assert top.kind == "defect" and top.kind_confidence == 1.0
    assert top.emerging and [t.theme_id for t in scores.emerging] == [top.theme_id]
    assert top.csat_impact < 0 < scores.themes[2].csat_impact
    assert top.effort["reopens"].ratio > 1 and top.components["effort"] > 0.5
    assert top.evidence == 1.0 and scores.missing == []
    assert sum(n for _, n in top.weekly) == top.size


def test_scores_survive_the_round_trip_through_json(synthetic) -> None:
    scores = synthetic.scores()
    assert RunScores.from_dict(json.loads(json.dumps(scores.to_dict()))) == scores


def test_an_export_without_dates_or_csat_still_ranks(tmp_path: Path) -> None:
    stored = write_synthetic_run(tmp_path / "ws", hostile=False, with_dates=False)
    scores = stored.scores()
    assert scores.missing == ["trend"] and scores.first_ticket is None
    assert not scores.emerging
    assert all(s.evidence == pytest.approx(0.9) for s in scores.themes)
    assert all(s.emerging_note == "the export has no creation dates" for s in scores.themes)
    assert scores.themes[0].name == "login loop"
