"""Header names compared the way people write them: case, punctuation and suffixes aside."""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_BRACKETED = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")
# Jira names custom fields "Custom field (Request Type)": the name is inside the brackets.
_CUSTOM_FIELD = re.compile(r"custom\s*field\s*\((.+)\)\s*$", re.IGNORECASE)


def normalise_header(header: str) -> str:
    """Lower-case, drop a trailing ``[list]``/``(UTC)`` suffix and punctuation.

    Jira's ``Custom field (Request Type)`` becomes ``request type``.

    Example: ``normalise_header("Created at (UTC)") == "created at"``.
    """
    header = header.strip().lstrip("\ufeff")
    custom = _CUSTOM_FIELD.match(header)
    text = custom.group(1) if custom else _BRACKETED.sub("", header)
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def has_suffix(header: str) -> bool:
    """True for a header with a trailing ``[list]``/``(UTC)`` part (Zendesk custom fields)."""
    header = header.strip()
    return bool(_BRACKETED.search(header)) and not _CUSTOM_FIELD.match(header)
