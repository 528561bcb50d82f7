"""Widgets more than one page uses: theme picker, ticket table, actions, headings, sidebar.

Text that came from tickets or analysts (names, notes, quotes) is shown with ``st.text`` or in a
``st.dataframe``, or escaped with :func:`voc.report.markdown.escape` where Streamlit reads
Markdown (headings, alerts): a ticket saying ``<script>`` or ``**bold**`` shows as written.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from dashboards import data, state, views
from voc import schema
from voc.curation.replay import CuratedRun
from voc.errors import VocError
from voc.format import count
from voc.report.markdown import escape

TEXT_COLUMN = st.column_config.TextColumn(width="large")
TICKET_COLUMN_CONFIG: dict[str, Any] = {
    schema.TICKET_ID: st.column_config.TextColumn("ticket"),
    schema.CREATED_AT: st.column_config.DatetimeColumn("created (UTC)", format="YYYY-MM-DD HH:mm"),
    schema.THEME_NAME: st.column_config.TextColumn("theme"),
    schema.TEXT: TEXT_COLUMN,
    # Written by views.ticket_list as the report writes them ("100%", "-0.04", "n/a").
    schema.CSAT: st.column_config.TextColumn("CSAT"),
    schema.SENTIMENT: st.column_config.TextColumn(),
}


def act(action: Callable[[], Any], done: str | Callable[[], str]) -> bool:
    """Run one analyst action (in a widget callback) and say how it went on the next run.

    The edit is saved by ``action``; a :class:`VocError` (an unknown theme, an empty name) is
    shown as its one-sentence message, never as a traceback. ``done`` (or what it returns, read
    after the action, when widgets hold their newest values) says what worked.
    """
    try:
        action()
    except VocError as exc:
        state.flash("error", str(exc))
        return False
    state.flash("success", done() if callable(done) else done)
    return True


def heading(text: str, level: str = "subheader") -> None:
    """A heading that shows ``text`` exactly as written (no Markdown, no HTML)."""
    getattr(st, level)(escape(text), anchor=False)


def open_theme(theme_id: int) -> None:
    """Make ``theme_id`` the theme the detail and curate pages open on."""
    st.session_state[state.THEME_ID] = theme_id
    state.forget(state.DETAIL_PICK, state.CURATE_PICK)


def theme_picker(
    curated: CuratedRun, key: str, editable: bool = False, label: str = "Theme"
) -> int | None:
    """A theme chosen in a select box; starts on the theme the session last looked at."""
    ids = views.theme_choices(curated, editable)
    if not ids:
        st.info("This run has no themes to show here.")
        return None
    wanted = state.get(state.THEME_ID)
    chosen = st.selectbox(
        label,
        ids,
        index=ids.index(wanted) if wanted in ids else 0,
        key=state.versioned(key, curated.last_edit_id),
        format_func=partial(views.theme_option, curated),
    )
    st.session_state[state.THEME_ID] = chosen
    return chosen


def ticket_table(
    tickets: pd.DataFrame,
    key: str | None = None,
    select: bool = False,
    height: int = 420,
    show_theme: bool = True,
) -> Any:
    """Tickets as a sortable table (text is shown as text); with ``select``, rows can be picked."""
    frame = views.ticket_list(tickets)
    if not show_theme:
        frame = frame.drop(columns=[schema.THEME_NAME], errors="ignore")
    selection: dict[str, Any] = (
        {"on_select": "rerun", "selection_mode": "multi-row"} if select else {}
    )
    return st.dataframe(
        frame,
        key=key,
        hide_index=True,
        height=height,
        column_config=TICKET_COLUMN_CONFIG,
        **selection,
    )


def ticket_reader(tickets: pd.DataFrame, key: str, label: str = "Read a ticket in full") -> None:
    """A picker of the tickets a table lists, and the picked ticket whole: every field, the text
    as stored (cleaned, personal data masked), never cut to a table cell."""
    ids = views.ticket_ids(tickets)
    if not ids:
        return
    preview = _previews(tickets)
    picked = st.selectbox(
        label,
        ids,
        index=None,
        key=f"{state.READ}{key}",
        placeholder=f"Choose one of these {count(len(ids), 'ticket')}",
        format_func=lambda ticket_id: preview.get(ticket_id, ticket_id),
    )
    if picked is None:
        return
    with st.container(border=True):
        for name, value in views.ticket_fields(tickets, picked):
            st.caption(name)
            st.text(value)


def _previews(tickets: pd.DataFrame) -> dict[str, str]:
    """Ticket id -> "id · the first words of its subject or text", for the reader's picker."""
    words = tickets[schema.TEXT].fillna("").astype(str)
    if schema.SUBJECT in tickets:
        subject = tickets[schema.SUBJECT].fillna("").astype(str)
        words = subject.where(subject.str.strip() != "", words)
    return {
        ticket_id: f"{ticket_id} · {' '.join(text.split())[:80]}"
        for ticket_id, text in zip(views.ticket_ids(tickets), words, strict=True)
    }


def selected_rows(key: str) -> list[int]:
    """Rows picked in the selectable table with this key (positions in the data given)."""
    event = st.session_state.get(key)
    if not event:
        return []
    return list(event["selection"]["rows"])


def download(label: str, content: bytes | Callable[[], bytes], file_name: str, key: str) -> None:
    st.download_button(
        label,
        data=content,
        file_name=file_name,
        mime=_MIME.get(file_name.rsplit(".", 1)[-1], "application/octet-stream"),
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


_MIME = {
    "html": "text/html",
    "md": "text/markdown",
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sidebar(workspace: str) -> None:
    """Where the data comes from, and who is editing."""
    with st.sidebar:
        st.caption("Workspace")
        st.text(workspace)
        st.caption("Run")
        st.text(data.current_run_id(workspace) or "none yet")
        name = state.author()
        if name:
            st.caption("Editing as")
            st.text(name)
            st.button("Change name", key=state.AUTHOR_CHANGE, on_click=state.forget_author)
