"""Read JSON documents and JSON Lines exports into a header and numbered records, within limits.

A document is a top-level list of ticket objects, or an object holding one (under ``tickets``,
``results`` ...); JSON Lines holds one object per line. Nested objects become dotted keys.

Hostile files are refused or skipped in one sentence: nesting deeper than
``ingest.max_json_depth`` (Python's parser would overflow its stack near 1,000 levels), integers too
long for Python's int conversion (kept as their text instead), and values or lines longer than
``ingest.max_cell_chars`` (checked as the text streams in, before anything is parsed).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from voc.config import IngestConfig
from voc.errors import IngestError, LimitError
from voc.ingest.files import open_text
from voc.ingest.readers import RawTable, Record, cell_text, fitted

# Keys under which API exports nest their list of tickets, most common first.
_JSON_LIST_KEYS = ("tickets", "conversations", "cases", "results", "data", "items", "records")
_READ_BLOCK = 1 << 20
# Brackets and strings, to find where a document too deep for the parser goes too deep.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class _TooDeep(Exception):
    """A value nests more levels than allowed."""


class _Digits(str):
    """An integer too long for Python's int conversion (4,300 digits), kept as its text."""


def _integer(text: str) -> int | str:
    return int(text) if len(text.lstrip("-")) < sys.get_int_max_str_digits() else _Digits(text)


def _loads(text: str) -> Any:
    # A 5,000-digit integer would raise ValueError in int(); every value becomes text anyway.
    return json.loads(text, parse_int=_integer)


def read_json(
    path: Path, sha256: str, gzipped: bool, encoding: str, config: IngestConfig
) -> RawTable:
    """A JSON document: parsed whole (JSON has no record boundaries to stream by)."""
    limit = config.max_json_depth
    with open_text(path, gzipped, encoding, config) as handle:
        text = _document_text(handle, path, config.max_cell_chars).lstrip("\ufeff")
    try:
        data = _loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        line = _line_too_deep(text, limit)
        raise LimitError(
            f"{path} nests more than {limit} levels deep (from line {line:,}), the limit "
            "(ingest.max_json_depth); export the tickets as a flat list"
        ) from None
    del text
    items, where, depth = _json_items(data, path)
    if not items:
        raise IngestError(f"{path} holds no tickets: its {where or 'top-level list'} is empty")
    if not any(isinstance(item, dict) for item in items):
        kinds = " and ".join(sorted({_kind(item) for item in items}))
        raise IngestError(
            f"{path} holds no tickets: its {where or 'top-level list'} holds only JSON {kinds} "
            "values, not ticket objects with fields"
        )
    objects: list[dict[str, str] | None] = []
    for number, item in enumerate(items, start=1):
        try:
            objects.append(_flatten(item, limit, depth) if isinstance(item, dict) else None)
        except _TooDeep:
            raise LimitError(
                f"item {number:,} of {path} nests more than {limit} levels deep, the limit "
                "(ingest.max_json_depth); export the tickets as a flat list"
            ) from None
    header = _union_keys(o for o in objects if o is not None)
    cell_limit = config.max_cell_chars

    def records() -> Iterator[Record]:
        for number, obj in enumerate(objects, start=1):
            if obj is None:
                kind = _kind(items[number - 1])
                yield Record(number, None, f"item {number} is a JSON {kind}, not an object")
            else:
                yield fitted(Record(number, [obj.get(key, "") for key in header]), cell_limit)

    return RawTable(path, sha256, "json", header, encoding, None, where, records)


def read_jsonl(
    path: Path, sha256: str, gzipped: bool, encoding: str, config: IngestConfig
) -> RawTable:
    """JSON Lines: each line parsed alone, so a bad, too deep or too long line is skipped alone."""
    limit, cell_limit = config.max_json_depth, config.max_cell_chars
    too_long = (
        f"longer than {cell_limit:,} characters, the limit for one line (ingest.max_cell_chars)"
    )

    def parsed() -> Iterator[tuple[int, dict[str, str] | None, str]]:
        with open_text(path, gzipped, encoding, config) as handle:
            for number, line in _lines(handle, cell_limit):
                if line is None:
                    yield number, None, too_long
                    continue
                line = line.strip().lstrip("\ufeff")
                if not line:
                    continue
                yield number, *_line_object(line, limit)

    # Two passes: the first collects every key, so that no field of a later line is lost.
    header = _union_keys(obj for _, obj, _ in parsed() if obj is not None)
    if not header:
        raise IngestError(f"{path} holds no JSON objects, one per line, to read tickets from")

    def records() -> Iterator[Record]:
        for number, obj, problem in parsed():
            fields = None if obj is None else [obj.get(key, "") for key in header]
            yield Record(number, fields, problem)

    return RawTable(path, sha256, "jsonl", header, encoding, None, "", records)


def _line_object(line: str, limit: int) -> tuple[dict[str, str] | None, str]:
    """One JSON Lines line as a flat object, or why it is skipped."""
    too_deep = f"nests more than {limit} levels deep, the limit (ingest.max_json_depth)"
    try:
        value = _loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg})"
    except RecursionError:
        return None, too_deep
    if not isinstance(value, dict):
        return None, f"a JSON {_kind(value)}, not an object"
    try:
        return _flatten(value, limit, 1), ""
    except _TooDeep:
        return None, too_deep


def _lines(handle: IO[str], limit: int) -> Iterator[tuple[int, str | None]]:
    """Numbered lines, holding at most ``limit`` characters of one: a longer line is None."""
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) <= limit:
            yield number, line
            continue
        while line and not line.endswith(("\n", "\r")):  # drop the rest of the long line
            line = handle.readline(limit + 1)
        yield number, None


def _document_text(handle: IO[str], path: Path, limit: int) -> str:
    """The whole text, refused as soon as it holds a stretch longer than ``limit`` characters
    without a quote mark: a value (or run of spaces) that long is a bomb, not a ticket."""
    blocks: list[str] = []
    run = 0  # characters since the last quote mark
    while block := handle.read(_READ_BLOCK):
        pieces = block.split('"')
        longest = run + len(pieces[0])
        if len(pieces) > 1:
            longest = max(longest, *(len(p) for p in pieces[1:-1]), 0)
            run = len(pieces[-1])
        else:
            run = longest
        if max(longest, run) > limit:
            raise LimitError(
                f"{path} holds a value longer than {limit:,} characters, the limit for one cell "
                "(ingest.max_cell_chars); raise it if the export really holds such values"
            )
        blocks.append(block)
    return "".join(blocks)


def _line_too_deep(text: str, limit: int) -> int:
    """The line where the document first nests deeper than ``limit`` (1 if not found)."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return 1


def _json_items(data: Any, path: Path) -> tuple[list[Any], str, int]:
    """The list of ticket objects in a JSON document, where it was found, and the nesting level
    of each item (2 in a top-level list, 3 in a list under a key)."""
    if isinstance(data, list):
        return data, "", 2
    if isinstance(data, dict):
        keys = [k for k in _JSON_LIST_KEYS if isinstance(data.get(k), list)]
        keys += [k for k, v in data.items() if isinstance(v, list) and k not in keys]
        for key in keys:
            if any(isinstance(item, dict) for item in data[key]):
                return data[key], f"list under key '{key}'", 3
        return [data], "a single object", 1
    raise IngestError(f"{path} holds a JSON {_kind(data)}; expected a list of ticket objects")


def _kind(value: Any) -> str:
    """The JSON name of a parsed value's type (integers were kept as their text)."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return "string" if isinstance(value, str) and not isinstance(value, _Digits) else "number"


def _flatten(obj: dict[str, Any], limit: int, depth: int, prefix: str = "") -> dict[str, str]:
    """Nested objects become dotted keys ("requester.email"); every value becomes text.

    ``depth`` is the nesting level of ``obj``; past ``limit`` :class:`_TooDeep` is raised.
    """
    if depth > limit:
        raise _TooDeep
    flat: dict[str, str] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, limit, depth + 1, f"{name}."))
        else:
            if isinstance(value, list) and _deeper_than(value, limit - depth):
                raise _TooDeep
            flat[name] = str(value) if isinstance(value, _Digits) else cell_text(value)
    return flat


def _deeper_than(value: list[Any], levels: int) -> bool:
    """Whether a list nests more than ``levels`` levels (itself counting as one), without
    recursion, so a deep list cannot overflow the stack before it is measured."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > levels:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, level + 1) for c in children if isinstance(c, dict | list))
    return False


def _union_keys(objects: Any) -> list[str]:
    keys: dict[str, None] = {}
    for obj in objects:
        for key in obj:
            keys.setdefault(key, None)
    return list(keys)
