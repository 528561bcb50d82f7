"""``DaskEngine``: embedding, assignment and cleaning as tasks on a Dask cluster.

The only module that imports dask and distributed. Without a scheduler address the engine starts
a local cluster of single-threaded worker processes for the run, and closes it afterwards; with
one it connects to that cluster and leaves it running.

What runs where, and why the results match the single-process path bit for bit:

- embedding: the texts are split into partitions by :func:`voc.embed.partition_plan`, runs of whole
  batches in the order the backend batches them, so each batch holds the same texts as in one
  process (the int8 model's vectors depend on their batch-mates). Each worker makes the embedder
  from the run's ``EmbedConfig`` once and keeps it (the model is never sent with a task), with one
  intra-op thread: the worker processes are the parallelism.
- assignment: the fitted model (its centroids: kilobytes) is scattered to every worker once, and
  each row partition runs ``ThemeModel.predict``, gathered in order.
- cleaning: the reader streams the export chunk by chunk and the workers clean the chunks.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from distributed import Client, LocalCluster, as_completed

from voc.config import EmbedConfig, EngineConfig
from voc.cpus import usable_cpus
from voc.embed import Embedder, Progress, make_embedder, partition_plan
from voc.embed.base import STAGE
from voc.embed.cache import Encode
from voc.embed.export import ExportedEmbedder
from voc.engine.base import Engine
from voc.errors import ConfigError, EngineError
from voc.ingest import CleaningPool

if TYPE_CHECKING:
    from voc.cluster import Assign, ThemeModel

# Intra-op threads of the model on a worker: one; the cluster's processes are the parallelism.
WORKER_THREADS = 1
LOCAL = "local"

# A worker process's embedders, by the settings they were made from: loaded on a worker's first
# task, reused by the next ones. Module state, as it must outlive each task.
_worker_embedders: dict[EmbedConfig, Embedder] = {}
_worker_lock = threading.Lock()


class DaskEngine(Engine):
    """Runs embedding, assignment and cleaning as Dask tasks.

    Args:
        scheduler: address of a running scheduler (``tcp://host:8786``); None: start a local
            cluster on :meth:`start` and close it on :meth:`close`.
        workers: worker processes of that local cluster, one thread each; 0: one per CPU.
        partition_rows: texts or tickets per task (embedding rounds it up to whole batches).
        connect_timeout: seconds to wait for ``scheduler``, and for it to have a worker.

    Example:
        >>> with DaskEngine(workers=2) as engine:  # doctest: +SKIP
        ...     vectors = engine.encoder(embedder, EmbedConfig())(texts, None)
    """

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 0,
        partition_rows: int = 2048,
        connect_timeout: float = 30.0,
    ):
        self.scheduler = scheduler
        self.workers = workers
        self.partition_rows = partition_rows
        self.connect_timeout = connect_timeout
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None

    @classmethod
    def from_config(cls, config: EngineConfig) -> DaskEngine:
        """An engine with a run's ``engine`` settings."""
        return cls(config.scheduler, config.workers, config.partition_rows, config.connect_timeout)

    def start(self) -> None:
        if self._client is not None:
            return
        if self.scheduler:
            self._client = _connect(self.scheduler, self.connect_timeout)
            return
        workers = self.workers or usable_cpus()
        try:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        except (OSError, TimeoutError) as exc:
            raise EngineError(
                f"a local Dask cluster of {workers} workers could not start ({exc}); pass fewer "
                "--workers, or --engine local"
            ) from None
        self._client = Client(self._cluster)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def client(self) -> Client:
        """The connected client; the engine must have been started (``with engine: ...``)."""
        if self._client is None:
            raise RuntimeError("DaskEngine used before start(); use it in a 'with' block")
        return self._client

    def threads(self) -> int:
        """Tasks the cluster runs at once: the threads of all its workers."""
        return sum(self.client.nthreads().values())

    def cleaning_pool(self) -> CleaningPool:
        return CleaningPool(self.client.get_executor(pure=False), max(self.threads(), 1))

    def encoder(self, embedder: Embedder, config: EmbedConfig) -> Encode:
        worker_view = make_embedder(config)
        if embedder.model_id != worker_view.model_id:
            raise ConfigError(
                f"the dask engine embeds with the model of the embed settings "
                f"({worker_view.model_id}) on its workers, not with the embedder passed in "
                f"({embedder.model_id}); set embed.model / --model instead"
            )

        def encode(texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
            if not texts:
                return embedder.encode(texts, progress)
            if self._cluster is not None and isinstance(worker_view, ExportedEmbedder):
                # Local workers share this machine's cache folder: export the model once, here,
                # rather than in every worker at the same time.
                worker_view.export()
            return self._encode(texts, config, progress)

        return encode

    def _encode(
        self, texts: Sequence[str], config: EmbedConfig, progress: Progress | None
    ) -> np.ndarray:
        order, batch = partition_plan(texts, config)
        size = batch * max(1, math.ceil(self.partition_rows / batch))
        parts = [order[start : start + size] for start in range(0, len(texts), size)]
        # hash=False: fresh keys, so embedding the same texts again never meets the last call's
        # data while the scheduler is still forgetting it.
        data = self.client.scatter([[texts[i] for i in rows] for rows in parts], hash=False)
        futures = self.client.map(_encode_on_worker, data, config=config, pure=False)
        position = {future.key: i for i, future in enumerate(futures)}
        results: list[np.ndarray] = [np.empty(0)] * len(parts)
        done = 0
        for future in as_completed(futures):
            i = position[future.key]
            results[i] = future.result()
            done += len(parts[i])
            if progress:
                progress(STAGE, done, len(texts))
        out = np.empty((len(texts), results[0].shape[1]), dtype=np.float32)
        out[order] = np.concatenate(results)
        return out

    def assigner(self, model: ThemeModel) -> Assign:
        def assign(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            if not len(x):
                return model.predict(x)  # its own error for an empty input
            step = self.partition_rows
            data = self.client.scatter(
                [x[i : i + step] for i in range(0, len(x), step)], hash=False
            )
            fitted = self.client.scatter(model, broadcast=True, hash=False)
            parts = self.client.gather(
                self.client.map(_predict_on_worker, data, model=fitted, pure=False)
            )
            return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

        return assign

    def describe(self) -> dict[str, Any]:
        threads = self.client.nthreads()  # threads of each worker
        return {
            "name": self.name,
            "scheduler": self.scheduler or LOCAL,
            "workers": len(threads),
            "threads": sum(threads.values()),
        }


def _connect(address: str, timeout: float) -> Client:
    """A client of the scheduler at ``address`` that has at least one worker."""
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise EngineError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({exc}); check "
            "the address and that the scheduler runs, or omit --scheduler to start a local "
            "cluster"
        ) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise EngineError(
            f"the Dask scheduler at {address} has no worker after {timeout:g} s ({exc}); start "
            f"workers with 'dask worker {address} --nthreads 1' (see docs/scale.md)"
        ) from None
    return client


def _worker_embedder(config: EmbedConfig) -> Embedder:
    """This worker's embedder for ``config``, made on its first task."""
    with _worker_lock:
        if config not in _worker_embedders:
            _worker_embedders[config] = make_embedder(config, threads=WORKER_THREADS)
        return _worker_embedders[config]


def _encode_on_worker(texts: list[str], config: EmbedConfig) -> np.ndarray:
    """A task: the vectors of one partition of texts (already in the backend's batch order)."""
    return _worker_embedder(config).encode(texts)


def _predict_on_worker(x: np.ndarray, model: ThemeModel) -> tuple[np.ndarray, np.ndarray]:
    """A task: ``model.predict`` on one partition of rows."""
    return model.predict(x)
