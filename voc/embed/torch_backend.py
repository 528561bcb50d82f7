"""The torch backend: sentence-transformers on PyTorch, and the ONNX export of the same model.

The only module that imports sentence-transformers and torch; both load on first use.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from voc.config import BUNDLED_MODEL
from voc.embed.base import (
    ONNX_INPUTS,
    ONNX_OUTPUT,
    STAGE,
    Progress,
    model_source,
    source_model_id,
    token_arrays,
    truncation_suffix,
)
from voc.errors import ModelError

NVIDIA_DRIVER = Path("/proc/driver/nvidia/version")
# Texts per ``encode`` step (each sorted by length inside, so its batches hold similar lengths).
CHUNK_BATCHES = 8
# Two texts of different length, so the traced graph sees padding and keeps the attention mask.
_EXAMPLE_TEXTS = ("Refund please", "The app logs me out every time I open the billing page")


def torch_cuda_usable() -> bool:
    """Whether torch can run on a CUDA GPU here; torch is imported only where an NVIDIA driver
    is loaded, so CPU machines pay nothing for the check."""
    if not NVIDIA_DRIVER.exists():
        return False
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def load_sentence_transformer(model: str, device: str = "cpu", **model_kwargs: Any) -> Any:
    """Load a sentence-transformers model offline; ``ModelError`` says what to pass instead."""
    # Never reach a model hub: the machine may be offline and runs must be reproducible.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(model_source(model), device=device, model_kwargs=model_kwargs)
    except Exception as exc:  # the library raises many kinds; the user needs one message
        raise ModelError(
            f"embedding model '{model}' could not be loaded offline ({exc}); "
            "pass --model with a local sentence-transformers folder, or omit it to use the "
            "bundled all-MiniLM-L6-v2"
        ) from None


class SentenceTransformerEmbedder:
    """Embeds with a sentence-transformers model; the model loads on first ``encode``.

    Args:
        model: ``"bundled:all-MiniLM-L6-v2"``, a local model folder, or a model name present in the
            local Hugging Face cache (never downloaded).
        batch_size: texts per forward pass.
        device: torch device, ``cpu`` (the default) or ``cuda``; on a GPU the model id gains
            ``+cuda`` (its vectors differ from the CPU's in the last bits).
        threads: torch's intra-op threads, set for this whole process when the model loads (an
            engine's worker runs one); None: torch's default.
        max_tokens: word pieces of each text given to the model (fewer if the model takes
            fewer); None: the model's own limit.
    """

    def __init__(
        self,
        model: str = BUNDLED_MODEL,
        batch_size: int = 64,
        device: str = "cpu",
        threads: int | None = None,
        max_tokens: int | None = None,
    ):
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self.threads = threads
        self.max_tokens = max_tokens
        self._model: Any = None

    @property
    def model_id(self) -> str:
        on_gpu = "+cuda" if self.device.startswith("cuda") else ""
        return source_model_id(self.model) + on_gpu + truncation_suffix(self.max_tokens)

    def _load(self) -> Any:
        if self._model is None:
            if self.threads:
                import torch

                torch.set_num_threads(self.threads)
            self._model = load_sentence_transformer(self.model, self.device)
            if self.max_tokens:
                self._model.max_seq_length = min(self.max_tokens, self._model.max_seq_length)
        return self._model

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        model = self._load()
        total = len(texts)
        out = np.empty((total, model.get_embedding_dimension()), dtype=np.float32)
        # Encode in chunks so the caller sees progress; each chunk is sorted by length inside.
        chunk = self.batch_size * CHUNK_BATCHES
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
                progress(STAGE, min(start + chunk, total), total)
        return out


def export_onnx(model: str, onnx_path: Path, tokenizer_path: Path, opset: int) -> None:
    """Write the whole sentence-transformers model (tokens -> unit vectors) as ONNX, and its
    tokenizer (truncating to the model's ``max_seq_length``, padding each batch to its longest).

    The graph is traced from the model's own modules (transformer, pooling, normalisation), with
    an L2 normalisation added at the end (a no-op where the model already normalises), eager
    attention, and dynamic batch and sequence axes. Same model and versions: same bytes.
    """
    import torch

    st = load_sentence_transformer(model, attn_implementation="eager")
    st.eval()
    tokenizer = st.tokenizer.backend_tokenizer
    tokenizer.enable_truncation(st.max_seq_length)
    tokenizer.enable_padding(pad_id=st.tokenizer.pad_token_id, pad_token=st.tokenizer.pad_token)
    tokenizer.save(str(tokenizer_path))

    class UnitSentenceEmbedding(torch.nn.Module):  # defined here: torch loads on first use only
        def __init__(self, inner: torch.nn.Module):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            features = {"input_ids": input_ids, "attention_mask": attention_mask}
            pooled = self.inner(features)["sentence_embedding"]
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    trace_onnx(
        UnitSentenceEmbedding(st).eval(),
        token_arrays(tokenizer.encode_batch(list(_EXAMPLE_TEXTS))),
        onnx_path,
        opset,
    )


def trace_onnx(module: Any, example: dict[str, np.ndarray], onnx_path: Path, opset: int) -> None:
    """Write a torch module of (input_ids, attention_mask) -> unit vectors as ONNX, with dynamic
    batch and sequence axes; ``example``: a batch of token arrays of unequal lengths, so the
    traced graph sees padding and keeps the attention mask. Same module and versions: same bytes.
    """
    import torch

    inputs = tuple(torch.from_numpy(example[name]) for name in ONNX_INPUTS)
    dynamic = {name: {0: "batch", 1: "sequence"} for name in ONNX_INPUTS}
    # The TorchScript exporter: deterministic, and needs no onnxscript. Its deprecation notice and
    # the tracer's notes on Python branches (shape checks that hold for every input) are expected.
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            module,
            inputs,
            str(onnx_path),
            input_names=list(ONNX_INPUTS),
            output_names=[ONNX_OUTPUT],
            dynamic_axes={**dynamic, ONNX_OUTPUT: {0: "batch"}},
            opset_version=opset,
            dynamo=False,
        )
