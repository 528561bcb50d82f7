"""Time and peak memory of `voc cluster`, per stage, on one export: cold cache, then warm.

Each run is a separate `voc cluster --json` process in a fresh workspace, so peak memory is that
run's own. Prints a Markdown table to paste into docs/benchmarks.md and writes it to bench_out/.

    python -m benchmarks.bench_cluster --input sample_data/sample_tickets.csv
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("ingest", "clean", "embed", "cluster", "themes", "score")


def measure_in_fresh_process(module: str, target: Path, tail: int = 3000) -> dict:
    """Run ``python -m module --measure target`` in a new process (so its peak memory and
    imports are its own) and return the JSON its last output line holds."""
    proc = subprocess.run(
        [sys.executable, "-m", module, "--measure", str(target)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    if proc.returncode != 0:
        sys.exit(f"measuring failed ({proc.returncode}): {proc.stderr.strip()[-tail:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def write_report(path: Path, lines: list[str]) -> None:
    """Write a benchmark's Markdown report to ``path`` and print it."""
    table = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(table, encoding="utf-8")
    print(table)


SIMD_FLAGS = ("avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16", "amx_tile")


def machine() -> str:
    """One line describing the machine the numbers come from."""
    cpu = default = platform.processor() or platform.machine()
    flags: list[str] = []
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and cpu == default:
                cpu = line.split(":", 1)[1].strip()
            if line.startswith("flags"):
                have = set(line.split(":", 1)[1].split())
                flags = [f for f in SIMD_FLAGS if f in have]
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "unknown memory"
    simd = f"; CPU flags: {' '.join(flags) or 'no AVX'}"
    return f"{os.cpu_count()} cores ({cpu}{simd}), {memory}, Python {platform.python_version()}"


def one_run(input_path: Path, workspace: Path) -> dict:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "voc", "cluster", str(input_path), "-w", str(workspace), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"voc cluster failed ({proc.returncode}): {proc.stderr.strip()}")
    run_id = json.loads(proc.stdout)["run_id"]
    manifest = json.loads((workspace / "runs" / run_id / "manifest.json").read_text())
    return {"wall": wall, "manifest": manifest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=Path("sample_data/sample_tickets.csv"))
    parser.add_argument("--out", type=Path, default=Path("bench_out/bench_cluster.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp)
        cold = one_run(args.input, workspace)
        warm = one_run(args.input, workspace)
    rows = cold["manifest"]["rows"]
    lines = [
        f"`voc cluster {args.input}`: {rows['read']} rows read, {rows['used']} used, "
        f"{cold['manifest']['themes']['count']} themes. Machine: {machine()}.",
        "",
        "| stage | cold cache: s | cold: peak RSS MB | warm cache: s | warm: peak RSS MB |",
        "|---|---|---|---|---|",
    ]
    for stage in STAGES:
        lines.append(
            f"| {stage} | {cold['manifest']['timings_seconds'][stage]:.2f} "
            f"| {cold['manifest']['peak_rss_mb'][stage]:.0f} "
            f"| {warm['manifest']['timings_seconds'][stage]:.2f} "
            f"| {warm['manifest']['peak_rss_mb'][stage]:.0f} |"
        )
    lines.append(
        f"| **whole command** (process start, imports, model load, write) "
        f"| {cold['wall']:.2f} | | {warm['wall']:.2f} | |"
    )
    write_report(args.out, lines)


if __name__ == "__main__":
    main()
