"""Cleaning a column at once (voc.clean.batch) gives exactly what clean_text gives on each ticket.

The column path skips a step wherever that step's RE2 condition does not match. Two things make
that safe, and both are checked here on generated and on real tickets: a step whose condition
misses an ASCII text returns it unchanged, and the whole column path equals the per-ticket chain.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from voc.clean import batch, clean_text, clean_texts, mask_pii, mask_pii_texts
from voc.clean.batch import BATCH_MIN_TEXTS, _clean_column
from voc.clean.pii import PII_MAY_CHANGE
from voc.clean.replies import unix_newlines
from voc.clean.text import PII_STEPS, clean_steps
from voc.config import CleanConfig

ROOT = Path(__file__).resolve().parents[1]
ALL_ON = CleanConfig()
FLAGS = [f.name for f in dataclasses.fields(CleanConfig)]

# Pieces that trigger (or nearly trigger) every step: glued together in any order they make the
# edge cases (a greeting after a quote, digits across a tag, a sign-off before a P.S. ...).
PIECES = [
    # greetings and sign-offs
    "Hi team,", "Hello", "hi", "Hiii John -", "Dear Sir/Madam,", "Halo kak,", "Good morning",
    "Selamat pagi", "Thanks,", "thanks", "Best regards,", "Cheers", "Salam,", "-- ", "--",
    "Sent from my iPhone", "Terima kasih", "P.S. one more", "thanks for the help", "Anna",
    "John Smith", "Acme Corp",
    # quoted replies and forwards
    "On Mon, 1 Sep 2026 at 10:02, Ana <ana@x.com> wrote:", "On my phone the app wrote:", "> quoted",
    ">", "-----Original Message-----", "From: Bob", "Sent: Monday", "Date: today",
    "**From:** Ana", "From : Bob", "  **Sent:** Mon", "Dear Ana", "<ana@x.com>",
    "Begin forwarded message:", "____________________", "Pada 3 Mei 2026 Budi menulis:",
    # transcripts, forms, Jira comments
    "(10:01 AM) Ann: it fails", "[10:02] Bot: sorry", "Chat started", "Name: Freya",
    "Message: it fails", "Topic: Billing", "12/Mar/24 3:04 PM;abc123;", "Email: x",
    # markup
    "<p>", "</p>", "<br>", "<br/>", "&amp;", "&#64;", "&nbsp;", "<div>", "</div>", "<b>",
    "<ticket id>", "<!-- c -->", "<style>.x{}</style>", "&foo", "& ", "<td>", "</td>",
    # personal data, and numbers that are not
    "jane.doe@example.com", "+44 20 7946 0958", "+49 30 1234", "+1234 5678",
    "+44 (0)20 7946 0958", "4111 1111 1111 1111",
    "4111111111111111", "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "10.0.0.1",
    "fe80::1", "https://bob:pw@host/x?token=abc&page=2", "Authorization: Bearer abc123",
    "Bearer abcdefghij1234567890", "(415) 555-0132", "0812 3456 7890", "0044 20 7946 0958",
    "INV-2026-0042", "#48213", "2026-09-03 10:30", "v 1.2.3.4", "Rp 1.000.000", "10:30:45",
    "030/1234568", "62 812 3456 7894", "07700 900123", "order 4111111111111111", "release 1.2.3.4",
    "Mit freundlichen Grüßen", "Met vriendelijke groet,", "Cordialement,", "Jan de Vries",
    "12 Baker Street", "221B Baker St.", "Jl. Sudirman No. 5", "Keizersgracht 123", "passport ",
    "C01X00T47", "NIK: ", "3201014509900001", "ana [at] acme [dot] com", "bob at x dot com",
    "AKIAIOSFODNN7EXAMPLE", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "https://hooks.slack.com/services/T0/B0/x1", "?reset_token=abc", "eyJhbGciOi.eyJzdWIiOi.x",
    # words, digits, punctuation
    "export", "fails", "the", "app", "crashes", "I", "1", "23", "4567", ",", ".", ":", ";", "-",
    "(", ")", "+", "=", "@", "/", "#", "&", "<", ">", "'",
    # white space and what is not ASCII
    " ", "  ", "\n", "\n\n\n", "\t", "\r\n", "\r", "\v", "\f", "\x1c", "\xa0", "\u200b", "é",
    "Ünïcode", "日本", "ſ", "K",
]  # fmt: skip
ASCII_PIECES = [p for p in PIECES if p.isascii() and "\r" not in p]

configs = st.builds(
    lambda flags: dataclasses.replace(ALL_ON, **dict(zip(FLAGS, flags, strict=True))),
    st.tuples(*[st.booleans() for _ in FLAGS]),
)


def _texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=24).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_texts(PIECES), min_size=1, max_size=40), config=configs)
def test_column_path_equals_clean_text_on_each(texts: list[str], config: CleanConfig) -> None:
    assert _clean_column(texts, config) == [clean_text(t, config) for t in texts]


@settings(max_examples=400, deadline=None)
@given(text=_texts(ASCII_PIECES))
@example(text="ok\nFrom : Bob\nSent: Monday")
@example(text="ok\n  **From:** Ana **Sent:** Mon")
@example(text="Dear Ana,\nok\n \t> quoted")
def test_a_step_whose_condition_misses_changes_nothing(text: str) -> None:
    column = pa.array([text], type=pa.large_string())
    for step in clean_steps(ALL_ON):
        if not pc.match_substring_regex(column, step.may_change)[0].as_py():
            assert step.run(text) == text, step.run.__name__


# A step that changes a ticket other than by cutting it can make a later step's condition match
# where it missed the original; the column path must then run every later step on that ticket.
@pytest.mark.parametrize(
    "text",
    [
        "write to jane&#64;example.com",  # HTML decodes an email for masking
        "(10:01 AM) Ann: Hi team, the export fails",  # transcript leaves a greeting up front
        "Export fails\n\n> old\n\nstill",  # quoted line gone: three newlines to normalise
        "call +44      20      7946      0958 now",  # white space collapsed into a phone number
    ],
)
def test_changes_that_are_not_cuts_open_every_later_step(text: str) -> None:
    texts = [text, *(f"filler {i}" for i in range(BATCH_MIN_TEXTS))]
    assert clean_texts(texts, ALL_ON)[0] == clean_text(text, ALL_ON) != unix_newlines(text)


def test_every_sample_pii_value_meets_the_pii_condition() -> None:
    values = (ROOT / "sample_data" / "sample_pii_values.txt").read_text("utf-8").splitlines()
    masked = [v for v in values if v and mask_pii(f"see {v} now") != f"see {v} now"]
    assert len(masked) > 600
    hits = pc.match_substring_regex(pa.array(masked), PII_MAY_CHANGE).to_pylist()
    assert all(hits), [v for v, hit in zip(masked, hits, strict=True) if not hit]


def test_every_planted_value_meets_the_pii_condition() -> None:
    from random import Random

    from tests.pii_planted import _values

    texts = [
        text
        for seed in range(20)
        for _, _, snippet, sentence in _values(Random(seed))
        for text in (snippet, sentence, f"Thanks,\n{snippet}")
        if text.isascii()
    ]
    assert len(texts) > 1000
    # Each part of the masking, on what it receives: its condition matches wherever it masks.
    for step in PII_STEPS:
        changed = [t for t in texts if step.run(t) != t]
        hits = pc.match_substring_regex(pa.array(changed or [""]), step.may_change).to_pylist()
        assert not changed or all(hits), [t for t, h in zip(changed, hits, strict=True) if not h]
        texts = [step.run(t) for t in texts]


def test_planted_export_cleans_the_same_either_way() -> None:
    from tests.pii_planted import build

    rows = build().rows
    for header in ("Description", "Subject", "Tags", "Organization", "Satisfaction Score"):
        values = [row[header] for row in rows]
        assert clean_texts(values, ALL_ON) == [clean_text(v, ALL_ON) for v in values]
        assert mask_pii_texts(values) == [mask_pii(v) for v in values]


def test_conditions_do_match_the_cases_they_exist_for() -> None:
    cases = {
        "strip_html": "<p>Hi</p>",
        "strip_transcript_markup": "(10:01 AM) Ann: hi",
        "strip_quoted_replies": "ok\n> old",
        "strip_signature": "ok\nThanks,\nAna",
        "strip_greeting": "Hi team,\nok",
        "normalize_whitespace": "a  b",
        "mask_pii_words": "ship to 12 Baker Street",
        "mask_core": "call +49 30 1234",
        "mask_pii_numbers": "call 030 12345679",
    }
    for step in clean_steps(ALL_ON):
        text = cases[step.run.__name__]
        assert step.run(text) != text
        assert pc.match_substring_regex(pa.array([text]), step.may_change)[0].as_py()


def test_sample_export_cleans_the_same_either_way() -> None:
    frame = pd.read_csv(ROOT / "sample_data" / "sample_tickets.csv", dtype=str)
    bodies = frame["Description"].tolist()
    subjects = frame["Subject"].tolist()
    assert len(set(bodies)) >= BATCH_MIN_TEXTS
    for config in (ALL_ON, dataclasses.replace(ALL_ON, strip_signatures=False)):
        expected = [clean_text(t, config) for t in bodies]
        assert clean_texts(bodies, config) == expected
        # The column path really skipped work: most tickets changed, yet equal results.
        assert sum(a != unix_newlines(str(b)) for a, b in zip(expected, bodies, strict=True)) > 100
    assert clean_texts(subjects, ALL_ON) == [clean_text(t, ALL_ON) for t in subjects]


@pytest.mark.parametrize("nearly_all", [0.0, 0.9, 1.1])
def test_a_condition_that_matches_nearly_every_sampled_text_is_skipped_safely(
    monkeypatch: pytest.MonkeyPatch, nearly_all: float
) -> None:
    # 0.0: every step is given every text; 1.1: none is; 0.9: the HTML, sign-off and greeting
    # steps (every sampled body has all three) and masking's words part (a sign-off may have a
    # name under it). The result is the same each time.
    monkeypatch.setattr(batch, "CONDITION_SAMPLE", 16)
    monkeypatch.setattr(batch, "NEARLY_ALL", nearly_all)
    texts = [f"Hi team,\nExport {i} fails <b>again</b>\n\nThanks,\nAna" for i in range(80)]
    texts += ["Order 12345678 is late", "call +44 20 7946 0958", "  spaced  out  "] * 10
    assert batch._clean_column(texts, ALL_ON) == [clean_text(t, ALL_ON) for t in texts]
    everywhere = [
        step.run.__name__
        for step in clean_steps(ALL_ON)
        if batch._may_change(pa.array(texts, type=pa.large_string()), step.may_change).all()
    ]
    expected = {0.0: [s.run.__name__ for s in clean_steps(ALL_ON)], 1.1: []}
    assert everywhere == expected.get(
        nearly_all, ["strip_html", "strip_signature", "strip_greeting", "mask_pii_words"]
    )


@pytest.mark.parametrize("n", [BATCH_MIN_TEXTS - 1, BATCH_MIN_TEXTS, 500])
def test_clean_texts_keeps_order_duplicates_and_empty_cells(n: int) -> None:
    texts: list[object] = [f"Hi team,\nTicket {i} fails, call +44 20 7946 0958" for i in range(n)]
    texts += [None, "", "  \n", texts[0], float("nan")]
    out = clean_texts(texts, ALL_ON)
    assert out[:3] == [f"Ticket {i} fails, call [PHONE]" for i in range(3)]
    assert out[n:] == ["", "", "", "Ticket 0 fails, call [PHONE]", ""]
    assert len(out) == len(texts)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_texts(PIECES), min_size=BATCH_MIN_TEXTS, max_size=BATCH_MIN_TEXTS + 40))
def test_mask_pii_texts_equals_mask_pii_on_each(texts: list[str]) -> None:
    # Metadata is masked as it is, "\r" and blank values included (no clean-up before).
    assert mask_pii_texts(texts) == [mask_pii(t) for t in texts]


def test_mask_pii_texts_masks_what_it_must_and_keeps_the_rest() -> None:
    values = ["Acme Inc", "jane@example.com\r\n", "  ", "Order 12345678", "Café +44 20 7946 0958"]
    out = mask_pii_texts(values * BATCH_MIN_TEXTS)
    assert out[:5] == ["Acme Inc", "[EMAIL]\r\n", "  ", "Order 12345678", "Café [PHONE]"]
    assert out == [mask_pii(v) for v in values * BATCH_MIN_TEXTS]
