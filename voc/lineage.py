"""Theme lineage between two runs: stable keys, predecessors and what changed.

Every re-clustering renumbers themes. :func:`trace` matches the new run's themed tickets to the
earlier run's themes (by ticket id where both runs hold the ticket, else by the nearest earlier
centroid), counts the overlap of earlier x new themes, and derives from it each new theme's
predecessors, its relation (same, renamed, grown, shrunk, split, merged, new), its stable key,
and the earlier themes that are gone. :func:`changes` turns a :class:`Lineage` into the "since the
last run" summary. Pure functions over what the caller hands in: no disk, no workspace.
See docs/lineage.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np

from voc.config import LineageConfig
from voc.schema import UNTHEMED_ID

SAME = "same"
RENAMED = "renamed"
GROWN = "grown"
SHRUNK = "shrunk"
SPLIT = "split"  # one of several successors of one earlier theme
MERGED = "merged"  # gathers several earlier themes
NEW = "new"
RELATIONS: tuple[str, ...] = (SAME, RENAMED, GROWN, SHRUNK, SPLIT, MERGED, NEW)

_CHUNK = 65_536  # new tickets compared with the earlier centroids at a time (bounded memory)


@dataclass(frozen=True)
class RunThemes:
    """What lineage needs of one run, one row per ticket.

    ``theme_ids`` of -1 (Unthemed) never take part. ``centroids`` row i is theme i, unit length.
    ``similarity`` (optional) is each ticket's cosine to its own theme's centroid; given for the
    earlier run, it sets the threshold for matching new tickets (see :class:`LineageSettings`).
    ``keys`` is empty for a run whose keys are not known yet: its themes then take the keys that
    :func:`new_key` gives them, as :func:`trace` with ``earlier=None`` would have.
    """

    run_id: str
    ticket_ids: np.ndarray
    theme_ids: np.ndarray
    centroids: np.ndarray
    names: dict[int, str] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    similarity: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.ticket_ids)
        if len(self.theme_ids) != n:
            raise ValueError(f"run {self.run_id}: {n} ticket ids but {len(self.theme_ids)} themes")
        if self.similarity is not None and len(self.similarity) != n:
            raise ValueError(f"run {self.run_id}: similarity has {len(self.similarity)} rows")
        themed = np.asarray(self.theme_ids)
        themed = themed[themed != UNTHEMED_ID]
        if themed.size and (themed.min() < 0 or themed.max() >= len(self.centroids)):
            raise ValueError(f"run {self.run_id}: a theme id has no centroid row")


# The thresholds of :func:`trace`: a run's ``lineage`` settings (``voc.config.LineageConfig``).
LineageSettings = LineageConfig


@dataclass(frozen=True)
class Predecessor:
    """An earlier theme that fed a new theme, and how much of each it makes up."""

    theme_id: int
    key: str
    name: str
    tickets: int  # the new theme's tickets matched to this earlier theme
    share_of_earlier: float  # of the earlier theme's matched tickets, the share that went here
    share_of_new: float  # of the new theme's matched tickets, the share from this earlier theme


@dataclass(frozen=True)
class ThemeLineage:
    """One theme of the new run: its stable key, relation and predecessors (best first).

    ``earlier_size`` is the summed size of its predecessors in the earlier run (None when NEW).
    """

    theme_id: int
    key: str
    name: str
    relation: str
    predecessors: tuple[Predecessor, ...]
    size: int
    earlier_size: int | None


@dataclass(frozen=True)
class GoneTheme:
    """An earlier theme that no new theme descends from."""

    theme_id: int
    key: str
    name: str
    size: int


@dataclass(frozen=True)
class Lineage:
    """How the themes of ``run_id`` descend from those of ``earlier_run_id``.

    ``assign_threshold`` is the cosine a new ticket needed to be matched to an earlier centroid
    (None when there was no earlier run).
    """

    run_id: str
    earlier_run_id: str | None
    themes: tuple[ThemeLineage, ...]
    gone: tuple[GoneTheme, ...]
    settings: LineageSettings
    assign_threshold: float | None = None

    def key_of(self, theme_id: int) -> str:
        """The stable key of a new-run theme; KeyError when the run has no such theme."""
        for theme in self.themes:
            if theme.theme_id == theme_id:
                return theme.key
        raise KeyError(theme_id)

    def keys(self) -> dict[int, str]:
        """Theme id -> stable key, to hand in as ``RunThemes.keys`` when the next run is traced."""
        return {theme.theme_id: theme.key for theme in self.themes}

    def successors(self, earlier_theme_id: int) -> list[ThemeLineage]:
        """The new themes that list ``earlier_theme_id`` among their predecessors."""
        return [
            t for t in self.themes if any(p.theme_id == earlier_theme_id for p in t.predecessors)
        ]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (lists, not tuples) that :meth:`from_dict` turns back into an equal
        Lineage."""
        return json.loads(json.dumps(asdict(self)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Lineage:
        """Rebuild a Lineage from :meth:`to_dict` output (also after a JSON round trip)."""
        themes = tuple(
            ThemeLineage(
                **{
                    **t,
                    "predecessors": tuple(Predecessor(**p) for p in t["predecessors"]),
                }
            )
            for t in data["themes"]
        )
        known = {f.name for f in fields(LineageSettings)}
        settings = LineageSettings(**{k: v for k, v in data["settings"].items() if k in known})
        return cls(
            run_id=data["run_id"],
            earlier_run_id=data["earlier_run_id"],
            themes=themes,
            gone=tuple(GoneTheme(**g) for g in data["gone"]),
            settings=settings,
            assign_threshold=data.get("assign_threshold"),
        )


def new_key(run_id: str, theme_id: int, salt: int = 0) -> str:
    """The deterministic key a theme gets when it inherits none: 't-' + 8 hex of a sha256.

    ``salt`` (rarely needed) gives another key when the first collides with one already in use.
    """
    text = f"{run_id}:{theme_id}" + (f":{salt}" if salt else "")
    return "t-" + hashlib.sha256(text.encode()).hexdigest()[:8]


def _sizes(run: RunThemes) -> dict[int, int]:
    """Theme id -> ticket count, for the run's themes that hold at least one ticket."""
    ids, counts = np.unique(np.asarray(run.theme_ids), return_counts=True)
    return {int(i): int(c) for i, c in zip(ids, counts, strict=True) if i != UNTHEMED_ID}


def _threshold(earlier: RunThemes, settings: LineageSettings) -> float:
    """Cosine a new ticket needs to join an earlier theme: a quantile of the earlier run's own."""
    if earlier.similarity is None:
        return settings.assign_similarity
    own = np.asarray(earlier.similarity, dtype=float)[np.asarray(earlier.theme_ids) != UNTHEMED_ID]
    own = own[np.isfinite(own)]
    if own.size == 0:
        return settings.assign_similarity
    return float(np.quantile(own, settings.assign_quantile))


def _matched(
    earlier: RunThemes, new: RunThemes, new_vectors: np.ndarray, threshold: float
) -> np.ndarray:
    """Per new ticket, the earlier theme it belongs to (-1: none): by id, else nearest centroid."""
    new_ids = np.asarray(new.ticket_ids).astype(str)
    old_ids = np.asarray(earlier.ticket_ids).astype(str)
    old_themes = np.asarray(earlier.theme_ids)
    matched = np.full(len(new_ids), UNTHEMED_ID, dtype=np.int64)
    shared = np.zeros(len(new_ids), dtype=bool)
    if len(old_ids):
        order = np.argsort(old_ids, kind="stable")
        sorted_ids = old_ids[order]
        pos = np.clip(np.searchsorted(sorted_ids, new_ids), 0, len(sorted_ids) - 1)
        shared = sorted_ids[pos] == new_ids
        matched[shared] = old_themes[order[pos[shared]]]
    sizes = _sizes(earlier)
    rows = np.asarray(sorted(sizes), dtype=np.int64)
    todo = np.flatnonzero(~shared & (np.asarray(new.theme_ids) != UNTHEMED_ID))
    if rows.size == 0 or todo.size == 0:
        return matched
    centroids = np.asarray(earlier.centroids, dtype=np.float32)[rows]
    vectors = np.asarray(new_vectors, dtype=np.float32)
    for start in range(0, todo.size, _CHUNK):
        part = todo[start : start + _CHUNK]
        sims = vectors[part] @ centroids.T
        best = np.argmax(sims, axis=1)
        ok = sims[np.arange(part.size), best] >= threshold
        matched[part[ok]] = rows[best[ok]]
    return matched


def _overlap(matched: np.ndarray, new_theme_ids: np.ndarray) -> dict[tuple[int, int], int]:
    """(earlier theme, new theme) -> tickets of the new theme matched to the earlier theme."""
    new_theme_ids = np.asarray(new_theme_ids)
    keep = (matched != UNTHEMED_ID) & (new_theme_ids != UNTHEMED_ID)
    if not keep.any():
        return {}
    pairs, counts = np.unique(
        np.stack([matched[keep], new_theme_ids[keep]], axis=1), axis=0, return_counts=True
    )
    return {(int(e), int(n)): int(c) for (e, n), c in zip(pairs, counts, strict=True)}


def _relation(
    preds: list[Predecessor],
    n_successors: dict[int, int],
    name: str,
    size: int,
    earlier_name: str,
    earlier_share: float,
    new_total: int,
    settings: LineageSettings,
) -> str:
    """The relation of one new theme from its predecessor links."""
    if not preds:
        return NEW
    if len(preds) >= 2:
        return MERGED
    if n_successors[preds[0].theme_id] >= 2:
        return SPLIT
    share = size / new_total if new_total else 0.0
    expected = earlier_share * new_total
    if share >= settings.growth_factor * earlier_share and size - expected >= (
        settings.min_change_tickets
    ):
        return GROWN
    if share * settings.growth_factor <= earlier_share and expected - size >= (
        settings.min_change_tickets
    ):
        return SHRUNK
    return RENAMED if name != earlier_name else SAME


def trace(
    earlier: RunThemes | None,
    new: RunThemes,
    new_vectors: np.ndarray,
    settings: LineageSettings = LineageSettings(),  # noqa: B008 - frozen, so safe to share
) -> Lineage:
    """Match ``new``'s themes to ``earlier``'s and give each a stable key and a relation.

    ``new_vectors`` are unit-length embeddings aligned with ``new.ticket_ids``. With no earlier
    run every theme is NEW. Deterministic: the same inputs give the same Lineage.
    """
    if len(new_vectors) != len(new.ticket_ids):
        raise ValueError(f"{len(new_vectors)} vectors for {len(new.ticket_ids)} tickets")
    new_sizes = _sizes(new)
    if earlier is None:
        themes = tuple(
            ThemeLineage(t, new_key(new.run_id, t), new.names.get(t, ""), NEW, (), size, None)
            for t, size in new_sizes.items()
        )
        return Lineage(new.run_id, None, themes, (), settings, None)

    old_sizes = _sizes(earlier)
    old_keys = {t: earlier.keys.get(t) or new_key(earlier.run_id, t) for t in old_sizes}
    threshold = _threshold(earlier, settings)
    overlap = _overlap(_matched(earlier, new, new_vectors, threshold), new.theme_ids)
    out_of: dict[int, int] = {}  # earlier theme -> its matched tickets in any new theme
    into: dict[int, int] = {}  # new theme -> its tickets matched to any earlier theme
    for (e, n), c in overlap.items():
        out_of[e] = out_of.get(e, 0) + c
        into[n] = into.get(n, 0) + c

    links: dict[int, list[Predecessor]] = {n: [] for n in new_sizes}
    for (e, n), c in sorted(overlap.items()):
        of_earlier, of_new = c / out_of[e], c / into[n]
        if c >= settings.min_tickets and min(of_earlier, of_new) >= settings.min_share:
            name = earlier.names.get(e, "")
            links[n].append(Predecessor(e, old_keys[e], name, c, of_earlier, of_new))
    for n in links:
        links[n].sort(key=lambda p: (-p.tickets, p.theme_id))
    n_successors: dict[int, int] = {}
    for preds in links.values():
        for p in preds:
            n_successors[p.theme_id] = n_successors.get(p.theme_id, 0) + 1

    # Keys: the biggest links first, each earlier key inherited at most once, each new theme once.
    ranked = sorted(
        ((p.tickets, p.theme_id, n) for n, preds in links.items() for p in preds),
        key=lambda r: (-r[0], r[1], r[2]),
    )
    keys: dict[int, str] = {}
    taken: set[str] = set()
    for _, e, n in ranked:
        if n not in keys and old_keys[e] not in taken:
            keys[n] = old_keys[e]
            taken.add(old_keys[e])
    for n in new_sizes:
        if n not in keys:
            key, salt = new_key(new.run_id, n), 0
            while key in taken or key in old_keys.values():
                salt += 1
                key = new_key(new.run_id, n, salt)
            keys[n] = key
            taken.add(key)

    old_total, new_total = len(earlier.ticket_ids), len(new.ticket_ids)
    themes = []
    for n, size in new_sizes.items():
        preds = links[n]
        first = preds[0].theme_id if preds else None
        relation = _relation(
            preds,
            n_successors,
            new.names.get(n, ""),
            size,
            earlier.names.get(first, "") if first is not None else "",
            old_sizes[first] / old_total if first is not None and old_total else 0.0,
            new_total,
            settings,
        )
        earlier_size = sum(old_sizes[p.theme_id] for p in preds) if preds else None
        themes.append(
            ThemeLineage(
                n, keys[n], new.names.get(n, ""), relation, tuple(preds), size, earlier_size
            )
        )
    gone = tuple(
        GoneTheme(e, old_keys[e], earlier.names.get(e, ""), size)
        for e, size in old_sizes.items()
        if e not in n_successors
    )
    return Lineage(new.run_id, earlier.run_id, tuple(themes), gone, settings, threshold)


@dataclass(frozen=True)
class ThemeChange:
    """One line of the "since the last run" summary: a theme's size and share, before and after.

    ``theme_id`` is the new run's theme (the earlier run's for a gone theme); ``earlier_theme_ids``
    its predecessors. Shares are size / the run's total tickets; None where the side is absent.
    """

    theme_id: int
    key: str
    name: str
    relation: str
    earlier_theme_ids: tuple[int, ...]
    size_before: int | None
    size_after: int | None
    share_before: float | None
    share_after: float | None


@dataclass(frozen=True)
class RunChanges:
    """What changed since the earlier run, grouped by relation, for ``voc diff`` to render."""

    run_id: str
    earlier_run_id: str | None
    earlier_total: int
    new_total: int
    new: tuple[ThemeChange, ...]
    gone: tuple[ThemeChange, ...]
    grown: tuple[ThemeChange, ...]
    shrunk: tuple[ThemeChange, ...]
    split: tuple[ThemeChange, ...]
    merged: tuple[ThemeChange, ...]
    renamed: tuple[ThemeChange, ...]
    unchanged: int  # themes whose relation is SAME


def _share(size: int | None, total: int) -> float | None:
    """size / total, None when there is no size; 0.0 for an empty run."""
    if size is None:
        return None
    return size / total if total else 0.0


def changes(lineage: Lineage, earlier_total: int, new_total: int) -> RunChanges:
    """The "since the last run" summary of a Lineage, biggest themes first within each group.

    ``earlier_total`` and ``new_total`` are each run's ticket count (Unthemed included).
    """
    by: dict[str, list[ThemeChange]] = {relation: [] for relation in RELATIONS}
    for t in sorted(lineage.themes, key=lambda t: (-t.size, t.theme_id)):
        by[t.relation].append(
            ThemeChange(
                t.theme_id,
                t.key,
                t.name,
                t.relation,
                tuple(p.theme_id for p in t.predecessors),
                t.earlier_size,
                t.size,
                _share(t.earlier_size, earlier_total),
                _share(t.size, new_total),
            )
        )
    gone = tuple(
        ThemeChange(
            g.theme_id, g.key, g.name, "gone", (), g.size, None, _share(g.size, earlier_total), None
        )
        for g in sorted(lineage.gone, key=lambda g: (-g.size, g.theme_id))
    )
    return RunChanges(
        lineage.run_id,
        lineage.earlier_run_id,
        earlier_total,
        new_total,
        new=tuple(by[NEW]),
        gone=gone,
        grown=tuple(by[GROWN]),
        shrunk=tuple(by[SHRUNK]),
        split=tuple(by[SPLIT]),
        merged=tuple(by[MERGED]),
        renamed=tuple(by[RENAMED]),
        unchanged=len(by[SAME]),
    )
