"""Reports: the run's friction report, as ``voc report`` writes it, with the analysts' edits."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboards import data, state, views, widgets

FORMATS = (  # (format, button label, file extension)
    ("html", "HTML (one self-contained page)", "html"),
    ("md", "Markdown", "md"),
    ("csv", "CSV (ranked table)", "csv"),
    ("xlsx", "XLSX (workbook)", "xlsx"),
    ("json", "JSON (everything)", "json"),
)


def main() -> None:
    curated = data.current_run()
    workspace = data.workspace_root()
    st.title("Reports", anchor=False)
    st.text(views.edits_applied(curated))
    st.caption("Each file is written when you click, and kept until the next edit.")
    for column, (fmt, label, extension) in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        with column:
            widgets.download(
                label,
                partial(data.report_file, workspace, curated.run_id, curated.last_edit_id, fmt),
                f"friction_report_{curated.run_id}.{extension}",
                key=f"{state.REPORT}{fmt}",
            )


main()
