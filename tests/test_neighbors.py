"""Exact neighbour graph and majority smoothing, checked against brute force and by hand."""

from __future__ import annotations

import numpy as np

from voc.neighbors import Neighbors, exact_neighbors, majority_smooth


def unit_rows(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_exact_neighbors_match_a_full_sort_across_blocks(monkeypatch) -> None:
    import voc.neighbors as neighbors

    x = unit_rows(300)
    # Tiny blocks so several threads each handle part of the rows.
    monkeypatch.setattr(neighbors, "_BLOCK_BYTES", 4 * 300 * 16)
    graph = exact_neighbors(x, 7, threads=2)
    sims = x @ x.T
    np.fill_diagonal(sims, np.inf)
    expected = np.argsort(-sims, axis=1, kind="stable")[:, :7]
    assert np.array_equal(graph.indices, expected)
    assert np.array_equal(graph.indices[:, 0], np.arange(300))  # itself first
    assert np.allclose(graph.distances[:, 0], 0.0)
    assert np.all(np.diff(graph.distances, axis=1) >= -1e-6)
    np.testing.assert_allclose(
        graph.distances[:, 1:], 1 - np.take_along_axis(x @ x.T, expected[:, 1:], 1), atol=1e-5
    )


def test_exact_neighbors_with_k_above_n_keeps_every_point() -> None:
    graph = exact_neighbors(unit_rows(4), 10)
    assert graph.k == 4
    assert sorted(graph.indices[2]) == [0, 1, 2, 3] and graph.indices[2, 0] == 2


def test_duplicates_still_list_themselves_first() -> None:
    x = np.repeat(unit_rows(2), 3, axis=0)
    graph = exact_neighbors(x, 3)
    assert np.array_equal(graph.indices[:, 0], np.arange(6))


def graph_of(rows: list[list[int]]) -> Neighbors:
    indices = np.array(rows, dtype=np.int64)
    return Neighbors(indices, np.zeros(indices.shape, dtype=np.float32))


def test_a_strict_majority_moves_a_point_and_a_tie_does_not() -> None:
    graph = graph_of(
        [[0, 1, 2, 0], [1, 2, 0, 1], [2, 1, 0, 2], [3, 4, 5, 6]]
        + [[4, 4, 4, 4], [5, 5, 5, 5], [6, 6, 6, 6]]
    )
    labels = np.array([0, 1, 1, 0, 1, 1, 0])
    # Four neighbours: points 0 and 3 each see two votes of four for theme 1, a tie: no move.
    assert list(majority_smooth(labels, graph)) == [0, 1, 1, 0, 1, 1, 0]
    # Three neighbours: they see two of three, a strict majority: both move to theme 1.
    assert list(majority_smooth(labels, graph.first(3))) == [1, 1, 1, 1, 1, 1, 0]


def test_unthemed_never_spreads_but_can_be_absorbed() -> None:
    graph = graph_of([[0, 1, 2], [1, 0, 2], [2, 1, 0], [3, 0, 1]])
    labels = np.array([-1, -1, 4, -1])
    # Point 2 is the only themed one; two unthemed neighbours cannot take its theme away.
    assert majority_smooth(labels, graph)[2] == 4
    labels = np.array([-1, 4, 4, -1])
    smoothed = majority_smooth(labels, graph)
    assert list(smoothed) == [4, 4, 4, 4]  # 0 joins first; then 3 sees 0, 1: a majority


def test_smoothing_is_idempotent_and_keeps_shape() -> None:
    x = unit_rows(200, seed=3)
    graph = exact_neighbors(x, 9)
    labels = np.random.default_rng(1).integers(-1, 3, size=200)
    once = majority_smooth(labels, graph)
    assert once.shape == labels.shape
    assert np.array_equal(majority_smooth(once, graph), once)
