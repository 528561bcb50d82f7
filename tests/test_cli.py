"""The voc command: exit codes, messages, JSON output, help examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, write_csv
from tests.synthetic import write_synthetic_run
from voc.cli import app

runner = CliRunner()
COMMANDS = [
    "cluster",
    "inspect",
    "themes",
    "diff",
    "assign",
    "report",
    "proposals export",
    "dashboard",
]

SMALL_EXPORT = "Id,Subject,Description\n" + "".join(
    f'{i},"{subject}","{body}"\n'
    for i, (subject, body) in enumerate(
        [
            (f"Refund request {n}", f"I would like my money back for order {n}, it was a mistake.")
            for n in range(12)
        ]
        + [
            (f"Dark mode {n}", f"Please add a dark theme to the app, my eyes hurt at night ({n}).")
            for n in range(12)
        ]
        + [
            (f"App crash {n}", f"The mobile app crashes every time I upload a photo (try {n}).")
            for n in range(12)
        ]
    )
)


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_missing_file_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    result = invoke("cluster", str(tmp_path / "tickets.csv"), "-w", str(tmp_path / "ws"))
    assert result.exit_code == 2
    assert "tickets.csv not found" in result.output
    assert "Traceback" not in result.output


def test_no_text_column_names_file_and_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "numbers.csv", "id,amount\n1,5\n")
    result = invoke("cluster", str(path), "-w", str(tmp_path / "ws"))
    assert result.exit_code == 2
    assert "numbers.csv" in result.output and "'amount'" in result.output
    assert "--text-col" in result.output


def test_empty_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "empty.csv", "")
    result = invoke("cluster", str(path), "-w", str(tmp_path / "ws"))
    assert result.exit_code == 2
    assert "empty.csv is empty" in result.output


def test_themes_without_runs_explains_what_to_do(tmp_path: Path) -> None:
    result = invoke("themes", "-w", str(tmp_path))
    assert result.exit_code == 2
    assert "voc cluster" in result.output


def test_bad_setting_in_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "voc.toml"
    cfg.write_text("[cluster]\nmin_theme_size = 0\n")
    path = write_csv(tmp_path / "t.csv", SMALL_EXPORT)
    result = invoke("cluster", str(path), "--config", str(cfg), "-w", str(tmp_path / "ws"))
    assert result.exit_code == 2
    assert "cluster.min_theme_size" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command: str) -> None:
    result = invoke(*command.split(), "--help")
    assert result.exit_code == 0
    assert f"voc {command}" in result.output and "Example" in result.output


def test_cluster_json_then_themes_json(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "small.csv", SMALL_EXPORT)
    ws = tmp_path / "ws"
    result = invoke("cluster", str(path), "-w", str(ws), "--min-theme-size", "5", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rows"]["used"] == 36
    assert data["themes_count"] == 3
    sizes = sorted(t["size"] for t in data["themes"] if t["theme_id"] >= 0)
    assert sizes == [12, 12, 12]
    shown = json.loads(invoke("themes", "-w", str(ws), "--json").stdout)
    assert shown["run_id"] == data["run_id"]
    table = invoke("themes", "-w", str(ws))
    assert table.exit_code == 0
    assert "36 used" in table.output and "Unthemed" in table.output


def test_python_dash_m_voc_runs_the_cli(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "voc", "themes", "--workspace", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 2
    assert "no complete run" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_too_few_tickets_is_all_unthemed_with_a_warning(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "tiny.csv", "id,subject\n1,Login broken\n2,Refund please\n")
    result = invoke("cluster", str(path), "-w", str(tmp_path / "ws"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["themes_count"] == 0
    assert data["unthemed_share"] == 1.0
    assert any("no theme found: 2 tickets" in w for w in data["warnings"])


def test_inspect_json_reports_mapping_rows_and_warnings(tmp_path: Path) -> None:
    export = (
        "Id,Subject,Description,Created at,Satisfaction Score\n"
        '1,Login,"Cannot log in, mail me at bob@example.com",2026-03-01 10:00,Good\n'
        "2,Login,,2026-03-02 10:00,Bad\n"
        "2,Login,,2026-03-02 10:00,Bad\n"
        "3,,,2026-03-03 10:00,\n"
        "4,Export,Broken,not a date,Offered\n"
    )
    path = write_csv(tmp_path / "tickets.csv", export)
    result = invoke("inspect", str(path), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["format"] == "csv" and report["delimiter"] == ","
    assert report["column_map"]["body"] == ["Description"]
    assert report["value_formats"]["csat"] == "good/bad (Zendesk)"
    assert report["rows_read"] == 5 and report["rows_used"] == 3
    assert report["skipped_by_reason"] == {"duplicate_row": 1, "empty_text": 1}
    dates = [w for w in report["warnings"] if "'Created at' could not be read" in w]
    assert len(dates) == 1 and "(rows 6)" in dates[0]


def test_inspect_with_a_column_map_and_clear_errors(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "odd.csv", "ref,customer_message\nA1,The app crashes\n")
    result = invoke("inspect", str(path))
    assert result.exit_code == 2
    assert "odd.csv" in result.output and "'customer_message'" in result.output
    assert "--columns" in result.output and "Traceback" not in result.output
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nticket_id = "ref"\nbody = "customer_message"\n')
    result = invoke("inspect", str(path), "--columns", str(mapping))
    assert result.exit_code == 0, result.output
    assert "1 row read, 1 usable, 0 skipped" in result.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[columns]\nbody = "nope"\n')
    result = invoke("inspect", str(path), "--columns", str(bad))
    assert result.exit_code == 2
    assert "column 'nope' (from the column map" in result.output


def test_report_writes_each_format_and_json_goes_to_stdout(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    write_synthetic_run(ws, hostile=False)
    for name in ("r.html", "r.md", "r.csv", "r.xlsx", "r.json"):
        result = invoke("report", "-w", str(ws), "--out", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 500
        assert "3 themes, 1 emerging" in result.output
    result = invoke("report", "-w", str(ws), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["themes"][0]["name"] == "login loop"


def test_report_fail_on_emerging_exit_code(tmp_path: Path) -> None:
    surging, calm = tmp_path / "surging", tmp_path / "calm"
    write_synthetic_run(surging, hostile=False)
    write_synthetic_run(calm, hostile=False, with_dates=False)
    result = invoke("report", "-w", str(surging), "-f", "json", "--fail-on-emerging")
    assert result.exit_code == 3 and "emerging: login loop" in result.output
    assert invoke("report", "-w", str(calm), "-f", "json", "--fail-on-emerging").exit_code == 0
    assert invoke("report", "-w", str(surging), "-f", "json").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "xlsx"], "pass --out FILE.xlsx"),
        (["--out", "r.txt"], "cannot tell the report format"),
        (["-f", "pdf"], "unknown report format 'pdf'"),
        (["--run", "nope"], "run 'nope' not found"),
    ],
)
def test_report_mistakes_are_one_line_and_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    write_synthetic_run(tmp_path / "ws", hostile=False)
    result = invoke("report", "-w", str(tmp_path / "ws"), *args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_report_on_an_empty_workspace_says_how_to_make_a_run(tmp_path: Path) -> None:
    result = invoke("report", "-w", str(tmp_path / "empty"))
    assert result.exit_code == 2 and "voc cluster FILE" in result.output


def test_proposals_export_writes_what_analysts_saved(tmp_path: Path) -> None:
    from voc.curation.actions import Curator
    from voc.curation.proposals import draft_proposal

    ws = tmp_path / "ws"
    write_synthetic_run(ws, hostile=False)
    curator = Curator(ws)
    draft = draft_proposal(curator.current(), [0])
    curator.save_proposal("ana", {**draft.to_dict(), "effort": 3})
    result = invoke(
        "proposals", "export", "-w", str(ws), "-f", "jira", "--out", str(tmp_path / "j.csv")
    )
    assert result.exit_code == 0 and "1 proposal of run" in result.output
    rows = (tmp_path / "j.csv").read_text(encoding="utf-8-sig")
    assert rows.startswith("Summary,Issue Type,Priority,Description,Labels") and draft.title in rows
    result = invoke("proposals", "export", "-w", str(ws), "-f", "json")
    assert json.loads(result.stdout)[0]["effort"] == 3
    bad = invoke("proposals", "export", "-w", str(ws), "-f", "pdf")
    assert bad.exit_code == 2 and "unknown proposals format" in bad.output


def test_dashboard_command_serves_the_workspace_locally(tmp_path: Path) -> None:
    from voc.serve import APP, dashboard_command

    command = dashboard_command(tmp_path / "ws", port=8600)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.port") + 1] == "8600"
    assert command[-2:] == ["--workspace", str((tmp_path / "ws").resolve())]
    assert APP.name == "app.py" and APP.parent.name == "dashboards"


def test_themes_shows_the_curated_view_and_raw_the_run_as_clustered(tmp_path: Path) -> None:
    from voc.curation.actions import Curator

    ws = tmp_path / "ws"
    stored = write_synthetic_run(ws, hostile=False)
    themed = [t for t in stored.themes if t.theme_id >= 0]
    first, second, third = themed[0], themed[1], themed[2]
    curator = Curator(ws)
    curator.rename("ana", first.theme_id, "Login loop after enabling 2FA")
    curator.merge("ana", [first.theme_id, second.theme_id], into=first.theme_id)
    curator.set_status("ana", third.theme_id, "dismissed")

    curated = json.loads(invoke("themes", "-w", str(ws), "--json").stdout)
    assert curated["view"] == "curated" and curated["edits_applied"] == 3
    names = [t["name"] for t in curated["themes"]]
    assert "Login loop after enabling 2FA" in names and second.name not in names
    assert curated["themes_count"] == len(themed) - 1
    merged = next(t for t in curated["themes"] if t["theme_id"] == first.theme_id)
    assert merged["size"] == first.size + second.size
    assert curated["dismissed_theme_ids"] == [third.theme_id]

    raw = json.loads(invoke("themes", "-w", str(ws), "--json", "--raw").stdout)
    assert raw["view"] == "raw" and raw["themes_count"] == len(themed)
    assert {t["name"] for t in raw["themes"]} >= {first.name, second.name}

    table = runner.invoke(app, ["themes", "-w", str(ws)], env={"COLUMNS": "240"})
    assert table.exit_code == 0, table.output
    assert "Login loop after enabling 2FA" in table.output and "(dismissed)" in table.output
    assert "3 analysts' edits applied" in table.output
    assert "stored" not in table.output.lower()  # a read-only command stores nothing
    assert "stored" not in invoke("themes", "-w", str(ws), "--raw").output.lower()


def _export(rows: list[tuple[str, str]], first_id: int) -> str:
    return "Id,Subject,Description\n" + "".join(
        f'{first_id + i},"{subject}","{body}"\n' for i, (subject, body) in enumerate(rows)
    )


def test_lineage_keeps_keys_across_exports_and_diff_reports_the_changes(tmp_path: Path) -> None:
    money = "I would like my money back for order {}, it was a mistake."
    refund = [(f"Refund request {n}", money.format(n)) for n in range(12)]
    crash = [(f"App crash {n}", f"The mobile app crashes every time I upload a photo (try {n}).")
             for n in range(30)]  # fmt: skip
    reset = [(f"Password reset {n}", f"The password reset email never arrives in my inbox ({n}).")
             for n in range(12)]  # fmt: skip
    # Next month: new tickets; refunds as before, crashes grew, dark mode is gone, resets are new.
    month2 = write_csv(tmp_path / "month2.csv", _export(refund + crash + reset, 1000))
    month1 = write_csv(tmp_path / "month1.csv", SMALL_EXPORT)
    ws = tmp_path / "ws"
    for path in (month1, month2):
        result = invoke("cluster", str(path), "-w", str(ws), "--min-theme-size", "5", "--json")
        assert result.exit_code == 0, result.output
    from voc.store import Workspace

    first, second = (Workspace(ws).load_run(r) for r in Workspace(ws).run_ids())
    assert first.lineage() is not None and first.lineage().earlier_run_id is None
    lineage = second.lineage()
    assert lineage is not None and lineage.earlier_run_id == first.run_id
    assert second.manifest["lineage"]["earlier_run"] == first.run_id

    def topic(stored, word: str) -> int:
        tickets = stored.tickets()
        hits = tickets[tickets["text"].str.contains(word)]
        return int(hits["theme_id"].mode()[0])

    old_keys = first.lineage().keys()
    new = {t.theme_id: t for t in lineage.themes}
    assert new[topic(second, "money back")].key == old_keys[topic(first, "money back")]
    assert new[topic(second, "money back")].relation in ("same", "renamed")
    assert new[topic(second, "crashes")].relation == "grown"
    assert new[topic(second, "crashes")].key == old_keys[topic(first, "crashes")]
    assert new[topic(second, "password reset")].relation == "new"
    assert [g.theme_id for g in lineage.gone] == [topic(first, "dark theme")]

    data = json.loads(invoke("diff", "-w", str(ws), "--json").stdout)
    assert data["run_id"] == second.run_id and data["earlier_run_id"] == first.run_id
    assert [c["size_after"] for c in data["new"]] == [12]
    assert [c["size_before"] for c in data["gone"]] == [12]
    assert [(c["size_before"], c["size_after"]) for c in data["grown"]] == [(12, 30)]
    text = runner.invoke(app, ["diff", "-w", str(ws)], env={"COLUMNS": "200"})
    assert text.exit_code == 0, text.output
    assert "1 new, 1 gone, 1 grown" in text.output
    wrong = invoke("diff", second.run_id, second.run_id, "-w", str(ws))
    assert wrong.exit_code == 2 and f"traced against run {first.run_id}" in wrong.output
    single = tmp_path / "single"
    assert invoke("cluster", str(month1), "-w", str(single), "--min-theme-size", "5").exit_code == 0
    lonely = invoke("diff", "-w", str(single))
    assert lonely.exit_code == 2 and "needs two" in lonely.output
