"""Mask personal data: emails, payment card numbers (Luhn-checked) and phone numbers."""

from __future__ import annotations

import re

EMAIL_TOKEN = "[EMAIL]"
CARD_TOKEN = "[CARD]"
PHONE_TOKEN = "[PHONE]"

# A phone must cover a whole run of digit groups: it may not touch a word character, or a digit
# across one separator. This keeps "2026-09-03 10" or "1 2026 555 0132" from being cut into a
# phone and a leftover, and it makes masking idempotent (a mask never exposes a new candidate).
# Cards run first and only look at the character next to them, so "Qty 2 4111 1111 1111 1111"
# is still masked. A number that starts at "+" or "(" is never glued to a digit run before it, so
# only the one character before it counts.
_LEFT = r"(?<![\w+#$€£¥/.,@-])(?<!\d[ .,/-])"
_RIGHT = r"(?![\w@+(]|[ .,/-]\d)"
_LEFT_CARD = r"(?<![\w+/.,@-])"
_RIGHT_CARD = r"(?![\w@+(]|[.,]\d)"
_LEFT_INTL = r"(?<![\w+.])"
_LEFT_PAREN = r"(?<![\w+#$€£¥/.,@-])"
# The local part is unbounded on purpose: it can only start where a run of its characters starts,
# so the scan stays linear, and a length cap would let a later mask shorten a run into a match.
# An address may not be followed by a character that could start another one (a final "." is
# fine), so masking one never exposes the start of a second.
EMAIL_RE = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}"
    r"(?![\w%+@-]|\.[\w.%+@-])"
)
DIGIT_RE = re.compile(r"\d")
CARD_RE = re.compile(
    _LEFT_CARD
    + r"(?:\d{13,19}"
    + r"|\d{4}(?P<s>[ -])\d{4}(?P=s)\d{4}(?P=s)\d{4}(?:(?P=s)\d{3})?"
    + r"|\d{4}(?P<a>[ -])\d{6}(?P=a)\d{4,5})"
    + _RIGHT_CARD
)
PHONE_RE = re.compile(
    r"(?:"
    + _LEFT_INTL
    + r"(?P<intl>\+[1-9]\d{7,14}"
    + r"|\+[1-9]\d{0,3}(?:[ .-]?\(\d{1,4}\)[ .-]?\d{1,6})?(?:[ .-]\d{1,6}){0,6})"
    + r"|"
    + _LEFT_PAREN
    + r"(?:\([2-9]\d{2}\)[ .-]?[2-9]\d{2}[ .-]\d{4}"
    + r"|(?P<nat_paren>\(0[1-9]\d{0,3}\)[ .-]?\d{2,5}(?:[ .-]\d{2,5}){0,3}))"
    + r"|"
    + _LEFT
    + r"(?:(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ .-]?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}"
    + r"|(?P<nat>0[1-9]\d{8,11}|0[1-9]\d{0,3}(?P<n>[ .-])\d{2,5}(?:(?P=n)\d{2,5}){0,3})))"
    + _RIGHT
)
NON_DIGIT_RE = re.compile(r"\D")


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` (only 0-9, at least two) passes the Luhn checksum used by card numbers.

    Example:
        >>> luhn_valid("4111111111111111"), luhn_valid("4111111111111112")
        (True, False)
    """
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def mask_pii(text: str) -> str:
    """Replace email addresses, card numbers and phone numbers by [EMAIL], [CARD] and [PHONE].

    Cards are 13-19 digits, contiguous or in the usual 4-4-4-4(-3) and 4-6-5 groups, that pass the
    Luhn check; they are masked before phones. Phones are international ("+44 20 7946 0958",
    "+14155550132"), North American ("(415) 555-0132", "415.555.0132") or national with a trunk
    zero ("0812 3456 7890", "030 123456", "081234567890"). A match must span a whole run of digit
    groups, so dates, times, versions, amounts and ids ("#48213", "INV-2026-0042") stay. Applying
    it twice gives the same text as applying it once.

    Example:
        >>> mask_pii("Call +62 812-3456-7890 or mail budi@example.co.id")
        'Call [PHONE] or mail [EMAIL]'
    """
    if "@" in text:
        text = EMAIL_RE.sub(EMAIL_TOKEN, text)
    if not DIGIT_RE.search(text):
        return text
    text = CARD_RE.sub(_mask_card, text)
    return PHONE_RE.sub(_mask_phone, text)


def _mask_card(match: re.Match[str]) -> str:
    digits = NON_DIGIT_RE.sub("", match.group())
    return CARD_TOKEN if luhn_valid(digits) else match.group()


def _mask_phone(match: re.Match[str]) -> str:
    count = len(NON_DIGIT_RE.sub("", match.group()))
    if match.group("intl"):
        keep = not 8 <= count <= 15
    elif match.group("nat") or match.group("nat_paren"):
        keep = not 9 <= count <= 13
    else:
        keep = False
    return match.group() if keep else PHONE_TOKEN
