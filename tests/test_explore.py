"""What the Curate page suggests (split, merge) and how its history names themes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.synthetic import write_synthetic_run
from voc.curation.actions import Curator
from voc.curation.explore import (
    history_summaries,
    merge_suggestions,
    split_suggestions,
    theme_ref,
)
from voc.curation.replay import DISMISSED, CuratedRun, load_curated
from voc.schema import ThemeQuality


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    write_synthetic_run(tmp_path, hostile=False)  # themes 0 login loop, 1 api key, 2 thanks
    return tmp_path


def with_quality(curated: CuratedRun, quality: dict[int, ThemeQuality]) -> CuratedRun:
    """The run as if its clustering had measured these qualities (the synthetic run has none)."""
    themes = [replace(t, quality=quality.get(t.theme_id, t.quality)) for t in curated.themes]
    return replace(curated, themes=themes)


def quality(nearest: int, similarity: float, split: float = 0.9) -> ThemeQuality:
    return ThemeQuality(0.5, nearest, similarity, split, mixed=split < 0.65)


def test_a_theme_is_named_with_its_id() -> None:
    assert theme_ref(3, "Login loop") == '"Login loop" (#3)'
    assert theme_ref(3, None) == "#3"


def test_history_names_each_theme_as_it_was_before_the_edit(workspace: Path) -> None:
    curator = Curator(workspace)
    curator.rename("ana", 0, "Sign-in loop")
    curator.add_note("ana", 1, "theme 2 looks related")
    curator.merge("ana", [0, 1], into=0)
    curator.move("ana", ["1000"], 2)
    assert history_summaries(load_curated(workspace)) == [
        'renamed theme "login loop" (#0) to "Sign-in loop"',
        'noted on theme "api key how to" (#1): theme 2 looks related',  # the note is as typed
        'merged themes "Sign-in loop" (#0), "api key how to" (#1) into "Sign-in loop" (#0)',
        'moved 1 ticket to theme "thanks support" (#2)',
    ]


def test_an_undone_rename_does_not_name_later_edits(workspace: Path) -> None:
    curator = Curator(workspace)
    curator.rename("ana", 0, "Sign-in loop")
    curator.undo("ana")
    curator.set_status("ana", 0, "confirmed")
    assert history_summaries(load_curated(workspace))[-1] == (
        'marked theme "login loop" (#0) confirmed'
    )


def test_split_suggestions_are_the_open_mixed_themes(workspace: Path) -> None:
    measured = {0: quality(1, 0.2, split=0.4), 1: quality(0, 0.2, split=0.5), 2: quality(0, 0.1)}
    found = split_suggestions(with_quality(load_curated(workspace), measured))
    assert [(s.theme_id, s.name, s.split_similarity) for s in found] == [
        (0, "login loop", 0.4),
        (1, "api key how to", 0.5),
    ]
    Curator(workspace).set_status("ana", 0, DISMISSED)
    found = split_suggestions(with_quality(load_curated(workspace), measured))
    assert [s.theme_id for s in found] == [1]


def test_merge_suggestions_are_close_pairs_listed_once(workspace: Path) -> None:
    close = 0.8  # the closest pair of the run; the threshold is the run's own top decile
    curated = with_quality(
        load_curated(workspace),
        {0: quality(1, close), 1: quality(0, close), 2: quality(1, 0.5)},
    )
    found = merge_suggestions(curated)
    assert [(m.theme_ids, m.names, m.similarity) for m in found] == [
        ((0, 1), ("login loop", "api key how to"), close)
    ]
    assert found[0].sizes == (curated.theme(0).size, curated.theme(1).size)
    assert len(merge_suggestions(curated, min_similarity=0.0)) == 2  # (1, 2) joins


def test_no_merge_is_suggested_with_a_theme_that_is_gone(workspace: Path) -> None:
    Curator(workspace).merge("ana", [1, 2], into=2)
    curated = with_quality(load_curated(workspace), {0: quality(1, 0.99)})
    assert merge_suggestions(curated) == []
