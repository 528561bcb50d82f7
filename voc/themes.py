"""Describe themes: c-TF-IDF key phrases, readable unique names, representative tickets.

c-TF-IDF (as in BERTopic): the tickets of a theme form one class document; a term's weight is its
frequency in the class (L1-normalised, square-rooted to damp very frequent words) times
``log(1 + A / f)``, where ``A`` is the average number of words per class and ``f`` the term's
frequency over all classes. Terms that are common in one theme and rare elsewhere score highest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from voc.config import ThemeConfig
from voc.hierarchy import parent_labels, theme_quality
from voc.ingest.values.languages import UNDETERMINED
from voc.naming.base import Namer, ThemeEvidence, ThemeLabel
from voc.naming.phrases import (
    Encode,
    NamingSettings,
    candidates,
    fold,
    label,
    sentences,
    to_embed,
    unique_labels,
)
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
_RIVALS = 3  # nearest other themes a name must be unlike (and a namer is told of)
_NAMER_TICKETS = 8  # central tickets whose first sentences a namer is shown
# A second language with this share of a theme's tickets gets one of its quotes.
_QUOTED_LANGUAGE_SHARE = 0.1


def describe_themes(
    texts: Sequence[str],
    ticket_ids: Sequence[str],
    labels: np.ndarray,
    similarity: np.ndarray,
    embeddings: np.ndarray,
    centroids: np.ndarray,
    config: ThemeConfig,
    seed: int = 42,
    *,
    languages: Sequence[str] | None = None,
    encode: Encode | None = None,
    namer: Namer | None = None,
) -> tuple[list[Theme], list[ParentTheme]]:
    """Describe every theme (largest first, Unthemed last when not empty) and its parent themes.

    Args:
        languages: each ticket's language code (names and descriptions come from a theme's
            tickets in its main language); None: all one language.
        encode: the run's embedder on short texts (through its cache), to rank candidate names
            by how typical they are; None: by their words alone.
        namer: an optional namer (a local LLM) whose labels replace the offline ones where given.
    """
    total = len(labels)
    languages = list(languages) if languages is not None else [UNDETERMINED] * total
    theme_ids = sorted(int(t) for t in np.unique(labels) if t != UNTHEMED_ID)
    counted = keyword_rows(labels, config.keyword_tickets, seed)
    terms = TermCounts.of([texts[i] for i in counted], config)
    weights = term_weights(terms, labels[counted], theme_ids)
    keywords = keywords_per_theme(terms, labels[counted], theme_ids, config, weights)
    members = {t: central_first(np.flatnonzero(labels == t), similarity) for t in theme_ids}
    main = {t: main_language([languages[i] for i in members[t]]) for t in theme_ids}
    groups = [
        NamingGroup(
            [texts[i] for i in in_language(members[t], languages, main[t])[: config.name_tickets]],
            centroids[t],
            word_weights(weights, terms, position),
            unique_names([keywords[t]], config.name_terms)[0],
        )
        for position, t in enumerate(theme_ids)
    ]
    labels_ = name_groups(groups, centroids[theme_ids] if theme_ids else centroids, encode, config)
    if namer is not None and theme_ids:
        labels_ = relabel(namer, theme_ids, groups, labels_, keywords, main, config)
    parents = parent_labels(centroids, config.parent_distance)
    quality = theme_quality(embeddings, labels, centroids, config.mixed_split_similarity, seed)
    themes: list[Theme] = []
    for theme_id, theme_label in zip(theme_ids, labels_, strict=True):
        ordered = members[theme_id]
        reps = representatives(
            ordered, similarity, embeddings, config.n_representatives, languages, main[theme_id]
        )
        themes.append(
            Theme(
                theme_id=theme_id,
                name=theme_label.name,
                size=len(ordered),
                share=len(ordered) / total,
                keywords=keywords[theme_id][: config.n_keywords],
                representative_ids=[str(ticket_ids[i]) for i in reps],
                representative_texts=[_excerpt(texts[i]) for i in reps],
                parent_id=int(parents[theme_id]),
                quality=quality.get(theme_id),
                description=theme_label.description,
                language=main[theme_id],
            )
        )
    unthemed = np.flatnonzero(labels == UNTHEMED_ID)
    if len(unthemed):
        themes.append(
            Theme(UNTHEMED_ID, UNTHEMED_NAME, len(unthemed), len(unthemed) / total, [], [], [])
        )
    central, centres = parent_naming(
        parents, members, centroids, embeddings, texts, languages, config.name_tickets
    )
    parent_groups = describe_parents(
        terms, labels[counted], parents, themes, config, central, centres, encode
    )
    return themes, parent_groups


@dataclass(frozen=True)
class NamingGroup:
    """What names one theme (or parent): its central tickets, centre, word weights, fallback."""

    texts: list[str]
    centroid: np.ndarray
    weights: dict[str, float]
    fallback: str


def name_groups(
    groups: Sequence[NamingGroup],
    centroids: np.ndarray,
    encode: Encode | None,
    config: ThemeConfig,
) -> list[ThemeLabel]:
    """Offline labels of the groups (``centroids`` in the same order), names unique in order."""
    settings = NamingSettings(
        max_words=config.name_max_words,
        central_tickets=config.name_tickets,
        rival_weight=config.name_rival_weight,
    )
    sims = centroids @ centroids.T if len(centroids) else np.zeros((0, 0))
    np.fill_diagonal(sims, -np.inf)
    found = [candidates(g.texts, g.weights, settings) for g in groups]
    lookup = None
    if encode is not None:
        # One call for every theme's strings: far faster than a call per theme.
        strings = sorted({s for f, g in zip(found, groups, strict=True)
                          for s in to_embed(f, g.texts, settings)})  # fmt: skip
        table = dict(zip(strings, encode(strings), strict=True)) if strings else {}

        def lookup(texts: list[str]) -> np.ndarray:
            return np.stack([table[t] for t in texts])

    choices, descriptions = [], []
    for position, group in enumerate(groups):
        rivals = centroids[np.argsort(-sims[position], kind="stable")[:_RIVALS]]
        names, description = label(
            found[position], group.texts, group.centroid, rivals if len(groups) > 1 else None,
            lookup, settings,
        )  # fmt: skip
        choices.append(names)
        descriptions.append(description)
    return unique_labels(choices, descriptions, [g.fallback for g in groups])


def relabel(
    namer: Namer,
    theme_ids: Sequence[int],
    groups: Sequence[NamingGroup],
    offline: Sequence[ThemeLabel],
    keywords: dict[int, list[str]],
    languages: dict[int, str],
    config: ThemeConfig,
) -> list[ThemeLabel]:
    """Labels from ``namer`` where it gave one, the offline ones elsewhere; names kept unique."""
    centres = np.stack([g.centroid for g in groups])
    sims = centres @ centres.T
    np.fill_diagonal(sims, -np.inf)
    evidence = [
        ThemeEvidence(
            theme_id=t,
            size=len(group.texts),
            language=languages[t],
            keywords=tuple(keywords[t][: config.n_keywords]),
            sentences=tuple(_sentences_of(group.texts)),
            neighbours=tuple(offline[j].name for j in np.argsort(-sims[i])[:_RIVALS] if i != j),
            offline=offline[i],
        )
        for i, (t, group) in enumerate(zip(theme_ids, groups, strict=True))
    ]
    given = namer.label(evidence)
    chosen = [g if g is not None else o for g, o in zip(given, offline, strict=True)]
    return unique_labels(
        [[c.name, o.name] for c, o in zip(chosen, offline, strict=True)],
        [c.description or o.description for c, o in zip(chosen, offline, strict=True)],
        [g.fallback for g in groups],
    )


def _sentences_of(texts: Sequence[str]) -> list[str]:
    """The first sentences of the central tickets a namer is shown, most central first."""
    return [s for t in texts[:_NAMER_TICKETS] for s in sentences(t, 2)]


def central_first(members: np.ndarray, similarity: np.ndarray) -> np.ndarray:
    """Members ordered by similarity to their theme's centre, most central first."""
    return members[np.argsort(-similarity[members], kind="stable")]


def main_language(codes: Sequence[str]) -> str:
    """The language most of the codes are (undetermined ones aside); "und" when none is known."""
    known = Counter(c for c in codes if c != UNDETERMINED)
    return known.most_common(1)[0][0] if known else UNDETERMINED


def in_language(members: np.ndarray, languages: Sequence[str], code: str) -> np.ndarray:
    """The members written in ``code`` (or undetermined), in order; all of them when none is."""
    kept = members[[languages[i] in (code, UNDETERMINED) for i in members]]
    return kept if len(kept) else members


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
    central: dict[int, list[str]] | None = None,
    centroids: np.ndarray | None = None,
    encode: Encode | None = None,
) -> list[ParentTheme]:
    """Name each parent like a theme, from its central tickets; a parent of one theme takes its
    name.

    ``labels`` are those of the tickets ``terms`` counted; sizes and shares come from ``themes``;
    ``central`` holds each parent's most central tickets and ``centroids`` its centre (without
    them, parents of several themes get keyword names).
    """
    if not len(parents):
        return []
    parent_of_ticket = np.where(labels >= 0, parents[np.maximum(labels, 0)], UNTHEMED_ID)
    parent_ids = list(range(int(parents.max()) + 1))
    weights = term_weights(terms, parent_of_ticket, parent_ids)
    keywords = keywords_per_theme(terms, parent_of_ticket, parent_ids, config, weights)
    names = unique_names([keywords[p] for p in parent_ids], config.name_terms)
    if central is not None and centroids is not None:
        # A parent of one theme takes that theme's name: its tickets are not searched.
        single = {p for p in parent_ids if (parents == p).sum() == 1}
        groups = [
            NamingGroup(
                [] if p in single else central[p],
                centroids[p],
                word_weights(weights, terms, p),
                names[p],
            )
            for p in parent_ids
        ]
        names = [lab.name for lab in name_groups(groups, centroids, encode, config)]
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


def parent_naming(
    parents: np.ndarray,
    members: dict[int, np.ndarray],
    centroids: np.ndarray,
    embeddings: np.ndarray,
    texts: Sequence[str],
    languages: Sequence[str],
    limit: int,
) -> tuple[dict[int, list[str]], np.ndarray]:
    """Each parent's most central tickets in its main language, and its centre (the size-weighted
    mean of its themes' centres)."""
    central: dict[int, list[str]] = {}
    centres = np.zeros((int(parents.max()) + 1 if len(parents) else 0, centroids.shape[1]))
    for parent in range(len(centres)):
        children = [int(t) for t in np.flatnonzero(parents == parent)]
        centre = sum(len(members[t]) * centroids[t].astype(np.float64) for t in children)
        centres[parent] = centre / (np.linalg.norm(centre) or 1.0)
        pooled = np.concatenate([members[t] for t in children])
        pooled = pooled[np.argsort(-(embeddings[pooled] @ centres[parent]), kind="stable")]
        code = main_language([languages[i] for i in pooled])
        central[parent] = [texts[i] for i in in_language(pooled, languages, code)[:limit]]
    return central, centres.astype(np.float32)


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


@dataclass(frozen=True)
class TermWeights:
    """c-TF-IDF weights of each theme's terms (rows in ``theme_ids`` order), and membership."""

    weights: sparse.csr_matrix
    membership: sparse.csr_matrix


def term_weights(
    terms: TermCounts, labels: np.ndarray, theme_ids: Sequence[int]
) -> TermWeights | None:
    """c-TF-IDF of the counted tickets grouped by theme; None when no term survived."""
    if terms.counts is None or not theme_ids:
        return None
    n_docs = terms.counts.shape[0]
    index = {t: i for i, t in enumerate(theme_ids)}
    rows = [index.get(int(label), -1) for label in labels]
    keep = np.array([r >= 0 for r in rows], dtype=bool)
    membership = sparse.csr_matrix(
        (np.ones(int(keep.sum())), (np.array(rows)[keep], np.flatnonzero(keep))),
        shape=(len(theme_ids), n_docs),
    )
    return TermWeights(c_tf_idf(membership @ terms.counts), membership)


def word_weights(weights: TermWeights | None, terms: TermCounts, position: int) -> dict[str, float]:
    """One theme's single words and their c-TF-IDF weights, scaled so its top word weighs 1."""
    if weights is None:
        return {}
    row = weights.weights.getrow(position).tocoo()
    found: dict[str, float] = {}
    for column, value in zip(row.col, row.data, strict=True):
        term = str(terms.vocabulary[column])
        if " " not in term:
            word = fold(term)
            found[word] = max(found.get(word, 0.0), float(value))
    top = max(found.values(), default=0.0) or 1.0
    return {w: v / top for w, v in found.items()}


def keywords_per_theme(
    terms: TermCounts,
    labels: np.ndarray,
    theme_ids: Sequence[int],
    config: ThemeConfig,
    computed: TermWeights | None = None,
) -> dict[int, list[str]]:
    """Key phrases of each theme, best first; phrases repeating a better one's words are dropped.

    ``computed``: the same tickets' :func:`term_weights`, when the caller has them already.
    """
    if not theme_ids:
        return {}
    computed = computed or term_weights(terms, labels, theme_ids)
    if terms.counts is None or computed is None:
        return {t: [] for t in theme_ids}
    counts, vocabulary = terms.counts, terms.vocabulary
    weights, membership = computed.weights, computed.membership
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
        words = _words(phrase)
        if words <= seen:
            continue
        if any(_words(c) < words and len(words) > 1 for c in chosen):
            # A longer phrase that extends a chosen one replaces it: 'loop' -> 'login loop'.
            chosen = [c for c in chosen if not _words(c) < words]
        chosen.append(phrase)
        seen |= words
    return chosen


def _words(phrase: str) -> set[str]:
    return {fold(w) for w in phrase.split()}


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
    members: np.ndarray,
    similarity: np.ndarray,
    embeddings: np.ndarray,
    count: int,
    languages: Sequence[str] | None = None,
    main: str = UNDETERMINED,
) -> list[int]:
    """Indices of the members closest to the theme centre, skipping near-duplicates of picks.

    When another language holds at least ``_QUOTED_LANGUAGE_SHARE`` of the theme, the last
    place goes to its most central ticket, so a mixed-language theme is quoted in both.
    """
    order = central_first(members, similarity)
    picked: list[int] = []
    for i in order:
        if all(float(embeddings[i] @ embeddings[j]) < _NEAR_DUPLICATE for j in picked):
            picked.append(int(i))
        if len(picked) == count:
            break
    if languages is None or count < 2:
        return picked
    shares = Counter(languages[i] for i in members if languages[i] not in (main, UNDETERMINED))
    for code, n in shares.most_common():
        if n < max(_MIN_SUPPORT_TICKETS, _QUOTED_LANGUAGE_SHARE * len(members)):
            break
        if any(languages[i] == code for i in picked):
            continue
        first = next(int(i) for i in order if languages[i] == code)
        picked = [*picked[: count - 1], first] if len(picked) >= count else [*picked, first]
        break
    return picked


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _REPRESENTATIVE_CHARS else text[: _REPRESENTATIVE_CHARS - 1] + "…"
