"""Read a ticket export into canonical columns, accounting for every row.

Example:
    >>> result = read_export("sample_data/sample_tickets.csv", IngestConfig())
    >>> result.rows_read == result.rows_used + len(result.skipped)
    True
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from voc import schema
from voc.config import IngestConfig
from voc.errors import EmptyCorpusError, IngestError
from voc.ingest.columns import detect_columns, normalise_header
from voc.ingest.readers import read_raw
from voc.schema import IngestResult, SkippedRow

__all__ = ["IngestResult", "SkippedRow", "normalise_header", "read_export"]

# Skip reasons, as written to skipped.csv and the manifest.
MALFORMED = "malformed_row"
EMPTY_TEXT = "empty_text"
DUPLICATE_ROW = "duplicate_row"
DUPLICATE_ID = "duplicate_id"


def read_export(path: str | Path, config: IngestConfig | None = None) -> IngestResult:
    """Read an export, map its columns, and keep or skip (with a reason) every row."""
    config = config or IngestConfig()
    raw = read_raw(path)
    source = str(raw.path)
    records = raw.records()
    try:
        _, header = next(records)
    except StopIteration:
        raise IngestError(f"input file {source} is empty") from None
    header = [h.strip() for h in header]
    mapping = detect_columns(header, config, source)

    rows: list[dict[str, object]] = []
    skipped: list[SkippedRow] = []
    seen_rows: dict[tuple[str, ...], int] = {}
    seen_ids: dict[str, int] = {}
    rows_read = 0
    for row_number, fields in records:
        rows_read += 1
        record = _canonical(fields, mapping)
        ticket_id = str(record.get(schema.TICKET_ID) or "").strip() or f"row-{row_number}"
        if len(fields) != len(header):
            skipped.append(
                SkippedRow(
                    row_number,
                    ticket_id,
                    MALFORMED,
                    f"expected {len(header)} fields as in the header, found {len(fields)}",
                )
            )
            continue
        key = tuple(fields)
        if key in seen_rows:
            skipped.append(
                SkippedRow(row_number, ticket_id, DUPLICATE_ROW, f"same as row {seen_rows[key]}")
            )
            continue
        seen_rows[key] = row_number
        if not (record[schema.SUBJECT] or record[schema.BODY]):
            skipped.append(SkippedRow(row_number, ticket_id, EMPTY_TEXT, "no subject or body"))
            continue
        if ticket_id in seen_ids:
            skipped.append(
                SkippedRow(
                    row_number,
                    ticket_id,
                    DUPLICATE_ID,
                    f"ticket id already used by row {seen_ids[ticket_id]} with other content",
                )
            )
            continue
        seen_ids[ticket_id] = row_number
        record[schema.TICKET_ID] = ticket_id
        record[schema.ROW_NUMBER] = row_number
        rows.append(record)

    warnings: list[str] = []
    frame = _typed_frame(rows, mapping, warnings, source)
    if not mapping.get(schema.BODY):
        warnings.append(
            f"{source} has no ticket body column; themes are built from subjects only. "
            "Export with descriptions for better themes."
        )
    if not mapping.get(schema.CREATED_AT):
        warnings.append(f"{source} has no creation-date column; trends will not be available.")
    result = IngestResult(
        path=source,
        sha256=raw.sha256,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        column_map={field: [header[i] for i in idx] for field, idx in mapping.items() if idx},
        frame=frame,
        rows_read=rows_read,
        skipped=skipped,
        warnings=warnings,
    )
    if frame.empty:
        raise EmptyCorpusError(
            f"no usable ticket in {source}: {rows_read} rows read, all skipped "
            f"({_describe(result.skipped_by_reason())})"
        )
    return result


def _canonical(fields: list[str], mapping: dict[str, list[int]]) -> dict[str, object]:
    """Pick the canonical fields out of one record; repeated columns are joined, not lost."""
    record: dict[str, object] = {}
    for canonical in schema.CANONICAL_FIELDS:
        parts = [fields[i].strip() for i in mapping.get(canonical, []) if i < len(fields)]
        joiner = "\n" if canonical == schema.BODY else " "
        record[canonical] = joiner.join(p for p in parts if p)
    return record


def _typed_frame(
    rows: list[dict[str, object]], mapping: dict[str, list[int]], warnings: list[str], source: str
) -> pd.DataFrame:
    """Build the canonical frame: text stays text, dates become UTC timestamps, counts numbers."""
    columns = [schema.ROW_NUMBER, *schema.CANONICAL_FIELDS]
    frame = pd.DataFrame(rows, columns=columns)
    present = {field for field, idx in mapping.items() if idx}
    frame[schema.ROW_NUMBER] = frame[schema.ROW_NUMBER].astype("int64")
    frame[schema.CREATED_AT] = parse_dates(frame[schema.CREATED_AT], warnings, source)
    for field in schema.NUMERIC_FIELDS:
        values = frame[field].replace("", None)
        numbers = pd.to_numeric(values, errors="coerce")
        bad = int((values.notna() & numbers.isna()).sum())
        if bad:
            warnings.append(f"{bad} values of '{field}' in {source} are not numbers; left empty.")
        frame[field] = numbers.astype("float64")
    for field in schema.CANONICAL_FIELDS:
        if field not in present and field not in (schema.TICKET_ID, schema.SUBJECT, schema.BODY):
            frame[field] = None if field not in schema.NUMERIC_FIELDS else float("nan")
    return frame


def parse_dates(values: pd.Series, warnings: list[str], source: str) -> pd.Series:
    """Parse creation times to UTC; unparseable values become NaT and are counted in a warning."""
    text = values.replace("", None)
    if text.isna().all():
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    parsed = pd.to_datetime(text, errors="coerce", utc=True, format="ISO8601")
    if parsed.isna().sum() > text.isna().sum():
        parsed = pd.to_datetime(text, errors="coerce", utc=True, format="mixed")
    bad = int((text.notna() & parsed.isna()).sum())
    if bad:
        warnings.append(f"{bad} creation dates in {source} could not be parsed; left empty.")
    return parsed.astype("datetime64[ns, UTC]")


def _describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {reason}" for reason, n in counts.items()) or "no rows"
