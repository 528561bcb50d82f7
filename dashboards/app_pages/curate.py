"""Curate: fix what the machine got wrong. Every action is saved at once, with the analyst's name.

Actions run in widget callbacks, before the page is drawn again, so the page always shows the
run with the new edit applied (the edit changes the cache key of the curated run). Widget keys
carry the run's last edit id and the theme, so after any edit, or on another theme, every input
starts afresh from what is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import streamlit as st

from dashboards import data, state, views, widgets
from voc import schema
from voc.curation.actions import Curator, SplitProposal
from voc.curation.explore import merge_suggestions, split_suggestions
from voc.curation.replay import STATUSES, CuratedRun
from voc.errors import VocError
from voc.format import count
from voc.report.markdown import escape


@dataclass(frozen=True)
class Editing:
    """One analyst editing one theme of a run, as the page was drawn."""

    curated: CuratedRun
    curator: Curator
    author: str
    theme_id: int

    def key(self, base: str) -> str:
        return state.versioned(base, self.curated.last_edit_id, self.theme_id)

    def value(self, base: str) -> Any:
        return st.session_state.get(self.key(base))

    def text(self, base: str) -> str:
        return str(self.value(base) or "")

    def button(
        self, label: str, base: str, action: Callable[[], Any], done: str | Callable[[], str]
    ) -> None:
        """A button that saves ``action`` as one edit and says ``done`` when it worked."""
        st.button(label, key=base, on_click=lambda: widgets.act(action, done))

    @property
    def option(self) -> Callable[[int], str]:
        return partial(views.theme_option, self.curated)


def undo(curator: Curator, author: str) -> None:
    """Undo this analyst's newest edit that is still in effect."""
    try:
        edit = curator.undo(author)
    except VocError as exc:
        state.flash("error", str(exc))
        return
    if edit is None:
        state.flash("info", f"{author} has no edit in effect to undo.")
    else:
        state.flash("success", f"Undid edit {edit.payload['edit_id']}.")


def label_actions(e: Editing) -> None:
    """Rename, kind, status, issue key and notes of one theme."""
    label = e.curated.labels[e.theme_id]
    score = views.scores_by_theme(e.curated).get(e.theme_id)
    theme_id, author, curator = e.theme_id, e.author, e.curator
    name_col, kind_col, status_col = st.columns([2, 1, 1])
    with name_col:
        st.text_input("New name", key=e.key(state.RENAME_INPUT), placeholder=label.name)
        e.button(
            "Rename",
            state.RENAME,
            lambda: curator.rename(author, theme_id, e.text(state.RENAME_INPUT)),
            f"Renamed theme {theme_id}.",
        )
    with kind_col:
        kinds = curator.kinds()
        current = label.kind or (score.kind if score else kinds[-1])
        st.selectbox(
            "Kind",
            kinds,
            index=kinds.index(current) if current in kinds else len(kinds) - 1,
            key=e.key(state.KIND_INPUT),
        )
        e.button(
            "Set kind",
            state.SET_KIND,
            lambda: curator.set_kind(author, theme_id, e.text(state.KIND_INPUT)),
            f"Set the kind of theme {theme_id}.",
        )
    with status_col:
        st.selectbox(
            "Status", STATUSES, index=STATUSES.index(label.status), key=e.key(state.STATUS_INPUT)
        )
        e.button(
            "Set status",
            state.SET_STATUS,
            lambda: curator.set_status(author, theme_id, e.text(state.STATUS_INPUT)),
            lambda: f"Marked theme {theme_id} {e.text(state.STATUS_INPUT)}.",
        )
    issue_col, note_col = st.columns([1, 2])
    with issue_col:
        st.text_input(
            "Issue-tracker key or URL",
            value=label.issue_key or "",
            key=e.key(state.ISSUE_INPUT),
            placeholder="PROJ-123 (empty removes the link)",
        )
        e.button(
            "Link issue",
            state.LINK_ISSUE,
            lambda: curator.link_issue(author, theme_id, e.text(state.ISSUE_INPUT)),
            lambda: f"Linked theme {theme_id} to {e.text(state.ISSUE_INPUT) or 'no issue'}.",
        )
    with note_col:
        st.text_area("Note", key=e.key(state.NOTE_INPUT), height=80)
        e.button(
            "Add note",
            state.ADD_NOTE,
            lambda: curator.add_note(author, theme_id, e.text(state.NOTE_INPUT)),
            f"Noted on theme {theme_id}.",
        )
    notes = views.notes_table(e.curated, theme_id)
    if len(notes):
        st.dataframe(notes, hide_index=True, column_config={"note": widgets.TEXT_COLUMN})


def merge_action(e: Editing) -> None:
    ids = views.theme_choices(e.curated, editable=True)
    chosen = st.multiselect(
        "Themes to merge",
        ids,
        # A merge suggestion puts its pair in the session first; a default would then clash.
        default=None if e.key(state.MERGE_THEMES) in st.session_state else [e.theme_id],
        key=e.key(state.MERGE_THEMES),
        format_func=e.option,
    )
    into = st.selectbox(
        "Keep the name of",
        chosen,
        key=e.key(state.MERGE_INTO),
        format_func=e.option,
        help="The merged theme keeps this theme's id and name; rename it afterwards if needed.",
    )
    st.button(
        "Merge",
        key=state.MERGE,
        disabled=len(chosen) < 2,
        on_click=lambda: widgets.act(
            lambda: e.curator.merge(e.author, chosen, into=into),
            f"Merged themes {', '.join(map(str, chosen))} into {into}.",
        ),
    )


def split_action(e: Editing) -> None:
    proposal: SplitProposal | None = state.get(state.SPLIT)
    if proposal is None or proposal.theme_id != e.theme_id:
        st.caption(
            "Re-cluster this theme's tickets into 2-4 sub-themes. Nothing is saved until you "
            "accept the proposal."
        )

        e.button(
            "Propose a split",
            state.PROPOSE_SPLIT,
            lambda: propose_split(e.curator, e.theme_id),
            f"Proposed a split of theme {e.theme_id}: review it below.",
        )
        return
    st.text(
        f"{count(len(proposal.parts), 'sub-theme')} (separation: silhouette "
        f"{views.similarity_text(proposal.silhouette)}; above 0.1 the parts are fairly distinct)"
    )
    for i, part in enumerate(proposal.parts):
        with st.container(border=True):
            st.session_state.setdefault(f"{state.SPLIT_NAME}{i}", part.name)  # after a page change
            st.text_input(f"Name of part {i + 1}", key=f"{state.SPLIT_NAME}{i}")
            st.text(
                f"{count(len(part.ticket_ids), 'ticket')} · keywords: {', '.join(part.keywords)}"
            )
            for text in part.representative_texts[:3]:
                st.text(text)

    def accept() -> None:
        names = [str(state.get(f"{state.SPLIT_NAME}{i}", "")) for i in range(len(proposal.parts))]
        edit = e.curator.accept_split(e.author, proposal, names=names)
        st.session_state.pop(state.SPLIT, None)
        # The split theme is gone: carry on with its first (biggest) part, on the Split tab.
        widgets.open_theme(int(edit.payload["parts"][0]["theme_id"]))

    accept_col, discard_col = st.columns(2)
    with accept_col:
        e.button(
            "Accept the split",
            state.ACCEPT_SPLIT,
            accept,
            f"Split theme {e.theme_id} into {count(len(proposal.parts), 'theme')}.",
        )
    discard_col.button(
        "Discard", key=state.DISCARD_SPLIT, on_click=lambda: st.session_state.pop(state.SPLIT, None)
    )


def propose_split(curator: Curator, theme_id: int) -> None:
    """Re-cluster a theme's tickets into a split proposal that waits for the analyst's review."""
    found = curator.propose_split(theme_id, embedder=data.embedder())
    st.session_state[state.SPLIT] = found
    for i, part in enumerate(found.parts):
        st.session_state[f"{state.SPLIT_NAME}{i}"] = part.name


def move_action(e: Editing) -> None:
    tickets = e.curated.tickets[e.curated.tickets[schema.THEME_ID] == e.theme_id]
    query = st.text_input("Find tickets", key=state.MOVE_SEARCH)
    shown = views.filter_tickets(tickets, views.TicketFilter(query=query))
    ids = shown[schema.TICKET_ID].astype(str).tolist()
    st.caption("Select the tickets to move (click rows).")
    table_key = e.key(state.MOVE_TABLE)  # a selection never outlives the tickets it points at
    widgets.ticket_table(shown, key=table_key, select=True, show_theme=False)
    widgets.ticket_reader(shown, key=table_key)
    targets = [t for t in views.theme_choices(e.curated) if t != e.theme_id]
    to = st.selectbox("Move them to", targets, key=e.key(state.MOVE_TO), format_func=e.option)
    picked = [ids[row] for row in widgets.selected_rows(table_key) if row < len(ids)]
    st.button(
        views.move_label(len(picked)),
        key=state.MOVE,
        disabled=not picked,
        on_click=lambda: widgets.act(
            lambda: e.curator.move(e.author, picked, to),
            views.moved_message(len(picked), to),
        ),
    )


def review_split(curator: Curator, theme_id: int) -> None:
    """One click on a split suggestion: the theme, its split proposal, the Split tab."""
    widgets.open_theme(theme_id)
    st.session_state[state.CURATE_TAB] = state.SPLIT_TAB
    widgets.act(
        lambda: propose_split(curator, theme_id),
        f"Proposed a split of theme {theme_id}: review it below.",
    )


def review_merge(curated: CuratedRun, pair: tuple[int, int]) -> None:
    """One click on a merge suggestion: the merge form on the Merge tab with both themes in it."""
    first, second = pair
    widgets.open_theme(first)
    st.session_state[state.CURATE_TAB] = state.MERGE_TAB
    key = state.versioned(state.MERGE_THEMES, curated.last_edit_id, first)
    st.session_state[key] = [first, second]
    state.flash("info", f"Review the merge of themes {first} and {second} below.")


def suggestions(curated: CuratedRun, curator: Curator) -> None:
    """Themes the run found mixed (split them?) and pairs it found close (merge them?)."""
    splits, merges = split_suggestions(curated), merge_suggestions(curated)
    if not splits and not merges:
        return
    split_col, merge_col = st.columns(2)
    with split_col:
        st.caption(
            "Split suggestions: themes whose tickets form two sub-groups (mixed)"
            if splits
            else "No theme looks mixed."
        )
        for s in splits:
            st.button(
                views.split_label(s),
                key=f"{state.REVIEW_SPLIT}{s.theme_id}",
                help=escape(s.name),
                on_click=review_split,
                args=(curator, s.theme_id),
            )
        if splits:
            st.dataframe(views.split_suggestion_table(splits), hide_index=True)
    with merge_col:
        st.caption(
            "Merge suggestions: pairs of themes whose centres are close"
            if merges
            else "No two themes are close enough to suggest a merge."
        )
        for m in merges:
            first, second = m.theme_ids
            st.button(
                views.merge_label(m),
                key=f"{state.REVIEW_MERGE}{first}_{second}",
                help=escape(" + ".join(m.names)),
                on_click=review_merge,
                args=(curated, m.theme_ids),
            )
        if merges:
            st.dataframe(views.merge_suggestion_table(merges), hide_index=True)


def search_all(curated: CuratedRun) -> None:
    """Find tickets anywhere in the run by words of their subject or text (as stored: masked)."""
    st.subheader("Search all tickets", anchor=False)
    query = st.text_input(
        "Words in the subject or text",
        key=state.SEARCH_ALL,
        placeholder="e.g. invoice vat",
        help="Every word must appear (any case). Personal data is masked, as stored in the run.",
    )
    if not query.strip():
        return
    found = views.filter_tickets(curated.tickets, views.TicketFilter(query=query))
    st.caption(views.matching(len(found), len(curated.tickets)))
    key = state.versioned(state.SEARCH_TABLE, curated.last_edit_id)
    widgets.ticket_table(found, key=key)
    widgets.ticket_reader(found, key=state.SEARCH_TABLE)


def history(curated: CuratedRun) -> None:
    table = views.history_table(curated)
    if not len(table):
        st.caption("No edits yet.")
        return
    st.dataframe(
        table, key=state.HISTORY, hide_index=True, column_config={"what": widgets.TEXT_COLUMN}
    )


def not_replayed(curated: CuratedRun) -> None:
    """What of the previous run's curation this run could not take: listed, never dropped."""
    table = views.not_replayed_table(curated)
    if not len(table):
        return
    with st.expander(
        f"{count(len(table), 'decision')} of the previous run could not be replayed on this run",
        icon=":material/history:",
    ):
        st.dataframe(
            table,
            key=state.NOT_REPLAYED,
            hide_index=True,
            column_config={c: widgets.TEXT_COLUMN for c in table.columns},
        )


def main() -> None:
    curated = data.current_run()
    st.title("Curate", anchor=False)
    author = state.ask_author()
    if author is None:
        st.caption("Every edit is saved with your name, so the history shows who did what.")
        st.stop()
    curator = data.current_curator()
    st.button(
        "Undo my last edit",
        key=state.UNDO,
        on_click=undo,
        args=(curator, author),
        icon=":material/undo:",
    )
    not_replayed(curated)
    suggestions(curated, curator)
    theme_id = widgets.theme_picker(curated, state.CURATE_PICK, editable=True)
    if theme_id is None:
        history(curated)
        return
    editing = Editing(curated, curator, author, theme_id)
    # Keyed, so the open tab is kept on every rerun (after each action, and on another theme).
    if state.get(state.CURATE_TAB) not in state.CURATE_TABS:
        st.session_state[state.CURATE_TAB] = state.LABEL_TAB
    label_tab, merge_tab, split_tab, move_tab, history_tab = st.tabs(
        list(state.CURATE_TABS), key=state.CURATE_TAB, on_change="rerun"
    )
    with label_tab:
        label_actions(editing)
    with merge_tab:
        merge_action(editing)
    with split_tab:
        split_action(editing)
    with move_tab:
        move_action(editing)
    with history_tab:
        history(curated)
    search_all(curated)


main()
