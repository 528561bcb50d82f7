"""How the dashboard is started: the Streamlit command line for a workspace.

The dashboard lives in ``dashboards/`` (it imports voc, never the reverse); voc only knows where
its entry file is and which flags keep the server local and quiet.
"""

from __future__ import annotations

import sys
from pathlib import Path

from voc.config import IngestConfig

DEFAULT_HOST = "127.0.0.1"  # local only unless --host says otherwise
DEFAULT_PORT = 8501
# Streamlit's default upload cap is 200 MB; exports are often bigger. Larger files: `voc cluster`.
# The dashboard states and checks the same limit (the setting ingest.max_upload_mb).
MAX_UPLOAD_MB = IngestConfig().max_upload_mb
APP = Path(__file__).resolve().parents[1] / "dashboards" / "app.py"


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
