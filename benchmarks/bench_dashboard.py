"""Seconds and peak memory of the dashboard's pages on a generated 100,000-ticket run.

Writes a deterministic run into a fresh temporary workspace with ``Workspace.write_run``
(themes, parents, scores from ``voc.score.score_themes``, a 2-D map; no embedding), then, in a
fresh process, runs the app with ``streamlit.testing.v1.AppTest``:

- **cold**: the first overview of the run (caches empty: the run is read and curated);
- **warm**: a new session's overview once cached (median of five), and a rerun in one session;
- **after an edit**: the overview right after a rename (the run is curated and scored again);
- the theme detail page of the biggest theme, and the curate page, warm.

AppTest runs the page scripts and serialises every element as the server would; it does not time
the browser drawing the page. Peak memory is the measuring process's high-water mark.

    python -m benchmarks.bench_dashboard --tickets 100000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.bench_cluster import machine, measure_in_fresh_process
from voc import schema
from voc.classify import load_prototypes
from voc.config import RunConfig
from voc.schema import ParentTheme, Theme, ThemeQuality
from voc.score import score_themes
from voc.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboards" / "app.py"
END = pd.Timestamp("2026-11-28 12:00", tz="UTC")
DAYS = 180
KINDS = ("defect", "friction", "question", "billing", "feature_request", "praise", "other")
CHANNELS = ("Email", "Chat", "Web", "Phone")
PLANS = ("Free", "Pro", "Enterprise")
WORDS = (
    "login", "loop", "export", "csv", "invoice", "charge", "refund", "slow", "dashboard",
    "crash", "upload", "photo", "webhook", "search", "filter", "report", "token", "api", "slack",
    "integration", "password", "reset", "email", "notification", "billing", "address", "tax",
    "vat", "mobile", "app", "android", "ios", "sync", "calendar", "import", "rows", "columns",
    "permission", "admin", "role", "workspace", "invite", "teammate", "timeout", "error", "page",
    "blank", "button",
)  # fmt: skip
UNTHEMED_SHARE = 0.02


def generate(root: Path, tickets: int, themes: int = 60, seed: int = 7) -> str:
    """Write a deterministic run of ``tickets`` tickets into the workspace at ``root``."""
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, themes + 1) ** 0.8
    theme_of = rng.choice(themes, size=tickets, p=weights / weights.sum())
    theme_of[rng.random(tickets) < UNTHEMED_SHARE] = schema.UNTHEMED_ID
    words = np.array(WORDS)
    topic = {t: rng.choice(words, size=3, replace=False).tolist() for t in range(themes)}
    topic[schema.UNTHEMED_ID] = ["misc"]
    bodies = rng.choice(words, size=(tickets, 30))
    texts = [
        f"{' '.join(topic[t])}: {' '.join(body)}." for t, body in zip(theme_of, bodies, strict=True)
    ]
    centres = rng.normal(0, 8, size=(themes + 1, 2))
    frame = pd.DataFrame(
        {
            schema.TICKET_ID: [str(1_000_000 + i) for i in range(tickets)],
            schema.ROW_NUMBER: np.arange(tickets) + 2,
            schema.CREATED_AT: END - pd.to_timedelta(rng.uniform(0, DAYS, tickets), unit="D"),
            schema.THEME_ID: theme_of.astype("int64"),
            schema.SUBJECT: [" ".join(topic[t][:2]) for t in theme_of],
            schema.TEXT: texts,
            schema.CHANNEL: rng.choice(CHANNELS, tickets),
            schema.PLAN: rng.choice(PLANS, tickets),
            schema.ORGANIZATION: [f"Org {k}" for k in rng.integers(0, 3000, tickets)],
            schema.REQUESTER: [f"req_{k}" for k in rng.integers(0, 40_000, tickets)],
            schema.CSAT: np.where(rng.random(tickets) < 0.3, rng.random(tickets), np.nan),
            schema.REOPENS: rng.poisson(0.5, tickets).astype(float),
            schema.REPLIES: rng.poisson(4, tickets).astype(float),
            schema.MAP_X: (centres[theme_of, 0] + rng.normal(0, 1, tickets)).astype("float32"),
            schema.MAP_Y: (centres[theme_of, 1] + rng.normal(0, 1, tickets)).astype("float32"),
            schema.KIND: [KINDS[t % len(KINDS)] for t in theme_of],
            schema.SENTIMENT: rng.normal(-0.02, 0.05, tickets).astype("float32"),
        }
    )
    ids = sorted(set(theme_of.tolist()), key=lambda t: (t == schema.UNTHEMED_ID, t))
    theme_list = []
    for t in ids:
        members = frame.index[frame[schema.THEME_ID] == t][:5]
        name = schema.UNTHEMED_NAME if t == schema.UNTHEMED_ID else " / ".join(topic[t])
        theme_list.append(
            Theme(
                theme_id=int(t),
                name=name,
                size=int((theme_of == t).sum()),
                share=float((theme_of == t).mean()),
                keywords=topic[t],
                representative_ids=frame.loc[members, schema.TICKET_ID].tolist(),
                representative_texts=frame.loc[members, schema.TEXT].tolist(),
                parent_id=None if t == schema.UNTHEMED_ID else int(t) // 4,
                quality=None
                if t == schema.UNTHEMED_ID
                else ThemeQuality(0.6, None, None, None, mixed=False),
            )
        )
    names = {t.theme_id: t.name for t in theme_list}
    frame[schema.THEME_NAME] = frame[schema.THEME_ID].map(names)
    frame[schema.PARENT_ID] = (
        frame[schema.THEME_ID].map({t.theme_id: t.parent_id for t in theme_list}).astype("Int64")
    )
    parents = []
    for p in range((themes + 3) // 4):
        members = list(range(p * 4, min(p * 4 + 4, themes)))
        size = int(np.isin(theme_of, members).sum())
        parents.append(ParentTheme(p, names[p * 4], members, size, size / tickets, topic[p * 4]))
    config = RunConfig()
    scores = score_themes(
        frame, theme_list, config.score, load_prototypes(config.score.prototypes_file).severity
    )
    workspace = Workspace(root)
    run_id = workspace.new_run_id()
    manifest = {
        "run_id": run_id,
        "created_at": END.isoformat(),
        "input": {"path": str(root / f"generated_{tickets}.csv"), "helpdesk": None},
        "rows": {"read": tickets, "used": tickets, "skipped": 0, "skipped_by_reason": {}},
        "warnings": [],
        "embedding": {"model_id": "none (generated run)"},
        "themes": {
            "count": themes,
            "unthemed_share": float((theme_of == schema.UNTHEMED_ID).mean()),
        },
        "config": config.to_dict(),
        "timings_seconds": {},
    }
    centroids = np.zeros((themes, 2), dtype=np.float32)
    workspace.write_run(run_id, manifest, frame, theme_list, parents, [], centroids, scores)
    return run_id


def _peak_rss_mb() -> float:
    """This process's resident-memory high-water mark (VmHWM: unlike ``ru_maxrss``, not
    inherited from the parent that generated the run)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(workspace: Path) -> dict[str, float]:
    """Time the pages with AppTest in this (fresh) process."""
    os.environ["VOC_WORKSPACE"] = str(workspace)
    from streamlit.testing.v1 import AppTest

    from dashboards.app_pages import CURATE, THEME
    from dashboards.state import AUTHOR
    from voc.curation.actions import Curator

    def timed(at: AppTest, page: str | None = None) -> float:
        if page:
            at.switch_page(page)
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        return seconds

    def session() -> AppTest:
        return AppTest.from_file(str(APP), default_timeout=600)

    before = _peak_rss_mb()
    results = {"cold": timed(session())}
    results["warm"] = statistics.median(timed(session()) for _ in range(5))
    at = session()
    timed(at)
    results["rerun"] = statistics.median(timed(at) for _ in range(5))
    results["theme"] = statistics.median([timed(at, THEME)] + [timed(at) for _ in range(2)])
    at.session_state[AUTHOR] = "bench"
    results["curate"] = statistics.median([timed(at, CURATE)] + [timed(at) for _ in range(2)])
    curator = Curator(workspace)
    biggest = max((t for t in curator.run.themes if t.theme_id >= 0), key=lambda t: t.size)
    curator.rename("bench", biggest.theme_id, f"renamed at {time.time():.0f}")
    results["edited"] = timed(session())
    results["peak_rss_mb"] = _peak_rss_mb()
    results["rss_before_mb"] = before
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench_out")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory() as tmp:  # fresh: no edits from an earlier measurement
        workspace = Path(tmp) / "workspace"
        start = time.perf_counter()
        generate(workspace, args.tickets)
        print(f"generated a {args.tickets:,}-ticket run in {time.perf_counter() - start:.0f} s")
        r = measure_in_fresh_process("benchmarks.bench_dashboard", workspace)
    table = (
        f"Machine: {machine()}. Run: {args.tickets:,} generated tickets, 60 themes.\n\n"
        "| page | seconds |\n|---|---|\n"
        f"| overview, cold (read + curate the run) | {r['cold']:.2f} |\n"
        f"| overview, warm: a new session, cached (median of 5) | {r['warm']:.2f} |\n"
        f"| overview, rerun in one session (median of 5) | {r['rerun']:.2f} |\n"
        f"| overview right after a rename (curate + score again) | {r['edited']:.2f} |\n"
        f"| theme detail, biggest theme, warm | {r['theme']:.2f} |\n"
        f"| curate, warm | {r['curate']:.2f} |\n\n"
        f"Peak RSS: {r['peak_rss_mb']:.0f} MB ({r['rss_before_mb']:.0f} MB after imports).\n"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_dashboard.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
