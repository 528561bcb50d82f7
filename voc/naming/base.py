"""What every theme namer shares: the evidence a namer is given and the label it returns.

A namer is a swappable step (as in BERTopic's representation models): the offline phrase namer
(:mod:`voc.naming.phrases`) always runs and its labels are the fallback; an optional namer that
asks a local LLM (:mod:`voc.naming.llm`) may replace them theme by theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class ThemeLabel:
    """A theme's short name (2-6 words) and a one-sentence description of what customers report."""

    name: str
    description: str


@dataclass(frozen=True)
class ThemeEvidence:
    """What a namer may look at for one theme; every text is already cleaned and PII-masked.

    Attributes:
        theme_id: the theme's id in the run.
        size: its tickets.
        language: ISO 639-1 code most of its tickets are written in ("und" when unsure).
        keywords: c-TF-IDF key phrases, best first.
        sentences: the theme's most typical sentences, most typical first.
        neighbours: names (offline labels) of the most similar other themes, to tell apart from.
        offline: the offline namer's label, used whenever another namer gives none.
    """

    theme_id: int
    size: int
    language: str
    keywords: tuple[str, ...]
    sentences: tuple[str, ...]
    neighbours: tuple[str, ...]
    offline: ThemeLabel


@runtime_checkable
class Namer(Protocol):
    """Anything that labels themes from their evidence, one label per theme in the same order.

    A namer returns None for a theme it could not label (a timeout, a refusal); the offline label
    is used for it. It never raises for a single theme's failure.
    """

    def label(self, evidence: Sequence[ThemeEvidence]) -> list[ThemeLabel | None]:
        """Labels for the themes in ``evidence``, in the same order."""
        ...
