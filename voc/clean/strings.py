"""Small string checks that the cleaning steps share."""

from __future__ import annotations


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """True when one of ``words`` occurs in ``text``: substring searches are memchr-fast, where a
    regex of alternatives is tried at every position, and a plain loop beats ``any`` over a
    generator."""
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False
