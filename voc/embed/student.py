"""``StaticStudent``: a static embedding model distilled at run time from the run's own model.

Used by the first pass of a large input (:mod:`voc.firstpass`): it reads a ticket as a bag of
its words and adjacent word pairs and returns the weighted mean of their learnt vectors, in the
full model's space, at a few microseconds a ticket instead of milliseconds.

How it is made, from the fitting sample's texts and their full-model vectors:

1. the vocabulary: words (``\\w+``, lower case, the first ``max_words`` of a ticket) and adjacent
   word pairs used by at least ``min_count`` sampled tickets, the ``max_terms`` most used;
2. weights: smooth inverse frequency, ``a / (a + p(term))`` (Arora et al. 2017), each ticket's
   weights summing to one;
3. start: each word's vector is the full model's vector of the word alone (as Model2Vec distils a
   static model, Tulkens & van Dongen 2024), a pair's the mean of its words'; one linear map
   (ridge regression) takes the weighted means of those to the sample's full vectors;
4. fit: the term vectors themselves are fitted to the sample's full vectors by least squares,
   pulled towards their start by ``ridge`` (block conjugate gradients, ``iterations`` steps).

Why not a published static model: Model2Vec's distiller needs an older ``transformers`` than the
one sentence-transformers needs here, and a model distilled from the run's own model and sample
speaks the run's vector space and vocabulary, which is what assigning to its themes needs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

from voc.config import FirstPassConfig
from voc.embed.cache import STORED_DTYPE, as_stored

_WORD = re.compile(r"\w+")
# Texts whose terms ``transform`` holds at once: terms are Python strings (about 15 KB a ticket
# of 100 words), so a million tickets at once would hold gigabytes.
_TRANSFORM_ROWS = 8192

WordEncode = Callable[[Sequence[str]], np.ndarray]
"""Texts to the full model's unit vectors (the cached embedder)."""


def ticket_terms(text: str, max_words: int) -> list[str]:
    """The words of a ticket (lower case, the first ``max_words``) and its adjacent word pairs."""
    words = _WORD.findall(text.lower())[:max_words]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


class StaticStudent:
    """A bag-of-terms embedder fitted to reproduce a full model's vectors.

    Example:
        >>> student = StaticStudent(FirstPassConfig()).fit(texts, vectors, embedder_encode)
        >>> guesses, covered = student.transform(other_texts)
    """

    def __init__(self, config: FirstPassConfig):
        self.config = config

    def fit(
        self, texts: Sequence[str], vectors: np.ndarray, encode_words: WordEncode
    ) -> StaticStudent:
        """Learn term vectors so that each text's weighted mean matches its row of ``vectors``."""
        config = self.config
        docs = [ticket_terms(t, config.max_words) for t in texts]
        used = Counter(term for doc in docs for term in set(doc))
        common = [t for t, c in used.items() if c >= config.min_count]
        # The most used first (ties by the term, so the vocabulary never depends on dict order).
        common.sort(key=lambda t: (-used[t], t))
        self.vocabulary_ = sorted(common[: config.max_terms])
        self.index_ = {t: i for i, t in enumerate(self.vocabulary_)}
        counts = Counter(term for doc in docs for term in doc if term in self.index_)
        total = max(sum(counts.values()), 1)
        a = config.sif_a
        self.weights_ = np.array(
            [a / (a + counts[t] / total) for t in self.vocabulary_], dtype=np.float32
        )
        x, _ = self._design(docs)
        target = np.asarray(vectors, dtype=np.float32)
        start = self._start(x, target, encode_words)
        # Rounded as they are stored (:meth:`to_arrays`), so a later run that reads the student
        # back computes exactly what this one did.
        self.vectors_ = as_stored(_ridge_cg(x, target, start, config.ridge, config.iterations))
        return self

    def to_arrays(self) -> dict[str, np.ndarray]:
        """What reading texts as this student does takes: its terms, their weights and vectors."""
        if not hasattr(self, "vectors_"):
            raise RuntimeError("StaticStudent.to_arrays called before fit")
        return {
            "vocabulary": np.array(self.vocabulary_, dtype=str),
            "weights": self.weights_,
            "vectors": self.vectors_.astype(STORED_DTYPE),
        }

    @classmethod
    def from_arrays(cls, config: FirstPassConfig, arrays: dict[str, np.ndarray]) -> StaticStudent:
        """The student :meth:`to_arrays` described, fitted with ``config``."""
        student = cls(config)
        student.vocabulary_ = [str(t) for t in arrays["vocabulary"].tolist()]
        student.index_ = {t: i for i, t in enumerate(student.vocabulary_)}
        student.weights_ = np.asarray(arrays["weights"], dtype=np.float32)
        student.vectors_ = np.asarray(arrays["vectors"], dtype=np.float32)
        if student.vectors_.shape[0] != len(student.vocabulary_) or len(student.weights_) != len(
            student.vocabulary_
        ):
            raise ValueError("a student's vocabulary, weights and vectors differ in length")
        return student

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Unit vectors of ``texts``, and whether each text had a known term (False: zeros)."""
        guesses, covered, _ = self.read(texts)
        return guesses, covered

    def read(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """As :meth:`transform`, and each text's known share of its words (see ``_design``)."""
        if not hasattr(self, "vectors_"):
            raise RuntimeError("StaticStudent.transform called before fit")
        guesses = np.empty((len(texts), self.vectors_.shape[1]), dtype=np.float32)
        known = np.empty(len(texts), dtype=np.float32)
        for start in range(0, len(texts), _TRANSFORM_ROWS):
            chunk = texts[start : start + _TRANSFORM_ROWS]
            x, known[start : start + len(chunk)] = self._design(
                [ticket_terms(t, self.config.max_words) for t in chunk]
            )
            guesses[start : start + len(chunk)] = x @ self.vectors_
        norms = np.linalg.norm(guesses, axis=1)
        covered = norms > 0
        guesses[covered] /= norms[covered, None]
        return guesses, covered, known

    def _design(self, docs: list[list[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
        """Weighted term counts per text, each row summing to one (empty when no term is known).

        And each text's known share: the weight of its words the student knows
        over the weight of all its words, an unknown word weighing 1 (the weight smooth inverse
        frequency gives a word never seen): how much of what a ticket says the guess has read.
        """
        rows: list[int] = []
        cols: list[int] = []
        is_word: list[bool] = []
        words = np.empty(len(docs), dtype=np.float32)
        for r, doc in enumerate(docs):
            n_words = (len(doc) + 1) // 2  # ticket_terms: the words, then the pairs
            words[r] = n_words
            for i, term in enumerate(doc):
                j = self.index_.get(term)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
                    is_word.append(i < n_words)
        rows_a = np.asarray(rows, dtype=np.int64)
        cols_a = np.asarray(cols, dtype=np.int64)
        values = self.weights_[cols_a] if len(cols_a) else np.empty(0, dtype=np.float32)
        shape = (len(docs), len(self.vocabulary_))
        x = sparse.csr_matrix((values, (rows_a, cols_a)), shape=shape)
        sums = np.asarray(x.sum(axis=1)).ravel()
        scale = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
        x = sparse.csr_matrix(sparse.diags(scale.astype(np.float32)) @ x, dtype=np.float32)
        word = np.asarray(is_word, dtype=bool)
        known_weight = np.bincount(rows_a[word], weights=values[word], minlength=len(docs))
        unknown = words - np.bincount(rows_a[word], minlength=len(docs))
        total = known_weight + unknown
        share = np.divide(known_weight, total, out=np.zeros_like(total), where=total > 0)
        return x, share.astype(np.float32)

    def _start(
        self, x: sparse.csr_matrix, target: np.ndarray, encode_words: WordEncode
    ) -> np.ndarray:
        """Each term's starting vector: its words' full vectors, mapped by one ridge regression."""
        words = [t for t in self.vocabulary_ if " " not in t]
        dims = target.shape[1]
        alone = np.zeros((len(self.vocabulary_), dims), dtype=np.float32)
        if words:
            word_vectors = np.asarray(encode_words(words), dtype=np.float32)
            for word, vector in zip(words, word_vectors, strict=True):
                alone[self.index_[word]] = vector
        for term, j in self.index_.items():
            if " " in term:
                first, second = term.split(" ")
                alone[j] = (alone[self.index_[first]] + alone[self.index_[second]]) / 2
        means = np.asarray(x @ alone, dtype=np.float32)
        design = np.hstack([means, np.ones((len(means), 1), dtype=np.float32)])
        gram = design.T @ design + self.config.ridge * np.eye(dims + 1, dtype=np.float32)
        mapping = np.linalg.solve(gram, design.T @ target)
        # Rows of x sum to one, so the bias may ride on every term.
        return alone @ mapping[:-1] + mapping[-1]


def _ridge_cg(
    x: sparse.csr_matrix, target: np.ndarray, start: np.ndarray, ridge: float, iterations: int
) -> np.ndarray:
    """``argmin_E |x E - target|^2 + ridge |E - start|^2`` by block conjugate gradients (each
    column of ``E`` is its own system; all share the matrix ``x^T x + ridge I``)."""
    xt = x.T.tocsr()

    def apply(p: np.ndarray) -> np.ndarray:
        return np.asarray(xt @ (x @ p), dtype=np.float32) + ridge * p

    solution = start.astype(np.float32, copy=True)
    residual = np.asarray(xt @ target, dtype=np.float32) + ridge * start - apply(solution)
    direction = residual.copy()
    size = (residual * residual).sum(axis=0)
    tiny = np.float32(1e-30)
    for _ in range(iterations):
        if not size.any():
            break
        step_dir = apply(direction)
        alpha = size / np.maximum((direction * step_dir).sum(axis=0), tiny)
        solution += direction * alpha
        residual -= step_dir * alpha
        new_size = (residual * residual).sum(axis=0)
        direction = residual + direction * (new_size / np.maximum(size, tiny))
        size = new_size
    return solution
