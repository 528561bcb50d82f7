"""National phone numbers, found by a cheap pattern and confirmed by ``phonenumbers``.

:mod:`voc.clean.pii.base` masks the forms that are phones by their shape alone ("+44 ...",
"(415) 555-0132", "0812 3456 7890"). What is left is ambiguous: "030/1234568", "07700 900123",
"62 812 3456 7894" or "98765 43210" look like any run of digit groups. Google's libphonenumber
(the ``phonenumbers`` port) knows each country's numbering plan; it is asked only about whole
runs of 9-13 digits in groups, since matching every text with it is slow.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

from voc.clean.pii.base import NINE_DIGITS_RE, NON_DIGIT_RE, PHONE_TOKEN
from voc.clean.pii.context import kept_by_context

# The countries whose national formats are recognised without "+": those of voc's users.
PHONE_REGIONS = ("US", "GB", "DE", "FR", "ID", "IN", "AU", "BR")
_TRUNK_ZERO_REGIONS = tuple(r for r in PHONE_REGIONS if r != "US")
_COUNTRY_CODES = frozenset(phonenumbers.country_code_for_region(r) for r in PHONE_REGIONS)
NATIONAL_DIGITS = range(9, 14)
# A whole run of digit groups (or "(11) 98765-4321"): not glued to a word, nor to a digit group
# on either side (so a mask next to it never changes what it is); a bracket starts a new run.
CANDIDATE_RE = re.compile(
    r"(?<![\w+#$€£¥/.,@-])(?:\(\d{1,5}\)[ ]?\d{1,8}|(?<!\d[ .,/-])\d{1,13})(?:[ ./-]\d{1,8}){0,5}"
    r"(?![\w@+(]|[ .,/-]\d)"
)
CANDIDATE_START_RE = re.compile(r"[(0-9](?<![\w+.].)", re.DOTALL)
_RUN_REACH = 2  # "(" and a digit group's first digit before the nine digits found
# Not phones: dates first ("2026-09-03 1030", "03/09/2026 ...") and amounts in thousands.
_DATE_START_RE = re.compile(r"(?:19|20)\d\d[./-]\d\d?[./-]|\d\d?[./-]\d\d?[./-](?:19|20)\d\d")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?P<s>[.,])\d{3}(?:(?P=s)\d{3})+")
_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def is_phone_number(candidate: str) -> bool:
    """True when ``candidate`` (digit groups, no "+") is a phone number of :data:`PHONE_REGIONS`.

    - With a trunk zero ("030/1234568", "07700 900123"): valid in one of the countries, or of a
      length their plans allow with 10 or 11 digits (fictional and new ranges are still numbers).
    - Starting with a country code ("62 812 3456 7894"): valid as an international number.
    - Otherwise ("98765 43210", "(11) 98765-4321"): valid as a national mobile number, or any
      valid number when the area code is in brackets. Contiguous digits only with a country code
      and a mobile number: a bare run of digits is more often an id.

    Example:
        >>> is_phone_number("030 12345679"), is_phone_number("2026 0903 1030")
        (True, False)
    """
    digits = NON_DIGIT_RE.sub("", candidate)
    if len(digits) not in NATIONAL_DIGITS:
        return False
    if _DATE_START_RE.match(candidate) or _THOUSANDS_RE.fullmatch(candidate):
        return False
    contiguous = candidate.isdigit()
    if digits[0] == "0":
        return not contiguous and _trunk_zero_number(candidate, len(digits))
    international = _parse(f"+{digits}", None)
    if (
        international is not None
        and international.country_code in _COUNTRY_CODES
        and phonenumbers.is_valid_number(international)
        and (not contiguous or phonenumbers.number_type(international) in _MOBILE_TYPES)
    ):
        return True
    if contiguous:
        return False
    bracketed = candidate.startswith("(")
    for region in PHONE_REGIONS:
        number = _parse(candidate, region)
        if (
            number is not None
            and phonenumbers.is_valid_number(number)
            and (bracketed or phonenumbers.number_type(number) == PhoneNumberType.MOBILE)
        ):
            return True
    return False


def mask_national_phones(text: str) -> str:
    """Replace the runs of digit groups that :func:`is_phone_number` accepts by [PHONE], unless
    an order, invoice, reference... word or a currency comes before them."""
    first = NINE_DIGITS_RE.search(text)
    if not first:
        return text
    pieces: list[str] = []
    end = 0
    # A run with nine digits starts at most _RUN_REACH characters before its first nine digits;
    # runs that end before cannot be asked about, and no start inside them could match.
    begin = max(0, first.start() - _RUN_REACH)
    for start in (m.start() for m in CANDIDATE_START_RE.finditer(text, begin)):
        if start < end:
            continue
        match = CANDIDATE_RE.match(text, start)
        if not match:
            continue
        # The run is read whole: a later start inside it would only see a part of it.
        end_of_run = match.end()
        if (
            _digit_count_fits(match.group())
            and not kept_by_context(text, start)
            and is_phone_number(match.group())
        ):
            pieces += (text[end:start], PHONE_TOKEN)
            end = end_of_run
        else:
            pieces.append(text[end:end_of_run])
            end = end_of_run
    if not pieces:
        return text
    pieces.append(text[end:])
    return "".join(pieces)


def _digit_count_fits(candidate: str) -> bool:
    return len(NON_DIGIT_RE.sub("", candidate)) in NATIONAL_DIGITS


def _trunk_zero_number(candidate: str, digits: int) -> bool:
    possible = False
    for region in _TRUNK_ZERO_REGIONS:
        number = _parse(candidate, region)
        if number is None:
            continue
        if phonenumbers.is_valid_number(number):
            return True
        possible = possible or phonenumbers.is_possible_number(number)
    return possible and digits in (10, 11)


def _parse(candidate: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
