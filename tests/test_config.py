from __future__ import annotations

from pathlib import Path

import pytest

from voc.config import RunConfig, iter_settings, load_config, save_config
from voc.errors import ConfigError


def test_overrides_replace_only_named_settings() -> None:
    cfg = RunConfig().with_overrides({"cluster.min_theme_size": 20, "seed": 7})
    assert cfg.cluster.min_theme_size == 20
    assert cfg.seed == 7
    assert cfg.cluster.n_neighbors == RunConfig().cluster.n_neighbors
    assert RunConfig().cluster.min_theme_size is None  # the original is unchanged


def test_comma_separated_text_columns_become_a_tuple() -> None:
    cfg = RunConfig().with_overrides({"ingest.text_cols": "Subject, Body"})
    assert cfg.ingest.text_cols == ("Subject", "Body")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cluster.min_theme_size": 1}, "at least 2"),
        ({"cluster.assign_threshold": 2.0}, "at most 1.0"),
        ({"cluster.nope": 3}, "unknown setting 'cluster.nope'"),
        ({"seed": "abc"}, "must be int"),
        ({"embed.use_cache": "maybe"}, "must be bool"),
    ],
)
def test_bad_settings_are_rejected_with_the_key_named(overrides: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        RunConfig().with_overrides(overrides)


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_config_round_trips_through_files(tmp_path: Path, suffix: str) -> None:
    cfg = RunConfig().with_overrides(
        {"seed": 3, "ingest.text_cols": ("a", "b"), "cluster.assign_threshold": 0.3}
    )
    path = save_config(cfg, tmp_path / f"voc{suffix}")
    assert load_config(path) == cfg


def test_partial_toml_keeps_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[cluster]\nmin_theme_size = 12\n", encoding="utf-8")
    cfg = load_config(path)
    assert cfg.cluster.min_theme_size == 12
    assert cfg.embed == RunConfig().embed


def test_unparseable_config_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[cluster\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be parsed"):
        load_config(path)


def test_every_setting_is_documented_in_code() -> None:
    for key, fld in iter_settings():
        assert fld.metadata.get("doc"), f"setting {key} has no doc"
