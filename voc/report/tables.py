"""The ranked theme table as CSV and XLSX, safe to open in a spreadsheet.

Every text cell that a spreadsheet could read as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is prefixed with an apostrophe, as OWASP recommends against
CSV injection; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from voc.format import kind_text, one_line
from voc.report.model import Report
from voc.schema import EFFORT_FIELDS
from voc.score import COMPONENTS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?\Z")
Cell = str | int | float | bool | None


def neutralise(value: Cell) -> Cell:
    """A text cell that cannot run as a spreadsheet formula; other values unchanged.

    A signed number written as text ("-3", "+1.5") is left alone: a spreadsheet reads it as the
    number it is, and nothing can run from it.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def ranked_rows(report: Report) -> list[dict[str, Cell]]:
    """One row per theme, ranked: scores, components, measures and the first quote."""
    rows = []
    for section in report.themes:
        s = section.score
        row: dict[str, Cell] = {
            "rank": s.rank,
            "theme_id": s.theme_id,
            "theme": s.name,
            "kind": kind_text(s.kind),
            "kind_confidence": s.kind_confidence,
            "friction": s.friction,
            "evidence": s.evidence,
            "tickets": s.size,
            "share": round(s.share, 6),
            "recent": s.recent,
            "previous": s.previous,
            "growth": s.growth,
            "emerging": s.emerging,
            "emerging_note": s.emerging_note,
            "negative_share": s.negative_share,
            "csat_mean": s.csat_mean,
            "csat_impact": s.csat_impact,
            "organizations": s.organizations,
            "requesters": s.requesters,
        }
        row |= {f"component_{name}": s.components.get(name) for name in COMPONENTS}
        row |= {
            f"{name}_ratio": round(s.effort[name].ratio, 4) if name in s.effort else None
            for name in EFFORT_FIELDS
        }
        row["description"] = section.description
        row["keywords"] = ", ".join(section.keywords)
        row["top_organizations"] = ", ".join(f"{o} ({n})" for o, n in s.top_organizations)
        row["quote"] = one_line(section.quotes[0].text) if section.quotes else ""
        rows.append(row)
    return rows


def to_csv(report: Report) -> bytes:
    """The ranked table as UTF-8 CSV (with a byte-order mark, so Excel reads it as UTF-8)."""
    rows = ranked_rows(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_header(rows))
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row.values()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    """A workbook: the ranked table, tickets per week per theme, and the quotes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    themes = book.active
    themes.title = "Themes"
    rows = ranked_rows(report)
    _append(themes, _header(rows), [list(r.values()) for r in rows])
    weekly = book.create_sheet("Weekly")
    weeks = [w for w, _ in report.themes[0].score.weekly] if report.themes else []
    _append(
        weekly,
        ["rank", "theme", *weeks],
        [[t.score.rank, t.score.name, *(n for _, n in t.score.weekly)] for t in report.themes],
    )
    quotes = book.create_sheet("Quotes")
    _append(
        quotes,
        ["rank", "theme", "ticket_id", "quote"],
        [
            [t.score.rank, t.score.name, q.ticket_id, q.text]
            for t in report.themes
            for q in t.quotes
        ],
    )
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(rows: list[dict[str, Cell]]) -> list[str]:
    return list(rows[0]) if rows else ["rank", "theme"]


def _append(sheet: Any, header: list[str], rows: list[list[Cell]]) -> None:
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
