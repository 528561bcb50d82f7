"""Theme detail: what a theme is, why it scores as it does, and every ticket in it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import data, state, views, widgets
from voc import charts, schema
from voc.curation.replay import CuratedRun
from voc.schema import Theme, ThemeScore

EFFORT_CONFIG = {"tickets with a value": st.column_config.NumberColumn(format=views.COUNT_FORMAT)}
BREAKDOWN_CONFIG = {
    "tickets": st.column_config.NumberColumn(format=views.COUNT_FORMAT),
    "csat_mean": st.column_config.TextColumn("CSAT mean"),
}


def summary(curated: CuratedRun, theme: Theme, score: ThemeScore | None) -> None:
    label = curated.labels[theme.theme_id]
    widgets.heading(label.name, "header")
    if theme.description:
        st.text(theme.description)  # customers' words: plain text, never markdown
    facts = [f"Status: {label.status}", f"Issue: {label.issue_key or 'none linked'}"]
    if score is not None:
        facts.insert(0, views.kind_fact(score))
    if label.merged_from:
        facts.append(f"Merged from themes {', '.join(map(str, label.merged_from))}")
    if label.split_from is not None:
        facts.append(f"Split from theme {label.split_from}")
    st.text(" · ".join(facts))
    if score is None:
        return
    metrics = views.theme_metrics(score)
    for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(label, value)
    st.text(views.trend_sentence(curated, score))  # growth and emerging, said side by side
    st.caption(f"Statistics: {score.emerging_note}")


def evidence(curated: CuratedRun, theme: Theme, score: ThemeScore | None) -> None:
    scores_col, words_col = st.columns(2)
    with scores_col:
        if score is not None:
            st.caption(views.evidence_caption(score))
            st.dataframe(views.components_table(score, curated.scores.weights), hide_index=True)
            if score.effort:
                st.caption("Effort compared with the whole run")
                st.dataframe(
                    views.effort_table(score), hide_index=True, column_config=EFFORT_CONFIG
                )
    with words_col:
        st.caption("Keywords")
        st.text(", ".join(theme.keywords) or "none")
        st.caption("Representative tickets")
        for ticket_id, text in zip(
            theme.representative_ids, theme.representative_texts, strict=True
        ):
            with st.container(border=True):
                st.text(f"Ticket {ticket_id}")
                st.text(text)
        notes = views.notes_table(curated, theme.theme_id)
        if len(notes):
            st.caption("Analysts' notes")
            st.dataframe(notes, hide_index=True)


def trend_and_breakdowns(score: ThemeScore | None, tickets: pd.DataFrame) -> None:
    if score is not None and score.weekly:
        st.plotly_chart(charts.theme_weekly(score))
    columns = [c for c in views.BREAKDOWNS if views.has_values(tickets, c)]
    if not columns:
        return
    st.caption("Tickets by channel, plan and organization (with mean CSAT where known)")
    for tab, column in zip(st.tabs(columns), columns, strict=True):
        tab.dataframe(
            views.breakdown(tickets, column), hide_index=True, column_config=BREAKDOWN_CONFIG
        )


def ticket_list(tickets: pd.DataFrame) -> None:
    st.subheader("Tickets", anchor=False)
    search, channel, plan = st.columns([2, 1, 1])
    query = search.text_input("Search subject and text", key=state.DETAIL_SEARCH)
    channels = channel.multiselect(
        "Channel", views.options(tickets, schema.CHANNEL), key=state.DETAIL_CHANNELS
    )
    plans = plan.multiselect("Plan", views.options(tickets, schema.PLAN), key=state.DETAIL_PLANS)
    shown = views.filter_tickets(
        tickets, views.TicketFilter(channels=tuple(channels), plans=tuple(plans), query=query)
    )
    st.caption(views.matching(len(shown), len(tickets)))
    widgets.ticket_table(shown, show_theme=False)
    widgets.ticket_reader(shown, key=state.DETAIL_SEARCH)


def main() -> None:
    curated = data.current_run()
    theme_id = widgets.theme_picker(curated, state.DETAIL_PICK)
    if theme_id is None:
        return
    theme = curated.theme(theme_id)
    score = views.scores_by_theme(curated).get(theme_id)
    tickets = curated.tickets[curated.tickets[schema.THEME_ID] == theme_id]
    summary(curated, theme, score)
    evidence(curated, theme, score)
    trend_and_breakdowns(score, tickets)
    ticket_list(tickets)


main()
