"""Pure text clean-ups applied to ticket text before it is embedded or stored.

Each function takes a string and returns a new one; none has side effects. :func:`clean_text`
chains them as a :class:`~voc.config.CleanConfig` enables them, never lets a stripping step empty a
ticket, and always masks personal data last.

The rules are deliberately conservative: leaving a stray "Regards," in a ticket costs a little
embedding noise, while cutting real content loses the customer's words. Every regex is compiled
once, anchored or bounded so that no input can make it backtrack badly, and cheap substring checks
skip work that cannot apply (most tickets have no HTML, no quoted reply and no card number).

Example:
    >>> clean_text("<p>Hi team,</p><p>Login fails for bob@example.com</p>", CleanConfig())
    'Login fails for [EMAIL]'
"""

from __future__ import annotations

from voc.clean.batch import clean_texts, mask_pii_texts
from voc.clean.markup import strip_html
from voc.clean.pii import (
    ADDRESS_TOKEN,
    CARD_TOKEN,
    EMAIL_TOKEN,
    IBAN_TOKEN,
    ID_NUMBER_TOKEN,
    IP_TOKEN,
    NAME_TOKEN,
    PHONE_TOKEN,
    SECRET_TOKEN,
    iban_valid,
    luhn_valid,
    mask_pii,
)
from voc.clean.replies import (
    strip_greeting,
    strip_quoted_replies,
    strip_signature,
    strip_transcript_markup,
)
from voc.clean.text import clean_text, normalize_whitespace

__all__ = [
    "ADDRESS_TOKEN",
    "CARD_TOKEN",
    "EMAIL_TOKEN",
    "IBAN_TOKEN",
    "ID_NUMBER_TOKEN",
    "IP_TOKEN",
    "NAME_TOKEN",
    "PHONE_TOKEN",
    "SECRET_TOKEN",
    "clean_text",
    "clean_texts",
    "iban_valid",
    "luhn_valid",
    "mask_pii",
    "mask_pii_texts",
    "normalize_whitespace",
    "strip_greeting",
    "strip_html",
    "strip_quoted_replies",
    "strip_signature",
    "strip_transcript_markup",
]
