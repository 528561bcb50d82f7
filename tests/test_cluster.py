from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SIMILARITY_TOLERANCE
from voc import cluster
from voc.cluster import ThemeModel
from voc.schema import UNTHEMED_ID


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def sphere_blobs(sizes: list[int], dim: int = 32, spread: float = 0.15, seed: int = 0):
    """Unit vectors around well-separated random centres, with their true group."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(sizes), dim))
    points, truth = [], []
    for group, size in enumerate(sizes):
        cloud = centres[group] / np.linalg.norm(centres[group]) + spread * rng.normal(
            size=(size, dim)
        ) / np.sqrt(dim)
        points.append(cloud)
        truth += [group] * size
    x = np.vstack(points)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32), np.array(truth)


def test_init_only_stores_parameters() -> None:
    model = ThemeModel(min_theme_size=5, random_state=3)
    assert model.min_theme_size == 5 and model.random_state == 3
    assert not [k for k in vars(model) if k.endswith("_")]


def test_recovers_separated_groups_largest_first() -> None:
    from sklearn.metrics import adjusted_rand_score

    x, truth = sphere_blobs([120, 80, 40])
    model = ThemeModel(min_theme_size=15, map_2d=True).fit(x)
    assert len(model.centroids_) == 3
    assert adjusted_rand_score(truth, model.labels_) > 0.95
    sizes = np.bincount(model.labels_[model.labels_ >= 0])
    assert list(sizes) == sorted(sizes, reverse=True)  # theme 0 is the largest
    assert model.map_xy_.shape == (240, 2)
    assert np.allclose(np.linalg.norm(model.centroids_, axis=1), 1.0, atol=1e-5)


def test_same_seed_same_themes() -> None:
    x, _ = sphere_blobs([60, 60, 60], seed=1)
    a = ThemeModel(min_theme_size=10, map_2d=False, random_state=5).fit(x)
    b = ThemeModel(min_theme_size=10, map_2d=False, random_state=5).fit(x)
    assert np.array_equal(a.labels_, b.labels_)


def test_predict_assigns_near_points_and_leaves_far_ones_unthemed() -> None:
    x, truth = sphere_blobs([80, 80], seed=2)
    model = ThemeModel(min_theme_size=10, map_2d=False).fit(x)
    labels, sims = model.predict(x[:5])
    assert np.array_equal(labels, model.labels_[:5])
    far = -model.centroids_.sum(axis=0, keepdims=True)
    far /= np.linalg.norm(far)
    far_label, far_sim = model.predict(far)
    assert far_label[0] == UNTHEMED_ID
    assert far_sim[0] < model.assign_threshold


def test_min_theme_size_grows_with_the_square_root_of_the_input() -> None:
    model = ThemeModel()
    assert model.resolved_min_theme_size(100) == 10  # the floor
    assert model.resolved_min_theme_size(13_000) == 54
    # 22,500 requests in 150 balanced intents (150 each): the old 0.5% share asked for 112,
    # which merged neighbouring intents; the square root leaves room for intents of 150.
    assert model.resolved_min_theme_size(22_500) == 71
    # Four times the tickets, twice the minimum: no cap near 200 themes on large exports.
    assert model.resolved_min_theme_size(90_000) == 141
    assert ThemeModel(min_theme_size=7).resolved_min_theme_size(13_000) == 7


def test_balanced_many_small_themes_are_not_merged() -> None:
    from sklearn.metrics import adjusted_rand_score

    x, truth = sphere_blobs([60] * 120, seed=3)  # 7,200 tickets, 120 themes of 60
    model = ThemeModel(map_2d=False).fit(x)
    assert model.min_theme_size_ < 60
    assert len(model.centroids_) == 120
    assert adjusted_rand_score(truth, model.labels_) > 0.99


def fragmented_blobs(seed: int = 11, dim: int = 32) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Four themes of 400, each with a tight fragment of 12 near-duplicates of one of its tickets
    (a template variant, like the small pieces the slow-dashboard problem once split into)."""
    x, truth = sphere_blobs([400] * 4, dim=dim, spread=0.3, seed=seed)
    rng = np.random.default_rng(seed)
    pieces = [x[truth == g][0] + 0.03 * rng.normal(size=(12, dim)) / np.sqrt(dim) for g in range(4)]
    points = unit(np.vstack([x, *pieces])).astype(np.float32)
    fragment = np.r_[np.zeros(len(x), dtype=bool), np.ones(48, dtype=bool)]
    return points, np.r_[truth, np.repeat(np.arange(4), 12)], fragment


def test_fragments_of_one_theme_join_it() -> None:
    x, truth, fragment = fragmented_blobs()
    model = ThemeModel(map_2d=False).fit(x)
    assert len(model.centroids_) == 4
    for group in range(4):
        members = truth == group
        assert len(set(model.labels_[members])) == 1, f"theme {group} split"
    # The fragments are real: a small enough minimum (the user's override) keeps some apart.
    finer = ThemeModel(min_theme_size=10, map_2d=False).fit(x)
    assert len(finer.centroids_) > 4
    apart = [g for g in range(4) if len(set(finer.labels_[truth == g])) > 1]
    assert apart and all(len(set(finer.labels_[(truth == g) & fragment])) == 1 for g in apart)


def test_tiny_input_is_all_unthemed_not_an_error() -> None:
    x, _ = sphere_blobs([3])
    model = ThemeModel().fit(x)
    assert (model.labels_ == UNTHEMED_ID).all()
    assert model.map_xy_.shape == (3, 2)


def test_predict_before_fit_raises() -> None:
    with pytest.raises(RuntimeError, match="before fit"):
        ThemeModel().predict(np.ones((1, 4), dtype=np.float32))


def test_approximate_neighbours_above_the_exact_limit_find_the_same_groups() -> None:
    from sklearn.metrics import adjusted_rand_score

    x, truth = sphere_blobs([120, 80, 40], seed=4)
    model = ThemeModel(min_theme_size=15, map_2d=False, exact_neighbors_max=100).fit(x)
    assert adjusted_rand_score(truth, model.labels_) > 0.95


def test_from_config_passes_every_cluster_setting() -> None:
    from voc.config import ClusterConfig

    model = ThemeModel.from_config(ClusterConfig(smooth_neighbors=0, reduce_epochs=None), seed=3)
    assert (model.smooth_neighbors, model.reduce_epochs, model.random_state) == (0, None, 3)
    x, _ = sphere_blobs([60, 60], seed=6)
    assert model.fit(x).smoothed_ == 0  # smoothing off: nothing moved
    # Every cluster setting reaches the model, but the re-run policy, which is the pipeline's.
    from dataclasses import fields

    passed = {f.name for f in fields(ClusterConfig)} & set(model.get_params())
    assert {f.name for f in fields(ClusterConfig)} - passed == {"update_max_new"}


def test_large_input_fits_a_sample_and_assigns_the_rest() -> None:
    from sklearn.metrics import adjusted_rand_score

    x, truth = sphere_blobs([600, 400, 200], seed=7)
    seen: list[int] = []

    def assign(rest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        seen.append(len(rest))
        return model.predict(rest)

    model = ThemeModel(sample_above=500, sample_size=400, min_theme_size=60)
    model.fit(x, assign=assign)
    assert model.sample_size_ == 400 and seen == [800]  # only the unsampled tickets
    assert adjusted_rand_score(truth, model.labels_) > 0.95
    assert model.map_xy_.shape == (1200, 2) and np.isfinite(model.map_xy_).all()
    # Each ticket sits on the map nearer its own theme's tickets than the others'.
    centres = np.array([model.map_xy_[model.labels_ == t].mean(axis=0) for t in range(3)])
    nearest = np.linalg.norm(model.map_xy_[:, None] - centres[None], axis=2).argmin(axis=1)
    assert (nearest == model.labels_).mean() > 0.95
    again = ThemeModel(sample_above=500, sample_size=400, min_theme_size=60).fit(x)
    assert np.array_equal(again.labels_, model.labels_) and again.sample_size_ == 400


def test_small_input_is_fitted_whole() -> None:
    x, _ = sphere_blobs([60, 60], seed=8)
    assert ThemeModel(sample_above=120, sample_size=50, map_2d=False).fit(x).sample_size_ is None


def test_predict_in_blocks_gives_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    import voc.cluster

    x, _ = sphere_blobs([80, 80], seed=9)
    model = ThemeModel(min_theme_size=10, map_2d=False).fit(x)
    whole = model.predict(x)
    monkeypatch.setattr(voc.cluster, "_ASSIGN_ROWS", 7)
    monkeypatch.setattr(voc.cluster, "_SIMILARITY_ROWS", 3)
    blocks = model.predict(x)
    # The promise (docs/determinism.md): labels exactly, similarities within the tolerance.
    assert np.array_equal(whole[0], blocks[0])
    np.testing.assert_allclose(blocks[1], whole[1], rtol=0, atol=SIMILARITY_TOLERANCE)


def test_centroid_similarities_do_not_depend_on_how_rows_are_split() -> None:
    from voc.cluster import centroid_similarities

    rng = np.random.default_rng(3)
    x = unit(rng.normal(size=(3000, 384)).astype(np.float32))
    centroids = unit(rng.normal(size=(40, 384)).astype(np.float32))
    whole = centroid_similarities(x, centroids)
    exact = x.astype(np.float64) @ centroids.T.astype(np.float64)
    np.testing.assert_allclose(whole, exact, rtol=0, atol=1e-7)
    for _ in range(3):
        cuts = np.sort(rng.choice(np.arange(1, len(x)), size=25, replace=False))
        parts = np.concatenate([centroid_similarities(p, centroids) for p in np.split(x, cuts)])
        np.testing.assert_allclose(parts, whole, rtol=0, atol=SIMILARITY_TOLERANCE)
        assert np.array_equal(parts.argmax(axis=1), whole.argmax(axis=1))


def test_most_similar_in_chunks_finds_the_true_nearest(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(4)
    unit = lambda x: x / np.linalg.norm(x, axis=1, keepdims=True)  # noqa: E731
    queries = unit(rng.normal(size=(40, 12))).astype(np.float32)
    pool = unit(rng.normal(size=(300, 12))).astype(np.float32)
    among = np.sort(rng.choice(300, size=200, replace=False))
    sims = queries.astype(np.float64) @ pool[among].astype(np.float64).T
    expected = np.sort(np.argsort(-sims, axis=1)[:, :5], axis=1)
    whole = np.sort(cluster.most_similar(queries, pool, 5, among=among), axis=1)
    monkeypatch.setattr(cluster, "_POOL_ROWS", 7)  # 29 chunks of the pool
    monkeypatch.setattr(cluster, "_TOP_CELLS", 20)  # 2 query rows at a time
    chunked = np.sort(cluster.most_similar(queries, pool, 5, among=among), axis=1)
    np.testing.assert_array_equal(whole, expected)
    np.testing.assert_array_equal(chunked, expected)
    assert cluster.most_similar(queries, pool, 500, among=among[:3]).shape == (40, 3)


def test_update_keeps_known_themes_assigns_new_tickets_and_finds_new_themes() -> None:
    from sklearn.metrics import adjusted_rand_score

    x, truth = sphere_blobs([200, 150, 120], seed=10)
    earlier = ThemeModel(min_theme_size=30).fit(x[truth < 2][::2])  # half of two groups
    known = np.zeros(len(x), dtype=bool)
    rows = np.flatnonzero(truth < 2)[::2]
    known[rows] = True
    labels = np.full(len(x), UNTHEMED_ID)
    labels[rows] = earlier.labels_
    xy = np.full((len(x), 2), np.nan, dtype=np.float32)
    xy[rows] = earlier.map_xy_
    model = ThemeModel(min_theme_size=30).update(x, known, labels, xy, earlier.centroids_)
    assert adjusted_rand_score(earlier.labels_, model.labels_[rows]) == 1.0  # kept as they were
    assert adjusted_rand_score(truth, model.labels_) > 0.95  # new tickets joined them
    assert model.new_themes_ == 1 and len(model.centroids_) == 3  # the third group is new
    assert np.isfinite(model.map_xy_).all() and np.array_equal(model.map_xy_[rows], xy[rows])
