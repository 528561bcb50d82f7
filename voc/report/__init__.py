"""Friction reports a product manager can forward: HTML, Markdown, CSV, XLSX and JSON.

Example:
    >>> report = build_report(Workspace("workspace").load_run())
    >>> write_report(report, "html", "friction.html")
"""

from __future__ import annotations

import json
from pathlib import Path

from voc.atomic import write_whole
from voc.errors import ConfigError
from voc.report.model import DEFAULT_TOP, Quote, Report, ThemeSection, build_report

__all__ = [
    "DEFAULT_TOP",
    "FORMATS",
    "Quote",
    "Report",
    "ThemeSection",
    "build_report",
    "format_for_path",
    "render_report",
    "write_file",
    "write_report",
]

FORMATS: tuple[str, ...] = ("html", "md", "csv", "xlsx", "json")
_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv",
               ".xlsx": "xlsx", ".json": "json"}  # fmt: skip


def format_for_path(path: str | Path) -> str:
    """The format a file name asks for by its extension; :class:`ConfigError` if none."""
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise ConfigError(
            f"cannot tell the report format from '{path}'; pass --format "
            f"({', '.join(FORMATS)}) or use one of: {', '.join(_EXTENSIONS)}"
        )
    return _EXTENSIONS[suffix]


def render_report(report: Report, fmt: str) -> bytes:
    """The report in one format, as the bytes of a file."""
    if fmt == "html":
        from voc.report.html import to_html

        return to_html(report).encode("utf-8")
    if fmt == "md":
        from voc.report.markdown import to_markdown

        return to_markdown(report).encode("utf-8")
    if fmt == "csv":
        from voc.report.tables import to_csv

        return to_csv(report)
    if fmt == "xlsx":
        from voc.report.tables import to_xlsx

        return to_xlsx(report)
    if fmt == "json":
        return (json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    raise ConfigError(f"unknown report format '{fmt}'; choose one of: {', '.join(FORMATS)}")


def write_report(report: Report, fmt: str, out: str | Path) -> Path:
    """Write the report to ``out`` (see :func:`write_file`)."""
    return write_file(out, render_report(report, fmt))


def write_file(out: str | Path, data: bytes) -> Path:
    """Write ``data`` through a temporary file renamed into place, so a reader never sees half."""
    out = Path(out)
    return write_whole(out, data, out.name)
