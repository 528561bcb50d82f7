"""Roadmap proposals: themes -> a draft with evidence -> edited -> effort -> RICE -> saved.

The draft, the RICE inputs and the exports come from :mod:`voc.curation.proposals`; a saved proposal
is an edit of the run (``Curator.save_proposal``), so it is kept, shared and in the history."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboards import data, state, views, widgets
from voc.curation.actions import Curator
from voc.curation.proposals import (
    EXPORT_FORMATS,
    RICE_INCOMPLETE,
    Proposal,
    draft_proposal,
    export_proposals,
    saved_proposals,
)
from voc.curation.replay import CuratedRun

EXPORT_NAMES = {"md": "Markdown", "csv": "CSV", "json": "JSON", "jira": "Jira CSV"}
TABLE_CONFIG = {"title": widgets.TEXT_COLUMN}  # the numbers come written by voc.format


def export_name(run_id: str, fmt: str) -> str:
    return f"proposals_{run_id}_jira.csv" if fmt == "jira" else f"proposals_{run_id}.{fmt}"


EDITOR_KEYS = (
    state.P_TITLE, state.P_PROBLEM, state.P_EVIDENCE, state.P_REACH, state.P_IMPACT,
    state.P_CONFIDENCE, state.P_EFFORT, state.P_ISSUE,
)  # fmt: skip


def load(proposal: Proposal, proposal_id: str | None) -> None:
    """Put a proposal into the editor's widgets (in a callback, before they are drawn)."""
    values = {
        state.P_TITLE: proposal.title,
        state.P_PROBLEM: proposal.problem,
        state.P_EVIDENCE: proposal.evidence,
        state.P_REACH: int(proposal.reach),
        state.P_IMPACT: float(proposal.impact),
        state.P_CONFIDENCE: float(proposal.confidence),
        state.P_EFFORT: None if proposal.effort is None else float(proposal.effort),
        state.P_ISSUE: proposal.issue_key,
    }
    st.session_state.update(values)
    st.session_state[state.DRAFT] = {
        "proposal_id": proposal_id,
        "theme_ids": proposal.theme_ids,
        "values": values,
    }


def edited(theme_ids: list[int]) -> Proposal:
    """The proposal as the editor's widgets have it now."""
    get = st.session_state.get
    effort = get(state.P_EFFORT)
    return Proposal(
        title=str(get(state.P_TITLE) or "").strip(),
        theme_ids=list(theme_ids),
        problem=str(get(state.P_PROBLEM) or ""),
        evidence=str(get(state.P_EVIDENCE) or ""),
        reach=int(get(state.P_REACH) or 0),
        impact=float(get(state.P_IMPACT) or 0.25),
        confidence=float(get(state.P_CONFIDENCE) or 0.0),
        effort=float(effort) if effort else None,
        issue_key=str(get(state.P_ISSUE) or "").strip(),
    )


def saved_list(curated: CuratedRun, saved: list[Proposal]) -> None:
    st.subheader("Saved proposals", anchor=False)
    if not saved:
        st.caption("None yet: choose themes below and draft one.")
        return
    warning = views.rice_warning(saved)
    if warning:
        st.warning(warning, icon="⚠️")
    st.dataframe(views.proposal_table(saved), hide_index=True, column_config=TABLE_CONFIG)
    for column, fmt in zip(st.columns(len(EXPORT_FORMATS)), EXPORT_FORMATS, strict=True):
        with column:
            widgets.download(
                f"Export {EXPORT_NAMES.get(fmt, fmt)}",
                export_proposals(saved, fmt),
                export_name(curated.run_id, fmt),
                key=f"{state.EXPORT}{fmt}",
            )


def manage_saved(curated: CuratedRun, curator: Curator, author: str, saved: list[Proposal]) -> None:
    if not saved:
        return
    by_id = {p.proposal_id: p for p in saved}
    pick, edit, delete = st.columns([3, 1, 1], vertical_alignment="bottom")
    chosen = pick.selectbox(
        "Saved proposal",
        list(by_id),
        key=state.versioned(state.PROPOSAL_PICK, curated.last_edit_id),
        format_func=lambda i: by_id[i].title,
    )
    edit.button("Edit", key=state.EDIT_PROPOSAL, on_click=lambda: load(by_id[chosen], chosen))
    delete.button(
        "Delete",
        key=state.DELETE_PROPOSAL,
        on_click=lambda: widgets.act(
            lambda: curator.delete_proposal(author, chosen), "Deleted the proposal."
        ),
    )


def drafter(curated: CuratedRun) -> None:
    ids = views.theme_choices(curated, editable=True)
    last = state.get(state.THEME_ID)  # start with the theme last looked at
    chosen = st.multiselect(
        "Themes the proposal is about",
        ids,
        default=[last] if last in ids else ids[:1],
        key=state.versioned(state.PROPOSAL_THEMES, curated.last_edit_id),
        format_func=partial(views.theme_option, curated),
    )

    def start() -> None:
        widgets.act(
            lambda: load(draft_proposal(curated, chosen), None),
            "Drafted a proposal from the themes' evidence: edit it below.",
        )

    st.button("Draft a proposal", key=state.DRAFT_PROPOSAL, on_click=start)


def editor(curator: Curator, author: str) -> None:
    draft = state.get(state.DRAFT)
    if draft is None:
        return
    # Streamlit forgets a widget's value on a page that does not draw it: the draft keeps its
    # newest values, so an analyst can look something up on another page and come back.
    for key, kept in draft["values"].items():
        st.session_state.setdefault(key, kept)
    verb = "Editing a saved proposal" if draft["proposal_id"] else "New proposal"
    st.subheader(verb, anchor=False)
    st.text(f"Themes: {', '.join(map(str, draft['theme_ids']))}")
    st.text_input("Title", key=state.P_TITLE)
    st.text_area("Problem", key=state.P_PROBLEM, height=100)
    st.text_area("Evidence", key=state.P_EVIDENCE, height=200)
    reach, impact, confidence, effort = st.columns(4)
    reach.number_input("Reach (customers)", min_value=0, step=1, key=state.P_REACH)
    impact.selectbox("Impact", views.IMPACTS, key=state.P_IMPACT, format_func=views.impact_option)
    confidence.number_input(
        "Confidence", min_value=0.0, max_value=1.0, step=0.05, key=state.P_CONFIDENCE
    )
    effort.number_input(
        "Effort (person-weeks)",
        min_value=0.0,
        step=0.5,
        value=None,
        key=state.P_EFFORT,
        placeholder="enter the effort",
    )
    st.text_input("Issue-tracker key", key=state.P_ISSUE)
    draft["values"] = {key: st.session_state.get(key) for key in EDITOR_KEYS}
    proposal = edited(draft["theme_ids"])
    st.metric("RICE", "n/a (enter the effort)" if proposal.rice is None else f"{proposal.rice:g}")
    if proposal.rice is None:
        st.warning(f"{RICE_INCOMPLETE}: RICE needs the effort in person-weeks.", icon="⚠️")
    st.caption("RICE = reach × impact × confidence / effort")

    def save() -> None:
        current = edited(draft["theme_ids"])
        if widgets.act(
            lambda: curator.save_proposal(author, current.to_dict(), draft["proposal_id"]),
            "Saved the proposal.",
        ):
            st.session_state.pop(state.DRAFT, None)

    save_col, cancel_col = st.columns(2)
    save_col.button("Save proposal", key=state.SAVE_PROPOSAL, on_click=save, type="primary")
    cancel_col.button(
        "Cancel",
        key=state.CANCEL_PROPOSAL,
        on_click=lambda: st.session_state.pop(state.DRAFT, None),
    )


def main() -> None:
    curated = data.current_run()
    st.title("Roadmap proposals", anchor=False)
    saved = saved_proposals(curated)
    saved_list(curated, saved)
    st.subheader("Write a proposal", anchor=False)
    author = state.ask_author()
    if author is None:
        return
    curator = data.current_curator()
    manage_saved(curated, curator, author, saved)
    drafter(curated)
    editor(curator, author)


main()
