"""The embedding cache: vectors on disk by model id and text hash; no text is embedded twice."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from voc.atomic import held, remove_abandoned, write_error
from voc.embed.base import STAGE, Embedder, Progress, folder_name

# Vectors are kept on disk (and handed to later steps) at half precision: half the disk and
# read time, cosine to the float32 vectors above 0.99999.
STORED_DTYPE = np.float16
# A shard being written: hidden, and never read as a shard.
_TMP_SUFFIX = ".tmp.npz"

Encode = Callable[[Sequence[str], Progress | None], np.ndarray]
"""Turns texts into unit-length vectors: an embedder's ``encode``, or an engine's stand-in."""


def text_key(text: str) -> str:
    """Cache key of one text (the exact string given to the model)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def as_stored(vectors: np.ndarray) -> np.ndarray:
    """Vectors rounded as the cache stores them, back in float32 for computing.

    Fresh vectors go through the same rounding, so a run computes on exactly the values a later
    run reads from the cache, and the two give the same themes.
    """
    return np.asarray(vectors).astype(STORED_DTYPE).astype(np.float32)


class EmbeddingCache:
    """Embeddings on disk, keyed by model id and text hash, so no text is embedded twice.

    One folder per model; each write adds an immutable shard (``.npz`` with keys and float16 rows),
    written to a temporary name and renamed, so concurrent runs never see half a shard.
    """

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)

    def _model_dir(self, model_id: str) -> Path:
        return self.directory / folder_name(model_id)

    def lookup(self, model_id: str, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Which of ``keys`` are cached: their positions in ``keys``, and their float32 vectors."""
        folder = self._model_dir(model_id)
        positions: dict[str, int] = {}
        for i, key in enumerate(keys):
            positions.setdefault(key, i)
        found: list[np.ndarray] = []
        parts: list[np.ndarray] = []
        if folder.is_dir() and positions:
            for shard in sorted(folder.glob("[!.]*.npz")):  # not shards still being written
                with np.load(shard) as data:
                    rows, where = [], []
                    for j, key in enumerate(data["keys"].tolist()):
                        i = positions.pop(key, None)
                        if i is not None:
                            rows.append(j)
                            where.append(i)
                    if rows:
                        found.append(np.asarray(where, dtype=np.int64))
                        parts.append(as_stored(data["vectors"][rows]))
                if not positions:
                    break
        if not found:
            return np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.float32)
        return np.concatenate(found), np.concatenate(parts)

    def store(self, model_id: str, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Add vectors for keys (a new shard)."""
        if not len(keys):
            return
        folder = self._model_dir(model_id)
        name = f"{time.time_ns():020d}-{os.getpid()}"
        tmp = folder / f".{name}{_TMP_SUFFIX}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tmp.open("xb") as handle, held(tmp):
                np.savez(
                    handle, keys=np.asarray(keys, dtype="U32"), vectors=vectors.astype(STORED_DTYPE)
                )
            tmp.rename(folder / f"{name}.npz")
        except OSError as exc:  # a full disk, above all: no partial shard is left
            tmp.unlink(missing_ok=True)
            raise write_error(exc, "the embedding cache", self.directory) from None

    def remove_abandoned(self) -> list[Path]:
        """Remove shards that a killed run left under their temporary names."""
        if not self.directory.is_dir():
            return []
        return remove_abandoned(self.directory.glob(f"*/.*{_TMP_SUFFIX}"))


def embed_texts(
    texts: Sequence[str],
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    progress: Progress | None = None,
    encode: Encode | None = None,
) -> tuple[np.ndarray, int]:
    """Embed texts, taking what the cache has and caching what it lacks.

    ``encode`` computes the missing vectors (default: ``embedder.encode``; an engine passes its
    distributed stand-in). Returns float32 vectors (one row per text, in order, rounded as
    stored) and how many texts came from the cache.
    """
    slot: dict[str, int] = {}  # key -> row of the table of distinct texts
    first: list[int] = []  # position in ``texts`` of each distinct text
    index = np.empty(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        row = slot.setdefault(text_key(text), len(slot))
        if row == len(first):
            first.append(i)
        index[i] = row
    unique = list(slot)
    hit_at, hit_vectors = np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.float32)
    if cache and unique:
        hit_at, hit_vectors = cache.lookup(embedder.model_id, unique)
    missing = np.ones(len(unique), dtype=bool)
    missing[hit_at] = False
    miss_at = np.flatnonzero(missing)
    fresh = np.empty((0, 0), dtype=np.float32)
    if len(miss_at):
        fresh = as_stored((encode or embedder.encode)([texts[first[u]] for u in miss_at], progress))
        if cache:
            cache.store(embedder.model_id, [unique[u] for u in miss_at], fresh)
    elif progress:
        progress(STAGE, len(texts), len(texts))
    if not unique:
        return np.empty((0, 0), dtype=np.float32), 0
    if not len(hit_at):  # nothing cached: the fresh vectors are the table (no copy)
        table = fresh
    else:
        table = np.empty((len(unique), hit_vectors.shape[1]), dtype=np.float32)
        table[hit_at] = hit_vectors
        if len(miss_at):
            table[miss_at] = fresh
    hits = int((~missing[index]).sum())
    if len(unique) == len(texts):  # no text repeats: the table is already in order
        return table, hits
    return table[index], hits


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
