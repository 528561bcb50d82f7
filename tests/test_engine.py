"""Engines: the Dask engine (a local 2-worker cluster) gives the single-process path's results."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.conftest import SAMPLE, SIMILARITY_TOLERANCE
from voc.cli import app
from voc.cluster import ThemeModel
from voc.config import EmbedConfig, EngineConfig, RunConfig
from voc.embed import make_embedder, partition_plan
from voc.engine import LocalEngine, make_engine
from voc.engine.dask_engine import DaskEngine
from voc.errors import ConfigError, EngineError
from voc.ingest import read_export
from voc.prepare import embedding_texts, prepare_frame
from voc.runs import run
from voc.store import ASSIGNMENTS

pytestmark = pytest.mark.slow

WORKERS = 2
PARTITION_ROWS = 64  # one batch per task: several tasks even on a few hundred texts
UNREACHABLE = "tcp://127.0.0.1:9"  # the discard port: nothing listens there
# Tickets whose text is changed in the pipeline test's export, so the run must embed them.
CHANGED_EVERY = 16


@pytest.fixture(scope="module")
def dask_engine(voc_cache_dir: Path) -> Iterator[DaskEngine]:
    """A local cluster of two single-threaded workers, started after VOC_CACHE_DIR is set (the
    spawned workers inherit it, so they load the session's ONNX export)."""
    with DaskEngine(workers=WORKERS, partition_rows=PARTITION_ROWS) as engine:
        yield engine


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """A few hundred sample texts, exactly as the pipeline gives them to the model."""
    config = RunConfig()
    prepare = partial(prepare_frame, config=config, salt=b"test-salt")
    frame = read_export(SAMPLE, config.ingest, prepare=prepare).frame
    return embedding_texts(frame.head(200), config.embed.max_chars)


def test_dask_vectors_are_bit_identical_to_one_process(embedder, dask_engine, texts) -> None:
    seen: list[tuple[str, int, int]] = []
    vectors = dask_engine.encoder(embedder, EmbedConfig())(texts, lambda *p: seen.append(p))
    assert np.array_equal(vectors, embedder.encode(texts))
    # Progress as partitions complete: one call per task, ending at the total.
    assert len(seen) == -(-len(texts) // PARTITION_ROWS) and seen[-1] == ("embed", 200, 200)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)


def test_partitions_that_cut_batches_would_change_onnx_vectors(texts) -> None:
    """Why the engine keeps batches whole: a dynamic-int8 vector depends on its batch-mates."""
    config = EmbedConfig(backend="onnx")
    order, batch = partition_plan(texts, config)
    assert batch == config.batch_size and len(set(order.tolist())) == len(texts)
    embedder = make_embedder(config)
    whole = embedder.encode(texts[:100])
    halves = np.concatenate([embedder.encode(texts[:50]), embedder.encode(texts[50:100])])
    assert not np.array_equal(whole, halves)
    assert np.allclose(whole, halves, atol=0.05)


def test_static_int8_vectors_barely_depend_on_batch_mates(embedder, texts) -> None:
    """The default backend's int8 ranges are fixed at calibration: other batches change a vector
    by rounding at most (the engine keeps batches whole all the same)."""
    assert EmbedConfig().backend == "openvino"
    whole = embedder.encode(texts[:100])
    halves = np.concatenate([embedder.encode(texts[:50]), embedder.encode(texts[50:100])])
    assert np.allclose(whole, halves, atol=1e-3)


def test_dask_assignment_is_predict(dask_engine) -> None:
    rng = np.random.default_rng(0)
    model = ThemeModel(assign_threshold=0.45)
    centroids = rng.normal(size=(6, 384)).astype(np.float32)
    model.centroids_ = centroids / np.linalg.norm(centroids, axis=1, keepdims=True)
    noise = rng.normal(0, 1, (1000, 384)) * rng.uniform(0.02, 0.12, (1000, 1))
    x = model.centroids_[rng.integers(0, 6, 1000)] + noise
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    expected = model.predict(x)
    for _ in range(2):  # the same rows again: fresh task data, not the last call's
        labels, similarity = dask_engine.assigner(model)(x)
        assert np.array_equal(labels, expected[0])
        np.testing.assert_allclose(similarity, expected[1], rtol=0, atol=SIMILARITY_TOLERANCE)
    assert 0 < (labels >= 0).sum() < len(x)  # some join a theme, some stay Unthemed


@pytest.fixture(scope="module")
def changed_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample export with every 16th body changed: texts the sample's cache lacks."""
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    body = rows[0].index("Description")
    for row in rows[1::CHANGED_EVERY]:
        row[body] += " Update: this still happens after the latest release."
    path = tmp_path_factory.mktemp("engine_export") / "tickets.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _workspace_with_sample_cache(sample_run, path: Path) -> Path:
    """A new workspace holding the sample run's embedding cache (its salt too, so the two runs
    pseudonymise alike): only the changed tickets are embedded, keeping the test short."""
    source = sample_run.stored.path.parents[1]
    shutil.copytree(source / "cache", path / "cache")
    shutil.copy(source / ".voc-salt", path / ".voc-salt")
    return path


def test_pipeline_on_dask_gives_the_same_assignments(
    sample_run, embedder, dask_engine, changed_export, tmp_path: Path
) -> None:
    config = RunConfig().with_overrides(
        {
            "cluster.sample_above": 1000,  # so most tickets are assigned by the engine
            "cluster.sample_size": 800,
            "ingest.chunk_rows": 1000,  # so chunks after the first are cleaned by the engine
            "ingest.clean_workers": 1,  # the local run cleans in its own process
        }
    )
    runs = {
        name: run(
            changed_export,
            _workspace_with_sample_cache(sample_run, tmp_path / name),
            config,
            embedder=embedder,
            engine=engine,
        )
        for name, engine in (("local", LocalEngine()), ("dask", dask_engine))
    }
    local, dask = runs["local"], runs["dask"]
    assert dask.manifest["engine"] == {
        "name": "dask",
        "scheduler": "local",
        "workers": WORKERS,
        "threads": WORKERS,
    }
    assert local.manifest["engine"] == {"name": "local", "workers": 1}
    assert (local.ingest.clean_processes, dask.ingest.clean_processes) == (1, WORKERS)
    for result in runs.values():
        embedding = result.manifest["embedding"]
        assert 0 < embedding["computed"] < embedding["cache_hits"]
        assert result.manifest["clustering"]["fit_sample"] == 800
    assert (
        local.stored.path.joinpath(ASSIGNMENTS).read_bytes()
        == dask.stored.path.joinpath(ASSIGNMENTS).read_bytes()
    )
    assignments = pd.read_csv(dask.stored.path / ASSIGNMENTS)
    assert assignments["theme_id"].nunique() > 3
    # Labels and text exactly, floats within the promise (docs/determinism.md).
    pd.testing.assert_frame_equal(
        local.stored.tickets(),
        dask.stored.tickets(),
        check_exact=False,
        rtol=0,
        atol=SIMILARITY_TOLERANCE,
    )


def test_unreachable_scheduler_is_a_clear_error() -> None:
    engine = make_engine(EngineConfig(name="dask", scheduler=UNREACHABLE, connect_timeout=1.0))
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        engine.start()


def test_cli_unreachable_scheduler_exits_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    settings = tmp_path / "settings.toml"
    settings.write_text("[engine]\nconnect_timeout = 1.0\n", encoding="utf-8")
    args = ["cluster", str(SAMPLE), "-w", str(tmp_path / "ws"), "--config", str(settings)]
    result = CliRunner().invoke(app, [*args, "--engine", "dask", "--scheduler", UNREACHABLE])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "ws" / "runs").exists()


def test_scheduler_without_the_dask_engine_is_refused() -> None:
    with pytest.raises(ConfigError, match="pass --engine dask"):
        RunConfig().with_overrides({"engine.scheduler": UNREACHABLE})
