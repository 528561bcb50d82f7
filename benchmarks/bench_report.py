"""Size of the HTML friction report and how fast headless Chromium opens it (issue 19's targets).

Renders the newest run of a workspace (clustering the sample export into a temporary workspace
when none is given), or measures an existing file (``--html``, e.g. an older version's report),
then opens it ``--loads`` times in a fresh headless Chromium page and reads the navigation timing's
load event. Exits 1 when the file is over :data:`MAX_BYTES` or the median load over
:data:`MAX_LOAD_S`.

    python -m benchmarks.bench_report                     # the sample, rendered now
    python -m benchmarks.bench_report --workspace ws      # a workspace's newest run
    python -m benchmarks.bench_report --html old.html     # a file made elsewhere
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_cluster import machine
from scripts.browser import browser_page

MAX_BYTES = 1_500_000  # issue 19: at most 1.5 MB for the sample's report
MAX_LOAD_S = 1.5  # issue 19: load event in under 1.5 s in headless Chromium
SAMPLE = Path("sample_data/sample_tickets.csv")
# The load event, measured from the start of navigation (PerformanceNavigationTiming).
LOAD_JS = "() => performance.getEntriesByType('navigation')[0].loadEventEnd"


def render(workspace: Path, out: Path) -> Path:
    """The workspace's newest run as an HTML report at ``out``."""
    from voc.report import build_report, write_report
    from voc.store import Workspace

    return write_report(build_report(Workspace(workspace).load_run()), "html", out)


def load_seconds(path: Path, loads: int) -> list[float]:
    """Seconds to the load event, one fresh page (and browser) per load."""
    times = []
    for _ in range(loads):
        with browser_page() as page:
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
            times.append(page.evaluate(LOAD_JS) / 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workspace", type=Path, help="render this workspace's newest run")
    parser.add_argument("--html", type=Path, help="measure this report file instead")
    parser.add_argument("--loads", type=int, default=5, help="page loads to time (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.html
        if path is None:
            workspace = args.workspace
            if workspace is None:
                workspace = Path(tmp) / "ws"
                subprocess.run(
                    [sys.executable, "-m", "voc", "cluster", str(SAMPLE), "--workspace",
                     str(workspace), "--json"],
                    check=True,
                )  # fmt: skip
            path = render(workspace, Path(tmp) / "report.html")
        size = path.stat().st_size
        times = load_seconds(path, args.loads)
    median = statistics.median(times)
    print(f"machine: {machine()}")
    print(f"report: {path.name}, {size:,} bytes (target at most {MAX_BYTES:,})")
    print(
        f"load event: median {median:.3f} s, min {min(times):.3f} s, max {max(times):.3f} s "
        f"over {len(times)} loads (target under {MAX_LOAD_S} s)"
    )
    ok = size <= MAX_BYTES and median < MAX_LOAD_S
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
