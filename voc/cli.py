"""The ``voc`` command: a thin shell over the library.

Each subcommand parses options, calls one public function, and renders the result. A
:class:`~voc.errors.VocError` becomes one clear line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from voc.assign import Assignment, assign_tickets
from voc.config import RunConfig, load_config
from voc.curation.carry import Replay
from voc.curation.proposals import (
    EXPORT_FORMATS,
    RICE_INCOMPLETE,
    export_proposals,
    saved_proposals,
    without_effort,
)
from voc.curation.replay import DISMISSED, load_curated
from voc.errors import EMERGING_EXIT_CODE, USER_ERROR_EXIT_CODE, ConfigError, VocError
from voc.format import (
    count,
    duration,
    growth_text,
    kind_text,
    number,
    percent,
    plural,
    points,
    score,
)
from voc.inspect import InspectReport, inspect_export
from voc.manifest import RunManifest
from voc.report import (
    DEFAULT_TOP,
    FORMATS,
    build_report,
    format_for_path,
    render_report,
    write_file,
)
from voc.runs import run
from voc.schema import RESOLUTION_MINUTES, UNTHEMED_ID, ParentTheme, RunScores, Theme, ThemeScore
from voc.serve import DEFAULT_HOST, DEFAULT_PORT, dashboard_command, serve
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
RunOption = Annotated[str | None, typer.Option("--run", help="Run id (default: the newest).")]
WideOption = Annotated[
    bool, typer.Option("--wide", help="Also show each theme's description and language.")
]
DEFAULT_WORKSPACE = Path("workspace")

INPUT_HELP = "Ticket export: CSV/TSV (optionally .gz), XLSX, JSON, JSON Lines or Parquet."
# Input files are arguments with readable=False: click's own check would print a usage box; the
# reader's one sentence (voc.ingest.files) says what is wrong instead.
ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML or JSON settings file.")]
TextColOption = Annotated[
    list[str] | None, typer.Option(help="Text column; repeat to join several.")
]
IdColOption = Annotated[str | None, typer.Option(help="Ticket id column.")]
DateColOption = Annotated[str | None, typer.Option(help="Creation date column.")]
ColumnsOption = Annotated[
    Path | None,
    typer.Option(
        "--columns", help='Saved column map (TOML: [columns] field = "Header"), see docs.'
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option(help="XLSX sheet holding the tickets (default: the first non-empty sheet)."),
]

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
    input_file: Annotated[Path, typer.Argument(help=INPUT_HELP, readable=False)],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    config_file: ConfigOption = None,
    model: Annotated[
        str | None, typer.Option(help="Embedding model: local folder or cached model name.")
    ] = None,
    backend: Annotated[
        str | None,
        typer.Option(
            help="Embedding backend: openvino (static int8, the default, fastest on CPU), "
            "onnx (dynamic int8) or torch."
        ),
    ] = None,
    device: Annotated[
        str | None,
        typer.Option(help="Where to embed: auto (a usable CUDA GPU, else the CPU), cpu or cuda."),
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed (default 42).")] = None,
    min_theme_size: Annotated[
        int | None, typer.Option(help="Smallest theme (default: scales with the input).")
    ] = None,
    text_col: TextColOption = None,
    id_col: IdColOption = None,
    date_col: DateColOption = None,
    columns: ColumnsOption = None,
    sheet: SheetOption = None,
    engine: Annotated[
        str | None,
        typer.Option(
            help="Where embedding and assignment run: local (this process, the default) or dask."
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786) for --engine dask; "
            "omitted: start a local cluster."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes of the local Dask cluster (default: one per core)."),
    ] = None,
    namer_url: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible API whose chat model names the themes, e.g. "
            "http://localhost:11434/v1 (Ollama); see docs/naming-llm.md. Default: offline names."
        ),
    ] = None,
    namer_model: Annotated[
        str | None, typer.Option(help="The chat model for --namer-url, e.g. qwen2.5:3b-instruct.")
    ] = None,
    refit: Annotated[
        bool,
        typer.Option(
            "--refit",
            help="Learn themes afresh even when the newest run's themes could be kept "
            "(a re-run with few new tickets keeps them by default).",
        ),
    ] = False,
    as_json: JsonOption = False,
    wide: WideOption = False,
) -> None:
    """Discover themes in a ticket export and store the run in the workspace.

    Example: voc cluster sample_data/sample_tickets.csv --workspace workspace

    On a Dask cluster: voc cluster big.parquet --engine dask --scheduler tcp://host:8786
    """
    overrides = {
        "embed.model": model,
        "embed.backend": backend,
        "embed.device": device,
        "seed": seed,
        "cluster.min_theme_size": min_theme_size,
        "engine.name": engine,
        "engine.scheduler": scheduler,
        "engine.workers": workers,
        "cluster.update_max_new": 0.0 if refit else None,
        "themes.namer_url": namer_url,
        "themes.namer_model": namer_model,
    }
    config = _config(config_file, overrides, text_col, id_col, date_col, columns, sheet)
    with _ProgressBar(enabled=not as_json) as report:
        result = run(input_file, workspace, config, progress=report)
    if as_json:
        summary = _summary(result.info, result.themes, result.parents, result.stored.path)
        summary["replayed"] = asdict(result.replayed) if result.replayed else None
        _print_json(summary)
        return
    info = result.info
    for warning in info.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)
    _print_run(info, result.themes, result.stored.scores(), wide)
    out.print(f"Run stored in {escape(str(result.stored.path))}", highlight=False)
    update = info.clustering.update
    if update:
        out.print(
            f"Kept the themes of run {update.of_run}: {count(update.new, 'new ticket')} "
            f"assigned, {count(update.new_themes, 'new theme')} (--refit learns themes afresh).",
            highlight=False,
        )
    if result.replayed:
        _print_replay(result.replayed)
    out.print(
        f"Friction report: voc report --workspace {escape(str(workspace))} --out friction.html",
        highlight=False,
    )


@app.command()
@user_errors
def inspect(
    input_file: Annotated[Path, typer.Argument(help=INPUT_HELP, readable=False)],
    config_file: ConfigOption = None,
    text_col: TextColOption = None,
    id_col: IdColOption = None,
    date_col: DateColOption = None,
    columns: ColumnsOption = None,
    sheet: SheetOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show how an export is read (format, helpdesk, column mapping, rows used and skipped).

    Nothing is stored. Example: voc inspect zendesk_export.csv --json
    """
    config = _config(config_file, {}, text_col, id_col, date_col, columns, sheet)
    report = inspect_export(input_file, config)
    if as_json:
        _print_json(report.to_dict())
        return
    _print_inspect(report)


@app.command()
@user_errors
def themes(
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    run_id: RunOption = None,
    as_json: JsonOption = False,
    wide: WideOption = False,
    raw: Annotated[
        bool,
        typer.Option("--raw", help="The run as clustered, without analysts' edits."),
    ] = False,
) -> None:
    """Show the themes of a stored run (the newest by default), as analysts left them.

    Their names, kinds, merges, splits, moved tickets and dismissals are applied, as in the report
    and the dashboard; --raw shows the run as clustered.

    Example: voc themes --workspace workspace --wide
    """
    if raw:
        stored = Workspace(workspace).load_run(run_id)
        view, scores, dismissed, edits = stored.themes, stored.scores(), set(), 0
    else:
        curated = load_curated(workspace, run_id)
        stored, view, scores = curated.stored, curated.themes, curated.scores
        dismissed = {t for t, label in curated.labels.items() if label.status == DISMISSED}
        edits = sum(entry.effective for entry in curated.history)
        # Dismissed themes last: they stay visible, but out of the ranking.
        view = sorted(view, key=lambda t: t.theme_id in dismissed)
    if as_json:
        summary = _summary(stored.info, view, stored.parents, stored.path)
        summary["view"] = "raw" if raw else "curated"
        summary["edits_applied"] = edits
        summary["dismissed_theme_ids"] = sorted(dismissed)
        _print_json(summary)
        return
    _print_run(stored.info, view, scores, wide, dismissed)
    if raw:
        out.print("As clustered; without --raw, analysts' edits are applied.", highlight=False)
    else:
        applied = count(edits, "analyst's edit", "analysts' edits")
        out.print(
            f"{applied} applied; --raw shows the run as clustered.",
            highlight=False,
        )


@app.command()
@user_errors
def report(
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    run_id: RunOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{', '.join(FORMATS)} (default: from --out's extension, else md).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write; omitted: print to stdout (not for xlsx)."),
    ] = None,
    top: Annotated[int, typer.Option(min=1, help="Themes shown in detail.")] = DEFAULT_TOP,
    fail_on_emerging: Annotated[
        bool,
        typer.Option(
            "--fail-on-emerging",
            help=f"Exit with code {EMERGING_EXIT_CODE} when a theme is emerging (for schedulers).",
        ),
    ] = False,
) -> None:
    """Write the friction report of a run (the newest by default): ranked themes with evidence.

    Analysts' edits (names, kinds, merges, dismissals, notes) are applied.

    Example: voc report --workspace workspace --format html --out friction.html
    """
    fmt = fmt or (format_for_path(out) if out else "md")
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    if fmt == "xlsx" and out is None:
        raise ConfigError("an xlsx report is a binary file; pass --out FILE.xlsx")
    built = build_report(load_curated(workspace, run_id), top=top)
    _emit(
        render_report(built, fmt),
        out,
        f"{fmt} report of run {built.run_id}",
        f": {count(len(built.themes), 'theme')}, {number(len(built.emerging))} emerging.",
    )
    if fail_on_emerging and built.emerging:
        names = "; ".join(t.score.name for t in built.emerging)
        err.print(f"[yellow]emerging:[/] {escape(names)}", highlight=False)
        raise typer.Exit(EMERGING_EXIT_CODE)


@app.command()
@user_errors
def diff(
    run_a: Annotated[
        str | None,
        typer.Argument(help="The earlier run (default: the one RUN_B was traced against)."),
    ] = None,
    run_b: Annotated[
        str | None, typer.Argument(help="The later run (default: the newest).")
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    as_json: JsonOption = False,
) -> None:
    """What changed between two runs (the newest two by default): new, gone, grown, shrunk, split
    and merged themes, with their tickets and shares before and after.

    Example: voc diff --workspace workspace
    """
    if run_a is not None and run_b is None:
        run_a, run_b = None, run_a  # one run given: it is the later one
    found = Workspace(workspace).changes(run_b, run_a)
    if as_json:
        _print_json(asdict(found))
        return
    out.print(
        f"Run {found.run_id} ({count(found.new_total, 'ticket')}) since run "
        f"{found.earlier_run_id} ({count(found.earlier_total, 'ticket')}): "
        + ", ".join(f"{number(len(getattr(found, g)))} {g}" for g in CHANGE_GROUPS)
        + f", {number(found.unchanged)} unchanged.",
        highlight=False,
    )
    for group in CHANGE_GROUPS:
        rows = getattr(found, group)
        if not rows:
            continue
        table = Table(title=group.capitalize(), title_justify="left")
        for column in ("theme", "key", "from themes", "tickets", "share"):
            table.add_column(column, justify="right" if column in ("tickets", "share") else "left")
        for change in rows:
            table.add_row(
                escape(change.name),
                change.key,
                ", ".join(map(str, change.earlier_theme_ids)),
                f"{number(change.size_before)} -> {number(change.size_after)}",
                f"{percent(change.share_before)} -> {percent(change.share_after)}",
            )
        out.print(table)


ASSIGN_FORMATS = ("csv", "jsonl")


@app.command()
@user_errors
def assign(
    input_path: Annotated[
        Path, typer.Argument(help=INPUT_HELP + " '-': JSON Lines on stdin.", readable=False)
    ],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    run_id: RunOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write; omitted: print to stdout.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or jsonl.")] = "csv",
    min_similarity: Annotated[
        float | None,
        typer.Option(help="Cosine below which a ticket is Unthemed (default: from the run)."),
    ] = None,
) -> None:
    """Route the tickets of a new export to the curated themes of a run (the newest by default),
    without re-clustering; tickets close to no theme are Unthemed.

    Example: voc assign new_week.csv --workspace workspace --out assigned.csv
    """
    if fmt not in ASSIGN_FORMATS:
        raise ConfigError(f"unknown assign format '{fmt}'; choose one of: csv, jsonl")
    if str(input_path) == "-":
        with tempfile.TemporaryDirectory() as folder:
            stdin_path = Path(folder) / "stdin.jsonl"
            stdin_path.write_bytes(sys.stdin.buffer.read())
            result = assign_tickets(stdin_path, workspace, run_id, min_similarity=min_similarity)
    else:
        result = assign_tickets(input_path, workspace, run_id, min_similarity=min_similarity)
    frame = result.to_frame()
    data = (
        frame.to_csv(index=False)
        if fmt == "csv"
        else frame.to_json(orient="records", lines=True, force_ascii=False)
    )
    _emit(data.encode("utf-8"), out, f"{fmt} assignments of run {result.run_id}")
    err.print(escape(_assign_summary(result)), highlight=False)


def _assign_summary(result: Assignment) -> str:
    reasons = ", ".join(f"{number(n)} {r}" for r, n in result.skipped_by_reason().items())
    return (
        f"{count(result.assigned, 'ticket')} assigned to {count(result.themes_used, 'theme')} "
        f"of run {result.run_id}, {number(result.unthemed)} unthemed (cosine < "
        f"{number(result.threshold, 3)}), {count(len(result.skipped), 'row')} skipped"
        + (f" ({reasons})" if reasons else "")
        + "."
    )


CHANGE_GROUPS = ("new", "gone", "grown", "shrunk", "split", "merged", "renamed")


proposals_app = typer.Typer(no_args_is_help=True, help="Roadmap proposals made by analysts.")
app.add_typer(proposals_app, name="proposals")


@proposals_app.command("export")
@user_errors
def proposals_export(
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    run_id: RunOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=f"{', '.join(EXPORT_FORMATS)} (jira: a CSV Jira's importer reads).",
        ),
    ] = "md",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write; omitted: print to stdout.")
    ] = None,
) -> None:
    """Export the roadmap proposals of a run (the newest by default), highest RICE first.

    Example: voc proposals export --workspace workspace --format jira --out proposals.csv
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(
            f"unknown proposals format '{fmt}'; choose one of: {', '.join(EXPORT_FORMATS)}"
        )
    curated = load_curated(workspace, run_id)
    proposals = saved_proposals(curated)
    _emit(
        export_proposals(proposals, fmt),
        out,
        f"{count(len(proposals), 'proposal')} of run {curated.run_id}",
    )
    missing = without_effort(proposals)
    if missing:
        titles = "; ".join(f"'{p.title}'" for p in missing)
        err.print(
            f"warning: {RICE_INCOMPLETE} of {count(len(missing), 'proposal')}: {escape(titles)}",
            highlight=False,
        )


@app.command()
@user_errors
def dashboard(
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")
    ] = DEFAULT_HOST,
) -> None:
    """Start the analysts' dashboard (Streamlit) on a workspace and print its local URL.

    Example: voc dashboard --workspace workspace --port 8501
    """
    command = dashboard_command(workspace, port=port, host=host)
    err.print(
        f"voc dashboard on http://{host}:{port} (workspace {escape(str(workspace))}); "
        "Ctrl+C stops it"
    )
    raise typer.Exit(serve(command))


def _emit(data: bytes, out: Path | None, what: str, detail: str = "") -> None:
    """Print ``data`` on stdout, or write it to ``out`` and say so on stderr."""
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = write_file(out, data)
    err.print(f"{what} written to {escape(str(path))}{escape(detail)}", highlight=False)


def _config(
    config_file: Path | None,
    overrides: dict[str, Any],
    text_col: list[str] | None,
    id_col: str | None,
    date_col: str | None,
    columns: Path | None,
    sheet: str | None = None,
) -> RunConfig:
    """The run's settings: the config file, then the options given on the command line."""
    config = load_config(config_file) if config_file else RunConfig()
    overrides = {
        **overrides,
        "ingest.text_cols": tuple(text_col) if text_col else None,
        "ingest.id_col": id_col,
        "ingest.date_col": date_col,
        "ingest.columns_file": str(columns) if columns else None,
        "ingest.sheet": sheet,
    }
    return config.with_overrides({k: v for k, v in overrides.items() if v is not None})


def _print_inspect(report: InspectReport) -> None:
    kind = report.format.upper() + (f", {report.detail}" if report.detail else "")
    if report.encoding:
        kind += f", {report.encoding}"
    if report.delimiter:
        kind += f", delimiter {report.delimiter!r}"
    out.print(f"[bold]{escape(report.path)}[/]: {escape(kind)}", highlight=False)
    out.print(f"helpdesk: {escape(report.helpdesk or 'not recognised (generic export)')}")
    table = Table(title="columns", title_justify="left")
    table.add_column("voc field")
    table.add_column("export column(s)")
    table.add_column("read as")
    for name, headers in report.column_map.items():
        table.add_row(name, escape(", ".join(headers)), escape(report.value_formats.get(name, "")))
    out.print(table)
    if report.unmapped_columns:
        out.print(f"not used: {escape(', '.join(report.unmapped_columns))}", highlight=False)
    out.print(
        f"{count(report.rows_read, 'row')} read, {number(report.rows_used)} usable, "
        f"{number(report.rows_read - report.rows_used)} skipped "
        f"({_by_reason(report.skipped_by_reason)}).",
        highlight=False,
    )
    if lines := report.lines:
        out.print(
            f"{count(lines.physical, 'line')} in the file: {count(lines.records, 'record')} (the "
            f"header and {count(lines.records - 1, 'row')}), {number(lines.blank)} blank, "
            f"{number(lines.continuation)} inside multi-line cells.",
            highlight=False,
        )
    languages = ", ".join(f"{lang} {number(n)}" for lang, n in report.languages.items())
    out.print(f"languages: {escape(languages)}", highlight=False)
    if long := report.truncated_for_embedding:
        out.print(
            f"{count(long, 'ticket')} {plural(long, 'is', 'are')} longer than the model reads; "
            f"{plural(long, 'it is', 'they are')} kept whole and cut only for embedding.",
            highlight=False,
        )
    for warning in report.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)


def _summary(
    info: RunManifest, themes: list[Theme], parents: list[ParentTheme], path: Path
) -> dict[str, Any]:
    counts = _counts(themes)
    return {
        "run_id": info.run_id,
        "path": str(path),
        "rows": info.rows.to_dict(),
        "themes_count": counts[0],
        "parents_count": counts[1],
        "unthemed_share": counts[2],
        "update": info.clustering.update.to_dict() if info.clustering.update else None,
        "warnings": info.warnings,
        "themes": [t.to_dict() for t in themes],
        "parents": [p.to_dict() for p in parents],
    }


def _counts(themes: list[Theme]) -> tuple[int, int, float]:
    """Themes, parent themes and the Unthemed share of the themes shown (curated or not)."""
    themed = [t for t in themes if t.theme_id != UNTHEMED_ID]
    parents = {t.parent_id for t in themed if t.parent_id is not None}
    unthemed = sum(t.share for t in themes if t.theme_id == UNTHEMED_ID)
    return len(themed), len(parents), unthemed


def _print_replay(replay: Replay) -> None:
    """What of the previous run's curation came along, and what could not."""
    out.print(
        f"Analysts' curation of run {replay.from_run} replayed: {count(replay.edits, 'edit')} "
        "(the dashboard's Curate history lists them).",
        highlight=False,
    )
    if replay.not_replayable:
        err.print(
            f"[yellow]Not replayable ({number(len(replay.not_replayable))}):[/]", highlight=False
        )
    for lost in replay.not_replayable:
        theme = f'theme {lost.theme_id} "{lost.name}"' if lost.theme_id is not None else "tickets"
        what = ", ".join(lost.decisions)
        err.print(f"  {escape(theme)}: {escape(what)}: {escape(lost.reason)}", highlight=False)


def _print_json(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _print_run(
    info: RunManifest,
    themes: list[Theme],
    scores: RunScores | None,
    wide: bool = False,
    dismissed: set[int] | None = None,
) -> None:
    """The themes table and the account of the run's rows (prints nothing about storing)."""
    out.print(theme_table(info, themes, scores, wide, dismissed))
    out.print(rows_summary(info, themes), highlight=False)


def theme_table(
    info: RunManifest,
    themes: list[Theme],
    scores: RunScores | None,
    wide: bool = False,
    dismissed: set[int] | None = None,
) -> Table:
    """The themes of a run, one row each, every number written by :mod:`voc.format` as the
    report writes it; ``wide`` adds CSAT, resolution time, language and description."""
    dismissed = dismissed or set()
    scored = {s.theme_id: s for s in scores.themes} if scores else {}
    table = Table(title=f"Themes of run {info.run_id}", title_justify="left")
    table.add_column("id", justify="right")
    table.add_column("parent", justify="right")
    table.add_column("theme")
    table.add_column("tickets", justify="right")
    table.add_column("share", justify="right")
    table.add_column("kind")
    table.add_column("friction", justify="right")
    table.add_column("growth", justify="right")
    table.add_column("CSAT impact", justify="right")
    table.add_column("keywords")
    if wide:
        table.add_column("CSAT", justify="right")
        table.add_column("resolution", justify="right")
        table.add_column("language")
        table.add_column("description", min_width=30)
    for theme in themes:
        s = scored.get(theme.theme_id)
        extra = [theme.language, escape(theme.description)] if wide else []
        if wide:
            extra = [*_wide_measures(s), *extra]
        table.add_row(
            str(theme.theme_id),
            "" if theme.parent_id is None else str(theme.parent_id),
            escape(theme.name)
            + (" [yellow](mixed?)[/]" if theme.quality and theme.quality.mixed else "")
            + (" [dim](dismissed)[/]" if theme.theme_id in dismissed else ""),
            number(theme.size),
            percent(theme.share),
            "" if s is None else kind_text(s.kind) + (" [red](emerging)[/]" if s.emerging else ""),
            "" if s is None else score(s.friction),
            "" if s is None else growth_text(s.growth, s.previous, s.recent),
            "" if s is None else points(s.csat_impact),
            escape(", ".join(theme.keywords[:6])),
            *extra,
        )
    return table


def _wide_measures(s: ThemeScore | None) -> list[str]:
    """CSAT mean and mean resolution time of a theme (empty for a theme without scores)."""
    if s is None:
        return ["", ""]
    resolution = s.effort.get(RESOLUTION_MINUTES)
    return [percent(s.csat_mean), duration(resolution.theme_mean if resolution else None)]


def rows_summary(info: RunManifest, themes: list[Theme]) -> str:
    """The account of the run's rows and themes under the table, e.g. "2,930 rows read, 2,930
    used, 0 skipped (none); 20 themes in 5 parent themes, 0.4% Unthemed."."""
    rows = info.rows
    themed, parents, unthemed = _counts(themes)
    return (
        f"{count(rows.read, 'row')} read, {number(rows.used)} used, {number(rows.skipped)} "
        f"skipped ({_by_reason(rows.skipped_by_reason)}); {count(themed, 'theme')} in "
        f"{count(parents, 'parent theme')}, {percent(unthemed)} Unthemed."
    )


def _by_reason(skipped: dict[str, int]) -> str:
    """Skipped rows by reason: "3 empty text, 1 duplicate id"; "none" when none was skipped."""
    return ", ".join(f"{number(n)} {reason}" for reason, n in skipped.items()) or "none"


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
