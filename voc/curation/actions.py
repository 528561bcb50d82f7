"""What an analyst can do to a run: each action checked against the run as it is now, then saved.

The dashboard and the CLI call these; every method records exactly one edit (see
:mod:`voc.curation.edits`) and raises :class:`~voc.errors.CurationError` with a sentence the analyst
can act on when the action does not make sense (an unknown theme, an empty name, an unknown kind).

Example:
    >>> curator = Curator("workspace")          # the newest run
    >>> curator.rename("ana", 3, "Login loop after enabling 2FA")
    >>> curator.merge("ana", [3, 7], into=3)
    >>> curator.undo("ana")                      # the merge is undone
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voc import schema
from voc.classify import OTHER_KIND, load_prototypes
from voc.curation.edits import (
    DELETE_PROPOSAL,
    LINK_ISSUE,
    MERGE,
    MOVE,
    NOTE,
    RENAME,
    SAVE_PROPOSAL,
    SET_KIND,
    SET_STATUS,
    SPLIT,
    UNDO,
    Edit,
    EditStore,
)
from voc.curation.replay import STATUSES, CuratedRun, curate
from voc.embed import CachedEmbedder, Embedder, make_embedder
from voc.errors import CurationError
from voc.store import StoredRun, Workspace

MAX_NAME_CHARS = 120
MAX_NOTE_CHARS = 5_000
MAX_ISSUE_KEY_CHARS = 200
SPLIT_PARTS = (2, 3, 4)  # sub-theme counts a split tries; the best silhouette wins
MIN_SPLIT_TICKETS = 6


@dataclass(frozen=True)
class SplitPart:
    """One proposed sub-theme of a split, for the analyst to review before accepting."""

    name: str
    keywords: list[str]
    ticket_ids: list[str]
    representative_ids: list[str]
    representative_texts: list[str]


@dataclass(frozen=True)
class SplitProposal:
    """A theme re-clustered into sub-themes; nothing is saved until it is accepted."""

    theme_id: int
    parts: list[SplitPart]
    silhouette: float  # how well the sub-themes separate (-1..1)


class Curator:
    """Edits one run of a workspace. Reads the edit log afresh for every check, so actions by
    other analysts in the meantime are taken into account."""

    def __init__(self, workspace: str | Path, run_id: str | None = None):
        self.workspace = Workspace(workspace)
        self.run: StoredRun = self.workspace.load_run(run_id)
        self.store = EditStore(self.workspace.root)
        self._tickets = self.run.tickets()

    def current(self) -> CuratedRun:
        """The run with every edit so far applied."""
        return curate(self.run, self.store.edits(self.run.run_id), self._tickets)

    def _record(self, author: str, action: str, payload: dict[str, Any]) -> Edit:
        return self.store.record(self.run.run_id, author, action, payload)

    def _theme_ids(self, curated: CuratedRun | None = None) -> set[int]:
        return {t.theme_id for t in (curated or self.current()).themes}

    def _check_theme(self, theme_id: int, curated: CuratedRun | None = None) -> None:
        if theme_id == schema.UNTHEMED_ID:
            raise CurationError("Unthemed collects what fits no theme; it cannot be edited")
        if theme_id not in self._theme_ids(curated):
            raise CurationError(
                f"theme {theme_id} does not exist (any more) in run {self.run.run_id}"
            )

    def rename(self, author: str, theme_id: int, name: str) -> Edit:
        name = " ".join(name.split())
        if not name or len(name) > MAX_NAME_CHARS:
            raise CurationError(f"a theme name needs 1 to {MAX_NAME_CHARS} characters")
        curated = self.current()
        self._check_theme(theme_id, curated)
        taken = next(
            (
                t
                for t in curated.themes
                if t.theme_id != theme_id and t.name.casefold() == name.casefold()
            ),
            None,
        )
        if taken is not None:
            raise CurationError(
                f'theme {taken.theme_id} is already named "{taken.name}"; choose another name, '
                f"or merge themes {theme_id} and {taken.theme_id} if they are one problem"
            )
        return self._record(author, RENAME, {"theme_id": theme_id, "name": name})

    def set_kind(self, author: str, theme_id: int, kind: str) -> Edit:
        kinds = self.kinds()
        if kind not in kinds:
            raise CurationError(f"unknown kind '{kind}'; kinds are: {', '.join(kinds)}")
        self._check_theme(theme_id)
        return self._record(author, SET_KIND, {"theme_id": theme_id, "kind": kind})

    def kinds(self) -> list[str]:
        """The kinds a theme can have: those of the run's prototype file, and ``other``."""
        protos = load_prototypes(self.run.config().score.prototypes_file)
        return [*protos.kinds, OTHER_KIND]

    def set_status(self, author: str, theme_id: int, status: str) -> Edit:
        if status not in STATUSES:
            raise CurationError(f"unknown status '{status}'; statuses are: {', '.join(STATUSES)}")
        self._check_theme(theme_id)
        return self._record(author, SET_STATUS, {"theme_id": theme_id, "status": status})

    def add_note(self, author: str, theme_id: int, text: str) -> Edit:
        text = text.strip()
        if not text or len(text) > MAX_NOTE_CHARS:
            raise CurationError(f"a note needs 1 to {MAX_NOTE_CHARS} characters")
        self._check_theme(theme_id)
        return self._record(author, NOTE, {"theme_id": theme_id, "text": text})

    def link_issue(self, author: str, theme_id: int, key: str) -> Edit:
        """Link an issue-tracker key or URL (``PROJ-123``); an empty key removes the link."""
        key = key.strip()
        if len(key) > MAX_ISSUE_KEY_CHARS or any(c.isspace() for c in key):
            raise CurationError("an issue key is one word, such as PROJ-123 or a URL")
        self._check_theme(theme_id)
        return self._record(author, LINK_ISSUE, {"theme_id": theme_id, "key": key})

    def merge(self, author: str, theme_ids: Sequence[int], into: int | None = None) -> Edit:
        """Merge themes into one (``into``, by default the biggest); it keeps its name."""
        curated = self.current()
        ids = list(dict.fromkeys(int(t) for t in theme_ids))
        if len(ids) < 2:
            raise CurationError("choose at least two themes to merge")
        for theme_id in ids:
            self._check_theme(theme_id, curated)
        sizes = {t.theme_id: t.size for t in curated.themes}
        into = max(ids, key=lambda t: sizes[t]) if into is None else int(into)
        if into not in ids:
            raise CurationError(f"theme {into} is not one of the themes to merge")
        return self._record(author, MERGE, {"theme_ids": ids, "into": into})

    def move(self, author: str, ticket_ids: Sequence[str], to: int) -> Edit:
        """Move tickets to another theme (or to Unthemed, ``-1``)."""
        curated = self.current()
        if to != schema.UNTHEMED_ID:
            self._check_theme(to, curated)
        known = set(curated.tickets[schema.TICKET_ID])
        unknown = [t for t in ticket_ids if str(t) not in known]
        if unknown or not ticket_ids:
            raise CurationError(
                f"no such tickets in this run: {', '.join(map(str, unknown[:5])) or 'none chosen'}"
            )
        return self._record(author, MOVE, {"ticket_ids": [str(t) for t in ticket_ids], "to": to})

    def propose_split(
        self, theme_id: int, embedder: Embedder | None = None, seed: int | None = None
    ) -> SplitProposal:
        """Re-cluster a theme's tickets into 2-4 sub-themes (the count that separates best)."""
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score

        from voc.prepare import embedding_texts
        from voc.themes import TermCounts, keywords_per_theme, representatives, unique_names

        curated = self.current()
        self._check_theme(theme_id, curated)
        config = self.run.config()
        members = curated.tickets[curated.tickets[schema.THEME_ID] == theme_id].reset_index(
            drop=True
        )
        if len(members) < MIN_SPLIT_TICKETS:
            raise CurationError(f"theme {theme_id} has too few tickets to split ({len(members)})")
        encoder = CachedEmbedder(
            embedder or make_embedder(config.embed), self.workspace.embedding_cache()
        )
        vectors = encoder.encode(embedding_texts(members, config.embed.max_chars))
        best: tuple[float, np.ndarray] | None = None
        for k in (k for k in SPLIT_PARTS if k < len(members)):
            labels = KMeans(
                k, n_init=4, random_state=config.seed if seed is None else seed
            ).fit_predict(vectors)
            quality = float(silhouette_score(vectors, labels, metric="cosine"))
            if best is None or quality > best[0]:
                best = (quality, labels)
        assert best is not None
        quality, labels = best
        parts_ids = sorted(set(int(x) for x in labels))
        texts = members[schema.TEXT].tolist()
        terms = TermCounts.of(texts, config.themes)
        keywords = keywords_per_theme(terms, labels, parts_ids, config.themes)
        names = unique_names([keywords[p] for p in parts_ids], config.themes.name_terms)
        parts = []
        for part, name in zip(parts_ids, names, strict=True):
            inside = np.flatnonzero(labels == part)
            centre = vectors[inside].mean(axis=0)
            centre /= np.linalg.norm(centre) or 1.0
            reps = representatives(
                inside, vectors @ centre, vectors, config.themes.n_representatives
            )
            parts.append(
                SplitPart(
                    name=name,
                    keywords=keywords[part][: config.themes.n_keywords],
                    ticket_ids=members[schema.TICKET_ID].iloc[inside].tolist(),
                    representative_ids=[str(members[schema.TICKET_ID].iloc[i]) for i in reps],
                    representative_texts=[texts[i][:400] for i in reps],
                )
            )
        parts.sort(key=lambda p: -len(p.ticket_ids))
        return SplitProposal(theme_id, parts, round(quality, 4))

    def accept_split(
        self, author: str, proposal: SplitProposal, names: Sequence[str] | None = None
    ) -> Edit:
        """Save a reviewed split; ``names`` replaces the proposed sub-theme names."""
        curated = self.current()
        self._check_theme(proposal.theme_id, curated)
        ever = {t.theme_id for t in self.run.themes} | self._split_ids()
        first = max(ever | self._theme_ids(curated)) + 1
        names = list(names) if names else [p.name for p in proposal.parts]
        payload_parts = [
            {
                "theme_id": first + i,
                "name": " ".join(name.split()) or part.name,
                "keywords": part.keywords,
                "ticket_ids": part.ticket_ids,
                "representative_ids": part.representative_ids,
                "representative_texts": part.representative_texts,
            }
            for i, (part, name) in enumerate(zip(proposal.parts, names, strict=True))
        ]
        return self._record(author, SPLIT, {"theme_id": proposal.theme_id, "parts": payload_parts})

    def _split_ids(self) -> set[int]:
        """Theme ids that any split, even an undone one, has used: never reused."""
        return {
            int(part["theme_id"])
            for edit in self.store.edits(self.run.run_id)
            if edit.action == SPLIT
            for part in edit.payload["parts"]
        }

    def undo(self, author: str) -> Edit | None:
        """Undo this analyst's newest edit that is still in effect; None when there is none."""
        curated = self.current()
        for entry in reversed(curated.history):
            edit = entry.edit
            if edit.author == author and edit.action != UNDO and not entry.undone:
                return self._record(author, UNDO, {"edit_id": edit.edit_id})
        return None

    def save_proposal(
        self, author: str, proposal: dict[str, Any], proposal_id: str | None = None
    ) -> str:
        """Save a roadmap proposal (a new one when ``proposal_id`` is None); returns its id."""
        if not str(proposal.get("title", "")).strip():
            raise CurationError("a proposal needs a title")
        proposal_id = proposal_id or uuid.uuid4().hex[:12]
        self._record(author, SAVE_PROPOSAL, {"proposal_id": proposal_id, "proposal": proposal})
        return proposal_id

    def delete_proposal(self, author: str, proposal_id: str) -> Edit:
        if proposal_id not in self.current().proposals:
            raise CurationError(f"no proposal {proposal_id} in run {self.run.run_id}")
        return self._record(author, DELETE_PROPOSAL, {"proposal_id": proposal_id})
