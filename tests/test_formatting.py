"""One way to write a number (issue 19): each case of one table, read on every surface.

:data:`CASES` is the table: a kind of value, its raw value, the text people must read, and how the
old surfaces wrote it (a pattern that must match nowhere). It is checked against ``voc.format``,
then run through the CLI (the ``voc themes --wide`` theme table, ``voc inspect``'s text) and the
dashboard (the view-model functions of ``dashboards.views`` and the Overview and Theme pages under
Streamlit's AppTest) on a copy of the shared sample run with the cases written into its scores.

CASES, :func:`apply_case` and :func:`write_case_run` are module-level so that the report's tests
(HTML and Markdown) import and reuse them: keep them importable and free of fixtures.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from voc import cli, schema
from voc.format import count, effort_value, growth_text, percent, points
from voc.inspect import InspectReport
from voc.schema import EffortSignal, ThemeScore

NONE_SHOWN = r"\bNone\b|\bnan\b|\bNaN\b|<NA>"


@dataclass(frozen=True)
class Case:
    """A value as people must read it; ``bad`` is how a surface wrote it before (a regex)."""

    kind: str  # a key of WRITERS
    raw: Any
    expected: str
    bad: str

    @property
    def missing(self) -> bool:
        return self.raw is None or (isinstance(self.raw, tuple) and self.raw[0] is None)

    def __str__(self) -> str:  # pytest ids
        return f"{self.kind}={self.raw!r}"


# The one table of cases. Reused by the report's tests (HTML/Markdown): import it, don't copy it.
CASES: list[Case] = [
    Case("share", 0.4483, "44.8%", r"44\.83"),
    Case("CSAT", 0.36, "36%", r"(?<![\d.])0\.36(?!\d)"),
    Case("CSAT impact", -0.0004, "0 pts", r"-0(\.0+)?(?![\d.])"),
    Case("growth", (108.0, 1, 109), "new", r"10,?800"),  # (growth, previous, recent)
    Case("resolution time", 8036.99, "5.6 days", r"8,?036\.99|8,?037(?!\d)"),
    Case("tickets", 1, "1 ticket", r"\b1 tickets\b"),
    Case("CSAT", None, "n/a", NONE_SHOWN),
    Case("CSAT impact", None, "n/a", NONE_SHOWN),
    Case("growth", (None, 0, 1), "n/a", NONE_SHOWN),
]

# How voc.format writes each kind (the one place numbers are written).
WRITERS: dict[str, Callable[[Any], str]] = {
    "share": percent,
    "CSAT": percent,
    "CSAT impact": points,
    "growth": lambda raw: growth_text(*raw),
    "resolution time": lambda minutes: effort_value(schema.RESOLUTION_MINUTES, minutes),
    "tickets": lambda n: count(n, "ticket"),
}
# Kinds held by a theme's scores; the others ("tickets") are counts in sentences.
SCORED = {"share", "CSAT", "CSAT impact", "growth", "resolution time"}
COUNTS = [c for c in CASES if c.kind not in SCORED]


def apply_case(score: ThemeScore, case: Case) -> ThemeScore:
    """``score`` with the case's raw value in the field its kind is read from."""
    if case.kind == "share":
        return replace(score, share=case.raw)
    if case.kind == "CSAT":
        return replace(score, csat_mean=case.raw)
    if case.kind == "CSAT impact":
        return replace(score, csat_impact=case.raw)
    if case.kind == "growth":
        growth, previous, recent = case.raw
        return replace(score, growth=growth, previous=previous, recent=recent)
    if case.kind == "resolution time":
        signal = score.effort.get(schema.RESOLUTION_MINUTES) or EffortSignal(0.0, 0.0, 0, 1.0)
        effort = {**score.effort, schema.RESOLUTION_MINUTES: replace(signal, theme_mean=case.raw)}
        return replace(score, effort=effort)
    raise ValueError(f"{case.kind} is not held by a theme's scores")


def case_themes(scores: list[dict[str, Any]]) -> tuple[int, int]:
    """The themes the cases are written into: the top-ranked one gets every value, the next one
    every missing value (so the Theme page opens on the values)."""
    ranked = sorted(
        (s for s in scores if s["theme_id"] != schema.UNTHEMED_ID), key=lambda s: s["rank"]
    )
    return ranked[0]["theme_id"], ranked[1]["theme_id"]


def write_case_run(workspace: Path) -> tuple[int, int]:
    """Write every scored case into the newest run of ``workspace`` (a copy: it is changed in
    place); returns (theme with the values, theme with the missing values)."""
    run = sorted((workspace / "runs").iterdir())[-1]
    data = json.loads((run / "scores.json").read_text(encoding="utf-8"))
    valued, missing = case_themes(data["themes"])
    themes = []
    for raw in data["themes"]:
        score = ThemeScore.from_dict(raw)
        if score.theme_id in (valued, missing):
            for case in CASES:
                if case.kind in SCORED and case.missing == (score.theme_id == missing):
                    score = apply_case(score, case)
            # Components far from every case, so "0.36" can only be a CSAT written the old way.
            score = replace(score, components={k: 0.5 for k in score.components})
        themes.append(score.to_dict())
    data["themes"] = themes
    (run / "scores.json").write_text(json.dumps(data), encoding="utf-8")
    return valued, missing


def assert_reads(text: str, cases: list[Case], where: str) -> None:
    """Every case's expected text is in ``text``, and no case's old way of writing it."""
    for case in cases:
        assert case.expected in text, f"{where}: {case} should read {case.expected!r}\n{text}"
        found = re.search(case.bad, text)
        assert found is None, f"{where}: {case} written as {found.group(0)!r}\n{text}"


# (a) voc.format


@pytest.mark.parametrize("case", CASES, ids=str)
def test_voc_format_writes_each_case(case: Case) -> None:
    text = WRITERS[case.kind](case.raw)
    assert text == case.expected
    assert re.search(case.bad, text) is None


# (b) the CLI and the dashboard, on the shared sample run with the cases written in


@pytest.fixture(scope="module")
def case_workspace(sample_run, sample_workspace: Path, tmp_path_factory) -> tuple[Path, int, int]:
    target = tmp_path_factory.mktemp("formatting") / "workspace"
    shutil.copytree(sample_workspace, target)
    valued, missing = write_case_run(target)
    return target, valued, missing


def scored_cases(missing: bool) -> list[Case]:
    return [c for c in CASES if c.kind in SCORED and c.missing == missing]


def test_the_cli_theme_table_writes_each_case(case_workspace) -> None:
    from voc.curation.replay import load_curated

    workspace, valued, missing = case_workspace
    result = CliRunner().invoke(
        cli.app, ["themes", "-w", str(workspace), "--wide"], env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.output
    for case in CASES:
        assert re.search(case.bad, result.output) is None, (case, result.output)
    curated = load_curated(workspace)
    for theme_id, is_missing in ((valued, False), (missing, True)):
        theme = next(t for t in curated.themes if t.theme_id == theme_id)
        if not is_missing:  # the CLI's table reads a share from the theme, not its scores
            theme = replace(theme, share=next(c.raw for c in CASES if c.kind == "share"))
        table = cli.theme_table(curated.stored.info, [theme], curated.scores, wide=True)
        assert_reads(render(table), scored_cases(is_missing), f"voc themes, theme {theme_id}")


@pytest.mark.parametrize("case", COUNTS, ids=str)
def test_the_cli_inspect_text_writes_each_count(case: Case, monkeypatch) -> None:
    report = InspectReport(
        path="tickets.csv", format="csv", detail="", encoding="utf-8", delimiter=",",
        helpdesk=None, column_map={"body": ["Description"]}, unmapped_columns=[],
        value_formats={}, rows_read=case.raw, rows_used=case.raw, skipped_by_reason={},
        languages={"en": case.raw}, truncated_for_embedding=case.raw, warnings=[],
    )  # fmt: skip
    console = Console(file=StringIO(), width=200, record=True)
    monkeypatch.setattr(cli, "out", console)
    cli._print_inspect(report)
    text = console.export_text()
    assert f"{case.expected} is longer than the model reads" in text
    assert_reads(text, [case], "voc inspect")


def render(table: Any) -> str:
    console = Console(file=StringIO(), width=400, record=True)
    console.print(table)
    return console.export_text()


def test_the_dashboard_view_models_write_each_case(case_workspace) -> None:
    from dashboards import views
    from voc.curation.replay import load_curated

    workspace, valued, missing = case_workspace
    curated = load_curated(workspace)
    scores = views.scores_by_theme(curated)
    table = views.theme_table(curated)
    for theme_id, is_missing in ((valued, False), (missing, True)):
        score = scores[theme_id]
        row = table[table["id"] == theme_id].drop(columns=["theme", "description"])
        shown = "\n".join(
            [
                *(f"{label}: {value}" for label, value in views.theme_metrics(score)),
                views.kind_fact(score),
                views.evidence_caption(score),
                views.components_table(score, curated.scores.weights).to_csv(index=False),
                views.effort_table(score).to_csv(index=False),
                row.astype(str).to_csv(index=False),
            ]
        )
        assert_reads(shown, scored_cases(is_missing), f"dashboard views, theme {theme_id}")
    for case in COUNTS:
        shown = "\n".join(
            [views.moved_message(case.raw, valued), views.move_label(case.raw),
             views.matching(case.raw, case.raw)]
        )  # fmt: skip
        assert_reads(shown, [case], "dashboard messages")
        assert views.moved_message(case.raw, valued) == f"Moved {case.expected} to theme {valued}."


def page_text(at: Any, verbatim: set[str]) -> str:
    """Everything a page shows a person, but what it shows verbatim: the customers' own words
    (they may say "None"), the workspace's path and run ids (a path may hold ``pytest-0``)."""
    parts = [f"{m.label}: {m.value}" for m in at.metric]
    for kind in ("title", "header", "subheader", "text", "caption", "markdown", "info", "warning"):
        parts += [str(e.value) for e in getattr(at, kind) if str(e.value) not in verbatim]
    for frame in at.dataframe:
        shown = frame.value.drop(columns=["text", "subject", "description"], errors="ignore")
        parts.append(shown.astype(str).to_csv(index=False))
    options = (str(option) for box in at.selectbox for option in box.options)
    parts += [option for option in options if option not in verbatim]
    return "\n".join(parts)


def verbatim_strings(workspace: Path, curated: Any) -> set[str]:
    """What a page shows as it is, not as a number: see :func:`page_text`."""
    words = {
        *curated.tickets[schema.TEXT].astype(str),
        *curated.tickets[schema.SUBJECT].astype(str),
        *(t.description for t in curated.themes),
        *(text for t in curated.themes for text in t.representative_texts),
    }
    return words | {str(workspace)} | {run.name for run in (workspace / "runs").iterdir()}


def test_the_overview_and_theme_pages_write_each_case(case_workspace, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from dashboards import state, views
    from dashboards.app_pages import THEME
    from tests.conftest import ROOT
    from voc.curation.replay import load_curated

    workspace, valued, missing = case_workspace
    monkeypatch.setenv("VOC_WORKSPACE", str(workspace))
    curated = load_curated(workspace)
    verbatim = verbatim_strings(workspace, curated)
    at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    overview = page_text(at, verbatim)
    table = next(d.value for d in at.dataframe if "csat_impact" in d.value)
    rows = {int(r["id"]): r for _, r in table.iterrows()}
    assert rows[valued]["growth"] == "new" and rows[valued]["csat_impact"] == "0 pts"
    assert rows[missing]["growth"] == "n/a" and rows[missing]["csat_impact"] == "n/a"
    for case in CASES:
        assert re.search(case.bad, overview) is None, (case, overview)

    at.switch_page(THEME).run()
    for theme_id, is_missing in ((valued, False), (missing, True)):
        picker = next(b for b in at.selectbox if str(b.key).startswith(state.DETAIL_PICK))
        picker.set_value(theme_id).run()
        assert not at.exception, [e.value for e in at.exception]
        assert_reads(page_text(at, verbatim), scored_cases(is_missing), f"Theme page, {theme_id}")
        score = next(s for s in curated.scores.themes if s.theme_id == theme_id)
        trend = views.trend_sentence(curated, score)  # the report's words for growth vs emerging
        assert trend in [str(t.value) for t in at.text], trend


def test_the_report_writes_each_case(case_workspace) -> None:
    from voc.curation.replay import load_curated
    from voc.report import build_report, render_report

    workspace, valued, missing = case_workspace
    report = build_report(load_curated(workspace))
    page = re.sub(r"<svg.*?</svg>", "", render_report(report, "html").decode("utf-8"), flags=re.S)
    md = render_report(report, "md").decode("utf-8")
    names = {t.score.theme_id: t.score.name for t in report.themes}
    for theme_id, is_missing in ((valued, False), (missing, True)):
        card = page[page.index(f'id="theme-{theme_id}"') :]
        card = card[: card.index("</article>")]
        assert_reads(card, scored_cases(is_missing), f"HTML report card, theme {theme_id}")
        name = names[theme_id]
        section = md[md.index(f". {name}\n") :]
        section = section[: section.index("\n### ")] if "\n### " in section else section
        assert_reads(section, scored_cases(is_missing), f"Markdown report, theme {theme_id}")
        row = next(
            line
            for line in md.splitlines()
            if line.startswith(f"| {1 if theme_id == valued else 2} | ")
        )
        for case in scored_cases(is_missing):
            assert re.search(case.bad, row) is None, (case, row)
