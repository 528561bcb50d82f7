"""``ThemeModel``: group ticket embeddings into themes (UMAP + HDBSCAN + centroid assignment).

Follows scikit-learn's estimator contract: ``__init__`` only stores parameters, ``fit`` validates,
learns and returns ``self``; learned state ends with an underscore. A fitted model assigns new
tickets with :meth:`ThemeModel.predict`.

Why this design: HDBSCAN finds dense groups without being told how many, but leaves many tickets
as noise. Rather than hide them, each noise ticket joins the theme whose centroid (in the original
embedding space) it is close enough to; the rest stay visibly Unthemed. ``predict`` uses the same
rule, so new tickets are treated like the fitted ones that HDBSCAN left unassigned.
"""

from __future__ import annotations

import numpy as np

from voc.config import ClusterConfig
from voc.embed import Progress
from voc.errors import ConfigError
from voc.schema import UNTHEMED_ID

_STAGE = "cluster"


class ThemeModel:
    """Reduce with UMAP, cluster with HDBSCAN, assign noise to near themes.

    Args:
        min_theme_size: smallest theme; None scales it with the input size.
        min_theme_floor: lower bound of the automatic minimum theme size.
        min_theme_fraction: automatic minimum theme size as a share of the tickets.
        min_samples: HDBSCAN ``min_samples``; None: ``min(min theme size, 10)``.
        n_neighbors: UMAP neighbourhood size.
        n_components: UMAP output dimensions used for clustering.
        assign_threshold: cosine similarity to a centroid needed to join a theme outside HDBSCAN.
        map_2d: also compute 2-D coordinates for a map of the tickets.
        map_epochs: UMAP optimisation epochs for the map.
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
        min_theme_fraction: float = 0.005,
        min_samples: int | None = None,
        n_neighbors: int = 15,
        n_components: int = 5,
        assign_threshold: float = 0.45,
        map_2d: bool = True,
        map_epochs: int = 100,
        random_state: int = 42,
    ):
        self.min_theme_size = min_theme_size
        self.min_theme_floor = min_theme_floor
        self.min_theme_fraction = min_theme_fraction
        self.min_samples = min_samples
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.assign_threshold = assign_threshold
        self.map_2d = map_2d
        self.map_epochs = map_epochs
        self.random_state = random_state

    @classmethod
    def from_config(cls, config: ClusterConfig, seed: int) -> ThemeModel:
        """A model with the settings of a run's ``cluster`` section."""
        return cls(
            min_theme_size=config.min_theme_size,
            min_theme_floor=config.min_theme_floor,
            min_theme_fraction=config.min_theme_fraction,
            min_samples=config.min_samples,
            n_neighbors=config.n_neighbors,
            n_components=config.n_components,
            assign_threshold=config.assign_threshold,
            map_2d=config.map_2d,
            map_epochs=config.map_epochs,
            random_state=seed,
        )

    def resolved_min_theme_size(self, n_tickets: int) -> int:
        """The minimum theme size used for ``n_tickets`` tickets."""
        if self.min_theme_size is not None:
            return int(self.min_theme_size)
        return max(self.min_theme_floor, round(self.min_theme_fraction * n_tickets))

    def fit(self, embeddings: np.ndarray, progress: Progress | None = None) -> ThemeModel:
        """Learn themes from unit-length embeddings (one row per ticket)."""
        x = _check_embeddings(embeddings)
        n = len(x)
        size = self.resolved_min_theme_size(n)
        if size < 2:
            raise ConfigError(f"minimum theme size must be at least 2, got {size}")
        self.min_theme_size_ = size
        self.hdbscan_noise_ = n
        raw = np.full(n, UNTHEMED_ID, dtype=np.int64)
        reduced: np.ndarray | None = None
        # Below two minimum-size groups there is nothing to separate; UMAP also needs
        # more points than neighbours and dimensions.
        if n >= max(2 * size, self.n_components + 2, 4):
            reduced = self._reduce(x, self.n_components, progress)
            raw = self._hdbscan(reduced, size)
            self.hdbscan_noise_ = int((raw == UNTHEMED_ID).sum())
        if progress:
            progress(_STAGE, 2, 3)
        self.centroids_ = _centroids(x, raw)
        self.labels_, self.similarity_ = self._assign(x, raw)
        self.labels_, self.centroids_ = _order_by_size(self.labels_, self.centroids_)
        self.map_xy_ = self._map(x if reduced is None else reduced) if self.map_2d else None
        if progress:
            progress(_STAGE, 3, 3)
        return self

    def predict(self, embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Theme of new tickets (``-1`` for Unthemed) and their similarity to that theme."""
        if not hasattr(self, "centroids_"):
            raise RuntimeError("ThemeModel.predict called before fit")
        x = _check_embeddings(embeddings)
        return self._assign(x, np.full(len(x), UNTHEMED_ID, dtype=np.int64))

    def _reduce(self, x: np.ndarray, dims: int, progress: Progress | None) -> np.ndarray:
        from umap import UMAP

        if progress:
            progress(_STAGE, 0, 3)
        reducer = UMAP(
            n_neighbors=min(self.n_neighbors, len(x) - 1),
            n_components=dims,
            min_dist=0.0,
            metric="cosine",
            random_state=self.random_state,
            n_jobs=1,  # a seeded UMAP is single-threaded anyway; saying so silences its warning
            low_memory=True,
        )
        reduced = reducer.fit_transform(x)
        if progress:
            progress(_STAGE, 1, 3)
        return np.asarray(reduced, dtype=np.float32)

    def _hdbscan(self, reduced: np.ndarray, size: int) -> np.ndarray:
        import hdbscan

        min_samples = self.min_samples if self.min_samples is not None else min(size, 10)
        clusterer = hdbscan.HDBSCAN(
            min_cluster_size=size,
            min_samples=min_samples,
            metric="euclidean",
            cluster_selection_method="eom",
        )
        return clusterer.fit_predict(reduced).astype(np.int64)

    def _assign(self, x: np.ndarray, raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Keep HDBSCAN's themes; give noise the nearest theme when similar enough."""
        labels = raw.copy()
        if len(self.centroids_) == 0:
            return labels, np.zeros(len(x), dtype=np.float32)
        sims = x @ self.centroids_.T
        nearest = sims.argmax(axis=1)
        best = sims[np.arange(len(x)), nearest]
        noise = labels == UNTHEMED_ID
        join = noise & (best >= self.assign_threshold)
        labels[join] = nearest[join]
        own = np.where(labels == UNTHEMED_ID, nearest, labels)
        similarity = sims[np.arange(len(x)), own].astype(np.float32)
        return labels, similarity

    def _map(self, space: np.ndarray) -> np.ndarray:
        """2-D coordinates for a map; from the clustering space, which is cheap to reduce again."""
        if len(space) < 4:
            return np.zeros((len(space), 2), dtype=np.float32)
        from umap import UMAP

        # A picture, not the clustering: PCA start and few epochs keep it cheap (seconds, not
        # the half-minute a spectral start and 200-500 epochs take on 10k+ tickets).
        reducer = UMAP(
            n_neighbors=min(self.n_neighbors, len(space) - 1),
            n_components=2,
            min_dist=0.1,
            init="pca",
            n_epochs=self.map_epochs,
            random_state=self.random_state,
            n_jobs=1,  # a seeded UMAP is single-threaded anyway; saying so silences its warning
        )
        return np.asarray(reducer.fit_transform(space), dtype=np.float32)


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
