"""What the Curate page suggests and how its history reads: pure functions over a CuratedRun.

Split suggestions are the themes the clustering flagged ``mixed`` (two sub-groups whose centres
are less alike than ``themes.mixed_split_similarity``); merge suggestions are pairs of themes whose
centres are among the run's most alike (each theme's nearest other theme, as the run computed it
in :class:`voc.schema.ThemeQuality`, at or above the :data:`MERGE_QUANTILE` of those
similarities). The history names themes with their ids, ``"Login loop" (#3)``, by the name each
theme had just before the edit.

Example:
    >>> curated = load_curated("workspace")
    >>> [s.theme_id for s in split_suggestions(curated)]
    >>> [(m.theme_ids, round(m.similarity, 2)) for m in merge_suggestions(curated)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from voc.curation.edits import MERGE, RENAME, SPLIT
from voc.curation.replay import DISMISSED, CuratedRun, describe
from voc.schema import UNTHEMED_ID

# Pairs are offered for a merge when their cosine is at or above this quantile of the run's
# nearest-theme similarities: the closest tenth of neighbours. Relative, not a fixed cosine,
# because cosine scales differ by model (MiniLM's nearest themes sit near 0.3-0.7, e5's near
# 0.8-0.95): a fixed 0.65 would offer every pair under e5 and none under a sparser model.
MERGE_QUANTILE = 0.9

_ONE_THEME = re.compile(r"\btheme (\d+)\b")
_MERGED = re.compile(r"\bthemes ((?:\d+, )*\d+) into (\d+)\b")


@dataclass(frozen=True)
class SplitSuggestion:
    """A theme the clustering found mixed: two sub-groups that may be two problems."""

    theme_id: int
    name: str
    size: int
    split_similarity: float | None  # cosine of the two sub-groups' centres (lower: more apart)


@dataclass(frozen=True)
class MergeSuggestion:
    """Two themes whose centres are close: perhaps one problem found twice."""

    theme_ids: tuple[int, int]
    names: tuple[str, str]
    sizes: tuple[int, int]
    similarity: float


def theme_ref(theme_id: int, name: str | None) -> str:
    """How text names a theme: ``"Login loop" (#3)``; ``#3`` when the name is unknown."""
    return f'"{name}" (#{theme_id})' if name else f"#{theme_id}"


def _open_themes(curated: CuratedRun) -> dict[int, str]:
    """Themes an analyst can still act on (not Unthemed, not dismissed): id -> name."""
    return {
        t.theme_id: curated.labels[t.theme_id].name
        for t in curated.themes
        if t.theme_id != UNTHEMED_ID
        and t.theme_id in curated.labels
        and curated.labels[t.theme_id].status != DISMISSED
    }


def split_suggestions(curated: CuratedRun) -> list[SplitSuggestion]:
    """Themes flagged mixed, most clearly two groups first (lowest sub-group similarity)."""
    names = _open_themes(curated)
    found = [
        SplitSuggestion(t.theme_id, names[t.theme_id], t.size, t.quality.split_similarity)
        for t in curated.themes
        if t.theme_id in names and t.quality is not None and t.quality.mixed
    ]
    return sorted(found, key=lambda s: (s.split_similarity or 0.0, -s.size, s.theme_id))


def merge_suggestions(
    curated: CuratedRun, min_similarity: float | None = None
) -> list[MergeSuggestion]:
    """Pairs of themes (each one's nearest other theme) at least ``min_similarity`` alike (None:
    the :data:`MERGE_QUANTILE` of the open themes' nearest similarities), most alike first; a pair
    is listed once, and only while both themes are still there and open."""
    names = _open_themes(curated)
    sizes = {t.theme_id: t.size for t in curated.themes}
    if min_similarity is None:
        measured = [
            t.quality.nearest_similarity
            for t in curated.themes
            if t.theme_id in names and t.quality and t.quality.nearest_similarity is not None
        ]
        if not measured:
            return []
        min_similarity = float(np.quantile(measured, MERGE_QUANTILE))
    best: dict[tuple[int, int], float] = {}
    for t in curated.themes:
        q = t.quality
        if t.theme_id not in names or q is None or q.nearest_theme_id is None:
            continue
        if q.nearest_theme_id not in names or q.nearest_similarity is None:
            continue
        if q.nearest_similarity < min_similarity:
            continue
        a, b = sorted((t.theme_id, q.nearest_theme_id))
        best[(a, b)] = max(best.get((a, b), -1.0), q.nearest_similarity)
    return [
        MergeSuggestion((a, b), (names[a], names[b]), (sizes[a], sizes[b]), similarity)
        for (a, b), similarity in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def history_summaries(curated: CuratedRun) -> list[str]:
    """What each entry of ``curated.history`` did, naming themes ``"name" (#id)``.

    A theme is named as it was just before the edit: its name in the run as clustered, then as
    renamed or created by a split among the edits before (those still in effect).
    """
    names = {t.theme_id: t.name for t in curated.stored.themes}
    summaries = []
    for entry in curated.history:
        summaries.append(_named(describe(entry.edit), entry.edit.action, names))
        if not entry.effective:
            continue
        payload = entry.edit.payload
        if entry.edit.action == RENAME:
            names[int(payload["theme_id"])] = str(payload["name"])
        elif entry.edit.action == SPLIT:
            for part in payload["parts"]:
                names[int(part["theme_id"])] = str(part["name"])
    return summaries


def _named(summary: str, action: str, names: dict[int, str]) -> str:
    def ref(theme_id: str) -> str:
        return theme_ref(int(theme_id), names.get(int(theme_id)))

    if action == MERGE:
        return _MERGED.sub(
            lambda m: f"themes {', '.join(ref(t) for t in m[1].split(', '))} into {ref(m[2])}",
            summary,
            count=1,
        )
    # The first "theme N" is the edit's own theme; what follows may be an analyst's note.
    return _ONE_THEME.sub(lambda m: f"theme {ref(m[1])}", summary, count=1)
