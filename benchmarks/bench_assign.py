"""Throughput of ``assign_tickets``: a new export routed to a run's curated themes.

The sample export is clustered once into a temporary workspace. Then it is assigned twice:
warm (the run's own tickets, every vector cached: the cost beyond embedding) and cold (the same
tickets with one word added to each, so none is cached: embedding included). The default embedder
is loaded and warmed before timing, so model start-up is left out.

    python -m benchmarks.bench_assign --input sample_data/sample_tickets.csv --tickets 1000

The whole sample (``--tickets 0``) takes more than 4 minutes on 2 cores; 1000 rows is the default.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.bench_cluster import machine, write_report
from voc.assign import Assignment, assign_tickets
from voc.config import RunConfig
from voc.embed import make_embedder
from voc.runs import run

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_tickets.csv"


def exports(source: Path, folder: Path, text_column: str, limit: int | None) -> tuple[Path, Path]:
    """The first ``limit`` rows of ``source`` (what is clustered), and the same rows with
    "Update:" before each ticket's text (same topics, no cached vector)."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame = frame.head(limit) if limit else frame
    frame.to_csv(base := folder / "base.csv", index=False)
    frame[text_column] = "Update: " + frame[text_column]
    frame.to_csv(fresh := folder / "fresh.csv", index=False)
    return base, fresh


def row(label: str, result: Assignment, wall: float) -> str:
    n = len(result.rows)
    s = result.seconds
    beyond = wall - s["embed"]
    embed_rate = f"{n / s['embed']:.0f}" if s["embed"] > 0.05 else "(cached)"
    return (
        f"| {label} | {n} | {result.cache_hits} | {wall:.2f} | {s['ingest']:.2f} | "
        f"{s['centroids']:.2f} | {s['embed']:.2f} | {s['route']:.3f} | {beyond:.2f} | "
        f"{n / wall:.0f} | {embed_rate} | {result.threshold} | {result.unthemed} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=SAMPLE)
    parser.add_argument("--text-column", default="Description")
    parser.add_argument(
        "--tickets", type=int, default=1000, help="first rows used (0: all; all takes > 4 min)"
    )
    parser.add_argument("--report", type=Path, default=ROOT / "bench_out" / "assign.md")
    args = parser.parse_args()
    embedder = make_embedder(RunConfig().embed)
    embedder.encode(["warm up the model"])
    with tempfile.TemporaryDirectory() as folder:
        ws = Path(folder) / "ws"
        base, fresh = exports(args.input, Path(folder), args.text_column, args.tickets or None)
        start = time.perf_counter()
        stored = run(base, ws, embedder=embedder).stored
        cluster_s = time.perf_counter() - start
        print(f"clustered in {cluster_s:.1f} s", flush=True)
        results = []
        for label, path in (("warm (run's own export, cached)", base), ("cold", fresh)):
            start = time.perf_counter()
            result = assign_tickets(path, ws, embedder=embedder)
            results.append((label, result, time.perf_counter() - start))
    lines = [
        f"Machine: {machine()}",
        f"Input: first {args.tickets or 'all'} rows of {args.input.name}; clustered once in "
        f"{cluster_s:.1f} s (run {stored.run_id}, "
        f"{len(stored.themes)} themes incl. Unthemed); embedder {embedder.model_id}",
        "",
        "| assign | tickets | cache hits | wall s | ingest s | centroids s | embed s | route s "
        "| beyond embedding s | tickets/s | embedded texts/s | threshold | unthemed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [row(label, result, wall) for label, result, wall in results]
    write_report(args.report, lines)


if __name__ == "__main__":
    main()
