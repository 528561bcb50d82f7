"""The HTML report in a real headless Chromium: charts draw, nothing errors, nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.browser import browser_page, chromium_path
from tests.synthetic import SCRIPT_NAME, write_synthetic_run
from voc.report import build_report, write_report

pytestmark = pytest.mark.skipif(
    chromium_path() is None,
    reason="Chromium is not installed: `make test` installs it (or set VOC_CHROMIUM)",
)


def test_report_renders_offline_with_charts_and_no_script_runs(tmp_path: Path) -> None:
    report = build_report(write_synthetic_run(tmp_path / "ws"), top=3)
    path = write_report(report, "html", tmp_path / "report.html")
    problems: list[str] = []
    requests: list[str] = []
    with browser_page() as page:
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        plots = page.locator(".js-plotly-plot")
        # friction vs volume, trends, and one weekly chart per detailed theme
        assert plots.count() == 2 + len(report.detailed)
        assert page.locator("[data-chart=friction-volume] .scatterlayer .point").count() == 3
        assert page.locator("[data-chart=trends] .scatterlayer .trace").count() == 3
        assert page.locator("#ranking td", has_text=SCRIPT_NAME).count() == 1
        assert page.locator("#top-themes img").count() == 0  # the <img onerror> quote is text
    assert problems == []
    assert [u for u in requests if not u.startswith("file:")] == []
