"""Seconds and peak memory of theme lineage (:func:`voc.lineage.trace`) at scale.

Lineage runs in every run's write stage, after embedding and clustering; this measures its cost
alone, on generated runs: ``--themes`` themes of 384-dimensional unit centroids, each ticket its
theme's centroid plus noise; the new run holds half of the earlier run's tickets (matched by id)
and as many new ones (matched by nearest centroid), and a tenth of the themes changed shape.

    python -m benchmarks.bench_lineage --tickets 100000 1000000
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np

from benchmarks.bench_cluster import machine, write_report
from voc.lineage import RunThemes, changes, trace

ROOT = Path(__file__).resolve().parents[1]
DIMENSIONS = 384


def generated_runs(
    tickets: int, themes: int, seed: int = 0
) -> tuple[RunThemes, RunThemes, np.ndarray]:
    """An earlier and a new run of ``tickets`` tickets each, and the new run's vectors."""
    rng = np.random.default_rng(seed)
    centroids = rng.normal(size=(themes, DIMENSIONS)).astype(np.float32)
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)

    def vectors_of(labels: np.ndarray) -> np.ndarray:
        out = centroids[labels] + rng.normal(scale=0.04, size=(len(labels), DIMENSIONS)).astype(
            np.float32
        )
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    old_labels = rng.integers(0, themes, tickets)
    old_ids = np.array([f"a{i}" for i in range(tickets)], dtype=object)
    old_vectors = vectors_of(old_labels)
    earlier = RunThemes(
        "earlier",
        old_ids,
        old_labels,
        centroids,
        similarity=np.einsum("ij,ij->i", old_vectors, centroids[old_labels]),
    )
    kept = tickets // 2
    fresh_labels = rng.integers(0, themes, tickets - kept)
    new_labels = np.concatenate([old_labels[:kept], fresh_labels])
    changed = new_labels < themes // 10  # a tenth of the themes renumbered: splits and merges
    new_labels = np.where(changed, (new_labels * 7) % themes, new_labels)
    new_ids = np.concatenate([old_ids[:kept], [f"b{i}" for i in range(tickets - kept)]])
    new_vectors = np.concatenate([old_vectors[:kept], vectors_of(fresh_labels)])
    new = RunThemes("new", new_ids, new_labels, centroids)
    return earlier, new, new_vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--themes", type=int, default=200)
    parser.add_argument("--report", type=Path, default=ROOT / "bench_out" / "lineage.md")
    args = parser.parse_args()
    lines = [
        f"Machine: {machine()}",
        f"Generated runs: {args.themes} themes, {DIMENSIONS} dimensions; the new run shares half "
        "its tickets with the earlier run.",
        "",
        "| tickets per run | trace s | changes s | peak RSS MB | trace raised the peak by MB "
        "| relations |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for n in args.tickets:
        earlier, new, vectors = generated_runs(n, args.themes)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        lineage = trace(earlier, new, vectors)
        traced = time.perf_counter() - start
        start = time.perf_counter()
        changes(lineage, len(earlier.ticket_ids), len(new.ticket_ids))
        summarised = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        counts: dict[str, int] = {}
        for theme in lineage.themes:
            counts[theme.relation] = counts.get(theme.relation, 0) + 1
        relations = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        lines.append(
            f"| {n:,} | {traced:.2f} | {summarised:.3f} | {peak:,.0f} | {peak - before:,.0f} "
            f"| {relations} |"
        )
        print(lines[-1], flush=True)
    write_report(args.report, lines)


if __name__ == "__main__":
    main()
