"""The ``voc`` command: a thin shell over the library.

Each subcommand parses options, calls one public function, and renders the result. A
:class:`~voc.errors.VocError` becomes one clear line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from voc.config import RunConfig, load_config
from voc.errors import USER_ERROR_EXIT_CODE, VocError
from voc.pipeline import run
from voc.schema import ParentTheme, Theme
from voc.store import Workspace

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="voc: turn exported support tickets into themes that show product defects and friction.",
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

WorkspaceOption = Annotated[
    Path,
    typer.Option(
        "--workspace",
        "-w",
        envvar="VOC_WORKSPACE",
        help="Workspace folder holding runs and caches.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
DEFAULT_WORKSPACE = Path("workspace")

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Turn library errors into one line on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except VocError as exc:
            err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(USER_ERROR_EXIT_CODE) from None

    return wrapper  # type: ignore[return-value]


@app.command()
@user_errors
def cluster(
    input_file: Annotated[Path, typer.Argument(help="Ticket export (CSV/TSV, optionally .gz).")],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="TOML or JSON settings file.")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="Embedding model: local folder or cached model name.")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed (default 42).")] = None,
    min_theme_size: Annotated[
        int | None, typer.Option(help="Smallest theme (default: scales with the input).")
    ] = None,
    text_col: Annotated[
        list[str] | None, typer.Option(help="Text column; repeat to join several.")
    ] = None,
    id_col: Annotated[str | None, typer.Option(help="Ticket id column.")] = None,
    date_col: Annotated[str | None, typer.Option(help="Creation date column.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Discover themes in a ticket export and store the run in the workspace.

    Example: voc cluster sample_data/sample_tickets.csv --workspace workspace
    """
    config = load_config(config_file) if config_file else RunConfig()
    overrides = {
        "embed.model": model,
        "seed": seed,
        "cluster.min_theme_size": min_theme_size,
        "ingest.text_cols": tuple(text_col) if text_col else None,
        "ingest.id_col": id_col,
        "ingest.date_col": date_col,
    }
    config = config.with_overrides({k: v for k, v in overrides.items() if v is not None})
    with _ProgressBar(enabled=not as_json) as report:
        result = run(input_file, workspace, config, progress=report)
    if as_json:
        _print_json(_summary(result.manifest, result.themes, result.parents, result.stored.path))
        return
    for warning in result.manifest["warnings"]:
        err.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)
    _print_run(result.manifest, result.themes, result.stored.path)


@app.command()
@user_errors
def themes(
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    run_id: Annotated[
        str | None, typer.Option("--run", help="Run id (default: the newest).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show the themes of a stored run (the newest by default).

    Example: voc themes --workspace workspace --json
    """
    stored = Workspace(workspace).load_run(run_id)
    if as_json:
        _print_json(_summary(stored.manifest, stored.themes, stored.parents, stored.path))
    else:
        _print_run(stored.manifest, stored.themes, stored.path)


def _summary(
    manifest: dict[str, Any], themes: list[Theme], parents: list[ParentTheme], path: Path
) -> dict[str, Any]:
    return {
        "run_id": manifest["run_id"],
        "path": str(path),
        "rows": manifest["rows"],
        "themes_count": manifest["themes"]["count"],
        "parents_count": manifest["themes"]["parents"],
        "unthemed_share": manifest["themes"]["unthemed_share"],
        "warnings": manifest["warnings"],
        "themes": [t.to_dict() for t in themes],
        "parents": [p.to_dict() for p in parents],
    }


def _print_json(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _print_run(manifest: dict[str, Any], themes: list[Theme], path: Path) -> None:
    rows = manifest["rows"]
    skipped = ", ".join(f"{n} {r}" for r, n in rows["skipped_by_reason"].items()) or "none"
    table = Table(title=f"Themes of run {manifest['run_id']}", title_justify="left")
    table.add_column("id", justify="right")
    table.add_column("parent", justify="right")
    table.add_column("theme")
    table.add_column("tickets", justify="right")
    table.add_column("share", justify="right")
    table.add_column("keywords")
    for theme in themes:
        table.add_row(
            str(theme.theme_id),
            "" if theme.parent_id is None else str(theme.parent_id),
            escape(theme.name)
            + (" [yellow](mixed?)[/]" if theme.quality and theme.quality.mixed else ""),
            str(theme.size),
            f"{theme.share:.1%}",
            escape(", ".join(theme.keywords[:6])),
        )
    out.print(table)
    out.print(
        f"{rows['read']} rows read, {rows['used']} used, {rows['skipped']} skipped ({skipped}); "
        f"{manifest['themes']['count']} themes in {manifest['themes']['parents']} parent themes, "
        f"{manifest['themes']['unthemed_share']:.1%} Unthemed.",
        highlight=False,
    )
    out.print(f"Run stored in {escape(str(path))}", highlight=False)


class _ProgressBar:
    """Renders pipeline progress callbacks as rich progress bars on stderr."""

    def __init__(self, enabled: bool):
        self.bar = Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=not enabled,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> _ProgressBar:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)


def main() -> None:
    """Console-script entry point."""
    app()
