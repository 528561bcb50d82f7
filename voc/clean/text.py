"""One ticket's text through the clean-ups: :func:`clean_text` and :func:`normalize_whitespace`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from voc.clean.markup import HTML_MAY_CHANGE, strip_html
from voc.clean.pii import (
    CORE_MAY_CHANGE,
    NUMBERS_MAY_CHANGE,
    WORDS_MAY_CHANGE,
    mask_core,
    mask_pii_numbers,
    mask_pii_words,
)
from voc.clean.replies import (
    GREETING_MAY_CHANGE,
    QUOTED_MAY_CHANGE,
    SIGNATURE_MAY_CHANGE,
    TRANSCRIPT_MAY_CHANGE,
    strip_greeting,
    strip_quoted_replies,
    strip_signature,
    strip_transcript_markup,
    unix_newlines,
)
from voc.config import CleanConfig

INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = "[ \t\f\v\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# Only runs that are not already a single plain space: replacing every space by itself is slow.
SPACES_RE = re.compile(f"(?: {_SPACE}+|(?! ){_SPACE}{_SPACE}*)")
LINE_EDGE_SPACES_RE = re.compile(r" +\n *|\n +")
BLANK_LINES_RE = re.compile(r"\n{3,}")
# RE2 (see voc.clean.batch): on ASCII text without "\r", normalize_whitespace changes nothing
# unless this matches.
WHITESPACE_MAY_CHANGE = (
    r"  |[\t\f\v]| \n|\n |\n\n\n|\A[\t\n\v\f\r \x1c-\x1f]|[\t\n\v\f\r \x1c-\x1f]\z"
)


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


def as_text(value: object) -> str:
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


@dataclass(frozen=True)
class CleanStep:
    """One clean-up in :func:`clean_text`'s chain, with what :mod:`voc.clean.batch` needs to
    know to skip it safely."""

    run: Callable[[str], str]
    # RE2: on ASCII text without "\r" the step returns its input unchanged unless this matches.
    may_change: str
    # A stripping step: a result with no text left is ignored and its input kept.
    guarded: bool

    def apply(self, text: str) -> str:
        out = self.run(text)
        if self.guarded and (not out or out.isspace()):  # not out.strip(): no copy needed
            return text
        return out


# Always the last steps, mask_pii in three parts (each with its own condition, so a ticket with an
# order number does not pay for the sign-off and address patterns): whatever the others left is
# still masked.
PII_STEPS = (
    CleanStep(mask_pii_words, WORDS_MAY_CHANGE, guarded=False),
    CleanStep(mask_core, CORE_MAY_CHANGE, guarded=False),
    CleanStep(mask_pii_numbers, NUMBERS_MAY_CHANGE, guarded=False),
)


@lru_cache(maxsize=16)
def clean_steps(config: CleanConfig) -> tuple[CleanStep, ...]:
    """The steps ``config`` enables, in the order :func:`clean_text` runs them."""
    steps = (
        (config.strip_html, CleanStep(strip_html, HTML_MAY_CHANGE, guarded=False)),
        (
            config.strip_transcripts,
            CleanStep(strip_transcript_markup, TRANSCRIPT_MAY_CHANGE, guarded=True),
        ),
        (
            config.strip_quoted_replies,
            CleanStep(strip_quoted_replies, QUOTED_MAY_CHANGE, guarded=True),
        ),
        (
            config.strip_signatures,
            CleanStep(strip_signature, SIGNATURE_MAY_CHANGE, guarded=True),
        ),
        (
            config.strip_greetings,
            CleanStep(strip_greeting, GREETING_MAY_CHANGE, guarded=True),
        ),
        (True, CleanStep(normalize_whitespace, WHITESPACE_MAY_CHANGE, guarded=False)),
        *((config.mask_pii, step) for step in PII_STEPS),
    )
    return tuple(step for enabled, step in steps if enabled)


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
        'Thanks,\\n[NAME]\\n[PHONE]'
    """
    text = as_text(text)
    if not text or text.isspace():
        return ""
    text = unix_newlines(text)
    for step in clean_steps(config):
        text = step.apply(text)
    return text
