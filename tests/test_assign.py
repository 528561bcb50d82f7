"""Routing a new export to a run's curated themes (``voc assign``), with the real model and runs."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import write_csv
from voc.assign import Assignment, assign_tickets
from voc.cli import app
from voc.config import RunConfig
from voc.curation.actions import Curator
from voc.runs import run
from voc.schema import UNTHEMED_ID

TOPICS = {
    "refund": [
        "I would like my money back for order {n}, it was a mistake.",
        "Please refund order {n}, I was charged but never wanted it.",
        "Requesting a refund for purchase {n}, please return my money.",
        "Can I get a refund for order {n}? I bought it by accident.",
        "You charged me twice for order {n}, I want the money returned.",
        "Cancel my subscription and refund the last payment please ({n}).",
    ],
    "dark": [
        "Please add a dark theme to the app, my eyes hurt at night ({n}).",
        "Feature request: dark mode for the app, the white screen is too bright ({n}).",
        "Would love a night mode option in the app, bright screen hurts my eyes ({n}).",
        "Any plans for a dark mode? Using the app at night is painful ({n}).",
        "The interface is so bright, please offer a darker color scheme ({n}).",
        "Give us a black background option, reading at night is hard ({n}).",
    ],
    "crash": [
        "The mobile app crashes every time I upload a photo (try {n}).",
        "App closes itself when I try to upload a picture, attempt {n}.",
        "Uploading a photo makes the app crash immediately (case {n}).",
        "Crash on photo upload in the mobile app again, try {n}.",
        "Every time I attach an image the app freezes and quits ({n}).",
        "The android app keeps crashing when sending pictures, case {n}.",
    ],
}
FRESH = {  # wordings the run never saw
    "refund": [
        "I want a refund for order {n}, I changed my mind.",
        "Please give me my money back for purchase {n}.",
    ],
    "dark": [
        "Can you add a dark mode to the app? Night use hurts my eyes ({n}).",
        "Dark theme please, the app is too bright at night ({n}).",
    ],
    "crash": [
        "The app crashes when I upload an image (attempt {n}).",
        "Photo upload crashes the mobile app, try {n}.",
    ],
}
UNRELATED = [
    "What is the best recipe for banana bread with walnuts?",
    "Who won the football match last Sunday in Madrid?",
    "My cat likes to sleep on the warm laptop keyboard.",
    "The train to Amsterdam was delayed by two hours today.",
    "I am planning a hiking trip in the Alps next summer.",
    "Recommend a good novel about the ocean and sailors.",
]


def _export(rows: list[tuple[str, str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["Id", "Subject", "Description"])
    writer.writerows(rows)
    return buf.getvalue()


def _topic(ticket_id: str) -> str:
    return ticket_id.split("-")[-2]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One run on three clear topics (12 tickets each), and a fresh export for it."""
    folder = tmp_path_factory.mktemp("assign")
    rows = [
        (f"run-{topic}-{n}", f"{topic} {n}", wordings[n % len(wordings)].format(n=n))
        for topic, wordings in TOPICS.items()
        for n in range(12)
    ]
    fresh = [
        (f"new-{topic}-{n}", "", wordings[n % len(wordings)].format(n=100 + n))
        for topic, wordings in FRESH.items()
        for n in range(6)
    ] + [(f"new-other-{n}", "", text) for n, text in enumerate(UNRELATED)]
    export = write_csv(folder / "run.csv", _export(rows))
    result = run(export, folder / "ws", RunConfig().with_overrides({"cluster.min_theme_size": 5}))
    tickets = result.stored.tickets()
    given = dict(
        zip(tickets["ticket_id"].astype(str), tickets["theme_id"].astype(int), strict=True)
    )
    by_topic = {_topic(t): theme for t, theme in given.items()}
    assert len(set(by_topic.values())) == 3 and UNTHEMED_ID not in by_topic.values()
    return {
        "folder": folder,
        "export": export,
        "fresh": write_csv(folder / "fresh.csv", _export(fresh)),
        "given": given,
        "by_topic": by_topic,
        "names": {t.theme_id: t.name for t in result.themes},
    }


def _copy_workspace(made: dict[str, object], tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(Path(made["folder"]) / "ws", target)  # type: ignore[arg-type]
    return target


def _themes(result: Assignment) -> dict[str, int]:
    return {r.ticket_id: r.theme_id for r in result.rows}


def test_the_runs_own_export_gets_the_runs_themes(made: dict[str, object]) -> None:
    result = assign_tickets(made["export"], Path(made["folder"]) / "ws")  # type: ignore[arg-type]
    given = made["given"]
    assert len(result.rows) == 36 and not result.skipped
    same = sum(given[t] == theme for t, theme in _themes(result).items())  # type: ignore[index]
    assert same / 36 >= 0.95
    assert result.threshold_source == "run" and 0.0 < result.threshold < 1.0
    assert all(r.theme_key.startswith("t-") for r in result.rows if not r.unthemed)
    assert result.cache_hits == 36  # the run cached them
    assert set(result.seconds) == {"ingest", "centroids", "embed", "route"}


def test_fresh_tickets_land_in_their_topics_theme_and_unrelated_ones_are_unthemed(
    made: dict[str, object],
) -> None:
    result = assign_tickets(made["fresh"], Path(made["folder"]) / "ws")  # type: ignore[arg-type]
    by_topic, names = made["by_topic"], made["names"]
    known = [r for r in result.rows if _topic(r.ticket_id) != "other"]
    right = sum(r.theme_id == by_topic[_topic(r.ticket_id)] for r in known)  # type: ignore[index]
    assert right / len(known) >= 0.9
    for r in known:
        if not r.unthemed:
            assert r.theme_name == names[r.theme_id]  # type: ignore[index]
    unrelated = [r for r in result.rows if _topic(r.ticket_id) == "other"]
    assert sum(r.unthemed for r in unrelated) / len(unrelated) >= 0.8
    frame = result.to_frame()
    assert list(frame.columns) == [
        "ticket_id", "theme_id", "theme_key", "theme_name", "similarity", "unthemed",
    ]  # fmt: skip
    assert len(frame) == 24 and frame["similarity"].between(-1, 1).all()


def test_a_given_min_similarity_overrides_the_runs(made: dict[str, object]) -> None:
    ws = Path(made["folder"]) / "ws"  # type: ignore[arg-type]
    result = assign_tickets(made["fresh"], ws, min_similarity=0.999)  # type: ignore[arg-type]
    assert result.threshold == 0.999 and result.threshold_source == "given"
    assert result.unthemed == 24


def test_a_merge_routes_both_topics_to_the_merged_theme(
    made: dict[str, object], tmp_path: Path
) -> None:
    ws = _copy_workspace(made, tmp_path)
    by_topic = made["by_topic"]
    a, b = by_topic["refund"], by_topic["dark"]  # type: ignore[index]
    Curator(ws).merge("ana", [a, b], into=a)
    Curator(ws).rename("ana", a, "Money and looks")
    result = assign_tickets(made["fresh"], ws)  # type: ignore[arg-type]
    for r in result.rows:
        if _topic(r.ticket_id) in ("refund", "dark") and not r.unthemed:
            assert (r.theme_id, r.theme_name) == (a, "Money and looks")
    merged = [r for r in result.rows if r.theme_id == a]
    assert len(merged) >= 10
    assert all(r.theme_id != b for r in result.rows)


def test_a_dismissed_theme_gets_no_ticket(made: dict[str, object], tmp_path: Path) -> None:
    ws = _copy_workspace(made, tmp_path)
    crash = made["by_topic"]["crash"]  # type: ignore[index]
    Curator(ws).set_status("ana", crash, "dismissed")
    result = assign_tickets(made["fresh"], ws)  # type: ignore[arg-type]
    assert all(r.theme_id != crash for r in result.rows)
    assert len(result.rows) == 24


def test_cli_writes_csv_and_a_summary(made: dict[str, object], tmp_path: Path) -> None:
    out = tmp_path / "assigned.csv"
    ws = str(Path(made["folder"]) / "ws")  # type: ignore[arg-type]
    result = CliRunner().invoke(app, ["assign", str(made["fresh"]), "-w", ws, "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ticket_id,theme_id,theme_key,theme_name,similarity,unthemed"
    assert len(lines) == 25
    assert "tickets assigned to 3 themes" in result.output and "0 rows skipped" in result.output


def test_cli_reads_json_lines_from_stdin(made: dict[str, object]) -> None:
    ws = str(Path(made["folder"]) / "ws")  # type: ignore[arg-type]
    rows = [{"id": "a1", "description": "Please refund order 7, I bought it by accident."}]
    rows.append({"id": "a2", "description": ""})  # skipped: empty text
    stdin = "".join(json.dumps(r) + "\n" for r in rows)
    result = CliRunner().invoke(app, ["assign", "-", "-w", ws, "--format", "jsonl"], input=stdin)
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.splitlines()[0])
    assert line["ticket_id"] == "a1" and line["theme_id"] == made["by_topic"]["refund"]  # type: ignore[index]
    assert "1 row skipped (1 " in result.output


@pytest.mark.parametrize("content", [None, "id,amount\n1,5\n"])
def test_cli_bad_input_is_one_sentence_and_exit_2(
    made: dict[str, object], tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "broken.csv"
    if content is not None:
        write_csv(path, content)
    ws = str(Path(made["folder"]) / "ws")  # type: ignore[arg-type]
    result = CliRunner().invoke(app, ["assign", str(path), "-w", ws])
    assert result.exit_code == 2
    assert "broken.csv" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_merged_theme_keeps_a_centroid_per_clustered_part() -> None:
    """Two distinct topics an analyst merged: their mean is close to neither, so each part keeps
    its own centroid and both parts' tickets route back to the merged theme."""
    from types import SimpleNamespace

    import numpy as np
    import pandas as pd

    from voc.assign import curated_centroids, route, run_threshold
    from voc.curation.replay import ThemeLabel

    rng = np.random.default_rng(0)
    axes = np.eye(3, 16, dtype=np.float32)  # three orthogonal topics
    topic = np.repeat([0, 1, 2], 40)
    vectors = axes[topic] + rng.normal(scale=0.05, size=(120, 16)).astype(np.float32)
    merged = np.where(topic == 2, 7, 3)  # topics 0 and 1 merged into theme 3; topic 2 is theme 7
    curated = SimpleNamespace(labels={3: ThemeLabel(3, "Setup how-tos"), 7: ThemeLabel(7, "Other")})
    members = pd.DataFrame({"theme_id": merged})
    centroids = curated_centroids(curated, members, vectors, None, sources=topic)  # type: ignore[arg-type]
    assert sorted(centroids.theme_ids.tolist()) == [3, 3, 7]
    threshold = run_threshold(centroids.member_similarity, centroids.neighbour_similarity)
    fresh = axes[topic] + rng.normal(scale=0.05, size=(120, 16)).astype(np.float32)
    rows = route([str(i) for i in range(120)], fresh, centroids, threshold)
    assert [r.theme_id for r in rows] == merged.tolist()
    single = curated_centroids(curated, members, vectors, None)  # type: ignore[arg-type]
    # One averaged centroid: the merged theme's members sit near cos 0.7 to it, against ~0.99
    # to their own part's.
    assert float(np.median(single.member_similarity[merged == 3])) < 0.75
    assert float(np.median(centroids.member_similarity[merged == 3])) > 0.95
