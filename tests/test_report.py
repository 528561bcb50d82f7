"""Reports in every format: the sections they promise, and no script or formula gets through."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from tests.synthetic import FORMULA_ORG, FORMULA_QUOTES, IMG_QUOTE, SCRIPT_NAME, write_synthetic_run
from voc.errors import ConfigError
from voc.report import FORMATS, build_report, format_for_path, render_report, write_report
from voc.report.markdown import escape
from voc.report.tables import FORMULA_STARTS, neutralise


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    return build_report(write_synthetic_run(tmp_path_factory.mktemp("hostile")), top=3)


def test_html_has_every_section_and_escapes_ticket_text(hostile) -> None:
    page = render_report(hostile, "html").decode("utf-8")
    for section in ("summary", "ranking", "charts", "emerging", "top-themes", "methods"):
        assert f'<section id="{section}">' in page
    assert page.count('class="js-plotly-plot"') == 0  # plotly adds it in the browser
    assert 'data-chart="friction-volume"' in page and 'data-chart="trends"' in page
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt; login loop" in page
    assert "&lt;img src=x onerror=alert(1)&gt; the login page loops" in page
    assert "<script src=" not in page and "<link" not in page  # self-contained


def test_markdown_shows_payloads_as_text(hostile) -> None:
    text = render_report(hostile, "md").decode("utf-8")
    for heading in ("## Summary", "themes, ranked by friction", "## Emerging themes", "## Methods"):
        assert heading in text
    # Rendered as GitHub does (CommonMark with raw HTML allowed), no payload becomes markup.
    page = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; the login page loops" in page
    assert escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert escape("a | b") == "a \\| b"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Moss & Lane", "Moss &amp; Lane"),  # one escape, by the renderer: never "&amp;amp;"
        ("Tom &amp; Jerry", "Tom &amp;amp; Jerry"),  # an entity in a ticket stays as typed
        ("<b>bold</b> *star* _under_", "&lt;b&gt;bold&lt;/b&gt; *star* _under_"),
        ("- not a list", "- not a list"),
        ("# not a heading", "# not a heading"),
    ],
)
def test_markdown_escapes_once(text: str, shown: str) -> None:
    assert MarkdownIt("commonmark").render(escape(text)).strip() == f"<p>{shown}</p>"
    assert "&amp;" not in escape("Moss & Lane")  # the raw Markdown reads as written too


def _formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def test_csv_cells_cannot_run_as_formulas(hostile) -> None:
    data = render_report(hostile, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [r["rank"] for r in rows] == ["1", "2", "3"]  # Unthemed is not ranked
    assert rows[0]["theme"] == SCRIPT_NAME
    assert rows[0]["top_organizations"].startswith("'" + FORMULA_ORG)
    cells = [value for row in rows for value in row.values()]
    assert not [v for v in cells if _formula_like(v) and not _is_number(v)]
    assert neutralise(FORMULA_QUOTES[0]) == "'" + FORMULA_QUOTES[0]


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def test_xlsx_has_no_formula_cells(hostile, tmp_path: Path) -> None:
    path = write_report(hostile, "xlsx", tmp_path / "r.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Themes", "Weekly", "Quotes"]
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if _formula_like(c.value)]
    quotes = [row[3] for row in book["Quotes"].iter_rows(min_row=2, values_only=True)]
    assert "'" + FORMULA_QUOTES[0] in quotes and "'=1+1" in quotes  # the tab is trimmed
    orgs = [row for row in book["Themes"].iter_rows(min_row=2, values_only=True)][0]
    assert any(isinstance(v, str) and "HYPERLINK" in v for v in orgs)


def test_json_keeps_everything_as_data(hostile) -> None:
    data = json.loads(render_report(hostile, "json"))
    assert set(data) >= {"run_id", "summary", "themes", "emerging", "methods", "rows"}
    top = data["themes"][0]
    assert top["name"] == SCRIPT_NAME and top["quotes"][0]["text"] == IMG_QUOTE
    assert set(top["components"]) == {
        "volume",
        "kind",
        "sentiment",
        "csat",
        "effort",
        "trend",
        "reach",
    }
    assert data["emerging"] == [top["theme_id"]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_a_run_without_dates(tmp_path: Path, fmt: str) -> None:
    report = build_report(write_synthetic_run(tmp_path / "ws", hostile=False, with_dates=False))
    data = render_report(report, fmt)
    assert len(data) > 500
    if fmt in ("html", "md"):
        assert "login loop" in data.decode("utf-8")


def test_format_from_the_file_name() -> None:
    assert format_for_path("out/Report.HTML") == "html" and format_for_path("a.md") == "md"
    with pytest.raises(ConfigError, match="--format"):
        format_for_path("report.txt")
    with pytest.raises(ConfigError, match="unknown report format"):
        render_report(None, "pdf")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two synthetic runs, the second traced against the first: its praise theme is gone and
    half of its how-to tickets too (no pipeline run: both are written straight to the store)."""
    from voc import schema

    root = tmp_path_factory.mktemp("two_runs")
    write_synthetic_run(root, hostile=True, trace_earlier=True)

    def keep(tickets):
        ids = tickets[schema.TICKET_ID].astype(int)
        theme = tickets[schema.THEME_ID]
        return (theme != 2) & ~((theme == 1) & (ids % 2 == 0))

    write_synthetic_run(root, hostile=True, trace_earlier=True, keep=keep)
    return root


def test_the_report_says_what_changed_since_the_last_run(two_runs: Path) -> None:
    from voc.curation.actions import Curator
    from voc.curation.replay import load_curated
    from voc.store import Workspace

    first, second = Workspace(two_runs).run_ids()
    Curator(two_runs).rename("ana", 0, "Sign-in loop")
    report = build_report(load_curated(two_runs))
    since = report.since_last_run
    assert since is not None and since.earlier_run_id == first and since.run_id == second
    expected = Workspace(two_runs).changes()  # what voc diff says, row for row
    assert (
        [(r.change, r.theme_id) for r in since.rows]
        == [(g, c.theme_id) for g in ("gone", "grown") for c in getattr(expected, g)]
        == [("gone", 2), ("grown", 0)]
    )
    gone, grown = since.rows
    assert (gone.tickets_before, gone.tickets_after) == (40, None)
    assert grown.name == "Sign-in loop"  # the analysts' name, not the one clustered
    assert since.counts["gone"] == 1 and since.unchanged == expected.unchanged
    assert since.headline.startswith(
        f"Since run {first} (207 tickets; this run 127): 0 new, 1 gone"
    )

    text = render_report(report, "md").decode("utf-8")
    section = text[text.index("## Since the last run") : text.index("themes, ranked by friction")]
    assert escape(since.headline) in section
    assert "| gone | thanks support (#2) |  | 40 | n/a | 19.3% | n/a |" in section
    assert "| grown | Sign-in loop (#0) | #0 | 80 | 80 | 38.6% | 63% |" in section
    assert (
        "Since the previous run (207 tickets), 1 theme is gone (thanks support) and 1 theme grew "
        "(Sign-in loop, 38.6% to 63% of tickets);"
    ) in report.summary[2]
    page = render_report(report, "html").decode("utf-8")
    html = page[page.index('<section id="since-last-run">') : page.index('<section id="ranking">')]
    assert "<td>gone</td><td>thanks support (#2)</td>" in html
    assert "<td>grown</td><td>Sign-in loop (#0)</td><td>#0</td>" in html
    data = json.loads(render_report(report, "json"))
    assert [r["change"] for r in data["since_last_run"]["rows"]] == ["gone", "grown"]


def test_a_first_run_has_no_since_the_last_run_section(hostile) -> None:
    assert hostile.since_last_run is None
    assert "Since the last run" not in render_report(hostile, "md").decode("utf-8")
    assert 'id="since-last-run"' not in render_report(hostile, "html").decode("utf-8")
