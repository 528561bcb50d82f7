"""What the exported backends share: a model built once into the user's cache folder from a
recipe, then run in batches by one worker per CPU.

:class:`ExportedEmbedder` is the base of the ``onnx`` and ``openvino`` backends. A subclass says
what its recipe is (everything that decides the built files), how to build the files, and how to
run one batch; the cache folder, the atomic build, the tokenizer and the batching are here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from voc.config import BATCH_TOKENS, BUNDLED_MODEL
from voc.cpus import usable_cpus
from voc.embed.base import (
    STAGE,
    Progress,
    folder_name,
    length_order,
    padded_batches,
    source_model_id,
    token_arrays,
    truncation_suffix,
)
from voc.errors import ModelError

CACHE_DIR_ENV = "VOC_CACHE_DIR"
TOKENIZER_FILE = "tokenizer.json"
RECIPE_FILE = "export.json"
# Libraries whose versions shape every exported file; a backend adds its runtime's packages.
EXPORT_PACKAGES = ("torch", "transformers", "sentence-transformers", "tokenizers", "onnx")
RunBatch = Callable[[Any, dict[str, np.ndarray]], np.ndarray]
# Both exported backends start from the same ONNX export of the sentence-transformers model.
ONNX_OPSET = 17
EXPORTER = "torch.onnx.export (TorchScript), eager attention"
# Texts tokenized at once by ``encode``: bounds the memory of the tokenizer's encodings.
_TOKENIZE_TEXTS = 4096


def user_cache_dir() -> Path:
    """voc's cache folder: ``$VOC_CACHE_DIR``, or ``$XDG_CACHE_HOME/voc``, or ``~/.cache/voc``."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "voc"


def package_versions(packages: tuple[str, ...]) -> dict[str, str | None]:
    """Installed version of each package (None where it is missing)."""
    return dict(_versions(packages))


@lru_cache(maxsize=8)
def _versions(packages: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
    found = []
    for package in packages:
        try:
            found.append((package, version(package)))
        except PackageNotFoundError:
            found.append((package, None))
    return tuple(found)


def export_recipe(
    model: str, recipe: int, quantisation: dict[str, Any], packages: tuple[str, ...], **extra: Any
) -> dict[str, Any]:
    """Everything that decides a backend's built files: the model, the ONNX export, the
    quantisation, anything ``extra`` (a calibration file's hash), and the libraries' versions."""
    return {
        "recipe": recipe,
        "source": source_model_id(model),
        "exporter": EXPORTER,
        "opset": ONNX_OPSET,
        "quantisation": quantisation,
        **extra,
        "versions": package_versions(packages),
    }


def digest(data: Any) -> str:
    """Short stable hash of a JSON-able value (a recipe)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()[:12]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def root_logger_kept_quiet() -> Iterator[None]:
    """Quantisers warn through the root logger; with no handler there, that call would install
    one on stderr for the whole process. A temporary null handler prevents that."""
    root = logging.getLogger()
    guard = None if root.handlers else logging.NullHandler()
    if guard:
        root.addHandler(guard)
    try:
        yield
    finally:
        if guard:
            root.removeHandler(guard)


def load_tokenizer(path: Path, max_tokens: int | None) -> tuple[Any, int]:
    """The exported tokenizer, cut at ``max_tokens`` word pieces where that is below its own,
    padding nothing (``encode`` pads each batch: :func:`~voc.embed.base.padded_batches`) and
    keeping its pad id as ``pad_id``."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    limit = (tokenizer.truncation or {}).get("max_length")
    if max_tokens and (limit is None or max_tokens < limit):
        tokenizer.enable_truncation(max_tokens)
    pad_id = int((tokenizer.padding or {}).get("pad_id", 0))
    tokenizer.no_padding()
    return tokenizer, pad_id


def one_line(exc: BaseException, limit: int = 300) -> str:
    """A library's error as one short line (runtimes write pages, with their source paths)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ExportedEmbedder:
    """An embedder whose model is built once into the user's cache folder, then run in batches.

    Texts are sorted by length into batches (less padding); the batches run side by side, one
    per worker (a single-threaded session or stream per usable CPU), and rows come back in input
    order. A batch's vectors never depend on which worker ran it.

    Args:
        model: ``"bundled:all-MiniLM-L6-v2"``, a local sentence-transformers folder, or a model
            name present in the local Hugging Face cache (never downloaded).
        batch_size: texts per forward pass.
        cache_dir: folder of exported models; None: :func:`user_cache_dir` at first use.
        threads: batches run at once; None: one per CPU this process may use.
        max_tokens: word pieces of each text given to the model (fewer if the model takes
            fewer); None: the model's own limit.
        batch_tokens: padded word pieces per batch at most (``embed.batch_tokens``): bounds
            the runtime's working memory on long texts.
    """

    #: Folder under the cache for this backend's exports.
    folder: ClassVar[str]
    #: What an error message tells the user to do instead.
    fallback_hint: ClassVar[str] = 'pass --backend torch (or set embed.backend = "torch")'

    def __init__(
        self,
        model: str = BUNDLED_MODEL,
        batch_size: int = 64,
        cache_dir: str | Path | None = None,
        threads: int | None = None,
        max_tokens: int | None = None,
        batch_tokens: int = BATCH_TOKENS,
    ):
        self.model = model
        self.batch_size = batch_size
        self.cache_dir = cache_dir
        self.threads = threads
        self.max_tokens = max_tokens
        self.batch_tokens = batch_tokens
        self._workers: list[Any] = []
        self._tokenizer: Any = None
        self._pad_id = 0

    # What a backend says -------------------------------------------------------------------
    def recipe(self) -> dict[str, Any]:
        """Everything that decides the built files; its hash names the export folder."""
        raise NotImplementedError

    def tag(self) -> str:
        """The backend's part of the model id, before the recipe hash (``onnx-int8``)."""
        raise NotImplementedError

    def build(self, work: Path) -> tuple[str, ...]:
        """Write the model's files (the tokenizer too) into ``work``; return their names."""
        raise NotImplementedError

    def open(self, folder: Path, workers: int) -> tuple[list[Any], RunBatch]:
        """Load the built model: one worker per batch run at once, and how a worker runs a
        batch of token arrays into unit vectors."""
        raise NotImplementedError

    # Shared --------------------------------------------------------------------------------
    def run_suffix(self) -> str:
        """What the model id adds for a setting chosen when the export is loaded ("": none)."""
        return ""

    @property
    def model_id(self) -> str:
        return self._export_id() + self.run_suffix() + truncation_suffix(self.max_tokens)

    def _export_id(self) -> str:
        recipe = self.recipe()
        return f"{recipe['source']}+{self.tag()}-{digest(recipe)}"

    def export_dir(self) -> Path:
        """Folder of this model's export (it may not exist yet; any token limit shares it)."""
        root = Path(self.cache_dir) if self.cache_dir else user_cache_dir()
        return root / self.folder / folder_name(self._export_id())

    def export(self) -> Path:
        """Build the model unless its folder exists; return the folder.

        The files are written to a temporary folder that is renamed into place, so a concurrent
        run sees either no export or a complete one.
        """
        final = self.export_dir()
        if final.is_dir():
            return final
        final.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".export-", dir=final.parent))
        try:
            files = self.build(work)
            record = {
                **self.recipe(),
                "sha256": {name: file_sha256(work / name) for name in files},
            }
            (work / RECIPE_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
            work.rename(final)
        except ModelError:
            raise
        except Exception as exc:  # torch, onnx and the runtimes raise many kinds
            if final.is_dir():  # another process finished the same export first
                return final
            raise ModelError(
                f"embedding model '{self.model}' could not be exported for the {self.folder} "
                f"backend ({one_line(exc)}); {self.fallback_hint}"
            ) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return final

    def _load(self) -> tuple[list[Any], RunBatch, Any]:
        if self._workers:
            return self._workers, self._run, self._tokenizer
        folder = self.export()
        try:
            workers, run = self.open(folder, self.threads or usable_cpus())
            tokenizer, self._pad_id = load_tokenizer(folder / TOKENIZER_FILE, self.max_tokens)
        except ModelError:
            raise
        except Exception as exc:  # a damaged cache folder; the runtimes raise their own kinds
            raise ModelError(
                f"the {self.folder} export in {folder} cannot be loaded ({one_line(exc)}); "
                f"delete that folder to export again, or {self.fallback_hint}"
            ) from None
        self._workers, self._run, self._tokenizer = workers, run, tokenizer
        return workers, run, tokenizer

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        workers, run_batch, tokenizer = self._load()
        total = len(texts)
        pad_id = self._pad_id
        order = length_order(texts)
        out: np.ndarray | None = None  # made at the first batch, which tells the dimensions
        idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        for worker in workers:
            idle.put(worker)

        def run(batch: tuple[list[Any], int]) -> np.ndarray:
            encodings, length = batch
            worker = idle.get()
            try:
                return run_batch(worker, token_arrays(encodings, length, pad_id))
            finally:
                idle.put(worker)

        # Texts are tokenized a chunk at a time (bounded memory), then batched by word pieces
        # (padded_batches: a vector never depends on its batch-mates). Workers run whole batches
        # side by side (the runtimes release the GIL): on CPUs this beats one worker with
        # several threads.
        with ThreadPoolExecutor(max_workers=len(workers)) as pool:
            done = 0
            for start in range(0, total, _TOKENIZE_TEXTS):
                rows = order[start : start + _TOKENIZE_TEXTS]
                encodings = tokenizer.encode_batch([texts[i] for i in rows])
                lengths = np.array([len(e.ids) for e in encodings])
                batches = padded_batches(lengths, self.batch_size, max_tokens=self.batch_tokens)
                feeds = [([encodings[i] for i in at], length) for at, length in batches]
                for (at, _), vectors in zip(batches, pool.map(run, feeds), strict=True):
                    if out is None:
                        out = np.empty((total, vectors.shape[1]), dtype=np.float32)
                    out[rows[at]] = vectors
                    done += len(at)
                    if progress:
                        progress(STAGE, done, total)
        if out is None:
            return np.empty((0, self.dimension()), dtype=np.float32)
        return out

    def dimension(self) -> int:
        """Length of this model's vectors (loads the model)."""
        return int(self.encode(["a"]).shape[1])
