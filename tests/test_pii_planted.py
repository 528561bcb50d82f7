"""Planted personal data (tests/pii_planted.py): masked in every column that is kept, harmless
look-alikes kept, and no planted value in any file that a run, a report or an export writes."""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests import pii_planted
from voc import schema
from voc.config import RunConfig
from voc.prepare import prepare_frame

TARGET_MASKED = 0.98
TARGET_LOOK_ALIKES_MASKED = 0.02
METADATA = tuple(c for c in pii_planted.COLUMN_OF.values() if c not in ("subject", "body"))


@pytest.fixture(scope="module")
def export() -> pii_planted.PlantedExport:
    return pii_planted.build()


def _canonical(export: pii_planted.PlantedExport) -> pd.DataFrame:
    """The export's rows under canonical names, as ingest hands them to the prepare step."""
    rows = [
        {
            schema.ROW_NUMBER: i + 2,
            schema.TICKET_ID: row["Id"],
            schema.CREATED_AT: row["Created at"],
            **{column: row[header] for header, column in pii_planted.COLUMN_OF.items()},
        }
        for i, row in enumerate(export.rows)
    ]
    frame = pd.DataFrame(rows)
    for field in schema.EFFORT_FIELDS:
        frame[field] = None
    return frame


def test_the_planted_set_covers_every_kind_and_column(export) -> None:
    not_requester = [p for p in export.planted if p.column != "requester"]
    assert len(not_requester) >= 300 and len(export.look_alikes) >= 60
    kinds = Counter(p.kind for p in export.planted)
    expected = {f"phone_{c}" for c in ("us", "gb", "de", "fr", "id", "in", "au", "br")} | {
        "email", "email_obfuscated", "url_secret", "webhook", "api_key", "jwt", "nik",
        "passport", "address", "signoff_name", "card", "iban", "ip",
    }  # fmt: skip
    assert set(kinds) == expected, set(kinds) ^ expected
    assert {p.column for p in export.planted} == set(pii_planted.COLUMN_OF.values())
    assert pii_planted.build().rows == export.rows  # deterministic


def test_planted_values_are_masked_and_look_alikes_are_kept(export, capsys) -> None:
    prepared, skipped = prepare_frame(_canonical(export), RunConfig(), b"planted")
    assert not skipped
    cells = prepared.set_index(schema.TICKET_ID)
    planted, survived = Counter(), Counter()
    survivors = []
    for p in export.planted:
        column = schema.TEXT if p.column == "body" else p.column
        planted[p.kind] += 1
        if p.value in str(cells.at[p.ticket_id, column]):
            survived[p.kind] += 1
            survivors.append(p)
    masked_share = 1 - sum(survived.values()) / sum(planted.values())
    in_metadata = [p for p in survivors if p.column in METADATA]
    harmed = [
        like
        for like in export.look_alikes
        if like.value not in str(cells.at[like.ticket_id, schema.TEXT])
    ]
    with capsys.disabled():
        print(f"\nplanted values masked: {masked_share:.1%} of {sum(planted.values())}")
        for kind in sorted(planted):
            print(f"  {kind:18} {planted[kind] - survived[kind]:4}/{planted[kind]}")
        print(f"look-alikes masked: {len(harmed)} of {len(export.look_alikes)}")
    assert masked_share >= TARGET_MASKED, survivors[:10]
    assert not in_metadata, in_metadata[:10]
    assert len(harmed) <= TARGET_LOOK_ALIKES_MASKED * len(export.look_alikes), harmed[:10]


# --- end to end: every file a run, a report and an export write ------------------------------


def _readable_text(path: Path) -> str:
    """The text a person or a tool could read from ``path``: decoded cells of Parquet and XLSX,
    JSON with its escapes resolved, HTML entities and Markdown escapes undone, else the bytes."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    parts = [raw]
    if path.suffix == ".parquet":
        table = pq.read_table(path)
        parts += [" ".join(map(str, column.to_pylist())) for column in table.columns]
    elif path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        parts += [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        book.close()
    elif path.suffix in (".json", ".jsonl"):
        for line in raw.splitlines() if path.suffix == ".jsonl" else [raw]:
            with contextlib.suppress(ValueError):
                parts.append(json.dumps(json.loads(line), ensure_ascii=False))
    parts += [html.unescape(raw), re.sub(r"\\(.)", r"\1", raw)]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def written_files(export, tmp_path_factory) -> dict[str, str]:
    """Run ``voc cluster`` on the planted export, every report format and every proposals
    format; return each written file's readable text by its path."""
    from voc.cli import app
    from voc.curation.actions import Curator
    from voc.curation.proposals import EXPORT_FORMATS, draft_proposal

    root = tmp_path_factory.mktemp("planted")
    source = export.write(root / "planted.csv")
    ws, out = root / "ws", root / "out"
    out.mkdir()
    runner = CliRunner()

    def invoke(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    shown = invoke("cluster", str(source), "-w", str(ws), "--min-theme-size", "5")
    curator = Curator(ws)
    curated = curator.current()
    theme_ids = sorted({t.theme_id for t in curated.themes})[:2]
    draft = draft_proposal(curated, theme_ids)
    curator.save_proposal("ana", draft.to_dict())
    for name in ("report.html", "report.md", "report.csv", "report.xlsx", "report.json"):
        shown += invoke("report", "-w", str(ws), "--out", str(out / name))
    for fmt in EXPORT_FORMATS:
        shown += invoke("proposals", "export", "-w", str(ws), "-f", fmt, "--out", str(out / fmt))
    files = [p for p in (*ws.rglob("*"), *out.iterdir()) if p.is_file()]
    assert any(p.parent.name == "cache" or "cache" in p.parts for p in files)
    assert any(p.suffix == ".parquet" for p in files)
    texts = {str(p.relative_to(root)): _readable_text(p) for p in files}
    texts["(what the commands printed)"] = shown
    return texts


def _leaks(export, written_files) -> list[tuple[str, str, str, str]]:
    """(file, kind, column, value) for each planted value that a written file holds."""
    return [
        (name, p.kind, p.column, p.value)
        for p in export.planted
        for name, text in written_files.items()
        if p.value in text
    ]


@pytest.mark.slow
def test_no_planted_value_in_any_file_of_the_run_reports_or_exports(export, written_files) -> None:
    reports = {f"out/report.{ext}" for ext in ("html", "md", "csv", "xlsx", "json")}
    assert reports <= set(written_files)
    assert any("/runs/" in name and name.endswith("tickets.parquet") for name in written_files)
    assert any("cache" in name for name in written_files)
    leaks = _leaks(export, written_files)
    assert not leaks, f"{len(leaks)} leaks, e.g. {leaks[:5]}"
