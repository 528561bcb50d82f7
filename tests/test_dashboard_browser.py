"""The dashboard end to end: ``voc dashboard`` on a free port, driven by headless Chromium.

An analyst gives their name, renames a theme, reloads and still sees the new name (shown as
written, not as Markdown or HTML), then saves a proposal and downloads the proposals file, and
finally proposes a split and accepts it: the Curate page stays on its Split tab, on the first
new part.
With ``VOC_SCREENSHOTS=1`` the overview is saved to ``docs/dashboard.png`` for the README.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.browser import browser_page, chromium_path
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    chromium_path() is None,
    reason="Chromium is not installed: `make test` installs it (or set VOC_CHROMIUM)",
)

NEW_NAME = "Login loop **after** 2FA <b>x</b>"
START_SECONDS = 60
WAIT_MS = 60_000  # the first page of a cold server reads the run and loads plotly.js
SCREENSHOT = ROOT / "docs" / "dashboard.png"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def dashboard(workspace: Path, log: Path) -> Iterator[str]:
    """``voc dashboard`` on a free port; its URL once healthy; stopped (with Streamlit) on exit."""
    port = free_port()
    command = [sys.executable, "-m", "voc", "dashboard", "--workspace", str(workspace)]
    with log.open("w") as out:
        # Its own process group: voc starts Streamlit as a child, and both must stop.
        server = subprocess.Popen(
            [*command, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, server, log)
            yield url
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def wait_until_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"voc dashboard exited ({server.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"voc dashboard did not answer within {START_SECONDS} s: {log.read_text()[-2000:]}")


def sign_in(page, name: str) -> None:
    page.locator(".st-key-author_input input").fill(name)
    page.locator(".st-key-author_save button").click()


def go_to(page, title: str) -> None:
    page.get_by_role("link", name=title, exact=True).click()


def field(page, key: str):
    """The input of the widget with this key, or of its versioned form (``key-N...``)."""
    return page.locator(f".st-key-{key} input, [class*='st-key-{key}-'] input").first


def shows(page, key: str, text: str) -> None:
    """Wait until the select box with this key shows an option starting with ``text``."""
    expect(field(page, key)).to_have_value(re.compile("^" + re.escape(text)), timeout=WAIT_MS)


def test_rename_survives_a_reload_and_proposals_download(
    sample_run, sample_workspace: Path, tmp_path: Path
) -> None:
    workspace = tmp_path / "workspace"
    shutil.copytree(sample_workspace, workspace)
    errors: list[str] = []
    outside: list[str] = []  # a local tool: nothing may be fetched from another machine
    with dashboard(workspace, tmp_path / "server.log") as url, browser_page(1400, 1000) as page:
        page.set_default_timeout(WAIT_MS)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
        page.goto(url)
        page.get_by_role("heading", name="Overview").wait_for()
        page.wait_for_selector(".js-plotly-plot .main-svg")
        if os.environ.get("VOC_SCREENSHOTS") == "1":
            page.set_viewport_size({"width": 1400, "height": 1560})  # headline, table and map
            page.wait_for_timeout(2000)  # let the map's WebGL layer draw
            page.screenshot(path=str(SCREENSHOT))
            page.set_viewport_size({"width": 1400, "height": 1000})

        go_to(page, "Curate")
        sign_in(page, "Ana")
        field(page, "rename_input").fill(NEW_NAME)
        page.locator(".st-key-rename button").click()
        shows(page, "curate_pick", NEW_NAME)

        page.reload()  # a new browser session: the name must come from the edit log
        go_to(page, "Theme detail")
        shows(page, "detail_pick", NEW_NAME)
        page.get_by_role("heading", name=NEW_NAME, exact=True).wait_for()
        assert page.locator("b", has_text="x").count() == 0  # shown as text, never as HTML

        go_to(page, "Proposals")
        sign_in(page, "Ben")
        page.locator(".st-key-draft_proposal button").click()
        expect(field(page, "proposal_title")).to_have_value(
            re.compile(re.escape(NEW_NAME)), timeout=WAIT_MS
        )
        effort = field(page, "proposal_effort")
        effort.fill("3")
        effort.press("Enter")
        page.locator(".st-key-save_proposal button").click()
        page.get_by_text("Saved the proposal.").wait_for()
        with page.expect_download() as download:
            page.locator(".st-key-export_csv button").click()
        exported = Path(download.value.path()).read_text(encoding="utf-8-sig")

        go_to(page, "Curate")
        split_tab = page.get_by_role("tab", name="Split", exact=True)
        split_tab.click()
        page.locator(".st-key-propose_split button").click()
        page.locator(".st-key-accept_split button").wait_for()
        expect(split_tab).to_have_attribute("aria-selected", "true")  # the proposal is in view
        first_part = page.locator(".st-key-split_name_0 input").input_value()
        page.locator(".st-key-accept_split button").click()
        page.get_by_text(re.compile(r"^Split theme \d+ into \d+ themes\.$")).wait_for()
        shows(page, "curate_pick", first_part)  # the first new part, not another theme
        expect(split_tab).to_have_attribute("aria-selected", "true")
        expect(page.locator(".st-key-propose_split button")).to_be_visible()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 1
    assert NEW_NAME in rows[0]["title"] and rows[0]["author"] == "Ben"
    assert float(rows[0]["effort"]) == 3 and float(rows[0]["rice"]) > 0
    assert errors == []
    assert [u for u in outside if not u.startswith(("data:", "blob:"))] == []
