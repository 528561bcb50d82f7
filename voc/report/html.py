"""The friction report as one self-contained HTML file: no network is needed to view it.

The page is a Jinja2 template with autoescaping on, so every ticket quote, theme name and
organization is HTML-escaped. The charts are inline SVG drawn by :mod:`voc.report.svg` (which
escapes its own text): the page holds no script at all, and opens at once.
"""

from __future__ import annotations

from functools import cache

import jinja2

from voc import chartdata
from voc import format as fmt
from voc.report import svg
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
    env.filters |= {
        "percent": fmt.percent,
        "points": fmt.points,
        "growth": lambda s: fmt.growth_text(s.growth, s.previous, s.recent),  # of a ThemeScore
        "kind": fmt.kind_text,
        "number": fmt.number,
        "count": fmt.count,
        "effort": fmt.effort_value,
        "field": fmt.field_name,
        "score": fmt.score,
        "ratio": fmt.ratio,
    }
    return env.get_template("report.html.j2")


def charts_html(report: Report) -> dict[str, object]:
    """The report's charts as inline SVG: ``friction``, ``trends`` ("" without dates) and
    ``themes`` (theme id -> its weekly chart, for the detailed and emerging themes)."""
    scores = [t.score for t in report.themes]
    last = chartdata.run_last_week(scores, report.scores.last_ticket)
    return {
        "friction": svg.friction_volume(scores),
        "trends": svg.weekly_trends(
            scores[:TREND_THEMES], "Weekly tickets of the top themes", partial=last
        )
        if any(s.weekly for s in scores)
        else "",
        "themes": {
            t.score.theme_id: svg.theme_weekly(t.score, partial=last)
            for t in report.detailed + report.emerging
            if t.score.weekly
        },
    }


def to_html(report: Report) -> str:
    """Render the report page."""
    return _template().render(
        report=report,
        charts=charts_html(report),
        components=COMPONENTS,
        kind_colours=chartdata.KIND_COLOURS,
    )
