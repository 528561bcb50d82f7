"""A run as analysts left it: their edits (:mod:`voc.curation.edits`) applied on the stored run.

:func:`curate` replays a run's edit log in order: renames, kinds, statuses, notes, issue links,
merges, splits, moved tickets and roadmap proposals, skipping undone edits. The stored run is never
changed; the result is a new ticket table and theme list that reports, exports and the dashboard
read. An edit that no longer applies (a rename of a theme another analyst merged away) is kept in
the history and marked as having no effect, so nothing anyone did disappears.

Example:
    >>> curated = curate(Workspace("ws").load_run(), EditStore("ws").edits(run_id))
    >>> [(t.theme_id, curated.labels[t.theme_id].name) for t in curated.themes][:3]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from voc import schema
from voc.classify import load_prototypes
from voc.config import RunConfig, ScoreConfig
from voc.curation.edits import (
    DELETE_PROPOSAL,
    LINK_ISSUE,
    MERGE,
    MOVE,
    NOTE,
    RENAME,
    REPLAY,
    SAVE_PROPOSAL,
    SET_KIND,
    SET_STATUS,
    SPLIT,
    UNDO,
    Edit,
    EditStore,
)
from voc.format import count
from voc.schema import ParentTheme, RunScores, Theme
from voc.score import score_themes
from voc.store import StoredRun, Workspace

NEW, CONFIRMED, DISMISSED = "new", "confirmed", "dismissed"
STATUSES: tuple[str, ...] = (NEW, CONFIRMED, DISMISSED)
REPRESENTATIVES = 5  # quotes kept for a theme made by a merge


@dataclass(frozen=True)
class Note:
    """An analyst's note on a theme."""

    edit_id: int
    at: str
    author: str
    text: str


@dataclass(frozen=True)
class ThemeLabel:
    """What analysts decided about a theme."""

    theme_id: int
    name: str
    kind: str | None = None  # set by an analyst; None keeps the classifier's
    status: str = NEW
    notes: tuple[Note, ...] = ()
    issue_key: str | None = None
    merged_from: tuple[int, ...] = ()
    split_from: int | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One edit as the history shows it: what it did, and whether it still counts."""

    edit: Edit
    summary: str
    effective: bool  # False: undone, or it no longer applied
    undone: bool = False


@dataclass
class CuratedRun:
    """A stored run with its analysts' edits applied."""

    stored: StoredRun
    tickets: pd.DataFrame
    themes: list[Theme]
    labels: dict[int, ThemeLabel]
    history: list[HistoryEntry]
    proposals: dict[str, dict[str, Any]]  # latest saved version of each proposal, by id
    changed_themes: bool  # any edit changed names, kinds, membership or statuses
    config: ScoreConfig = field(default_factory=lambda: RunConfig().score)

    @property
    def run_id(self) -> str:
        return self.stored.run_id

    @property
    def manifest(self) -> dict[str, Any]:
        return self.stored.manifest

    @property
    def parents(self) -> list[ParentTheme]:
        return self.stored.parents

    @property
    def last_edit_id(self) -> int:
        return self.history[-1].edit.edit_id if self.history else 0

    @property
    def not_replayable(self) -> list[dict[str, Any]]:
        """What the newest replay of an earlier run's curation could not bring to this run:
        dicts with theme_id, name, decisions and reason (see voc.curation.carry)."""
        replays = [h.edit for h in self.history if h.edit.action == REPLAY and h.effective]
        return list(replays[-1].payload["not_replayable"]) if replays else []

    def theme(self, theme_id: int) -> Theme:
        """The current theme with this id; ``KeyError`` when there is none."""
        return next(t for t in self.themes if t.theme_id == theme_id)

    @cached_property
    def scores(self) -> RunScores:
        """Measures and friction scores of the curated themes (the stored ones when unedited)."""
        stored = None if self.changed_themes else self.stored.scores()
        if stored is not None:
            return stored
        kinds = {t: label.kind for t, label in self.labels.items() if label.kind}
        severity = load_prototypes(self.config.prototypes_file).severity
        return score_themes(self.tickets, self.themes, self.config, severity, kinds=kinds)


def curate(stored: StoredRun, edits: list[Edit], tickets: pd.DataFrame | None = None) -> CuratedRun:
    """Replay ``edits`` (one run's log, oldest first) on ``stored``; ``tickets`` saves a re-read."""
    table = (stored.tickets() if tickets is None else tickets).copy()
    state = _State(
        themes={t.theme_id: t for t in stored.themes},
        labels={t.theme_id: ThemeLabel(t.theme_id, t.name) for t in stored.themes},
        owner=dict(zip(table[schema.TICKET_ID], table[schema.THEME_ID].astype(int), strict=True)),
    )
    undone = _undone(edits)
    history = []
    for edit in edits:
        if edit.edit_id in undone:
            history.append(HistoryEntry(edit, describe(edit), effective=False, undone=True))
            continue
        applied = state.apply(edit)
        history.append(HistoryEntry(edit, describe(edit), effective=applied))
    table[schema.THEME_ID] = table[schema.TICKET_ID].map(state.owner).astype("int64")
    themes = state.current_themes(table)
    names = {t.theme_id: t.name for t in themes}
    table[schema.THEME_NAME] = table[schema.THEME_ID].map(names)
    return CuratedRun(
        stored=stored,
        tickets=table,
        themes=themes,
        labels={t.theme_id: state.labels[t.theme_id] for t in themes},
        history=history,
        proposals=state.proposals,
        changed_themes=state.changed,
        config=stored.config().score,
    )


def load_curated(workspace: str | Path, run_id: str | None = None) -> CuratedRun:
    """A workspace's run (the newest by default) with its analysts' edits applied."""
    stored = Workspace(workspace).load_run(run_id)
    return curate(stored, EditStore(workspace).edits(stored.run_id))


def _undone(edits: list[Edit]) -> set[int]:
    """Ids of edits an effective undo cancels (undoing an undo is not supported)."""
    ids = {e.edit_id for e in edits if e.action != UNDO}
    undone: set[int] = set()
    for edit in edits:
        if edit.action == UNDO:
            target = int(edit.payload["edit_id"])
            if target in ids and target not in undone:
                undone.add(target)
    return undone


@dataclass
class _State:
    """The themes, labels and ticket owners while the log is replayed."""

    themes: dict[int, Theme]
    labels: dict[int, ThemeLabel]
    owner: dict[str, int]
    proposals: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False

    def apply(self, edit: Edit) -> bool:
        """Apply one edit; False when it no longer applies (its theme is gone)."""
        p = edit.payload
        if edit.action in (SAVE_PROPOSAL, DELETE_PROPOSAL):
            if edit.action == SAVE_PROPOSAL:
                proposal_id = str(p["proposal_id"])
                meta = {"proposal_id": proposal_id, "author": edit.author, "updated_at": edit.at}
                self.proposals[proposal_id] = {**p["proposal"], **meta}
                return True
            return self.proposals.pop(str(p["proposal_id"]), None) is not None
        if edit.action in (UNDO, REPLAY):
            return True
        if edit.action == MOVE:
            return self._move([str(t) for t in p["ticket_ids"]], int(p["to"]))
        if edit.action == MERGE:
            return self._merge([int(t) for t in p["theme_ids"]], int(p["into"]))
        if edit.action == SPLIT:
            return self._split(int(p["theme_id"]), p["parts"])
        theme_id = int(p["theme_id"])
        label = self.labels.get(theme_id)
        if label is None or theme_id not in self.themes:
            return False
        if edit.action == RENAME:
            label = replace(label, name=str(p["name"]))
        elif edit.action == SET_KIND:
            label = replace(label, kind=str(p["kind"]))
        elif edit.action == SET_STATUS:
            label = replace(label, status=str(p["status"]))
        elif edit.action == NOTE:
            label = replace(
                label,
                notes=(*label.notes, Note(edit.edit_id, edit.at, edit.author, str(p["text"]))),
            )
        elif edit.action == LINK_ISSUE:
            label = replace(label, issue_key=str(p["key"]) or None)
        self.labels[theme_id] = label
        self.changed = self.changed or edit.action in (RENAME, SET_KIND, SET_STATUS)
        return True

    def _move(self, ticket_ids: list[str], to: int) -> bool:
        if to not in self.themes:
            return False
        moved = [t for t in ticket_ids if t in self.owner]
        for ticket in moved:
            self.owner[ticket] = to
        self.changed = self.changed or bool(moved)
        return bool(moved)

    def _merge(self, theme_ids: list[int], into: int) -> bool:
        sources = [t for t in theme_ids if t != into and t in self.themes]
        if into not in self.themes or not sources:
            return False
        for ticket, owner in self.owner.items():
            if owner in sources:
                self.owner[ticket] = into
        target = self.themes[into]
        keywords = list(
            dict.fromkeys(target.keywords + [k for s in sources for k in self.themes[s].keywords])
        )
        reps = list(zip(target.representative_ids, target.representative_texts, strict=True))
        for source in sources:
            reps += zip(
                self.themes[source].representative_ids,
                self.themes[source].representative_texts,
                strict=True,
            )
        self.themes[into] = replace(
            target,
            keywords=keywords[: max(len(target.keywords), 1)],
            representative_ids=[r[0] for r in reps],
            representative_texts=[r[1] for r in reps],
            quality=None,
        )
        label = self.labels[into]
        notes = label.notes + tuple(n for s in sources for n in self.labels[s].notes)
        self.labels[into] = replace(label, notes=notes, merged_from=(*label.merged_from, *sources))
        for source in sources:
            del self.themes[source]
        self.changed = True
        return True

    def _split(self, theme_id: int, parts: list[dict[str, Any]]) -> bool:
        if theme_id not in self.themes:
            return False
        source = self.themes[theme_id]
        for part in parts:
            new_id = int(part["theme_id"])
            tickets = [str(t) for t in part["ticket_ids"] if self.owner.get(str(t)) == theme_id]
            for ticket in tickets:
                self.owner[ticket] = new_id
            self.themes[new_id] = Theme(
                theme_id=new_id,
                name=str(part["name"]),
                size=len(tickets),
                share=0.0,
                keywords=list(part.get("keywords", [])),
                representative_ids=[str(r) for r in part.get("representative_ids", [])],
                representative_texts=[str(r) for r in part.get("representative_texts", [])],
                parent_id=source.parent_id,
            )
            self.labels[new_id] = ThemeLabel(new_id, str(part["name"]), split_from=theme_id)
        self.changed = True
        return True

    def current_themes(self, table: pd.DataFrame) -> list[Theme]:
        """Every theme with tickets, with sizes, names and quotes that match its members now."""
        sizes = table[schema.THEME_ID].value_counts()
        members = set(table[schema.TICKET_ID])
        themes = []
        for theme_id, theme in self.themes.items():
            size = int(sizes.get(theme_id, 0))
            if not size:
                continue
            owned = [
                (tid, text)
                for tid, text in zip(
                    theme.representative_ids, theme.representative_texts, strict=True
                )
                if tid in members and self.owner.get(tid) == theme_id
            ][:REPRESENTATIVES]
            themes.append(
                replace(
                    theme,
                    name=self.labels[theme_id].name,
                    size=size,
                    share=size / max(len(table), 1),
                    representative_ids=[t for t, _ in owned],
                    representative_texts=[x for _, x in owned],
                )
            )
        themes.sort(key=lambda t: (t.theme_id == schema.UNTHEMED_ID, -t.size, t.theme_id))
        return themes


def describe(edit: Edit) -> str:
    """One line saying what an edit does, for the history."""
    p = edit.payload
    texts = {
        RENAME: lambda: f'renamed theme {p["theme_id"]} to "{p["name"]}"',
        SET_KIND: lambda: f"set the kind of theme {p['theme_id']} to {p['kind']}",
        SET_STATUS: lambda: f"marked theme {p['theme_id']} {p['status']}",
        NOTE: lambda: f"noted on theme {p['theme_id']}: {p['text']}",
        LINK_ISSUE: lambda: f"linked theme {p['theme_id']} to {p['key'] or 'no issue'}",
        MERGE: lambda: f"merged themes {', '.join(map(str, p['theme_ids']))} into {p['into']}",
        SPLIT: lambda: f"split theme {p['theme_id']} into {len(p['parts'])} themes",
        MOVE: lambda: f"moved {count(len(p['ticket_ids']), 'ticket')} to theme {p['to']}",
        UNDO: lambda: f"undid edit {p['edit_id']}",
        SAVE_PROPOSAL: lambda: f'saved proposal "{p["proposal"].get("title", "")}"',
        DELETE_PROPOSAL: lambda: f"deleted proposal {p['proposal_id']}",
        REPLAY: lambda: (
            f"replayed analysts' decisions from run {p['from_run']}"
            + (f"; {len(p['not_replayable'])} not replayable" if p["not_replayable"] else "")
        ),
    }
    return texts[edit.action]() if edit.action in texts else edit.action
