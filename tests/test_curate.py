"""Analysts' actions on a run: each changes what the next read shows, undo restores, and reports
and proposals reflect them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.synthetic import write_synthetic_run
from voc import schema
from voc.curation.actions import Curator
from voc.curation.proposals import Proposal, draft_proposal, export_proposals, saved_proposals
from voc.curation.replay import CONFIRMED, DISMISSED
from voc.errors import CurationError
from voc.report import build_report, render_report

LOGIN, HOWTO, PRAISE = 0, 1, 2


@pytest.fixture()
def curator(tmp_path: Path) -> Curator:
    write_synthetic_run(tmp_path / "ws", hostile=False)
    return Curator(tmp_path / "ws")


def names(curator: Curator) -> dict[int, str]:
    return {t.theme_id: t.name for t in curator.current().themes}


def test_rename_kind_status_note_and_link_show_in_the_next_read(curator: Curator) -> None:
    curator.rename("ana", LOGIN, "Login loop after 2FA")
    curator.set_kind("ana", HOWTO, "friction")
    curator.set_status("ana", LOGIN, CONFIRMED)
    curator.add_note("bo", LOGIN, "Seen since 5.0")
    curator.link_issue("bo", LOGIN, "APP-123")
    run = curator.current()
    label = run.labels[LOGIN]
    assert label.name == "Login loop after 2FA" and label.status == CONFIRMED
    assert [(n.author, n.text) for n in label.notes] == [("bo", "Seen since 5.0")]
    assert label.issue_key == "APP-123"
    tickets = run.tickets
    assert set(tickets.loc[tickets[schema.THEME_ID] == LOGIN, schema.THEME_NAME]) == {
        "Login loop after 2FA"
    }
    scores = {s.theme_id: s for s in run.scores.themes}
    assert scores[HOWTO].kind == "friction" and scores[HOWTO].kind_by_analyst
    assert scores[LOGIN].name == "Login loop after 2FA"


def test_a_rename_to_another_themes_name_is_refused_with_a_merge_offered(
    curator: Curator,
) -> None:
    taken = names(curator)[HOWTO]
    with pytest.raises(CurationError, match=rf"theme {HOWTO} is already named.*merge themes"):
        curator.rename("ana", LOGIN, f"  {taken.upper()} ")
    assert names(curator)[LOGIN] != taken  # nothing recorded
    curator.rename("ana", HOWTO, taken.upper())  # a theme may re-case its own name
    assert names(curator)[HOWTO] == taken.upper()


def test_merge_moves_tickets_and_undo_restores(curator: Curator) -> None:
    before = {t.theme_id: t.size for t in curator.current().themes}
    curator.merge("ana", [HOWTO, PRAISE], into=HOWTO)
    merged = {t.theme_id: t.size for t in curator.current().themes}
    assert PRAISE not in merged and merged[HOWTO] == before[HOWTO] + before[PRAISE]
    assert curator.undo("ana") is not None
    assert {t.theme_id: t.size for t in curator.current().themes} == before
    assert curator.undo("ana") is None  # nothing of ana's left in effect
    history = curator.current().history
    assert [h.undone for h in history] == [True, False]


def test_move_tickets_between_themes(curator: Curator) -> None:
    run = curator.current()
    moving = run.tickets.loc[run.tickets[schema.THEME_ID] == PRAISE, schema.TICKET_ID][:4].tolist()
    curator.move("ana", moving, LOGIN)
    after = curator.current().tickets.set_index(schema.TICKET_ID)[schema.THEME_ID]
    assert after[moving].tolist() == [LOGIN] * 4


def test_split_proposes_sub_themes_and_accepting_adds_them(curator: Curator, embedder) -> None:
    proposal = curator.propose_split(HOWTO, embedder=embedder)
    assert 2 <= len(proposal.parts) <= 4
    assert sum(len(p.ticket_ids) for p in proposal.parts) == curator.current().theme(HOWTO).size
    assert names(curator)[HOWTO] == "api key how to"  # nothing saved before accepting
    curator.accept_split("ana", proposal, names=[f"part {i}" for i in range(len(proposal.parts))])
    after = names(curator)
    assert HOWTO not in after and {"part 0", "part 1"} <= set(after.values())
    new_ids = [t for t, n in after.items() if n.startswith("part ")]
    assert min(new_ids) > PRAISE  # fresh ids, never reused


def test_two_analysts_renaming_one_theme_both_recorded_later_wins(tmp_path: Path) -> None:
    write_synthetic_run(tmp_path / "ws", hostile=False)
    ana, bo = Curator(tmp_path / "ws"), Curator(tmp_path / "ws")
    ana.rename("ana", LOGIN, "Login loop")
    bo.rename("bo", LOGIN, "2FA redirect loop")
    run = ana.current()
    assert run.labels[LOGIN].name == "2FA redirect loop"
    assert [h.edit.author for h in run.history] == ["ana", "bo"]
    assert all(h.effective for h in run.history)


def test_an_edit_of_a_theme_merged_away_is_kept_but_has_no_effect(curator: Curator) -> None:
    stale = Curator(curator.workspace.root)
    curator.merge("ana", [HOWTO, PRAISE], into=HOWTO)
    # bo's page still showed PRAISE; his rename reaches the log but applies to nothing.
    stale.store.record(stale.run.run_id, "bo", "rename", {"theme_id": PRAISE, "name": "Thanks"})
    history = curator.current().history
    assert history[-1].edit.author == "bo" and not history[-1].effective


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda c: c.rename("ana", LOGIN, "  "), "1 to 120 characters"),
        (lambda c: c.rename("ana", 99, "x"), "theme 99 does not exist"),
        (lambda c: c.rename("ana", schema.UNTHEMED_ID, "x"), "Unthemed"),
        (lambda c: c.set_kind("ana", LOGIN, "bug"), "unknown kind 'bug'"),
        (lambda c: c.set_status("ana", LOGIN, "done"), "unknown status"),
        (lambda c: c.merge("ana", [LOGIN]), "at least two"),
        (lambda c: c.move("ana", ["nope"], LOGIN), "no such tickets"),
        (lambda c: c.link_issue("ana", LOGIN, "APP 1"), "one word"),
    ],
)
def test_mistakes_are_refused_with_a_reason(curator: Curator, action, message: str) -> None:
    with pytest.raises(CurationError, match=message):
        action(curator)
    assert curator.store.edits(curator.run.run_id) == []


def test_reports_show_names_kinds_merges_and_dismissals(curator: Curator) -> None:
    curator.rename("ana", LOGIN, "Login loop after 2FA")
    curator.set_status("ana", PRAISE, DISMISSED)
    curator.add_note("ana", LOGIN, "<b>check</b> =1+1")
    report = build_report(curator.current())
    assert [t.score.name for t in report.themes] == ["Login loop after 2FA", "api key how to"]
    assert [t.score.name for t in report.dismissed] == ["thanks support"]
    assert [t.score.rank for t in report.themes] == [1, 2]
    page = render_report(report, "html").decode("utf-8")
    assert "Dismissed by analysts" in page and "&lt;b&gt;check&lt;/b&gt;" in page
    data = json.loads(render_report(report, "json"))
    assert data["edits_applied"] == 3 and data["themes"][0]["notes"][0]["author"] == "ana"


def test_proposals_are_drafted_saved_scored_and_exported(curator: Curator) -> None:
    curator.set_status("ana", LOGIN, CONFIRMED)
    draft = draft_proposal(curator.current(), [LOGIN])
    assert draft.title.startswith("Fix: ") and draft.impact >= 1 and draft.reach == 7
    assert draft.confidence >= 0.8 and draft.rice is None  # no effort yet
    assert "CSAT impact" in draft.evidence
    costed = Proposal.from_dict({**draft.to_dict(), "effort": 2})
    first = curator.save_proposal("ana", costed.to_dict())
    second = curator.save_proposal("bo", draft_proposal(curator.current(), [HOWTO]).to_dict())
    saved = saved_proposals(curator.current())
    assert [p.proposal_id for p in saved] == [first, second]  # with RICE first
    assert saved[0].rice == pytest.approx(7 * draft.impact * draft.confidence / 2, abs=0.01)
    jira = export_proposals(saved, "jira").decode("utf-8-sig").splitlines()
    assert jira[0] == "Summary,Issue Type,Priority,Description,Labels,Labels"
    assert json.loads(export_proposals(saved, "json"))[0]["rice"] == saved[0].rice
    assert export_proposals(saved, "md").decode().count("\n## ") == 2
    curator.delete_proposal("ana", second)
    assert [p.proposal_id for p in saved_proposals(curator.current())] == [first]


def _view(run) -> dict[str, tuple]:
    """Each ticket's curated theme as the analyst sees it: name, kind, status, issue, notes."""
    labels = run.labels
    out = {}
    for ticket, theme_id in zip(
        run.tickets[schema.TICKET_ID], run.tickets[schema.THEME_ID], strict=True
    ):
        label = labels[int(theme_id)]
        notes = tuple(n.text.split(" (")[0] for n in label.notes)
        out[ticket] = (label.name, label.kind, label.status, label.issue_key, notes)
    return out


def test_a_re_run_of_the_same_export_shows_exactly_the_curated_view(
    tmp_path: Path, embedder
) -> None:
    from voc.curation.carry import replay_curation
    from voc.curation.replay import load_curated

    ws = tmp_path / "ws"
    old = write_synthetic_run(ws, hostile=False, trace_earlier=True)
    curator = Curator(ws, old.run_id)
    curator.rename("ana", LOGIN, "Login loop after 2FA")
    curator.set_kind("ana", LOGIN, "defect")
    curator.link_issue("ana", LOGIN, "APP-123")
    curator.add_note("bo", LOGIN, "Seen since 5.0")
    split = curator.propose_split(HOWTO, embedder=embedder)
    curator.accept_split("ana", split, names=[f"API part {i}" for i in range(len(split.parts))])
    part = min(t.theme_id for t in curator.current().themes if t.name.startswith("API part"))
    moved = list(split.parts[0].ticket_ids[:3])
    curator.move("ana", moved, PRAISE)
    curator.set_status("ana", PRAISE, DISMISSED)
    curator.merge("ana", [PRAISE, part], into=PRAISE)
    proposal = draft_proposal(curator.current(), [LOGIN])
    proposal_id = curator.save_proposal("ana", proposal.to_dict())
    before = curator.current()

    new = write_synthetic_run(ws, hostile=False, trace_earlier=True)
    replay = replay_curation(ws, new.run_id, encode=None)
    assert replay is not None and replay.from_run == old.run_id
    assert replay.not_replayable == []
    after = load_curated(ws, new.run_id)
    assert _view(after) == _view(before)
    assert sorted(t.name for t in after.themes) == sorted(t.name for t in before.themes)
    assert [n.author for n in after.labels[LOGIN].notes] == [f"voc (from run {old.run_id})"]
    assert after.labels[LOGIN].notes[0].text.startswith("Seen since 5.0 (bo, ")
    saved = after.proposals[proposal_id]
    assert [after.labels[t].name for t in saved["theme_ids"]] == ["Login loop after 2FA"]
    assert after.history[-1].summary == f"replayed analysts' decisions from run {old.run_id}"

    third = write_synthetic_run(ws, hostile=False, trace_earlier=True)  # and on, run after run
    replay_curation(ws, third.run_id)
    again = load_curated(ws, third.run_id)
    assert _view(again) == _view(before)
    assert [n.text for n in again.labels[LOGIN].notes] == [
        n.text for n in after.labels[LOGIN].notes
    ]


def test_what_cannot_be_replayed_is_listed_not_dropped(tmp_path: Path) -> None:
    from voc.curation.carry import replay_curation
    from voc.curation.replay import load_curated

    ws = tmp_path / "ws"
    old = write_synthetic_run(ws, hostile=False, trace_earlier=True)
    curator = Curator(ws, old.run_id)
    curator.set_status("ana", PRAISE, DISMISSED)
    curator.add_note("ana", PRAISE, "ignore thanks")
    curator.rename("ana", LOGIN, "Login loop after 2FA")
    praise = old.tickets().query(f"{schema.THEME_ID} == {PRAISE}")[schema.TICKET_ID].tolist()
    curator.move("ana", praise[:2], LOGIN)
    curator.save_proposal("ana", draft_proposal(curator.current(), [PRAISE, LOGIN]).to_dict())
    # The next export has no praise at all: that theme is gone.
    new = write_synthetic_run(
        ws, hostile=False, trace_earlier=True, keep=lambda t: t[schema.THEME_ID] != PRAISE
    )
    replay = replay_curation(ws, new.run_id)
    assert replay is not None
    lost = {(n.theme_id, n.decisions) for n in replay.not_replayable}
    assert (PRAISE, (DISMISSED, "1 note")) in lost
    assert (None, ("2 moved tickets",)) in lost
    assert any(n.decisions[0].startswith("proposal") for n in replay.not_replayable)
    after = load_curated(ws, new.run_id)
    assert after.labels[LOGIN].name == "Login loop after 2FA"
    assert after.not_replayable == [n.to_dict() for n in replay.not_replayable]
    (saved,) = after.proposals.values()
    assert [after.labels[t].name for t in saved["theme_ids"]] == ["Login loop after 2FA"]
    assert after.history[-1].summary.endswith(f"{len(replay.not_replayable)} not replayable")
