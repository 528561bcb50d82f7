"""Nearest neighbours in the embedding space, and majority smoothing of labels over them.

Both are plain numpy/scipy so they can be tested on their own. ``ThemeModel`` computes the
neighbour graph once and uses it three times: UMAP's clustering space, the 2-D map, and smoothing.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from voc.cpus import usable_cpus

# Rows of similarities held per block: about 128 MB of float32 per worker thread.
_BLOCK_BYTES = 128 * 2**20
# Smoothing stops earlier when nothing changes; a cap keeps a pathological oscillation finite.
SMOOTH_MAX_ROUNDS = 20


@dataclass(frozen=True)
class Neighbors:
    """The ``k`` nearest tickets of each ticket, itself first; cosine distances ascending."""

    indices: np.ndarray  # (n, k) int64
    distances: np.ndarray  # (n, k) float32, 1 - cosine similarity

    @property
    def k(self) -> int:
        return int(self.indices.shape[1])

    def first(self, k: int) -> Neighbors:
        """The same graph cut to the ``k`` nearest."""
        return Neighbors(self.indices[:, :k], self.distances[:, :k])


def exact_neighbors(x: np.ndarray, k: int, threads: int | None = None) -> Neighbors:
    """Exact cosine k-nearest neighbours of unit-length rows, by blocked matrix products.

    Exact search is cheaper than approximate search (NNDescent) up to tens of thousands of
    tickets on a laptop, and it is deterministic: no seed, no thread-order effects.
    """
    x = np.ascontiguousarray(x, dtype=np.float32)
    n = len(x)
    k = min(k, n)
    rows = max(16, _BLOCK_BYTES // (4 * n))
    starts = range(0, n, rows)
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k), dtype=np.float32)

    def block(start: int) -> None:
        stop = min(start + rows, n)
        sims = x[start:stop] @ x.T
        # Each ticket is its own nearest neighbour, whatever rounding says about duplicates.
        sims[np.arange(stop - start), np.arange(start, stop)] = np.inf
        top = (
            np.argpartition(sims, n - k, axis=1)[:, n - k :]
            if k < n
            else np.tile(np.arange(n), (stop - start, 1))
        )
        top_sims = np.take_along_axis(sims, top, axis=1)
        # Order by similarity, ties by index, so equal inputs always give equal graphs.
        order = np.lexsort((top, -top_sims), axis=1)
        top = np.take_along_axis(top, order, axis=1)
        top_sims = np.take_along_axis(top_sims, order, axis=1)
        top_sims[:, 0] = 1.0
        indices[start:stop] = top
        distances[start:stop] = np.clip(1.0 - top_sims, 0.0, 2.0)

    workers = threads or min(len(starts), usable_cpus())
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        list(pool.map(block, starts))  # numpy releases the GIL in matmul and partition
    return Neighbors(indices, distances)


def majority_smooth(labels: np.ndarray, neighbors: Neighbors, unlabeled: int = -1) -> np.ndarray:
    """Relabel each point with the label held by a strict majority of its neighbourhood.

    The neighbourhood is the point and its ``k - 1`` nearest neighbours. Only real labels can
    win (``unlabeled`` points count in the denominator but never spread), so smoothing can move a
    ticket between themes or into one, never out of all of them. Repeated until nothing changes
    (or ``SMOOTH_MAX_ROUNDS``). Why: a ticket whose neighbours agree on a theme belongs to it,
    even when the low-dimensional clustering space put it on the wrong side of a border.
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    n, k = neighbors.indices.shape
    n_labels = int(labels.max()) + 1 if len(labels) else 0
    if n_labels == 0 or k < 2:
        return labels
    rows = np.repeat(np.arange(n), k)
    cols = neighbors.indices.ravel()
    for _ in range(SMOOTH_MAX_ROUNDS):
        votes_for = labels[cols]
        keep = votes_for != unlabeled
        votes = sparse.csr_matrix(
            (np.ones(int(keep.sum()), dtype=np.int32), (rows[keep], votes_for[keep])),
            shape=(n, n_labels),
        )
        top = np.asarray(votes.argmax(axis=1)).ravel()
        count = np.asarray(votes.max(axis=1).todense()).ravel()
        winner = np.where(2 * count > k, top, labels)
        if np.array_equal(winner, labels):
            break
        labels = winner
    return labels
