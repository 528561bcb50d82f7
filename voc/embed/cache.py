"""The embedding cache: vectors on disk by model id and text hash; no text is embedded twice."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from voc.embed.base import STAGE, Embedder, Progress, folder_name


def text_key(text: str) -> str:
    """Cache key of one text (the exact string given to the model)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    """Embeddings on disk, keyed by model id and text hash, so no text is embedded twice.

    One folder per model; each write adds an immutable shard (``.npz`` with keys and float32 rows),
    written to a temporary name and renamed, so concurrent runs never see half a shard.
    """

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)

    def _model_dir(self, model_id: str) -> Path:
        return self.directory / folder_name(model_id)

    def lookup(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors already cached for any of ``keys``."""
        folder = self._model_dir(model_id)
        wanted = set(keys)
        found: dict[str, np.ndarray] = {}
        if not folder.is_dir() or not wanted:
            return found
        for shard in sorted(folder.glob("*.npz")):
            with np.load(shard) as data:
                shard_keys = data["keys"]
                hits = [i for i, k in enumerate(shard_keys) if k in wanted]
                if hits:
                    vectors = data["vectors"]
                    for i in hits:
                        found[str(shard_keys[i])] = vectors[i]
        return found

    def store(self, model_id: str, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Add vectors for keys (a new shard)."""
        if not len(keys):
            return
        folder = self._model_dir(model_id)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():020d}-{os.getpid()}"
        tmp = folder / f".{name}.tmp.npz"
        np.savez(tmp, keys=np.asarray(keys, dtype="U32"), vectors=vectors.astype(np.float32))
        tmp.rename(folder / f"{name}.npz")


def embed_texts(
    texts: Sequence[str],
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    progress: Progress | None = None,
) -> tuple[np.ndarray, int]:
    """Embed texts, taking what the cache has and caching what it lacks.

    Returns the vectors (one row per text, in order) and how many came from the cache.
    """
    keys = [text_key(t) for t in texts]
    cached = cache.lookup(embedder.model_id, keys) if cache else {}
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in cached and key not in missing:
            missing[key] = text
    fresh: dict[str, np.ndarray] = {}
    if missing:
        vectors = embedder.encode(list(missing.values()), progress)
        fresh = dict(zip(missing.keys(), vectors, strict=True))
        if cache:
            cache.store(embedder.model_id, list(missing.keys()), vectors)
    elif progress:
        progress(STAGE, len(texts), len(texts))
    table = {**cached, **fresh}
    out = np.stack([table[k] for k in keys]).astype(np.float32) if keys else np.empty((0, 0))
    hits = sum(1 for k in keys if k in cached)
    return out, hits


class CachedEmbedder:
    """An :class:`Embedder` that answers from an :class:`EmbeddingCache` first.

    Lets later steps (the prototype classifiers) embed their sentences without loading the model
    when an earlier run already embedded them.
    """

    def __init__(self, embedder: Embedder, cache: EmbeddingCache | None):
        self.embedder = embedder
        self.cache = cache

    @property
    def model_id(self) -> str:
        return self.embedder.model_id

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        return embed_texts(texts, self.embedder, self.cache, progress)[0]
