"""Theme lineage on small synthetic runs: tickets in a few clear directions, ids as strings."""

from __future__ import annotations

import json

import numpy as np
import pytest

from voc.errors import ConfigError
from voc.lineage import (
    GROWN,
    MERGED,
    NEW,
    RENAMED,
    SAME,
    SHRUNK,
    SPLIT,
    Lineage,
    LineageSettings,
    RunThemes,
    changes,
    new_key,
    trace,
)

DIM = 8


def _vectors(directions: list[int], seed: int = 0) -> np.ndarray:
    """One unit vector per ticket near the given axis (small noise, so cosines stay above 0.9)."""
    rng = np.random.default_rng(seed)
    v = np.eye(DIM)[directions] + rng.normal(0.0, 0.05, (len(directions), DIM))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _run(
    run_id: str,
    groups: list[tuple[str, int, int, int]],
    names: dict[int, str] | None = None,
    keys: dict[int, str] | None = None,
    seed: int = 0,
) -> tuple[RunThemes, np.ndarray]:
    """A run from (id prefix, count, theme id, direction) groups, and its ticket vectors."""
    ids = [f"{prefix}{i}" for prefix, count, _, _ in groups for i in range(count)]
    themes = np.array([t for _, count, t, _ in groups for _ in range(count)])
    vectors = _vectors([d for _, count, _, d in groups for _ in range(count)], seed)
    k = int(themes.max()) + 1
    centroids = np.zeros((k, DIM))
    for t in range(k):
        if (themes == t).any():
            c = vectors[themes == t].mean(axis=0)
            centroids[t] = c / np.linalg.norm(c)
    similarity = np.where(themes >= 0, np.einsum("ij,ij->i", vectors, centroids[themes]), 0.0)
    run = RunThemes(
        run_id=run_id,
        ticket_ids=np.array(ids),
        theme_ids=themes,
        centroids=centroids,
        names=names if names is not None else {t: f"dir {d}" for _, _, t, d in groups if t >= 0},
        keys=keys or {},
        similarity=similarity,
    )
    return run, vectors


def _by_id(lineage: Lineage) -> dict[int, object]:
    return {t.theme_id: t for t in lineage.themes}


def test_no_earlier_run_makes_every_theme_new_with_a_deterministic_key() -> None:
    run, vectors = _run("r1", [("a", 10, 0, 0), ("b", 8, 1, 1)])
    lineage = trace(None, run, vectors)
    assert [t.relation for t in lineage.themes] == [NEW, NEW]
    assert lineage.keys() == {0: new_key("r1", 0), 1: new_key("r1", 1)}
    assert lineage.key_of(1).startswith("t-") and len(lineage.key_of(1)) == 10
    assert lineage.earlier_run_id is None and lineage.gone == ()


def test_same_tickets_same_themes_are_all_same_with_identical_keys() -> None:
    groups = [("a", 20, 0, 0), ("b", 15, 1, 1), ("c", 12, 2, 2)]
    earlier, _ = _run("r1", groups, keys={0: "k-a", 1: "k-b", 2: "k-c"})
    new, vectors = _run("r2", groups)
    lineage = trace(earlier, new, vectors)
    assert [t.relation for t in lineage.themes] == [SAME, SAME, SAME]
    assert lineage.keys() == {0: "k-a", 1: "k-b", 2: "k-c"}
    first = lineage.themes[0].predecessors
    assert len(first) == 1 and first[0].theme_id == 0 and first[0].tickets == 20
    assert first[0].share_of_earlier == 1.0 and first[0].share_of_new == 1.0
    assert lineage.gone == ()


def test_earlier_keys_unknown_fall_back_to_the_keys_the_earlier_run_was_given() -> None:
    groups = [("a", 20, 0, 0), ("b", 15, 1, 1)]
    earlier, earlier_vectors = _run("r1", groups)
    first = trace(None, earlier, earlier_vectors)
    new, vectors = _run("r2", groups)
    assert trace(earlier, new, vectors).keys() == first.keys()


def test_renamed_when_only_the_name_changes() -> None:
    groups = [("a", 20, 0, 0), ("b", 15, 1, 1)]
    earlier, _ = _run("r1", groups, names={0: "Login fails", 1: "Refunds"})
    new, vectors = _run("r2", groups, names={0: "Cannot log in", 1: "Refunds"})
    themes = _by_id(trace(earlier, new, vectors))
    assert themes[0].relation == RENAMED and themes[1].relation == SAME


def test_a_theme_spread_over_two_new_themes_splits_and_the_bigger_part_keeps_the_key() -> None:
    earlier, _ = _run("r1", [("a", 20, 0, 0), ("b", 15, 1, 1)], keys={0: "k-a", 1: "k-b"})
    # a0..a11 stay in theme 0, a12..a19 become theme 2 of their own.
    ids = np.array([*(f"a{i}" for i in range(20)), *(f"b{i}" for i in range(15))])
    themes_ids = np.array([0] * 12 + [2] * 8 + [1] * 15)
    vectors = _vectors([0] * 20 + [1] * 15)
    names = {0: "dir 0", 1: "dir 1", 2: "dir 0 too"}
    new = RunThemes("r2", ids, themes_ids, np.eye(DIM)[[0, 1, 0]], names)
    lineage = trace(earlier, new, vectors)
    themes = _by_id(lineage)
    assert themes[0].relation == SPLIT and themes[2].relation == SPLIT
    assert themes[0].key == "k-a" and themes[2].key == new_key("r2", 2)
    assert themes[2].predecessors[0].share_of_earlier == pytest.approx(8 / 20)
    assert themes[0].earlier_size == 20 and themes[2].earlier_size == 20
    assert [t.theme_id for t in lineage.successors(0)] == [0, 2]
    assert themes[1].relation == SAME and themes[1].key == "k-b"


def test_two_earlier_themes_landing_in_one_merge_and_inherit_the_larger_key() -> None:
    keys = {0: "k-a", 1: "k-b", 2: "k-c"}
    earlier, _ = _run("r1", [("a", 10, 0, 0), ("b", 18, 1, 1), ("c", 12, 2, 2)], keys=keys)
    new, vectors = _run("r2", [("a", 10, 0, 0), ("b", 18, 0, 1), ("c", 12, 1, 2)])
    themes = _by_id(trace(earlier, new, vectors))
    merged = themes[0]
    assert merged.relation == MERGED and merged.key == "k-b"
    assert [(p.theme_id, p.tickets) for p in merged.predecessors] == [(1, 18), (0, 10)]
    assert merged.earlier_size == 28
    assert themes[1].relation == SAME and themes[1].key == "k-c"


def test_a_new_direction_is_new_and_a_theme_without_successor_is_gone() -> None:
    earlier, _ = _run("r1", [("a", 20, 0, 0), ("b", 15, 1, 1)], keys={0: "k-a", 1: "k-b"})
    # Fresh ticket ids: theme 0 continues direction 0, theme 1 is direction 5 (never seen).
    new, vectors = _run("r2", [("x", 20, 0, 0), ("y", 15, 1, 5)], seed=1)
    lineage = trace(earlier, new, vectors)
    themes = _by_id(lineage)
    assert themes[0].relation == SAME and themes[0].key == "k-a"
    assert themes[1].relation == NEW and themes[1].key == new_key("r2", 1)
    assert themes[1].predecessors == () and themes[1].earlier_size is None
    assert [(g.theme_id, g.key, g.size) for g in lineage.gone] == [(1, "k-b", 15)]
    assert lineage.successors(1) == []


def test_fully_new_ticket_ids_are_matched_through_the_earlier_centroids() -> None:
    earlier, _ = _run("r1", [("a", 20, 0, 0), ("b", 15, 1, 1), ("c", 12, 2, 2)])
    # New ids, and the re-clustering numbered the same three directions differently.
    new, vectors = _run("r2", [("x", 20, 2, 0), ("y", 15, 0, 1), ("z", 12, 1, 2)], seed=7)
    lineage = trace(earlier, new, vectors)
    old_keys = {t: new_key("r1", t) for t in range(3)}
    assert lineage.keys() == {2: old_keys[0], 0: old_keys[1], 1: old_keys[2]}
    assert all(t.relation == SAME for t in lineage.themes)
    expected = float(np.quantile(earlier.similarity, 0.1))
    assert lineage.assign_threshold == pytest.approx(expected)


def test_a_new_ticket_below_the_threshold_is_not_matched() -> None:
    earlier, _ = _run("r1", [("a", 20, 0, 0), ("b", 15, 1, 1)])
    # Direction 0+5 halfway: cosine about 0.7 to the theme-0 centroid, below its members' ~0.99.
    halfway = np.eye(DIM)[[0]] + np.eye(DIM)[[5]]
    vectors = np.repeat(halfway / np.linalg.norm(halfway), 10, axis=0)
    new = RunThemes("r2", np.array([f"h{i}" for i in range(10)]), np.zeros(10, int), vectors[:1])
    lineage = trace(earlier, new, vectors)
    assert lineage.themes[0].relation == NEW
    # With a fixed, lower threshold (no per-ticket similarity) the same tickets do match.
    no_sim = RunThemes("r1", earlier.ticket_ids, earlier.theme_ids, earlier.centroids)
    lenient = trace(no_sim, new, vectors, LineageSettings(assign_similarity=0.5))
    assert lenient.assign_threshold == 0.5 and lenient.themes[0].predecessors[0].theme_id == 0


def test_grown_and_shrunk_by_share_of_the_run() -> None:
    earlier, _ = _run("r1", [("a", 20, 0, 0), ("b", 40, 1, 1)])
    new, vectors = _run("r2", [("x", 40, 0, 0), ("y", 20, 1, 1)], seed=3)
    themes = _by_id(trace(earlier, new, vectors))
    assert themes[0].relation == GROWN and themes[1].relation == SHRUNK
    assert themes[0].key == new_key("r1", 0) and themes[1].key == new_key("r1", 1)
    # The same change below the absolute minimum is not growth.
    strict = _by_id(trace(earlier, new, vectors, LineageSettings(min_change_tickets=25)))
    assert strict[0].relation == SAME and strict[1].relation == SAME


def test_unthemed_tickets_never_take_part() -> None:
    # u0..u9 were Unthemed; in the new run they form theme 1. a15..a19 become Unthemed.
    earlier, _ = _run("r1", [("a", 20, 0, 0), ("u", 10, -1, 4)])
    ids = np.array([*(f"a{i}" for i in range(20)), *(f"u{i}" for i in range(10))])
    theme_ids = np.array([0] * 15 + [-1] * 5 + [1] * 10)
    vectors = _vectors([0] * 20 + [4] * 10)
    new = RunThemes("r2", ids, theme_ids, np.eye(DIM)[[0, 4]], {0: "dir 0", 1: "dir 4"})
    lineage = trace(earlier, new, vectors)
    themes = _by_id(lineage)
    assert sorted(themes) == [0, 1]
    assert themes[0].relation == SAME and themes[0].size == 15
    assert themes[0].predecessors[0].tickets == 15
    assert themes[1].relation == NEW and lineage.gone == ()


def test_round_trip_through_json_is_exact() -> None:
    earlier, _ = _run("r1", [("a", 10, 0, 0), ("b", 18, 1, 1), ("c", 12, 2, 2)])
    new, vectors = _run("r2", [("a", 10, 0, 0), ("b", 18, 0, 1), ("x", 9, 1, 6)])
    lineage = trace(earlier, new, vectors, LineageSettings(min_share=0.25))
    data = lineage.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert Lineage.from_dict(json.loads(json.dumps(data))) == lineage
    assert Lineage.from_dict(data).settings.min_share == 0.25


def test_deterministic_and_independent_of_ticket_order() -> None:
    earlier, _ = _run("r1", [("a", 20, 0, 0), ("b", 15, 1, 1), ("c", 12, 2, 2)])
    new, vectors = _run("r2", [("a", 12, 0, 0), ("x", 8, 1, 0), ("b", 15, 2, 1), ("y", 9, 3, 7)])
    once, twice = trace(earlier, new, vectors), trace(earlier, new, vectors)
    assert once == twice
    order = np.random.default_rng(5).permutation(len(new.ticket_ids))
    shuffled = RunThemes(
        "r2", new.ticket_ids[order], new.theme_ids[order], new.centroids, new.names, {}
    )
    assert trace(earlier, shuffled, vectors[order]) == once


def test_changes_counts_and_shares() -> None:
    earlier, _ = _run(
        "r1", [("a", 20, 0, 0), ("b", 10, 1, 1), ("c", 10, 2, 2), ("d", 10, 3, 3), ("e", 50, 4, 4)]
    )
    # a splits 12/8; b and c merge; d is gone; e stays; f is new.
    new, vectors = _run(
        "r2",
        [
            ("a", 12, 0, 0),
            ("q", 8, 1, 0),
            ("b", 10, 2, 1),
            ("c", 10, 2, 2),
            ("e", 50, 3, 4),
            ("f", 10, 4, 6),
        ],
    )
    lineage = trace(earlier, new, vectors)
    summary = changes(lineage, earlier_total=100, new_total=100)
    assert [c.theme_id for c in summary.split] == [0, 1]
    assert [c.theme_id for c in summary.merged] == [2]
    assert summary.merged[0].earlier_theme_ids == (1, 2)
    assert summary.merged[0].share_before == 0.2 and summary.merged[0].share_after == 0.2
    assert [c.theme_id for c in summary.new] == [4] and summary.new[0].share_before is None
    assert [(c.theme_id, c.size_before, c.share_before) for c in summary.gone] == [(3, 10, 0.1)]
    assert summary.grown == () and summary.shrunk == () and summary.renamed == ()
    assert summary.unchanged == 1
    assert summary.split[1].size_before == 20 and summary.split[1].share_after == 0.08


def test_bad_settings_and_misaligned_inputs_are_refused() -> None:
    with pytest.raises(ConfigError):
        LineageSettings(growth_factor=1.0)
    run, vectors = _run("r1", [("a", 5, 0, 0)])
    with pytest.raises(ValueError):
        trace(None, run, vectors[:3])
    with pytest.raises(ValueError):
        RunThemes("r", np.array(["a"]), np.array([3]), np.eye(DIM)[:1])


def test_lineage_thresholds_are_run_settings_checked_like_any_other() -> None:
    from voc.config import RunConfig

    config = RunConfig().with_overrides({"lineage.min_share": 0.25, "lineage.min_tickets": 5})
    assert config.lineage == LineageSettings(min_share=0.25, min_tickets=5)
    assert RunConfig.from_dict(config.to_dict()).lineage.min_share == 0.25
    with pytest.raises(ConfigError, match=r"lineage\.min_share"):
        RunConfig().with_overrides({"lineage.min_share": 0.7})
