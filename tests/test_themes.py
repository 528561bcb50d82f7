from __future__ import annotations

import numpy as np
from scipy import sparse

from voc.config import ThemeConfig
from voc.schema import UNTHEMED_ID
from voc.themes import c_tf_idf, describe_themes, representatives, unique_names


def centroids(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    rows = [vectors[labels == t].mean(axis=0) for t in range(labels.max() + 1)]
    c = np.array(rows, dtype=np.float32)
    return c / np.linalg.norm(c, axis=1, keepdims=True)


def test_c_tf_idf_prefers_terms_specific_to_a_class() -> None:
    # term 0 appears in both classes, term 1 only in class 0, term 2 only in class 1
    weights = c_tf_idf(sparse.csr_matrix([[5, 5, 0], [5, 0, 5]])).toarray()
    assert weights[0, 1] > weights[0, 0]
    assert weights[1, 2] > weights[1, 0]
    assert weights[0, 2] == 0


def test_themes_get_readable_keywords_without_stop_words_or_placeholders() -> None:
    texts = [
        "Hi, the login loop after enabling 2FA is back, please help [EMAIL]",
        "login loop again with 2FA enabled, thanks",
        "stuck in a login loop since 2FA was enabled",
        "please add dark mode to the app",
        "dark mode would be great for the app",
        "we want dark mode, thank you",
        "random unrelated note",
    ]
    labels = np.array([0, 0, 0, 1, 1, 1, UNTHEMED_ID])
    vectors = np.eye(7, dtype=np.float32)
    themes, parents = describe_themes(
        texts,
        [str(i) for i in range(7)],
        labels,
        np.ones(7),
        vectors,
        centroids(vectors, labels),
        ThemeConfig(),
    )
    assert [t.theme_id for t in themes] == [0, 1, UNTHEMED_ID]
    assert "login loop" in themes[0].keywords[:3]
    assert "dark mode" in themes[1].keywords[:3]
    every = {w for t in themes for k in t.keywords for w in k.split()}
    assert not every & {"hi", "please", "thanks", "the", "email", "is"}
    assert themes[0].name != themes[1].name
    assert themes[2].name == "Unthemed" and themes[2].size == 1
    assert abs(sum(t.share for t in themes) - 1.0) < 1e-9
    # orthogonal themes: two parents, each named after its only theme
    assert [p.theme_ids for p in parents] == [[0], [1]]
    assert parents[0].name == themes[0].name
    assert themes[0].quality.nearest_theme_id == 1


def test_names_are_unique() -> None:
    names = unique_names([["refund", "card"], ["refund", "card", "late"], ["refund"]], 2)
    assert len(set(names)) == 3
    assert names[0] == "refund / card"


def test_representatives_are_central_and_not_near_duplicates() -> None:
    embeddings = np.array([[1, 0], [1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32)
    similarity = np.array([0.99, 0.98, 0.9, 0.1])
    picked = representatives(np.arange(4), similarity, embeddings, 3)
    assert picked == [0, 2, 3]  # ticket 1 repeats ticket 0


def test_plural_and_contraction_variants_do_not_fill_keywords() -> None:
    texts = ["webhooks fire twice, I'm sure", "the webhook fires twice", "webhook retry twice"] * 3
    labels = np.zeros(9, dtype=np.int64)
    (theme,), _ = describe_themes(
        texts,
        [str(i) for i in range(9)],
        labels,
        np.ones(9),
        np.eye(9),
        centroids(np.eye(9), labels),
        ThemeConfig(),
    )
    words = [w for k in theme.keywords for w in k.split()]
    assert "i'm" not in words
    assert not ({"webhook", "webhooks"} <= set(words))


def test_close_themes_share_a_parent_and_far_ones_do_not() -> None:
    from voc.hierarchy import parent_labels

    a, b = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])
    near_a = np.array([0.9, 0.1, 0.0]) / np.linalg.norm([0.9, 0.1, 0.0])
    parents = parent_labels(np.stack([a, b, near_a]), max_distance=0.5)
    assert parents.tolist() == [0, 1, 0]


def test_a_theme_of_two_distinct_groups_is_flagged_mixed() -> None:
    from voc.hierarchy import theme_quality

    rng = np.random.default_rng(0)
    one = np.array([1.0, 0.0, 0.0]) + 0.05 * rng.normal(size=(20, 3))
    two = np.array([0.0, 1.0, 0.0]) + 0.05 * rng.normal(size=(20, 3))
    tight = np.array([0.0, 0.0, 1.0]) + 0.05 * rng.normal(size=(40, 3))
    x = np.vstack([one, two, tight])
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    labels = np.array([0] * 40 + [1] * 40)
    quality = theme_quality(x, labels, centroids(x, labels), 0.65, seed=1)
    assert quality[0].mixed and not quality[1].mixed
    assert quality[1].cohesion > quality[0].cohesion
    assert quality[0].nearest_theme_id == 1


def test_key_phrases_of_a_large_input_are_counted_on_a_sample_that_keeps_every_theme() -> None:
    from voc.themes import keyword_rows

    rng = np.random.default_rng(0)
    words = [["login", "loop", "2fa"], ["dark", "mode", "app"], ["refund", "invoice", "charge"]]
    sizes = [3000, 1200, 60]
    labels = np.repeat(np.arange(3), sizes)
    texts = [
        " ".join(rng.choice(words[t], 3)) + f" filler{rng.integers(1000)} note{rng.integers(50)}"
        for t in labels
    ]
    rows = keyword_rows(labels, 1000, seed=1)
    counted = np.bincount(labels[rows])
    assert counted[2] == 60 and 500 <= counted[1] < 1200 and counted[0] < 3000  # small kept whole
    assert np.array_equal(rows, keyword_rows(labels, 1000, seed=1))  # seeded
    assert np.array_equal(keyword_rows(labels, 10_000, seed=1), np.arange(len(labels)))
    vectors = np.eye(3, dtype=np.float32)[labels]
    args = ([str(i) for i in range(len(texts))], labels, np.ones(len(texts)), vectors)
    full, _ = describe_themes(texts, *args, np.eye(3, dtype=np.float32), ThemeConfig())
    sampled, parents = describe_themes(
        texts, *args, np.eye(3, dtype=np.float32), ThemeConfig(keyword_tickets=1000)
    )
    assert [set(t.keywords[:3]) for t in sampled] == [set(t.keywords[:3]) for t in full]
    assert [t.size for t in sampled] == sizes  # sizes and shares are of every ticket
    assert abs(sum(p.share for p in parents) - 1.0) < 1e-9
