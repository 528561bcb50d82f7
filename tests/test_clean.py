"""Tests for voc.clean: HTML, quoted replies, signatures, greetings, PII masking and the chain."""

from __future__ import annotations

import dataclasses
import math
import random
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from voc.clean import (
    clean_text,
    clean_texts,
    luhn_valid,
    markup,
    mask_pii,
    normalize_whitespace,
    replies,
    strip_greeting,
    strip_html,
    strip_quoted_replies,
    strip_signature,
    strip_transcript_markup,
)
from voc.config import CleanConfig

ALL_ON = CleanConfig()

GMAIL_HTML = (
    '<html><head><style>.x{color:red}</style></head><body><div dir="ltr">Hi team,<div><br></div>'
    "<div>The export&nbsp;fails with &quot;error 500&quot; &amp; the page<br>\n   freezes.</div>"
    "<div><br></div><div>Thanks,</div><div>Ana</div>"
    '<div class="gmail_quote"><div class="gmail_attr">On Mon, Sep 1, 2026 at 10:02 AM Brightdesk '
    'Support &lt;<a href="mailto:help@brightdesk.io">help@brightdesk.io</a>&gt; wrote:<br></div>'
    '<blockquote class="gmail_quote">Hello Ana,<br>Call me on +1 415 555 0132.</blockquote>'
    "</div></body></html>"
)


def _luhn_complete(prefix: str) -> str:
    """Append the check digit that makes ``prefix`` pass Luhn."""
    for check in "0123456789":
        if luhn_valid(prefix + check):
            return prefix + check
    raise AssertionError("unreachable: one check digit always fits")


# --- strip_html ----------------------------------------------------------------------------------


def test_strip_html_gmail_body_blocks_entities_and_style():
    assert strip_html(GMAIL_HTML) == (
        "Hi team,\n\n"
        'The export fails with "error 500" & the page\n'
        "freezes.\n\n"
        "Thanks,\n"
        "Ana\n"
        "On Mon, Sep 1, 2026 at 10:02 AM Brightdesk Support <help@brightdesk.io> wrote:\n"
        "Hello Ana,\n"
        "Call me on +1 415 555 0132."
    )


def test_strip_html_lists_tables_and_scripts():
    html = (
        "<p>Para one\nwrapped</p><p>Para two</p><ul><li>a</li><li>b</li></ul>"
        "<table><tr><td>Plan</td><td>Pro</td></tr><tr><td>Seats</td><td>5</td></tr></table>"
        "<script>alert('x')</script>"
    )
    assert strip_html(html) == "Para one wrapped\nPara two\na\nb\nPlan Pro\nSeats 5"


def test_strip_html_br_inside_paragraph_is_one_line_break_two_br_a_blank_line():
    assert strip_html("<p>a<br></p><p>b</p>") == "a\nb"
    assert strip_html("<p>Line<br><br>after blank</p>") == "Line\n\nafter blank"


def test_strip_html_entities_without_tags_keep_newlines():
    assert strip_html("A &amp; B&#39;s\nnext line&nbsp;here") == "A & B's\nnext line here"


def test_strip_html_inline_only_markup_keeps_raw_newlines():
    assert strip_html("<b>Urgent</b>: app\ncrashes") == "Urgent: app\ncrashes"


def test_strip_html_leaves_plain_text_and_angle_bracket_emails_alone():
    text = "Contact John <john@x.com> if 3 < 5 and AT&T works"
    assert strip_html(text) == text
    assert strip_html("Ticket <ticket-id> & more") == "Ticket <ticket-id> & more"


# What strip_html did before its shortcuts: the layout as one regex over the whole text, cells
# looked for in every document, white space always collapsed. The shortcuts must not change a
# result.
_LAYOUT_REFERENCE_RE = re.compile(r"[ \x02]*[\x00\x01][ \x00-\x02]*")
_HTML_PIECES = [
    "<p>", "</p>", "<br>", "<BR/>", "<div>", "</div>", "<td>", "<TH>", "</td>", "<tr>", "<table>",
    "<thead>", "<td\n>", "<table><tr><TH>", "<table><tr><td>",
    "<table><td\n>", "<b>", "&nbsp;", "&amp;", " ", "  ", "\n", "\t", "\r\n", "\f", "a", "Hi",
    "\xa0", "<li>", "<ul>", "<style>x</style>", "<!-- c -->", "\x00", "\x01", "\x02", "<t", "d>",
]  # fmt: skip


def _reference_lay_out(text: str) -> str:
    return _LAYOUT_REFERENCE_RE.sub(lambda m: markup._layout_newlines(m.group()), text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([" ", "a", "\x00", "\x01", "\x02", "  "]), max_size=30).map("".join)
)
def test_layout_runs_found_from_their_markers_equal_the_one_regex(text: str) -> None:
    assert markup._lay_out(text) == _reference_lay_out(text)


@given(st.text(alphabet=" \t\n\r\f\v\xa0a", max_size=12))
def test_html_white_space_is_only_collapsed_where_the_cheap_checks_say(text: str) -> None:
    if markup.HTML_WHITESPACE_RE.search(text):
        assert any(c in text for c in ("  ", "\n", "\t", "\r", "\f"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=30).map("".join))
@example("<table><tr><TH>a<TH>b</table>")
@example("<table><tr><td\n>a</td><th/>b")
@example("<p>a<br> \x02 <br></p>b")
def test_strip_html_shortcuts_change_no_result(text: str) -> None:
    fast = strip_html(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markup, "TABLE_CELL_TAG_RE", re.compile(""))  # always look for cells
        patch.setattr(markup, "_lay_out", _reference_lay_out)
        assert strip_html(text) == fast


def test_every_character_a_greeting_can_start_with_is_listed() -> None:
    # strip_greeting looks for a second greeting only after one of these characters.
    first = re.compile(r"(?i:[hdgsaky])")
    starts = {chr(c) for c in range(0x110000) if first.fullmatch(chr(c))}
    assert starts <= replies._GREETING_FIRST
    assert strip_greeting("Halo, ſelamat pagi, app error") == "app error"


def test_a_postscript_after_the_sign_off_keeps_the_signature() -> None:
    kept = "Export fails.\n\nThanks,\nAna\n  p.s. see attachment"
    assert strip_signature(kept) == kept
    assert strip_signature("Export fails.\n\nThanks,\nAna\nProduct lead, Acme") == "Export fails."


# --- strip_quoted_replies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Still broken.\n\nOn Mon, Sep 1, 2026 at 10:02 AM Brightdesk Support <\n"
            "help@brightdesk.io> wrote:\n> Did it work?",
            "Still broken.",
        ),
        (
            "Reply here\nOn Sep 1, 2026, at 10:02, Ana Lima <ana@x.com> wrote:\n\nOld text",
            "Reply here",
        ),
        ("See below.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday", "See below."),
        (
            "Please check.\n\nFrom: Brightdesk Support <help@brightdesk.io>\n"
            "Sent: Monday, September 1, 2026 10:02 AM\nTo: Ana\nSubject: RE: Export",
            "Please check.",
        ),
        ("Please check.\n________________________________\nFrom: X\nSent: Y", "Please check."),
        ("FYI the invoice\n\nBegin forwarded message:\n\nFrom: bob", "FYI the invoice"),
        (
            "Masih error.\n\nPada Sen, 1 Sep 2026 pukul 10.02 Tim Support <help@x.id> menulis:\n"
            "> Apakah sudah?",
            "Masih error.",
        ),
        (
            "> Can you try again?\nI tried, still fails.\n> And on mobile?\nSame on mobile.",
            "I tried, still fails.\nSame on mobile.",
        ),
    ],
)
def test_strip_quoted_replies_cuts_reply_headers(text, expected):
    assert strip_quoted_replies(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On Monday I logged in and the app froze.\nOn Tuesday it worked.",
        "On my phone the bot wrote:\nsomething odd",
        "From: the dashboard I can't export.\nTo: be clear, the CSV is empty.",
        "Use -- to pass flags and 2 > 1 in the formula.",
    ],
)
def test_strip_quoted_replies_keeps_content_that_only_looks_like_a_header(text):
    assert strip_quoted_replies(text) == text


def test_strip_quoted_replies_handles_100kb_of_quote_lines():
    text = "My answer\n" + "> quoted line\n" * 8000
    assert len(text) > 100_000
    assert strip_quoted_replies(text) == "My answer"


# --- strip_signature -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Export fails.\n\nBest regards,\nAna Lima\nCustomer Success | Acme Inc.\n"
            "+1 415 555 0132",
            "Export fails.",
        ),
        ("It broke again.\nThanks!", "It broke again."),
        ("It broke again.\n\nThanks, John", "It broke again."),
        ("Error.\nKind regards\nAna", "Error."),
        ("Error.\n\nCheers,\nBob", "Error."),
        ("Error.\nSincerely,\nAna\n\nSent from my Android", "Error."),
        ("Error.\n\nSent from my iPhone", "Error."),
        ("Error on login.\n\nTerima kasih,\nBudi Santoso\nPT Maju Jaya", "Error on login."),
        ("Error on login.\n\nSalam,\nSiti", "Error on login."),
        ("Error.\n\nHormat saya,\nSiti Rahma", "Error."),
        (
            "Error.\n-- \nAna Lima\nThis email and any attachments are confidential and intended "
            "solely for the addressee. If you received it in error, delete it.",
            "Error.",
        ),
        ("Error.\n--\nAna", "Error."),
    ],
)
def test_strip_signature_drops_sign_off_and_what_follows(text, expected):
    assert strip_signature(text) == expected


def test_line_rules_accept_windows_line_endings():
    assert strip_signature("Error.\r\n\r\nRegards,\r\nAna") == "Error."
    assert strip_greeting("Hi team,\r\nError.") == "Error."
    assert strip_quoted_replies("Error.\r\n> old\r\n") == "Error."


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the help yesterday, but it broke again.",
        "Thanks, it works now",
        "Error.\n\nRegards,\nAna\nP.S. the mobile app fails too",
        "Regards,\nAna\n" + "\n".join(f"Step {i}: do the thing" for i in range(8)),
        "Step one\n--\nStep two is a long explanation of what happens when I click the export "
        "button on the page and it takes forever\nstep 3",
    ],
)
def test_strip_signature_keeps_content(text):
    assert strip_signature(text) == text


# --- strip_greeting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi team,\nMy invoice is wrong.", "My invoice is wrong."),
        ("Hello Brightdesk support,\nI can't log in.", "I can't log in."),
        ("Dear Sir/Madam,\n\nPlease refund.", "Please refund."),
        ("hey\nthe app crashes", "the app crashes"),
        ("Hey, the app crashes", "the app crashes"),
        ("Good morning,\nExport fails.", "Export fails."),
        ("Hi John, my export fails", "my export fails"),
        ("Hi all - the sync is stuck", "the sync is stuck"),
        ("Halo kak, aplikasi error terus.", "aplikasi error terus."),
        ("Hai min\nTidak bisa login", "Tidak bisa login"),
        ("Selamat pagi tim support,\nAplikasi error.", "Aplikasi error."),
        ("Halo, selamat pagi,\nAplikasi error", "Aplikasi error"),
    ],
)
def test_strip_greeting_drops_leading_greeting(text, expected):
    assert strip_greeting(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hello I need help with billing",
        "Highlights are broken",
        "Hello? Is anyone there?",
        "My invoice is wrong.\nHi team, any news?",
        "Pagi ini aplikasi error.",
    ],
)
def test_strip_greeting_keeps_content(text):
    assert strip_greeting(text) == text


# --- luhn_valid and mask_pii ---------------------------------------------------------------------


def test_luhn_valid():
    assert luhn_valid("4111111111111111")
    assert luhn_valid("378282246310005")
    assert not luhn_valid("4111111111111112")
    assert not luhn_valid("4111 1111 1111 1111")
    assert not luhn_valid("")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail a.b+c@ex-ample.co.id.", "mail [EMAIL]."),
        ("card 4111 1111 1111 1111 ok", "card [CARD] ok"),
        ("card 4111-1111-1111-1111", "card [CARD]"),
        ("4111111111111111", "[CARD]"),
        ("amex 3782 822463 10005", "amex [CARD]"),
        ("+1 415 555 0132", "[PHONE]"),
        ("(415) 555-0132", "[PHONE]"),
        ("call 415-555-0132 now", "call [PHONE] now"),
        ("call 415.555.0132 now", "call [PHONE] now"),
        ("+44 20 7946 0958", "[PHONE]"),
        ("+44 (0)20 7946 0958", "[PHONE]"),
        ("+62 812-3456-7890", "[PHONE]"),
        ("WA 0812 3456 7890", "WA [PHONE]"),
        ("081234567890", "[PHONE]"),
        ("(021) 555 1234", "[PHONE]"),
        ("+49 30 123456", "[PHONE]"),
        ("tel:+14155550132", "tel:[PHONE]"),
        (
            "Card 4111111111111111, phone 0812 3456 7890, mail budi@example.co.id",
            "Card [CARD], phone [PHONE], mail [EMAIL]",
        ),
    ],
)
def test_mask_pii_masks(text, expected):
    assert mask_pii(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "on 2026-09-03 at 10:02",
        "due 03/09/2026 or 03.09.2026",
        "v5.2.1 and 10.4.3",
        "order #48213",
        "INV-2026-0042",
        "paid $1,299.00 and Rp 150.000 and Rp 1.500.000",
        "code 12345",
        "4111111111111112",
        "4111 1111 1111 1112",
        "tracking 1234567890123",
        "ticket 0012345678",
        "[EMAIL] [PHONE] [CARD]",
    ],
)
def test_mask_pii_leaves_non_pii_numbers(text):
    assert mask_pii(text) == text


def test_mask_pii_pathological_digits_and_spaces():
    rng = random.Random(7)
    spaced = " ".join(str(rng.randrange(10)) for _ in range(50_000))
    assert len(spaced) > 99_000
    assert mask_pii(spaced) == spaced  # single digits never form a card, phone or email
    grouped = " ".join(["1234"] * 20_000)
    assert mask_pii(grouped) == grouped  # one long run: no phone or card covers it whole
    digits = "9" * 100_000
    assert mask_pii(digits) == digits


PII_ALPHABET = "0123456789    +-().,/@#$[]_abcxyzEMAILPHONECARD\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=PII_ALPHABET, max_size=80))
def test_mask_pii_is_idempotent(text):
    once = mask_pii(text)
    assert mask_pii(once) == once


@pytest.mark.parametrize(
    "text",
    [
        "a.b@x.coa.b@x.co",
        "a.b@x.co.+1 415 555 0132",
        "+1 415 555 0132(021) 555 1234",
        "+1 415 555 0132 (021) 555 1234",
        "415-555-0132+1 415 555 0133",
    ],
)
def test_mask_pii_is_idempotent_where_masks_touch(text):
    once = mask_pii(text)
    assert mask_pii(once) == once


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "+1 415 555 0132",
                    "0812 3456 7890",
                    "4111 1111 1111 1111",
                    "4111111111111112",
                    "a.b@x.co",
                    "2026-09-03",
                    "(021) 555 1234",
                ]
            ),
            st.sampled_from(list(" .,-+()/@%#$[]\nab")),
            st.text(alphabet="0123456789", min_size=1, max_size=5),
        ),
        max_size=10,
    )
)
def test_mask_pii_is_idempotent_on_realistic_pieces(pieces):
    text = "".join(pieces)
    once = mask_pii(text)
    assert mask_pii(once) == once


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.text(alphabet="abcdefghij XYZ,.:!?", max_size=20),
    suffix=st.text(alphabet="abcdefghij XYZ,.!?", max_size=20),
    body=st.text(alphabet="0123456789", min_size=15, max_size=15),
    layout=st.sampled_from(["plain", "spaces", "dashes"]),
)
def test_valid_card_number_never_survives(prefix, suffix, body, layout):
    card = _luhn_complete(body)
    if layout != "plain":
        sep = " " if layout == "spaces" else "-"
        card = sep.join(card[i : i + 4] for i in range(0, 16, 4))
    masked = mask_pii(f"{prefix} {card} {suffix}")
    assert card not in masked
    assert "[CARD]" in masked


# --- normalize_whitespace ------------------------------------------------------------------------


def test_normalize_whitespace():
    text = "  a\t\t b\u00a0\u200bc \r\n\r\n\r\n\n d  \n"
    assert normalize_whitespace(text) == "a b c\n\nd"


# --- clean_text and clean_texts ------------------------------------------------------------------


def test_clean_text_full_chain_on_gmail_html():
    assert clean_text(GMAIL_HTML, ALL_ON) == (
        'The export fails with "error 500" & the page\nfreezes.'
    )


def test_clean_text_outlook_reply_with_signature_and_pii():
    text = (
        "Hello Brightdesk support,\r\n\r\n"
        "My card 4111 1111 1111 1111 was charged twice.   Reach me at ana@acme.com.\r\n\r\n"
        "Kind regards,\r\nAna Lima\r\nAcme Inc.\r\n+1 415 555 0132\r\n\r\n"
        "________________________________\r\n"
        "From: Brightdesk Support <help@brightdesk.io>\r\n"
        "Sent: Monday, September 1, 2026 10:02 AM\r\n"
        "Subject: Your refund"
    )
    assert clean_text(text, ALL_ON) == "My card [CARD] was charged twice. Reach me at [EMAIL]."


def test_clean_text_masks_phone_in_signature_kept_when_signatures_are_on_off():
    text = "Export fails.\n\nBest regards,\nAna Lima\n+62 812-3456-7890"
    config = dataclasses.replace(ALL_ON, strip_signatures=False)
    # the kept signature's name is masked too
    assert clean_text(text, config) == "Export fails.\n\nBest regards,\n[NAME]\n[PHONE]"


def test_clean_text_masks_quotes_it_keeps():
    text = "See below.\n\nOn Mon, 1 Sep 2026, Ana <ana@acme.com> wrote:\n> call 0812 3456 7890"
    config = dataclasses.replace(ALL_ON, strip_quoted_replies=False)
    assert clean_text(text, config) == (
        "See below.\n\nOn Mon, 1 Sep 2026, Ana <[EMAIL]> wrote:\n> call [PHONE]"
    )


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("strip_html", "<p>Hi team,</p><p>Export fails.</p>"),
        ("strip_quoted_replies", "Export fails.\n> older"),
        ("strip_signatures", "Export fails.\nThanks,\n[NAME]"),  # kept, its name masked
        ("strip_greetings", "Hi team,\nExport fails."),
        ("mask_pii", "Export fails for bob@acme.com."),
    ],
)
def test_clean_text_each_flag_off_keeps_its_part(flag, expected):
    inputs = {
        "strip_html": "<p>Hi team,</p><p>Export fails.</p>",
        "strip_quoted_replies": "Export fails.\n> older",
        "strip_signatures": "Export fails.\nThanks,\nAna",
        "strip_greetings": "Hi team,\nExport fails.",
        "mask_pii": "Export fails for bob@acme.com.",
    }
    text = inputs[flag]
    assert clean_text(text, dataclasses.replace(ALL_ON, **{flag: False})) == expected
    assert clean_text(text, ALL_ON) != expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks, John", "Thanks, [NAME]"),  # kept whole, the name masked
        ("Thank you,\nAna\n+1 415 555 0132", "Thank you,\n[NAME]\n[PHONE]"),
        ("Hi team", "Hi team"),
        ("<p>Hi!</p>", "Hi!"),
        ("> only a quote from bob@acme.com", "> only a quote from [EMAIL]"),
        (
            "Begin forwarded message:\nFrom: bob\nThe app crashes",
            "Begin forwarded message:\nFrom: bob\nThe app crashes",
        ),
    ],
)
def test_clean_text_never_empties_a_ticket(text, expected):
    assert clean_text(text, ALL_ON) == expected


@pytest.mark.parametrize("empty", [None, "", "   \n\t", math.nan])
def test_clean_text_empty_inputs(empty):
    assert clean_text(empty, ALL_ON) == ""


def test_clean_texts_keeps_order_and_length():
    texts = ["Hi,\nApp crashes.", None, "Hi,\nApp crashes.", "Call 415-555-0132"]
    assert clean_texts(texts, ALL_ON) == ["App crashes.", "", "App crashes.", "Call [PHONE]"]


def test_clean_text_pathological_inputs_clean_correctly():
    spaced = " ".join("1234 5678" for _ in range(12_000))
    assert clean_text(spaced, ALL_ON) == spaced
    quotes = "Answer\n" + "> > > > quote\n" * 8000
    assert clean_text(quotes, ALL_ON) == "Answer"
    html = "<div>" * 3000 + "deep" + "</div>" * 3000
    assert clean_text(html, ALL_ON) == "deep"


# ---------------------------------------------------------------------------------------------
# Chat transcripts and web forms
# ---------------------------------------------------------------------------------------------

ZENDESK_CHAT = (
    "Chat started: 2026-06-02 2:15 PM UTC\n\n"
    "(02:15:17 PM) Chloe Dubois: hello\n"
    "(02:15:43 PM) Chloe Dubois: the dashboard takes 80 seconds to load\n"
    "(02:16:00 PM) Marco (Brightdesk): Sorry to hear that! Could you clear your cache?\n"
    "(02:17:00 PM) Chloe Dubois: did that, still slow\n"
)


def test_transcript_keeps_only_the_customer_lines_without_stamps() -> None:
    out = strip_transcript_markup(ZENDESK_CHAT).strip()
    assert out == "hello\nthe dashboard takes 80 seconds to load\ndid that, still slow"


def test_web_form_fields_are_dropped_but_the_message_is_kept() -> None:
    form = (
        "Name: Freya Santos\nEmail: freya@westfield.example\nCompany: Westfield Partners\n"
        "Topic: Account & settings\n\nMessage:\nThe page loads, but each chart appears slowly.\n"
    )
    assert strip_transcript_markup(form).strip() == "The page loads, but each chart appears slowly."


def test_a_long_field_like_line_is_content_and_stays() -> None:
    text = "Email: it never arrives, we waited the whole afternoon for the confirmation to show up"
    assert strip_transcript_markup(text) == text


def test_text_without_transcript_markup_is_unchanged() -> None:
    text = "At 10:30 the export failed: only 3 of 10 rows were written."
    assert strip_transcript_markup(text) == text


def test_transcript_step_can_be_switched_off() -> None:
    off = dataclasses.replace(ALL_ON, strip_transcripts=False)
    assert "Marco (Brightdesk)" in clean_text(ZENDESK_CHAT, off)
    assert "Marco" not in clean_text(ZENDESK_CHAT, ALL_ON)
