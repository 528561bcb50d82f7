"""The analysts' dashboard: explore themes, curate them, turn them into roadmap proposals.

Start it with ``voc dashboard --workspace DIR`` (or ``make app``), which runs
``streamlit run dashboards/app.py -- --workspace DIR``. Each page is one task; all of them read
the same run through :mod:`dashboards.data` and save edits through
:class:`voc.curation.actions.Curator`.
"""

from __future__ import annotations

import streamlit as st

from dashboards import data, state, widgets
from dashboards.app_pages import CURATE, OVERVIEW, PROPOSALS, REPORTS, RUNS, THEME


def main() -> None:
    st.set_page_config(page_title="voc: themes of support tickets", layout="wide")
    # No page icons: Streamlit fetches a page's icon from fonts.gstatic.com for the browser tab,
    # and this local tool makes no request outside the machine.
    page = st.navigation(
        [
            st.Page(OVERVIEW, title="Overview", default=True),
            st.Page(THEME, title="Theme detail"),
            st.Page(CURATE, title="Curate"),
            st.Page(PROPOSALS, title="Proposals"),
            st.Page(REPORTS, title="Reports"),
            st.Page(RUNS, title="Runs"),
        ]
    )
    widgets.sidebar(data.workspace_root())
    state.show_flash()
    page.run()


main()
