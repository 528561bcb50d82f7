"""Embedding backends side by side: export time, texts/s, and cosine between their vectors.

Texts are the first ``--tickets`` of an export, read and cleaned as the pipeline does. The ONNX
export is made ``--rounds`` times into fresh temporary folders (timed, and its sha256 compared);
then each round embeds the texts with every backend, model already loaded, so texts/s leave out
start-up. Cosine is row by row between the two backends' vectors.

    python -m benchmarks.bench_embed --input sample_data/sample_tickets.csv --tickets 3000
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np

from benchmarks.bench_cluster import machine, write_report
from voc.config import RunConfig
from voc.embed import Embedder, OnnxEmbedder, SentenceTransformerEmbedder
from voc.embed.onnx_backend import MODEL_FILE
from voc.ingest import read_export
from voc.prepare import embedding_texts, prepare_frame

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_tickets.csv"


def pipeline_texts(path: Path, limit: int) -> list[str]:
    """The first ``limit`` texts of an export exactly as the pipeline gives them to the model."""
    config = RunConfig()
    prepare = partial(prepare_frame, config=config, salt=b"bench")
    frame = read_export(path, config.ingest, prepare=prepare).frame
    return embedding_texts(frame.head(limit), config.embed.max_chars)


def timed_export() -> tuple[float, str]:
    """Seconds to export and quantise the bundled model into an empty folder, and its sha256."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        done = OnnxEmbedder(cache_dir=folder).export()
        seconds = time.perf_counter() - start
        return seconds, hashlib.sha256((done / MODEL_FILE).read_bytes()).hexdigest()


def throughput(embedder: Embedder, texts: list[str]) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    vectors = embedder.encode(texts)
    return len(texts) / (time.perf_counter() - start), vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=SAMPLE)
    parser.add_argument("--tickets", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench_out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    texts = pipeline_texts(args.input, args.tickets)
    exports = [timed_export() for _ in range(args.rounds)]
    with tempfile.TemporaryDirectory() as cache:
        embedders = {
            "torch": SentenceTransformerEmbedder(),
            "onnx": OnnxEmbedder(cache_dir=cache),
        }
        for embedder in embedders.values():
            embedder.encode(["warm up: load the model"])
        speeds: dict[str, list[float]] = {name: [] for name in embedders}
        vectors: dict[str, np.ndarray] = {}
        for _ in range(args.rounds):
            for name, embedder in embedders.items():
                speed, vectors[name] = throughput(embedder, texts)
                speeds[name].append(speed)
    cosine = (vectors["onnx"] * vectors["torch"]).sum(axis=1)
    lines = [
        f"Machine: {machine()}. Input: {args.input.name}, {len(texts)} texts.",
        "",
        "| backend | texts/s, each round |",
        "|---|---|",
        *(f"| {n} | {', '.join(f'{s:.0f}' for s in v)} |" for n, v in speeds.items()),
        "",
        f"ONNX export + int8 quantisation: {', '.join(f'{s:.1f} s' for s, _ in exports)}; "
        f"identical bytes each time: {len({d for _, d in exports}) == 1}.",
        f"Cosine onnx vs torch, row by row: mean {cosine.mean():.4f}, min {cosine.min():.4f}, "
        f"1st percentile {np.percentile(cosine, 1):.4f}, 5th {np.percentile(cosine, 5):.4f}.",
    ]
    write_report(args.out / "bench_embed.md", lines)


if __name__ == "__main__":
    main()
