"""The HTML report's charts as inline SVG: drawn here, shown by any browser, nothing to run.

Each function returns one ``<svg>`` element as a string: no script, no external resource, a
``viewBox`` with ``width="100%"`` so it scales with the page, a few KB each. What the charts say
(the partial last week, which points are labelled, the ticks) comes from :mod:`voc.chartdata`, the
same as the dashboard's plotly charts. Every text from tickets or analysts (theme names) goes
through :func:`html.escape`, so a theme called ``<script>`` is drawn as those characters.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from voc import chartdata as cd
from voc.chartdata import Axis, Box, LastWeek
from voc.format import count, percent, shorten
from voc.schema import ThemeScore


class Margin(NamedTuple):
    """Room around a plot area, in SVG user units."""

    left: float
    right: float
    top: float
    bottom: float


# Sizes in SVG user units (pixels at 100% zoom), chosen for the report's 1,100 px column: the full
# width charts at 720 wide scale up to it; a theme's weekly chart fills half of it.
WIDE = 720
NARROW = 520
TITLE_SIZE = 15
SMALL_TITLE_SIZE = 13
TEXT_SIZE = 12  # legends, axis titles
TICK_SIZE = 11
LABEL_SIZE = 11  # point labels
MARKER_RADIUS = 6  # friction-vs-volume points
LINE_MARKER_RADIUS = 3  # weekly trend points
SWATCH = 18  # legend line swatch length
LEGEND_GAP = 16  # between legend entries
LEGEND_ROW = 20  # height of one legend row
TICK_GAP = 8  # minimum room between two week labels
BAR_FILL = 0.8  # share of a week's slot its bar fills
PARTIAL_OPACITY = 0.4  # the partial week's bar and band are drawn this much lighter
# Up to this many weeks a trend line marks every week with a dot; past it (half a year) the dots
# crowd the line and the file, so only the partial week keeps its (hollow) marker.
MARKER_WEEKS = 26
DASH = "4 3"  # the partial week's line segment: dashes long enough to read as a line
BAR_DASH = "3 2"  # the partial week's bar outline
# Room around each plot area: left for the y tick labels and the upright axis title, bottom for
# the x tick labels and the axis title, top for the title and the legend rows below it.
FRICTION_MARGIN = Margin(left=60, right=16, top=30, bottom=52)
TRENDS_MARGIN = Margin(left=52, right=24, top=30, bottom=46)
THEME_MARGIN = Margin(left=40, right=10, top=34, bottom=30)
FRICTION_PLOT_HEIGHT = 320  # the plot area under the legend, however many rows it takes
TRENDS_PLOT_HEIGHT = 240
THEME_HEIGHT = 220  # the whole theme chart: its legend shares the title's line
LEGEND_SPACE = 10  # between the title and the legend, and (+2) the legend and the plot
TITLE_BASELINE = 20  # the chart title's baseline from the top (16 for the smaller title)
SMALL_TITLE_BASELINE = 16
TICK_OFFSET = 16  # x tick labels' baseline below the plot area
TICK_LABEL_GAP = 6  # y tick labels end this far left of the plot area
AXIS_TITLE_INSET = 12  # the x axis title's baseline above the chart's bottom edge
Y_TITLE_X = 14  # the upright y axis title's centre line from the left edge
SWATCH_TEXT_GAP = 6  # between a legend swatch and its text
LABEL_BASELINE = 0.78  # a label's baseline, as a share of its box height from the top
INK = "#1d2330"
MUTED = "#5b6473"
GRID = "#e3e6ec"
BAND = "#f1f2f5"  # the partial week's background band


def _n(value: float) -> str:
    """A coordinate with at most one decimal: keeps the SVG small and stable."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _e(text: str) -> str:
    """Text from tickets or analysts, safe as SVG text and in attribute values."""
    return html.escape(text, quote=True)


def _svg(width: float, height: float, title: str, body: Iterable[str], **data: str) -> str:
    attrs = "".join(f' data-{k.replace("_", "-")}="{_e(v)}"' for k, v in data.items())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="100%" role="img" class="voc-chart"{attrs} font-family="{cd.FONT}" '
        f'font-size="{TEXT_SIZE}" fill="{INK}" style="display:block;height:auto">'
        f"<title>{_e(title)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, size: float = TEXT_SIZE, **attrs: str) -> str:
    # Keyword names become attribute names: text_anchor -> text-anchor, class_ -> class.
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{_e(v)}"' for k, v in attrs.items())
    return f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"{extra}>{_e(text)}</text>'


def _title(x: float, y: float, text: str, size: float = TITLE_SIZE) -> str:
    return _text(x, y, text, size, font_weight="600")


def _plot_rect(plot: Box) -> str:
    return (
        f'<rect class="plot" x="{_n(plot.x)}" y="{_n(plot.y)}" width="{_n(plot.w)}" '
        f'height="{_n(plot.h)}" fill="none" stroke="{GRID}"/>'
    )


def _y_axis(plot: Box, axis: Axis, title: str) -> list[str]:
    """Horizontal gridlines with tick labels on the left, and the axis title turned upright."""
    out = []
    for value, text in zip(axis.ticks, axis.tick_text, strict=True):
        y = plot.y + plot.h * (1 - axis.fraction(value))
        out.append(
            f'<line x1="{_n(plot.x)}" x2="{_n(plot.x + plot.w)}" y1="{_n(y)}" y2="{_n(y)}" '
            f'stroke="{GRID}"/>'
        )
        out.append(
            _text(
                plot.x - TICK_LABEL_GAP,
                y + TICK_SIZE / 3,
                text,
                TICK_SIZE,
                text_anchor="end",
                fill=MUTED,
                class_="y-tick",
            )
        )
    middle = plot.y + plot.h / 2
    out.append(
        f'<text x="{Y_TITLE_X}" y="{_n(middle)}" transform="rotate(-90 {Y_TITLE_X} {_n(middle)})" '
        f'text-anchor="middle" fill="{MUTED}">{_e(title)}</text>'
    )
    return out


def _legend(
    entries: Sequence[tuple[str, str]], left: float, top: float, right: float
) -> tuple[list[str], float]:
    """Legend entries (swatch markup drawn at the origin, text) in rows that wrap at ``right``;
    returns the markup and the y where the legend ends."""
    out = []
    x, y = left, top
    for swatch, text in entries:
        width = SWATCH + SWATCH_TEXT_GAP + cd.text_width(text, TEXT_SIZE)
        if x > left and x + width > right:
            x, y = left, y + LEGEND_ROW
        out.append(
            f'<g class="legend-entry" transform="translate({_n(x)} {_n(y)})">{swatch}'
            f"{_text(SWATCH + SWATCH_TEXT_GAP, TEXT_SIZE / 3, text, TEXT_SIZE)}</g>"
        )
        x += width + LEGEND_GAP
    return out, y + LEGEND_ROW / 2


def _dot(colour: str, hollow: bool = False, radius: float = MARKER_RADIUS - 1) -> str:
    fill = "#fff" if hollow else colour
    return (
        f'<circle cx="{_n(SWATCH / 2)}" cy="0" r="{_n(radius)}" fill="{fill}" stroke="{colour}"/>'
    )


def _dash(colour: str, dashed: bool = False, hollow: bool = False) -> str:
    dash = f' stroke-dasharray="{DASH}"' if dashed else ""
    marker = _dot(colour, hollow=True, radius=LINE_MARKER_RADIUS + 0.5) if hollow else ""
    return (
        f'<line x1="0" x2="{SWATCH}" y1="0" y2="0" stroke="{colour}" stroke-width="2"{dash}/>'
        + marker
    )


def _short_date(week: str) -> str:
    day = date.fromisoformat(week[:10])
    return f"{day.day} {day:%b}"


def _week_labels(
    weeks: Sequence[str], xs: Sequence[float], y: float, frame: Box, last: LastWeek | None
) -> list[str]:
    """Week labels under the x axis, from the last week backwards, skipping any that would touch
    the one after it; the last week's label says when it is partial."""
    out: list[str] = []
    taken: list[Box] = []
    for i in range(len(weeks) - 1, -1, -1):
        text = _short_date(weeks[i])
        partial = last is not None and last.partial and weeks[i] == last.week
        if partial:
            text += " (partial)"
        width = cd.text_width(text, TICK_SIZE)
        box = Box(xs[i] - width / 2, y - TICK_SIZE, width, TICK_SIZE)
        if box.x + box.w > frame.x + frame.w:
            box = Box(frame.x + frame.w - width, box.y, width, box.h)
        if box.x < frame.x:
            box = Box(frame.x, box.y, width, box.h)
        padded = Box(box.x - TICK_GAP / 2, box.y, box.w + TICK_GAP, box.h)
        if any(padded.overlaps(b) for b in taken):
            continue
        taken.append(padded)
        out.append(
            _text(
                box.x,
                y,
                text,
                TICK_SIZE,
                fill=MUTED,
                class_="week-label partial" if partial else "week-label",
                data_week=weeks[i],
            )
        )
    return out


# ------------------------------------------------------------------------------- friction-volume


def friction_volume(scores: Sequence[ThemeScore], top: int = cd.LABELLED_THEMES) -> str:
    """Friction score (0-100) against tickets, one point per theme coloured by its kind; the
    ``top`` themes by rank are named next to their point where a label fits without touching
    another, every point names itself in its hover tooltip."""
    m = FRICTION_MARGIN
    kinds = [k for k in cd.KIND_COLOURS if any(s.kind == k for s in scores)]
    legend, legend_end = _legend(
        [(_dot(cd.KIND_COLOURS[k]), k.replace("_", " ")) for k in kinds],
        0,
        m.top + LEGEND_SPACE,
        WIDE,
    )
    plot_top = legend_end + LEGEND_SPACE + 2
    height = plot_top + FRICTION_PLOT_HEIGHT + m.bottom
    plot = Box(m.left, plot_top, WIDE - m.left - m.right, FRICTION_PLOT_HEIGHT)
    xaxis = cd.count_axis([s.size for s in scores])
    yaxis = Axis(0.0, 100.0, (0.0, 25.0, 50.0, 75.0, 100.0))

    def where(s: ThemeScore) -> tuple[float, float]:
        return (
            plot.x + plot.w * xaxis.fraction(max(s.size, 1)),
            plot.y + plot.h * (1 - yaxis.fraction(s.friction)),
        )

    ranked = sorted(scores, key=lambda s: s.rank)
    named = cd.labelled(ranked, top)
    texts = [shorten(s.name, cd.LABEL_CHARS) if s.theme_id in named else None for s in ranked]
    points = [where(s) for s in ranked]
    placements = cd.place_labels(points, texts, plot, LABEL_SIZE, MARKER_RADIUS)

    body = [_title(0, TITLE_BASELINE, "Friction vs volume"), *legend, _plot_rect(plot)]
    body += _y_axis(plot, yaxis, "friction score")
    for value, text in zip(xaxis.ticks, xaxis.tick_text, strict=True):
        x = plot.x + plot.w * xaxis.fraction(value)
        body.append(
            f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(plot.y)}" y2="{_n(plot.y + plot.h)}" '
            f'stroke="{GRID}"/>'
        )
        body.append(
            _text(
                x,
                plot.y + plot.h + TICK_OFFSET,
                text,
                TICK_SIZE,
                text_anchor="middle",
                fill=MUTED,
                class_="x-tick",
            )
        )
    xtitle = "tickets (log scale)" if xaxis.log else "tickets"
    body.append(
        _text(
            plot.x + plot.w / 2, height - AXIS_TITLE_INSET, xtitle, text_anchor="middle", fill=MUTED
        )
    )
    # Points drawn lowest rank last, so the top theme is on top where two meet.
    for s, (x, y) in reversed(list(zip(ranked, points, strict=True))):
        tip = (
            f"{s.name}\nrank {s.rank} · friction {s.friction:.0f} · {count(s.size, 'ticket')}"
            f"\n{s.kind.replace('_', ' ')}, CSAT impact {percent(s.csat_impact, signed=True)}"
        )
        body.append(
            f'<g class="point" data-theme="{s.theme_id}"><title>{_e(tip)}</title>'
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{MARKER_RADIUS}" '
            f'fill="{cd.KIND_COLOURS.get(s.kind, cd.KIND_COLOURS["other"])}" stroke="#fff"/></g>'
        )
    for s, text, place in zip(ranked, texts, placements, strict=True):
        if place is None or text is None:
            continue
        b = place.box
        box = f"{_n(b.x)} {_n(b.y)} {_n(b.w)} {_n(b.h)}"
        # The text starts at the box's left edge, its baseline a descender above the bottom.
        body.append(
            f'<text class="point-label" data-theme="{s.theme_id}" data-box="{box}" '
            f'x="{_n(b.x)}" y="{_n(b.y + b.h * LABEL_BASELINE)}" font-size="{LABEL_SIZE}">'
            f"{_e(text)}</text>"
        )
    return _svg(WIDE, height, "Friction vs volume", body)


# ---------------------------------------------------------------------------------- weekly trends


def _week_xs(count: int, plot: Box) -> list[float]:
    """Weeks spread over the plot: the first on its left edge, the last on its right edge."""
    if count == 1:
        return [plot.x + plot.w / 2]
    return [plot.x + plot.w * i / (count - 1) for i in range(count)]


def _partial_index(weeks: Sequence[str], last: LastWeek | None) -> int | None:
    if last is None or not last.partial or not weeks or weeks[-1] != last.week:
        return None
    return len(weeks) - 1


def weekly_trends(
    scores: Sequence[ThemeScore], title: str = "Weekly tickets", partial: LastWeek | None = None
) -> str:
    """Tickets per week, one line per theme, the x axis ending at the last week; when
    ``partial`` says the last week is partial, its segment is dashed, its points hollow, and the
    legend says through which day."""
    m = TRENDS_MARGIN
    weeks = [w for w, _ in max((s.weekly for s in scores), key=len, default=[])]
    cut = _partial_index(weeks, partial)
    colours = [cd.LINE_COLOURS[i % len(cd.LINE_COLOURS)] for i in range(len(scores))]
    entries = [
        (_dash(c), shorten(s.name, cd.NAME_CHARS)) for s, c in zip(scores, colours, strict=True)
    ]
    if cut is not None and partial is not None:
        entries.append((_dash(MUTED, dashed=True, hollow=True), partial.legend))
    legend, legend_end = _legend(entries, 0, m.top + LEGEND_SPACE, WIDE)
    plot_top = legend_end + LEGEND_SPACE + 2
    height = plot_top + TRENDS_PLOT_HEIGHT + m.bottom
    plot = Box(m.left, plot_top, WIDE - m.left - m.right, TRENDS_PLOT_HEIGHT)
    top = max((n for s in scores for _, n in s.weekly), default=0)
    yaxis = cd.linear_axis(0.0, max(float(top), 1.0), pad=False, to_tick=True)
    xs = _week_xs(len(weeks), plot)

    body = [_title(0, TITLE_BASELINE, title), *legend]
    if cut is not None and partial is not None and len(xs) > 1:
        start = (xs[cut - 1] + xs[cut]) / 2
        body.append(
            f'<rect class="partial-band" x="{_n(start)}" y="{_n(plot.y)}" '
            f'width="{_n(plot.x + plot.w - start)}" height="{_n(plot.h)}" fill="{BAND}">'
            f"<title>{_e(partial.note)}</title></rect>"
        )
    body += [_plot_rect(plot), *_y_axis(plot, yaxis, "tickets")]
    body += _week_labels(weeks, xs, plot.y + plot.h + TICK_OFFSET, Box(0, 0, WIDE, height), partial)
    body.append(
        _text(
            plot.x + plot.w / 2,
            height - AXIS_TITLE_INSET,
            "week starting (Monday)",
            text_anchor="middle",
            fill=MUTED,
        )
    )
    lines = [dict(s.weekly) for s in scores]
    markers = len(weeks) <= MARKER_WEEKS
    for s, colour, counts in zip(scores, colours, lines, strict=True):
        ys = [plot.y + plot.h * (1 - yaxis.fraction(counts.get(w, 0))) for w in weeks]
        full = len(weeks) if cut is None else cut
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{_n(x)} {_n(y)}"
            for i, (x, y) in enumerate(zip(xs[:full], ys[:full], strict=True))
        )
        # The group's fill and stroke colour its markers; the paths set their own fill.
        group = [f'<g class="line" data-theme="{s.theme_id}" fill="{colour}" stroke="{colour}">']
        if path:
            group.append(f'<path d="{path}" fill="none" stroke-width="2"/>')
        if cut is not None and cut > 0:
            group.append(
                f'<path class="partial-segment" d="M{_n(xs[cut - 1])} {_n(ys[cut - 1])} '
                f'L{_n(xs[cut])} {_n(ys[cut])}" fill="none" stroke-width="2" '
                f'stroke-dasharray="{DASH}"/>'
            )
        for i, (week, x, y) in enumerate(zip(weeks, xs, ys, strict=True)):
            if i == cut:
                group.append(
                    f'<circle class="point partial" data-week="{week}" cx="{_n(x)}" '
                    f'cy="{_n(y)}" r="{LINE_MARKER_RADIUS + 0.5}" fill="#fff"/>'
                )
            elif markers:
                group.append(
                    f'<circle class="point" data-week="{week}" cx="{_n(x)}" cy="{_n(y)}" '
                    f'r="{LINE_MARKER_RADIUS}"/>'
                )
        group.append("</g>")
        body.append("".join(group))
    # One invisible strip per week carries the hover: every line's count that week, together.
    for i, (week, x) in enumerate(zip(weeks, xs, strict=True)):
        lo = plot.x if i == 0 else (xs[i - 1] + x) / 2
        hi = plot.x + plot.w if i == len(weeks) - 1 else (x + xs[i + 1]) / 2
        tip = f"week of {_short_date(week)}"
        if i == cut and partial is not None:
            tip += f" ({partial.note})"
        tip += "".join(
            f"\n{shorten(s.name, cd.NAME_CHARS)}: {counts.get(week, 0)}"
            for s, counts in zip(scores, lines, strict=True)
        )
        body.append(
            f'<rect class="week-tip" data-week="{week}" x="{_n(lo)}" y="{_n(plot.y)}" '
            f'width="{_n(hi - lo)}" height="{_n(plot.h)}" fill="transparent">'
            f"<title>{_e(tip)}</title></rect>"
        )
    data = {"last_week": weeks[-1]} if weeks else {}
    if cut is not None and partial is not None:
        data["partial_days"] = str(partial.days)
    return _svg(WIDE, height, title, body, **data)


# ----------------------------------------------------------------------------- one theme's weeks


def theme_weekly(score: ThemeScore, partial: LastWeek | None = None) -> str:
    """One theme's tickets per week as bars in its kind's colour; a partial last week (see
    ``partial``) is drawn lighter with a dashed outline and named under the axis."""
    m = THEME_MARGIN
    height = THEME_HEIGHT
    weeks = [w for w, _ in score.weekly]
    counts = [n for _, n in score.weekly]
    cut = _partial_index(weeks, partial)
    colour = cd.KIND_COLOURS.get(score.kind, cd.KIND_COLOURS["other"])
    plot = Box(m.left, m.top, NARROW - m.left - m.right, height - m.top - m.bottom)
    yaxis = cd.linear_axis(0.0, max(float(max(counts, default=0)), 1.0), pad=False, to_tick=True)
    slot = plot.w / max(len(weeks), 1)
    xs = [plot.x + slot * (i + 0.5) for i in range(len(weeks))]

    body = [_title(0, SMALL_TITLE_BASELINE, "Tickets per week", SMALL_TITLE_SIZE)]
    if cut is not None and partial is not None:
        swatch = (
            f'<rect x="0" y="-5" width="{SWATCH}" height="10" fill="{colour}" '
            f'fill-opacity="{PARTIAL_OPACITY}" stroke="{colour}" stroke-dasharray="{BAR_DASH}"/>'
        )
        text = partial.legend
        x = NARROW - SWATCH - SWATCH_TEXT_GAP - cd.text_width(text, TEXT_SIZE)
        y = SMALL_TITLE_BASELINE - TEXT_SIZE / 3
        body.append(
            f'<g class="legend-entry" transform="translate({_n(x)} {_n(y)})">{swatch}'
            f"{_text(SWATCH + SWATCH_TEXT_GAP, TEXT_SIZE / 3, text)}</g>"
        )
    body += [_plot_rect(plot), *_y_axis(plot, yaxis, "tickets")]
    body += _week_labels(
        weeks, xs, plot.y + plot.h + TICK_OFFSET, Box(0, 0, NARROW, height), partial
    )
    for i, (week, n, x) in enumerate(zip(weeks, counts, xs, strict=True)):
        top = plot.y + plot.h * (1 - yaxis.fraction(n))
        tip = f"week of {_short_date(week)}: {count(n, 'ticket')}"
        style = f'fill="{colour}"'
        cls = "bar"
        if i == cut and partial is not None:
            tip += f" ({partial.note})"
            style += (
                f' fill-opacity="{PARTIAL_OPACITY}" stroke="{colour}" stroke-dasharray="{BAR_DASH}"'
            )
            cls = "bar partial"
        width = slot * BAR_FILL
        body.append(
            f'<rect class="{cls}" data-week="{week}" x="{_n(x - width / 2)}" y="{_n(top)}" '
            f'width="{_n(width)}" height="{_n(plot.y + plot.h - top)}" {style}>'
            f"<title>{_e(tip)}</title></rect>"
        )
    data = {"last_week": weeks[-1]} if weeks else {}
    if cut is not None and partial is not None:
        data["partial_days"] = str(partial.days)
    return _svg(NARROW, height, f"Tickets per week: {score.name}", body, **data)
