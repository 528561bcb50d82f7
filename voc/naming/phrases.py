"""Offline theme names and descriptions, built from the theme's own most typical tickets.

A name is a phrase the customers wrote, not a keyword list. Candidates are the 2-6 word spans of
the subjects and first sentences of the theme's most central tickets that neither start nor end
with a function word ("slow to load", "card not arrived"; never "to load" or "my card"). Each is
scored on three things:

- support: the share of those central tickets that contain it (a phrase from one ticket never
  names a theme);
- distinctiveness: the mean c-TF-IDF weight of its words in the theme, against the other themes;
- typicality: with an embedder, the cosine between the phrase and the theme's centre, minus its
  cosine to the closest rival theme's centre (so "card payment" does not name three card themes).

The lexical score (support x distinctiveness) keeps a short list; typicality, when an embedder
serves the theme's language, picks among it. The description is the theme's most typical sentence
(the one closest to its centre), as a customer wrote it. See docs/naming.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from voc.naming.base import ThemeLabel
from voc.stopwords import FUNCTION_WORDS, NEGATIONS, REQUEST_VERBS, STOP_WORDS

Encode = Callable[[list[str]], np.ndarray]
"""Unit-length embeddings of short texts (the run's embedder, through its cache)."""

# Words, with placeholders such as [EMAIL] as tokens of their own that break a span.
_TOKEN = re.compile(r"\[[A-Z_]+\]|[^\W_](?:[\w'’.-]*[\w])?", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")
# A span never crosses a comma, a bracket, a quote or a dash between words.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”«»|/…]+|\s[-–—]+\s")
_PLACEHOLDER = re.compile(r"^\[[A-Z_]+\]$")
# A token with three digits or more is an amount, an order number or a date: it breaks a span
# like a masked value does ("2FA" and "4G" stay words).
_NUMBER = re.compile(r"\d.*\d.*\d")
# An auxiliary followed by a subject is a question's inverted order (English only: Indonesian
# questions keep the statement's order).
_AUXILIARIES = frozenset(
    """am is are was were do does did have has had can could will would shall should may might
    must isn't aren't wasn't weren't don't doesn't didn't haven't hasn't can't couldn't won't
    wouldn't shouldn't""".split()  # noqa: SIM905 (a word list reads better as text)
)
_NOT_LAST = FUNCTION_WORDS | NEGATIONS
# After these a question's word order follows ("how long ...", "do EU transfers take").
_QUESTION = frozenset(["how", "do", "does", "did"])
_SUBJECTS = frozenset(
    "i you we they he she it my your our their the this that there".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class NamingSettings:
    """Sizes of the search for a name; see :class:`voc.config.ThemeConfig` for the settings."""

    min_words: int = 2
    max_words: int = 6
    central_tickets: int = 30
    sentences_per_ticket: int = 4
    # Names of the same proxy score as 15 and 30 on Banking77, bitext and the sample, for less
    # embedding (docs/naming.md, "How the defaults were chosen").
    shortlist: int = 10
    description_sentences: int = 8
    rival_weight: float = 1.0
    description_words: tuple[int, int] = (5, 40)
    description_chars: int = 240


@dataclass(frozen=True)
class Candidate:
    """A phrase that may name a theme: how it was written and how well it covers the theme."""

    text: str
    key: tuple[str, ...]
    support: float
    distinct: float

    @property
    def lexical(self) -> float:
        """Support times distinctiveness: high for a phrase most central tickets use and that
        words specific to this theme make up."""
        return self.support * self.distinct


def fold(word: str) -> str:
    """Lower-case and crude plural folding, so 'Webhooks' and 'webhook' are one word."""
    word = word.lower().replace("’", "'")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def sentences(text: str, limit: int) -> list[str]:
    """The first ``limit`` sentences of a ticket (the subject, its first line, counts as one)."""
    parts = (p.strip() for p in _SENTENCE_END.split(text))
    return [p for p in parts if p][:limit]


def _clauses(sentence: str) -> list[list[str]]:
    """Runs of word tokens between clause breaks and placeholders."""
    runs: list[list[str]] = []
    for clause in _CLAUSE_BREAK.split(sentence):
        run: list[str] = []
        for token in _TOKEN.findall(clause):
            if _PLACEHOLDER.match(token) or _NUMBER.search(token):
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(token)
        if run:
            runs.append(run)
    return runs


def _inverted(words: Sequence[str]) -> bool:
    """A question's inverted word order ("can I", "isn't my"): the span is a fragment of a
    question, not a phrase that stands on its own ("Places can I use my card")."""
    return any(a in _AUXILIARIES and b in _SUBJECTS for a, b in zip(words, words[1:], strict=False))


def _opens(words: Sequence[str], start: int) -> bool:
    """A span starts a run or follows a function word: "cash withdrawal", never "withdrawal"
    cut from it; nor after "how" or a question's "do" ("long do", "EU transfers take")."""
    before = words[start - 1] if start else ""
    return start == 0 or (before in _NOT_LAST | REQUEST_VERBS and before not in _QUESTION)


def _closes(words: Sequence[str], end: int) -> bool:
    """A span ends a run or comes before a function word: never half a compound ("a cash" of
    "a cash withdrawal") or of a phrasal verb ("top" of "top up")."""
    return end + 1 == len(words) or words[end + 1] in _NOT_LAST


def _can_start(word: str) -> bool:
    return word.lower() not in FUNCTION_WORDS | REQUEST_VERBS


def _can_end(word: str) -> bool:
    return word.lower() not in _NOT_LAST


def candidates(
    texts: Sequence[str], weights: Mapping[str, float], settings: NamingSettings
) -> list[Candidate]:
    """Spans of ``texts`` (a theme's central tickets) that could name it, best lexical first.

    ``weights`` maps a folded word to its c-TF-IDF weight in the theme, scaled to at most 1.
    """
    seen_in: dict[tuple[str, ...], int] = {}
    surface: dict[tuple[str, ...], str] = {}
    content: dict[tuple[str, ...], list[str]] = {}
    for text in texts:
        keys: set[tuple[str, ...]] = set()
        for sentence in sentences(text, settings.sentences_per_ticket):
            for run in _clauses(sentence):
                lowered = [w.lower().replace("’", "'") for w in run]
                folded = [fold(w) for w in lowered]
                for i, first in enumerate(run):
                    if not _can_start(first) or not _opens(lowered, i):
                        continue
                    last = min(len(run), i + settings.max_words)
                    for j in range(i + settings.min_words - 1, last):
                        if not _can_end(run[j]) or not _closes(lowered, j):
                            continue
                        key = tuple(folded[i : j + 1])
                        if key in surface:
                            keys.add(key)
                            continue
                        words = lowered[i : j + 1]
                        if _inverted(words):
                            continue
                        keys.add(key)
                        surface[key] = " ".join(run[i : j + 1])
                        # Words c-TF-IDF does not count (stop words: "support", "bill")
                        # neither add to nor dilute a phrase's distinctiveness.
                        content[key] = [fold(w) for w in words if w not in STOP_WORDS]
        for key in keys:
            seen_in[key] = seen_in.get(key, 0) + 1
    if not seen_in:
        return []
    # A phrase from a single ticket never names a theme, unless nothing recurs.
    floor = 2 if len(texts) > 1 and max(seen_in.values()) >= 2 else 1
    found = []
    for key, count in seen_in.items():
        if count < floor:
            continue
        words = content[key]
        if not words:
            continue
        distinct = sum(weights.get(w, 0.0) for w in words) / len(words)
        if distinct > 0:
            found.append(Candidate(surface[key], key, count / len(texts), distinct))
    found.sort(key=lambda c: (-c.lexical, len(c.key), c.text))
    return found


def rank_candidates(
    found: Sequence[Candidate],
    centroid: np.ndarray | None,
    rivals: np.ndarray | None,
    encode: Encode | None,
    settings: NamingSettings,
) -> list[Candidate]:
    """The shortlist ordered best first: by typicality when an embedder serves the theme's
    language, else by the lexical score alone."""
    shortlist = list(found[: settings.shortlist])
    if encode is None or centroid is None or len(shortlist) < 2:
        return shortlist
    vectors = encode([tidy_name(c.text) for c in shortlist])
    typical = vectors @ centroid
    rival = (vectors @ rivals.T).max(axis=1) if rivals is not None and len(rivals) else 0.0
    score = typical - settings.rival_weight * rival
    order = np.argsort(-score, kind="stable")
    return [shortlist[i] for i in order]


def tidy_name(text: str) -> str:
    """A phrase as a name: single spaces, no shouting, first letter upper-case."""
    text = " ".join(text.split()).strip(" .!?-'\"")
    if len(text) > 3 and text.isupper():
        text = text.lower()
    return text[:1].upper() + text[1:]


def describe(
    texts: Sequence[str],
    centroid: np.ndarray | None,
    encode: Encode | None,
    settings: NamingSettings,
) -> str:
    """The theme's most typical sentence among its central tickets, as one tidy sentence."""
    pool = description_pool(texts, settings)
    if not pool:
        return ""
    best = pool[0]
    if encode is not None and centroid is not None and len(pool) > 1:
        best = pool[int(np.argmax(encode(pool) @ centroid))]
    return tidy_sentence(best, settings.description_chars)


def description_pool(texts: Sequence[str], settings: NamingSettings) -> list[str]:
    """The sentences a description is chosen from: the central tickets' first sentences of a
    readable length, most central first (the first sentence of all when none is)."""
    low, high = settings.description_words
    pool: list[str] = []
    for text in texts:
        for sentence in sentences(text, settings.sentences_per_ticket):
            if low <= len(sentence.split()) <= high and sentence not in pool:
                pool.append(sentence)
    if not pool:
        pool = [s for t in texts for s in sentences(t, 1)][:1]
    return pool[: settings.description_sentences]


def to_embed(
    found: Sequence[Candidate], texts: Sequence[str], settings: NamingSettings
) -> list[str]:
    """Every string :func:`label` may embed for one theme, so a caller can embed all themes'
    strings in one call (much faster than a call per theme) and hand :func:`label` a lookup."""
    return [tidy_name(c.text) for c in found[: settings.shortlist]] + description_pool(
        texts, settings
    )


def tidy_sentence(text: str, limit: int) -> str:
    """One sentence: single spaces, capitalised, ending in a full stop, cut at a word."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    elif text[-1:] not in ".!?…":
        text += "."
    return text[:1].upper() + text[1:]


def label(
    found: Sequence[Candidate],
    texts: Sequence[str],
    centroid: np.ndarray | None,
    rivals: np.ndarray | None,
    encode: Encode | None,
    settings: NamingSettings,
) -> tuple[list[str], str]:
    """Ranked name choices and the description of one theme."""
    ranked = rank_candidates(found, centroid, rivals, encode, settings)
    return [tidy_name(c.text) for c in ranked], describe(texts, centroid, encode, settings)


def unique_labels(
    choices: Sequence[Sequence[str]], descriptions: Sequence[str], fallbacks: Sequence[str]
) -> list[ThemeLabel]:
    """One label per theme, names unique (case-insensitive) in theme order: a later theme takes
    its next choice, then its keyword name, then a numbered one."""
    used: set[str] = set()
    labels = []
    for position, (names, description, fallback) in enumerate(
        zip(choices, descriptions, fallbacks, strict=True)
    ):
        name = next((n for n in [*names, fallback] if n.lower() not in used), None)
        if name is None:
            name = f"{names[0] if names else fallback} ({position + 1})"
        used.add(name.lower())
        labels.append(ThemeLabel(name, description))
    return labels
