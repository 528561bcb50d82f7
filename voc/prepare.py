"""Turn ingested rows into ticket text that is safe to embed and store.

Cleans subject and body, masks personal data in every other text column (metadata and custom
fields alike), pseudonymises the requester, and moves tickets whose text is empty after cleaning
to the skipped list (never dropped).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from voc import schema
from voc.clean import clean_texts, mask_pii_texts
from voc.config import RunConfig
from voc.ingest.values import detect_languages
from voc.schema import SkippedRow

EMPTY_AFTER_CLEANING = "empty_after_cleaning"
_REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|tr|sv)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
# Columns that are not masked as free text: ids stay ids (the requester is pseudonymised
# instead), subject and body go through the whole cleaning chain, the rest are not text. Every
# other column holding text (status, priority, channel, tags, organization, plan, the CSAT value
# as exported, and any column added later) is masked like the body.
_NOT_FREE_TEXT = frozenset(
    (
        schema.TICKET_ID,
        schema.SUBJECT,
        schema.BODY,
        schema.TEXT,
        schema.REQUESTER,
        schema.CREATED_AT,
        schema.ROW_NUMBER,
        schema.LANGUAGE,
    )
)

# Read by ingest from the rows as exported and stored only as numbers, durations and flags
# (voc.ingest._put_values replaces the column): masking their text would be work thrown away.
_PARSED_VALUES = frozenset((*schema.NUMERIC_FIELDS, *schema.DURATION_FIELDS, schema.ESCALATED))


def prepare_frame(
    frame: pd.DataFrame, config: RunConfig, salt: bytes
) -> tuple[pd.DataFrame, list[SkippedRow]]:
    """Clean one block of canonical rows: text built and masked, requester hashed, language set.

    Returns the rows kept and those whose text is empty after cleaning (never silently dropped).
    Works on any slice of an export, so ingest can run it chunk by chunk.
    """
    frame = frame.copy()
    subject_config = dataclasses.replace(
        config.clean, strip_quoted_replies=False, strip_signatures=False, strip_greetings=False
    )
    subjects = frame[schema.SUBJECT].fillna("").tolist()
    # Subjects repeat a lot ("Refund request"): strip each distinct one once.
    without_prefix = {s: _REPLY_PREFIX.sub("", s) for s in set(subjects)}
    subjects = clean_texts([without_prefix[s] for s in subjects], subject_config)
    bodies = clean_texts(frame[schema.BODY].fillna("").tolist(), config.clean)
    frame[schema.SUBJECT] = subjects
    frame[schema.TEXT] = [
        f"{s}\n{b}" if s and b else s or b for s, b in zip(subjects, bodies, strict=True)
    ]
    frame = frame.drop(columns=[schema.BODY])
    if config.clean.mask_pii:
        for column in masked_columns(frame):
            frame[column] = _per_value(frame[column], mask_pii_texts)
    if config.ingest.hash_requester:
        frame[schema.REQUESTER] = _per_value(
            frame[schema.REQUESTER],
            lambda values: [pseudonym(v, salt) if v else None for v in values],
        )
    empty = frame[schema.TEXT].str.strip() == ""
    skipped = [
        SkippedRow(int(r), str(t), EMPTY_AFTER_CLEANING, "nothing left after removing markup")
        for r, t in zip(
            frame.loc[empty, schema.ROW_NUMBER], frame.loc[empty, schema.TICKET_ID], strict=True
        )
    ]
    frame = frame.loc[~empty].reset_index(drop=True)
    frame[schema.LANGUAGE] = detect_languages(frame[schema.TEXT].tolist())
    return frame, skipped


def masked_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of ``frame`` that are masked as free text: every column that can hold text,
    except ids, subject and body (cleaned in full), the requester (pseudonymised) and the columns
    that ingest stores as parsed numbers, durations and flags (their text is never kept)."""
    return [
        column
        for column in frame.columns
        if column not in _NOT_FREE_TEXT
        and column not in _PARSED_VALUES
        and (frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype))
    ]


def _per_value(values: pd.Series, func: Callable[[list[str]], list[str | None]]) -> pd.Series:
    """Map each distinct text once (metadata repeats a lot) with ``func``, which takes and returns
    a list; other values pass through.

    Distinct values come from ``pd.factorize`` and results are put back by their codes, so the
    per-row work is vectorised; only texts are mapped, and every other value (None, NaN, numbers)
    is kept exactly as it was.
    """
    if values.empty:
        return values.copy()
    codes, uniques = pd.factorize(values)
    # As plain objects: iterating pandas' Arrow-backed strings costs a microsecond per value.
    uniques = np.asarray(uniques, dtype=object)
    is_text = np.array([isinstance(v, str) for v in uniques], dtype=bool)
    mapped = np.full(len(uniques), None, dtype=object)
    mapped[is_text] = func(uniques[is_text].tolist())
    rows = np.append(is_text, False)[codes]  # code -1 (missing) reads the False
    out = values.to_numpy(dtype=object, copy=True)
    out[rows] = mapped[codes[rows]]
    return pd.Series(out, index=values.index, name=values.name)


def pseudonym(value: str, salt: bytes) -> str:
    """A salted hash of an identifier: the same person maps to the same value within a workspace."""
    digest = hashlib.sha256(salt + value.strip().lower().encode("utf-8")).hexdigest()
    return f"req_{digest[:16]}"


def embedding_texts(frame: pd.DataFrame, max_chars: int) -> list[str]:
    """The exact strings given to the model: the cleaned text, cut to ``max_chars``.

    Only the model's copy is cut; the run keeps the full text (see :func:`count_truncated`).
    """
    return [t[:max_chars] for t in frame[schema.TEXT]]


def count_truncated(frame: pd.DataFrame, max_chars: int) -> int:
    """How many tickets are longer than the model is given (kept whole in the run)."""
    return int((frame[schema.TEXT].str.len() > max_chars).sum())
