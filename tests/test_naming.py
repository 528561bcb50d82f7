"""Offline theme names and descriptions (voc.naming.phrases, voc.themes): unit rules, the sample
export's planted themes, and the name proxy on a Banking77 subset."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from tests.conftest import SHARED_DATA
from voc import schema
from voc.naming.phrases import (
    NamingSettings,
    candidates,
    describe,
    tidy_name,
    tidy_sentence,
    unique_labels,
)
from voc.stopwords import FUNCTION_WORDS, NEGATIONS
from voc.themes import representatives

SETTINGS = NamingSettings()
WEIGHTS = {"dashboard": 1.0, "slow": 0.9, "load": 0.8, "chart": 0.5, "email": 0.4}

# Written by hand from sample_data/generate.py's themes: a planted theme's name must hold one of
# its key concepts (lower-case substrings).
CONCEPTS = {
    "dashboard_slow": ("slow", "load"),
    "login_2fa_loop": ("2fa", "two-factor", "login loop", "log in"),
    "mobile_photo_upload_crash": ("photo", "crash"),
    "csv_export_missing_rows": ("export",),
    "cancel_subscription_hard": ("cancel",),
    "api_key_howto": ("api",),
    "search_no_results": ("search",),
    "duplicate_charge": ("charge", "twice", "duplicate"),
    "import_contacts_howto": ("import",),
    "webhook_duplicate_delivery": ("webhook",),
    "refund_request": ("refund",),
    "email_notifications_stopped": ("notification",),
    "billing_address_change_confusing": ("address",),
    "team_invite_permissions_confusing": ("invite", "role", "permission", "teammate"),
    "slack_integration_request": ("slack",),
    "custom_fields_howto": ("field",),
    "dark_mode_request": ("dark mode",),
    "vat_id_missing_invoice": ("vat",),
    "bulk_edit_request": ("bulk", "edit"),
    "praise_support": ("support", "thank", "happy", "stars", "great"),
}


def test_a_name_never_starts_or_ends_with_a_function_word() -> None:
    texts = [
        "The dashboard is slow to load every morning.",
        "My dashboard is slow to load, the charts spin.",
        "Dashboard slow to load since Monday.",
    ]
    found = candidates(texts, WEIGHTS, SETTINGS)
    assert found, "recurring phrases should be found"
    texts_found = {c.text.lower() for c in found}
    assert "dashboard is slow to load" in texts_found or "slow to load" in texts_found
    for c in found:
        words = c.text.lower().split()
        assert words[0] not in FUNCTION_WORDS and words[-1] not in FUNCTION_WORDS | NEGATIONS
        assert 2 <= len(words) <= SETTINGS.max_words
    assert "to load" not in texts_found and "my dashboard" not in texts_found


def test_a_phrase_of_one_ticket_or_a_question_fragment_is_never_a_candidate() -> None:
    texts = [
        "Where can I change my email address for the dashboard?",
        "Where can I change my email address for the dashboard?",
        "Dashboard slow chart",
        "Please look at the slow chart dashboard",
    ]
    found = {c.text.lower() for c in candidates(texts, WEIGHTS, SETTINGS)}
    assert not any(re.search(r"\bcan i\b", f) for f in found), found
    assert "slow chart dashboard" not in found  # written once only
    assert "email address" in found


def test_a_name_never_ends_on_half_a_phrasal_verb() -> None:
    texts = ["I want to use my card to top up.", "Use my card to top up please"]
    found = {c.text.lower() for c in candidates(texts, {"card": 1.0, "top": 0.8}, SETTINGS)}
    assert "use my card to top up" in found
    assert not any(f.endswith(" top") for f in found), found


def test_a_name_is_never_cut_from_a_longer_run_of_content_words() -> None:
    texts = [
        "How long do EU transfers take?",
        "How long do EU transfers take to arrive",
        "I paid a cash withdrawal fee and order 1234567 is late",
        "My cash withdrawal fee, order 7654321",
    ]
    weights = {"eu": 1.0, "transfer": 1.0, "cash": 0.8, "withdrawal": 0.9, "fee": 0.1}
    found = {c.text.lower() for c in candidates(texts, weights, SETTINGS)}
    assert "cash withdrawal fee" in found
    assert "cash withdrawal" not in found and "a cash" not in found  # "fee" follows
    # the words after "how" and a question's "do"
    assert not any(f.startswith(("long", "eu")) for f in found), found
    assert not any(re.search(r"\d{3}", f) for f in found), found  # order numbers


def test_a_name_starts_at_the_request_not_at_its_framing_verb() -> None:
    texts = [
        "I want to delete my account today",
        "I want to delete my account",
        "Need to delete my account",
        "Need to delete my account, thanks",
        "Download my bills from Mr [NAME]",
        "download my bills from Mr [NAME] please",
    ]
    weights = {"delete": 1.0, "account": 0.7, "download": 0.9, "bill": 0.9}
    found = {c.text.lower() for c in candidates(texts, weights, SETTINGS)}
    assert "delete my account" in found
    assert not any(f.startswith(("want", "need")) for f in found), found
    assert "download my bills" in found
    assert not any(f.endswith((" mr", " ms")) for f in found), found  # a title before a name


def test_placeholders_split_phrases_and_never_reach_a_name() -> None:
    texts = ["Send the dashboard [EMAIL] slow load", "dashboard [EMAIL] slow load again"]
    found = candidates(texts, WEIGHTS, SETTINGS)
    assert found and all("[" not in c.text for c in found)
    assert "slow load" in {c.text.lower() for c in found}


def test_names_are_unique_case_insensitively_in_theme_order() -> None:
    labels = unique_labels(
        [["Refund request", "Refund"], ["refund REQUEST", "Refund status"], ["Refund"]],
        ["a.", "b.", "c."],
        ["refund / money", "refund / status", "refund / card"],
    )
    assert [x.name for x in labels] == ["Refund request", "Refund status", "Refund"]
    # nothing left: the keyword name, then a numbered one
    again = unique_labels([["Same"], ["same"], ["SAME"]], ["", "", ""], ["kw", "kw", "kw"])
    assert [x.name for x in again] == ["Same", "kw", "SAME (3)"]


def test_names_and_descriptions_are_tidy() -> None:
    assert tidy_name("  CANT LOGIN  AFTER UPDATE! ") == "Cant login after update"
    assert tidy_name("export is missing rows") == "Export is missing rows"
    assert tidy_name("2FA code never arrives") == "2FA code never arrives"
    assert tidy_sentence("the export is missing rows", 240) == "The export is missing rows."
    cut = tidy_sentence("word " * 100, 60)
    assert len(cut) <= 60 and cut.endswith("…") and "  " not in cut


def test_the_description_is_the_most_typical_sentence(embedder) -> None:
    texts = [
        "Hello team.\nThe dashboard takes forever to load every morning.",
        "Our invoices are wrong.\nPlease fix the VAT number on them.",
    ]
    centre = embedder.encode(["the dashboard is very slow to load"])[0]
    text = describe(texts, centre, embedder.encode, SETTINGS)
    assert text == "The dashboard takes forever to load every morning."


def test_a_mixed_language_theme_is_quoted_in_both_languages() -> None:
    members = np.arange(10)
    similarity = np.linspace(1.0, 0.5, 10).astype(np.float32)
    vectors = np.eye(10, dtype=np.float32)
    languages = ["en"] * 8 + ["id"] * 2
    picked = representatives(members, similarity, vectors, 3, languages, "en")
    assert picked == [0, 1, 8]
    # a language with a single ticket is a stray, not a second audience
    languages = ["en"] * 9 + ["id"]
    assert representatives(members, similarity, vectors, 3, languages, "en") == [0, 1, 2]


@pytest.mark.slow
def test_every_planted_theme_is_named_by_its_key_concept(sample_run, truth) -> None:
    tickets = sample_run.stored.tickets()
    frame = truth[truth.theme != "__empty__"].merge(
        tickets[[schema.TICKET_ID, schema.THEME_ID]], on="ticket_id"
    )
    english = frame[frame.language == "en"]
    names = {t.theme_id: t.name for t in sample_run.themes}
    assert set(CONCEPTS) == set(frame.theme.unique())
    wrong = {}
    for planted, concepts in CONCEPTS.items():
        theme = int(english.loc[english.theme == planted, schema.THEME_ID].mode()[0])
        name = names[theme].lower()
        if not any(c in name for c in concepts):
            wrong[planted] = names[theme]
    assert not wrong, f"names without their concept: {wrong}"


@pytest.mark.slow
def test_names_are_short_unique_phrases_with_a_description(sample_run) -> None:
    themes = [t for t in sample_run.themes if t.theme_id != schema.UNTHEMED_ID]
    assert len({t.name.lower() for t in themes}) == len(themes)
    for theme in themes:
        words = theme.name.split()
        assert 2 <= len(words) <= 6, theme.name
        assert " / " not in theme.name and "[" not in theme.name, theme.name
        assert theme.description and theme.description[-1] in ".!?…", theme.description
        assert len(theme.description) <= 240


BANKING77_TEST = SHARED_DATA / "banking77" / "test.csv"
SUBSET = 3000
# Below what the default reaches on this subset (docs/benchmarks.md: 0.78 / 0.82 with the true
# intents as themes): a regression fails, noise does not.
NAME_COSINE_FLOOR = 0.70
NEAREST_OWN_FLOOR = 0.70


@pytest.mark.slow
@pytest.mark.skipif(
    not BANKING77_TEST.is_file(),
    reason=f"Banking77 not found at {BANKING77_TEST} (public data lives in ../shared/data)",
)
def test_banking77_names_are_near_their_intents(tmp_path, embedder) -> None:
    from benchmarks.metrics import human_label, majority_labels, name_proxy
    from voc.runs import run

    data = pd.read_csv(BANKING77_TEST).head(SUBSET)
    data.insert(0, "id", [f"q{i}" for i in range(len(data))])
    path = tmp_path / "queries.csv"
    data[["id", "text"]].to_csv(path, index=False)
    result = run(path, tmp_path / "ws", embedder=embedder)
    tickets = result.stored.tickets().merge(
        data.rename(columns={"id": schema.TICKET_ID}), on=schema.TICKET_ID
    )
    majority = majority_labels(tickets[schema.THEME_ID], tickets["category"])
    themes = [t for t in result.themes if t.theme_id in majority]
    proxy = name_proxy(
        [t.name for t in themes],
        [human_label(majority[t.theme_id]) for t in themes],
        sorted({human_label(c) for c in data["category"]}),
        embedder,
    )
    assert proxy.mean_cosine >= NAME_COSINE_FLOOR, proxy
    assert proxy.nearest_own_share >= NEAREST_OWN_FLOOR, proxy
