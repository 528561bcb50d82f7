"""Proposals that import cleanly (issue 19): Jira issue type and priority, incomplete RICE said
everywhere, titles and problem statements that say only what is true of each theme, and
spreadsheet cells guarded only where they really start like a formula."""

from __future__ import annotations

import csv
import io
import json

from tests.test_report_summary import NEW, RULE, UP_NOT_EMERGING, theme
from voc.curation.proposals import (
    RICE_INCOMPLETE,
    Proposal,
    draft_title,
    export_proposals,
    jira_issue_type,
    jira_priorities,
    problem_statement,
)
from voc.report.tables import neutralise


def proposal(title: str, kind: str = "defect", effort: float | None = 2.0, **values) -> Proposal:
    base = dict(
        title=title, theme_ids=[1], problem="Customers cannot log in.",
        evidence="- Login loop: 40 tickets\n- results come back empty", reach=10, impact=2.0,
        confidence=0.8, effort=effort, kind=kind,
    )  # fmt: skip
    return Proposal(**(base | values))


def jira_rows(proposals: list[Proposal]) -> list[list[str]]:
    return list(csv.reader(io.StringIO(export_proposals(proposals, "jira").decode("utf-8-sig"))))


def test_the_jira_issue_type_follows_the_lead_themes_kind() -> None:
    assert jira_issue_type(proposal("a", kind="defect")) == "Bug"
    for kind in ("feature_request", "friction", "billing", "question", ""):
        assert jira_issue_type(proposal("a", kind=kind)) == "Story"
    header, bug, story = jira_rows([proposal("a"), proposal("b", kind="feature_request")])
    assert header == ["Summary", "Issue Type", "Priority", "Description", "Labels", "Labels"]
    assert (bug[1], story[1]) == ("Bug", "Story")


def test_priority_comes_from_the_rice_ranking_and_from_friction_without_rice() -> None:
    # RICE = 10 * impact * 0.8 / effort: 16, 8, 4, 2 (impact 2 for all, efforts 1, 2, 4, 8).
    costed = [proposal(f"p{e}", effort=e) for e in (4.0, 1.0, 8.0, 2.0)]
    assert jira_priorities(costed) == ["Medium", "Highest", "Low", "High"]
    uncosted = proposal("no effort", effort=None, impact=3.0)
    assert jira_priorities([*costed, uncosted])[-1] == "Highest"  # friction 80+: impact 3
    # One RICE alone has nothing to be ranked against: its impact (friction) decides.
    assert jira_priorities([proposal("alone", impact=0.5)]) == ["Low"]


def test_incomplete_rice_is_labelled_and_said_in_every_export() -> None:
    done, open_ = proposal("costed"), proposal("uncosted", effort=None)
    _, costed, uncosted = jira_rows([done, open_])
    assert costed[4:] == ["voc", ""] and uncosted[4:] == ["voc", "rice-incomplete"]
    assert RICE_INCOMPLETE in uncosted[3] and RICE_INCOMPLETE not in costed[3]
    table = list(
        csv.DictReader(io.StringIO(export_proposals([done, open_], "csv").decode("utf-8-sig")))
    )
    assert [r["rice_status"] for r in table] == ["complete", RICE_INCOMPLETE]
    data = json.loads(export_proposals([done, open_], "json"))
    assert [d["rice_status"] for d in data] == ["complete", RICE_INCOMPLETE]
    md = export_proposals([done, open_], "md").decode("utf-8")
    assert md.count(RICE_INCOMPLETE) == 2  # the warning at the top and the proposal's RICE line


def test_the_formula_guard_fires_only_on_cells_that_start_like_a_formula() -> None:
    hostile = proposal('=HYPERLINK("http://x","y")', evidence="@SUM(A1)\n- ok")
    rows = list(
        csv.DictReader(
            io.StringIO(export_proposals([proposal("Login"), hostile], "csv").decode("utf-8-sig"))
        )
    )
    assert rows[0]["evidence"] == "• Login loop: 40 tickets\n• results come back empty"
    assert rows[1]["title"] == '\'=HYPERLINK("http://x","y")'
    assert rows[1]["evidence"].startswith("'@SUM(A1)")
    # "- results" is guarded too: Excel would read it as a formula and show #NAME?; the exports
    # just stop writing lists that start that way.
    for value in ("-cmd|' /C calc'!A0", "+1+1", "=1+1", "@x", "\t=1", "- results"):
        assert neutralise(value) == "'" + value
    for value in ("-3", "+1.5", "results", 3, -3.5, None):
        assert neutralise(value) == value


def test_titles_read_like_a_ticket_title() -> None:
    assert draft_title("defect", "Email notifications stopped", 0) == (
        "Fix: Email notifications stopped"
    )
    assert draft_title("feature_request", "Add dark mode", 1) == (
        "Build: Add dark mode, and 1 related theme"
    )
    long = draft_title("defect", "word " * 40, 2)
    assert len(long) <= 92 and long.endswith(", and 2 related themes") and "+" not in long


def test_the_problem_statement_calls_only_the_emerging_theme_emerging() -> None:
    chosen = [NEW, UP_NOT_EMERGING]
    text = problem_statement(
        chosen, ["Email notifications stopped", "Add dark mode"], 200, 2000, RULE
    )
    assert text.startswith(
        "200 tickets (10% of the run) are about Email notifications stopped and Add dark mode. "
        "Customers experience this as a defect."
    )
    assert " Email notifications stopped is new: 109 tickets in the last 4 weeks" in text
    assert "Add dark mode is" not in text and "it is emerging" not in text
    calm = problem_statement([theme(1, "Calm")], ["Calm"], 1, 10, RULE)
    assert calm == "1 ticket (10% of the run) is about Calm. Customers experience this as a defect."
