"""The dashboard's pages, run with Streamlit's AppTest on a real run of the sample export.

Each test module gets its own copy of the session's sample workspace (tests here edit it), and
each test edits as its own analyst, so one test's edits never undo another's.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from dashboards import data, state, views
from dashboards.app_pages import CURATE, OVERVIEW, PROPOSALS, REPORTS, RUNS, THEME
from tests.conftest import ROOT, SAMPLE
from tests.synthetic import IMG_QUOTE, SCRIPT_NAME, write_synthetic_run
from voc import schema
from voc.curation.explore import merge_suggestions
from voc.curation.proposals import export_proposals, saved_proposals
from voc.curation.replay import DISMISSED, load_curated
from voc.schema import ThemeQuality
from voc.store import Workspace

APP = ROOT / "dashboards" / "app.py"
PAGES = (OVERVIEW, THEME, CURATE, PROPOSALS, REPORTS, RUNS)
TIMEOUT = 120  # seconds per script run; clustering an upload is the slowest
MARKUP = "**bold** <script>alert(1)</script>"
Open = Callable[..., AppTest]


def copy_workspace(source: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    target = tmp_path_factory.mktemp(name) / "workspace"
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="module")
def workspace(sample_run, sample_workspace: Path, tmp_path_factory) -> Path:
    """A copy of the sample run's workspace, embedding cache included."""
    return copy_workspace(sample_workspace, tmp_path_factory, "dashboard")


def opener(root: Path, monkeypatch: pytest.MonkeyPatch) -> Open:
    monkeypatch.setenv("VOC_WORKSPACE", str(root))

    def open_page(page: str = OVERVIEW, author: str | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        if author:
            at.session_state[state.AUTHOR] = author
        at.run()
        if page != OVERVIEW:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


@pytest.fixture
def open_app(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Open:
    """Open a page of the app on the module's workspace, as a new browser session."""
    return opener(workspace, monkeypatch)


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def messages(at: AppTest, kind: str = "success") -> list[str]:
    return [m.value for m in getattr(at, kind)]


def widget(at: AppTest, kind: str, base: str):
    """The one widget of a kind whose key is ``base``, or ``base`` versioned by the run's edits
    (see ``dashboards.state.versioned``)."""
    found = [w for w in getattr(at, kind) if w.key == base or str(w.key).startswith(f"{base}-")]
    assert len(found) == 1, (base, [w.key for w in getattr(at, kind)])
    return found[0]


def option(at: AppTest, key: str) -> str:
    box = widget(at, "selectbox", key)
    return box.format_func(box.value)


def history_of(at: AppTest) -> pd.DataFrame:
    """The Curate page's history table (a table without selection has no key under AppTest)."""
    return next(d.value for d in at.dataframe if "in effect" in d.value)


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def top_theme(workspace: Path) -> int:
    curated = load_curated(workspace)
    return views.theme_choices(curated, editable=True)[0]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exceptions(open_app: Open, page: str) -> None:
    at = open_app(page, author="viewer")
    assert at.title or at.header, f"{page} shows no title"
    assert not at.error, messages(at, "error")


def test_overview_shows_headline_numbers_table_map_and_trends(
    open_app: Open, workspace: Path
) -> None:
    curated = load_curated(workspace)
    at = open_app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tickets"] == f"{len(curated.tickets):,}"
    assert metrics["Themes"] == str(sum(1 for t in curated.themes if t.theme_id >= 0))
    table = widget(at, "dataframe", state.OVERVIEW_TABLE).value
    assert table["friction"].is_monotonic_decreasing or table["rank"].is_monotonic_increasing
    assert set(table["id"]) >= {t.theme_id for t in curated.themes if t.theme_id >= 0}
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # map, weekly trends, friction vs volume

    plan = views.options(curated.tickets, schema.PLAN)[0]
    at.multiselect(key=state.OVERVIEW_PLANS).set_value([plan]).run()
    filtered = widget(at, "dataframe", state.OVERVIEW_TABLE).value
    expected = int((curated.tickets[schema.PLAN] == plan).sum())
    assert filtered["tickets"].sum() == expected < len(curated.tickets)


def test_overview_opens_the_selected_theme_in_the_detail_page(
    open_app: Open, workspace: Path
) -> None:
    at = open_app()
    table = widget(at, "dataframe", state.OVERVIEW_TABLE).value
    table_key = widget(at, "dataframe", state.OVERVIEW_TABLE).key
    at.session_state[table_key] = {"selection": {"rows": [2], "columns": []}}
    at.run()
    click(at, state.OVERVIEW_OPEN)
    assert at.session_state[state.THEME_ID] == int(table["id"].iloc[2])
    assert widget(at, "selectbox", state.DETAIL_PICK).value == int(table["id"].iloc[2])


def test_theme_detail_shows_scores_quotes_breakdowns_and_every_ticket(
    open_app: Open, workspace: Path
) -> None:
    curated = load_curated(workspace)
    at = open_app(THEME)
    theme = curated.theme(widget(at, "selectbox", state.DETAIL_PICK).value)
    assert any(t.startswith("Kind: ") for t in texts(at))
    assert set(theme.representative_texts) <= set(texts(at))
    tickets = at.dataframe[-1].value
    assert len(tickets) == theme.size
    assert {"channel", "plan", "organization"} <= {c for d in at.dataframe for c in d.value}
    word = theme.keywords[0].split()[0]
    at.text_input(key=state.DETAIL_SEARCH).input(word).run()
    found = at.dataframe[-1].value
    assert 0 < len(found) <= theme.size
    assert found["text"].str.lower().str.contains(word).all() or "subject" in found
    picked = found.loc[found[schema.TEXT].str.len().idxmax()]
    at.selectbox(key=f"{state.READ}{state.DETAIL_SEARCH}").set_value(picked[schema.TICKET_ID])
    at.run()
    assert picked[schema.TEXT] in texts(at)  # any ticket of the list, whole


def test_the_analysts_name_is_asked_once_before_the_first_edit(open_app: Open) -> None:
    at = open_app(CURATE)
    assert at.text_input(key=state.AUTHOR_INPUT)
    assert not [b for b in at.button if b.key == state.RENAME]
    at.text_input(key=state.AUTHOR_INPUT).input("  Ana   Lopez ")
    click(at, state.AUTHOR_SAVE)
    assert at.session_state[state.AUTHOR] == "Ana Lopez"
    assert at.button(key=state.RENAME)
    at.switch_page(PROPOSALS).run()  # the same session is not asked again
    assert not [t for t in at.text_input if t.key == state.AUTHOR_INPUT]


def test_rename_shows_on_the_next_run_and_undo_restores(open_app: Open, workspace: Path) -> None:
    theme_id = top_theme(workspace)
    before = load_curated(workspace).labels[theme_id].name
    at = open_app(CURATE, author="rename-test")
    widget(at, "text_input", state.RENAME_INPUT).input("Slow dashboard after release 5.0")
    click(at, state.RENAME)
    assert messages(at) == [f"Renamed theme {theme_id}."]
    assert option(at, state.CURATE_PICK).startswith("Slow dashboard after release 5.0 ·")
    history = history_of(at)
    assert history.iloc[0]["analyst"] == "rename-test"
    assert history.iloc[0]["what"] == (
        f'renamed theme "{before}" (#{theme_id}) to "Slow dashboard after release 5.0"'
    )
    overview = open_app()
    assert "Slow dashboard after release 5.0" in set(
        widget(overview, "dataframe", state.OVERVIEW_TABLE).value["theme"]
    )

    click(at, state.UNDO)
    assert messages(at)[0].startswith("Undid edit")
    assert option(at, state.CURATE_PICK).startswith(f"{before} ·")
    assert history_of(at).iloc[1]["in effect"] == "undone"


def test_a_rename_to_another_themes_name_is_refused_with_a_merge_offered(
    open_app: Open, workspace: Path
) -> None:
    theme_id = top_theme(workspace)
    curated = load_curated(workspace)
    other = next(t for t in curated.themes if t.theme_id not in (theme_id, -1))
    at = open_app(CURATE, author="duplicate-test")
    widget(at, "text_input", state.RENAME_INPUT).input(other.name.lower())
    click(at, state.RENAME)
    errors = messages(at, "error")
    assert len(errors) == 1 and f'already named "{other.name}"' in errors[0], errors
    assert f"merge themes {theme_id} and {other.theme_id}" in errors[0]
    assert load_curated(workspace).labels[theme_id].name == curated.labels[theme_id].name
    # The page stays where it was: the theme, the tab, and the name as typed.
    assert widget(at, "selectbox", state.CURATE_PICK).value == theme_id
    assert at.session_state[state.CURATE_TAB] == state.LABEL_TAB
    assert widget(at, "text_input", state.RENAME_INPUT).value == other.name.lower()


def test_kind_status_issue_and_note_are_saved_and_shown(open_app: Open, workspace: Path) -> None:
    theme_id = top_theme(workspace)
    at = open_app(CURATE, author="label-test")
    widget(at, "selectbox", state.KIND_INPUT).set_value("praise")
    click(at, state.SET_KIND)
    widget(at, "text_input", state.ISSUE_INPUT).input("PROJ-42")
    click(at, state.LINK_ISSUE)
    widget(at, "text_area", state.NOTE_INPUT).input("Seen by support leads too.")
    click(at, state.ADD_NOTE)
    assert widget(at, "text_area", state.NOTE_INPUT).value == ""
    notes = next(d.value for d in at.dataframe if "note" in d.value)
    assert "Seen by support leads too." in set(notes["note"])

    detail = open_app(THEME)
    widget(detail, "selectbox", state.DETAIL_PICK).set_value(theme_id).run()
    facts = next(t for t in texts(detail) if t.startswith("Kind: "))
    assert "praise (set by an analyst)" in facts and "Issue: PROJ-42" in facts

    widget(at, "selectbox", state.STATUS_INPUT).set_value(DISMISSED)
    click(at, state.SET_STATUS)
    table = widget(open_app(), "dataframe", state.OVERVIEW_TABLE).value
    assert theme_id not in set(table["id"])  # dismissed themes leave the ranking
    for key in (state.UNDO,) * 4:
        click(at, key)
    assert load_curated(workspace).labels[theme_id].status != DISMISSED


def test_merge_two_themes(open_app: Open, workspace: Path) -> None:
    curated = load_curated(workspace)
    first, second = views.theme_choices(curated, editable=True)[-2:]
    at = open_app(CURATE, author="merge-test")
    widget(at, "multiselect", state.MERGE_THEMES).set_value([first, second]).run()
    widget(at, "selectbox", state.MERGE_INTO).set_value(first)
    click(at, state.MERGE)
    assert messages(at) == [f"Merged themes {first}, {second} into {first}."]
    merged = load_curated(workspace)
    assert second not in {t.theme_id for t in merged.themes}
    assert merged.theme(first).size == curated.theme(first).size + curated.theme(second).size
    assert not [
        o for o in widget(at, "selectbox", state.CURATE_PICK).options if o.endswith(f"#{second}")
    ]
    click(at, state.UNDO)
    assert second in {t.theme_id for t in load_curated(workspace).themes}


def test_split_is_reviewed_before_it_is_saved(open_app: Open, workspace: Path) -> None:
    theme_id = views.theme_choices(load_curated(workspace), editable=True)[1]  # not the first
    edits = len(load_curated(workspace).history)
    at = open_app(CURATE, author="split-test")
    widget(at, "selectbox", state.CURATE_PICK).set_value(theme_id).run()
    at.session_state[state.CURATE_TAB] = state.SPLIT_TAB  # the analyst opens the Split tab
    at.run()
    click(at, state.PROPOSE_SPLIT)
    assert not messages(at, "error"), messages(at, "error")
    assert at.session_state[state.CURATE_TAB] == state.SPLIT_TAB  # the proposal is not hidden
    assert widget(at, "selectbox", state.CURATE_PICK).value == theme_id
    names = [t for t in at.text_input if str(t.key).startswith(state.SPLIT_NAME)]
    assert len(names) >= 2
    assert len(load_curated(workspace).history) == edits  # nothing saved yet
    names[0].input("Search returns nothing")
    click(at, state.ACCEPT_SPLIT)
    curated = load_curated(workspace)
    assert theme_id not in {t.theme_id for t in curated.themes}
    assert "Search returns nothing" in {label.name for label in curated.labels.values()}
    # Still on the Split tab, now on the first new part.
    assert at.session_state[state.CURATE_TAB] == state.SPLIT_TAB
    first_part = widget(at, "selectbox", state.CURATE_PICK).value
    assert curated.labels[first_part].name == "Search returns nothing"
    assert curated.labels[first_part].split_from == theme_id
    click(at, state.UNDO)
    assert theme_id in {t.theme_id for t in load_curated(workspace).themes}


def test_a_merge_suggestion_opens_the_merge_form_on_its_pair(
    open_app: Open, workspace: Path
) -> None:
    found = merge_suggestions(load_curated(workspace))
    assert found, "the sample run has themes close enough to suggest a merge"
    first, second = found[0].theme_ids
    at = open_app(CURATE, author="suggest-test")
    assert [b.key for b in at.button if str(b.key).startswith(state.REVIEW_MERGE)] == [
        f"{state.REVIEW_MERGE}{a}_{b}" for a, b in (m.theme_ids for m in found)
    ]
    click(at, f"{state.REVIEW_MERGE}{first}_{second}")
    assert at.session_state[state.CURATE_TAB] == state.MERGE_TAB
    assert widget(at, "selectbox", state.CURATE_PICK).value == first
    assert widget(at, "multiselect", state.MERGE_THEMES).value == [first, second]
    assert not at.exception and not messages(at, "error")


def test_search_across_all_tickets_and_read_one_whole(open_app: Open, workspace: Path) -> None:
    curated = load_curated(workspace)
    at = open_app(CURATE, author="search-test")
    at.text_input(key=state.SEARCH_ALL).input("invoice").run()
    found = [d.value for d in at.dataframe if schema.TICKET_ID in d.value][-1]  # after the move
    expected = views.filter_tickets(curated.tickets, views.TicketFilter(query="invoice"))
    assert len(found) == len(expected) > 0
    assert found[schema.THEME_NAME].nunique() > 1  # across themes, not only the picked one
    assert set(found[schema.TICKET_ID]) == set(expected[schema.TICKET_ID])
    longest = expected.loc[expected[schema.TEXT].str.len().idxmax()]
    at.selectbox(key=f"{state.READ}{state.SEARCH_TABLE}").set_value(longest[schema.TICKET_ID])
    at.run()
    assert longest[schema.TEXT] in texts(at) and len(longest[schema.TEXT]) > 100


def test_move_selected_tickets_to_another_theme(open_app: Open, workspace: Path) -> None:
    curated = load_curated(workspace)
    theme_id = top_theme(workspace)
    at = open_app(CURATE, author="move-test")
    table_key = widget(at, "dataframe", state.MOVE_TABLE).key
    shown = widget(at, "dataframe", state.MOVE_TABLE).value
    at.session_state[table_key] = {"selection": {"rows": [0, 1], "columns": []}}
    at.run()
    longest = shown.loc[shown[schema.TEXT].str.len().idxmax()]
    widget(at, "selectbox", f"{state.READ}{table_key}").set_value(longest[schema.TICKET_ID]).run()
    assert longest[schema.TEXT] in texts(at)  # the whole text, not a cell's worth
    target = widget(at, "selectbox", state.MOVE_TO).value
    click(at, state.MOVE)
    assert messages(at) == [f"Moved 2 tickets to theme {target}."]
    moved = load_curated(workspace)
    owner = dict(zip(moved.tickets[schema.TICKET_ID], moved.tickets[schema.THEME_ID], strict=True))
    assert [owner[t] for t in shown[schema.TICKET_ID].iloc[:2]] == [target, target]
    assert moved.theme(theme_id).size == curated.theme(theme_id).size - 2
    click(at, state.UNDO)


def test_two_analysts_edit_the_same_theme_and_the_later_rename_wins(
    open_app: Open, workspace: Path
) -> None:
    theme_id = top_theme(workspace)
    ana, ben = open_app(CURATE, author="Ana"), open_app(CURATE, author="Ben")
    widget(ana, "text_input", state.RENAME_INPUT).input("Ana's name")
    widget(ben, "text_input", state.RENAME_INPUT).input("Ben's name")
    click(ana, state.RENAME)
    click(ben, state.RENAME)
    ana.run()
    assert option(ana, state.CURATE_PICK).startswith("Ben's name ·")
    history = history_of(ana)
    assert list(history["analyst"].iloc[:2]) == ["Ben", "Ana"]
    click(ben, state.UNDO)
    click(ana, state.UNDO)
    assert load_curated(workspace).labels[theme_id].name not in ("Ana's name", "Ben's name")


def test_proposal_is_drafted_edited_scored_saved_and_exported(
    open_app: Open, workspace: Path
) -> None:
    at = open_app(PROPOSALS, author="pm")
    chosen = widget(at, "multiselect", state.PROPOSAL_THEMES).value
    assert len(chosen) == 1
    click(at, state.DRAFT_PROPOSAL)
    title = at.text_input(key=state.P_TITLE).value
    curated = load_curated(workspace)
    assert curated.labels[chosen[0]].name in title
    assert at.number_input(key=state.P_REACH).value > 0
    assert at.metric[0].value == "n/a (enter the effort)"
    assert any(w.value.startswith("RICE incomplete") for w in at.warning)
    at.number_input(key=state.P_EFFORT).set_value(2.0).run()
    assert not any(w.value.startswith("RICE incomplete") for w in at.warning)
    reach = at.number_input(key=state.P_REACH).value
    impact = at.selectbox(key=state.P_IMPACT).value
    confidence = at.number_input(key=state.P_CONFIDENCE).value
    assert at.metric[0].value == f"{round(reach * impact * confidence / 2.0, 2):g}"
    at.text_input(key=state.P_TITLE).input("Fix the search bar").run()
    at.switch_page(OVERVIEW).run()  # look something up elsewhere: the draft waits
    at.switch_page(PROPOSALS).run()
    assert at.text_input(key=state.P_TITLE).value == "Fix the search bar"
    assert at.number_input(key=state.P_EFFORT).value == 2.0
    click(at, state.SAVE_PROPOSAL)
    assert messages(at) == ["Saved the proposal."]
    saved = at.dataframe[0].value
    assert list(saved["title"]) == ["Fix the search bar"] and saved["analyst"].iloc[0] == "pm"
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Export Markdown", "Export CSV", "Export JSON", "Export Jira CSV"]

    proposals = saved_proposals(load_curated(workspace))
    rows = pd.read_csv(io.BytesIO(export_proposals(proposals, "csv")), encoding="utf-8-sig")
    assert list(rows["title"]) == ["Fix the search bar"]
    assert rows["effort"].iloc[0] == 2.0 and rows["author"].iloc[0] == "pm"
    jira = pd.read_csv(io.BytesIO(export_proposals(proposals, "jira")), encoding="utf-8-sig")
    assert list(jira.columns[:3]) == ["Summary", "Issue Type", "Priority"]
    assert list(jira["Summary"]) == ["Fix the search bar"]

    at.button(key=state.DELETE_PROPOSAL).click().run()
    assert not saved_proposals(load_curated(workspace))


def test_reports_page_offers_every_format_with_edits_applied(
    open_app: Open, workspace: Path
) -> None:
    at = open_app(REPORTS)
    assert len(at.get("download_button")) == 5
    curated = load_curated(workspace)
    markdown = data.report_file(str(workspace), curated.run_id, curated.last_edit_id, "md")
    assert markdown.startswith(b"# Friction report")


def test_an_uploaded_file_that_is_not_an_export_shows_the_clear_error(open_app: Open) -> None:
    at = open_app(RUNS)
    at.file_uploader(key=state.UPLOAD).set_value(
        ("notes.csv", b"\x89PNG\r\n\x1a\n\0\0", "text/csv")
    )
    at.run()
    assert messages(at, "error") == [
        "notes.csv is a PNG image, which voc cannot read; export the tickets as CSV, XLSX, "
        "JSON, JSON Lines or Parquet"
    ]
    assert not at.exception and not [b for b in at.button if b.key == state.CLUSTER]
    at.file_uploader(key=state.UPLOAD).set_value(("numbers.csv", b"a,b\n1,2\n", "text/csv"))
    at.run()
    assert "no ticket text column found in numbers.csv" in messages(at, "error")[0]


def test_an_uploaded_export_is_inspected_and_clustered_into_a_new_run(
    sample_run, sample_workspace: Path, tmp_path_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = copy_workspace(sample_workspace, tmp_path_factory, "upload")  # embeddings cached
    runs = data.run_ids(str(workspace))
    part = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=600)
    at = opener(workspace, monkeypatch)(RUNS)
    upload = ("part.csv", part.to_csv(index=False).encode("utf-8"), "text/csv")
    at.file_uploader(key=state.UPLOAD).set_value(upload).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rows read"] == "600"
    click(at, state.CLUSTER)
    new = [r for r in data.run_ids(str(workspace)) if r not in runs]
    assert len(new) == 1
    assert at.session_state[state.RUN_ID] == new[0]
    assert messages(at) == [f"Clustered part.csv into run {new[0]}."]
    assert widget(at, "selectbox", state.RUN_PICK).value == new[0]
    # Done: the way on is the new run, not a second run of the same file.
    assert not [b for b in at.button if b.key == state.CLUSTER]
    links = at.get("page_link")
    assert [link.proto.label for link in links] == [f"Open run {new[0]}"]
    assert views.runs_table([data.manifest(str(workspace), new[0])])["export"][0] == "part.csv"
    assert option(at, state.RUN_PICK).startswith(f"{new[0]} · part.csv ·")
    assert views.export_name("/ws/uploads/0123456789ab-part.csv") == "part.csv"  # older uploads


def test_an_upload_without_a_known_text_column_lets_the_analyst_pick_it(open_app: Open) -> None:
    export = "Blurb,Stamp,Ref\n" + "".join(
        f"My invoice number {n} shows the wrong VAT amount,2026-03-0{1 + n % 9},R{n}\n"
        for n in range(12)
    )
    at = open_app(RUNS)
    at.file_uploader(key=state.UPLOAD).set_value(("blurbs.csv", export.encode(), "text/csv"))
    at.run()
    assert "no ticket text column found in blurbs.csv" in messages(at, "error")[0]
    assert not [b for b in at.button if b.key == state.CLUSTER]
    at.multiselect(key=state.UPLOAD_TEXT_COLS).set_value(["Blurb"])
    at.selectbox(key=state.UPLOAD_ID_COL).set_value("Ref")
    at.selectbox(key=state.UPLOAD_DATE_COL).set_value("Stamp").run()
    assert not messages(at, "error"), messages(at, "error")
    assert {m.label: m.value for m in at.metric}["Usable"] == "12"
    mapping = next(d.value for d in at.dataframe if "voc field" in d.value)
    fed = dict(zip(mapping["voc field"], mapping["export columns"], strict=True))
    assert fed["ticket_id"] == "Ref" and fed["created_at"] == "Stamp" and "Blurb" in fed.values()
    assert at.button(key=state.CLUSTER)


def test_overview_shows_what_changed_since_the_last_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_synthetic_run(tmp_path, hostile=False, trace_earlier=True)
    keep = lambda t: t[schema.THEME_ID] != 2  # noqa: E731 - the praise theme is gone
    write_synthetic_run(tmp_path, hostile=False, trace_earlier=True, keep=keep)
    at = opener(tmp_path, monkeypatch)(OVERVIEW)
    first = Workspace(tmp_path).run_ids()[0]
    assert [e.label for e in at.expander][0] == "Since the last run"
    headline = next(t for t in texts(at) if t.startswith("Since run"))
    assert headline.startswith(f"Since run {first} (207 tickets; this run 167): 0 new, 1 gone")
    table = next(d.value for d in at.dataframe if "change" in d.value)
    gone = table[table["change"] == "gone"].iloc[0]
    assert gone["theme"] == '"thanks support" (#2)' and gone["tickets before"] == "40"
    assert gone["tickets after"] == "n/a" and gone["share before"].endswith("%")


def test_curate_lists_what_the_previous_runs_curation_could_not_bring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from voc.curation.actions import Curator
    from voc.curation.carry import replay_curation

    first = write_synthetic_run(tmp_path, hostile=False, trace_earlier=True)
    Curator(tmp_path, first.run_id).set_status("ana", 2, DISMISSED)
    keep = lambda t: t[schema.THEME_ID] != 2  # noqa: E731 - the praise theme is gone
    second = write_synthetic_run(tmp_path, hostile=False, trace_earlier=True, keep=keep)
    replay_curation(tmp_path, second.run_id)
    at = opener(tmp_path, monkeypatch)(CURATE, author="replay-test")
    assert "1 decision of the previous run could not be replayed on this run" in [
        e.label for e in at.expander
    ]
    table = next(d.value for d in at.dataframe if "why" in d.value)
    assert table.to_dict("records") == [
        {
            "theme": '"thanks support" (#2)',
            "decisions": DISMISSED,
            "why": f"no theme of run {second.run_id} descends from it (its tickets are gone)",
        }
    ]
    assert not at.exception


def test_a_first_run_shows_no_changes_since_a_last_run(open_app: Open) -> None:
    at = open_app()
    assert "Since the last run" not in [e.label for e in at.expander]
    assert not [t for t in texts(at) if t.startswith("Since run")]


def test_a_split_suggestion_opens_the_split_proposal_of_its_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clustered = write_synthetic_run(tmp_path / "clustered", hostile=False)
    mixed = ThemeQuality(0.5, 1, 0.2, split_similarity=0.3, mixed=True)
    themes = [replace(t, quality=mixed) if t.theme_id == 1 else t for t in clustered.themes]
    Workspace(tmp_path / "ws").write_run(
        clustered.run_id, clustered.manifest, clustered.tickets(), themes, [], [],
        clustered.centroids(), clustered.scores(),
    )  # fmt: skip
    at = opener(tmp_path / "ws", monkeypatch)(CURATE, author="suggest-test")
    assert [b.key for b in at.button if str(b.key).startswith(state.REVIEW_SPLIT)] == [
        f"{state.REVIEW_SPLIT}1"
    ]
    click(at, f"{state.REVIEW_SPLIT}1")
    assert at.session_state[state.CURATE_TAB] == state.SPLIT_TAB
    assert widget(at, "selectbox", state.CURATE_PICK).value == 1
    assert at.session_state[state.SPLIT].theme_id == 1
    assert [t for t in at.text_input if str(t.key).startswith(state.SPLIT_NAME)]
    assert at.button(key=state.ACCEPT_SPLIT)


@pytest.fixture
def hostile_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Open:
    """A small run whose theme names, quotes and organizations hold markup; it has no map,
    subjects, channels or plans, so pages also show a run with missing columns."""
    write_synthetic_run(tmp_path, hostile=True)
    return opener(tmp_path, monkeypatch)


def markdown_shown(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's Markdown renderer."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "success", "info", "warning")
    found = [e.value for kind in kinds for e in getattr(at, kind)]
    return found + [e.value for e in at.error] + [m.label for m in at.metric]


@pytest.mark.parametrize("page", PAGES)
def test_ticket_text_and_names_with_markup_are_shown_as_text(hostile_app: Open, page: str) -> None:
    curator_page = hostile_app(CURATE, author="<b>eve</b>")
    widget(curator_page, "selectbox", state.CURATE_PICK).set_value(0).run()
    widget(curator_page, "text_input", state.RENAME_INPUT).input(MARKUP)
    click(curator_page, state.RENAME)
    widget(curator_page, "text_area", state.NOTE_INPUT).input(f"note {MARKUP}")
    click(curator_page, state.ADD_NOTE)

    at = hostile_app(page, author="<b>eve</b>")
    if page == THEME:
        widget(at, "selectbox", state.DETAIL_PICK).set_value(0).run()
    for shown in markdown_shown(at):
        # As Streamlit's Markdown renderer reads it (CommonMark): no payload becomes markup.
        page_html = MarkdownIt("commonmark").render(str(shown))
        assert "<script" not in page_html and "<img" not in page_html, shown
        assert "<b>" not in page_html and "<strong>" not in page_html, shown
    if page == OVERVIEW:
        assert MARKUP in set(widget(at, "dataframe", state.OVERVIEW_TABLE).value["theme"])
    if page == THEME:
        assert option(at, state.DETAIL_PICK).startswith(MARKUP)
        assert IMG_QUOTE in texts(at)
        notes = next(d.value for d in at.dataframe if "note" in d.value)
        assert f"note {MARKUP}" in set(notes["note"])
        assert at.header[0].value == r"\*\*bold\*\* \<script\>alert(1)\</script\>"
    if page == CURATE:
        assert option(at, state.CURATE_PICK).startswith(MARKUP)
        assert SCRIPT_NAME not in option(at, state.CURATE_PICK)


@pytest.mark.parametrize("page", PAGES)
def test_a_workspace_without_runs_points_to_the_runs_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    at = opener(tmp_path / "empty", monkeypatch)(page)
    assert messages(at, "info")[0].startswith("No run in")
    if page == RUNS:
        assert at.file_uploader(key=state.UPLOAD)


def test_the_workspace_comes_from_the_command_line_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("VOC_WORKSPACE", str(tmp_path / "env"))
    assert data.workspace_root(["--workspace", str(tmp_path / "cli")]) == str(tmp_path / "cli")
    assert data.workspace_root(["--other"]) == str(tmp_path / "env")
    monkeypatch.delenv("VOC_WORKSPACE")
    assert data.workspace_root([]) == str(Path("workspace").resolve())


def test_progress_of_a_whole_run_only_moves_forward() -> None:
    seen = [views.progress_fraction(stage, done, 4) for stage in views.STAGES for done in range(5)]
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 1
