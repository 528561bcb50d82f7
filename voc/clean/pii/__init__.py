"""Mask personal data and credentials in ticket text: :func:`mask_pii`.

The kinds, each in its module: credentials by their shape (:mod:`.credentials`); names under
sign-offs, postal addresses, passport and NIK numbers, written-out e-mail addresses
(:mod:`.identity`); URL and header secrets, e-mail addresses, IBANs, IP addresses, cards and
phones by their shape (:mod:`.base`); national phone numbers checked against each country's
numbering plan (:mod:`.phones`). Words before a number decide when its digits cannot
(:mod:`.context`): an order number that passes Luhn stays, so does "release 1.2.3.4".
"""

from __future__ import annotations

from voc.clean.pii.base import (
    CARD_TOKEN,
    CORE_MAY_CHANGE,
    EMAIL_TOKEN,
    IBAN_TOKEN,
    IP_TOKEN,
    NINE_DIGITS,
    NINE_DIGITS_RE,
    PHONE_TOKEN,
    SECRET_TOKEN,
    has_digit,
    iban_valid,
    luhn_valid,
    mask_core,
    secret_param,
)
from voc.clean.pii.credentials import CREDENTIALS_MAY_CHANGE, mask_credentials
from voc.clean.pii.identity import (
    ADDRESS_TOKEN,
    ID_NUMBER_TOKEN,
    IDENTITY_MAY_CHANGE,
    NAME_TOKEN,
    mask_identity,
    mask_nik,
    nik_valid,
)
from voc.clean.pii.phones import is_phone_number, mask_national_phones

# RE2 (see voc.clean.batch): on ASCII text each part changes nothing unless its condition
# matches; mask_pii, the three in turn, unless PII_MAY_CHANGE does.
WORDS_MAY_CHANGE = f"(?:{CREDENTIALS_MAY_CHANGE})|(?:{IDENTITY_MAY_CHANGE})"
NUMBERS_MAY_CHANGE = NINE_DIGITS
PII_MAY_CHANGE = f"{WORDS_MAY_CHANGE}|(?:{CORE_MAY_CHANGE})|(?:{NUMBERS_MAY_CHANGE})"

__all__ = [
    "ADDRESS_TOKEN",
    "CARD_TOKEN",
    "EMAIL_TOKEN",
    "IBAN_TOKEN",
    "ID_NUMBER_TOKEN",
    "IP_TOKEN",
    "NAME_TOKEN",
    "PHONE_TOKEN",
    "PII_MAY_CHANGE",
    "SECRET_TOKEN",
    "iban_valid",
    "is_phone_number",
    "luhn_valid",
    "mask_core",
    "mask_pii",
    "mask_pii_numbers",
    "mask_pii_words",
    "nik_valid",
    "secret_param",
]


def mask_pii(text: str) -> str:
    """Replace personal data and credentials by tokens; the rest of the text is kept as it is.

    In this order (:func:`mask_pii_words`, :func:`~voc.clean.pii.base.mask_core`,
    :func:`mask_pii_numbers`): API keys, tokens, JWTs and webhook paths ([SECRET]); e-mail
    addresses written with "at"/"dot" ([EMAIL]); the name under a sign-off in English,
    Indonesian, German, French, Spanish or Dutch ([NAME]); street addresses ([ADDRESS]); passport
    and NIK numbers after their words ([ID_NUMBER]); then URL and header secrets, e-mail, IBAN,
    IP, card and phone by their shapes; then 16-digit numbers with a NIK's structure and national
    phone numbers that ``phonenumbers`` confirms. Applying it twice gives the same text.

    Example:
        >>> mask_pii("Call 030 12345679 or mail budi at example dot com\\nThanks,\\nBudi")
        'Call [PHONE] or mail [EMAIL]\\nThanks,\\n[NAME]'
        >>> mask_pii("order 4111111111111111 from release 1.2.3.4")
        'order 4111111111111111 from release 1.2.3.4'
    """
    return mask_pii_numbers(mask_core(mask_pii_words(text)))


def mask_pii_words(text: str) -> str:
    """The kinds that words or fixed prefixes give away: credentials by shape, written-out
    e-mail addresses, names under sign-offs, addresses, passport and NIK numbers in context."""
    lowered = text.lower()
    return mask_identity(mask_credentials(text, lowered), lowered)


def mask_pii_numbers(text: str) -> str:
    """Numbers only their structure tells apart: NIK numbers by their structure, national phone
    numbers by the countries' numbering plans."""
    if not has_digit(text) or not NINE_DIGITS_RE.search(text):
        return text
    return mask_national_phones(mask_nik(text))
