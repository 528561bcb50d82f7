"""The one-way pipeline and the workspace layer around it (voc.pipeline, voc.runs), and the typed
manifest (voc.manifest), on the real sample export and its real stored run."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SAMPLE
from voc import schema
from voc.config import RunConfig
from voc.manifest import RunManifest
from voc.pipeline import cluster_export
from voc.runs import load_earlier
from voc.store import MANIFEST, Workspace

# What a run of the same export and settings recomputes differently (docs/determinism.md).
VOLATILE = {"run_id", "created_at", "timings_seconds", "peak_rss_mb", "embedding", "lineage"}


def tree(root: Path) -> list[tuple[str, int, int]]:
    """Every file under ``root``: its path, size and modification time."""
    return sorted(
        (str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    )


def test_the_pipeline_reads_and_writes_no_workspace(
    sample_run, sample_workspace: Path, embedder, tmp_path: Path
) -> None:
    ws = Workspace(sample_workspace)
    config = RunConfig()
    assert sample_run.info.clustering.update is None  # the sample run learnt its themes afresh
    elsewhere = tmp_path / "never-made"
    before = tree(sample_workspace)
    # Handed what it needs of the workspace (its salt and embedding cache): every vector cached.
    fresh = cluster_export(
        SAMPLE,
        config,
        run_id="20990101-000000-000001",
        salt=ws.salt(),
        cache=ws.embedding_cache(),
        embedder=embedder,
    )
    earlier = load_earlier(ws, config)
    assert earlier is not None
    kept = cluster_export(
        SAMPLE,
        config,
        run_id="20990101-000000-000002",
        salt=ws.salt(),
        cache=ws.embedding_cache(),
        earlier=earlier,
        embedder=embedder,
    )
    assert tree(sample_workspace) == before  # no run, cache shard or salt written
    assert not elsewhere.exists()

    # Afresh, it is the stored sample run again (same input, settings and seed), unstored.
    stored = sample_run.stored.tickets()
    pd.testing.assert_series_equal(fresh.tickets[schema.THEME_ID], stored[schema.THEME_ID])
    assert [t.name for t in fresh.themes] == [t.name for t in sample_run.themes]
    assert fresh.manifest.run_id == fresh.lineage.run_id == "20990101-000000-000001"
    assert fresh.manifest.embedding.computed == 0
    assert fresh.lineage.earlier_run_id is None and fresh.manifest.clustering.update is None
    on_disk = json.loads((sample_run.stored.path / MANIFEST).read_text(encoding="utf-8"))
    made = fresh.manifest.to_dict()
    assert list(made) == list(on_disk)  # the same keys, in the same order
    assert {k: v for k, v in made.items() if k not in VOLATILE | {"clustering"}} == {
        k: v for k, v in on_disk.items() if k not in VOLATILE | {"clustering"}
    }

    # Handed the earlier run, it keeps that run's fit and traces its themes against it.
    update = kept.manifest.clustering.update
    assert update is not None and update.of_run == earlier.run_id
    assert update.kept == kept.manifest.rows.used and update.new == 0
    assert kept.lineage.earlier_run_id == kept.manifest.lineage.earlier_run == earlier.run_id
    assert {t.relation for t in kept.lineage.themes} == {"same"} and not kept.lineage.gone


def test_the_manifest_round_trips_byte_for_byte(sample_run) -> None:
    text = (sample_run.stored.path / MANIFEST).read_text(encoding="utf-8")
    info = RunManifest.from_dict(json.loads(text))
    assert json.dumps(info.to_dict(), indent=2, ensure_ascii=False) + "\n" == text
    assert info == sample_run.stored.info == RunManifest.from_dict(info.to_dict())
    assert info.rows.used == len(sample_run.stored.tickets()) > 0
    assert info.embedding.model_id == sample_run.manifest["embedding"]["model_id"]
    assert info.language_mode == sample_run.manifest["languages"]["mode"]
    assert info.lineage is not None and info.lineage.earlier_run is None
    assert info.themes.count == sum(t.theme_id != schema.UNTHEMED_ID for t in sample_run.themes)


def test_an_older_manifest_reads_with_defaults_and_keeps_unknown_keys(sample_run) -> None:
    older = json.loads((sample_run.stored.path / MANIFEST).read_text(encoding="utf-8"))
    for key in ("scores", "peak_rss_mb", "engine", "naming", "languages", "lineage"):
        del older[key]  # sections later voc versions added
    del older["clustering"]["update"], older["input"]["helpdesk"]
    older["made_by_a_newer_voc"] = {"x": 1}
    info = RunManifest.from_dict(older)
    assert info.language_mode is None and info.lineage is None and info.scores is None
    assert info.clustering.update is None and info.input.helpdesk is None
    assert info.rows.used == sample_run.info.rows.used
    written = info.to_dict()
    assert written["made_by_a_newer_voc"] == {"x": 1}
    assert not {"scores", "engine", "naming", "languages", "lineage"} & written.keys()
    with pytest.raises(TypeError):  # run_id has no default: a manifest always names its run
        RunManifest.from_dict({})
