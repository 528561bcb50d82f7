"""The first pass of a large input: embed with the full model only what must be embedded.

Above ``cluster.sample_above`` tickets the themes are learnt from a seeded sample and every other
ticket is only assigned to them. :func:`first_pass` assigns most of those others without the full
model (docs/first_pass.md):

1. the fitting sample and ``first_pass.calibration_size`` other tickets are embedded with the
   full model, and the themes are learnt from the sample (:meth:`ThemeModel.fit_sample`);
2. a :class:`~voc.embed.student.StaticStudent` is distilled from the sample's texts and vectors;
3. on the calibration tickets, the student's theme (by :meth:`ThemeModel.predict`'s rule) is
   compared with the full vector's, ordered by the student's margin (how far its vector is from
   the nearest other choice: the second nearest theme, or the Unthemed threshold); the cutoff is
   the smallest margin at which the tickets at or above it agree at least ``first_pass.agreement``;
4. every other ticket takes the student's vector; those below the cutoff, and those with no term
   the student knows, are embedded with the full model instead.

The student's vectors of the tickets it placed are cached under :func:`guess_model_id`, so a
re-run that keeps the themes (:mod:`voc.update`) reads them back instead of embedding those
tickets with the full model (:func:`embed_known`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from voc.cluster import ThemeModel, centroid_similarities
from voc.config import FirstPassConfig
from voc.embed import Embedder, EmbeddingCache, Progress, embed_texts
from voc.embed.cache import Encode, as_stored, text_key
from voc.embed.student import StaticStudent
from voc.manifest import FirstPassRecord
from voc.schema import UNTHEMED_ID

GUESS_SUFFIX = "+first-pass"
# Rows whose centroid similarities are held at once while measuring margins.
_MARGIN_ROWS = 65_536

TextEncode = Callable[[Sequence[str]], tuple[np.ndarray, int]]
"""Texts to the full model's unit vectors through the embedding cache, and how many it had."""


def guess_model_id(model_id: str) -> str:
    """The cache's model id for the first pass's vectors of ``model_id``'s tickets."""
    return model_id + GUESS_SUFFIX


@dataclass(frozen=True)
class Calibration:
    """Where the student's themes are trusted, measured on tickets embedded both ways."""

    cutoff: float  # the least margin at which the student's theme is taken
    tickets: int  # calibration tickets measured
    agreement: float  # share of the accepted calibration tickets in the full vector's theme
    accepted_share: float  # share of the calibration tickets at or above the cutoff
    student_agreement: float  # the student's agreement on every calibration ticket


def margins(
    x: np.ndarray, centroids: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's theme by ``ThemeModel.predict``'s rule, and its margin: the least of (nearest
    similarity - second nearest) and |nearest similarity - ``threshold``|."""
    labels = np.full(len(x), UNTHEMED_ID, dtype=np.int64)
    margin = np.zeros(len(x), dtype=np.float32)
    if len(centroids) == 0:
        return labels, margin
    for start in range(0, len(x), _MARGIN_ROWS):
        block = slice(start, start + _MARGIN_ROWS)
        sims = centroid_similarities(x[block], centroids)
        nearest = sims.argmax(axis=1)
        best = sims[np.arange(len(sims)), nearest]
        second = np.partition(sims, -2, axis=1)[:, -2] if sims.shape[1] > 1 else best - 2.0
        labels[block] = np.where(best >= threshold, nearest, UNTHEMED_ID)
        margin[block] = np.minimum(best - second, np.abs(best - threshold))
    return labels, margin


def calibrate(margin: np.ndarray, agree: np.ndarray, target: float) -> Calibration:
    """The least cutoff at which the tickets with at least that margin agree ``target`` or more.

    ``margin`` is -infinity for a ticket the student cannot be trusted on. Nothing is accepted
    (cutoff infinity) when even the single most confident ticket disagrees.
    """
    margin = np.asarray(margin, dtype=np.float64)
    agree = np.asarray(agree, dtype=bool)
    n = len(margin)
    if n == 0:
        return Calibration(float("inf"), 0, 1.0, 0.0, 1.0)
    order = np.argsort(-margin, kind="stable")
    running = np.cumsum(agree[order]) / np.arange(1, n + 1)
    # Among equal margins only the last is a possible cut (all of them are accepted together);
    # a ticket without a margin (-infinity: the student could not read it) is never accepted.
    last_of_tie = np.append(margin[order][1:] != margin[order][:-1], True)
    good = np.flatnonzero((running >= target) & last_of_tie & np.isfinite(margin[order]))
    if not len(good):
        return Calibration(float("inf"), n, 1.0, 0.0, float(agree.mean()))
    k = int(good.max()) + 1
    return Calibration(
        cutoff=float(margin[order][k - 1]),
        tickets=n,
        agreement=float(running[k - 1]),
        accepted_share=k / n,
        student_agreement=float(agree.mean()),
    )


def least_known_share(known: np.ndarray, agreement: float) -> float:
    """The least share of its words the student must know for its guess of a ticket to count.

    The calibration measures the student on tickets like the run's own; one whose words it
    mostly never saw (a problem the sample did not have) is unlike them, and its guess rests on
    its few familiar words. The bar: as well read as all but the ``1 - agreement`` least read
    calibration tickets, the same tolerance the agreement contract grants (infinity when no
    calibration ticket could be read).
    """
    if not len(known):
        return float("inf")
    return float(np.quantile(known, 1.0 - agreement, method="lower"))


@dataclass(frozen=True)
class Placer:
    """The first pass's student, and where its calibration trusts it.

    Kept with the run whose themes it was calibrated on (``student.npz``, docs/workspace.md), so
    that a re-run keeping those themes places its new tickets as the first run placed its others.
    """

    student: StaticStudent
    cutoff: float  # the least margin; infinity: no guess is trusted
    min_known: float  # the least share of a ticket's words the student must know

    def place(
        self,
        texts: Sequence[str],
        centroids: np.ndarray,
        threshold: float,
        fitted: np.ndarray,
        unthemed: bool,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The student's vectors of ``texts``, which of them to take, and which it could read.

        A ticket the main model's themes are fitted on (``fitted``) takes its guess when the
        student knows enough of its words and the guess's margin reaches the cutoff, and (unless
        ``unthemed``) when it joins a theme: a re-run clusters the tickets that join none into new
        themes, which needs their full vectors. A bridged ticket (placed by the multilingual
        encoder) takes any guess.
        """
        guesses, covered, known = self.student.read(texts)
        labels, margin = margins(guesses, centroids, threshold)
        sure = (margin >= self.cutoff) & (known >= self.min_known)
        sure &= unthemed | (labels != UNTHEMED_ID)
        return guesses, covered & (sure | ~np.asarray(fitted, dtype=bool)), covered


@dataclass
class FirstPassResult:
    """Every ticket's vector (the full model's or the student's) and the account of the pass."""

    vectors: np.ndarray
    full: np.ndarray  # bool per ticket: its vector is the full model's
    sample: np.ndarray  # positions within the fitted rows of the themes' fitting sample
    record: FirstPassRecord
    placer: Placer  # what a re-run that keeps these themes places its new tickets with
    cache_hits: int = 0  # of the tickets embedded with the full model
    seconds: dict[str, float] = field(default_factory=dict)


def first_pass(
    texts: Sequence[str],
    fitted_rows: np.ndarray,
    model: ThemeModel,
    encode: TextEncode,
    config: FirstPassConfig,
    seed: int,
    cache: EmbeddingCache | None = None,
    model_id: str | None = None,
) -> FirstPassResult:
    """Embed ``texts`` for a fit of ``model`` on ``fitted_rows``, the full model only where needed.

    Leaves ``model`` fitted on its sample (:meth:`ThemeModel.fit_sample`); the caller finishes it
    with :meth:`ThemeModel.extend` on ``vectors[fitted_rows]`` and the returned ``sample``. Rows
    outside ``fitted_rows`` (a bridge's other languages) take the student's vector where it knows
    a term. With ``cache`` and ``model_id``, the student's vectors are cached as guesses.
    """
    seconds: dict[str, float] = {}
    n = len(texts)
    fitted_rows = np.asarray(fitted_rows, dtype=np.int64)
    sample = model.sample_rows(len(fitted_rows))
    if sample is None:
        raise ValueError("first_pass needs an input above the model's sample_above")
    outside = np.ones(len(fitted_rows), dtype=bool)
    outside[sample] = False
    rest = np.flatnonzero(outside)
    rng = np.random.default_rng(seed)
    size = min(config.calibration_size, len(rest))
    calibration = np.sort(rng.choice(rest, size=size, replace=False))
    sample_at, calibration_at = fitted_rows[sample], fitted_rows[calibration]

    started = time.perf_counter()
    first = np.concatenate([sample_at, calibration_at])
    first_vectors, hits = encode([texts[i] for i in first])
    vectors = np.zeros((n, first_vectors.shape[1]), dtype=np.float32)
    vectors[first] = first_vectors
    full = np.zeros(n, dtype=bool)
    full[first] = True
    seconds["embed"] = time.perf_counter() - started

    started = time.perf_counter()
    model.fit_sample(vectors[sample_at], len(fitted_rows))
    seconds["fit_sample"] = time.perf_counter() - started

    started = time.perf_counter()
    student = StaticStudent(config).fit(
        [texts[i] for i in sample_at], vectors[sample_at], lambda words: encode(words)[0]
    )
    seconds["student"] = time.perf_counter() - started

    started = time.perf_counter()
    threshold = model.assign_threshold
    full_labels, _ = margins(vectors[calibration_at], model.centroids_, threshold)
    guesses, covered, known = student.read([texts[i] for i in calibration_at])
    min_known = least_known_share(known[covered], config.agreement)
    guess_labels, guess_margin = margins(guesses, model.centroids_, threshold)
    agree = (guess_labels == full_labels) & covered
    trusted = covered & (known >= min_known)
    calib = calibrate(np.where(trusted, guess_margin, -np.inf), agree, config.agreement)

    placer = Placer(student, calib.cutoff, min_known)
    others = np.flatnonzero(~full)
    is_fitted = np.zeros(n, dtype=bool)
    is_fitted[fitted_rows] = True
    placed = np.zeros(len(others), dtype=bool)
    covered = np.zeros(len(others), dtype=bool)
    # A block at a time: the guesses of a million tickets would be another 1.5 GB held.
    for start in range(0, len(others), _MARGIN_ROWS):
        block = slice(start, start + _MARGIN_ROWS)
        at = others[block]
        guesses, placed[block], covered[block] = placer.place(
            [texts[i] for i in at], model.centroids_, threshold, is_fitted[at], unthemed=True
        )
        taken = at[placed[block]]
        vectors[taken] = as_stored(guesses[placed[block]])
        if cache is not None and model_id is not None and len(taken):
            keys = [text_key(texts[i]) for i in taken]
            cache.store(guess_model_id(model_id), keys, vectors[taken])
    seconds["place"] = time.perf_counter() - started

    started = time.perf_counter()
    unsure = others[~placed]
    if len(unsure):
        vectors[unsure], unsure_hits = encode([texts[i] for i in unsure])
        full[unsure] = True
        hits += unsure_hits
    seconds["embed"] += time.perf_counter() - started

    record = FirstPassRecord(
        sample=len(sample),
        calibration=len(calibration),
        placed_by_student=int(placed.sum()),
        sent_to_full_model=int(len(unsure)),
        without_known_term=int((~covered).sum()),
        full_model_texts=int(full.sum()),
        cutoff=round(calib.cutoff, 6) if np.isfinite(calib.cutoff) else None,
        min_known_share=round(min_known, 6) if np.isfinite(min_known) else None,
        calibration_agreement=round(calib.agreement, 6),
        calibration_accepted_share=round(calib.accepted_share, 6),
        student_agreement=round(calib.student_agreement, 6),
        vocabulary=len(student.vocabulary_),
    )
    rounded = {k: round(v, 3) for k, v in seconds.items()}
    return FirstPassResult(vectors, full, sample, record, placer, hits, rounded)


Place = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
"""Rows of a run's tickets to the student's vectors of them and which to take (:func:`placing`)."""


def placing(
    placer: Placer,
    texts: Sequence[str],
    centroids: np.ndarray,
    threshold: float,
    fitted: np.ndarray,
) -> Place:
    """How a re-run that keeps the themes (``centroids``) places tickets it has no vector for:
    by :meth:`Placer.place`, a confident guess taken only where it joins a theme."""

    def place(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        guesses, taken, _ = placer.place(
            [texts[i] for i in rows], centroids, threshold, fitted[rows], unthemed=False
        )
        return guesses, taken

    return place


def embed_known(
    texts: Sequence[str],
    known: np.ndarray,
    embedder: Embedder,
    cache: EmbeddingCache | None,
    progress: Progress | None = None,
    encode: Encode | None = None,
    place: Place | None = None,
) -> tuple[np.ndarray, int, int, int]:
    """A re-run's vectors: the cache's full vectors, else for tickets whose theme is kept
    (``known``) the first pass's cached guess, else (with ``place``) the student's guess where it
    is trusted, else the full model's. The new guesses are cached as guesses.

    Returns the vectors, the full vectors read from the cache, the guesses read and the guesses
    made.
    """
    known = np.asarray(known, dtype=bool)
    n = len(texts)
    keys = [text_key(t) for t in texts]
    have = np.zeros(n, dtype=bool)
    guessed = np.zeros(n, dtype=bool)
    parts: list[tuple[np.ndarray, np.ndarray]] = []  # (rows, their vectors)
    if cache is not None:
        hit_at, hit_vectors = cache.lookup(embedder.model_id, keys)
        have[hit_at] = True
        parts.append((hit_at, hit_vectors))
        ask = np.flatnonzero(known & ~have)
        guess_at, guess_vectors = cache.lookup(
            guess_model_id(embedder.model_id), [keys[i] for i in ask]
        )
        guessed[ask[guess_at]] = True
        parts.append((ask[guess_at], guess_vectors))
    todo = np.flatnonzero(~have & ~guessed)
    made = 0
    if place is not None and len(todo):
        guesses, taken = place(todo)
        rows, made = todo[taken], int(taken.sum())
        parts.append((rows, as_stored(guesses[taken])))
        if cache is not None and made:
            cache.store(guess_model_id(embedder.model_id), [keys[i] for i in rows], parts[-1][1])
        todo = todo[~taken]
    fresh, fresh_hits = embed_texts([texts[i] for i in todo], embedder, cache, progress, encode)
    parts.append((todo, fresh))  # repeats of a cached text among them come from the cache too
    dims = next((v.shape[1] for rows, v in parts if len(rows)), fresh.shape[1])
    vectors = np.empty((n, dims), dtype=np.float32)
    for rows, part in parts:
        if len(rows):
            vectors[rows] = part
    return vectors, int(have.sum()) + fresh_hits, int(guessed.sum()), made
