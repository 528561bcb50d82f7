"""Screenshots of the sample export's friction report for the README (``make screenshots``).

Clusters the sample into a temporary workspace (or uses ``--workspace``), writes the HTML report
and saves ``docs/report.png`` (the top of the page) and ``docs/report-theme.png`` (the first
theme's evidence card), taken in headless Chromium.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from scripts.browser import browser_page
from voc.report import build_report, write_report
from voc.runs import run
from voc.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_tickets.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, help="use the newest run here instead")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Workspace(args.workspace or Path(tmp) / "ws")
        if args.workspace is None:
            run(SAMPLE, workspace)
        page_path = write_report(build_report(workspace.load_run()), "html", Path(tmp) / "r.html")
        with browser_page(width=1200, height=1000) as page:
            page.goto(page_path.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg")
            page.screenshot(path=str(args.out_dir / "report.png"))
            page.locator("#top-themes article").first.screenshot(
                path=str(args.out_dir / "report-theme.png")
            )
    print(f"wrote {args.out_dir / 'report.png'} and {args.out_dir / 'report-theme.png'}")


if __name__ == "__main__":
    main()
