"""The dashboard's pages, one file per task; paths are relative to ``dashboards/app.py``.

The folder is not called ``pages/``: next to the entry file, Streamlit reads a ``pages/`` folder as
a legacy multipage app, which then runs page files without ``app.py`` (no navigation, sidebar or
messages), at least under ``AppTest``.
"""

OVERVIEW = "app_pages/overview.py"
THEME = "app_pages/theme.py"
CURATE = "app_pages/curate.py"
PROPOSALS = "app_pages/proposals.py"
REPORTS = "app_pages/reports.py"
RUNS = "app_pages/runs.py"
