"""What every chart of a run's scores must get right, worked out once for both renderers.

The HTML report draws inline SVG (:mod:`voc.report.svg`) and the dashboard draws plotly
(:mod:`voc.charts`). Both take from here which week is the last one and how much of it the export
covers, which points carry a text label and on which side, and axis ranges with readable ticks, so
the two surfaces never tell different stories. Pure functions and frozen values: no drawing here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from voc.schema import ThemeScore

# One colour per kind, the same in every chart (colour-blind-safe Okabe-Ito palette).
KIND_COLOURS = {
    "defect": "#D55E00",
    "friction": "#E69F00",
    "billing": "#0072B2",
    "question": "#56B4E9",
    "feature_request": "#009E73",
    "praise": "#CC79A7",
    "other": "#999999",
}
# One colour per line of a trend chart: Okabe-Ito without its yellow, too pale on white.
LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
NAME_CHARS = 40  # theme names in legends are cut to this length

DAYS_PER_WEEK = 7
LABELLED_THEMES = 8  # the top themes (by rank) whose names are written by their point; rest: hover
# A count axis goes logarithmic only when its largest value is at least this many times its
# smallest: within one decade a linear axis is easier to read and the points still spread out.
LOG_MIN_RATIO = 10.0
# From this many decades on, a log axis shows only powers of ten (1, 10, 100); below it also the 3s
# between them (10, 30, 100, 300): about 4-6 ticks either way.
POWERS_ONLY_DECADES = 3.0
LOG_MANTISSAS: tuple[int, ...] = (1, 3)  # the readable log ticks: 1, 3, 10, 30, 100, 300 ...
TARGET_TICKS = 5  # a linear axis gets about this many ticks (steps of 1, 2 or 5 times 10^k)
NICE_STEPS: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0)
# Share of the data's span added at each end of an axis, so end points are not drawn on the
# frame; small enough that the axis visibly ends with the data.
AXIS_PAD = 0.04
# Estimated text size, for collision checks without a font engine: an average system-ui character
# is ~0.52 em wide; 0.6 em is an upper estimate that leaves room for capitals and wide letters.
CHAR_WIDTH_EM = 0.6
LINE_HEIGHT_EM = 1.25  # a label box's height in ems: the glyphs plus a little air
LABEL_CHARS = 30  # point labels are cut to this many characters (the full name is in the hover)
# Where a label may go around its point, in the order tried: right reads most naturally, then
# the other sides, then the corners (which free a crowded row).
LABEL_SIDES: tuple[str, ...] = (
    "right", "left", "above", "below", "above right", "below right", "above left", "below left",
)  # fmt: skip


# ---------------------------------------------------------------------------------- the last week


@dataclass(frozen=True)
class LastWeek:
    """The run's last week (Monday UTC) and the last day of it that the export covers."""

    monday: date
    through: date  # the day of the newest ticket, or the Sunday when the export runs past it

    @property
    def days(self) -> int:
        """Days of the week the export covers, 1 to 7."""
        return (self.through - self.monday).days + 1

    @property
    def partial(self) -> bool:
        """Whether the export ends before the week's Sunday: its count is not a full week's."""
        return self.days < DAYS_PER_WEEK

    @property
    def week(self) -> str:
        """The week as in ``ThemeScore.weekly``: its Monday's ISO date."""
        return self.monday.isoformat()

    @property
    def covers(self) -> str:
        """The days covered, in words: "Mon 28 Sep only", "Mon 28 - Wed 30 Sep"."""
        if self.days == 1:
            return f"{_day(self.monday)} only"
        if self.monday.month == self.through.month:
            return f"{self.monday:%a} {self.monday.day} - {_day(self.through)}"
        return f"{_day(self.monday)} - {_day(self.through)}"

    @property
    def note(self) -> str:
        """Short text for a hover or a bar label: "partial: Mon 28 Sep only"."""
        return f"partial: {self.covers}"

    @property
    def legend(self) -> str:
        """The legend entry or caption: "last week partial (through 28 Sep)"."""
        return f"last week partial (through {self.through.day} {self.through:%b})"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def parse_time(text: str) -> datetime:
    """An ISO time as UTC; a time without an offset is read as UTC (as ingest writes them)."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def last_week(weeks: Sequence[str], last_ticket: str | None) -> LastWeek | None:
    """The last of ``weeks`` (Monday ISO dates) and how much of it ``last_ticket`` covers.

    A week is partial when the newest ticket falls on a day before its Sunday: an export that ends
    on Wednesday covers 3 days of its last week; one that ends on Sunday 23:00 covers all 7. Without
    a last ticket time, or when the export runs past the week, the week counts as full.

    Example:
        >>> last_week(["2026-09-21", "2026-09-28"], "2026-09-30T10:00:00+00:00").days
        3
    """
    if not weeks:
        return None
    monday = date.fromisoformat(max(weeks)[:10])
    sunday = monday + timedelta(days=DAYS_PER_WEEK - 1)
    if last_ticket is None:
        return LastWeek(monday, sunday)
    day = parse_time(last_ticket).date()
    return LastWeek(monday, min(max(day, monday), sunday))


def run_last_week(themes: Sequence[ThemeScore], last_ticket: str | None) -> LastWeek | None:
    """The last week of a run's themes (each theme lists every week of the run)."""
    weeks = [week for theme in themes for week, _ in theme.weekly[-1:]]
    return last_week(weeks, last_ticket)


# ------------------------------------------------------------------------------------------ labels


def labelled(themes: Sequence[ThemeScore], top: int = LABELLED_THEMES) -> set[int]:
    """The theme ids whose name is written next to their point: the ``top`` by rank."""
    return {t.theme_id for t in sorted(themes, key=lambda t: t.rank)[:top]}


@dataclass(frozen=True)
class Box:
    """A rectangle in drawing units, y growing downwards (as in SVG and screen pixels)."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        """Whether the two rectangles share any area (touching edges do not count)."""
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )

    def inside(self, outer: Box) -> bool:
        """Whether this rectangle lies entirely within ``outer``."""
        return (
            self.x >= outer.x
            and self.y >= outer.y
            and self.x + self.w <= outer.x + outer.w
            and self.y + self.h <= outer.y + outer.h
        )


def text_width(text: str, font_size: float) -> float:
    """An upper estimate of ``text``'s width at ``font_size`` (see ``CHAR_WIDTH_EM``)."""
    return len(text) * font_size * CHAR_WIDTH_EM


@dataclass(frozen=True)
class Placement:
    """Where one point's label goes: the side of the point and the box the text fills."""

    side: str  # one of LABEL_SIDES
    box: Box


def label_box(x: float, y: float, side: str, width: float, height: float, gap: float) -> Box:
    """The box of a label of ``width`` x ``height`` on ``side`` of the point at (x, y)."""
    vertical, _, horizontal = side.partition(" ")
    if vertical in ("right", "left"):  # beside the point, centred on it
        vertical, horizontal = "", vertical
    if horizontal == "right":
        left = x + gap if not vertical else x
    elif horizontal == "left":
        left = x - gap - width if not vertical else x - width
    else:
        left = x - width / 2
    if vertical == "above":
        top = y - gap - height
    elif vertical == "below":
        top = y + gap
    else:
        top = y - height / 2
    return Box(left, top, width, height)


def place_labels(
    points: Sequence[tuple[float, float]],
    texts: Sequence[str | None],
    frame: Box,
    font_size: float,
    radius: float,
) -> list[Placement | None]:
    """Greedy label placement: each text (in the order given) takes the first side of its point
    where its box stays inside ``frame`` and overlaps no placed label and no point's marker; a
    label that fits nowhere is dropped (None), never drawn over another. ``None`` texts are skipped.

    Points and the frame are in drawing units (y down); ``radius`` is a marker's radius, which is
    also the gap between a point and its label.
    """
    markers = [Box(x - radius, y - radius, 2 * radius, 2 * radius) for x, y in points]
    height = font_size * LINE_HEIGHT_EM
    placed: list[Box] = []
    out: list[Placement | None] = []
    for i, ((x, y), text) in enumerate(zip(points, texts, strict=True)):
        choice = None
        if text:
            width = text_width(text, font_size)
            for side in LABEL_SIDES:
                box = label_box(x, y, side, width, height, radius + 1)
                if (
                    box.inside(frame)
                    and not any(box.overlaps(b) for b in placed)
                    and not any(box.overlaps(m) for j, m in enumerate(markers) if j != i)
                ):
                    choice = Placement(side, box)
                    placed.append(box)
                    break
        out.append(choice)
    return out


# -------------------------------------------------------------------------------------------- axes


@dataclass(frozen=True)
class Axis:
    """An axis range in data units and its ticks; a log axis is drawn in log10 of its values."""

    lo: float
    hi: float
    ticks: tuple[float, ...]
    log: bool = False

    def fraction(self, value: float) -> float:
        """Where ``value`` lies along the axis, 0 at ``lo`` and 1 at ``hi``."""
        if self.log:
            lo, hi, value = math.log10(self.lo), math.log10(self.hi), math.log10(value)
        else:
            lo, hi = self.lo, self.hi
        return (value - lo) / (hi - lo) if hi > lo else 0.5

    @property
    def tick_text(self) -> tuple[str, ...]:
        """Each tick as written: 1,000 not 1e3, 2.5 not 2.50."""
        return tuple(tick_text(t) for t in self.ticks)


def tick_text(value: float) -> str:
    """A tick value as a person writes it: 1000 -> "1,000", 2.5 -> "2.5", 0.3 -> "0.3"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.6g}"


def nice_step(span: float, target: int = TARGET_TICKS) -> float:
    """A step of 1, 2 or 5 times a power of ten giving about ``target`` steps over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / target
    power = 10.0 ** math.floor(math.log10(raw))
    return next(s * power for s in NICE_STEPS if s * power >= raw)


def linear_axis(lo: float, hi: float, pad: bool = True, to_tick: bool = False) -> Axis:
    """A linear axis over [lo, hi] with 1-2-5 ticks.

    ``pad`` adds ``AXIS_PAD`` of the span at each end so end points stay off the frame;
    ``to_tick`` instead extends ``hi`` to the next tick (for counts from zero, where the top
    gridline names the scale).
    """
    if hi <= lo:
        lo, hi = lo - 1.0, hi + 1.0
    step = nice_step(hi - lo)
    if to_tick:
        hi = math.ceil(hi / step - 1e-9) * step
    elif pad:
        margin = (hi - lo) * AXIS_PAD
        lo, hi = lo - margin, hi + margin
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    k = first
    while k * step <= hi + 1e-9 * step:
        ticks.append(round(k * step, 10))
        k += 1
    return Axis(lo, hi, tuple(ticks))


def log_ticks(lo: float, hi: float) -> tuple[float, ...]:
    """Readable ticks within [lo, hi] on a log axis: powers of ten, plus the 3s on short spans."""
    decades = math.log10(hi / lo)
    mantissas = (1,) if decades >= POWERS_ONLY_DECADES else LOG_MANTISSAS
    ticks = []
    for power in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        for m in mantissas:
            value = m * 10.0**power
            if lo <= value <= hi:
                ticks.append(float(round(value, 10)))
    return tuple(ticks)


def count_axis(values: Sequence[float]) -> Axis:
    """An axis for ticket counts that ends with the data: log when they span a decade or more
    (see ``LOG_MIN_RATIO``), with ticks like 10, 30, 100, 300 (never 2, 3 ... 9); else linear."""
    positive = [v for v in values if v > 0]
    if not positive:
        return linear_axis(0.0, 1.0)
    lo, hi = min(positive), max(positive)
    if hi / lo < LOG_MIN_RATIO:
        return linear_axis(lo, hi)
    margin = math.log10(hi / lo) * AXIS_PAD
    lo, hi = lo / 10.0**margin, hi * 10.0**margin
    return Axis(lo, hi, log_ticks(lo, hi), log=True)


def week_ticks(count: int, slots: int) -> list[int]:
    """Indexes of the weeks to label on an axis with room for ``slots`` labels: every k-th week
    counted back from the last, so the last week (where the axis ends) is always named."""
    if count <= 0:
        return []
    step = max(1, math.ceil(count / max(1, slots)))
    return sorted(range(count - 1, -1, -step))
