"""Theme-quality metrics for the benchmarks: pure functions over theme labels, names and truth.

Used by ``benchmarks/bench_quality.py`` (``make bench-quality``) and by tests that set floors. None
of them reads files or knows how voc builds themes: they take plain sequences (one entry per
ticket, or per theme) and return numbers. Unthemed tickets (voc's ``-1``, BERTopic's outlier topic
``-1``) are one group wherever a metric compares partitions, and never a "match".

**Human labels.** :func:`human_label` turns an intent key into the words a person would use for
it, so that a theme's name can be compared with it: camelCase and ``_`` split into lower-case words
(``"card_arrival"`` -> ``"card arrival"``, ``"BookRestaurant"`` -> ``"book restaurant"``, the
sample's planted ``"login_2fa_loop"`` -> ``"login 2fa loop"``), punctuation dropped
(``"reverted_card_payment?"`` -> ``"reverted card payment"``). A ``domain/action`` key (xSID) keeps
the action, and adds the domain after it only when no word of the action already names it
(``"reminder/show_reminders"`` -> ``"show reminders"``, ``"weather/find"`` -> ``"find weather"``):
the action alone ("find") would not say what the request is about.

**Name proxy** (:func:`name_proxy`). For each theme (Unthemed excluded) take its name and the human
label of the intent most of its tickets have (:func:`majority_labels`). Embed both with the given
embedder (the benchmarks pass voc's default, the bundled all-MiniLM-L6-v2, whose rows are unit
length, so a dot product is the cosine). Report

- ``mean_cosine``: the mean over themes of cosine(name, own label);
- ``nearest_own_share``: the share of themes whose own label is, among all the dataset's distinct
  labels (every intent, not only those some theme won), the one nearest to the name (ties count
  for the own label);
- ``mean_words``: the mean number of words per name (a word: a run of letters or digits, inner
  ``'`` or ``-`` allowed; separators such as ``/`` are not words);
- ``unique_names``: how many distinct names there are (compared case- and space-insensitively).

It measures whether a name says what the tickets are about in the words a person would use; it
rewards neither fluency nor length directly (a keyword list close to the label scores well), which
is why the words per name and the unique count are reported next to it.

**Cross-language placement** (:func:`cross_language_share`). For each non-English ticket, its
"English counterpart's theme" is given by the caller: for a parallel corpus (xSID), the theme of
the English text of the same row; for the sample export, the theme holding most English tickets of
the same planted theme (:func:`counterpart_themes`). The share is the fraction of non-English
tickets whose theme equals that theme; an Unthemed ticket, or a counterpart theme that is Unthemed
or missing, is never a match.

**Language NMI** (:func:`language_nmi`): NMI (scikit-learn's, arithmetic normalisation, like NMI
against intent) between themes and languages; 0 when themes ignore language, 1 when each theme is
one language. Lower is better for a product whose themes should be problems, not languages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from voc.embed import Embedder

UNTHEMED = -1  # voc's Unthemed id and BERTopic's outlier topic: the same value in both
ENGLISH = "en"  # ISO 639-1, as voc's language detector and the sample's truth write it

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


@dataclass(frozen=True)
class NameProxy:
    """How close theme names are to the human labels of their intents (see the module docstring).

    Attributes:
        themes: how many names were scored.
        mean_cosine: mean cosine between each name and its own label.
        nearest_own_share: share of names whose nearest label (among all labels) is their own.
        mean_words: mean words per name.
        unique_names: distinct names (case- and space-insensitive).
        cosines: each name's cosine with its own label, in input order.
    """

    themes: int
    mean_cosine: float
    nearest_own_share: float
    mean_words: float
    unique_names: int
    cosines: tuple[float, ...]


def human_label(intent: str) -> str:
    """The words a person would use for an intent key (rules in the module docstring).

    Example:
        >>> human_label("reminder/show_reminders"), human_label("weather/find")
        ('show reminders', 'find weather')
    """
    *domains, action = intent.split("/")
    words = _words(action)
    for domain in reversed(domains):
        domain_words = _words(domain)
        if not any(w.startswith(d) or d.startswith(w) for w in words for d in domain_words):
            words = words + domain_words
    return " ".join(words)


def _words(key: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_CAMEL.sub(" ", key))]


def word_count(name: str) -> int:
    """Words in a name: runs of letters or digits (``"slow / load"`` has 2)."""
    return len(_WORD.findall(name))


def majority_labels(
    themes: Sequence[Hashable], truth: Sequence[Hashable], unthemed: Hashable = UNTHEMED
) -> dict[Hashable, Hashable]:
    """For each theme (``unthemed`` left out), the truth label most of its tickets have.

    Ties go to the label that sorts first as text, so the result does not depend on row order.
    """
    if len(themes) != len(truth):
        raise ValueError(f"{len(themes)} themes but {len(truth)} truth labels")
    counts: dict[Hashable, Counter] = {}
    for theme, label in zip(themes, truth, strict=True):
        if theme != unthemed:
            counts.setdefault(theme, Counter())[label] += 1
    return {
        theme: min(c.items(), key=lambda item: (-item[1], str(item[0])))[0]
        for theme, c in counts.items()
    }


def name_proxy(
    names: Sequence[str], labels: Sequence[str], all_labels: Sequence[str], embedder: Embedder
) -> NameProxy:
    """Score theme names against the human labels of their intents.

    Args:
        names: one name per theme (Unthemed already left out).
        labels: each theme's own human label (same order as ``names``).
        all_labels: every label of the dataset; must include each of ``labels``.
        embedder: what embeds names and labels (unit-length rows), e.g. voc's default.

    Example:
        >>> name_proxy(["card arrival"], ["card arrival"], ["card arrival", "exchange rate"],
        ...            embedder).nearest_own_share  # doctest: +SKIP
        1.0
    """
    if len(names) != len(labels):
        raise ValueError(f"{len(names)} names but {len(labels)} labels")
    choices = list(dict.fromkeys(all_labels))
    missing = set(labels) - set(choices)
    if missing:
        raise ValueError(f"labels not among all_labels: {sorted(missing)[:5]}")
    if not names:
        return NameProxy(0, float("nan"), float("nan"), float("nan"), 0, ())
    name_vectors = np.asarray(embedder.encode(list(names)), dtype=np.float64)
    label_vectors = np.asarray(embedder.encode(choices), dtype=np.float64)
    similarity = name_vectors @ label_vectors.T  # names x labels
    own = np.array([choices.index(label) for label in labels])
    cosines = similarity[np.arange(len(names)), own]
    nearest_own = cosines >= similarity.max(axis=1)
    return NameProxy(
        themes=len(names),
        mean_cosine=float(cosines.mean()),
        nearest_own_share=float(nearest_own.mean()),
        mean_words=float(np.mean([word_count(n) for n in names])),
        unique_names=len({" ".join(n.lower().split()) for n in names}),
        cosines=tuple(float(c) for c in cosines),
    )


def counterpart_themes(
    themes: Sequence[Hashable],
    groups: Sequence[Hashable],
    languages: Sequence[str],
    english: str = ENGLISH,
    unthemed: Hashable = UNTHEMED,
) -> dict[Hashable, Hashable]:
    """For each group (planted theme), the theme that holds most of its English tickets.

    Unthemed English tickets are not counted; a group with no themed English ticket is absent
    (so its non-English tickets can never match). Ties go to the theme that sorts first as text.
    """
    counts: dict[Hashable, Counter] = {}
    for theme, group, language in zip(themes, groups, languages, strict=True):
        if language == english and theme != unthemed:
            counts.setdefault(group, Counter())[theme] += 1
    return {
        group: min(c.items(), key=lambda item: (-item[1], str(item[0])))[0]
        for group, c in counts.items()
    }


def cross_language_share(
    themes: Sequence[Hashable],
    counterpart: Sequence[Hashable | None],
    unthemed: Hashable = UNTHEMED,
) -> float:
    """Share of non-English tickets that sit in their English counterpart's theme.

    Args:
        themes: the theme of each non-English ticket.
        counterpart: its English counterpart's theme (None when there is none).
        unthemed: the Unthemed id; an Unthemed ticket or counterpart never matches.

    Example:
        >>> cross_language_share([3, 3, -1, 5], [3, 4, -1, None])
        0.25
    """
    if len(themes) != len(counterpart):
        raise ValueError(f"{len(themes)} themes but {len(counterpart)} counterparts")
    if not themes:
        return float("nan")
    matches = sum(
        t == c and t != unthemed and c is not None for t, c in zip(themes, counterpart, strict=True)
    )
    return matches / len(themes)


def language_nmi(themes: Sequence[Hashable], languages: Sequence[Hashable]) -> float:
    """NMI between themes (Unthemed one group) and ticket languages; lower is better.

    Example:
        >>> round(language_nmi([1, 1, 2, 2], ["en", "id", "en", "id"]), 3)
        0.0
    """
    if len(themes) != len(languages):
        raise ValueError(f"{len(themes)} themes but {len(languages)} languages")
    return float(normalized_mutual_info_score(list(languages), list(themes)))


def nmi_ari(truth: Sequence[Hashable], found: Sequence[Hashable]) -> tuple[float, float]:
    """NMI and ARI of found groups against the true ones (Unthemed counts as one group)."""
    return (
        float(normalized_mutual_info_score(list(truth), list(found))),
        float(adjusted_rand_score(list(truth), list(found))),
    )


def same_theme_share(found: Sequence[int], reference: Sequence[int]) -> float:
    """Share of tickets in the same theme in two partitions of the same tickets.

    Theme ids are arbitrary (voc numbers themes by size), so the themes of ``found`` are matched
    one to one to those of ``reference`` by the most shared tickets (the assignment problem over
    the contingency table); Unthemed (``-1``) matches only Unthemed. Used for the first pass
    against the full path (issue 20: at least 97%).
    """
    from scipy.optimize import linear_sum_assignment

    a = np.asarray(found, dtype=np.int64)
    b = np.asarray(reference, dtype=np.int64)
    if len(a) != len(b):
        raise ValueError("both partitions must label the same tickets")
    if not len(a):
        return 1.0
    same = int(((a == -1) & (b == -1)).sum())
    themed = (a != -1) & (b != -1)
    rows, row_of = np.unique(a[themed], return_inverse=True)
    cols, col_of = np.unique(b[themed], return_inverse=True)
    table = np.zeros((len(rows), len(cols)), dtype=np.int64)
    np.add.at(table, (row_of, col_of), 1)
    if table.size:
        r, c = linear_sum_assignment(table, maximize=True)
        same += int(table[r, c].sum())
    return same / len(a)
