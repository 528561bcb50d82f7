"""Scores and reports of the real default run on the sample export, against its planted truth.

The sample plants kinds, a defect that starts in the last 21 days (email_notifications_stopped),
and metadata that follows the kinds (defects get worse CSAT and more reopens); see
sample_data/README.md.
"""

from __future__ import annotations

import csv
import io
import json

import markupsafe
import pandas as pd
import pytest

from voc import schema
from voc.report import build_report, render_report
from voc.report.markdown import escape
from voc.schema import RunScores

pytestmark = pytest.mark.slow

EMERGING = "email_notifications_stopped"
BIG = 50  # themes this big have a clear planted majority; smaller ones are language splinters


@pytest.fixture(scope="module")
def scores(sample_run) -> RunScores:
    return sample_run.stored.scores()


@pytest.fixture(scope="module")
def planted(sample_run, truth: pd.DataFrame) -> pd.DataFrame:
    """Per discovered theme: size, its planted majority theme and kind, and the emerging share."""
    tickets = sample_run.stored.tickets()[[schema.TICKET_ID, schema.THEME_ID]]
    joined = tickets.merge(truth, on="ticket_id")
    rows = {}
    for theme_id, group in joined.groupby(schema.THEME_ID):
        rows[theme_id] = {
            "size": len(group),
            "theme": group["theme"].mode().iloc[0],
            "kind": group["kind"].mode().iloc[0],
            "emerging_share": (group["theme"] == EMERGING).mean(),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def test_planted_defects_rank_above_how_to_and_praise(scores, planted) -> None:
    rank = {s.theme_id: s.rank for s in scores.themes}
    big = planted[planted["size"] >= BIG]
    defects = [rank[t] for t in big.index[big["kind"] == "defect"]]
    calm = [rank[t] for t in big.index[big["kind"].isin(["question", "praise"])]]
    assert len(defects) >= 5 and len(calm) >= 4
    assert max(defects) < min(calm), f"defect ranks {defects}, how-to/praise ranks {calm}"


def test_the_planted_emerging_defect_is_flagged_and_no_stable_theme_is(scores, planted) -> None:
    flagged = {s.theme_id for s in scores.emerging}
    home = planted["emerging_share"].idxmax()
    assert home in flagged
    # A flagged theme must hold a real share of the new defect's tickets (the Indonesian ones
    # can cluster with another Indonesian theme, which then really does surge).
    stable = [t for t in flagged if planted.loc[t, "emerging_share"] < 0.25]
    assert stable == [], planted.loc[stable]
    note = next(s.emerging_note for s in scores.themes if s.theme_id == home)
    assert note.startswith(("new", "emerging"))


def test_kinds_match_the_planted_kinds(scores, planted) -> None:
    kinds = {s.theme_id: s.kind for s in scores.themes if s.theme_id != schema.UNTHEMED_ID}
    hits = [kinds[t] == planted.loc[t, "kind"] for t in kinds]
    accuracy = sum(hits) / len(hits)
    # Measured 0.88 (22 of 25 themes) when written; billing_address_change_confusing (planted
    # friction) reads as billing, and two small Indonesian themes are ambiguous for MiniLM.
    assert accuracy >= 0.8, f"kind accuracy {accuracy:.2f}"


def test_csat_impact_has_the_planted_sign(scores, planted) -> None:
    impact = {s.theme_id: s.csat_impact for s in scores.themes}
    big = planted[planted["size"] >= BIG]
    assert all(impact[t] < 0 for t in big.index[big["kind"] == "defect"])
    assert all(impact[t] > 0 for t in big.index[big["kind"] == "praise"])


def test_every_measure_is_present_for_the_sample(scores, sample_run) -> None:
    assert scores.missing == []
    assert all(s.evidence == 1.0 for s in scores.themes if s.theme_id != schema.UNTHEMED_ID)
    manifest = sample_run.manifest["scores"]
    assert manifest["emerging"] == [s.theme_id for s in scores.emerging]
    assert sum(manifest["kinds"].values()) == len(scores.themes) - (
        scores.themes[-1].theme_id == -1
    )
    tickets = sample_run.stored.tickets()
    assert tickets[schema.KIND].notna().all() and tickets[schema.SENTIMENT].between(-1, 1).all()


def test_sample_reports_contain_their_sections(sample_run) -> None:
    report = build_report(sample_run.stored)
    page = render_report(report, "html").decode("utf-8")
    assert page.count('<article class="theme"') == 10 and "Friction vs volume" in page
    md = render_report(report, "md").decode("utf-8")
    assert md.count("\n### ") == 10 and ("(emerging)" in md or "(new)" in md)
    rows = list(csv.DictReader(io.StringIO(render_report(report, "csv").decode("utf-8-sig"))))
    assert len(rows) == len(report.themes) and rows[0]["rank"] == "1"
    data = json.loads(render_report(report, "json"))
    assert len(data["themes"]) == len(report.themes) and data["emerging"]
    for theme in data["themes"][:10]:
        assert 3 <= len(theme["quotes"]) <= 5
        assert "@" not in " ".join(q["text"] for q in theme["quotes"]).replace("[EMAIL]", "")


def test_the_executive_summary_names_the_planted_problems(sample_run, planted) -> None:
    report = build_report(sample_run.stored)
    top, emerging, since, *rest = report.summary
    leaders = report.themes[:3]
    assert all(planted.loc[t.score.theme_id, "kind"] == "defect" for t in leaders)
    assert top.startswith("The three biggest defects by friction are ")
    assert all(t.score.name in top for t in leaders)
    home = report.themes[
        [t.score.theme_id for t in report.themes].index(planted["emerging_share"].idxmax())
    ]
    assert emerging.startswith(f"{home.score.name} (defect) is ")
    assert " in the last 4 weeks, up from " in emerging and "p=" not in emerging
    assert since.startswith("This is the first run")
    assert rest[-1].startswith(f"Start with {home.score.name}")
    md = render_report(report, "md").decode("utf-8")
    page = render_report(report, "html").decode("utf-8")
    for sentence in report.summary:
        assert escape(sentence) in md and str(markupsafe.escape(sentence)) in page


def test_top_themes_are_broken_down_by_plan_and_channel(sample_run) -> None:
    report = build_report(sample_run.stored)
    for section in report.detailed:
        assert [b.field for b in section.breakdowns] == [schema.PLAN, schema.CHANNEL]
        for b in section.breakdowns:
            assert sum(r.tickets for r in b.rows) == section.score.size
            assert abs(sum(r.share for r in b.rows) - 1) < 1e-9
    page = render_report(report, "html").decode("utf-8")
    assert page.count('data-breakdown="plan"') == page.count('data-breakdown="channel"') == 10
