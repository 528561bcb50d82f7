"""Parent themes and per-theme quality signals, computed from theme centroids and members.

Parent themes give the analyst the big picture first: themes whose centroids are close are grouped
by average-linkage agglomerative clustering on cosine distance, cut at a fixed distance (so the
number of parents follows the data, not a target count).

Quality signals say how far to trust each theme: cohesion (mean cosine similarity of its tickets to
its centroid), the nearest other theme and how similar it is (a candidate to merge when high), and
whether the theme looks mixed (a candidate to split): its tickets fall into two sub-groups whose
centres are less similar than ``mixed_split_similarity``.
"""

from __future__ import annotations

import numpy as np

from voc.schema import ThemeQuality

_SPLIT_SAMPLE = 2000  # members used to test a theme for two sub-groups; bounds the cost
_MIN_SPLIT_SHARE = 0.15  # a sub-group smaller than this share is an outlier fringe, not a mix


def parent_labels(centroids: np.ndarray, max_distance: float) -> np.ndarray:
    """Parent id per theme; parents numbered by first appearance, so parent 0 holds theme 0."""
    k = len(centroids)
    if k < 2:
        return np.zeros(k, dtype=np.int64)
    from sklearn.cluster import AgglomerativeClustering

    raw = AgglomerativeClustering(
        n_clusters=None, distance_threshold=max_distance, metric="cosine", linkage="average"
    ).fit_predict(centroids)
    order: dict[int, int] = {}
    return np.array([order.setdefault(int(p), len(order)) for p in raw], dtype=np.int64)


def theme_quality(
    embeddings: np.ndarray,
    labels: np.ndarray,
    centroids: np.ndarray,
    mixed_split_similarity: float,
    seed: int,
) -> dict[int, ThemeQuality]:
    """Quality signals of every theme (not of the Unthemed bucket)."""
    from sklearn.cluster import KMeans

    sims = centroids @ centroids.T if len(centroids) else np.zeros((0, 0))
    np.fill_diagonal(sims, -np.inf)
    rng = np.random.default_rng(seed)
    result: dict[int, ThemeQuality] = {}
    for theme in range(len(centroids)):
        members = np.flatnonzero(labels == theme)
        if not len(members):
            continue
        vectors = embeddings[members]
        cohesion = float((vectors @ centroids[theme]).mean())
        nearest = int(np.argmax(sims[theme])) if len(centroids) > 1 else None
        split = None
        if len(members) >= 10:
            if len(members) > _SPLIT_SAMPLE:
                vectors = vectors[rng.choice(len(vectors), _SPLIT_SAMPLE, replace=False)]
            halves = KMeans(2, n_init=3, random_state=seed).fit(vectors)
            smaller = np.bincount(halves.labels_, minlength=2).min() / len(vectors)
            a, b = halves.cluster_centers_
            split = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
            if smaller < _MIN_SPLIT_SHARE:
                split = max(split, mixed_split_similarity)  # a fringe, not two themes
        result[theme] = ThemeQuality(
            cohesion=round(cohesion, 4),
            nearest_theme_id=nearest,
            nearest_similarity=None if nearest is None else round(float(sims[theme, nearest]), 4),
            split_similarity=None if split is None else round(split, 4),
            mixed=split is not None and split < mixed_split_similarity,
        )
    return result
