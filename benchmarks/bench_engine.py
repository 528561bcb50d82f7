"""Embedding throughput of the engines: one process vs a local Dask cluster of 1 and 2 workers.

Embeds ``--texts`` generated ticket texts (a subject and one to four sentences, seeded) with the
bundled model on the onnx backend: in this process with onnxruntime on 1 and on 2 threads, then
with the Dask engine on local clusters of 1 and 2 single-threaded workers. Each is timed
``--rounds`` times after a warm-up that loads the model (on every worker too), so texts/s leave out
start-up; cluster start-up is reported apart. Scaling efficiency is the speed-up over one process
on one thread, divided by the workers (or threads) used. Every vector is checked bit for bit
against the single-process ones.

    python -m benchmarks.bench_engine --texts 4000
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from benchmarks.bench_cluster import machine, write_report
from benchmarks.bench_ingest import SENTENCES, SUBJECTS
from voc.config import EmbedConfig
from voc.embed import OnnxEmbedder, make_embedder
from voc.engine.dask_engine import DaskEngine

ROOT = Path(__file__).resolve().parents[1]
Encode = Callable[[Sequence[str]], np.ndarray]


def ticket_texts(count: int, seed: int = 7) -> list[str]:
    """``count`` deterministic ticket texts of varied length."""
    rng = random.Random(seed)
    return [
        f"{rng.choice(SUBJECTS)}\n{' '.join(rng.sample(SENTENCES, rng.randint(1, 4)))}"
        for _ in range(count)
    ]


def timed(
    encode: Encode, texts: list[str], rounds: int, warm_up: int
) -> tuple[list[float], np.ndarray]:
    """texts/s of each round, after encoding ``warm_up`` texts (one partition per worker) to load
    the model wherever it runs; and the last round's vectors."""
    encode(texts[:warm_up])
    speeds, vectors = [], np.empty(0)
    for _ in range(rounds):
        start = time.perf_counter()
        vectors = encode(texts)
        speeds.append(len(texts) / (time.perf_counter() - start))
    return speeds, vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--partition-rows", type=int, default=512)
    parser.add_argument("--out", type=Path, default=ROOT / "bench_out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    texts = ticket_texts(args.texts)
    config = EmbedConfig()
    rows: list[tuple[str, int, list[float], float | None]] = []  # name, parallelism, speeds, start
    reference: np.ndarray | None = None
    identical = True
    for threads in (1, 2):
        embedder = OnnxEmbedder(config.model, batch_size=config.batch_size, threads=threads)
        speeds, vectors = timed(embedder.encode, texts, args.rounds, config.batch_size)
        reference = vectors if reference is None else reference
        identical &= bool(np.array_equal(vectors, reference))
        rows.append((f"local, onnxruntime {threads} thread(s)", threads, speeds, None))
    for workers in (1, 2):
        start = time.perf_counter()
        with DaskEngine(workers=workers, partition_rows=args.partition_rows) as engine:
            started = time.perf_counter() - start
            encode = engine.encoder(make_embedder(config), config)
            warm_up = workers * args.partition_rows
            speeds, vectors = timed(lambda t, e=encode: e(t, None), texts, args.rounds, warm_up)
        identical &= bool(np.array_equal(vectors, reference))
        rows.append((f"dask, {workers} worker(s) x 1 thread", workers, speeds, started))
    base = float(np.mean(rows[0][2]))
    lines = [
        f"Machine: {machine()}. {len(texts)} generated ticket texts, onnx int8 backend, "
        f"batches of {config.batch_size}, Dask partitions of {args.partition_rows} texts.",
        "",
        "| engine | texts/s, each round | speed-up vs local 1 thread | scaling efficiency |",
        "|---|---|---|---|",
    ]
    for name, parallel, speeds, _ in rows:
        speedup = float(np.mean(speeds)) / base
        lines.append(
            f"| {name} | {', '.join(f'{s:.0f}' for s in speeds)} | {speedup:.2f}x | "
            f"{speedup / parallel:.0%} |"
        )
    starts = ", ".join(f"{n.split(',')[1].strip()}: {s:.1f} s" for n, _, _, s in rows if s)
    lines += [
        "",
        f"Local cluster start-up (not in texts/s): {starts}.",
        f"Vectors bit-identical to local 1 thread in every configuration: {identical}.",
    ]
    write_report(args.out / "bench_engine.md", lines)


if __name__ == "__main__":
    main()
