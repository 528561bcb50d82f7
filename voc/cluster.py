"""``ThemeModel``: group ticket embeddings into themes (UMAP + HDBSCAN + assignment + smoothing).

Follows scikit-learn's estimator contract: ``__init__`` only stores parameters, ``fit`` validates,
learns and returns ``self``; learned state ends with an underscore. A fitted model assigns new
tickets with :meth:`ThemeModel.predict`.

Why this design: HDBSCAN finds dense groups without being told how many, but leaves many tickets
as noise. Rather than hide them, each noise ticket joins the theme whose centroid (in the original
embedding space) it is close enough to; the rest stay visibly Unthemed. ``predict`` uses the same
rule, so new tickets are treated like the fitted ones that HDBSCAN left unassigned.

The 5-D UMAP space HDBSCAN clusters in distorts borders between neighbouring themes, so a last
step lets each ticket's nearest neighbours in the original space vote: a strict majority moves it
to their theme (see :func:`voc.neighbors.majority_smooth`). One exact neighbour graph serves UMAP,
the smoothing and the 2-D map, which is both faster and more faithful than UMAP's approximate one.
"""

from __future__ import annotations

import inspect
import math
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any

import numpy as np

from voc.config import ClusterConfig
from voc.embed import Progress
from voc.errors import ConfigError
from voc.jit import cache_umap_kernels
from voc.neighbors import Neighbors, exact_neighbors, majority_smooth
from voc.schema import UNTHEMED_ID

_STAGE = "cluster"
# Rows assigned per block: bounds the similarity matrix whatever the input size.
_ASSIGN_ROWS = 65_536
# Rows turned to float64 at once for their centroid similarities (24 MB at 384 dimensions).
_SIMILARITY_ROWS = 8192
# Unsampled tickets handed to ``assign`` at once (each call may be a round of distributed tasks).
_REST_ROWS = 262_144
# Sampled tickets whose mean position places an unsampled ticket on the map.
_MAP_NEIGHBORS = 5
# Similarities held at once while placing tickets on the map (64 MB of float32).
_MAP_BLOCK_CELLS = 16 * 2**20
# ``most_similar``: pool rows turned to float64 at once, and similarities held at once (a block
# costs about 28 bytes a cell with its float64 sums and partition: 224 MB).
_POOL_ROWS = 65_536
_TOP_CELLS = 8 * 2**20

Assign = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
"""Themes of embeddings by a fitted model's rule: labels and similarities (see ``predict``)."""


class ThemeModel:
    """Reduce with UMAP, cluster with HDBSCAN, assign noise to near themes, smooth borders.

    Args:
        min_theme_size: smallest theme; None derives it from the input size (see
            :meth:`resolved_min_theme_size`).
        min_theme_floor: lower bound of the automatic minimum theme size.
        min_theme_scale: automatic minimum theme size per square root of the tickets.
        min_samples: HDBSCAN ``min_samples``; None: ``min(min theme size, 10)``.
        n_neighbors: UMAP neighbourhood size.
        n_components: UMAP output dimensions used for clustering.
        reduce_epochs: UMAP optimisation epochs for the clustering space (None: UMAP's default).
        exact_neighbors_max: up to this many tickets, nearest neighbours are exact; above,
            approximate (NNDescent).
        assign_threshold: cosine similarity to a centroid needed to join a theme outside HDBSCAN.
        smooth_neighbors: neighbourhood (the ticket included) whose strict majority moves a ticket
            to its theme; below 2 turns smoothing off.
        map_2d: also compute 2-D coordinates for a map of the tickets.
        map_epochs: UMAP optimisation epochs for the map.
        sample_above: above this many tickets, fit on a sample and assign the rest; None: never.
        sample_size: tickets in that seeded fitting sample.
        allow_single_theme: let HDBSCAN make one theme of tickets that hold a single group
            (used on the leftovers of a re-run, which may hold one new problem and nothing else).
        random_state: seed; the same data and seed give the same themes.

    Example:
        >>> model = ThemeModel(random_state=42).fit(embeddings)
        >>> model.labels_[:5], model.predict(new_embeddings)[0]
    """

    def __init__(
        self,
        *,
        min_theme_size: int | None = None,
        min_theme_floor: int = 10,
        min_theme_scale: float = 0.4714,
        min_samples: int | None = None,
        n_neighbors: int = 15,
        n_components: int = 5,
        reduce_epochs: int | None = 100,
        exact_neighbors_max: int = 50_000,
        assign_threshold: float = 0.45,
        smooth_neighbors: int = 15,
        map_2d: bool = True,
        map_epochs: int = 50,
        sample_above: int | None = 50_000,
        sample_size: int = 30_000,
        allow_single_theme: bool = False,
        random_state: int = 42,
    ):
        self.min_theme_size = min_theme_size
        self.min_theme_floor = min_theme_floor
        self.min_theme_scale = min_theme_scale
        self.min_samples = min_samples
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.reduce_epochs = reduce_epochs
        self.exact_neighbors_max = exact_neighbors_max
        self.assign_threshold = assign_threshold
        self.smooth_neighbors = smooth_neighbors
        self.map_2d = map_2d
        self.map_epochs = map_epochs
        self.sample_above = sample_above
        self.sample_size = sample_size
        self.allow_single_theme = allow_single_theme
        self.random_state = random_state

    @classmethod
    def from_config(cls, config: ClusterConfig, seed: int) -> ThemeModel:
        """A model with the settings of a run's ``cluster`` section."""
        params = inspect.signature(cls).parameters
        settings = {f.name: getattr(config, f.name) for f in fields(config) if f.name in params}
        return cls(**settings, random_state=seed)

    def resolved_min_theme_size(self, n_tickets: int) -> int:
        """The minimum theme size used for ``n_tickets`` tickets.

        ``max(min_theme_floor, round(min_theme_scale * sqrt(n_tickets)))`` unless
        ``min_theme_size`` is given. Why the square root (docs/clustering.md): with no prior on
        how many problems an export holds, the usual rule of thumb expects about ``sqrt(n / 2)``
        groups in ``n`` items, so a typical theme of ``sqrt(2 n)`` tickets; HDBSCAN's themes come
        out about three times its minimum size, so the default scale is ``sqrt(2) / 3``. A size
        that grew as a share of the tickets instead merged neighbouring intents of balanced
        exports and capped any export at about 200 themes.
        """
        if self.min_theme_size is not None:
            return int(self.min_theme_size)
        return max(self.min_theme_floor, round(self.min_theme_scale * math.sqrt(n_tickets)))

    def fit(
        self,
        embeddings: np.ndarray,
        progress: Progress | None = None,
        assign: Assign | None = None,
    ) -> ThemeModel:
        """Learn themes from unit-length embeddings (one row per ticket).

        Above ``sample_above`` tickets the themes are learnt from a seeded sample of
        ``sample_size`` and every other ticket is assigned to them (``assign``, default
        :meth:`predict`; an engine may pass a distributed stand-in).
        """
        x = _check_embeddings(embeddings)
        sample = self.sample_rows(len(x))
        if sample is None:
            self._start(len(x))
            steps = _Steps(progress)
            size = self.min_theme_size_
            self.labels_, self.similarity_, self.map_xy_ = self._fit_all(x, size, steps)
            self.timings_ = steps.finish()
            return self
        self.fit_sample(x[sample], len(x), progress)
        return self.extend(x, sample, progress, assign)

    def fit_sample(
        self, sample_embeddings: np.ndarray, n_tickets: int, progress: Progress | None = None
    ) -> ThemeModel:
        """Learn themes from the fitting sample (:meth:`sample_rows`) of ``n_tickets`` tickets.

        The first half of :meth:`fit` on a large input: afterwards :meth:`predict` assigns to the
        sample's themes, and :meth:`extend` adds the other tickets. Between the two, a caller may
        compute the other tickets' vectors knowing the themes (:mod:`voc.firstpass`).
        """
        x = _check_embeddings(sample_embeddings)
        size = self._start(n_tickets)
        steps = _Steps(progress)
        # The same share of the sample as of the whole, never below the floor unless asked.
        sample_min = max(min(self.min_theme_floor, size), round(size * len(x) / n_tickets), 2)
        self._sample_fit = self._fit_all(x, sample_min, steps)
        self.sample_size_ = len(x)
        self._steps = steps
        return self

    def extend(
        self,
        embeddings: np.ndarray,
        sample: np.ndarray,
        progress: Progress | None = None,
        assign: Assign | None = None,
    ) -> ThemeModel:
        """Finish :meth:`fit_sample`: assign every ticket outside ``sample`` (``assign``, default
        :meth:`predict`; an engine may pass a distributed stand-in), re-centre the themes on all
        their tickets and place the others on the map."""
        if not hasattr(self, "_sample_fit"):
            raise RuntimeError("ThemeModel.extend called before fit_sample")
        x = _check_embeddings(embeddings)
        n = len(x)
        labels, _, xy = self._sample_fit
        steps = self._steps
        del self._sample_fit, self._steps
        rest = np.ones(n, dtype=bool)
        rest[sample] = False
        with steps("assign_rest"):
            full = np.empty(n, dtype=np.int64)
            full[sample] = labels
            # In slices, so no copy of all the other tickets' vectors is made at once.
            others = np.flatnonzero(rest)
            for start in range(0, len(others), _REST_ROWS):
                rows = others[start : start + _REST_ROWS]
                full[rows] = (assign or self.predict)(x[rows])[0]
            self.centroids_ = _centroids(x, full)
            self.labels_, self.similarity_ = self._assign(x, full)
            self.labels_, self.centroids_ = _order_by_size(self.labels_, self.centroids_)
        self.map_xy_ = None
        if xy is not None:
            with steps("map_rest"):
                self.map_xy_ = _place_on_map(x, sample, xy, self._nearest_theme(x))
        self.timings_ = steps.finish()
        return self

    def _start(self, n_tickets: int) -> int:
        """Reset what a fit learns; the minimum theme size for ``n_tickets``."""
        size = self.resolved_min_theme_size(n_tickets)
        if size < 2:
            raise ConfigError(f"minimum theme size must be at least 2, got {size}")
        self.min_theme_size_ = size
        self.sample_size_ = None
        self.new_themes_ = 0  # themes only an update adds
        return size

    def update(
        self,
        embeddings: np.ndarray,
        known: np.ndarray,
        known_labels: np.ndarray,
        known_xy: np.ndarray | None,
        centroids: np.ndarray,
        progress: Progress | None = None,
        assign: Assign | None = None,
    ) -> ThemeModel:
        """Fit by keeping an earlier fit's themes: for re-runs that add a few tickets.

        Tickets where ``known`` is True keep their theme from ``known_labels`` (and their map
        place from ``known_xy``); the others join the earlier themes by :meth:`predict`'s rule.
        Tickets that fit no theme (new, and earlier Unthemed) are clustered among themselves, so a
        problem that appears only in the new tickets still becomes a theme of its own.
        """
        x = _check_embeddings(embeddings)
        known = np.asarray(known, dtype=bool)
        n = len(x)
        size = self.resolved_min_theme_size(n)
        self.min_theme_size_ = size
        self.sample_size_ = None
        self.smoothed_ = 0
        steps = _Steps(progress)
        self.centroids_ = np.asarray(centroids, dtype=np.float32)
        labels = np.where(known, known_labels, UNTHEMED_ID).astype(np.int64)
        with steps("assign_new"):
            if (~known).any():
                labels[~known] = (assign or self.predict)(x[~known])[0]
        with steps("new_themes"):
            pool = np.flatnonzero(labels == UNTHEMED_ID)
            self.hdbscan_noise_ = self.fitted_unthemed_ = len(pool)
            self.new_themes_ = 0
            if len(pool) >= 2 * size:
                params = {**self.get_params(), "sample_above": None, "map_2d": False}
                params.update(min_theme_size=size, allow_single_theme=True)
                found = ThemeModel(**params).fit(x[pool])
                # A new theme must be as close-knit as a ticket must be to join a theme.
                cohesive = [
                    t
                    for t in range(len(found.centroids_))
                    if found.similarity_[found.labels_ == t].mean() >= self.assign_threshold
                ]
                for new_id, t in enumerate(cohesive):
                    labels[pool[found.labels_ == t]] = len(self.centroids_) + new_id
                self.new_themes_ = len(cohesive)
                self.fitted_unthemed_ = int((labels == UNTHEMED_ID).sum())
            labels = _compact(labels)
            self.centroids_ = _centroids(x, labels)
            self.labels_, self.similarity_ = self._assign(x, labels)
            self.labels_, self.centroids_ = _order_by_size(self.labels_, self.centroids_)
        self.map_xy_ = None
        if self.map_2d and known_xy is not None and known.any():
            with steps("map_new"):
                anchors = np.flatnonzero(known)
                self.map_xy_ = _place_on_map(
                    x, anchors, np.asarray(known_xy, dtype=np.float32)[anchors],
                    self._nearest_theme(x),
                )  # fmt: skip
        self.timings_ = steps.finish()
        return self

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters (scikit-learn's convention)."""
        return {name: getattr(self, name) for name in inspect.signature(type(self)).parameters}

    def sample_rows(self, n: int) -> np.ndarray | None:
        """Sorted rows of the seeded fitting sample of ``n`` tickets; None when all are fitted."""
        if self.sample_above is None or n <= self.sample_above or self.sample_size >= n:
            return None
        rng = np.random.default_rng(self.random_state)
        return np.sort(rng.choice(n, size=self.sample_size, replace=False))

    def _fit_all(
        self, x: np.ndarray, size: int, steps: _Steps
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Fit on every row of ``x``: labels, similarity to their theme, map coordinates."""
        n = len(x)
        self.hdbscan_noise_ = n
        self.smoothed_ = 0
        raw = np.full(n, UNTHEMED_ID, dtype=np.int64)
        graph = None
        # UMAP needs more points than neighbours and dimensions.
        if n >= max(self.n_components + 2, 4):
            with steps("neighbors"):
                graph = self._neighbors(x)
        # Below two minimum-size groups there is nothing to separate.
        if graph is not None and n >= 2 * size:
            with steps("reduce"):
                reduced = self._umap(
                    x, graph, self.n_components, 0.0, self.reduce_epochs, "spectral"
                )
            with steps("hdbscan"):
                raw = self._hdbscan(reduced, size)
            self.hdbscan_noise_ = int((raw == UNTHEMED_ID).sum())
        with steps("assign"):
            self.centroids_ = _centroids(x, raw)
            labels, _ = self._assign(x, raw)
            if graph is not None and self.smooth_neighbors >= 2:
                smoothed = majority_smooth(labels, graph.first(min(self.smooth_neighbors, graph.k)))
                self.smoothed_ = int((smoothed != labels).sum())
                labels = smoothed
            # Smoothing can empty a theme: renumber, then centre each theme on its final tickets.
            labels = _compact(labels)
            self.centroids_ = _centroids(x, labels)
            labels, similarity = self._assign(x, labels)
            labels, self.centroids_ = _order_by_size(labels, self.centroids_)
            self.fitted_unthemed_ = int((labels == UNTHEMED_ID).sum())
        xy = None
        if self.map_2d:
            with steps("map"):
                xy = (
                    self._umap(x, graph, 2, 0.1, self.map_epochs, "pca")
                    if graph is not None
                    else np.zeros((n, 2), dtype=np.float32)
                )
        return labels, similarity, xy

    def predict(self, embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Theme of new tickets (``-1`` for Unthemed) and their similarity to that theme."""
        if not hasattr(self, "centroids_"):
            raise RuntimeError("ThemeModel.predict called before fit")
        x = _check_embeddings(embeddings)
        return self._assign(x, np.full(len(x), UNTHEMED_ID, dtype=np.int64))

    def _nearest_theme(self, x: np.ndarray) -> np.ndarray:
        """Each ticket's own theme, or for an Unthemed ticket its nearest one (-1 if none)."""
        if len(self.centroids_) == 0:
            return np.full(len(x), UNTHEMED_ID, dtype=np.int64)
        nearest = np.empty(len(x), dtype=np.int64)
        for start in range(0, len(x), _ASSIGN_ROWS):
            block = slice(start, start + _ASSIGN_ROWS)
            nearest[block] = centroid_similarities(x[block], self.centroids_).argmax(axis=1)
        return np.where(self.labels_ >= 0, self.labels_, nearest)

    def _neighbors(self, x: np.ndarray) -> Neighbors:
        """One neighbour graph in the embedding space, shared by UMAP, the map and smoothing."""
        k = min(max(self.n_neighbors, self.smooth_neighbors), len(x))
        if len(x) <= self.exact_neighbors_max:
            return exact_neighbors(x, k)
        from umap.umap_ import nearest_neighbors

        indices, distances, _ = nearest_neighbors(
            x,
            k,
            "cosine",
            {},
            True,
            np.random.RandomState(self.random_state),
            low_memory=True,
            n_jobs=1,
        )
        return Neighbors(indices.astype(np.int64), distances.astype(np.float32))

    def _umap(
        self,
        x: np.ndarray,
        graph: Neighbors,
        dims: int,
        min_dist: float,
        epochs: int | None,
        init: str,
    ) -> np.ndarray:
        """UMAP on the shared neighbour graph: the clustering space or the 2-D map."""
        from umap import UMAP

        cache_umap_kernels()

        k = min(self.n_neighbors, len(x) - 1)
        knn = graph.first(k)
        reducer = UMAP(
            n_neighbors=k,
            n_components=dims,
            min_dist=min_dist,
            metric="cosine",
            init=init,
            n_epochs=epochs,
            random_state=self.random_state,
            n_jobs=1,  # a seeded UMAP is single-threaded anyway; saying so silences its warning
            precomputed_knn=(knn.indices, knn.distances, None),
        )
        with warnings.catch_warnings():
            # Without a search index UMAP cannot transform new data; voc never asks it to.
            warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]")
            return np.asarray(reducer.fit_transform(x), dtype=np.float32)

    def _hdbscan(self, reduced: np.ndarray, size: int) -> np.ndarray:
        import hdbscan

        min_samples = self.min_samples if self.min_samples is not None else min(size, 10)
        clusterer = hdbscan.HDBSCAN(
            min_cluster_size=size,
            min_samples=min_samples,
            metric="euclidean",
            cluster_selection_method="eom",
            allow_single_cluster=self.allow_single_theme,
        )
        return clusterer.fit_predict(reduced).astype(np.int64)

    def _assign(self, x: np.ndarray, raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Keep HDBSCAN's themes; give noise the nearest theme when similar enough.

        In blocks of rows, so the similarity matrix stays small whatever the input size.
        """
        labels = raw.copy()
        similarity = np.zeros(len(x), dtype=np.float32)
        if len(self.centroids_) == 0:
            return labels, similarity
        for start in range(0, len(x), _ASSIGN_ROWS):
            block = slice(start, start + _ASSIGN_ROWS)
            labels[block], similarity[block] = self._assign_block(x[block], labels[block])
        return labels, similarity

    def _assign_block(self, x: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sims = centroid_similarities(x, self.centroids_)
        nearest = sims.argmax(axis=1)
        best = sims[np.arange(len(x)), nearest]
        noise = labels == UNTHEMED_ID
        join = noise & (best >= self.assign_threshold)
        labels[join] = nearest[join]
        own = np.where(labels == UNTHEMED_ID, nearest, labels)
        similarity = sims[np.arange(len(x)), own].astype(np.float32)
        return labels, similarity


class _Steps:
    """Times each step of a fit and reports progress after it (seven steps at most)."""

    TOTAL = 7

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[step] = round(time.perf_counter() - start, 3)
        if self.progress:
            self.progress(_STAGE, len(self.seconds), self.TOTAL)

    def finish(self) -> dict[str, float]:
        """Report the stage complete, whichever steps this input needed; the seconds per step."""
        if self.progress:
            self.progress(_STAGE, self.TOTAL, self.TOTAL)
        return self.seconds


def _place_on_map(
    x: np.ndarray, sample: np.ndarray, sample_xy: np.ndarray, group: np.ndarray
) -> np.ndarray:
    """Map coordinates of every ticket: the fitted sample's own, and for each other ticket the
    mean position of its ``_MAP_NEIGHBORS`` most similar sampled tickets of the same theme.

    Searching within a theme costs a fraction of a search over the whole sample, and keeps each
    ticket inside its theme's island on the map.
    """
    xy = np.empty((len(x), 2), dtype=np.float32)
    xy[sample] = sample_xy
    in_sample = np.zeros(len(x), dtype=bool)
    in_sample[sample] = True
    for theme in np.unique(group):
        members = group == theme
        anchors = np.flatnonzero(members & in_sample)
        todo = np.flatnonzero(members & ~in_sample)
        if not len(todo):
            continue
        if not len(anchors):  # no sampled ticket shares this group: use the whole sample
            anchors = sample
        k = min(_MAP_NEIGHBORS, len(anchors))
        block = max(1, _MAP_BLOCK_CELLS // len(anchors))
        for start in range(0, len(todo), block):
            rows = todo[start : start + block]
            sims = x[rows] @ x[anchors].T
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < len(anchors) else None
            nearest = anchors[top] if top is not None else np.tile(anchors, (len(rows), 1))
            xy[rows] = xy[nearest].mean(axis=1)
    return xy


def centroid_similarities(x: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """``x @ centroids.T`` as float32, summed in float64 so a row's result does not depend on
    the rows given with it.

    Why: BLAS picks its kernel, and so the order of a float32 sum, by the call's shape and by a
    row's place in its tile (OpenBLAS's SkylakeX build has a separate small-matrix kernel), so
    float32 products of the same ticket differ in the last bits between block sizes, Dask
    partitions and machines. Summed in float64, those differences are about 1e-16, far below
    float32's resolution, and rounding gives the same float32 (0 of 93.5 million values differed
    across random splits under both the Haswell and SkylakeX kernels, docs/determinism.md). The
    promise stays a tolerance (1e-6); the cost is about 3 s per million tickets at 150 themes.
    """
    x = np.asarray(x, dtype=np.float32)
    centroids_t = np.asarray(centroids, dtype=np.float64).T
    out = np.empty((len(x), centroids_t.shape[1]), dtype=np.float32)
    for start in range(0, len(x), _SIMILARITY_ROWS):
        block = slice(start, start + _SIMILARITY_ROWS)
        out[block] = x[block].astype(np.float64) @ centroids_t
    return out


def most_similar(
    queries: np.ndarray, pool: np.ndarray, k: int, among: np.ndarray | None = None
) -> np.ndarray:
    """Each query row's ``k`` most similar rows of ``pool`` (only its rows ``among``, when
    given), in no order, as positions in ``among`` (or ``pool``); similarities summed as
    :func:`centroid_similarities` sums them.

    Memory stays bounded whatever the sizes (a pool of a million tickets included): the pool is
    read in chunks, each query keeping its best ``k`` so far.
    """
    queries = np.asarray(queries, dtype=np.float32)
    among = np.arange(len(pool)) if among is None else np.asarray(among, dtype=np.int64)
    k = min(k, len(among))
    best = np.full((len(queries), k), -np.inf, dtype=np.float32)
    where = np.zeros((len(queries), k), dtype=np.int64)
    if not k:
        return where
    chunk = min(len(among), _POOL_ROWS)
    rows = max(1, _TOP_CELLS // chunk)
    for first in range(0, len(among), chunk):
        pool_t = np.asarray(pool[among[first : first + chunk]], dtype=np.float64).T
        for start in range(0, len(queries), rows):
            block = slice(start, start + rows)
            sims = (queries[block].astype(np.float64) @ pool_t).astype(np.float32)
            candidates = np.hstack([best[block], sims])
            pick = np.argpartition(-candidates, k - 1, axis=1)[:, :k]
            kept = np.take_along_axis(where[block], np.minimum(pick, k - 1), axis=1)
            where[block] = np.where(pick < k, kept, first + pick - k)
            best[block] = np.take_along_axis(candidates, pick, axis=1)
    return where


def _check_embeddings(embeddings: np.ndarray) -> np.ndarray:
    x = np.asarray(embeddings, dtype=np.float32)
    if x.ndim != 2 or len(x) == 0:
        raise ValueError(f"embeddings must be a non-empty 2-D array, got shape {x.shape}")
    return x


def _centroids(x: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Unit-length mean vector of each theme, indexed by theme id."""
    k = int(labels.max()) + 1 if len(labels) else 0
    centroids = np.zeros((k, x.shape[1]), dtype=np.float32)
    for theme in range(k):
        centroids[theme] = x[labels == theme].mean(axis=0)
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    return centroids / np.where(norms == 0, 1, norms)


def _compact(labels: np.ndarray) -> np.ndarray:
    """Renumber themes 0..k-1, dropping ids no ticket holds any more."""
    themed = labels >= 0
    kept, dense = np.unique(labels[themed], return_inverse=True)
    out = labels.copy()
    out[themed] = dense
    return out


def _order_by_size(labels: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber themes so theme 0 is the largest (ties by old id): stable, readable ids."""
    k = len(centroids)
    if k == 0:
        return labels, centroids
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    order = sorted(range(k), key=lambda t: (-sizes[t], t))
    remap = np.full(k, UNTHEMED_ID, dtype=np.int64)
    remap[order] = np.arange(k)
    new = np.where(labels >= 0, remap[np.maximum(labels, 0)], UNTHEMED_ID)
    return new, centroids[order]
