"""Screenshots of the sample export's friction report for the README (``make screenshots``).

Clusters the sample into a temporary workspace (or uses ``--workspace``), writes the HTML report
and saves ``docs/report.png`` (the top of the page: the executive summary and the ranking),
``docs/report-charts.png`` (the charts) and ``docs/report-theme.png`` (the first emerging theme's
evidence card, or the top theme's), taken in headless Chromium.
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
        report = build_report(workspace.load_run())
        page_path = write_report(report, "html", Path(tmp) / "r.html")
        shown = (report.emerging or report.detailed)[0].score.theme_id
        with browser_page(width=1200, height=1000) as page:
            page.goto(page_path.as_uri(), wait_until="load")
            page.screenshot(path=str(args.out_dir / "report.png"))
            page.locator("#charts").screenshot(path=str(args.out_dir / "report-charts.png"))
            page.locator(f"#theme-{shown}").screenshot(path=str(args.out_dir / "report-theme.png"))
    print(f"wrote report.png, report-charts.png and report-theme.png in {args.out_dir}")


if __name__ == "__main__":
    main()
