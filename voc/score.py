"""Per-theme measures and the friction score: pure functions of a run's ticket table.

Everything here reads the ticket table (one row per ticket, with ``theme_id`` and whatever metadata
the export had) and returns typed values; nothing is read from or written to disk. The measures,
the emerging rule and the friction formula are documented in ``docs/report.md``.

Example:
    >>> scores = score_themes(stored.tickets(), stored.themes, RunConfig().score, severity)
    >>> [(t.name, t.kind, t.friction) for t in scores.themes[:3]]
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import poisson

from voc import schema
from voc.classify import OTHER_KIND
from voc.config import ScoreConfig
from voc.schema import EffortSignal, RunScores, Theme, ThemeScore, TrendRule, TrendTest

VOLUME, KIND, SENTIMENT, CSAT, EFFORT, TREND, REACH = (
    "volume", "kind", "sentiment", "csat", "effort", "trend", "reach",
)  # fmt: skip
COMPONENTS: tuple[str, ...] = (VOLUME, KIND, SENTIMENT, CSAT, EFFORT, TREND, REACH)
# Added to both counts in the emerging test, so a theme with no baseline tickets gets a small,
# finite expected count instead of zero (a Jeffreys-style prior).
BASELINE_PRIOR = 0.5
# Emerging needs at least this much history before the recent window.
MIN_BASELINE_DAYS = 7
TOP_ORGANIZATIONS = 10


def weights(config: ScoreConfig) -> dict[str, float]:
    """The friction score weight of each component, from the config."""
    return {name: float(getattr(config, f"weight_{name}")) for name in COMPONENTS}


@dataclass(frozen=True)
class Windows:
    """The recent window, the one before it, and the baseline, all ending at the newest ticket."""

    end: pd.Timestamp
    recent_start: pd.Timestamp
    previous_start: pd.Timestamp
    baseline_start: pd.Timestamp
    has_baseline: bool  # the run's history reaches far enough back for the emerging test

    @classmethod
    def of(cls, dates: pd.Series, config: ScoreConfig) -> Windows:
        end = dates.max()
        recent_start = end - pd.Timedelta(days=config.recent_days)
        return cls(
            end=end,
            recent_start=recent_start,
            previous_start=recent_start - pd.Timedelta(days=config.recent_days),
            baseline_start=recent_start - pd.Timedelta(days=config.baseline_days),
            has_baseline=dates.min() <= recent_start - pd.Timedelta(days=MIN_BASELINE_DAYS),
        )

    def counts(self, dates: pd.Series) -> tuple[int, int, int]:
        """Tickets in the recent window, in the window before it, and in the baseline."""
        recent = int((dates > self.recent_start).sum())
        previous = int(((dates > self.previous_start) & (dates <= self.recent_start)).sum())
        baseline = int(((dates > self.baseline_start) & (dates <= self.recent_start)).sum())
        return recent, previous, baseline


def weekly_counts(dates: pd.Series, weeks: pd.DatetimeIndex) -> list[tuple[str, int]]:
    """Tickets per week (weeks start on Monday, UTC); every week in ``weeks``, zeros included."""
    starts = week_starts(dates)
    counts = starts.value_counts()
    return [(w.date().isoformat(), int(counts.get(w, 0))) for w in weeks]


def week_starts(dates: pd.Series) -> pd.Series:
    """The Monday 00:00 UTC that starts each date's week."""
    days = dates.dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def growth(recent: int, previous: int, min_count: int) -> float | None:
    """Relative change from the previous window to the recent one; None on too few tickets."""
    if recent + previous < min_count:
        return None
    return recent / previous - 1.0 if previous else math.inf


def emerging_test(
    recent: int, baseline: int, all_recent: int, all_baseline: int, config: ScoreConfig
) -> tuple[bool, str, TrendTest]:
    """Is a theme's recent count far above what its baseline share of all tickets predicts?

    The expected recent count is ``all_recent * (baseline + 0.5) / (all_baseline + 0.5)``, so a
    general rise in ticket volume does not make every theme emerging. The theme is emerging when
    its recent count reaches ``min_recent``, is at least ``emerging_ratio`` times the expected
    count, and a count that high has probability below ``emerging_alpha`` under a Poisson
    distribution with the expected mean. Returns the decision, a sentence saying why (with the
    statistics), and the numbers behind it.
    """
    expected = all_recent * (baseline + BASELINE_PRIOR) / (all_baseline + BASELINE_PRIOR)
    p_value = float(poisson.sf(recent - 1, expected)) if recent else 1.0
    test = TrendTest(recent, baseline, round(expected, 4), float(f"{p_value:.4g}"))
    window = f"{recent} tickets in the last {config.recent_days} days"
    if recent < config.min_recent:
        return False, f"{window}, fewer than the {config.min_recent} needed to judge", test
    ratio = recent / expected
    flagged = ratio >= config.emerging_ratio and p_value < config.emerging_alpha
    if baseline == 0:
        why = f"{window} and none in the {config.baseline_days} days before"
    else:
        why = f"{window}, {ratio:.1f}x the {expected:.1f} its earlier share predicts"
    verdict = ("new" if baseline == 0 else "emerging") if flagged else "not emerging"
    return flagged, f"{verdict}: {why} (p={p_value:.2g})", test


def theme_kind(kinds: pd.Series, min_share: float) -> tuple[str, float]:
    """The kind most tickets lean to and the share that does; ``other`` under ``min_share``."""
    if kinds.empty:
        return OTHER_KIND, 0.0
    shares = kinds.value_counts(normalize=True)
    kind, share = str(shares.index[0]), float(shares.iloc[0])
    return (kind if share >= min_share else OTHER_KIND), round(share, 4)


def csat_impact(csat: pd.Series, in_theme: np.ndarray) -> float | None:
    """Overall mean CSAT minus the mean without the theme's tickets (negative: the theme hurts).

    None when the theme, or the rest, has no CSAT value.
    """
    rated = csat.notna().to_numpy()
    inside, outside = rated & in_theme, rated & ~in_theme
    if not inside.any() or not outside.any():
        return None
    return float(csat[rated].mean() - csat[outside].mean())


def friction_score(
    components: Mapping[str, float], weight: Mapping[str, float]
) -> tuple[float, float]:
    """The weighted mean of the components present, on 0..100, and the evidence.

    A component the export has no data for is left out and the other weights are scaled up, so a
    missing column lowers the evidence (the share of the total weight present), not the score.
    """
    total = sum(weight.values())
    present = sum(weight[name] for name in components)
    if not present:
        return 0.0, 0.0
    value = sum(weight[name] * components[name] for name in components) / present
    return round(100 * value, 2), round(present / total, 4)


def score_themes(
    tickets: pd.DataFrame,
    themes: Sequence[Theme],
    config: ScoreConfig,
    severity: Mapping[str, float],
    kinds: Mapping[int, str] | None = None,
) -> RunScores:
    """Measure every theme, score its friction, and rank them (Unthemed always last).

    ``kinds`` fixes the kind of some themes (an analyst's decision), with confidence 1.
    """
    table = _Columns.of(tickets, config)
    labels = tickets[schema.THEME_ID].to_numpy()
    measured = [_measure(theme, labels == theme.theme_id, table, config) for theme in themes]
    measured = [
        dataclasses.replace(m, kind=kinds[m.theme_id], kind_confidence=1.0, kind_by_analyst=True)
        if kinds and m.theme_id in kinds
        else m
        for m in measured
    ]
    biggest = max((m.size for m in measured if m.theme_id != schema.UNTHEMED_ID), default=1)
    widest = max((r for m in measured if (r := _reach(m)) is not None), default=0) or 1
    weight = weights(config)
    scored = []
    for m in measured:
        components = _components(m, biggest, widest, severity, table.dates is not None)
        friction, evidence = friction_score(components, weight)
        scored.append(
            dataclasses.replace(m, components=components, friction=friction, evidence=evidence)
        )
    scored.sort(key=lambda m: (m.theme_id == schema.UNTHEMED_ID, -m.friction, m.theme_id))
    ranked = [dataclasses.replace(m, rank=rank) for rank, m in enumerate(scored, start=1)]
    available = {name for s in ranked for name in s.components}
    return RunScores(
        themes=ranked,
        tickets=len(tickets),
        csat_mean=None if table.csat is None else _mean(table.csat),
        first_ticket=None if table.dates is None else table.dates.min().isoformat(),
        last_ticket=None if table.dates is None else table.dates.max().isoformat(),
        recent_start=None if table.windows is None else table.windows.recent_start.isoformat(),
        weights=weight,
        missing=[name for name in COMPONENTS if name not in available],
        rule=trend_rule(config),
    )


def trend_rule(config: ScoreConfig) -> TrendRule:
    """The emerging rule of ``config``, as stored with the scores."""
    return TrendRule(
        recent_days=config.recent_days,
        baseline_days=config.baseline_days,
        min_recent=config.min_recent,
        emerging_ratio=config.emerging_ratio,
        emerging_alpha=config.emerging_alpha,
    )


@dataclass(frozen=True)
class _Columns:
    """The ticket table's columns that scoring reads, None where the export lacks them."""

    dates: pd.Series | None
    windows: Windows | None
    weeks: pd.DatetimeIndex
    kinds: pd.Series | None
    sentiment: pd.Series | None
    csat: pd.Series | None
    effort: dict[str, pd.Series]
    organizations: pd.Series | None
    requesters: pd.Series | None

    @classmethod
    def of(cls, tickets: pd.DataFrame, config: ScoreConfig) -> _Columns:
        dates = _present(tickets, schema.CREATED_AT)
        dates = None if dates is None else pd.to_datetime(dates, utc=True)
        windows = None
        weeks = pd.DatetimeIndex([])
        if dates is not None and dates.notna().any():
            windows = Windows.of(dates.dropna(), config)
            starts = week_starts(dates.dropna())
            weeks = pd.date_range(starts.min(), starts.max(), freq="7D")
        else:
            dates = None
        return cls(
            dates=dates,
            windows=windows,
            weeks=weeks,
            kinds=_present(tickets, schema.KIND),
            sentiment=_numeric(tickets, schema.SENTIMENT),
            csat=_numeric(tickets, schema.CSAT),
            effort={
                name: values
                for name in schema.EFFORT_FIELDS
                if (values := _numeric(tickets, name)) is not None
            },
            organizations=_labels(tickets, schema.ORGANIZATION),
            requesters=_labels(tickets, schema.REQUESTER),
        )


def _present(tickets: pd.DataFrame, column: str) -> pd.Series | None:
    if column not in tickets or tickets[column].isna().all():
        return None
    return tickets[column]


def _numeric(tickets: pd.DataFrame, column: str) -> pd.Series | None:
    values = _present(tickets, column)
    if values is None:
        return None
    values = pd.to_numeric(values, errors="coerce")
    return None if values.isna().all() else values.astype("float64")


def _labels(tickets: pd.DataFrame, column: str) -> pd.Series | None:
    values = _present(tickets, column)
    if values is None:
        return None
    values = values.astype("string").str.strip().replace("", pd.NA)
    return None if values.isna().all() else values


def _mean(values: pd.Series) -> float | None:
    return None if values.notna().sum() == 0 else round(float(values.mean()), 6)


def _measure(theme: Theme, inside: np.ndarray, table: _Columns, config: ScoreConfig) -> ThemeScore:
    """Every measure of one theme; its components, friction and rank are filled in later."""
    unthemed = theme.theme_id == schema.UNTHEMED_ID
    kind, confidence = (
        theme_kind(table.kinds[inside].dropna(), config.kind_min_share)
        if table.kinds is not None and not unthemed
        else (OTHER_KIND, 0.0)
    )
    weekly: list[tuple[str, int]] = []
    recent = previous = None
    change = None
    emerging, note, test = False, "the export has no creation dates", None
    if table.dates is not None and table.windows is not None:
        dates = table.dates[inside].dropna()
        weekly = weekly_counts(dates, table.weeks)
        recent, previous, baseline = table.windows.counts(dates)
        change = growth(recent, previous, config.min_recent)
        if unthemed:
            note = "Unthemed is never emerging"
        elif not table.windows.has_baseline:
            note = f"the export covers less than {config.recent_days + MIN_BASELINE_DAYS} days"
        else:
            all_recent, _, all_baseline = table.windows.counts(table.dates.dropna())
            emerging, note, test = emerging_test(recent, baseline, all_recent, all_baseline, config)
    negative = None
    if table.sentiment is not None:
        values = table.sentiment[inside].dropna()
        if len(values):
            negative = round(float((values < -config.sentiment_margin).mean()), 4)
    csat_values = table.csat[inside].dropna() if table.csat is not None else pd.Series([])
    effort = {}
    for name, values in table.effort.items():
        own = values[inside].dropna()
        if len(own):
            effort[name] = EffortSignal(
                round(float(own.mean()), 4), round(float(values.mean()), 4), len(own)
            )
    top_orgs: list[tuple[str, int]] = []
    if table.organizations is not None:
        counts = table.organizations[inside].dropna().value_counts()
        top_orgs = [(str(o), int(n)) for o, n in counts.head(TOP_ORGANIZATIONS).items()]
    size = int(inside.sum())
    return ThemeScore(
        theme_id=theme.theme_id,
        name=theme.name,
        kind=kind,
        kind_confidence=confidence,
        size=size,
        share=size / max(len(inside), 1),
        weekly=weekly,
        recent=recent,
        previous=previous,
        growth=None if change is None or not math.isfinite(change) else round(change, 4),
        emerging=emerging,
        emerging_note=note,
        trend=test,
        negative_share=negative,
        csat_mean=_mean(csat_values) if len(csat_values) else None,
        csat_count=len(csat_values),
        csat_impact=None if table.csat is None else _round(csat_impact(table.csat, inside)),
        effort=effort,
        organizations=_distinct(table.organizations, inside),
        requesters=_distinct(table.requesters, inside),
        top_organizations=top_orgs,
        components={},
        evidence=0.0,
        friction=0.0,
        rank=0,
    )


def _reach(m: ThemeScore) -> int | None:
    """Organizations affected, or requesters when the export names no organization."""
    return m.organizations if m.organizations is not None else m.requesters


def _distinct(values: pd.Series | None, inside: np.ndarray) -> int | None:
    return None if values is None else int(values[inside].dropna().nunique())


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _components(
    m: ThemeScore, biggest: int, widest: int, severity: Mapping[str, float], dated: bool
) -> dict[str, float]:
    """Each friction ingredient on 0..1, only where the export has the data for it."""
    out = {
        VOLUME: min(1.0, math.log1p(m.size) / math.log1p(max(biggest, 1))),
        KIND: severity.get(m.kind, severity[OTHER_KIND]),
    }
    if m.negative_share is not None:
        out[SENTIMENT] = m.negative_share
    if m.csat_mean is not None:
        out[CSAT] = 1.0 - m.csat_mean
    if m.effort:
        # ratio / (1 + ratio): 0.5 is the run's average effort, 2x average gives 0.67.
        out[EFFORT] = float(np.mean([s.ratio / (1 + s.ratio) for s in m.effort.values()]))
    if dated:
        out[TREND] = 1.0 if m.emerging else min(1.0, max(0.0, m.growth or 0.0))
    if (reach := _reach(m)) is not None:
        out[REACH] = reach / widest
    return {name: round(value, 4) for name, value in out.items()}
