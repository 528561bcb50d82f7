"""Plotly figures of a run's scores, shared by the HTML report and the dashboard.

Every label that comes from tickets or analysts (theme names, organizations) is HTML-escaped before
it reaches plotly, whose text labels understand a subset of HTML: a theme called ``<b>x</b>`` shows
those characters, it is never rendered as markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go

from voc.report.format import percent, shorten
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
