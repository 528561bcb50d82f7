"""Plotly figures of a run's scores, shared by the HTML report and the dashboard.

Every label that comes from tickets or analysts (theme names, organizations) is HTML-escaped before
it reaches plotly, whose text labels understand a subset of HTML: a theme called ``<b>x</b>`` shows
those characters, it is never rendered as markup.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from voc import chartdata as cd
from voc import schema
from voc.chartdata import FONT, KIND_COLOURS, LABELLED_THEMES, NAME_CHARS, Box, LastWeek
from voc.format import percent, shorten
from voc.schema import ThemeScore

__all__ = ["FONT", "KIND_COLOURS", "LABELLED_THEMES", "NAME_CHARS"]  # kept here for the callers

# The plot area friction_volume places its labels in, in pixels: the dashboard's column is
# wider, so a layout that fits here fits there; labels that do not fit are left to the hover.
LABEL_FRAME = Box(0, 0, 560, 340)
MARKER_SIZE = 11  # friction-vs-volume marker diameter in pixels
PARTIAL_OPACITY = 0.4  # the partial week's bar is drawn this much lighter
PARTIAL_BAND = "rgba(91, 100, 115, 0.08)"  # the partial week's background band
PARTIAL_HATCH = "/"  # plotly's hatch pattern on the partial week's bar
HALF_WEEK = pd.Timedelta(days=3.5)  # bars are centred on their Monday: half a week either side
# Plotly's textposition for each side voc.chartdata.place_labels may choose.
TEXT_POSITIONS = {
    "right": "middle right",
    "left": "middle left",
    "above": "top center",
    "below": "bottom center",
    "above right": "top right",
    "below right": "bottom right",
    "above left": "top left",
    "below left": "bottom left",
}


def label(text: str) -> str:
    """Text from tickets or analysts, safe to show in a plotly label."""
    return html.escape(text, quote=False)


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    # The legend stands to the right of the plot, top-aligned: it can never cover the x axis
    # title below the plot, and plotly widens the right margin to fit it.
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        template="plotly_white",
        font={"family": FONT, "size": 12},
        height=height,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
    )
    return fig


def _label_positions(themes: Sequence[ThemeScore], xaxis: cd.Axis) -> dict[int, str]:
    """Theme id -> plotly textposition for the top themes whose label fits (voc.chartdata)."""
    ranked = sorted(themes, key=lambda t: t.rank)
    named = cd.labelled(ranked)
    frame = LABEL_FRAME
    points = [
        (
            frame.x + frame.w * xaxis.fraction(max(t.size, 1)),
            frame.y + frame.h * (1 - t.friction / 100),
        )
        for t in ranked
    ]
    texts = [shorten(t.name, cd.LABEL_CHARS) if t.theme_id in named else None for t in ranked]
    placed = cd.place_labels(points, texts, frame, 10, MARKER_SIZE / 2)
    return {
        t.theme_id: TEXT_POSITIONS[p.side]
        for t, p in zip(ranked, placed, strict=True)
        if p is not None
    }


def _x_axis(fig: go.Figure, axis: cd.Axis, title: str) -> None:
    """Apply voc.chartdata's count axis: its range ends with the data, its ticks are readable."""
    if axis.log:
        fig.update_xaxes(
            title=f"{title} (log scale)",
            type="log",
            range=[math.log10(axis.lo), math.log10(axis.hi)],
            tickvals=list(axis.ticks),
            ticktext=list(axis.tick_text),
        )
    else:
        fig.update_xaxes(
            title=title,
            range=[axis.lo, axis.hi],
            tickvals=list(axis.ticks),
            ticktext=list(axis.tick_text),
        )


def friction_volume(themes: Sequence[ThemeScore]) -> go.Figure:
    """Friction score against tickets, one point per theme, coloured by kind; the top themes
    are named where a label fits without touching another, the rest on hover."""
    fig = go.Figure()
    xaxis = cd.count_axis([t.size for t in themes])
    positions = _label_positions(themes, xaxis)
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
                marker={
                    "color": colour,
                    "size": MARKER_SIZE,
                    "line": {"width": 1, "color": "white"},
                },
                text=[
                    label(shorten(t.name, cd.LABEL_CHARS)) if t.theme_id in positions else ""
                    for t in group
                ],
                textposition=[positions.get(t.theme_id, "top center") for t in group],
                textfont={"size": 10},
                cliponaxis=False,
                customdata=[
                    [label(t.name), t.rank, percent(t.csat_impact, signed=True)] for t in group
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>rank %{customdata[1]}<br>friction %{y:.0f}"
                    "<br>%{x} tickets<br>CSAT impact %{customdata[2]}<extra></extra>"
                ),
            )
        )
    _x_axis(fig, xaxis, "tickets")
    fig.update_yaxes(title="friction score", range=[0, 100])
    return _layout(fig, "Friction vs volume", 460)


def _partial(themes: Sequence[ThemeScore], last_ticket: str | None) -> LastWeek | None:
    last = cd.run_last_week(themes, last_ticket)
    return last if last is not None and last.partial else None


def weekly_trends(
    themes: Sequence[ThemeScore],
    title: str = "Weekly tickets",
    *,
    last_ticket: str | None = None,
) -> go.Figure:
    """Tickets per week, one line per theme, the x axis ending at the last week.

    With ``last_ticket`` (the run's ``RunScores.last_ticket``) a partial last week is drawn as
    a dashed segment to a hollow marker, shaded, and named in the legend and the hover.
    """
    fig = go.Figure()
    partial = _partial(themes, last_ticket)
    weeks: list[str] = []
    for i, theme in enumerate(themes):
        colour = cd.LINE_COLOURS[i % len(cd.LINE_COLOURS)]
        x = [week for week, _ in theme.weekly]
        y = [n for _, n in theme.weekly]
        weeks = max(weeks, x, key=len)
        cut = len(x) - 1 if partial is not None and x and x[-1] == partial.week else len(x)
        name = label(shorten(theme.name, NAME_CHARS))
        fig.add_trace(
            go.Scatter(
                x=x[:cut],
                y=y[:cut],
                mode="lines+markers",
                name=name,
                legendgroup=f"theme-{theme.theme_id}",
                line={"width": 2, "color": colour},
                cliponaxis=False,
                hovertemplate=f"{label(theme.name)}<br>week of %{{x}}: %{{y}}<extra></extra>",
            )
        )
        if partial is not None and cut < len(x):
            fig.add_trace(
                go.Scatter(
                    x=x[max(cut - 1, 0) :],
                    y=y[max(cut - 1, 0) :],
                    mode="lines+markers",
                    name=f"{name}: partial week",
                    legendgroup=f"theme-{theme.theme_id}",
                    showlegend=False,
                    line={"width": 2, "color": colour, "dash": "dash"},
                    marker={
                        "symbol": ["circle", "circle-open"][-len(x[max(cut - 1, 0) :]) :],
                        "size": 8,
                        "color": colour,
                    },
                    cliponaxis=False,
                    hovertemplate=(
                        f"{label(theme.name)}<br>week of %{{x}}: %{{y}}"
                        f"<br>partial week ({partial.covers})<extra></extra>"
                    ),
                )
            )
    if partial is not None:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines+markers",
                name=partial.legend,
                line={"color": "#5b6473", "dash": "dash"},
                marker={"symbol": "circle-open", "color": "#5b6473"},
                hoverinfo="skip",
            )
        )
        if len(weeks) > 1:
            fig.add_vrect(
                x0=pd.Timestamp(weeks[-1]) - HALF_WEEK,
                x1=weeks[-1],
                fillcolor=PARTIAL_BAND,
                line_width=0,
                layer="below",
            )
    if weeks:
        fig.update_xaxes(range=[weeks[0], weeks[-1]])
    fig.update_xaxes(title="week starting (Monday)")
    fig.update_yaxes(title="tickets", rangemode="tozero")
    return _layout(fig, title, 380)


def theme_weekly(theme: ThemeScore, *, last_ticket: str | None = None) -> go.Figure:
    """One theme's tickets per week, as bars coloured by its kind; with ``last_ticket`` a
    partial last week is lighter, hatched, labelled and says so on hover."""
    x = [week for week, _ in theme.weekly]
    partial = _partial([theme], last_ticket)
    is_partial = [partial is not None and w == partial.week for w in x]
    fig = go.Figure(
        go.Bar(
            x=x,
            y=[n for _, n in theme.weekly],
            marker={
                "color": KIND_COLOURS.get(theme.kind, KIND_COLOURS["other"]),
                "opacity": [PARTIAL_OPACITY if p else 1.0 for p in is_partial],
                "pattern": {"shape": [PARTIAL_HATCH if p else "" for p in is_partial]},
            },
            text=["partial" if p else "" for p in is_partial],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                f"<br>partial week ({partial.covers})" if p and partial else "" for p in is_partial
            ],
            hovertemplate="week of %{x}: %{y}%{customdata}<extra></extra>",
        )
    )
    if x:
        fig.update_xaxes(range=[pd.Timestamp(x[0]) - HALF_WEEK, pd.Timestamp(x[-1]) + HALF_WEEK])
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
