"""Describe themes: c-TF-IDF key phrases, readable unique names, representative tickets.

c-TF-IDF (as in BERTopic): the tickets of a theme form one class document; a term's weight is its
frequency in the class (L1-normalised, square-rooted to damp very frequent words) times
``log(1 + A / f)``, where ``A`` is the average number of words per class and ``f`` the term's
frequency over all classes. Terms that are common in one theme and rare elsewhere score highest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from voc.config import ThemeConfig
from voc.hierarchy import parent_labels, theme_quality
from voc.schema import UNTHEMED_ID, UNTHEMED_NAME, ParentTheme, Theme
from voc.stopwords import STOP_WORDS

# Tokens of 2+ characters with at least one letter ("2fa" yes, "2026" no).
TOKEN_PATTERN = r"(?u)\b(?=\w*[^\W\d_])\w[\w'-]*\w\b"
_PLACEHOLDER = re.compile(r"\[(?:EMAIL|PHONE|CARD|IBAN|IP|URL|SECRET)\]")
_REPRESENTATIVE_CHARS = 400
_NEAR_DUPLICATE = 0.95
_CANDIDATES = 40
_MIN_SUPPORT_TICKETS = 2  # a phrase from a single ticket never describes a theme
_MIN_KEYWORD_TICKETS = 500  # a theme's phrases are counted on at least this many of its tickets


def describe_themes(
    texts: Sequence[str],
    ticket_ids: Sequence[str],
    labels: np.ndarray,
    similarity: np.ndarray,
    embeddings: np.ndarray,
    centroids: np.ndarray,
    config: ThemeConfig,
    seed: int = 42,
) -> tuple[list[Theme], list[ParentTheme]]:
    """Describe every theme (largest first, Unthemed last when not empty) and its parent themes."""
    total = len(labels)
    theme_ids = sorted(int(t) for t in np.unique(labels) if t != UNTHEMED_ID)
    counted = keyword_rows(labels, config.keyword_tickets, seed)
    terms = TermCounts.of([texts[i] for i in counted], config)
    keywords = keywords_per_theme(terms, labels[counted], theme_ids, config)
    names = unique_names([keywords[t] for t in theme_ids], config.name_terms)
    parents = parent_labels(centroids, config.parent_distance)
    quality = theme_quality(embeddings, labels, centroids, config.mixed_split_similarity, seed)
    themes: list[Theme] = []
    for theme_id, name in zip(theme_ids, names, strict=True):
        members = np.flatnonzero(labels == theme_id)
        reps = representatives(members, similarity, embeddings, config.n_representatives)
        themes.append(
            Theme(
                theme_id=theme_id,
                name=name,
                size=len(members),
                share=len(members) / total,
                keywords=keywords[theme_id][: config.n_keywords],
                representative_ids=[str(ticket_ids[i]) for i in reps],
                representative_texts=[_excerpt(texts[i]) for i in reps],
                parent_id=int(parents[theme_id]),
                quality=quality.get(theme_id),
            )
        )
    unthemed = np.flatnonzero(labels == UNTHEMED_ID)
    if len(unthemed):
        themes.append(
            Theme(UNTHEMED_ID, UNTHEMED_NAME, len(unthemed), len(unthemed) / total, [], [], [])
        )
    return themes, describe_parents(terms, labels[counted], parents, themes, config)


def keyword_rows(labels: np.ndarray, limit: int, seed: int) -> np.ndarray:
    """Rows whose words are counted for key phrases: all, or a seeded sample of about ``limit``
    that keeps each theme's share, with at least ``_MIN_KEYWORD_TICKETS`` of every theme."""
    if len(labels) <= limit:
        return np.arange(len(labels))
    rng = np.random.default_rng(seed)
    rows = []
    for theme in np.unique(labels):
        members = np.flatnonzero(labels == theme)
        want = max(_MIN_KEYWORD_TICKETS, round(limit * len(members) / len(labels)))
        rows.append(members if want >= len(members) else rng.choice(members, want, replace=False))
    return np.sort(np.concatenate(rows))


def describe_parents(
    terms: TermCounts,
    labels: np.ndarray,
    parents: np.ndarray,
    themes: Sequence[Theme],
    config: ThemeConfig,
) -> list[ParentTheme]:
    """Name each parent from its tickets' key phrases; a parent of one theme takes its name.

    ``labels`` are those of the tickets ``terms`` counted; sizes and shares come from ``themes``.
    """
    if not len(parents):
        return []
    parent_of_ticket = np.where(labels >= 0, parents[np.maximum(labels, 0)], UNTHEMED_ID)
    parent_ids = list(range(int(parents.max()) + 1))
    keywords = keywords_per_theme(terms, parent_of_ticket, parent_ids, config)
    names = unique_names([keywords[p] for p in parent_ids], config.name_terms)
    by_id = {t.theme_id: t for t in themes}
    total = sum(t.size for t in themes)
    result = []
    for parent_id, name in zip(parent_ids, names, strict=True):
        children = [int(t) for t in np.flatnonzero(parents == parent_id)]
        size = sum(by_id[t].size for t in children)
        if len(children) == 1:
            name = by_id[children[0]].name
        result.append(
            ParentTheme(
                parent_id=parent_id,
                name=name,
                theme_ids=children,
                size=size,
                share=size / total,
                keywords=keywords[parent_id][: config.n_keywords],
            )
        )
    return result


@dataclass(frozen=True)
class TermCounts:
    """Ticket x term counts, computed once and shared by theme and parent keywords."""

    counts: sparse.csr_matrix | None
    vocabulary: np.ndarray

    @classmethod
    def of(cls, texts: Sequence[str], config: ThemeConfig) -> TermCounts:
        from sklearn.feature_extraction.text import CountVectorizer

        docs = [_PLACEHOLDER.sub(" ", t) for t in texts]
        vectorizer = CountVectorizer(
            ngram_range=(1, config.max_ngram),
            stop_words=sorted(STOP_WORDS),
            token_pattern=TOKEN_PATTERN,
            min_df=2 if len(docs) >= 20 else 1,
            lowercase=True,
        )
        try:
            counts = vectorizer.fit_transform(docs)
        except ValueError:  # no term survives (tiny or stop-word-only input)
            return cls(None, np.array([]))
        return cls(sparse.csr_matrix(counts), vectorizer.get_feature_names_out())


def keywords_per_theme(
    terms: TermCounts, labels: np.ndarray, theme_ids: Sequence[int], config: ThemeConfig
) -> dict[int, list[str]]:
    """Key phrases of each theme, best first; phrases repeating a better one's words are dropped."""
    if not theme_ids:
        return {}
    if terms.counts is None:
        return {t: [] for t in theme_ids}
    counts, vocabulary = terms.counts, terms.vocabulary
    n_docs = counts.shape[0]
    index = {t: i for i, t in enumerate(theme_ids)}
    rows = [index.get(int(label), -1) for label in labels]
    keep = np.array([r >= 0 for r in rows])
    membership = sparse.csr_matrix(
        (np.ones(int(keep.sum())), (np.array(rows)[keep], np.flatnonzero(keep))),
        shape=(len(theme_ids), n_docs),
    )
    weights = c_tf_idf(membership @ counts)
    # A key phrase must recur across the theme's tickets, not come from one person's signature.
    presence = counts.copy()
    presence.data[:] = 1
    support = (membership @ presence).toarray()
    sizes = np.asarray(membership.sum(axis=1)).ravel()
    result: dict[int, list[str]] = {}
    for position, (theme_id, row) in enumerate(zip(theme_ids, weights, strict=True)):
        dense = np.asarray(row.todense()).ravel()
        needed = max(_MIN_SUPPORT_TICKETS, config.keyword_min_share * sizes[position])
        dense[support[position] < min(needed, sizes[position])] = 0
        top = [int(i) for i in np.argsort(-dense, kind="stable")[:_CANDIDATES] if dense[i] > 0]
        result[theme_id] = _diverse([str(vocabulary[i]) for i in top])
    return result


def c_tf_idf(class_counts: sparse.spmatrix) -> sparse.csr_matrix:
    """Class-based TF-IDF of a (classes x terms) count matrix."""
    counts = sparse.csr_matrix(class_counts, dtype=np.float64)
    per_class = np.asarray(counts.sum(axis=1)).ravel()
    tf = sparse.diags(1.0 / np.where(per_class == 0, 1, per_class)) @ counts
    tf.data = np.sqrt(tf.data)
    term_freq = np.asarray(counts.sum(axis=0)).ravel()
    average = per_class.mean() if len(per_class) else 0.0
    idf = np.log(1 + average / np.where(term_freq == 0, 1, term_freq))
    return sparse.csr_matrix(tf @ sparse.diags(idf))


def _diverse(phrases: Sequence[str]) -> list[str]:
    """Drop a phrase whose words are all in phrases already chosen ('login' after 'login loop')."""
    chosen: list[str] = []
    seen: set[str] = set()
    for phrase in phrases:
        words = {_singular(w) for w in phrase.split()}
        if words <= seen:
            continue
        if any(_words(c) < words and len(words) > 1 for c in chosen):
            # A longer phrase that extends a chosen one replaces it: 'loop' -> 'login loop'.
            chosen = [c for c in chosen if not _words(c) < words]
        chosen.append(phrase)
        seen |= words
    return chosen


def _singular(word: str) -> str:
    """Crude plural folding, so 'webhook' and 'webhooks' count as one word for diversity."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(phrase: str) -> set[str]:
    return {_singular(w) for w in phrase.split()}


def unique_names(keyword_lists: Sequence[Sequence[str]], terms: int) -> list[str]:
    """A short name per theme from its top key phrases; later duplicates take more phrases."""
    names: list[str] = []
    used: set[str] = set()
    for position, keywords in enumerate(keyword_lists):
        count = terms
        name = " / ".join(keywords[:count]) or f"theme {position}"
        while name in used and count < len(keywords):
            count += 1
            name = " / ".join(keywords[:count])
        if name in used:
            name = f"{name} ({position})"
        used.add(name)
        names.append(name)
    return names


def representatives(
    members: np.ndarray, similarity: np.ndarray, embeddings: np.ndarray, count: int
) -> list[int]:
    """Indices of the members closest to the theme centre, skipping near-duplicates of picks."""
    order = members[np.argsort(-similarity[members], kind="stable")]
    picked: list[int] = []
    for i in order:
        if all(float(embeddings[i] @ embeddings[j]) < _NEAR_DUPLICATE for j in picked):
            picked.append(int(i))
        if len(picked) == count:
            break
    return picked


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _REPRESENTATIVE_CHARS else text[: _REPRESENTATIVE_CHARS - 1] + "…"
