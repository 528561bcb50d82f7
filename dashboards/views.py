"""Tables the pages show, shaped from voc's typed results: pure functions, no Streamlit.

Pages call these and only lay the result out, so what a page shows can be tested without a
browser. Nothing here computes a score: every number comes from :mod:`voc` as it is, and every
number a person reads is written here by :mod:`voc.format`, as the CLI and the report write it
("44.8%", "+2.1 pts", "new", "5.6 days", "n/a"). Columns stay numbers only where a Streamlit
format string writes the same text (whole counts as ``"%,d"``, friction as ``"%d"``, see
:data:`COUNT_FORMAT`), so they still sort as numbers; the others are text, in rank order.

Example:
    >>> table = theme_table(curated, filter_tickets(curated.tickets, TicketFilter(plans=("Pro",))))
    >>> table[["theme", "tickets", "friction"]].head()
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from voc import schema
from voc.curation.explore import (
    MergeSuggestion,
    SplitSuggestion,
    history_summaries,
    theme_ref,
)
from voc.curation.proposals import (
    IMPACT_STEPS,
    RICE_INCOMPLETE,
    Proposal,
    jira_issue_type,
    without_effort,
)
from voc.curation.replay import DISMISSED, CuratedRun
from voc.format import (
    MISSING,
    count,
    effort_value,
    field_name,
    growth_text,
    kind_text,
    number,
    percent,
    plural,
    points,
    ratio,
    score,
)
from voc.inspect import InspectReport
from voc.manifest import RunManifest
from voc.report.model import SinceLastRun
from voc.report.summary import rule_of, trend_words
from voc.schema import ThemeScore

# Columns of a ticket list, in this order, where the export had them.
TICKET_COLUMNS: tuple[str, ...] = (
    schema.TICKET_ID, schema.CREATED_AT, schema.THEME_NAME, schema.SUBJECT, schema.TEXT,
    schema.CHANNEL, schema.PLAN, schema.ORGANIZATION, schema.CSAT, schema.STATUS,
    schema.PRIORITY, schema.KIND, schema.SENTIMENT,
)  # fmt: skip
BREAKDOWNS: tuple[str, ...] = (schema.CHANNEL, schema.PLAN, schema.ORGANIZATION)
# The pipeline's stages in order, for one progress bar over a whole run.
STAGES: tuple[str, ...] = ("ingest", "embed", "cluster", "themes", "score", "write")
IMPACT_NAMES = {3.0: "massive", 2.0: "high", 1.0: "medium", 0.5: "low", 0.25: "minimal"}
IMPACTS: tuple[float, ...] = tuple(impact for _, impact in IMPACT_STEPS)
# Streamlit format strings that write a whole number as voc.format.number does ("2,930", "77").
COUNT_FORMAT = "%,d"
SCORE_FORMAT = "%d"
# Uploads saved before they kept their own name were called "<12 hex digits>-<name>".
_HASHED_UPLOAD = re.compile(r"^[0-9a-f]{12}-(?=.)")


@dataclass(frozen=True)
class ColumnChoice:
    """The columns an analyst picked for an upload whose columns were not recognised; empty
    fields leave detection by header as it is."""

    text_cols: tuple[str, ...] = ()
    id_col: str | None = None
    date_col: str | None = None

    def overrides(self) -> dict[str, Any]:
        """The settings (``ingest.*``) these picks set, as ``RunConfig.with_overrides`` takes."""
        picked = {
            "ingest.text_cols": self.text_cols or None,
            "ingest.id_col": self.id_col or None,
            "ingest.date_col": self.date_col or None,
        }
        return {key: value for key, value in picked.items() if value is not None}


@dataclass(frozen=True)
class TicketFilter:
    """Which tickets a page looks at; empty fields filter nothing."""

    start: date | None = None
    end: date | None = None  # inclusive
    channels: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    query: str = ""  # words that must all appear in the subject or text (any case)
    theme_ids: tuple[int, ...] = ()

    @property
    def active(self) -> bool:
        return any((self.start, self.end, self.channels, self.plans, self.query, self.theme_ids))


@dataclass(frozen=True)
class Headline:
    """The numbers at the top of the overview."""

    tickets: int
    themes: int
    unthemed_share: float
    top_friction: float | None
    top_name: str

    def metrics(self) -> list[tuple[str, str]]:
        """(label, value) of each headline number, as written everywhere."""
        return [
            ("Tickets", number(self.tickets)),
            ("Themes", number(self.themes)),
            ("Unthemed", percent(self.unthemed_share)),
            ("Top friction", friction_text(self.top_friction)),
        ]


def friction_text(friction: float | None) -> str:
    """A friction score out of 100: 76.6 -> "77/100"; None -> "n/a"."""
    return MISSING if friction is None else f"{score(friction)}/100"


def friction_value(friction: float) -> int:
    """Friction rounded as :func:`voc.format.score` rounds it, for a column shown with
    :data:`SCORE_FORMAT` (a number, so the column still sorts and draws its bar)."""
    return int(round(friction))


def matching(shown: int, total: int, noun: str = "ticket") -> str:
    """How many of how many: "12 of 2,930 tickets"; "1 of 1 ticket"."""
    return f"{number(shown)} of {count(total, noun)}"


def has_values(tickets: pd.DataFrame, column: str) -> bool:
    """Whether the export filled this column for at least one ticket."""
    if column not in tickets:
        return False
    values = tickets[column].dropna()
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return bool(len(values))
    return bool(_distinct(values))


def options(tickets: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of a column, sorted; none when the column is missing."""
    return sorted(_distinct(tickets[column].dropna())) if column in tickets else []


def _distinct(values: pd.Series) -> set[str]:
    # Distinct values first: stripping 100,000 strings costs more than a few hundred.
    return {str(v).strip() for v in pd.unique(values)} - {""}


def date_bounds(tickets: pd.DataFrame) -> tuple[date, date] | None:
    """The first and last day with tickets (UTC); None for an export without dates."""
    if schema.CREATED_AT not in tickets or tickets[schema.CREATED_AT].isna().all():
        return None
    dates = tickets[schema.CREATED_AT].dropna()
    return dates.min().date(), dates.max().date()


def filter_tickets(tickets: pd.DataFrame, f: TicketFilter) -> pd.DataFrame:
    """The tickets that pass every part of the filter."""
    if not f.active:
        return tickets
    keep = pd.Series(True, index=tickets.index)
    if (f.start or f.end) and schema.CREATED_AT in tickets:
        created = tickets[schema.CREATED_AT]
        if f.start:
            keep &= created >= pd.Timestamp(f.start, tz="UTC")
        if f.end:
            keep &= created < pd.Timestamp(f.end + timedelta(days=1), tz="UTC")
    for column, chosen in ((schema.CHANNEL, f.channels), (schema.PLAN, f.plans)):
        if chosen and column in tickets:
            keep &= tickets[column].astype(str).str.strip().isin(chosen)
    if f.theme_ids:
        keep &= tickets[schema.THEME_ID].isin(f.theme_ids)
    if f.query.strip():
        haystack = _searchable(tickets[keep])
        for word in f.query.lower().split():
            found = haystack.str.contains(word, regex=False)
            keep &= found.reindex(keep.index, fill_value=False)
    return tickets[keep]


def _searchable(tickets: pd.DataFrame) -> pd.Series:
    text = tickets[schema.TEXT].fillna("").astype(str)
    if schema.SUBJECT in tickets:
        text = tickets[schema.SUBJECT].fillna("").astype(str) + " " + text
    return text.str.lower()


def scores_by_theme(curated: CuratedRun) -> dict[int, ThemeScore]:
    return {s.theme_id: s for s in curated.scores.themes}


def headline(curated: CuratedRun) -> Headline:
    """Tickets, themes, the Unthemed share, and the theme with the most friction."""
    total = len(curated.tickets)
    unthemed = int((curated.tickets[schema.THEME_ID] == schema.UNTHEMED_ID).sum())
    ranked = [
        s
        for s in curated.scores.themes
        if s.theme_id != schema.UNTHEMED_ID and curated.labels[s.theme_id].status != DISMISSED
    ]
    top = ranked[0] if ranked else None
    return Headline(
        tickets=total,
        themes=sum(1 for t in curated.themes if t.theme_id != schema.UNTHEMED_ID),
        unthemed_share=unthemed / max(total, 1),
        top_friction=top.friction if top else None,
        top_name=curated.labels[top.theme_id].name if top else "",
    )


def parent_names(curated: CuratedRun) -> dict[int, str]:
    """Parent theme id -> name."""
    return {p.parent_id: p.name for p in curated.parents}


def theme_table(
    curated: CuratedRun,
    tickets: pd.DataFrame | None = None,
    kinds: Iterable[str] = (),
    parents: Iterable[int] = (),
    include_dismissed: bool = False,
) -> pd.DataFrame:
    """Themes ranked by friction, one row each; ``tickets`` counts only the filtered tickets.

    Friction, growth and CSAT impact (in points, as reports write it) are the run's (they need
    every ticket); ``tickets`` and ``share`` follow the filter, and themes with no ticket in it
    are left out. ``rank``, ``id``, ``tickets`` and ``friction`` are numbers (shown with
    :data:`COUNT_FORMAT` / :data:`SCORE_FORMAT`); share, growth, CSAT impact and negative share
    are written by :mod:`voc.format` (rows come in rank order; sorting by tickets sorts shares).
    """
    counts = (curated.tickets if tickets is None else tickets)[schema.THEME_ID].value_counts()
    kinds, parents = set(kinds), set(parents)
    parent_of = {t.theme_id: t.parent_id for t in curated.themes}
    described = {t.theme_id: t.description for t in curated.themes}
    names = parent_names(curated)
    rows = []
    for s in curated.scores.themes:
        label = curated.labels.get(s.theme_id)
        size = int(counts.get(s.theme_id, 0))
        if label is None or not size:
            continue
        if (kinds and s.kind not in kinds) or (
            parents and parent_of.get(s.theme_id) not in parents
        ):
            continue
        if label.status == DISMISSED and not include_dismissed:
            continue
        rows.append(
            {
                "rank": s.rank,
                "id": s.theme_id,
                "theme": label.name,
                "kind": kind_text(s.kind),
                "status": label.status,
                "tickets": size,
                "share": percent(size / max(int(counts.sum()), 1)),
                "friction": friction_value(s.friction),
                "growth": growth_text(s.growth, s.previous, s.recent),
                "emerging": s.emerging,
                "csat_impact": points(s.csat_impact),
                "negative": percent(s.negative_share),
                "parent": names.get(parent_of.get(s.theme_id), ""),
                "issue": label.issue_key or "",
                "description": described.get(s.theme_id, ""),
            }
        )
    return pd.DataFrame(rows, columns=THEME_TABLE_COLUMNS)


THEME_TABLE_COLUMNS: tuple[str, ...] = (
    "rank", "theme", "friction", "kind", "tickets", "share", "growth", "emerging", "csat_impact",
    "negative", "status", "parent", "issue", "description", "id",
)  # fmt: skip


def theme_choices(curated: CuratedRun, editable: bool = False) -> list[int]:
    """Theme ids in friction order (Unthemed last, or left out when ``editable``)."""
    ids = [s.theme_id for s in curated.scores.themes if s.theme_id in curated.labels]
    ids += [t.theme_id for t in curated.themes if t.theme_id not in ids]
    return [t for t in ids if not (editable and t == schema.UNTHEMED_ID)]


def theme_option(curated: CuratedRun, theme_id: int) -> str:
    """How a theme reads in a picker: its name and size (plain text)."""
    theme = next((t for t in curated.themes if t.theme_id == theme_id), None)
    if theme is None:
        return f"theme {theme_id} (gone)"
    return f"{curated.labels[theme_id].name} · {count(theme.size, 'ticket')} · #{theme_id}"


def ticket_list(tickets: pd.DataFrame) -> pd.DataFrame:
    """The columns of a ticket list that this export has, in a fixed order; CSAT and sentiment
    written as :func:`ticket_value` writes them."""
    columns = [c for c in TICKET_COLUMNS if c in tickets and has_values(tickets, c)]
    frame = tickets.loc[:, columns].reset_index(drop=True)
    for column in frame.columns:
        if column in _WRITTEN:
            frame[column] = frame[column].map(_WRITTEN[column])
        elif pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
            frame[column] = frame[column].fillna("")  # an empty cell, not "None"
    return frame


def _fraction(value: float | None) -> str:
    return number(None if value is None or pd.isna(value) else float(value), 2)


def _share(value: float | None) -> str:
    return percent(None if value is None or pd.isna(value) else float(value))


# How a ticket's numbers read: CSAT (normalised 0..1) as a percentage, as the report writes it;
# sentiment (-1..1) with two decimals.
_WRITTEN = {schema.CSAT: _share, schema.SENTIMENT: _fraction}


def ticket_value(column: str, value: Any) -> str:
    """One field of one ticket as people read it."""
    if column in _WRITTEN:
        return _WRITTEN[column](value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return str(value)


def breakdown(tickets: pd.DataFrame, column: str, top: int = 20) -> pd.DataFrame:
    """Tickets (and mean CSAT, where known) per value of a column, biggest first; share and CSAT
    written as percentages ("n/a" where no ticket has a CSAT)."""
    if not has_values(tickets, column):
        return pd.DataFrame(columns=[column, "tickets", "share", "csat_mean"])
    values = tickets[column].fillna("").astype(str).str.strip().replace("", "(none)")
    frame = pd.DataFrame({column: values})
    frame["csat"] = tickets[schema.CSAT] if schema.CSAT in tickets else float("nan")
    grouped = frame.groupby(column, sort=False).agg(
        tickets=(column, "size"), csat_mean=("csat", "mean")
    )
    grouped["share"] = grouped["tickets"] / max(len(tickets), 1)
    grouped = grouped.sort_values("tickets", ascending=False).head(top).reset_index()
    grouped["share"] = grouped["share"].map(_share)
    grouped["csat_mean"] = grouped["csat_mean"].map(_share)
    return grouped[[column, "tickets", "share", "csat_mean"]]


def components_table(score: ThemeScore, weights: dict[str, float]) -> pd.DataFrame:
    """The friction score's components (0..1, "n/a" where the export had no data for one) and
    their weights, with two decimals."""
    rows = [
        {
            "component": name.replace("_", " "),
            "value": _fraction(score.components.get(name)),
            "weight": _fraction(weight),
        }
        for name, weight in weights.items()
    ]
    return pd.DataFrame(rows, columns=["component", "value", "weight"])


def effort_table(score: ThemeScore) -> pd.DataFrame:
    """Each effort signal of the theme next to the run's average, in its unit ("5.6 days")."""
    rows = [
        {
            "signal": field_name(name),
            "theme mean": effort_value(name, signal.theme_mean),
            "run mean": effort_value(name, signal.overall_mean),
            "ratio": ratio(signal.ratio),
            "tickets with a value": signal.tickets,
        }
        for name, signal in score.effort.items()
    ]
    return pd.DataFrame(
        rows, columns=["signal", "theme mean", "run mean", "ratio", "tickets with a value"]
    )


def history_table(curated: CuratedRun) -> pd.DataFrame:
    """Who changed what and when, newest first; themes named ``"name" (#id)``."""
    rows = [
        {
            "edit": e.edit.edit_id,
            "at (UTC)": e.edit.at[:19].replace("T", " "),
            "analyst": e.edit.author,
            "what": what,
            "in effect": "undone" if e.undone else ("yes" if e.effective else "no longer applies"),
        }
        for e, what in reversed(list(zip(curated.history, history_summaries(curated), strict=True)))
    ]
    return pd.DataFrame(rows, columns=["edit", "at (UTC)", "analyst", "what", "in effect"])


def not_replayed_table(curated: CuratedRun) -> pd.DataFrame:
    """The previous run's decisions this run could not take, and why (empty when none)."""
    rows = [
        {
            "theme": "tickets" if n["theme_id"] is None else theme_ref(n["theme_id"], n["name"]),
            "decisions": ", ".join(n["decisions"]),
            "why": n["reason"],
        }
        for n in curated.not_replayable
    ]
    return pd.DataFrame(rows, columns=["theme", "decisions", "why"])


def notes_table(curated: CuratedRun, theme_id: int) -> pd.DataFrame:
    label = curated.labels[theme_id]
    rows = [
        {"at (UTC)": n.at[:19].replace("T", " "), "analyst": n.author, "note": n.text}
        for n in label.notes
    ]
    return pd.DataFrame(rows, columns=["at (UTC)", "analyst", "note"])


def proposal_table(proposals: Sequence[Proposal]) -> pd.DataFrame:
    """Saved proposals, highest RICE first, as the list shows them."""
    rows = [
        {
            "title": p.title,
            "themes": ", ".join(map(str, p.theme_ids)),
            "reach": p.reach,
            "impact": number(p.impact, 2),
            "confidence": percent(p.confidence),
            "effort": MISSING if p.effort is None else f"{number(p.effort, 1)} person-weeks",
            "RICE": MISSING if p.rice is None else number(p.rice, 1),
            "Jira type": jira_issue_type(p),
            "issue": p.issue_key,
            "analyst": p.author,
            "saved (UTC)": p.updated_at[:19].replace("T", " "),
        }
        for p in proposals
    ]
    columns = ["title", "themes", "reach", "impact", "confidence", "effort", "RICE", "Jira type",
               "issue", "analyst", "saved (UTC)"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def rice_warning(proposals: Sequence[Proposal]) -> str | None:
    """The warning the Proposals page shows while some RICE is incomplete; None when none is."""
    missing = without_effort(list(proposals))
    if not missing:
        return None
    titles = ", ".join(f"“{p.title}”" for p in missing)
    return (
        f"{RICE_INCOMPLETE} of {count(len(missing), 'proposal')}: {titles}. Their RICE is n/a "
        "and exports label them rice-incomplete; their Jira priority follows friction."
    )


def impact_option(impact: float) -> str:
    return f"{number(impact, 2)} ({IMPACT_NAMES.get(impact, 'custom')})"


def manifest_rows(manifest: RunManifest) -> dict[str, int]:
    """Rows read, used and skipped, from a run's manifest."""
    rows = manifest.rows
    return {"read": rows.read, "used": rows.used, "skipped": rows.skipped}


def counts_table(counts: dict[str, Any], key: str, value: str, write: Any = None) -> pd.DataFrame:
    """A ``{name: number}`` mapping (skipped rows by reason, seconds per stage) as a table;
    ``write`` (e.g. :func:`seconds_text`) turns each number into the text shown."""
    values = [write(v) for v in counts.values()] if write else list(counts.values())
    return pd.DataFrame({key: list(counts), value: values}, columns=[key, value])


def seconds_text(seconds: float | None) -> str:
    """Seconds a stage took, to one decimal: 12.345 -> "12.3"."""
    return number(seconds, 1)


def manifest_metrics(manifest: RunManifest) -> list[tuple[str, str]]:
    """(label, value) of a run's headline numbers on the Runs page."""
    rows = manifest.rows
    return [
        ("Rows read", number(rows.read)),
        ("Used", number(rows.used)),
        ("Skipped", number(rows.skipped)),
        ("Themes", number(manifest.themes.count)),
        ("Unthemed", percent(manifest.themes.unthemed_share)),
    ]


def inspection_metrics(report: InspectReport) -> list[tuple[str, str]]:
    """(label, value) of what ``voc inspect`` found in an upload."""
    return [
        ("Rows read", number(report.rows_read)),
        ("Usable", number(report.rows_used)),
        ("Skipped", number(report.rows_read - report.rows_used)),
        ("Helpdesk", report.helpdesk or "generic"),
    ]


def theme_metrics(score: ThemeScore) -> list[tuple[str, str]]:
    """(label, value) of one theme's headline numbers, as the report writes them; growth is
    "new" when the window before had no baseline."""
    return [
        ("Tickets", number(score.size)),
        ("Share", percent(score.share)),
        ("Friction", friction_text(score.friction)),
        ("Growth", growth_text(score.growth, score.previous, score.recent)),
        ("CSAT mean", percent(score.csat_mean)),
        ("CSAT impact", points(score.csat_impact)),
    ]


def trend_sentence(curated: CuratedRun, score: ThemeScore) -> str:
    """The theme's trend in plain words, as the report writes it (why "Growth +122%" and "not
    emerging" are both true, when they are)."""
    return trend_words(score, rule_of(curated.scores))


def kind_fact(score: ThemeScore) -> str:
    """How the theme's kind was decided: "Kind: defect (82% of tickets)"."""
    by = (
        "set by an analyst"
        if score.kind_by_analyst
        else f"{percent(score.kind_confidence)} of tickets"
    )
    return f"Kind: {kind_text(score.kind)} ({by})"


def evidence_caption(score: ThemeScore) -> str:
    return f"Friction components (evidence: {percent(score.evidence)} of the weight)"


def column_map_table(column_map: dict[str, list[str]]) -> pd.DataFrame:
    """Which export columns feed each of voc's fields."""
    return counts_table(
        {field: ", ".join(columns) for field, columns in column_map.items()},
        "voc field",
        "export columns",
    )


def runs_table(manifests: Sequence[RunManifest]) -> pd.DataFrame:
    """One row per run, newest first."""
    rows = [
        {
            "run": m.run_id,
            "created (UTC)": m.created_at[:19].replace("T", " "),
            "export": export_name(m.input.path),
            "tickets": m.rows.used,
            "themes": m.themes.count,
            "unthemed": percent(m.themes.unthemed_share),
        }
        for m in sorted(manifests, key=lambda m: m.run_id, reverse=True)
    ]
    columns = ["run", "created (UTC)", "export", "tickets", "themes", "unthemed"]
    return pd.DataFrame(rows, columns=columns)


def progress_fraction(stage: str, done: int, total: int) -> float:
    """How far a whole run is (0..1) when ``stage`` reports ``done`` of ``total``."""
    if stage not in STAGES:
        return 0.0
    part = done / total if total else 0.0
    return min((STAGES.index(stage) + min(max(part, 0.0), 1.0)) / len(STAGES), 1.0)


def export_name(path: str) -> str:
    """The name an export was uploaded or given under (without the folder, or the content-hash
    prefix that uploads saved by older versions carry)."""
    return _HASHED_UPLOAD.sub("", path.replace("\\", "/").rsplit("/", 1)[-1])


def ticket_ids(tickets: pd.DataFrame) -> list[str]:
    """The ids of a ticket list, in the order it is shown."""
    return tickets[schema.TICKET_ID].astype(str).tolist()


def ticket_fields(tickets: pd.DataFrame, ticket_id: str) -> list[tuple[str, str]]:
    """Every filled field of one ticket, whole (text as stored: cleaned, personal data masked),
    in the order of a ticket list; empty when no ticket has this id."""
    found = tickets[tickets[schema.TICKET_ID].astype(str) == str(ticket_id)]
    if not len(found):
        return []
    row = found.iloc[0]
    fields = []
    for column in TICKET_COLUMNS:
        if column not in found or pd.isna(row[column]) or str(row[column]).strip() == "":
            continue
        fields.append((column.replace("_", " "), ticket_value(column, row[column])))
    return fields


def change_table(since: SinceLastRun) -> pd.DataFrame:
    """The "since the last run" rows (``voc.report.model.since_last_run``), as the Overview
    lists them: tickets and shares written as the report writes them ("n/a" before a new theme
    and after a gone one)."""
    rows = [
        {
            "change": r.change,
            "theme": theme_ref(r.theme_id, r.name),
            "from themes": ", ".join(f"#{t}" for t in r.from_themes),
            "tickets before": number(r.tickets_before),
            "tickets after": number(r.tickets_after),
            "share before": percent(r.share_before),
            "share after": percent(r.share_after),
        }
        for r in since.rows
    ]
    columns = ["change", "theme", "from themes", "tickets before", "tickets after",
               "share before", "share after"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def split_suggestion_table(found: Sequence[SplitSuggestion]) -> pd.DataFrame:
    rows = [
        {"theme": theme_ref(s.theme_id, s.name), "tickets": s.size,
         "sub-group similarity": similarity_text(s.split_similarity)}
        for s in found
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["theme", "tickets", "sub-group similarity"])


def merge_suggestion_table(found: Sequence[MergeSuggestion]) -> pd.DataFrame:
    rows = [
        {
            "themes": " + ".join(map(theme_ref, m.theme_ids, m.names)),
            "tickets": " + ".join(map(number, m.sizes)),
            "similarity": similarity_text(m.similarity),
        }
        for m in found
    ]
    return pd.DataFrame(rows, columns=["themes", "tickets", "similarity"])


def similarity_text(similarity: float | None) -> str:
    """A cosine similarity or silhouette with two decimals: 0.834 -> "0.83"."""
    return number(similarity, 2)


def merge_label(m: MergeSuggestion) -> str:
    """The button that opens a merge suggestion."""
    first, second = m.theme_ids
    return f"Review merging #{first} and #{second} (similarity {similarity_text(m.similarity)})"


def split_label(s: SplitSuggestion) -> str:
    """The button that opens a split suggestion."""
    return f"Review a split of #{s.theme_id} ({count(s.size, 'ticket')})"


def moved_message(tickets: int, to: int) -> str:
    """What the Move action says: "Moved 1 ticket to theme 4."."""
    return f"Moved {count(tickets, 'ticket')} to theme {to}."


def move_label(tickets: int) -> str:
    return f"Move {count(tickets, 'selected ticket')}"


def edits_applied(curated: CuratedRun) -> str:
    """What the Reports page says the report holds: "Run X: 1 analyst's edit in effect is
    applied (...); 2 dismissed themes are listed apart."."""
    edits = sum(1 for e in curated.history if e.effective)
    dismissed = sum(1 for label in curated.labels.values() if label.status == DISMISSED)
    applied = count(edits, "analyst's edit", "analysts' edits")
    return (
        f"Run {curated.run_id}: {applied} in effect "
        f"{plural(edits, 'is', 'are')} applied (names, kinds, merges, splits, moved tickets); "
        f"{count(dismissed, 'dismissed theme')} {plural(dismissed, 'is', 'are')} listed apart."
    )
