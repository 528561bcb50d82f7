"""Session-state keys, all in one place, and the prompt for the analyst's name.

Pages, callbacks and tests refer to these constants, never to literal strings, so a key is
renamed in one place. Keys of widgets hold what the widget shows; the others hold what the
session remembers across pages (the run, the theme, the analyst's name, a split under review).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from voc.curation.edits import MAX_AUTHOR_CHARS
from voc.report.markdown import escape

# What the session remembers across pages.
RUN_ID = "run_id"  # the run every page shows (default: the newest)
AUTHOR = "author"  # the analyst's name, asked once per browser session before the first edit
THEME_ID = "theme_id"  # the theme the detail and curate pages open on
FLASH = "flash"  # (level, message) shown once, at the top of the next run
SPLIT = "split_proposal"  # a SplitProposal waiting for the analyst's review
DRAFT = "proposal_draft"  # the proposal being edited: its id (None: new), themes, field values
UPLOADED = "uploaded"  # {upload path and column picks: run id} clustered in this session

# Widgets (their keys are how callbacks and tests reach them).
AUTHOR_INPUT = "author_input"
AUTHOR_SAVE = "author_save"
AUTHOR_CHANGE = "author_change"
RUN_PICK = "run_pick"
UPLOAD = "upload"
CLUSTER = "cluster"
OVERVIEW_KINDS = "overview_kinds"
OVERVIEW_PARENTS = "overview_parents"
OVERVIEW_DATES = "overview_dates"
OVERVIEW_CHANNELS = "overview_channels"
OVERVIEW_PLANS = "overview_plans"
OVERVIEW_DISMISSED = "overview_dismissed"
OVERVIEW_TABLE = "overview_table"
OVERVIEW_OPEN = "overview_open"
OVERVIEW_MAP = "overview_map"
DETAIL_PICK = "detail_pick"
DETAIL_SEARCH = "detail_search"
DETAIL_CHANNELS = "detail_channels"
DETAIL_PLANS = "detail_plans"
CURATE_PICK = "curate_pick"
CURATE_TAB = "curate_tab"  # the Curate page's open tab (its label), kept across every rerun
LABEL_TAB, MERGE_TAB, SPLIT_TAB, MOVE_TAB, HISTORY_TAB = CURATE_TABS = (
    "Name, kind, status, notes", "Merge", "Split", "Move tickets", "History",
)  # fmt: skip
REVIEW_SPLIT = "review_split_"  # + the theme id: open its split proposal
REVIEW_MERGE = "review_merge_"  # + "<a>_<b>": open the merge form on the pair
HISTORY = "history"
NOT_REPLAYED = "curate_not_replayed"
SEARCH_ALL = "search_all"
SEARCH_TABLE = "search_table"
READ = "read_"  # + the key of the ticket table it reads from
UPLOAD_TEXT_COLS = "upload_text_cols"
UPLOAD_ID_COL = "upload_id_col"
UPLOAD_DATE_COL = "upload_date_col"
OPEN_NEW_RUN = "open_new_run"
RENAME_INPUT = "rename_input"
RENAME = "rename"
KIND_INPUT = "kind_input"
SET_KIND = "set_kind"
STATUS_INPUT = "status_input"
SET_STATUS = "set_status"
NOTE_INPUT = "note_input"
ADD_NOTE = "add_note"
ISSUE_INPUT = "issue_input"
LINK_ISSUE = "link_issue"
MERGE_THEMES = "merge_themes"
MERGE_INTO = "merge_into"
MERGE = "merge"
PROPOSE_SPLIT = "propose_split"
SPLIT_NAME = "split_name_"  # + the part's index
ACCEPT_SPLIT = "accept_split"
DISCARD_SPLIT = "discard_split"
MOVE_SEARCH = "move_search"
MOVE_TABLE = "move_table"
MOVE_TO = "move_to"
MOVE = "move"
UNDO = "undo"
PROPOSAL_THEMES = "proposal_themes"
DRAFT_PROPOSAL = "draft_proposal"
P_TITLE = "proposal_title"
P_PROBLEM = "proposal_problem"
P_EVIDENCE = "proposal_evidence"
P_REACH = "proposal_reach"
P_IMPACT = "proposal_impact"
P_CONFIDENCE = "proposal_confidence"
P_EFFORT = "proposal_effort"
P_ISSUE = "proposal_issue"
SAVE_PROPOSAL = "save_proposal"
CANCEL_PROPOSAL = "cancel_proposal"
PROPOSAL_PICK = "proposal_pick"
EDIT_PROPOSAL = "edit_proposal"
DELETE_PROPOSAL = "delete_proposal"
EXPORT = "export_"  # + the format
REPORT = "report_"  # + the format

LEVELS = ("success", "info", "warning", "error")


def versioned(key: str, *version: object) -> str:
    """A widget key that changes with what the widget shows (the run's last edit, the theme).

    Streamlit keeps a keyed widget's choice by its label; when an edit renames a theme, a widget
    under the same key would keep showing the old name. A new key draws the widget afresh, with
    the new labels and its default value (so inputs also start empty after each saved edit).

    Example: ``versioned(RENAME_INPUT, curated.last_edit_id, theme_id)`` -> ``"rename_input-7-3"``.
    """
    return "-".join([key, *map(str, version)])


def forget(*keys: str) -> None:
    """Drop these keys, and their versioned forms, from the session."""
    prefixes = tuple(f"{k}-" for k in keys)
    for name in [k for k in st.session_state if k in keys or str(k).startswith(prefixes)]:
        del st.session_state[name]


def get(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)


def flash(level: str, message: str) -> None:
    """Say something at the top of the next run (after a callback changed the state)."""
    st.session_state[FLASH] = (level, message)


def show_flash() -> None:
    """Show the pending message once, as text (it may quote names analysts typed)."""
    pending = st.session_state.pop(FLASH, None)
    if pending:
        level, message = pending
        getattr(st, level if level in LEVELS else "info")(escape(message))


def author() -> str | None:
    """The analyst's name for this browser session; None until they have given it."""
    return st.session_state.get(AUTHOR) or None


def _save_author() -> None:
    name = " ".join(str(st.session_state.get(AUTHOR_INPUT, "")).split())[:MAX_AUTHOR_CHARS]
    if name:
        st.session_state[AUTHOR] = name
    else:
        flash("warning", "Type your name first: every edit is saved with it.")


def forget_author() -> None:
    st.session_state.pop(AUTHOR, None)


def ask_author() -> str | None:
    """The analyst's name, or a form asking for it (once per browser session) and None."""
    name = author()
    if name:
        return name
    with st.form("author_form", border=True):
        st.text_input(
            "Your name",
            key=AUTHOR_INPUT,
            max_chars=MAX_AUTHOR_CHARS,
            placeholder="e.g. Ana",
            help="Saved with each of your edits, so the history shows who did what.",
        )
        st.form_submit_button("Start editing", key=AUTHOR_SAVE, on_click=_save_author)
    return None
