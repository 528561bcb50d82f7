"""Route the tickets of a new export to the curated themes of a stored run, without re-clustering.

The export is read, cleaned and masked exactly as a run does, with the stored run's own settings
(same model, same cleaning). Each curated theme (analysts' merges, splits and moves applied;
dismissed themes left out) gets a centroid: the normalised mean of its member tickets' embeddings,
which the embedding cache holds from the run. A new ticket goes to its nearest centroid, or to
Unthemed when its cosine is below the run's own threshold (see :func:`run_threshold`).

Example:
    >>> result = assign_tickets("new_week.csv", "workspace")
    >>> result.to_frame().head()
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from voc import schema
from voc.config import LanguageConfig
from voc.crosslingual import BRIDGE, MULTILINGUAL, plan_languages
from voc.curation.edits import EditStore
from voc.curation.replay import DISMISSED, CuratedRun, curate
from voc.embed import Embedder, embed_texts, make_embedder
from voc.errors import CurationError
from voc.ingest import read_export
from voc.lineage import Lineage
from voc.prepare import embedding_texts, prepare_frame
from voc.schema import SkippedRow
from voc.store import Workspace

MEMBER_PERCENTILE = 5.0
"""Low end of the run's members' cosine to their own theme (see :func:`run_threshold`)."""
MIN_PART_SHARE = 0.2
"""A clustered part of a merged theme gets its own centroid from this share of the theme's members
(the share lineage needs to call a theme a part of another: docs/lineage.md, ``min_share``)."""
NEIGHBOUR_PERCENTILE = 95.0
"""High end of the run's members' cosine to the nearest other theme (see :func:`run_threshold`)."""

COLUMNS = ("ticket_id", "theme_id", "theme_key", "theme_name", "similarity", "unthemed")


@dataclass(frozen=True)
class AssignedTicket:
    """One ticket of the new export and the curated theme it was routed to."""

    ticket_id: str
    theme_id: int  # schema.UNTHEMED_ID when below the threshold
    theme_key: str  # stable key across runs (docs/lineage.md); "" for Unthemed or unknown
    theme_name: str
    similarity: float  # cosine to the nearest curated centroid, 4 places
    unthemed: bool


@dataclass(frozen=True)
class Assignment:
    """A new export routed to a run's curated themes, with an account of every row."""

    run_id: str
    input_path: str
    rows: tuple[AssignedTicket, ...]
    skipped: tuple[SkippedRow, ...]
    threshold: float
    threshold_source: str  # "run" (derived, see run_threshold) or "given"
    rows_read: int
    cache_hits: int  # new tickets whose vectors were already cached
    seconds: Mapping[str, float] = field(default_factory=dict)  # ingest, centroids, embed, route

    @property
    def assigned(self) -> int:
        """Tickets routed to a theme (not Unthemed)."""
        return sum(not r.unthemed for r in self.rows)

    @property
    def unthemed(self) -> int:
        return sum(r.unthemed for r in self.rows)

    @property
    def themes_used(self) -> int:
        """How many distinct themes received at least one ticket."""
        return len({r.theme_id for r in self.rows if not r.unthemed})

    def skipped_by_reason(self) -> dict[str, int]:
        """How many rows were skipped for each reason (as ingest reports them)."""
        counts: dict[str, int] = {}
        for row in self.skipped:
            counts[row.reason] = counts.get(row.reason, 0) + 1
        return dict(sorted(counts.items()))

    def to_frame(self) -> pd.DataFrame:
        """One row per routed ticket, columns :data:`COLUMNS`."""
        frame = pd.DataFrame([[getattr(r, c) for c in COLUMNS] for r in self.rows], columns=COLUMNS)
        return frame.astype({"ticket_id": str, "theme_id": "int64", "unthemed": bool})


@dataclass(frozen=True)
class CuratedCentroids:
    """Unit centroids of a run's routable curated themes, and what routing needs about them."""

    theme_ids: np.ndarray  # int64, row i of ``vectors`` is (a part of) theme ``theme_ids[i]``
    vectors: np.ndarray  # float32 unit rows
    names: dict[int, str]
    keys: dict[int, str]
    member_similarity: np.ndarray  # each member ticket's cosine to its own theme's nearest row
    neighbour_similarity: np.ndarray  # ... and to the nearest other theme's (empty: one theme)


def assign_tickets(
    input_path: str | Path,
    workspace: str | Path | Workspace,
    run_id: str | None = None,
    *,
    min_similarity: float | None = None,
    embedder: Embedder | None = None,
) -> Assignment:
    """Route the tickets of ``input_path`` to the curated themes of a run (the newest by default).

    Args:
        input_path: the new export (any format a run reads).
        workspace: the workspace holding the run.
        run_id: the run whose curated themes receive the tickets; None: the newest.
        min_similarity: cosine below which a ticket is Unthemed; None: derived from the run
            (:func:`run_threshold`).
        embedder: overrides the embedder the run's settings name (for tests and other backends).
    """
    ws = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
    stored = ws.load_run(run_id)
    curated = curate(stored, EditStore(ws.root).edits(stored.run_id))
    config = stored.config()
    mode = stored.info.language_mode
    embed_config = config.embed.multilingual() if mode == MULTILINGUAL else config.embed
    embedder = embedder or make_embedder(embed_config)
    cache = ws.embedding_cache() if config.embed.use_cache else None
    max_chars = config.embed.max_chars
    seconds: dict[str, float] = {}

    start = time.perf_counter()
    prepared = read_export(
        input_path, config.ingest, prepare=partial(prepare_frame, config=config, salt=ws.salt())
    )
    frame = prepared.frame
    seconds["ingest"] = time.perf_counter() - start

    start = time.perf_counter()
    members = _members(curated, bridge=mode == BRIDGE, languages=config.languages)
    member_vectors = embed_texts(embedding_texts(members, max_chars), embedder, cache)[0]
    clustered = stored.tickets([schema.THEME_ID])[schema.THEME_ID].to_numpy(dtype=np.int64)
    sources = clustered[members.index.to_numpy()]
    centroids = curated_centroids(curated, members, member_vectors, stored.lineage(), sources)
    seconds["centroids"] = time.perf_counter() - start

    start = time.perf_counter()
    vectors, cache_hits = embed_texts(embedding_texts(frame, max_chars), embedder, cache)
    seconds["embed"] = time.perf_counter() - start

    start = time.perf_counter()
    if min_similarity is None:
        own, other = centroids.member_similarity, centroids.neighbour_similarity
        threshold, source = run_threshold(own, other), "run"
    else:
        threshold, source = float(min_similarity), "given"
    rows = route(frame[schema.TICKET_ID].astype(str).tolist(), vectors, centroids, threshold)
    seconds["route"] = time.perf_counter() - start
    return Assignment(
        run_id=stored.run_id,
        input_path=str(prepared.path),
        rows=rows,
        skipped=tuple(prepared.skipped),
        threshold=round(threshold, 4),
        threshold_source=source,
        rows_read=prepared.rows_read,
        cache_hits=cache_hits,
        seconds={k: round(v, 3) for k, v in seconds.items()},
    )


def _members(curated: CuratedRun, *, bridge: bool, languages: LanguageConfig) -> pd.DataFrame:
    """The run's tickets in a routable theme (themed, not dismissed). In bridge mode only those
    the run fitted with its main embedder: the others' vectors live in another model's space."""
    routable = [
        t.theme_id
        for t in curated.themes
        if t.theme_id != schema.UNTHEMED_ID and curated.labels[t.theme_id].status != DISMISSED
    ]
    if not routable:
        raise CurationError(
            f"run {curated.run_id} has no theme to route tickets to (all are dismissed or "
            "Unthemed); restore a theme's status or run 'voc cluster' on a larger export"
        )
    tickets = curated.tickets
    keep = tickets[schema.THEME_ID].isin(routable).to_numpy()
    if bridge and schema.LANGUAGE in tickets.columns:
        keep = keep & plan_languages(tickets[schema.LANGUAGE].tolist(), languages).fitted
    return tickets[keep]


def curated_centroids(
    curated: CuratedRun,
    members: pd.DataFrame,
    vectors: np.ndarray,
    lineage: Lineage | None,
    sources: np.ndarray | None = None,
) -> CuratedCentroids:
    """Each routable theme's centroids: the normalised mean of its members' vectors, one per
    clustered theme it is made of (``sources``: each member's theme as the run clustered it).

    A theme analysts merged from several clustered themes keeps one centroid per part that holds
    at least :data:`MIN_PART_SHARE` of its members: the mean of two distinct topics is close to
    neither, and their tickets would fall below the threshold. Smaller parts (a few moved
    tickets) join the theme's biggest part.
    """
    labels = members[schema.THEME_ID].to_numpy(dtype=np.int64)
    parts = labels.copy() if sources is None else np.asarray(sources, dtype=np.int64)
    unit = _normalise(vectors.astype(np.float32))
    rows, row_theme = [], []
    for theme in np.unique(labels):
        inside = labels == theme
        found, counts = np.unique(parts[inside], return_counts=True)
        big = found[counts >= MIN_PART_SHARE * inside.sum()]
        main = found[counts.argmax()]
        part_of = np.where(np.isin(parts[inside], big), parts[inside], main)
        for part in np.unique(part_of):
            rows.append(unit[inside][part_of == part].mean(axis=0))
            row_theme.append(int(theme))
    centroids = _normalise(np.stack(rows))
    theme_ids = np.array(row_theme, dtype=np.int64)
    sims = unit @ centroids.T
    mine = labels[:, None] == theme_ids[None, :]
    own = np.where(mine, sims, -np.inf).max(axis=1)
    others = np.where(mine, -np.inf, sims)
    other = others.max(axis=1) if len(np.unique(theme_ids)) > 1 else np.empty(0, np.float32)
    names = {int(t): curated.labels[int(t)].name for t in theme_ids}
    keys = {int(t): theme_key(curated, int(t), lineage) for t in theme_ids}
    return CuratedCentroids(theme_ids, centroids, names, keys, own, other)


def theme_key(curated: CuratedRun, theme_id: int, lineage: Lineage | None) -> str:
    """A curated theme's stable key: the lineage's, or for a theme made by a split
    "<key of the theme it was split from>/<its id>"; "" when unknown."""
    if lineage is None:
        return ""
    try:
        return lineage.key_of(theme_id)
    except KeyError:
        parent = curated.labels[theme_id].split_from
        if parent is None:
            return ""
        try:
            return f"{lineage.key_of(parent)}/{theme_id}"
        except KeyError:
            return ""


def run_threshold(member_similarity: np.ndarray, neighbour_similarity: np.ndarray) -> float:
    """The cosine a new ticket needs, derived from the run: midway between how like their own
    theme the run's members are (the :data:`MEMBER_PERCENTILE`-th percentile) and how like the
    nearest other theme they are (the :data:`NEIGHBOUR_PERCENTILE`-th percentile).

    Below it, a ticket is no closer to its nearest theme than members of other themes commonly
    are to it, so it is not one of its tickets. Never above the members' own percentile (themes
    that overlap); with a single theme, that percentile alone.
    """
    if len(member_similarity) == 0:
        return 0.0
    own = float(np.percentile(member_similarity, MEMBER_PERCENTILE))
    if len(neighbour_similarity) == 0:
        return own
    other = float(np.percentile(neighbour_similarity, NEIGHBOUR_PERCENTILE))
    return min(own, (own + other) / 2)


def route(
    ticket_ids: list[str], vectors: np.ndarray, centroids: CuratedCentroids, threshold: float
) -> tuple[AssignedTicket, ...]:
    """Each ticket to its nearest centroid, or Unthemed when its cosine is below ``threshold``."""
    if not ticket_ids:
        return ()
    sims = _normalise(vectors.astype(np.float32)) @ centroids.vectors.T
    best = sims.argmax(axis=1)
    best_sim = sims[np.arange(len(best)), best]
    rows = []
    for ticket_id, b, sim in zip(ticket_ids, best, best_sim, strict=True):
        theme_id = int(centroids.theme_ids[b])
        unthemed = bool(sim < threshold)
        rows.append(
            AssignedTicket(
                ticket_id=ticket_id,
                theme_id=schema.UNTHEMED_ID if unthemed else theme_id,
                theme_key="" if unthemed else centroids.keys[theme_id],
                theme_name=schema.UNTHEMED_NAME if unthemed else centroids.names[theme_id],
                similarity=round(float(sim), 4),
                unthemed=unthemed,
            )
        )
    return tuple(rows)


def _normalise(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)
