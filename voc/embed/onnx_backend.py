"""The onnx backend: the sentence-transformers model exported to ONNX, int8-quantised, run with
onnxruntime.

On first use the model is exported (``torch.onnx.export``) and quantised
(``onnxruntime.quantization.quantize_dynamic``: 8-bit weights, one scale per output channel) into
the user's cache folder, once per model and export recipe; later runs load only onnxruntime and
the tokenizer, not torch. The only module that imports onnxruntime.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from voc.config import BUNDLED_MODEL
from voc.cpus import usable_cpus
from voc.embed.base import (
    ONNX_OUTPUT,
    STAGE,
    Progress,
    folder_name,
    length_order,
    source_model_id,
    token_arrays,
    truncation_suffix,
)
from voc.embed.torch_backend import export_onnx
from voc.errors import ModelError

CACHE_DIR_ENV = "VOC_CACHE_DIR"
ONNX_OPSET = 17
# Bump when the export or quantisation steps change, so older exports are never reused.
RECIPE_VERSION = 1
# Libraries whose versions shape the exported file; a new version means a new export.
RECIPE_PACKAGES = (
    "torch",
    "transformers",
    "sentence-transformers",
    "tokenizers",
    "onnx",
    "onnxruntime",
)
# 8-bit weights with one scale per output channel: cosine 0.994 to torch and the same theme
# quality on Banking77. One scale per tensor gives 0.96-0.98; signed weights (QInt8) lose 0.013
# ARI, as x86 CPUs without VNNI saturate the u8 x s8 products in 16-bit sums (u8 x u8 do not).
QUANTISATION = {"method": "dynamic", "weight_type": "QUInt8", "per_channel": True}
MODEL_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
RECIPE_FILE = "export.json"
_FP32_FILE = "model.fp32.onnx"
_ERROR_LOGS_ONLY = 3  # onnxruntime's log severity: 0 verbose ... 3 error


def user_cache_dir() -> Path:
    """voc's cache folder: ``$VOC_CACHE_DIR``, or ``$XDG_CACHE_HOME/voc``, or ``~/.cache/voc``."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "voc"


@lru_cache(maxsize=1)
def _recipe_versions() -> tuple[tuple[str, str | None], ...]:
    found = []
    for package in RECIPE_PACKAGES:
        try:
            found.append((package, version(package)))
        except PackageNotFoundError:
            found.append((package, None))
    return tuple(found)


def export_recipe(model: str) -> dict[str, Any]:
    """Everything that decides the exported file: the model, opset, quantisation, versions."""
    return {
        "recipe": RECIPE_VERSION,
        "source": source_model_id(model),
        "exporter": "torch.onnx.export (TorchScript), eager attention",
        "opset": ONNX_OPSET,
        "quantisation": QUANTISATION,
        "versions": dict(_recipe_versions()),
    }


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()[:12]


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def _root_logger_kept_quiet() -> Iterator[None]:
    """quantize_dynamic warns through the root logger; with no handler there, that call would
    install one on stderr for the whole process. A temporary null handler prevents that."""
    root = logging.getLogger()
    guard = None if root.handlers else logging.NullHandler()
    if guard:
        root.addHandler(guard)
    try:
        yield
    finally:
        if guard:
            root.removeHandler(guard)


def _quantise(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with _root_logger_kept_quiet():
        quantize_dynamic(
            source,
            target,
            weight_type=getattr(QuantType, QUANTISATION["weight_type"]),
            per_channel=QUANTISATION["per_channel"],
        )


class OnnxEmbedder:
    """Embeds with the int8 ONNX export of a sentence-transformers model, on onnxruntime.

    Texts are sorted by length into batches (less padding), and rows come back in input order.
    Vectors have cosine about 0.99 to :class:`SentenceTransformerEmbedder`'s; ``model_id`` differs
    from it (``...+onnx-int8-<recipe hash>``), so the two never mix in the embedding cache.

    Args:
        model: as for :class:`SentenceTransformerEmbedder`.
        batch_size: texts per forward pass.
        cache_dir: folder of exported models; None: :func:`user_cache_dir` at first use.
        threads: batches run at once, each in its own single-threaded onnxruntime session;
            None: one per CPU this process may use.
        max_tokens: word pieces of each text given to the model (fewer if the model takes
            fewer); None: the model's own limit.

    Example:
        >>> OnnxEmbedder().encode(["refund please"]).shape  # doctest: +SKIP
        (1, 384)
    """

    def __init__(
        self,
        model: str = BUNDLED_MODEL,
        batch_size: int = 64,
        cache_dir: str | Path | None = None,
        threads: int | None = None,
        max_tokens: int | None = None,
    ):
        self.model = model
        self.batch_size = batch_size
        self.cache_dir = cache_dir
        self.threads = threads
        self.max_tokens = max_tokens
        self._sessions: list[Any] = []
        self._tokenizer: Any = None

    @property
    def model_id(self) -> str:
        return self._export_id() + truncation_suffix(self.max_tokens)

    def _export_id(self) -> str:
        recipe = export_recipe(self.model)
        return f"{recipe['source']}+onnx-int8-{_digest(recipe)}"

    def export_dir(self) -> Path:
        """Folder of this model's export (it may not exist yet; any token limit shares it)."""
        root = Path(self.cache_dir) if self.cache_dir else user_cache_dir()
        return root / "onnx" / folder_name(self._export_id())

    def export(self) -> Path:
        """Export and quantise the model unless its folder exists; return the folder.

        The files are written to a temporary folder that is renamed into place, so a concurrent
        run sees either no export or a complete one.
        """
        final = self.export_dir()
        if final.is_dir():
            return final
        final.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".export-", dir=final.parent))
        try:
            export_onnx(self.model, work / _FP32_FILE, work / TOKENIZER_FILE, ONNX_OPSET)
            _quantise(work / _FP32_FILE, work / MODEL_FILE)
            (work / _FP32_FILE).unlink()
            files = (MODEL_FILE, TOKENIZER_FILE)
            record = {
                **export_recipe(self.model),
                "sha256": {name: _file_sha256(work / name) for name in files},
            }
            (work / RECIPE_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
            work.rename(final)
        except ModelError:
            raise
        except Exception as exc:  # torch, onnx and onnxruntime raise many kinds
            if final.is_dir():  # another process finished the same export first
                return final
            raise ModelError(
                f"embedding model '{self.model}' could not be exported to ONNX ({exc}); "
                'pass --backend torch (or set embed.backend = "torch") to embed with PyTorch'
            ) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return final

    def _load(self) -> tuple[list[Any], Any]:
        """One single-threaded session per batch run at once, and the tokenizer."""
        if self._sessions:
            return self._sessions, self._tokenizer
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(
                f"the onnx backend needs {exc.name}; run 'make install', or pass --backend torch"
            ) from None
        folder = self.export()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = _ERROR_LOGS_ONLY
        try:
            sessions = [
                ort.InferenceSession(
                    str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"]
                )
                for _ in range(self.threads or usable_cpus())
            ]
            tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
            limit = (tokenizer.truncation or {}).get("max_length")
            if self.max_tokens and (limit is None or self.max_tokens < limit):
                tokenizer.enable_truncation(self.max_tokens)
        except Exception as exc:  # a damaged cache folder; onnxruntime raises its own kinds
            raise ModelError(
                f"the ONNX export in {folder} cannot be loaded ({exc}); delete that folder to "
                "export again, or pass --backend torch"
            ) from None
        self._sessions, self._tokenizer = sessions, tokenizer
        return sessions, tokenizer

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        sessions, tokenizer = self._load()
        total = len(texts)
        out = np.empty((total, sessions[0].get_outputs()[0].shape[1]), dtype=np.float32)
        order = length_order(texts)
        batches = [order[s : s + self.batch_size] for s in range(0, total, self.batch_size)]
        idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        for session in sessions:
            idle.put(session)

        def run(rows: np.ndarray) -> int:
            session = idle.get()
            try:
                feed = token_arrays(tokenizer.encode_batch([texts[i] for i in rows]))
                out[rows] = session.run([ONNX_OUTPUT], feed)[0]
            finally:
                idle.put(session)
            return len(rows)

        # Sessions run whole batches side by side (onnxruntime and the tokenizer release the
        # GIL): on CPUs this beats one session with several intra-op threads, and a batch's
        # vectors do not depend on which session ran it.
        with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
            done = 0
            for count in pool.map(run, batches):
                done += count
                if progress:
                    progress(STAGE, done, total)
        return out
