"""Read an XLSX workbook's ticket sheet: only the cells the sheet holds, within limits.

Why not openpyxl's ``iter_rows``: in read-only mode it pads every row to the sheet's declared
dimension and yields every row up to it, so one cell at XFD1048576 in a 7 KB file means 17 billion
empty cells. Here openpyxl's own sheet parser (the same value, date and shared-string handling)
is walked directly: a row comes out as wide as its last filled cell, and rows that are not in the
file are not made up. Formula cells without a saved value (a workbook written by a script and
never opened in Excel) are counted per column and warned about instead of becoming silent blanks.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from voc.config import IngestConfig
from voc.errors import IngestError, LimitError
from voc.ingest.files import InflatedCopy
from voc.ingest.readers import RawTable, Record, cell_text, fitted

_MIB = 1 << 20
_ORDINALS = {1: "first", 2: "second", 3: "third"}


def read_xlsx(path: Path, sha256: str, gzipped: bool, config: IngestConfig) -> RawTable:
    """The ticket sheet of a workbook: ``config.sheet``, else the first sheet with a filled cell."""
    copy = InflatedCopy(path, config) if gzipped else None
    source = copy.path if copy else path
    _check_inflated_size(path, source, config)
    book = _open(path, source)
    try:
        sheets = list(book.worksheets)
        index, header_row, header = _pick_sheet(path, book, sheets, config.sheet)
        title = sheets[index].title
    finally:
        book.close()
    detail = f"sheet '{title}'"
    if len(sheets) > 1:
        empty = ", ".join(f"'{s.title}'" for s in sheets[:index])
        detail += f" ({_ORDINALS.get(index + 1, f'{index + 1}th')} of {len(sheets)} sheets"
        detail += f"; empty before it: {empty})" if empty else ")"
    warnings: list[str] = []
    limit = config.max_cell_chars

    def records() -> Iterator[Record]:
        formulas: Counter[int] = Counter()
        book = _open(path, source)
        _ = copy  # the inflated copy lives as long as the records can be read
        try:
            for number, fields in _rows(book, book.worksheets[index], formulas):
                if number <= header_row:
                    continue
                padded = fields + [""] * (len(header) - len(fields))
                yield fitted(Record(number, padded), limit)
        finally:
            book.close()
        warnings[:] = [_formula_warning(n, column, header) for column, n in formulas.items()]

    return RawTable(path, sha256, "xlsx", header, None, None, detail, records, warnings=warnings)


def _formula_warning(count: int, column: int, header: list[str]) -> str:
    name = header[column] if column < len(header) else f"number {column + 1}"
    return (
        f"{count:,} cells in column '{name}' are formulas with no saved value and were read as "
        "empty; open the workbook in Excel or LibreOffice and save it, so the values are stored"
    )


def _check_inflated_size(path: Path, source: Path, config: IngestConfig) -> None:
    """Refuse a workbook whose parts declare more than ``max_inflated_mb`` inflated (a ZIP bomb);
    Python's zipfile never reads past a part's declared size."""
    try:
        with zipfile.ZipFile(source) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _not_xlsx(path, exc) from None
    if inflated > config.max_inflated_mb * _MIB:
        raise LimitError(
            f"{path} inflates to {inflated / _MIB:,.0f} MiB, more than the limit of "
            f"{config.max_inflated_mb:,} MiB (ingest.max_inflated_mb); raise it if the "
            "workbook really is that large"
        )


def _not_xlsx(path: Path, exc: Exception) -> IngestError:
    return IngestError(
        f"{path} is a ZIP file but not a readable XLSX workbook ({exc}); "
        "export the tickets as XLSX, CSV, JSON or Parquet"
    )


def _open(path: Path, source: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad or non-XLSX zip
        raise _not_xlsx(path, exc) from None


def _pick_sheet(
    path: Path, book: Any, sheets: list[Any], wanted: str | None
) -> tuple[int, int, list[str]]:
    """The chosen sheet's index, header row number and header."""
    names = ", ".join(f"'{s.title}'" for s in sheets)
    if wanted is not None:
        found = [i for i, s in enumerate(sheets) if s.title == wanted]
        folded = wanted.casefold()
        found = found or [i for i, s in enumerate(sheets) if s.title.casefold() == folded]
        if not found:
            raise IngestError(f"{path} has no sheet '{wanted}'; its sheets are {names}")
        candidates = found[:1]
    else:
        candidates = list(range(len(sheets)))
    for index in candidates:
        first = next(_rows(book, sheets[index], Counter()), None)
        if first is not None:
            return index, first[0], first[1]
    if wanted is not None:
        raise IngestError(f"sheet '{sheets[candidates[0]].title}' of {path} is empty")
    if len(sheets) == 1:
        raise IngestError(f"the first sheet ('{sheets[0].title}') of {path} is empty")
    raise IngestError(f"every sheet of {path} is empty: {names or 'it has none'}")


def _rows(book: Any, sheet: Any, formulas: Counter[int]) -> Iterator[tuple[int, list[str]]]:
    """The sheet's non-empty rows as (row number, fields), fields as wide as the last filled
    cell; formula cells without a value counted in ``formulas`` by column index."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["data_type"] = "formula"
            return cell

    # openpyxl's read-only sheet does the same, but pads to the declared dimension (see above).
    with sheet._get_source() as source:
        parser = Parser(
            source,
            book.shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            values: dict[int, str] = {}
            for cell in cells:
                if cell["data_type"] == "formula":
                    formulas[cell["column"] - 1] += 1
                elif (text := cell_text(cell["value"])) != "":
                    values[cell["column"] - 1] = text
            if values:
                fields = [""] * (max(values) + 1)
                for column, text in values.items():
                    fields[column] = text
                yield number, fields
