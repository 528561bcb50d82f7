"""Replay analysts' curation of an earlier run onto a new run, through the new run's lineage.

Re-clustering makes new themes with new ids. :func:`plan_replay` reads what analysts decided on
the earlier run (its curated view: names, kinds, statuses, notes, issue links, merges, accepted
splits, moved tickets, proposals) and how the new run's themes descend from the earlier run's
(:mod:`voc.lineage`), and returns the edits that make the same decisions on the new run, plus
what could not be replayed. :func:`replay_curation` is the workspace side: it reads both runs,
plans, records the edits as ``voc (from run <id>)`` and one ``replay`` entry listing what was
not replayable, so the analyst sees it in the history. See docs/curation.md, "Replay".

How each decision travels (an earlier *curated* theme C is made of earlier clustered themes T):

- a new theme whose first (biggest) predecessor is T becomes a piece of C; when analysts split T,
  the new theme's tickets are split the same way: a ticket both runs hold keeps its part, any
  other goes to the nearest part centroid (the mean embedding of the part's earlier tickets);
- pieces of C that come from different earlier themes are merged again (the analyst merged them);
  pieces of one earlier theme that the new clustering split stay apart: the biggest takes C's name,
  every piece takes its kind, status, notes and issue link;
- tickets an analyst moved go where they were moved, when the new export still holds them;
- proposals keep their id and point at the new themes of the themes they were about;
- a decided theme with no piece in the new run (its themes are gone, or the clustering merged
  them into another theme) is listed as not replayable, never dropped silently.

Example:
    >>> replay = replay_curation("workspace", run_id)  # doctest: +SKIP
    >>> [n.name for n in replay.not_replayable] if replay else []  # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from voc import schema
from voc.crosslingual import MULTILINGUAL
from voc.curation.edits import (
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
    EditStore,
)
from voc.curation.replay import NEW, REPRESENTATIVES, CuratedRun, ThemeLabel, curate
from voc.lineage import Lineage
from voc.store import StoredRun, Workspace

REPLAY_AUTHOR = "voc (from run {run_id})"
PROPOSAL_META = ("proposal_id", "author", "updated_at")

# Rows of a ticket table -> their unit-length embeddings (same model for both runs' rows).
Encode = Callable[[pd.DataFrame], np.ndarray]


@dataclass(frozen=True)
class NotReplayed:
    """An earlier decision the new run cannot take, and why."""

    theme_id: int | None  # the earlier (curated) theme; None for a decision about tickets
    name: str
    decisions: tuple[str, ...]  # what was decided: "renamed", "dismissed", "2 notes", ...
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "theme_id": self.theme_id,
            "name": self.name,
            "decisions": list(self.decisions),
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NotReplayed:
        theme_id = data.get("theme_id")
        return cls(
            None if theme_id is None else int(theme_id),
            str(data.get("name", "")),
            tuple(str(d) for d in data.get("decisions", ())),
            str(data.get("reason", "")),
        )


@dataclass(frozen=True)
class ReplayPlan:
    """The edits that replay an earlier run's curation on a new run (oldest first)."""

    from_run: str
    steps: list[tuple[str, dict[str, Any]]]
    not_replayable: list[NotReplayed]
    targets: dict[int, int]  # earlier curated theme -> the new theme that carries its name


@dataclass(frozen=True)
class Replay:
    """What :func:`replay_curation` recorded on the new run."""

    from_run: str
    to_run: str
    edits: int
    not_replayable: list[NotReplayed] = field(default_factory=list)


@dataclass(frozen=True)
class _Piece:
    """A new-run theme (or a part cut from one) that continues earlier curated theme ``curated``."""

    theme_id: int
    curated: int
    source: int  # the earlier clustered theme it descends from
    size: int
    cut: bool  # a part made by the replayed split (already named)


def decisions(label: ThemeLabel, machine_name: str | None) -> tuple[str, ...]:
    """What analysts decided about one curated theme, in words; empty when nothing."""
    found = []
    if label.split_from is not None:
        found.append(f"split from theme {label.split_from}")
    elif label.name != machine_name:
        found.append(f'renamed "{label.name}"')
    if label.kind:
        found.append(f"kind {label.kind}")
    if label.status != NEW:
        found.append(label.status)
    if label.notes:
        found.append(f"{len(label.notes)} note{'s' * (len(label.notes) > 1)}")
    if label.issue_key:
        found.append(f"issue {label.issue_key}")
    if label.merged_from:
        found.append(f"merged with {', '.join(map(str, label.merged_from))}")
    return tuple(found)


def plan_replay(
    earlier: CuratedRun,
    earlier_tickets: pd.DataFrame,
    new_tickets: pd.DataFrame,
    lineage: Lineage,
    encode: Encode | None = None,
) -> ReplayPlan:
    """The edits that make ``earlier``'s curation on the run ``lineage`` describes.

    ``earlier_tickets`` is the earlier run's stored (uncurated) ticket table, ``new_tickets`` the
    new run's; ``encode`` embeds ticket rows, needed only when an accepted split is replayed.
    Pure: reads nothing, records nothing.
    """
    raw_of = _owners(earlier_tickets)
    curated_of = _owners(earlier.tickets)
    moved = {
        str(t)
        for entry in earlier.history
        if entry.effective and entry.edit.action == MOVE
        for t in entry.edit.payload["ticket_ids"]
    }
    fate: dict[int, set[int]] = defaultdict(set)  # earlier clustered theme -> curated themes
    for ticket, raw in raw_of.items():
        if raw != schema.UNTHEMED_ID and ticket not in moved:
            fate[raw].add(curated_of[ticket])
    new_of = _owners(new_tickets)
    new_ids = set(new_of.values())
    steps: list[tuple[str, dict[str, Any]]] = []
    not_replayable: list[NotReplayed] = []
    owner = dict(new_of)  # each new ticket's theme as the replayed edits go
    taken = set(new_ids)

    pieces: list[_Piece] = []
    for theme in sorted(lineage.themes, key=lambda t: t.theme_id):
        if not theme.predecessors or not fate.get(theme.predecessors[0].theme_id):
            continue
        source = theme.predecessors[0].theme_id
        parts = sorted(fate[source])
        if len(parts) == 1:
            pieces.append(_Piece(theme.theme_id, parts[0], source, theme.size, cut=False))
            continue
        members = new_tickets[
            new_tickets[schema.TICKET_ID].astype(str).map(new_of).eq(theme.theme_id)
        ]
        groups = _split_like(members, parts, source, raw_of, curated_of, moved, earlier, encode)
        if groups is None:
            not_replayable.append(
                NotReplayed(
                    source,
                    earlier.labels[source].name if source in earlier.labels else "",
                    ("split",),
                    "replaying a split needs the embedding model; none was given",
                )
            )
            continue
        if len(groups) == 1:
            (part,) = groups
            pieces.append(_Piece(theme.theme_id, part, source, theme.size, cut=False))
            continue
        payload_parts = []
        for part, (ids, reps) in groups.items():
            part_id = part if part not in taken else max(taken | {part}) + 1
            taken.add(part_id)
            label, old = earlier.labels[part], earlier.theme(part)
            payload_parts.append(
                {
                    "theme_id": part_id,
                    "name": label.name,
                    "keywords": list(old.keywords),
                    "ticket_ids": ids,
                    "representative_ids": [t for t, _ in reps],
                    "representative_texts": [x for _, x in reps],
                }
            )
            for ticket in ids:
                owner[ticket] = part_id
            pieces.append(_Piece(part_id, part, source, len(ids), cut=True))
        steps.append((SPLIT, {"theme_id": theme.theme_id, "parts": payload_parts}))

    by_curated: dict[int, list[_Piece]] = defaultdict(list)
    for piece in pieces:
        by_curated[piece.curated].append(piece)
    targets: dict[int, int] = {}
    extra: dict[int, list[int]] = {}  # other pieces of one earlier theme split by the clustering
    for curated, found in sorted(by_curated.items()):
        label = earlier.labels[curated]
        if label.split_from is not None:
            merged, others = found, []
        else:
            best: dict[int, _Piece] = {}
            for piece in found:
                if piece.source not in best or piece.size > best[piece.source].size:
                    best[piece.source] = piece
            merged = list(best.values())
            others = [p.theme_id for p in found if p not in merged]
        into = next((p for p in merged if p.source == curated), None) or max(
            merged, key=lambda p: (p.size, -p.theme_id)
        )
        if len(merged) > 1:
            ids = sorted(p.theme_id for p in merged)
            steps.append((MERGE, {"theme_ids": ids, "into": into.theme_id}))
            for ticket, theme_id in owner.items():
                if theme_id in ids:
                    owner[ticket] = into.theme_id
        targets[curated] = into.theme_id
        extra[curated] = others
    if schema.UNTHEMED_ID in new_ids:
        targets.setdefault(schema.UNTHEMED_ID, schema.UNTHEMED_ID)

    moves: dict[int, list[str]] = defaultdict(list)
    missing = 0
    for ticket in sorted(moved):
        if ticket not in owner:
            missing += 1
            continue
        to = targets.get(curated_of[ticket])
        if to is not None and owner[ticket] != to:
            moves[to].append(ticket)
            owner[ticket] = to
    steps += [(MOVE, {"ticket_ids": ids, "to": to}) for to, ids in sorted(moves.items())]
    if missing:
        not_replayable.append(
            NotReplayed(
                None, "", (f"{missing} moved tickets",), "those tickets are not in this export"
            )
        )

    machine = {t.theme_id: t.name for t in earlier.stored.themes}
    cut = {p.theme_id for p in pieces if p.cut}
    for curated, label in sorted(earlier.labels.items()):
        decided = decisions(label, machine.get(curated))
        if curated not in targets:
            if decided:
                reason = _why_gone(curated, curated_of, raw_of, lineage)
                not_replayable.append(NotReplayed(curated, label.name, decided, reason))
            continue
        target = targets[curated]
        renamed = label.split_from is not None or label.name != machine.get(curated)
        if renamed and target not in cut:
            steps.append((RENAME, {"theme_id": target, "name": label.name}))
        for theme_id in [target, *extra.get(curated, [])]:
            steps += _label_steps(label, theme_id)

    for proposal_id, saved in sorted(earlier.proposals.items()):
        about = [int(t) for t in saved.get("theme_ids", [])]
        kept = [targets[t] for t in about if t in targets]
        for lost in (t for t in about if t not in targets):
            name = earlier.labels[lost].name if lost in earlier.labels else f"theme {lost}"
            not_replayable.append(
                NotReplayed(
                    lost,
                    name,
                    (f'proposal "{saved.get("title", "")}"',),
                    "the proposal is kept without this theme: it has no theme in this run",
                )
            )
        proposal = {k: v for k, v in saved.items() if k not in PROPOSAL_META}
        proposal["theme_ids"] = list(dict.fromkeys(kept))
        steps.append((SAVE_PROPOSAL, {"proposal_id": proposal_id, "proposal": proposal}))
    return ReplayPlan(earlier.run_id, steps, not_replayable, targets)


def replay_curation(
    workspace: str | Path,
    run_id: str,
    encode: Encode | None = None,
    tickets: pd.DataFrame | None = None,
) -> Replay | None:
    """Replay the curation of the run before ``run_id`` onto it; None when there is nothing to
    replay (no earlier run, or no analyst ever edited it).

    ``encode`` embeds ticket rows for replayed splits; None: the new run's embedding model,
    answering from the workspace's embedding cache. ``tickets``: the new run's ticket table when
    the caller holds it (saves reading it back).
    """
    ws = Workspace(workspace)
    earlier_ids = [r for r in ws.run_ids() if r < run_id]
    store = EditStore(ws.root)
    if not earlier_ids or not store.last_edit_id(earlier_ids[-1]):
        return None
    from_run = earlier_ids[-1]
    earlier = curate(ws.load_run(from_run), store.edits(from_run))
    if not any(e.effective for e in earlier.history):
        return None
    new = ws.load_run(run_id)
    lineage = new.lineage()
    author = REPLAY_AUTHOR.format(run_id=from_run)
    if lineage is None or lineage.earlier_run_id != from_run:
        plan = ReplayPlan(from_run, [], _all_lost(earlier), {})
    else:
        plan = plan_replay(
            earlier,
            earlier.stored.tickets(),
            new.tickets() if tickets is None else tickets,
            lineage,
            encode or _default_encode(ws, new),
        )
    for action, payload in plan.steps:
        store.record(run_id, author, action, payload)
    store.record(
        run_id,
        author,
        REPLAY,
        {
            "from_run": from_run,
            "replayed": len(plan.steps),
            "not_replayable": [n.to_dict() for n in plan.not_replayable],
        },
    )
    return Replay(from_run, run_id, len(plan.steps), plan.not_replayable)


def _owners(table: pd.DataFrame) -> dict[str, int]:
    return dict(
        zip(
            table[schema.TICKET_ID].astype(str),
            table[schema.THEME_ID].astype(int),
            strict=True,
        )
    )


def _split_like(
    members: pd.DataFrame,
    parts: list[int],
    source: int,
    raw_of: dict[str, int],
    curated_of: dict[str, int],
    moved: set[str],
    earlier: CuratedRun,
    encode: Encode | None,
) -> dict[int, tuple[list[str], list[tuple[str, str]]]] | None:
    """``members`` (one new theme's rows) divided among the earlier split's ``parts``: ticket ids
    and representative (id, text) pairs per part; None when embeddings are needed but absent."""
    ids = members[schema.TICKET_ID].astype(str).tolist()
    known = [curated_of.get(t) if t not in moved and raw_of.get(t) == source else None for t in ids]
    if all(k in parts for k in known):
        chosen = np.array([parts.index(int(k)) for k in known])  # type: ignore[arg-type]
        scores = np.ones(len(ids))
    elif encode is None:
        return None
    else:
        earlier_rows = earlier.tickets[
            earlier.tickets[schema.TICKET_ID]
            .astype(str)
            .map(lambda t: raw_of.get(t) == source and t not in moved)
        ]
        centres = []
        vectors = encode(earlier_rows)
        for part in parts:
            inside = vectors[(earlier_rows[schema.THEME_ID] == part).to_numpy()]
            centre = inside.mean(axis=0)
            centres.append(centre / (np.linalg.norm(centre) or 1.0))
        similarity = encode(members) @ np.stack(centres).T
        chosen = similarity.argmax(axis=1)
        for i, k in enumerate(known):
            if k in parts:
                chosen[i] = parts.index(int(k))  # a ticket both runs hold keeps its part
        scores = similarity[np.arange(len(ids)), chosen]
    texts = members[schema.TEXT].astype(str).tolist()
    groups: dict[int, tuple[list[str], list[tuple[str, str]]]] = {}
    for index, part in enumerate(parts):
        inside = np.flatnonzero(chosen == index)
        if not len(inside):
            continue
        best = inside[np.argsort(-scores[inside], kind="stable")][:REPRESENTATIVES]
        groups[part] = ([ids[i] for i in inside], [(ids[i], texts[i][:400]) for i in best])
    return groups


def _label_steps(label: ThemeLabel, theme_id: int) -> list[tuple[str, dict[str, Any]]]:
    """Kind, status, issue link and notes of ``label``, as edits on ``theme_id``."""
    steps: list[tuple[str, dict[str, Any]]] = []
    if label.kind:
        steps.append((SET_KIND, {"theme_id": theme_id, "kind": label.kind}))
    if label.status != NEW:
        steps.append((SET_STATUS, {"theme_id": theme_id, "status": label.status}))
    if label.issue_key:
        steps.append((LINK_ISSUE, {"theme_id": theme_id, "key": label.issue_key}))
    for note in label.notes:
        replayed = note.author.startswith(REPLAY_AUTHOR.split("{")[0])
        text = note.text if replayed else f"{note.text} ({note.author}, {note.at[:10]})"
        steps.append((NOTE, {"theme_id": theme_id, "text": text}))
    return steps


def _why_gone(
    curated: int, curated_of: dict[str, int], raw_of: dict[str, int], lineage: Lineage
) -> str:
    """Why an earlier curated theme has no theme in the new run, in words."""
    sources = {raw_of[t] for t, c in curated_of.items() if c == curated}
    for theme in lineage.themes:
        if any(p.theme_id in sources for p in theme.predecessors[1:]):
            return (
                f'the new clustering merged it into theme {theme.theme_id} "{theme.name}"; '
                "split that theme to separate it again"
            )
    return f"no theme of run {lineage.run_id} descends from it (its tickets are gone)"


def _all_lost(earlier: CuratedRun) -> list[NotReplayed]:
    """Every decision of ``earlier``, when the new run's themes cannot be traced to it."""
    machine = {t.theme_id: t.name for t in earlier.stored.themes}
    reason = (
        "the new run was embedded with another model or settings, so its themes cannot be "
        "traced to this run's"
    )
    return [
        NotReplayed(theme_id, label.name, decided, reason)
        for theme_id, label in sorted(earlier.labels.items())
        if (decided := decisions(label, machine.get(theme_id)))
    ]


def _default_encode(ws: Workspace, run: StoredRun) -> Encode:
    """Embed ticket rows with ``run``'s model, from the workspace's embedding cache first."""
    from voc.embed import CachedEmbedder, make_embedder
    from voc.prepare import embedding_texts

    config = run.config().embed
    if run.info.language_mode == MULTILINGUAL:
        config = config.multilingual()
    encoder = CachedEmbedder(make_embedder(config), ws.embedding_cache())

    def encode(rows: pd.DataFrame) -> np.ndarray:
        vectors = np.asarray(encoder.encode(embedding_texts(rows, config.max_chars)), np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    return encode
