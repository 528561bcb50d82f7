"""Theme detail: what a theme is, why it scores as it does, and every ticket in it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import data, state, views, widgets
from voc import charts, schema
from voc.curation.replay import CuratedRun
from voc.format import growth_text, kind_text, percent
from voc.schema import Theme, ThemeScore

COMPONENTS_CONFIG = {
    "value": st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.2f"),
    "weight": st.column_config.NumberColumn(format="%.2f"),
}
EFFORT_CONFIG = {
    name: st.column_config.NumberColumn(format="%.2f")
    for name in ("theme mean", "run mean", "ratio")
}
BREAKDOWN_CONFIG = {
    "share": widgets.PERCENT,
    "csat_mean": st.column_config.NumberColumn("CSAT mean", format="%.2f"),
}


def summary(curated: CuratedRun, theme: Theme, score: ThemeScore | None) -> None:
    label = curated.labels[theme.theme_id]
    widgets.heading(label.name, "header")
    if theme.description:
        st.text(theme.description)  # customers' words: plain text, never markdown
    facts = [f"Status: {label.status}", f"Issue: {label.issue_key or 'none linked'}"]
    if score is not None:
        by = (
            "set by an analyst"
            if score.kind_by_analyst
            else f"{score.kind_confidence:.0%} of tickets"
        )
        facts.insert(0, f"Kind: {kind_text(score.kind)} ({by})")
    if label.merged_from:
        facts.append(f"Merged from themes {', '.join(map(str, label.merged_from))}")
    if label.split_from is not None:
        facts.append(f"Split from theme {label.split_from}")
    st.text(" · ".join(facts))
    if score is None:
        return
    cols = st.columns(6)
    cols[0].metric("Tickets", f"{score.size:,}")
    cols[1].metric("Share", percent(score.share))
    cols[2].metric("Friction", f"{score.friction:.0f}/100")
    cols[3].metric("Growth", growth_text(score.growth))
    cols[4].metric("CSAT mean", "n/a" if score.csat_mean is None else f"{score.csat_mean:.2f}")
    cols[5].metric("CSAT impact", percent(score.csat_impact, signed=True))
    st.text(score.emerging_note)


def evidence(curated: CuratedRun, theme: Theme, score: ThemeScore | None) -> None:
    scores_col, words_col = st.columns(2)
    with scores_col:
        if score is not None:
            st.caption(f"Friction components (evidence: {score.evidence:.0%} of the weight)")
            st.dataframe(
                views.components_table(score, curated.scores.weights),
                hide_index=True,
                column_config=COMPONENTS_CONFIG,
            )
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
    st.caption(f"{len(shown):,} of {len(tickets):,} tickets")
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
