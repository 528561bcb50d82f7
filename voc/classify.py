"""Offline classifiers built from prototype sentences: the kind of a ticket and its sentiment.

No labelled training data and no network: each label is a handful of example sentences (kept in an
editable TOML file, ``voc/data/prototypes.toml`` by default), embedded with the run's own model. A
ticket's similarity to a label is the mean cosine similarity of its ``top_k`` closest sentences of
that label. This reuses the model the run already loaded, follows paraphrases that word lists miss,
and a user can correct it by editing sentences rather than retraining anything.

Example:
    >>> protos = load_prototypes(None)
    >>> kinds = PrototypeClassifier(protos.kinds, top_k=3).fit(embedder)
    >>> kinds.predict(vectors)[:3]
    ['defect', 'question', 'defect']
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voc.embed import Embedder
from voc.errors import ConfigError

BUNDLED_PROTOTYPES = Path(__file__).parent / "data" / "prototypes.toml"
OTHER_KIND = "other"
POSITIVE = "positive"
NEGATIVE = "negative"
NEUTRAL = "neutral"


@dataclass(frozen=True)
class Prototypes:
    """Example sentences per kind and per sentiment, and how severe each kind is (0..1)."""

    kinds: dict[str, tuple[str, ...]]
    sentiment: dict[str, tuple[str, ...]]
    severity: dict[str, float]  # every kind, plus "other"
    source: str


def load_prototypes(path: str | Path | None) -> Prototypes:
    """Read a prototypes file (the bundled one when ``path`` is None); bad files raise
    :class:`ConfigError` naming the file and the section."""
    path = Path(path) if path else BUNDLED_PROTOTYPES
    if not path.is_file():
        raise ConfigError(f"prototypes file {path} not found (setting score.prototypes_file)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"prototypes file {path} cannot be parsed: {exc}") from None
    kinds = _sentences(data, "kinds", path)
    sentiment = _sentences(data, "sentiment", path)
    if set(sentiment) != {POSITIVE, NEGATIVE}:
        raise ConfigError(
            f"prototypes file {path}: [sentiment] needs exactly 'positive' and 'negative', "
            f"found {', '.join(sorted(sentiment)) or 'none'}"
        )
    severity = {name: _severity(data["kinds"][name], f"kinds.{name}", path) for name in kinds}
    severity[OTHER_KIND] = _severity(data, "other_severity", path, key="other_severity")
    return Prototypes(kinds, sentiment, severity, str(path))


def _sentences(data: Mapping[str, object], section: str, path: Path) -> dict[str, tuple[str, ...]]:
    table = data.get(section)
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"prototypes file {path} has no [{section}.<label>] tables")
    out = {}
    for label, entry in table.items():
        sentences = entry.get("sentences") if isinstance(entry, dict) else None
        if not isinstance(sentences, list) or not sentences:
            raise ConfigError(
                f"prototypes file {path}: [{section}.{label}] needs sentences = [...]"
            )
        out[label] = tuple(str(s) for s in sentences)
    return out


def _severity(table: Mapping[str, object], where: str, path: Path, key: str = "severity") -> float:
    value = table.get(key, None)
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
        raise ConfigError(f"prototypes file {path}: {where} needs {key} between 0 and 1")
    return float(value)


class PrototypeClassifier:
    """Scores vectors against labelled example sentences, scikit-learn style.

    ``fit`` embeds the sentences; ``similarities`` gives one column per label (``labels_``).
    """

    def __init__(self, sentences: Mapping[str, Sequence[str]], top_k: int = 3):
        self.sentences = sentences
        self.top_k = top_k

    def fit(self, embedder: Embedder) -> PrototypeClassifier:
        self.labels_ = list(self.sentences)
        flat = [s for label in self.labels_ for s in self.sentences[label]]
        owners = np.array(
            [i for i, label in enumerate(self.labels_) for _ in self.sentences[label]]
        )
        vectors = np.asarray(embedder.encode(flat), dtype=np.float32)
        self.vectors_ = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        self.owners_ = owners
        return self

    def similarities(self, vectors: np.ndarray) -> np.ndarray:
        """(n, labels) mean cosine similarity of each vector to its closest sentences per label."""
        sims = np.asarray(vectors, dtype=np.float32) @ self.vectors_.T
        out = np.empty((len(sims), len(self.labels_)), dtype=np.float32)
        for i in range(len(self.labels_)):
            own = sims[:, self.owners_ == i]
            k = min(self.top_k, own.shape[1])
            out[:, i] = np.partition(own, own.shape[1] - k, axis=1)[:, -k:].mean(axis=1)
        return out

    def predict(self, vectors: np.ndarray) -> list[str]:
        """The most similar label of each vector."""
        best = self.similarities(vectors).argmax(axis=1)
        return [self.labels_[i] for i in best]


def sentiment_scores(classifier: PrototypeClassifier, vectors: np.ndarray) -> np.ndarray:
    """Positive minus negative similarity per ticket: below zero leans negative."""
    sims = classifier.similarities(vectors)
    return sims[:, classifier.labels_.index(POSITIVE)] - sims[:, classifier.labels_.index(NEGATIVE)]


def sentiment_labels(scores: np.ndarray, margin: float) -> list[str]:
    """``negative``, ``neutral`` or ``positive`` per score, with a neutral band of ``margin``."""
    return [NEGATIVE if s < -margin else POSITIVE if s > margin else NEUTRAL for s in scores]


def classify_tickets(
    vectors: np.ndarray, embedder: Embedder, prototypes: Prototypes, top_k: int
) -> tuple[list[str], np.ndarray]:
    """The kind each ticket leans to and its sentiment score, from the run's vectors."""
    kinds = PrototypeClassifier(prototypes.kinds, top_k).fit(embedder)
    sentiment = PrototypeClassifier(prototypes.sentiment, top_k).fit(embedder)
    return kinds.predict(vectors), sentiment_scores(sentiment, vectors)
