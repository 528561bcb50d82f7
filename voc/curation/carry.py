"""Bring analysts' labels from an earlier run to a new run of (mostly) the same tickets.

Re-clustering an export makes a new run with new theme ids. So that names, kinds, statuses,
notes and issue links are not lost, each labelled theme of the earlier run is matched to the new
theme that holds most of its tickets (by ticket id), and its labels are recorded as edits of the
new run, authored ``voc (from run <id>)``. A match needs both: at least ``min_overlap`` of the old
theme's tickets (those still in the new run) in the new theme, and those tickets making up at least
``min_overlap`` of the new theme, so a label never lands on a theme that is mostly something else.
Merges, splits and moved tickets are not replayed: the new clustering decides membership afresh.

Example:
    >>> carried = carry_labels("workspace", from_run="20261101-...", to_run="20261129-...")
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from voc import schema
from voc.curation.edits import LINK_ISSUE, NOTE, RENAME, SET_KIND, SET_STATUS, EditStore
from voc.curation.replay import NEW, CuratedRun, curate
from voc.store import Workspace

DEFAULT_MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class CarriedLabel:
    """One old theme's labels and where they went (``to_theme`` None: no new theme matched)."""

    from_theme: int
    name: str
    to_theme: int | None
    overlap: float  # share of the old theme's tickets that are in the new theme
    edits: int


def match_themes(
    old: pd.DataFrame, new: pd.DataFrame, min_overlap: float = DEFAULT_MIN_OVERLAP
) -> dict[int, tuple[int | None, float]]:
    """For each old theme: the new theme holding most of its tickets, and that share; the theme
    is None when the match is too weak either way."""
    joined = old[[schema.TICKET_ID, schema.THEME_ID]].merge(
        new[[schema.TICKET_ID, schema.THEME_ID]], on=schema.TICKET_ID, suffixes=("_old", "_new")
    )
    new_sizes = new[schema.THEME_ID].value_counts()
    out: dict[int, tuple[int | None, float]] = {}
    for old_id, group in joined.groupby(f"{schema.THEME_ID}_old"):
        counts = group[f"{schema.THEME_ID}_new"].value_counts()
        best, shared = int(counts.index[0]), int(counts.iloc[0])
        share = shared / len(group)
        strong = share >= min_overlap and shared / new_sizes[best] >= min_overlap
        out[int(old_id)] = (best if strong and best != schema.UNTHEMED_ID else None, share)
    return out


def carry_labels(
    workspace: str | Path, from_run: str, to_run: str, min_overlap: float = DEFAULT_MIN_OVERLAP
) -> list[CarriedLabel]:
    """Record the earlier run's labels as edits of the new run; returns what went where."""
    ws = Workspace(workspace)
    store = EditStore(ws.root)
    old: CuratedRun = curate(ws.load_run(from_run), store.edits(from_run))
    new_run = ws.load_run(to_run)
    matches = match_themes(old.tickets, new_run.tickets(), min_overlap)
    original = {t.theme_id: t.name for t in old.stored.themes}
    author = f"voc (from run {from_run})"
    carried = []
    for theme_id, label in old.labels.items():
        edits = []
        if label.name != original.get(theme_id, label.name):
            edits.append((RENAME, {"name": label.name}))
        if label.kind:
            edits.append((SET_KIND, {"kind": label.kind}))
        if label.status != NEW:
            edits.append((SET_STATUS, {"status": label.status}))
        if label.issue_key:
            edits.append((LINK_ISSUE, {"key": label.issue_key}))
        edits += [(NOTE, {"text": f"{n.text} ({n.author}, {n.at[:10]})"}) for n in label.notes]
        if not edits:
            continue
        target, overlap = matches.get(theme_id, (None, 0.0))
        if target is not None:
            for action, payload in edits:
                store.record(to_run, author, action, {"theme_id": target, **payload})
        carried.append(
            CarriedLabel(
                theme_id, label.name, target, round(overlap, 4), len(edits) * (target is not None)
            )
        )
    return carried
