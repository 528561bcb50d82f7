"""Plotly figures of a run's scores, shared by the HTML report and the dashboard.

Every label that comes from tickets or analysts (theme names, organizations) is HTML-escaped before
it reaches plotly, whose text labels understand a subset of HTML: a theme called ``<b>x</b>`` shows
those characters, it is never rendered as markup.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from voc import schema
from voc.format import percent, shorten
from voc.schema import ThemeScore

# One colour per kind, the same in every chart (colour-blind-safe Okabe-Ito palette).
KIND_COLOURS = {
    "defect": "#D55E00",
    "friction": "#E69F00",
    "billing": "#0072B2",
    "question": "#56B4E9",
    "feature_request": "#009E73",
    "praise": "#CC79A7",
    "other": "#999999",
}
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
LABELLED_THEMES = 8  # the top themes whose names are written next to their point
NAME_CHARS = 40  # theme names in legends are cut to this length


def label(text: str) -> str:
    """Text from tickets or analysts, safe to show in a plotly label."""
    return html.escape(text, quote=False)


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        template="plotly_white",
        font={"family": FONT, "size": 12},
        height=height,
        margin={"l": 50, "r": 20, "t": 50, "b": 45},
        legend={"orientation": "h", "y": -0.18},
    )
    return fig


def friction_volume(themes: Sequence[ThemeScore]) -> go.Figure:
    """Friction score against tickets, one point per theme, coloured by kind."""
    fig = go.Figure()
    labelled = {t.theme_id for t in sorted(themes, key=lambda t: t.rank)[:LABELLED_THEMES]}
    for kind, colour in KIND_COLOURS.items():
        group = [t for t in themes if t.kind == kind]
        if not group:
            continue
        fig.add_trace(
            go.Scatter(
                x=[t.size for t in group],
                y=[t.friction for t in group],
                mode="markers+text",
                name=kind.replace("_", " "),
                marker={"color": colour, "size": 11, "line": {"width": 1, "color": "white"}},
                text=[label(t.name) if t.theme_id in labelled else "" for t in group],
                textposition="top center",
                textfont={"size": 10},
                customdata=[
                    [label(t.name), t.rank, percent(t.csat_impact, signed=True)] for t in group
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>rank %{customdata[1]}<br>friction %{y:.0f}"
                    "<br>%{x} tickets<br>CSAT impact %{customdata[2]}<extra></extra>"
                ),
            )
        )
    fig.update_xaxes(title="tickets (log scale)", type="log")
    fig.update_yaxes(title="friction score", range=[0, 100])
    return _layout(fig, "Friction vs volume", 460)


def weekly_trends(themes: Sequence[ThemeScore], title: str = "Weekly tickets") -> go.Figure:
    """Tickets per week, one line per theme."""
    fig = go.Figure()
    for theme in themes:
        fig.add_trace(
            go.Scatter(
                x=[week for week, _ in theme.weekly],
                y=[count for _, count in theme.weekly],
                mode="lines+markers",
                name=label(shorten(theme.name, NAME_CHARS)),
                line={"width": 2},
                hovertemplate=f"{label(theme.name)}<br>week of %{{x}}: %{{y}}<extra></extra>",
            )
        )
    fig.update_xaxes(title="week starting")
    fig.update_yaxes(title="tickets", rangemode="tozero")
    return _layout(fig, title, 380)


def theme_weekly(theme: ThemeScore) -> go.Figure:
    """One theme's tickets per week, as bars coloured by its kind."""
    fig = go.Figure(
        go.Bar(
            x=[week for week, _ in theme.weekly],
            y=[count for _, count in theme.weekly],
            marker_color=KIND_COLOURS.get(theme.kind, KIND_COLOURS["other"]),
            hovertemplate="week of %{x}: %{y}<extra></extra>",
        )
    )
    fig.update_yaxes(rangemode="tozero")
    fig = _layout(fig, "Tickets per week", 240)
    fig.update_layout(margin={"l": 40, "r": 10, "t": 35, "b": 30}, showlegend=False)
    return fig


# One colour per theme on the ticket map (Okabe-Ito first, then plotly's Dark24), cycled.
MAP_COLOURS = (
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442",
    "#2E91E5", "#E15F99", "#1CA71C", "#FB0D0D", "#DA16FF", "#B68100", "#750D86",
    "#EB663B", "#511CFB", "#00A08B", "#FB00D1", "#FC0080", "#B2828D", "#6C7C32",
    "#778AAE", "#862A16", "#A777F1", "#620042", "#1616A7", "#DA60CA", "#6C4516",
)  # fmt: skip
UNTHEMED_COLOUR = "#BBBBBB"
MAP_POINTS = 100_000  # points drawn at most; a larger run shows an even sample


def ticket_map(
    tickets: pd.DataFrame,
    names: Mapping[int, str],
    max_points: int = MAP_POINTS,
    seed: int = 0,
) -> go.Figure:
    """Tickets on the run's 2-D map, one WebGL trace per theme (fast for 100k points).

    Args:
        tickets: needs ``ticket_id``, ``theme_id``, ``map_x`` and ``map_y``.
        names: theme id -> name shown in the legend (escaped here).
        max_points: above this many tickets, an even random sample is drawn.
        seed: the sample's seed, so the same run always shows the same points.

    Each point's ``customdata`` is its row position in ``tickets`` (numbers, not ticket ids:
    plotly copies arrays of strings point by point, which is slow at this size), so a selection
    on the chart names its tickets with ``tickets.iloc[positions]``.
    """
    positions = np.arange(len(tickets))
    usable = (tickets[schema.MAP_X].notna() & tickets[schema.MAP_Y].notna()).to_numpy()
    positions = positions[usable]
    shown = len(positions)
    if shown > max_points:
        positions = np.sort(np.random.default_rng(seed).choice(positions, max_points, False))
    order = tickets[schema.THEME_ID].to_numpy()[positions]
    xs = tickets[schema.MAP_X].to_numpy(dtype="float32")[positions]
    ys = tickets[schema.MAP_Y].to_numpy(dtype="float32")[positions]
    fig = go.Figure()
    themes = sorted(set(order.tolist()), key=lambda t: (t == schema.UNTHEMED_ID, t))
    for i, theme_id in enumerate(themes):
        inside = order == theme_id
        colour = (
            UNTHEMED_COLOUR if theme_id == schema.UNTHEMED_ID else MAP_COLOURS[i % len(MAP_COLOURS)]
        )
        name = names.get(theme_id, f"theme {theme_id}")
        fig.add_trace(
            go.Scattergl(
                x=xs[inside],
                y=ys[inside],
                mode="markers",
                name=label(shorten(name, NAME_CHARS)),
                marker={"color": colour, "size": 4, "opacity": 0.7},
                customdata=positions[inside],
                # The name comes from the trace (already escaped), never spliced into the
                # template, where "%{...}" in a theme name would be read as a placeholder.
                hovertemplate="%{fullData.name}<extra></extra>",
            )
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    title = "Tickets by meaning (nearby points read alike)"
    if shown > len(positions):
        title += f": a sample of {len(positions):,} of {shown:,}"
    fig = _layout(fig, title, 560)
    fig.update_layout(legend={"orientation": "v", "y": 1, "x": 1.02}, dragmode="lasso")
    return fig
