"""How numbers and ticket text are written in every report format, so they read the same."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def percent(value: float | None, signed: bool = False) -> str:
    """0.123 -> "12%"; signed: CSAT impact in points, 0.021 -> "+2.1 pts"; None -> "n/a"."""
    if value is None:
        return "n/a"
    if signed:
        points = round(100 * value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
        return f"{points:+.1f} pts"
    return f"{100 * value:.0f}%"


def growth_text(value: float | None) -> str:
    """Growth from the previous window: 0.5 -> "+50%"; None -> "n/a"."""
    return "n/a" if value is None else f"{100 * value:+.0f}%"


def one_line(text: str) -> str:
    """Text on one line, whitespace collapsed (for table cells and Markdown)."""
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """Text cut at a word to at most ``limit`` characters (plus an ellipsis); lines are kept."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rsplit(None, 1)[0] if len(head.split()) > 1 else head
    return cut.rstrip(",;:.") + " …"


def kind_text(kind: str) -> str:
    """A kind as people write it: "feature_request" -> "feature request"."""
    return kind.replace("_", " ")
