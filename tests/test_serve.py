"""``voc dashboard`` as a process: a stop signal stops its Streamlit server and frees its port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from tests.test_dashboard_browser import free_port, wait_until_healthy
from voc.serve import STOP_GRACE_SECONDS


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_stops_the_streamlit_child_and_frees_the_port(
    tmp_path: Path, signum: int
) -> None:
    port = free_port()
    log = tmp_path / "dashboard.log"
    command = [sys.executable, "-m", "voc", "dashboard", "-w", str(tmp_path / "ws")]
    with log.open("w") as out:
        voc = subprocess.Popen(
            [*command, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so the test can clean up the whole group if it fails
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", voc, log)
        children = psutil.Process(voc.pid).children(recursive=True)
        assert children, "voc dashboard serves through a Streamlit child process"
        voc.send_signal(signum)  # to voc alone, as a service manager or `kill` would
        voc.wait(timeout=STOP_GRACE_SECONDS + 20)
        _, alive = psutil.wait_procs(children, timeout=5)
        assert not alive, f"still running after voc stopped: {alive}"
        with pytest.raises(ConnectionRefusedError):  # nothing listens on the port
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        with socket.socket() as probe:  # and it can be taken again (past connections may linger)
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", port))
            probe.listen()
    finally:
        if voc.poll() is None:
            os.killpg(voc.pid, signal.SIGKILL)
            voc.wait()
