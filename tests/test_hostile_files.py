"""Hostile export files: one sentence and exit 2, or every row used or skipped; bounded memory.

The corpus (``tests/hostile_corpus.py``) is written by code into a temporary folder and every
file goes through ``voc inspect`` and ``voc cluster`` in-process; a few go through a real
``python -m voc`` process, which also measures peak memory on the decompression bombs.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from dashboards import state
from dashboards.app_pages import RUNS
from tests.conftest import ROOT
from tests.hostile_corpus import BOMB_BYTES, Case, absurd_dimension, tickets, write_corpus
from voc.cli import app
from voc.config import IngestConfig
from voc.errors import IngestError
from voc.ingest import read_export
from voc.ingest.files import _stat_problem
from voc.ingest.readers import detect_encoding

runner = CliRunner()
CASES = write_corpus(Path("corpus"), write=False)
MIB = 1 << 20
LINE = '{"Id": 2, "Subject": "Dark mode", "Description": "please add a dark theme"}\n'


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One workspace for every run of the corpus, so its embedding cache is shared."""
    return tmp_path_factory.mktemp("hostile_ws")


def test_the_corpus_holds_at_least_30_files_of_both_outcomes() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)
    assert sum(c.refused for c in CASES) >= 20 and sum(not c.refused for c in CASES) >= 15


def assert_one_sentence(output: str, case: Case) -> None:
    """Exit 2's output: one line, naming the file, with the expected reason, no traceback."""
    assert "Traceback" not in output
    lines = output.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ") and case.name in lines[0], lines[0]
    assert case.message in lines[0], lines[0]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_inspect_refuses_in_one_sentence_or_accounts_for_every_row(
    case: Case, corpus: Path
) -> None:
    started = time.perf_counter()
    result = runner.invoke(app, ["inspect", str(corpus / case.name), *case.args(corpus), "--json"])
    assert time.perf_counter() - started < 30  # never a hang (the FIFO, the absurd XLSX)
    if case.refused:
        assert result.exit_code == 2, result.output
        assert_one_sentence(result.output, case)
        return
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rows_read"] == case.rows
    assert report["rows_read"] == report["rows_used"] + sum(report["skipped_by_reason"].values())
    assert report["skipped_by_reason"] == case.skipped
    if case.warning:
        assert any(case.warning in w for w in report["warnings"]), report["warnings"]


CLUSTERED = [c for c in CASES if c.refused or c.cluster]


@pytest.mark.parametrize("case", CLUSTERED, ids=[c.name for c in CLUSTERED])
def test_cluster_refuses_in_one_sentence_or_stores_every_row_used_or_skipped(
    case: Case, corpus: Path, workspace: Path
) -> None:
    args = ["cluster", str(corpus / case.name), "-w", str(workspace), *case.args(corpus)]
    result = runner.invoke(app, [*args, "--json"])
    if case.refused:
        assert result.exit_code == 2, result.output
        assert_one_sentence(result.output, case)
        return
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    rows = summary["rows"]
    assert rows["read"] == case.rows == rows["used"] + rows["skipped"]
    assert rows["skipped_by_reason"] == case.skipped
    run = Path(summary["path"])
    assert len(pd.read_parquet(run / "tickets.parquet")) == rows["used"]
    skipped = pd.read_csv(run / "skipped.csv")
    assert len(skipped) == rows["skipped"] and skipped["row_number"].is_unique
    if case.warning:
        assert any(case.warning in w for w in summary["warnings"]), summary["warnings"]


def run_voc(*args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], int]:
    """``python -m voc ARGS`` in a real process, and its peak resident memory in bytes
    (measured by a parent of its own, so no other child of the test run is counted)."""
    parent = (
        "import json, resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'voc', *sys.argv[1:]], "
        "capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
        "print(json.dumps([done.returncode, done.stdout, done.stderr, peak]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", parent, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    code, out, err, peak = json.loads(done.stdout)
    return subprocess.CompletedProcess(args, code, out, err), peak


@pytest.mark.parametrize("name", ["bomb.csv.gz", "bomb.json.gz"])
def test_a_decompression_bomb_is_refused_by_a_real_process_in_bounded_memory(
    name: str, corpus: Path
) -> None:
    case = next(c for c in CASES if c.name == name)
    done, peak = run_voc("inspect", str(corpus / name))
    assert done.returncode == 2
    assert_one_sentence(done.stdout + done.stderr, case)
    assert "16,000,000 characters" in done.stderr  # the limit, in the message
    assert peak < 1024 * MIB, f"peak {peak / MIB:.0f} MiB"  # the file inflates to 1.5 GB


def test_a_fifo_and_a_deep_document_are_one_sentence_from_a_real_process(corpus: Path) -> None:
    for name in ("pipe.csv", "deep.json"):
        case = next(c for c in CASES if c.name == name)
        done, _ = run_voc("cluster", str(corpus / name), "-w", str(corpus / "ws"), "--json")
        assert done.returncode == 2
        assert_one_sentence(done.stdout + done.stderr, case)


def test_the_bomb_inflates_to_what_the_tester_reported(corpus: Path) -> None:
    assert BOMB_BYTES >= 1_500_000_000
    assert (corpus / "bomb.csv.gz").stat().st_size < 2 * MIB


def test_an_absurd_xlsx_dimension_is_read_in_seconds(tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    path.write_bytes(absurd_dimension())
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    result = read_export(path)
    assert time.perf_counter() - started < 5
    assert result.rows_read == len(tickets()) + 1
    assert [s.row_number for s in result.skipped] == [1_048_576]  # the far cell's own row


def test_the_first_non_empty_sheet_is_read_and_named(corpus: Path) -> None:
    result = read_export(corpus / "second_sheet_auto.xlsx")
    assert result.detail == "sheet 'Tickets' (second of 2 sheets; empty before it: 'Empty')"
    assert result.rows_used == len(tickets())


def test_utf16_without_byte_order_mark_is_detected_both_ways() -> None:
    text = "Id,Subject,Description\n1,Caf\u00e9,Bonjour \u00e0 tous\n"
    assert detect_encoding(text.encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding(text.encode("utf-16-be")) == "utf-16-be"
    assert detect_encoding(text.encode("utf-8")) == "utf-8"


def test_a_huge_integer_is_kept_as_its_digits(tmp_path: Path) -> None:
    digits = "1" + "0" * 4999
    path = tmp_path / "big.json"
    path.write_text(f'[{{"Id": {digits}, "Subject": "Refund", "Description": "money back"}}]')
    result = read_export(path)
    assert result.frame["ticket_id"].tolist() == [digits]


@pytest.mark.parametrize("value", ["[" * 10 + "]" * 10, '{"a": ' * 10 + "1" + "}" * 10])
def test_nesting_over_the_setting_is_refused_and_under_it_read(tmp_path: Path, value: str) -> None:
    """Ten levels of lists or of objects inside a ticket in a list: 12 levels in all."""
    path = tmp_path / "nested.json"
    path.write_text(f'[{{"Id": 1, "Description": "money back please", "x": {value}}}]')
    assert read_export(path, IngestConfig(max_json_depth=12)).rows_used == 1
    with pytest.raises(IngestError, match=r"item 1 of .*nests more than 11 levels deep"):
        read_export(path, IngestConfig(max_json_depth=11))
    lines = tmp_path / "nested.jsonl"
    lines.write_text(f'{{"Id": 1, "Description": "money back", "x": {value}}}\n' + LINE)
    result = read_export(lines, IngestConfig(max_json_depth=10))
    assert [(s.row_number, s.detail) for s in result.skipped] == [
        (1, "nests more than 10 levels deep, the limit (ingest.max_json_depth)")
    ]
    assert read_export(lines, IngestConfig(max_json_depth=11)).rows_used == 2


def test_permission_denied_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "locked.csv"
    path.write_text("Id,Subject\n1,Refund\n")
    message = _stat_problem(path, PermissionError(errno.EACCES, "Permission denied"))
    assert message == f"input file {path} cannot be read (permission denied); check its permissions"
    path.chmod(0)
    if os.geteuid() != 0:
        with pytest.raises(IngestError, match="permission denied"):
            read_export(path)
        return
    # Root reads any file: run `voc inspect` as root without the capabilities that let it.
    if not shutil.which("setpriv"):
        pytest.skip("root reads any file and setpriv (util-linux) is missing to drop that right")
    done = subprocess.run(
        ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--",
         sys.executable, "-m", "voc", "inspect", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{path} cannot be read (permission denied)" in done.stderr.replace("\n", "")


def shown(markdown: str) -> str:
    """A message as the reader sees it (the page escapes Markdown)."""
    return markdown.replace("\\", "")


def test_the_dashboard_refuses_an_upload_over_the_limit_and_shows_hostile_file_sentences(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit import config as st_config

    monkeypatch.setenv("VOC_WORKSPACE", str(tmp_path / "ws"))
    cap = st_config.get_option("server.maxUploadSize")
    st_config.set_option("server.maxUploadSize", 1)  # MiB: as `voc dashboard` would pass it
    try:
        at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=60).run()
        at.switch_page(RUNS).run()
        uploader = at.file_uploader(key=state.UPLOAD)
        uploader.set_value(("big.csv", b"Id,Subject\n" + b"1,x\n" * (MIB // 3), "text/csv")).run()
        assert [shown(e.value) for e in at.error] == [
            "big.csv is 1.3 MiB, more than the upload limit of 1 MiB (ingest.max_upload_mb); "
            "cluster it with 'voc cluster big.csv' instead"
        ]
        for name, message in [("deep.json", "nests more than 64"), ("xfd.xlsx", None)]:
            upload = (name, (corpus / name).read_bytes(), "application/octet-stream")
            at.file_uploader(key=state.UPLOAD).set_value(upload).run()
            assert not at.exception, [e.value for e in at.exception]
            errors = [shown(e.value) for e in at.error]
            if message:
                assert len(errors) == 1 and errors[0].startswith(name) and message in errors[0]
            else:
                assert not errors and [m.value for m in at.metric][:3] == ["37", "36", "1"]
    finally:
        st_config.set_option("server.maxUploadSize", cap)
