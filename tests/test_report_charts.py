"""Charts that tell the truth: the partial last week, labels that fit, readable ticks, no script.

Scores are built directly (no model, no workspace), so these run in well under a second.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import combinations

import pytest

from voc import chartdata, charts
from voc.chartdata import Box
from voc.report import svg
from voc.schema import ThemeScore

SVG = "{http://www.w3.org/2000/svg}"
WEEKS = ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28"]  # Mondays
WEDNESDAY = "2026-09-30T15:00:00+00:00"  # the export ends on the last week's Wednesday
SUNDAY_LATE = "2026-10-04T23:00:00+00:00"  # ... or late on its Sunday
SCRIPT = "<script>alert(1)</script>"
READABLE_MANTISSAS = {1, 3}  # the only leading digits a log axis may show: 1, 3, 10, 30 ...


def score(
    theme_id: int,
    size: int = 100,
    friction: float = 50.0,
    name: str | None = None,
    kind: str = "defect",
    counts: Sequence[int] = (10, 12, 14, 2),
) -> ThemeScore:
    """A theme's scores with only what the charts read filled in."""
    return ThemeScore(
        theme_id=theme_id,
        name=name or f"theme {theme_id}",
        kind=kind,
        kind_confidence=1.0,
        size=size,
        share=size / 1000,
        weekly=list(zip(WEEKS, counts, strict=True)),
        recent=None,
        previous=None,
        growth=None,
        emerging=False,
        emerging_note="",
        negative_share=None,
        csat_mean=None,
        csat_count=0,
        csat_impact=None,
        effort={},
        organizations=None,
        requesters=None,
        top_organizations=[],
        components={},
        evidence=1.0,
        friction=friction,
        rank=theme_id + 1,
    )


def parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def view_box(root: ET.Element) -> Box:
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    return Box(x, y, w, h)


def rect_box(element: ET.Element) -> Box:
    return Box(*(float(element.get(k, "0")) for k in ("x", "y", "width", "height")))


# ------------------------------------------------------------------------------- partial weeks


def test_an_export_ending_on_a_wednesday_leaves_a_three_day_last_week() -> None:
    last = chartdata.last_week(WEEKS, WEDNESDAY)
    assert last is not None and last.week == "2026-09-28"
    assert last.partial and last.days == 3
    assert last.note == "partial: Mon 28 - Wed 30 Sep"
    assert last.legend == "last week partial (through 30 Sep)"
    monday = chartdata.last_week(WEEKS, "2026-09-28T23:46:17+00:00")
    assert monday is not None and monday.days == 1 and monday.note == "partial: Mon 28 Sep only"


def test_an_export_ending_late_on_sunday_has_a_full_last_week() -> None:
    # 00:30 on Monday at UTC+2 is still Sunday in UTC; a time without an offset is UTC.
    for end in (SUNDAY_LATE, "2026-10-05T00:30:00+02:00", "2026-10-04T23:00:00", None):
        last = chartdata.last_week(WEEKS, end)
        assert last is not None and not last.partial and last.days == 7, end
    # 22:00 on Sunday at UTC-3 is Monday 01:00 in UTC: it counts from that Monday, not here.
    late = chartdata.last_week(WEEKS, "2026-09-29T22:00:00-03:00")
    assert late is not None and late.days == 3
    assert chartdata.last_week([], WEDNESDAY) is None


# ------------------------------------------------------------------------------------------- SVG


def _trends(end: str) -> ET.Element:
    themes = [score(0), score(1, counts=(3, 5, 8, 1)), score(2, counts=(0, 0, 20, 6))]
    return parse(svg.weekly_trends(themes, "t", partial=chartdata.run_last_week(themes, end)))


def test_weekly_trends_svg_marks_the_partial_week_and_ends_at_it() -> None:
    root = _trends(WEDNESDAY)
    assert root.get("data-partial-days") == "3" and root.get("data-last-week") == WEEKS[-1]
    assert len(root.findall(f".//{SVG}path[@class='partial-segment']")) == 3  # one per line
    plot = rect_box(root.find(f".//{SVG}rect[@class='plot']"))  # type: ignore[arg-type]
    points = root.findall(f".//{SVG}circle")
    hollow = [c for c in points if c.get("class") == "point partial"]
    assert {c.get("data-week") for c in hollow} == {WEEKS[-1]} and len(hollow) == 3
    assert all(c.get("fill") == "#fff" for c in hollow)
    right = plot.x + plot.w
    assert max(float(c.get("cx", "0")) for c in points) == pytest.approx(right, abs=0.1)
    assert all(float(c.get("cx", "0")) == pytest.approx(right, abs=0.1) for c in hollow)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "last week partial (through 30 Sep)" in texts
    assert "28 Sep (partial)" in texts  # the axis names the week it ends at

    full = _trends(SUNDAY_LATE)
    assert full.get("data-partial-days") is None
    assert not full.findall(f".//{SVG}path[@class='partial-segment']")
    assert not [t for t in full.iter(f"{SVG}text") if "partial" in "".join(t.itertext())]


def test_theme_weekly_svg_draws_the_partial_week_lighter_and_says_so() -> None:
    theme = score(0)
    root = parse(svg.theme_weekly(theme, chartdata.run_last_week([theme], WEDNESDAY)))
    bars = root.findall(f".//{SVG}rect")
    partial = [b for b in bars if b.get("class") == "bar partial"]
    assert [b.get("data-week") for b in partial] == [WEEKS[-1]]
    assert float(partial[0].get("fill-opacity", "1")) < 1 and partial[0].get("stroke-dasharray")
    assert "partial: Mon 28 - Wed 30 Sep" in "".join(partial[0].itertext())
    assert len([b for b in bars if b.get("class") == "bar"]) == 3
    plain = parse(svg.theme_weekly(theme, chartdata.run_last_week([theme], SUNDAY_LATE)))
    assert not [b for b in plain.iter(f"{SVG}rect") if b.get("class") == "bar partial"]


def test_svg_charts_run_nothing_and_show_names_as_text() -> None:
    themes = [score(0, name=SCRIPT), score(1, size=30), score(2, size=900)]
    last = chartdata.run_last_week(themes, WEDNESDAY)
    drawn = [
        svg.friction_volume(themes),
        svg.weekly_trends(themes, SCRIPT, partial=last),
        svg.theme_weekly(themes[0], last),
    ]
    for text in drawn:
        assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert len(text) < 30_000
        root = parse(text)  # well-formed XML
        assert root.get("width") == "100%" and root.get("viewBox")
        tags = {e.tag.removeprefix(SVG) for e in root.iter()}
        assert not tags & {"script", "foreignObject", "image", "use", "a"}
        assert not [k for e in root.iter() for k in e.attrib if k.startswith("on") or "href" in k]
        names = ["".join(e.itertext()) for e in root.iter() if SCRIPT in "".join(e.itertext())]
        assert names  # the name is there, as text


def _crowded() -> list[ThemeScore]:
    """Thirty themes with long names bunched in one corner, so most labels cannot fit."""
    return [
        score(
            i,
            size=100 + 7 * i,
            friction=60 + (i % 5) * 2.0,
            name=f"A long theme name about the billing page, number {i}",
            kind=list(chartdata.KIND_COLOURS)[i % 5],
        )
        for i in range(30)
    ] + [score(30, size=5000, friction=99.0, name="right edge"), score(31, size=3, friction=1.0)]


def _staircase() -> list[ThemeScore]:
    """Ten themes a label's height apart on a diagonal: every label fits beside its own point,
    but right-hand labels run into the next ones."""
    return [
        score(i, size=200 + 10 * i, friction=80 - 3 * i, name=f"Theme with a longish name {i}")
        for i in range(10)
    ]


@pytest.mark.parametrize("themes", [_crowded(), _staircase()], ids=["crowded", "staircase"])
def test_friction_labels_never_overlap_and_stay_inside_the_chart(
    themes: list[ThemeScore],
) -> None:
    root = parse(svg.friction_volume(themes))
    frame = view_box(root)
    plot = rect_box(root.find(f".//{SVG}rect[@class='plot']"))  # type: ignore[arg-type]
    labels = [e for e in root.iter(f"{SVG}text") if e.get("class") == "point-label"]
    boxes = [Box(*(float(v) for v in e.get("data-box", "").split())) for e in labels]
    assert 1 <= len(labels) <= chartdata.LABELLED_THEMES
    top = {t.theme_id for t in themes if t.rank <= chartdata.LABELLED_THEMES}
    assert {int(e.get("data-theme", "-1")) for e in labels} <= top
    for element, box in zip(labels, boxes, strict=True):
        assert box.inside(frame) and box.inside(plot)
        text = "".join(element.itertext())
        assert box.w >= chartdata.text_width(text, float(element.get("font-size", "0"))) - 0.1
        assert float(element.get("x", "0")) == pytest.approx(box.x, abs=0.1)
        assert box.y <= float(element.get("y", "0")) <= box.y + box.h
    assert not [(a, b) for a, b in combinations(boxes, 2) if a.overlaps(b)]
    markers = [
        Box(float(c.get("cx", "0")) - 6, float(c.get("cy", "0")) - 6, 12, 12)
        for c in root.iter(f"{SVG}circle")
        if c.get("cx")
    ]
    # A label may touch its own point's marker only: no label covers two.
    assert all(sum(b.overlaps(m) for m in markers) <= 1 for b in boxes)
    tips = [e for e in root.iter(f"{SVG}g") if e.get("class") == "point"]
    assert len(tips) == len(themes)
    tip = next(e for e in tips if e.get("data-theme") == "1")
    assert f"rank 2 · friction {themes[1].friction:.0f} · " in "".join(tip.itertext())


def test_crowded_labels_are_dropped_rather_than_overlap() -> None:
    root = parse(svg.friction_volume(_crowded()))
    labels = [e for e in root.iter(f"{SVG}text") if e.get("class") == "point-label"]
    assert 1 <= len(labels) < chartdata.LABELLED_THEMES


def _mantissa(value: float) -> int:
    return round(value / 10 ** math.floor(math.log10(value) + 1e-9))


@pytest.mark.parametrize(
    ("sizes", "powers_only"),
    [([3, 12, 150, 2400], False), ([2, 40, 900, 60_000], True), ([15, 60, 170], False)],
)
def test_log_ticks_read_like_10_30_100(sizes: list[int], powers_only: bool) -> None:
    axis = chartdata.count_axis(sizes)
    assert axis.log and len(axis.ticks) >= 2
    assert {_mantissa(t) for t in axis.ticks} <= ({1} if powers_only else READABLE_MANTISSAS)
    assert axis.lo <= min(sizes) and axis.hi >= max(sizes)
    # The axis ends with the data: the end points sit within 5% of its ends.
    assert axis.fraction(min(sizes)) <= 0.05 and axis.fraction(max(sizes)) >= 0.95
    root = parse(svg.friction_volume([score(i, size=n) for i, n in enumerate(sizes)]))
    ticks = ["".join(e.itertext()) for e in root.iter(f"{SVG}text") if e.get("class") == "x-tick"]
    assert ticks == list(axis.tick_text)
    assert all(str(d) not in {t[0] for t in ticks} for d in (2, 4, 5, 6, 7, 8, 9))


def test_a_narrow_count_range_gets_a_linear_axis_with_round_ticks() -> None:
    axis = chartdata.count_axis([53, 120, 400])
    assert not axis.log and axis.ticks == (100.0, 200.0, 300.0, 400.0)
    assert axis.fraction(53) <= 0.05 and axis.fraction(400) >= 0.95


# ---------------------------------------------------------------------------------------- plotly


def test_plotly_weekly_trends_mark_the_partial_week() -> None:
    themes = [score(0), score(1, counts=(3, 5, 8, 1))]
    fig = charts.weekly_trends(themes, "t", last_ticket=WEDNESDAY)
    dashed = [t for t in fig.data if t.line.dash == "dash" and t.x[0] is not None]
    assert len(dashed) == 2 and all(list(t.x) == WEEKS[-2:] for t in dashed)
    assert all(list(t.marker.symbol) == ["circle", "circle-open"] for t in dashed)
    assert all("partial week" in t.hovertemplate for t in dashed)
    assert "last week partial (through 30 Sep)" in [t.name for t in fig.data]
    solid = [t for t in fig.data if t.line.dash is None]
    assert all(list(t.x) == WEEKS[:-1] for t in solid)
    assert list(fig.layout.xaxis.range) == [WEEKS[0], WEEKS[-1]]  # the axis ends at the data
    assert fig.layout.legend.x > 1  # beside the plot: never over the x axis title
    plain = charts.weekly_trends(themes, "t", last_ticket=SUNDAY_LATE)
    assert not [t for t in plain.data if t.line.dash == "dash"]
    assert charts.weekly_trends(themes, "t").data[0].x == tuple(WEEKS)  # unknown end: full


def test_plotly_theme_weekly_marks_the_partial_week() -> None:
    fig = charts.theme_weekly(score(0), last_ticket=WEDNESDAY)
    bar = fig.data[0]
    assert list(bar.marker.opacity)[:-1] == [1.0, 1.0, 1.0] and bar.marker.opacity[-1] < 1
    assert list(bar.marker.pattern.shape) == ["", "", "", "/"]
    assert list(bar.text) == ["", "", "", "partial"]
    assert "partial week" in bar.customdata[-1] and not bar.customdata[0]
    assert list(charts.theme_weekly(score(0)).data[0].text) == ["", "", "", ""]


def test_plotly_friction_volume_labels_the_top_themes_with_readable_ticks() -> None:
    themes = _crowded()
    fig = charts.friction_volume(themes)
    labelled = [text for t in fig.data for text in t.text if text]
    assert 1 <= len(labelled) <= chartdata.LABELLED_THEMES
    assert all(t.cliponaxis is False for t in fig.data)
    axis = fig.layout.xaxis
    assert axis.type == "log" and {_mantissa(v) for v in axis.tickvals} <= READABLE_MANTISSAS
    assert 10 ** axis.range[1] < 5000 * 1.5  # ends with the data
    assert fig.layout.legend.x > 1


def test_the_html_report_draws_svg_and_inlines_no_script(tmp_path) -> None:
    from tests.synthetic import write_synthetic_run
    from voc.report import build_report, render_report

    report = build_report(write_synthetic_run(tmp_path / "ws"), top=3)
    page = render_report(report, "html").decode("utf-8")
    assert "<script" not in page and "Plotly" not in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 2 + len(report.detailed)
    last = chartdata.run_last_week([t.score for t in report.themes], report.scores.last_ticket)
    assert last is not None and last.partial  # the synthetic export ends on a Monday
    assert f'data-partial-days="{last.days}"' in page and "28 Sep (partial)" in page
    assert len(page) < 300_000
