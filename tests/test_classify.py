"""Prototype classifiers with the real bundled model: kinds and sentiment of plain sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from voc.classify import (
    BUNDLED_PROTOTYPES,
    PrototypeClassifier,
    classify_tickets,
    load_prototypes,
    sentiment_labels,
)
from voc.errors import ConfigError

KIND_EXAMPLES = {
    "The mobile app crashes every time I open a saved report, since yesterday's update.": "defect",
    "How do I create a new API key for our staging environment?": "question",
    "It would be great if you added a dark theme to the editor.": "feature_request",
    "You charged my card twice for the March invoice, please refund one.": "billing",
    "Thanks a lot, your team solved it in minutes. Great service!": "praise",
    "Changing my notification settings takes forever, the menu is so confusing.": "friction",
}


def test_bundled_prototypes_cover_every_kind_and_both_sentiments() -> None:
    protos = load_prototypes(None)
    assert protos.source == str(BUNDLED_PROTOTYPES)
    assert set(protos.kinds) == {
        "defect",
        "friction",
        "question",
        "billing",
        "feature_request",
        "praise",
    }
    assert set(protos.sentiment) == {"positive", "negative"}
    assert protos.severity["defect"] == 1.0 and protos.severity["praise"] == 0.0
    assert 0 <= protos.severity["other"] <= 1


def test_kinds_of_plain_sentences(embedder) -> None:
    protos = load_prototypes(None)
    vectors = embedder.encode(list(KIND_EXAMPLES))
    kinds, _ = classify_tickets(vectors, embedder, protos, top_k=3)
    assert dict(zip(KIND_EXAMPLES, kinds, strict=True)) == KIND_EXAMPLES


def test_sentiment_separates_anger_from_thanks(embedder) -> None:
    texts = [
        "This is unacceptable, nothing works and we are losing customers. I am furious.",
        "The export finished and the file has 2,000 rows.",
        "Thank you so much, everything works perfectly now!",
    ]
    _, scores = classify_tickets(embedder.encode(texts), embedder, load_prototypes(None), 3)
    assert scores[0] < scores[1] < scores[2]
    assert sentiment_labels(scores, 0.02)[0] == "negative"
    assert sentiment_labels(scores, 0.02)[2] == "positive"


def test_classifier_uses_its_closest_sentences(embedder) -> None:
    clf = PrototypeClassifier({"a": ["cats purr"], "b": ["invoices are due", "pay the bill"]}, 1)
    clf.fit(embedder)
    assert clf.predict(embedder.encode(["my kitten purrs", "the bill is overdue"])) == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[kinds.defect]\nseverity = 1\nsentences = ['x']\n", r"no \[sentiment"),
        ("[kinds.defect]\nseverity = 2\nsentences = ['x']\n[sentiment.positive]\nsentences=['a']\n"
         "[sentiment.negative]\nsentences=['b']\nother_severity = 0\n", "severity between 0 and 1"),
        ("[kinds.defect]\nsentences = []\n", r"\[kinds.defect\] needs sentences"),
        ("[kinds.defect\n", "cannot be parsed"),
    ],
)  # fmt: skip
def test_bad_prototype_files_name_the_file_and_the_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "protos.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_prototypes(path)
    assert str(path) in str(caught.value)


def test_missing_prototype_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="score.prototypes_file"):
        load_prototypes(tmp_path / "nope.toml")
