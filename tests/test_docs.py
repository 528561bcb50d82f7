"""Every command and setting is documented; the README starts with the two commands."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.test_cli import COMMANDS
from voc.cli import app
from voc.config import settings_markdown


def test_cli_commands_list_matches_the_app() -> None:
    registered = [c.name or c.callback.__name__ for c in app.registered_commands]
    for group in app.registered_groups:
        registered += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    assert sorted(registered) == sorted(COMMANDS)


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"voc {command}" in readme, f"'voc {command}' is not documented in README.md"


def test_readme_first_screen_shows_the_two_commands() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    assert "make demo" in first_screen and "make test" in first_screen


def test_settings_reference_is_current() -> None:
    docs = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    assert settings_markdown() in docs, "docs/config.md is stale: run 'make docs'"
