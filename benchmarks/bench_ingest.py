"""Rows per second and peak memory of reading an export, cleaning it and masking PII.

Generates (once, cached in ``bench_out/``) a deterministic Zendesk-style CSV export of
``--rows`` tickets with realistic bodies (greetings, signatures, some HTML, quoted replies and
personal data), then reads it in a fresh process exactly as ``voc cluster`` does before
embedding: ``read_export`` with the pipeline's per-chunk cleaning. Peak memory is that process's
high-water mark.

    python -m benchmarks.bench_ingest --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import time
from functools import partial
from pathlib import Path

from benchmarks.bench_cluster import machine, measure_in_fresh_process

ROOT = Path(__file__).resolve().parents[1]
HEADER = [
    "Id", "Subject", "Description", "Created at", "Status", "Priority", "Via", "Tags",
    "Satisfaction Score", "Requester email", "Organization", "Reopens", "Replies",
    "Full resolution time in minutes",
]  # fmt: skip
SUBJECTS = [
    "Cannot log in after enabling 2FA", "Export to CSV is missing rows", "Charged twice this month",
    "Dashboard is very slow", "How do I invite a teammate?", "App crashes when uploading photos",
    "Webhook fires twice", "Change billing address on invoices", "Search returns nothing",
    "Slack integration stopped posting",
]  # fmt: skip
SENTENCES = [
    "Since the last update the page keeps loading forever and then shows an error.",
    "I tried clearing the cache and using another browser but nothing changed.",
    "Our whole team is blocked and we have a deadline at the end of the week.",
    "The verification code arrives but the app says it is invalid every time.",
    "We exported the report yesterday and about half of the rows were missing.",
    "My card was charged two times for the same subscription period.",
    "Could you tell me where I can find this setting in the new version?",
    "It worked fine last month, so something must have changed on your side.",
    "Please see the screenshot, the button is greyed out for admins too.",
    "This is costing us a lot of time, we need a fix or at least a workaround.",
]
GREETINGS = ["Hi team,", "Hello,", "Hi there,", "Dear support,", "Halo,"]
SIGNATURES = [
    "Thanks,\nAnna", "Best regards,\nJohn Smith\nAcme Corp", "Cheers,\nMo", "Salam,\nBudi",
]  # fmt: skip
PII = [
    "Call me on +44 20 7946 0958.", "My email is jane.doe@example.com.",
    "Card 4111 1111 1111 1111 was used.", "IBAN GB82 WEST 1234 5698 7654 32 please refund.",
]  # fmt: skip
SATISFACTION = ["Good", "Bad", "Offered", "Not Offered", ""]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write a deterministic export of ``rows`` tickets to ``path``."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            body = [rng.choice(GREETINGS), " ".join(rng.sample(SENTENCES, 4))]
            if rng.random() < 0.1:
                body.append(rng.choice(PII))
            if rng.random() < 0.1:
                body.append("On Mon, Support <help@example.com> wrote:\n> Thanks for reaching out")
            body.append(rng.choice(SIGNATURES))
            text = "\n".join(body)
            if rng.random() < 0.05:
                text = "<p>" + text.replace("\n", "<br>") + "</p>"
            writer.writerow(
                [
                    100000 + i, rng.choice(SUBJECTS), text,
                    f"2026-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d} 10:{i % 60:02d}:00",
                    rng.choice(["open", "solved", "pending"]),
                    rng.choice(["low", "normal", "high"]),
                    rng.choice(["Email", "Web", "Chat"]), "billing login",
                    rng.choice(SATISFACTION), f"user{i % 50_000}@example.com",
                    f"Org {i % 3000}", rng.randint(0, 3), rng.randint(1, 9), rng.randint(5, 5000),
                ]
            )  # fmt: skip
    tmp.replace(path)


def measure(path: Path) -> dict:
    """Read and clean ``path`` as the pipeline does; seconds, rows and peak memory."""
    from voc.config import RunConfig
    from voc.ingest import read_export
    from voc.prepare import prepare_frame

    config = RunConfig()
    start = time.perf_counter()
    prepare = partial(prepare_frame, config=config, salt=b"bench-salt")
    result = read_export(path, config.ingest, prepare=prepare)
    seconds = time.perf_counter() - start
    cleaning = result.clean_seconds
    return {
        "rows_read": result.rows_read,
        "rows_used": result.rows_used,
        "skipped": len(result.skipped),
        "seconds": round(seconds, 2),
        "clean_seconds": round(cleaning, 2),
        "clean_processes": result.clean_processes,
        "rows_per_second": round(result.rows_read / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench_out")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    path = args.out / f"ingest_{args.rows}.csv"
    if not path.exists():
        start = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {path} in {time.perf_counter() - start:.0f} s")
    size_mb = path.stat().st_size / 2**20
    r = measure_in_fresh_process("benchmarks.bench_ingest", path)
    table = (
        f"Machine: {machine()}. Input: {path.name}, {size_mb:.0f} MB.\n\n"
        "| rows read | used | skipped | seconds | cleaning (CPU s, processes) | rows/s "
        "| peak RSS MB: reader, largest worker |\n"
        "|---|---|---|---|---|---|---|\n"
        f"| {r['rows_read']} | {r['rows_used']} | {r['skipped']} | {r['seconds']} "
        f"| {r['clean_seconds']} ({r['clean_processes']}) | {r['rows_per_second']} "
        f"| {r['peak_rss_mb']}, {r['peak_rss_worker_mb']} |\n"
    )
    (args.out / "bench_ingest.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
