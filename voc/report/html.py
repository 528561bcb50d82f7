"""The friction report as one self-contained HTML file: no network is needed to view it.

The page is a Jinja2 template with autoescaping on, so every ticket quote, theme name and
organization is HTML-escaped; plotly.js is inlined once and each chart's data is JSON that plotly
writes with ``<``, ``>`` and ``/`` escaped, so no text can close a script element.
"""

from __future__ import annotations

from functools import cache

import jinja2
import plotly.io as pio
from plotly.offline import get_plotlyjs

from voc import charts
from voc.format import growth_text, kind_text, percent
from voc.report.model import Report
from voc.score import COMPONENTS

TREND_THEMES = 5  # lines in the weekly trend chart of the top themes


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("voc.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters |= {"percent": percent, "growth": growth_text, "kind": kind_text}
    return env.get_template("report.html.j2")


def _chart(fig: object, div_id: str) -> str:
    # Fixed div ids keep the file reproducible; plotly.js is inlined once in the page head.
    return pio.to_html(
        fig, full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False}
    )


def to_html(report: Report) -> str:
    """Render the report page."""
    scores = [t.score for t in report.themes]
    charts_html = {
        "friction": _chart(charts.friction_volume(scores), "chart-friction-volume"),
        "trends": _chart(
            charts.weekly_trends(scores[:TREND_THEMES], "Weekly tickets of the top themes"),
            "chart-trends",
        )
        if any(s.weekly for s in scores)
        else "",
        "themes": {
            t.score.theme_id: _chart(
                charts.theme_weekly(t.score), f"chart-theme-{t.score.theme_id}"
            )
            for t in report.detailed + report.emerging
            if t.score.weekly
        },
    }
    return _template().render(
        report=report,
        charts=charts_html,
        components=COMPONENTS,
        kind_colours=charts.KIND_COLOURS,
        plotlyjs=get_plotlyjs(),
    )
