"""Runs: pick the run every page shows, read its manifest, or cluster a newly uploaded export."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboards import data, state, views
from dashboards.app_pages import OVERVIEW
from voc.errors import SchemaError, VocError
from voc.format import count, number
from voc.ingest.files import check_upload
from voc.inspect import InspectReport
from voc.manifest import RunManifest
from voc.report.markdown import escape

UPLOAD_TYPES = ["csv", "tsv", "txt", "gz", "xlsx", "json", "jsonl", "parquet"]


def pick_run(workspace: str, ids: list[str]) -> str:
    manifests = {run_id: data.manifest(workspace, run_id) for run_id in ids}
    st.dataframe(
        views.runs_table(list(manifests.values())),
        hide_index=True,
        column_config={"tickets": st.column_config.NumberColumn(format=views.COUNT_FORMAT)},
    )
    newest_first = list(reversed(ids))
    current = data.current_run_id(workspace)

    def option(run_id: str) -> str:
        m = manifests[run_id]
        name = views.export_name(m.input.path)
        return f"{run_id} · {name} · {count(views.manifest_rows(m)['used'], 'ticket')}"

    # Keyed by the current run: after a new run is clustered, the picker starts on it.
    key = state.versioned(state.RUN_PICK, current, len(ids))

    def remember() -> None:
        st.session_state[state.RUN_ID] = st.session_state[key]
        st.session_state.pop(state.SPLIT, None)
        st.session_state.pop(state.DRAFT, None)

    return st.selectbox(
        "Run shown on every page",
        newest_first,
        index=newest_first.index(current) if current in newest_first else 0,
        key=key,
        format_func=option,
        on_change=remember,
    )


def show_manifest(manifest: RunManifest) -> None:
    """Rows used and skipped, the model, seconds per stage, and warnings of one run."""
    rows, source = manifest.rows, manifest.input
    metrics = views.manifest_metrics(manifest)
    for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(label, value)
    st.text(
        f"Export: {views.export_name(source.path or 'unknown')}\n"
        f"Helpdesk: {source.helpdesk or 'generic export'} · format "
        f"{source.format or 'n/a'} · encoding {source.encoding or 'n/a'}\n"
        f"Model: {manifest.embedding.model_id or 'n/a'} · seed "
        f"{manifest.seed} · created {manifest.created_at or 'n/a'}"
    )
    skipped, timings = st.columns(2)
    with skipped:
        st.caption("Skipped rows by reason (each one is listed in the run's skipped.csv)")
        st.dataframe(
            views.counts_table(dict(rows.skipped_by_reason), "reason", "rows"), hide_index=True
        )
    with timings:
        st.caption("Seconds per stage")
        st.dataframe(
            views.counts_table(
                dict(manifest.timings_seconds), "stage", "seconds", views.seconds_text
            ),
            hide_index=True,
        )
    warn(list(manifest.warnings))


def warn(warnings: list[str]) -> None:
    for warning in warnings:
        st.warning(escape(warning), icon=":material/warning:")


def show_inspection(report: InspectReport) -> None:
    """What ``voc inspect`` found in an upload, before it is clustered."""
    metrics = views.inspection_metrics(report)
    for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(label, value)
    mapping, skipped = st.columns(2)
    mapping.dataframe(views.column_map_table(report.column_map), hide_index=True)
    skipped.dataframe(
        views.counts_table(report.skipped_by_reason, "reason", "rows"), hide_index=True
    )
    warn(report.warnings)


def column_picks(headers: list[str], expanded: bool) -> views.ColumnChoice:
    """Which columns hold the text, the ticket id and the creation date, when detection by
    header did not find them (``voc cluster --text-col/--id-col/--date-col``)."""
    detected = "(detect by header)"
    with st.expander("Columns", expanded=expanded, icon=":material/view_column:"):
        text_cols = st.multiselect(
            "Ticket text: the column(s) joined into each ticket's text",
            headers,
            key=state.UPLOAD_TEXT_COLS,
            help="Pick the subject and the body, in that order, if the export has both.",
        )
        id_col = st.selectbox("Ticket id", [detected, *headers], key=state.UPLOAD_ID_COL)
        date_col = st.selectbox("Created at", [detected, *headers], key=state.UPLOAD_DATE_COL)
    return views.ColumnChoice(
        tuple(text_cols),
        None if id_col == detected else id_col,
        None if date_col == detected else date_col,
    )


def upload(workspace: str) -> None:
    st.subheader("Cluster a new export", anchor=False)
    limit = data.upload_limit_mb()
    uploaded = st.file_uploader(
        "Ticket export (CSV, TSV, XLSX, JSON, JSON Lines or Parquet)",
        type=UPLOAD_TYPES,
        key=state.UPLOAD,
        help=f"Up to {number(limit)} MiB (setting ingest.max_upload_mb); larger: voc cluster FILE.",
    )
    if uploaded is None:
        return
    path = Path(uploaded.name)

    def error(exc: VocError) -> None:
        st.error(escape(str(exc).replace(str(path), uploaded.name)), icon=":material/error:")

    try:
        check_upload(uploaded.name, uploaded.size, limit)
        path = data.save_upload(workspace, uploaded.name, uploaded.getvalue())
        headers = data.export_headers(str(path))
    except VocError as exc:
        error(exc)
        return
    # The analyst's picks, as they stand (the expander opens on its own when detection fails).
    columns = views.ColumnChoice(
        tuple(state.get(state.UPLOAD_TEXT_COLS) or ()),
        *(v if v in headers else None for v in (state.get(s) for s in _ID_DATE)),
    )
    try:
        report = data.inspect_upload(str(path), columns)
    except SchemaError as exc:
        error(exc)
        column_picks(headers, expanded=True)
        st.info("Pick the columns above; the export is read again with them.")
        return
    except VocError as exc:
        error(exc)
        return
    columns = column_picks(headers, expanded=bool(columns.overrides()))
    show_inspection(report)
    done = state.get(state.UPLOADED, {}).get(_upload_key(path, columns))
    if done in data.run_ids(workspace):
        # Clustered already in this session: the way on is the new run, not a second one.
        st.success(f"Clustered {escape(uploaded.name)} into run {done}.")
        st.page_link(OVERVIEW, label=f"Open run {done}", icon=":material/insights:")
        return
    if not st.button("Cluster this export", key=state.CLUSTER, type="primary"):
        return
    bar = st.progress(0.0, text="Starting…")

    def progress(stage: str, done: int, total: int) -> None:
        detail = f" ({number(done)}/{number(total)})" if total > 1 else ""
        bar.progress(views.progress_fraction(stage, done, total), text=f"{stage}{detail}")

    try:
        result = data.cluster(workspace, str(path), progress, columns)
    except VocError as exc:
        error(exc)
        return
    bar.progress(1.0, text="Done")
    st.session_state[state.RUN_ID] = result.run_id
    st.session_state[state.UPLOADED] = {
        **state.get(state.UPLOADED, {}),
        _upload_key(path, columns): result.run_id,
    }
    st.rerun()


_ID_DATE = (state.UPLOAD_ID_COL, state.UPLOAD_DATE_COL)


def _upload_key(path: Path, columns: views.ColumnChoice) -> str:
    """One upload read with one choice of columns (another choice may be clustered again)."""
    return f"{path}|{columns}"


def main() -> None:
    workspace = data.workspace_root()
    st.title("Runs", anchor=False)
    ids = data.run_ids(workspace)
    if ids:
        run_id = pick_run(workspace, ids)
        show_manifest(data.manifest(workspace, run_id))
    else:
        st.info("No run in this workspace yet: upload an export below.")
    upload(workspace)


main()
