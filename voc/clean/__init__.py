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

import re
from collections.abc import Iterable

from voc.clean.markup import strip_html
from voc.clean.pii import (
    CARD_TOKEN,
    EMAIL_TOKEN,
    IBAN_TOKEN,
    IP_TOKEN,
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
    unix_newlines,
)
from voc.config import CleanConfig

__all__ = [
    "CARD_TOKEN",
    "EMAIL_TOKEN",
    "IBAN_TOKEN",
    "IP_TOKEN",
    "PHONE_TOKEN",
    "SECRET_TOKEN",
    "clean_text",
    "clean_texts",
    "iban_valid",
    "luhn_valid",
    "mask_pii",
    "normalize_whitespace",
    "strip_greeting",
    "strip_html",
    "strip_quoted_replies",
    "strip_signature",
    "strip_transcript_markup",
]

INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = "[ \t\f\v\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# Only runs that are not already a single plain space: replacing every space by itself is slow.
SPACES_RE = re.compile(f"(?: {_SPACE}+|(?! ){_SPACE}{_SPACE}*)")
LINE_EDGE_SPACES_RE = re.compile(r" +\n *|\n +")
BLANK_LINES_RE = re.compile(r"\n{3,}")


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces and tabs, keep at most one blank line, and strip the ends.

    Line endings become ``\\n``, non-breaking and other Unicode spaces become plain spaces, and
    invisible characters (zero-width spaces, soft hyphens, byte-order marks) are removed.
    """
    text = unix_newlines(text)
    # Substring checks first: most tickets are plain ASCII with single spaces, and a regex pass
    # costs microseconds per ticket even when it changes nothing.
    plain = text.isascii()
    if not plain:
        text = INVISIBLE_RE.sub("", text)
    if not plain or "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = SPACES_RE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = LINE_EDGE_SPACES_RE.sub("\n", text)
    if "\n\n\n" in text:
        text = BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def _as_text(value: object) -> str:
    """The ticket text as a string; "" for None, NaN and pandas' NA (how empty cells read)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    try:
        if value != value:  # NaN
            return ""
    except TypeError:  # pandas.NA refuses to be compared
        return ""
    return str(value)


def clean_text(text: str | None, config: CleanConfig) -> str:
    """Run the clean-ups that ``config`` enables and return tidy plain text.

    The order is: HTML, transcript and form scaffolding, quoted replies, signature, greeting,
    whitespace, then PII masking, which always comes last so that whatever the earlier steps left
    (a quote they missed, a signature kept because ``strip_signatures`` is off) is still masked.
    When a stripping step would leave nothing (a ticket that is only "Thanks, John"), its result is
    ignored and the text from before it is kept, so no ticket loses its content to over-eager
    cleaning.

    Example:
        >>> clean_text("Thanks,\\nJohn\\n+1 415 555 0132", CleanConfig())
        'Thanks,\\nJohn\\n[PHONE]'
    """
    text = _as_text(text)
    if not text or text.isspace():
        return ""
    text = unix_newlines(text)
    if config.strip_html:
        text = strip_html(text)
    steps = (
        (config.strip_transcripts, strip_transcript_markup),
        (config.strip_quoted_replies, strip_quoted_replies),
        (config.strip_signatures, strip_signature),
        (config.strip_greetings, strip_greeting),
    )
    for enabled, step in steps:
        if enabled:
            stripped = step(text)
            if stripped and not stripped.isspace():  # not stripped.strip(): no copy needed
                text = stripped
    text = normalize_whitespace(text)
    if config.mask_pii:
        text = mask_pii(text)
    return text


def clean_texts(texts: Iterable[str | None], config: CleanConfig) -> list[str]:
    """Clean many tickets with one config; identical texts (auto-replies) are cleaned once.

    Example:
        >>> clean_texts(["Hi,\\nApp crashes.", None], CleanConfig())
        ['App crashes.', '']
    """
    seen: dict[str, str] = {}
    out: list[str] = []
    for text in texts:
        if isinstance(text, str):
            cleaned = seen.get(text)
            if cleaned is None:
                cleaned = seen[text] = clean_text(text, config)
        else:
            cleaned = clean_text(text, config)
        out.append(cleaned)
    return out
