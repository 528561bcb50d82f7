"""Month one, curated; month two, clustered: the lineage finds the planted changes, every kind
of edit shows on month two or is listed as not replayable, proposals survive, ``voc diff``
reports the changes, and ``voc assign`` agrees with the full run.

The two exports come from ``sample_data/monthly.py`` (planted: one problem new, one gone, one
grown, two close problems that month one clusters as one theme and month two as two).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sample_data import monthly
from voc import schema
from voc.cli import app
from voc.curation.actions import Curator
from voc.curation.proposals import draft_proposal
from voc.curation.replay import CONFIRMED, DISMISSED, CuratedRun, load_curated
from voc.report import build_report
from voc.runs import run
from voc.store import StoredRun, Workspace

pytestmark = pytest.mark.slow
runner = CliRunner()
AUTHOR = "ana"


@dataclass(frozen=True)
class Months:
    ws: Path
    exports: tuple[Path, Path]
    one: StoredRun
    two: StoredRun
    truth_one: dict[str, str]
    truth_two: dict[str, str]
    decided: dict[str, int]  # what was curated on month one -> its theme id there
    split_parts: dict[str, str]  # planted problem -> the name of month one's split part
    proposal_id: str
    moved: list[str]
    output: str  # what ``voc cluster`` said when month two was clustered


def problem_of(stored: StoredRun | CuratedRun, truth: dict[str, str]) -> dict[int, str]:
    """Each theme's planted problem: the majority of its tickets'."""
    tickets = stored.tickets() if isinstance(stored, StoredRun) else stored.tickets
    planted = tickets[schema.TICKET_ID].astype(str).map(truth)
    return planted.groupby(tickets[schema.THEME_ID]).agg(lambda s: s.mode()[0]).to_dict()


def theme_of(problems: dict[int, str], problem: str) -> int:
    (theme_id,) = [t for t, p in problems.items() if p == problem and t != schema.UNTHEMED_ID]
    return theme_id


def home_of(stored: StoredRun, truth: dict[str, str], problem: str) -> int:
    """The theme holding most of a planted problem's tickets."""
    tickets = stored.tickets()
    mine = tickets[tickets[schema.TICKET_ID].astype(str).map(truth) == problem]
    return int(mine[schema.THEME_ID].mode()[0])


def curate_month_one(ws: Path, stored: StoredRun, truth: dict[str, str]) -> dict:
    """An analyst's month: every kind of edit, on themes known by their planted problem."""
    curator = Curator(ws, stored.run_id)
    problems = problem_of(stored, truth)
    login, howto, contacts = (
        theme_of(problems, p) for p in ("login_2fa_loop", "api_key_howto", "import_contacts_howto")
    )
    dark, gone, billing = (
        theme_of(problems, p) for p in ("dark_mode_request", monthly.GONE, monthly.SPLIT[0])
    )
    curator.rename(AUTHOR, login, "Login loop after 2FA")
    curator.set_status(AUTHOR, login, CONFIRMED)
    curator.add_note(AUTHOR, login, "Seen since release 5.0")
    curator.link_issue(AUTHOR, login, "APP-101")
    curator.set_kind(AUTHOR, theme_of(problems, "webhook_duplicate_delivery"), "billing")
    curator.set_status(AUTHOR, dark, DISMISSED)
    curator.merge(AUTHOR, [howto, contacts], into=howto)
    curator.rename(AUTHOR, howto, "Setup how-tos")
    curator.rename(AUTHOR, gone, "CSV export drops rows")
    curator.add_note(AUTHOR, gone, "Fixed in 5.1?")
    # The charge/refund theme, split by the analyst: each part named after its planted majority.
    split = curator.propose_split(billing)
    names = []
    for part in split.parts:
        counts = pd.Series([truth[t] for t in part.ticket_ids]).value_counts()
        names.append("Charged twice" if counts.index[0] == monthly.SPLIT[0] else "Refund asks")
    assert sorted(names) == ["Charged twice", "Refund asks"], "the proposed split mixes them"
    curator.accept_split(AUTHOR, split, names=names)
    search = theme_of(problems, "search_no_results")
    moved = stored.tickets().query(f"{schema.THEME_ID} == {login}")[schema.TICKET_ID][:3].tolist()
    curator.move(AUTHOR, moved, search)
    proposal = draft_proposal(curator.current(), [login, gone])
    proposal_id = curator.save_proposal(AUTHOR, {**proposal.to_dict(), "title": "Fix 2FA loop"})
    parts = {
        monthly.SPLIT[0] if name == "Charged twice" else monthly.SPLIT[1]: name for name in names
    }
    decided = {"login": login, "howto": howto, "dark": dark, "gone": gone}
    return {"decided": decided, "parts": parts, "proposal_id": proposal_id, "moved": moved}


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory, embedder) -> Months:
    folder = tmp_path_factory.mktemp("months")
    exports = monthly.write_months(folder / "exports")
    truth = [
        dict(pd.read_csv(p.with_name(p.stem + "_truth.csv"), dtype=str)[["ticket_id", "theme"]]
             .itertuples(index=False, name=None))
        for p in exports
    ]  # fmt: skip
    ws = folder / "ws"
    one = run(exports[0], ws, embedder=embedder).stored
    curated = curate_month_one(ws, one, truth[0])
    clustered = runner.invoke(app, ["cluster", str(exports[1]), "-w", str(ws)])  # as ops would
    assert clustered.exit_code == 0, clustered.output
    two = Workspace(ws).load_run()
    return Months(
        ws,
        exports,
        one,
        two,
        truth[0],
        truth[1],
        curated["decided"],
        curated["parts"],
        curated["proposal_id"],
        curated["moved"],
        clustered.output,
    )


def test_lineage_relations_are_the_planted_ones(months: Months) -> None:
    lineage = months.two.lineage()
    assert lineage is not None and lineage.earlier_run_id == months.one.run_id
    before = problem_of(months.one, months.truth_one)
    after = problem_of(months.two, months.truth_two)
    keys_before = months.one.lineage().keys()
    by_id = {t.theme_id: t for t in lineage.themes}
    assert by_id[theme_of(after, monthly.NEW)].relation == "new"
    assert [g.theme_id for g in lineage.gone] == [theme_of(before, monthly.GONE)]
    grown = by_id[theme_of(after, monthly.GROWN)]
    assert grown.relation == "grown" and grown.key == keys_before[theme_of(before, monthly.GROWN)]
    merged_before = theme_of(before, monthly.SPLIT[0])
    # One theme in month one (charges its majority) holds the refunds too ...
    assert home_of(months.one, months.truth_one, monthly.SPLIT[1]) == merged_before
    for problem in monthly.SPLIT:  # ... two in month two, both split from it
        theme = by_id[theme_of(after, problem)]
        assert theme.relation == "split"
        assert [p.theme_id for p in theme.predecessors] == [merged_before]
    for problem in monthly.SAME:
        theme = by_id[theme_of(after, problem)]
        assert theme.relation in ("same", "renamed"), (problem, theme.relation)
        assert theme.key == keys_before[theme_of(before, problem)], problem


def test_every_edit_of_month_one_shows_on_month_two_or_is_listed(months: Months) -> None:
    curated = load_curated(months.ws, months.two.run_id)
    problems = problem_of(curated, months.truth_two)
    labels = curated.labels
    login = labels[theme_of(problems, "login_2fa_loop")]
    assert login.name == "Login loop after 2FA" and login.status == CONFIRMED
    assert login.issue_key == "APP-101"
    assert [n.text.split(" (")[0] for n in login.notes] == ["Seen since release 5.0"]
    assert labels[theme_of(problems, "webhook_duplicate_delivery")].kind == "billing"
    assert labels[theme_of(problems, "dark_mode_request")].status == DISMISSED
    # The merge is made again: both how-tos are one theme, under the analyst's name.
    howto = theme_of(problems, "api_key_howto")
    tickets = curated.tickets
    contacts = tickets[tickets[schema.TICKET_ID].map(months.truth_two) == "import_contacts_howto"]
    assert (contacts[schema.THEME_ID] == howto).mean() > 0.95
    assert labels[howto].name == "Setup how-tos"
    # The accepted split: month two's charge and refund tickets land in the analyst's two parts.
    for problem, name in months.split_parts.items():
        mine = tickets[tickets[schema.TICKET_ID].map(months.truth_two) == problem]
        assert (mine[schema.THEME_NAME] == name).mean() > 0.9, (problem, name)
    assert sum(t.name in months.split_parts.values() for t in curated.themes) == 2
    # Not replayable, and said so: the gone theme's decisions and the moved tickets.
    lost = {(n["name"], tuple(n["decisions"])) for n in curated.not_replayable}
    assert ("CSV export drops rows", ('renamed "CSV export drops rows"', "1 note")) in lost
    assert ("", ("3 moved tickets",)) in lost
    gone = next(n for n in curated.not_replayable if n["name"] == "CSV export drops rows")
    assert "descends from it" in gone["reason"]
    assert "not replayable" in curated.history[-1].summary
    assert f"Analysts' curation of run {months.one.run_id} replayed" in months.output
    assert f"Not replayable ({len(curated.not_replayable)})" in months.output
    assert "CSV export drops rows" in months.output


def test_proposals_survive_on_the_new_themes(months: Months) -> None:
    curated = load_curated(months.ws, months.two.run_id)
    saved = curated.proposals[months.proposal_id]
    assert saved["title"] == "Fix 2FA loop"
    assert [curated.labels[t].name for t in saved["theme_ids"]] == ["Login loop after 2FA"]
    lost = [n for n in curated.not_replayable if n["decisions"][0].startswith("proposal")]
    assert [n["name"] for n in lost] == ["CSV export drops rows"]
    exported = runner.invoke(app, ["proposals", "export", "-w", str(months.ws)])
    assert exported.exit_code == 0, exported.output
    assert "Fix 2FA loop" in exported.output


def test_voc_diff_reports_the_planted_changes(months: Months) -> None:
    result = runner.invoke(app, ["diff", "-w", str(months.ws), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["run_id"], data["earlier_run_id"]) == (months.two.run_id, months.one.run_id)
    after = problem_of(months.two, months.truth_two)
    ids = {group: [c["theme_id"] for c in data[group]] for group in ("new", "grown", "split")}
    assert ids["new"] == [theme_of(after, monthly.NEW)]
    assert ids["grown"] == [theme_of(after, monthly.GROWN)]
    assert sorted(ids["split"]) == sorted(theme_of(after, p) for p in monthly.SPLIT)
    assert [c["theme_id"] for c in data["gone"]] == [
        theme_of(problem_of(months.one, months.truth_one), monthly.GONE)
    ]
    (grown,) = data["grown"]
    assert grown["size_after"] >= 3 * grown["size_before"]
    text = runner.invoke(app, ["diff", "-w", str(months.ws)], env={"COLUMNS": "200"})
    assert text.exit_code == 0
    assert "1 new, 1 gone, 1 grown" in text.output and "2 split" in text.output


def test_the_report_summary_says_what_changed_since_month_one(months: Months) -> None:
    report = build_report(load_curated(months.ws))
    (since,) = [s for s in report.summary if s.startswith("Since the previous run")]
    names = {t.score.theme_id: t.score.name for t in report.themes}
    after = problem_of(months.two, months.truth_two)
    gone = next(r for r in report.since_last_run.rows if r.change == "gone")
    assert f"1 theme is new ({names[theme_of(after, monthly.NEW)]})" in since
    assert f"1 theme is gone ({gone.name})" in since
    assert f"1 theme grew ({names[theme_of(after, monthly.GROWN)]}, " in since
    assert "2 themes split (" in since


def test_voc_assign_agrees_with_the_full_run_of_month_two(months: Months) -> None:
    result = runner.invoke(app, ["assign", str(months.exports[1]), "-w", str(months.ws)])
    assert result.exit_code == 0, result.output
    assigned = pd.read_csv(io.StringIO(result.stdout), dtype={"ticket_id": str})
    curated = load_curated(months.ws, months.two.run_id)
    dismissed = {t for t, label in curated.labels.items() if label.status == DISMISSED}
    full = curated.tickets.set_index(schema.TICKET_ID)[schema.THEME_ID]
    # Tickets of dismissed themes are left out: assign never routes to a dismissed theme.
    counted = assigned[~assigned["ticket_id"].map(full).isin(dismissed)]
    agree = (counted["theme_id"] == counted["ticket_id"].map(full)).mean()
    assert len(counted) >= 0.85 * len(assigned)
    assert agree >= 0.95, f"assign agrees with the full run on {agree:.1%} of tickets"
    assert set(assigned["ticket_id"]) == set(Workspace(months.ws).load_run().tickets()["ticket_id"])


def test_a_re_run_of_month_two_shows_exactly_the_curated_view(
    months: Months, tmp_path: Path, embedder
) -> None:
    import shutil

    from tests.test_curate import _view

    ws = tmp_path / "ws"
    shutil.copytree(months.ws, ws)  # the months' workspace stays as the other tests read it
    before = load_curated(ws, months.two.run_id)
    again = run(months.exports[1], ws, embedder=embedder)
    assert again.info.clustering.update is not None  # the same export: the themes were kept
    assert again.replayed is not None and again.replayed.not_replayable == []
    after = load_curated(ws, again.run_id)
    assert _view(after) == _view(before)
    assert sorted((t.name, t.size) for t in after.themes) == sorted(
        (t.name, t.size) for t in before.themes
    )
    assert after.proposals.keys() == before.proposals.keys()
