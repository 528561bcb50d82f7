"""Loading, cached: which workspace, which run, and the run with its analysts' edits applied.

Shared objects that are never mutated (the embedding model, the edit store, one ``Curator`` per
run) are ``st.cache_resource``; a curated run is ``st.cache_data`` keyed by plain values
``(workspace, run_id, last_edit_id)``: an edit by anyone changes the key, so it shows on the next
rerun, and nothing is read, re-embedded or re-scored otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from pathlib import Path

import streamlit as st

from dashboards import state, views
from dashboards.app_pages import RUNS
from voc.config import RunConfig
from voc.curation.actions import Curator
from voc.curation.edits import EditStore
from voc.curation.replay import CuratedRun
from voc.embed import Embedder, Progress, make_embedder
from voc.ingest.readers import read_raw
from voc.inspect import InspectReport, inspect_export
from voc.lineage import RunChanges
from voc.manifest import RunManifest
from voc.report import build_report, render_report
from voc.report.markdown import escape
from voc.report.model import run_changes
from voc.runs import RunResult, run
from voc.store import Workspace

DEFAULT_WORKSPACE = "workspace"
UPLOADS = "uploads"  # uploaded exports are kept in the workspace: a run's manifest points at them
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def workspace_root(argv: list[str] | None = None) -> str:
    """The workspace: ``--workspace`` after ``--`` on the command line, else ``$VOC_WORKSPACE``,
    else ``./workspace``; as an absolute path.

    Example: ``streamlit run dashboards/app.py -- --workspace /data/ws`` (what ``voc dashboard``
    runs).
    """
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--workspace")
    known, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    root = known.workspace or os.environ.get("VOC_WORKSPACE") or DEFAULT_WORKSPACE
    return str(Path(root).expanduser().resolve())


@st.cache_resource(show_spinner=False)
def edit_store(workspace: str) -> EditStore:
    """The workspace's edit log (prepared once; each call opens a short connection)."""
    return EditStore(workspace)


@st.cache_resource(show_spinner="Reading the run…", max_entries=4)
def curator(workspace: str, run_id: str) -> Curator:
    """Edits one run; holds the run's ticket table, read once."""
    return Curator(workspace, run_id)


@st.cache_resource(show_spinner=False)
def embedder() -> Embedder:
    """The embedding model, loaded on first use and shared by every session."""
    return make_embedder(RunConfig().embed)


@st.cache_data(show_spinner="Applying the analysts' edits…", max_entries=4)
def curated_run(workspace: str, run_id: str, last_edit_id: int) -> CuratedRun:
    """The run with every edit up to ``last_edit_id`` applied (that id is the cache key)."""
    curated = curator(workspace, run_id).current()
    curated.scores  # noqa: B018 - scored here, once, and cached with the run
    return curated


def run_ids(workspace: str) -> list[str]:
    """Complete runs, oldest first (a directory listing: cheap, so never cached)."""
    return Workspace(workspace).run_ids()


@st.cache_data(show_spinner=False, max_entries=256)
def manifest(workspace: str, run_id: str) -> RunManifest:
    """A run's manifest (runs are immutable, so it never goes stale)."""
    return Workspace(workspace).load_run(run_id).info


def current_run_id(workspace: str) -> str | None:
    """The run this session looks at: the one picked on the Runs page, else the newest."""
    ids = run_ids(workspace)
    if not ids:
        return None
    chosen = state.get(state.RUN_ID)
    if chosen not in ids:
        chosen = ids[-1]
        st.session_state[state.RUN_ID] = chosen
    return chosen


def last_edit_id(workspace: str, run_id: str) -> int:
    return edit_store(workspace).last_edit_id(run_id)


def current_run() -> CuratedRun:
    """This session's run with every edit so far; stops the page with a link to the Runs page
    when the workspace has no run yet."""
    workspace = workspace_root()
    run_id = current_run_id(workspace)
    if run_id is None:
        st.info(
            f"No run in workspace {escape(workspace)} yet. Upload a ticket export on the Runs "
            "page, or run 'voc cluster FILE --workspace DIR'."
        )
        st.page_link(RUNS, label="Go to Runs", icon=":material/folder_open:")
        st.stop()
    return curated_run(workspace, run_id, last_edit_id(workspace, run_id))


def current_curator() -> Curator:
    workspace = workspace_root()
    run_id = current_run_id(workspace)
    assert run_id is not None, "current_run() stops the page before this is called"
    return curator(workspace, run_id)


@st.cache_data(show_spinner="Writing the report…", max_entries=16)
def report_file(workspace: str, run_id: str, last_edit_id: int, fmt: str) -> bytes:
    """The friction report of a run, as ``voc report`` writes it, with edits applied."""
    return render_report(build_report(curated_run(workspace, run_id, last_edit_id)), fmt)


def upload_limit_mb() -> int:
    """The largest upload accepted: the setting, or Streamlit's own cap when that is lower (a
    dashboard started with ``streamlit run`` rather than ``voc dashboard``)."""
    server_cap = int(st.get_option("server.maxUploadSize"))
    return min(RunConfig().ingest.max_upload_mb, server_cap)


def save_upload(workspace: str, name: str, content: bytes) -> Path:
    """Keep an uploaded export in the workspace: ``uploads/<content hash>/<its own name>``, so a
    re-upload reuses it and runs, reports and pickers show the name the analyst gave it."""
    digest = hashlib.sha256(content).hexdigest()[:12]
    safe = _UNSAFE_NAME.sub("_", Path(name).name).strip("._") or "export"
    path = Path(workspace) / UPLOADS / digest / safe
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
        tmp.rename(path)
    return path


DETECTED = views.ColumnChoice()  # no columns picked: detected by header


def upload_config(columns: views.ColumnChoice) -> RunConfig:
    """The settings an upload is read with: the defaults, and the columns the analyst picked."""
    return RunConfig().with_overrides(columns.overrides())


@st.cache_data(show_spinner=False, max_entries=16)
def export_headers(path: str) -> list[str]:
    """The column names of an uploaded export (its header only; nothing else is read)."""
    return [h.strip() for h in read_raw(path, RunConfig().ingest).header]


@st.cache_data(show_spinner="Reading the export…", max_entries=4)
def inspect_upload(path: str, columns: views.ColumnChoice = DETECTED) -> InspectReport:
    """What ``voc inspect`` says about an uploaded export (the path names its content), read
    with the columns the analyst picked (none: detected by header)."""
    return inspect_export(path, upload_config(columns))


def cluster(
    workspace: str,
    path: str,
    progress: Progress,
    columns: views.ColumnChoice = DETECTED,
) -> RunResult:
    """Cluster an export into a new run of the workspace, reporting progress."""
    return run(path, workspace, upload_config(columns), progress=progress, embedder=embedder())


@st.cache_data(show_spinner=False, max_entries=16)
def since_last_run(workspace: str, run_id: str) -> RunChanges | None:
    """What changed since the run this one was traced against (runs are immutable: never stale)."""
    return run_changes(Workspace(workspace).load_run(run_id))
