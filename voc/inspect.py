"""``inspect_export``: what voc makes of an export before clustering it.

It runs exactly the reading and cleaning that ``voc cluster`` runs (same detection, same
mapping, same skip rules), stores nothing, and reports what it found, so a user can check the
mapping of an unfamiliar export, and fix it with overrides or a column map, before a long run.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from voc import schema
from voc.config import RunConfig
from voc.ingest import read_export
from voc.prepare import count_truncated, prepare_frame
from voc.schema import LineCounts


@dataclass(frozen=True)
class InspectReport:
    """How an export was read: format, mapping, rows used and skipped, and warnings."""

    path: str
    format: str
    detail: str
    encoding: str
    delimiter: str
    helpdesk: str | None
    column_map: dict[str, list[str]]
    unmapped_columns: list[str]
    value_formats: dict[str, str]
    rows_read: int
    rows_used: int
    skipped_by_reason: dict[str, int]
    languages: dict[str, int]
    truncated_for_embedding: int
    warnings: list[str]
    lines: LineCounts | None = None  # delimited text: the file's lines, to check rows_read by

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``voc inspect --json``)."""
        return {**asdict(self), "rows_skipped": self.rows_read - self.rows_used}


def inspect_export(path: str | Path, config: RunConfig | None = None) -> InspectReport:
    """Read and clean an export as ``voc cluster`` would, and report what was found."""
    config = config or RunConfig()
    salt = secrets.token_bytes(16)  # nothing is stored, so a throwaway salt will do
    result = read_export(
        path, config.ingest, prepare=partial(prepare_frame, config=config, salt=salt)
    )
    frame = result.frame
    return InspectReport(
        path=result.path,
        format=result.format,
        detail=result.detail,
        encoding=result.encoding,
        delimiter=result.delimiter,
        helpdesk=result.helpdesk,
        column_map=result.column_map,
        unmapped_columns=result.unmapped_columns,
        value_formats=result.value_formats,
        rows_read=result.rows_read,
        rows_used=result.rows_used,
        skipped_by_reason=result.skipped_by_reason(),
        languages=dict(Counter(frame[schema.LANGUAGE]).most_common()),
        truncated_for_embedding=count_truncated(frame, config.embed.max_chars),
        warnings=result.warnings,
        lines=result.lines,
    )
