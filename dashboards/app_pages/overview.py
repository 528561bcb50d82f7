"""Overview: headline numbers, the ranked theme table with filters, the ticket map, trends."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import data, state, views, widgets
from dashboards.app_pages import THEME
from voc import charts, schema
from voc.curation.replay import CuratedRun
from voc.format import count
from voc.report.model import since_last_run

CHANGES_CONFIG = {"theme": st.column_config.TextColumn(width="large")}
TRENDS_DEFAULT = 5  # themes in the trend chart when none is selected in the table
TABLE_CONFIG = {
    "rank": st.column_config.NumberColumn(width="small"),
    "id": st.column_config.NumberColumn(width="small"),
    "theme": st.column_config.TextColumn(width="medium"),
    "tickets": st.column_config.NumberColumn(format=views.COUNT_FORMAT),
    "friction": st.column_config.ProgressColumn(
        min_value=0, max_value=100, format=views.SCORE_FORMAT, width="small"
    ),
    "csat_impact": st.column_config.TextColumn("CSAT impact"),
    "negative": st.column_config.TextColumn("negative sentiment"),
}


def headline(curated: CuratedRun) -> None:
    h = views.headline(curated)
    metrics = h.metrics()
    for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(label, value)
    if h.top_name:
        st.text(f"Most friction: {h.top_name}")


def changes_since_last_run(curated: CuratedRun) -> None:
    """New, gone, grown, shrunk, split and merged themes since the run this one was traced
    against (the rows the report shows); nothing for a first run."""
    changes = data.since_last_run(data.workspace_root(), curated.run_id)
    names = {theme_id: label.name for theme_id, label in curated.labels.items()}
    since = None if changes is None else since_last_run(changes, names)
    if since is None:
        return
    with st.expander("Since the last run", expanded=True, icon=":material/compare_arrows:"):
        st.text(since.headline)
        if since.rows:
            st.dataframe(views.change_table(since), hide_index=True, column_config=CHANGES_CONFIG)


def filters(curated: CuratedRun) -> tuple[views.TicketFilter, list[str], list[int], bool]:
    """The filter widgets; returns the ticket filter, kinds, parent ids, show dismissed."""
    tickets = curated.tickets
    kinds_present = sorted({s.kind for s in curated.scores.themes})
    parents = views.parent_names(curated)
    bounds = views.date_bounds(tickets)
    with st.expander("Filters", expanded=False, icon=":material/filter_list:"):
        left, middle, right = st.columns(3)
        kinds = left.multiselect("Kind", kinds_present, key=state.OVERVIEW_KINDS)
        parent_ids = middle.multiselect(
            "Parent theme", list(parents), key=state.OVERVIEW_PARENTS, format_func=parents.get
        )
        dismissed = right.checkbox("Show dismissed themes", key=state.OVERVIEW_DISMISSED)
        start = end = None
        if bounds:
            chosen = left.date_input(
                "Created between",
                value=bounds,
                min_value=bounds[0],
                max_value=bounds[1],
                key=state.OVERVIEW_DATES,
            )
            if isinstance(chosen, tuple) and len(chosen) == 2 and tuple(chosen) != bounds:
                start, end = chosen
        channels = middle.multiselect(
            "Channel", views.options(tickets, schema.CHANNEL), key=state.OVERVIEW_CHANNELS
        )
        plans = right.multiselect(
            "Plan", views.options(tickets, schema.PLAN), key=state.OVERVIEW_PLANS
        )
    ticket_filter = views.TicketFilter(start, end, tuple(channels), tuple(plans))
    return ticket_filter, kinds, parent_ids, dismissed


def theme_table(curated: CuratedRun, table: pd.DataFrame) -> list[int]:
    """The ranked table; returns the ids of the themes selected in it."""
    st.caption(
        "Themes ranked by friction (0-100, computed on the whole run); tickets and share follow "
        "the filters. Select rows to compare their weekly trends or open one."
    )
    event = st.dataframe(
        table,
        key=state.versioned(state.OVERVIEW_TABLE, curated.last_edit_id),
        on_select="rerun",
        selection_mode="multi-row",
        hide_index=True,
        column_config=TABLE_CONFIG,
    )
    return [int(table["id"].iloc[row]) for row in event.selection.rows if row < len(table)]


def open_button(selected: list[int]) -> None:
    if st.button("Open the selected theme", key=state.OVERVIEW_OPEN, disabled=not selected):
        widgets.open_theme(selected[0])
        st.switch_page(THEME)


def ticket_map(curated: CuratedRun, tickets: pd.DataFrame, view: views.TicketFilter) -> None:
    if not (views.has_values(tickets, schema.MAP_X) and views.has_values(tickets, schema.MAP_Y)):
        st.info("This run has no 2-D map of its tickets.")
        return
    names = {theme_id: label.name for theme_id, label in curated.labels.items()}
    event = st.plotly_chart(
        charts.ticket_map(tickets, names),
        # Points are rows of the filtered tickets: a new filter (or edit) starts a new selection.
        key=state.versioned(state.OVERVIEW_MAP, curated.last_edit_id, abs(hash(view))),
        on_select="rerun",
        selection_mode=("points", "box", "lasso"),
        config={"displaylogo": False},
    )
    # Each point carries its row in ``tickets`` (see voc.charts.ticket_map).
    rows = sorted({int(p["customdata"]) for p in event.selection.points if "customdata" in p})
    if rows:
        st.caption(f"{count(len(rows), 'ticket')} selected on the map")
        picked = tickets.iloc[[r for r in rows if r < len(tickets)]]
        widgets.ticket_table(picked)
        widgets.ticket_reader(picked, key=state.OVERVIEW_MAP)


def trends(curated: CuratedRun, selected: list[int], table: pd.DataFrame) -> None:
    ids = selected or table["id"].head(TRENDS_DEFAULT).tolist()
    scores = views.scores_by_theme(curated)
    chosen = [scores[i] for i in ids if i in scores]
    if not any(s.weekly for s in chosen):
        st.info("This export has no creation dates, so there are no weekly trends.")
        return
    st.plotly_chart(charts.weekly_trends(chosen, "Weekly tickets of the selected themes"))


def main() -> None:
    curated = data.current_run()
    st.title("Overview", anchor=False)
    headline(curated)
    changes_since_last_run(curated)
    ticket_filter, kinds, parent_ids, dismissed = filters(curated)
    tickets = views.filter_tickets(curated.tickets, ticket_filter)
    table = views.theme_table(curated, tickets, kinds, parent_ids, dismissed)
    if ticket_filter.active:
        st.caption(f"{views.matching(len(tickets), len(curated.tickets))} match the filters")
    selected = theme_table(curated, table)
    open_button(selected)
    map_tab, trend_tab, friction_tab = st.tabs(["Ticket map", "Weekly trends", "Friction"])
    with map_tab:
        ticket_map(curated, tickets, ticket_filter)
    with trend_tab:
        trends(curated, selected, table)
    with friction_tab:
        shown = set(table["id"])
        st.plotly_chart(
            charts.friction_volume([s for s in curated.scores.themes if s.theme_id in shown])
        )


main()
