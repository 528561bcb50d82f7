"""The onnx backend: the sentence-transformers model exported to ONNX, int8-quantised, run with
onnxruntime.

On first use the model is exported (``torch.onnx.export``) and quantised
(``onnxruntime.quantization.quantize_dynamic``: 8-bit weights, one scale per output channel) into
the user's cache folder, once per model and export recipe; later runs load only onnxruntime and
the tokenizer, not torch. The only module that imports onnxruntime.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from voc.embed.base import ONNX_OUTPUT
from voc.embed.export import (
    EXPORT_PACKAGES,
    ONNX_OPSET,
    RECIPE_FILE,
    TOKENIZER_FILE,
    ExportedEmbedder,
    RunBatch,
    root_logger_kept_quiet,
    user_cache_dir,
)
from voc.embed.export import export_recipe as shared_recipe
from voc.embed.torch_backend import export_onnx
from voc.errors import ModelError

__all__ = ["MODEL_FILE", "RECIPE_FILE", "TOKENIZER_FILE", "OnnxEmbedder", "user_cache_dir"]

# Bump when the export or quantisation steps change, so older exports are never reused.
RECIPE_VERSION = 1
# Libraries whose versions shape the exported file; a new version means a new export.
RECIPE_PACKAGES = (*EXPORT_PACKAGES, "onnxruntime")
# 8-bit weights with one scale per output channel: cosine 0.994 to torch and the same theme
# quality on Banking77. One scale per tensor gives 0.96-0.98; signed weights (QInt8) lose 0.013
# ARI, as x86 CPUs without VNNI saturate the u8 x s8 products in 16-bit sums (u8 x u8 do not).
QUANTISATION = {"method": "dynamic", "weight_type": "QUInt8", "per_channel": True}
MODEL_FILE = "model.int8.onnx"
_FP32_FILE = "model.fp32.onnx"
_ERROR_LOGS_ONLY = 3  # onnxruntime's log severity: 0 verbose ... 3 error


def onnxruntime_cuda_usable() -> bool:
    """Whether onnxruntime has its CUDA provider here (the onnxruntime-gpu package)."""
    try:
        import onnxruntime as ort
    except ImportError:
        return False
    return "CUDAExecutionProvider" in ort.get_available_providers()


def export_recipe(model: str) -> dict[str, Any]:
    """Everything that decides the exported file: the model, opset, quantisation, versions."""
    return shared_recipe(model, RECIPE_VERSION, QUANTISATION, RECIPE_PACKAGES)


def _quantise(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with root_logger_kept_quiet():
        quantize_dynamic(
            source,
            target,
            weight_type=getattr(QuantType, QUANTISATION["weight_type"]),
            per_channel=QUANTISATION["per_channel"],
        )


class OnnxEmbedder(ExportedEmbedder):
    """Embeds with the int8 ONNX export of a sentence-transformers model, on onnxruntime.

    Vectors have cosine about 0.99 to :class:`SentenceTransformerEmbedder`'s; ``model_id`` differs
    from it (``...+onnx-int8-<recipe hash>``), so the two never mix in the embedding cache. The
    activations' int8 scales are computed per batch, so a vector depends on its batch-mates:
    texts are batched in :func:`voc.embed.base.length_order`. Arguments: see
    :class:`~voc.embed.export.ExportedEmbedder`; ``threads`` single-threaded sessions run at once;
    ``device="cuda"``: one session on onnxruntime's CUDA provider (onnxruntime-gpu), model id
    ``...+cuda``.

    Example:
        >>> OnnxEmbedder().encode(["refund please"]).shape  # doctest: +SKIP
        (1, 384)
    """

    folder = "onnx"

    def __init__(self, *args: Any, device: str = "cpu", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.device = device

    def run_suffix(self) -> str:
        return "+cuda" if self.device == "cuda" else ""

    def recipe(self) -> dict[str, Any]:
        return export_recipe(self.model)

    def tag(self) -> str:
        return "onnx-int8"

    def build(self, work: Path) -> tuple[str, ...]:
        export_onnx(self.model, work / _FP32_FILE, work / TOKENIZER_FILE, ONNX_OPSET)
        _quantise(work / _FP32_FILE, work / MODEL_FILE)
        (work / _FP32_FILE).unlink()
        return MODEL_FILE, TOKENIZER_FILE

    def open(self, folder: Path, workers: int) -> tuple[list[Any], RunBatch]:
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise ModelError(
                f"the onnx backend needs {exc.name}; run 'make install', or pass --backend torch"
            ) from None
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = _ERROR_LOGS_ONLY
        providers = ["CPUExecutionProvider"]
        if self.device == "cuda":  # one session feeds the GPU; unsupported nodes stay on CPU
            providers, workers = ["CUDAExecutionProvider", *providers], 1
        sessions = [
            ort.InferenceSession(str(folder / MODEL_FILE), options, providers=providers)
            for _ in range(workers)
        ]

        def run(session: Any, feed: dict[str, np.ndarray]) -> np.ndarray:
            return session.run([ONNX_OUTPUT], feed)[0]

        return sessions, run
