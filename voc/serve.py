"""How the dashboard is started: the Streamlit command line for a workspace.

The dashboard lives in ``dashboards/`` (it imports voc, never the reverse); voc only knows where
its entry file is and which flags keep the server local and quiet.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from voc.config import IngestConfig

DEFAULT_HOST = "127.0.0.1"  # local only unless --host says otherwise
DEFAULT_PORT = 8501
# Streamlit's default upload cap is 200 MB; exports are often bigger. Larger files: `voc cluster`.
# The dashboard states and checks the same limit (the setting ingest.max_upload_mb).
MAX_UPLOAD_MB = IngestConfig().max_upload_mb
APP = Path(__file__).resolve().parents[1] / "dashboards" / "app.py"
# Signals that stop ``voc dashboard``: each is passed on to the Streamlit server, so the port is
# never left served by an orphan (a service manager stops with SIGTERM, a terminal with SIGHUP).
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
# How long the server may take to stop after being asked, before it is killed.
STOP_GRACE_SECONDS = 10.0


def dashboard_command(
    workspace: str | Path, port: int = DEFAULT_PORT, host: str = DEFAULT_HOST
) -> list[str]:
    """The command that serves the dashboard on ``workspace``."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", host,
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",  # no "Deploy" button: this is a local tool
        "--server.maxUploadSize", str(MAX_UPLOAD_MB),
        "--", "--workspace", str(Path(workspace).resolve()),
    ]  # fmt: skip


def serve(command: list[str]) -> int:
    """Run the dashboard server until it exits or this process is told to stop; its exit code.

    A stop signal is passed on to the server, which is then waited for (killed after
    ``STOP_GRACE_SECONDS``); the server never outlives this process's stop.
    """
    child = subprocess.Popen(command)

    def stop(signum: int, frame: FrameType | None) -> None:
        if child.poll() is None:
            child.send_signal(signum)

    previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        code = child.wait()
        return 128 - code if code < 0 else code  # killed by signal N: the shell's 128 + N
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child.poll() is None:
            child.terminate()
        try:
            child.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
