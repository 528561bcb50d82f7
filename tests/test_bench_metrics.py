"""The benchmark metrics (benchmarks/metrics.py) on small hand-made inputs; real model for names."""

from __future__ import annotations

import math

import pytest

from benchmarks.metrics import (
    counterpart_themes,
    cross_language_share,
    human_label,
    language_nmi,
    majority_labels,
    name_proxy,
    word_count,
)


@pytest.mark.parametrize(
    ("intent", "label"),
    [
        ("card_arrival", "card arrival"),
        ("Refund_not_showing_up", "refund not showing up"),
        ("reverted_card_payment?", "reverted card payment"),
        ("reminder/show_reminders", "show reminders"),
        ("alarm/time_left_on_alarm", "time left on alarm"),
        ("weather/find", "find weather"),
        ("BookRestaurant", "book restaurant"),
        ("login_2fa_loop", "login 2fa loop"),
    ],
)
def test_human_label(intent: str, label: str) -> None:
    assert human_label(intent) == label


def test_word_count_ignores_separators() -> None:
    assert word_count("slow / load / loading") == 3
    assert word_count("Login loop after enabling 2FA") == 5
    assert word_count("didn't option") == 2
    assert word_count("") == 0


def test_majority_labels_skip_unthemed_and_break_ties_by_name() -> None:
    themes = [0, 0, 0, 1, 1, -1, -1, -1]
    truth = ["a", "a", "b", "c", "b", "z", "z", "z"]
    assert majority_labels(themes, truth) == {0: "a", 1: "b"}  # 1: b and c tie -> b


def test_name_proxy_rewards_names_that_say_the_intent(embedder) -> None:
    labels = ["card arrival", "exchange rate", "change pin", "lost or stolen phone"]
    good = name_proxy(
        ["When will my card arrive", "Wrong exchange rate", "How to change my PIN"],
        labels[:3],
        labels,
        embedder,
    )
    assert good.themes == 3
    assert good.nearest_own_share == 1.0
    assert good.mean_cosine > 0.5
    assert good.unique_names == 3
    assert good.mean_words == pytest.approx((5 + 3 + 5) / 3)
    # The same names given to the wrong intents: lower cosine, none nearest its "own" label.
    swapped = name_proxy(
        ["When will my card arrive", "Wrong exchange rate", "How to change my PIN"],
        ["change pin", "card arrival", "exchange rate"],
        labels,
        embedder,
    )
    assert swapped.nearest_own_share == 0.0
    assert swapped.mean_cosine < good.mean_cosine - 0.2


def test_name_proxy_counts_unique_names_and_an_exact_name(embedder) -> None:
    proxy = name_proxy(
        ["card arrival", "Card  Arrival", "exchange rate"],
        ["card arrival", "card arrival", "exchange rate"],
        ["card arrival", "exchange rate"],
        embedder,
    )
    assert proxy.unique_names == 2
    assert proxy.cosines[0] == pytest.approx(1.0, abs=1e-3)
    assert proxy.nearest_own_share == 1.0


def test_name_proxy_refuses_a_label_outside_all_labels(embedder) -> None:
    with pytest.raises(ValueError, match="not among all_labels"):
        name_proxy(["x"], ["card arrival"], ["exchange rate"], embedder)


def test_counterpart_theme_is_where_most_english_tickets_went() -> None:
    themes = [4, 4, 7, -1, -1, -1, 9, 2]
    groups = ["login", "login", "login", "login", "login", "login", "refund", "refund"]
    langs = ["en", "en", "en", "en", "en", "en", "id", "id"]
    # Unthemed English tickets are not counted (three of them here); refund has no English ticket.
    assert counterpart_themes(themes, groups, langs) == {"login": 4}


def test_cross_language_share_never_matches_unthemed() -> None:
    assert cross_language_share([3, 3, -1, 5], [3, 4, -1, None]) == 0.25
    assert cross_language_share([1, 2], [1, 2]) == 1.0
    assert math.isnan(cross_language_share([], []))


def test_language_nmi() -> None:
    # Themes that ignore language: 0; one theme per language: 1.
    assert language_nmi([1, 1, 2, 2], ["en", "id", "en", "id"]) == pytest.approx(0.0, abs=1e-12)
    assert language_nmi([1, 1, 2, 2], ["en", "en", "id", "id"]) == pytest.approx(1.0)
    # Unthemed is one group like any theme: all-Indonesian Unthemed is language-revealing.
    assert language_nmi([1, 1, -1, -1], ["en", "en", "id", "id"]) == pytest.approx(1.0)
