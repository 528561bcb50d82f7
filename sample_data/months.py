"""Two consecutive monthly exports of Brightdesk tickets with planted changes between them.

Built with the sample generator's own machinery (``generate.py``: its ticket templates, wording
variety, organizations, people and PII), English only so that a run needs no second model, and
deterministic for a seed. Month one holds tickets created in June 2026, month two in July 2026,
each with its own ticket ids (a monthly export holds that month's tickets only). Against month
one, month two has:

- ``new``: a problem month one never had (``email_notifications_stopped``);
- ``gone``: a problem month two no longer has (``csv_export_missing_rows``, fixed);
- ``grown``: a problem whose share of the month grows about 2.5 times, 40 -> 150 tickets
  (``dashboard_slow``);
- ``split``: two close billing problems (``duplicate_charge``, ``refund_request``): month one has
  9 of each, under the clustering's minimum theme size (11 for 568 tickets), so they can only
  form one theme together; month two has 50 of each, enough for a theme each;
- ``same``: eight other problems, 55 tickets in month one and 66 in month two (month two is the
  bigger export, so their share dips from 10% to 8%: far from lineage's 1.5 times for shrunk).

Each ticket's planted problem goes to a truth file per month, as for the sample
(``ticket_id,theme,kind,language``). Usage::

    python -m sample_data.months OUT_DIR [--seed N]

writes ``month_one.csv``, ``month_one_truth.csv``, ``month_two.csv`` and ``month_two_truth.csv``.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random

from sample_data.generate import (
    HEADERS,
    THEME_TEXT,
    THEMES,
    TRUTH_HEADERS,
    Org,
    Ticket,
    build_orgs,
    check_no_leaks,
    day_weights,
    make_ticket,
    parse_theme_text,
    write_csv,
)

SEED = 20260701
FIRST_ID = 90117

# Not cancel_subscription_hard: with some seeds month one's few billing tickets joined its theme
# (cancel and refund are close), and the split plant became two new themes.
SAME: tuple[str, ...] = (
    "login_2fa_loop",
    "mobile_photo_upload_crash",
    "webhook_duplicate_delivery",
    "search_no_results",
    "slack_integration_request",
    "api_key_howto",
    "dark_mode_request",
    "team_invite_permissions_confusing",
)
NEW = "email_notifications_stopped"
GONE = "csv_export_missing_rows"
GROWN = "dashboard_slow"
SPLIT: tuple[str, str] = ("duplicate_charge", "refund_request")


@dataclass(frozen=True)
class Month:
    """One monthly export: its file stem, the days of the generator's window it covers, and its
    tickets per planted problem."""

    name: str
    first_day: int  # day of the generator's window (day 0 is 2026-06-01)
    days: int
    sizes: Mapping[str, int]


MONTHS: tuple[Month, ...] = (
    Month(
        "month_one",
        0,
        30,  # June 2026
        {**dict.fromkeys(SAME, 55), GONE: 70, GROWN: 40, SPLIT[0]: 9, SPLIT[1]: 9},
    ),
    Month(
        "month_two",
        30,
        31,  # July 2026
        {**dict.fromkeys(SAME, 66), NEW: 70, GROWN: 150, SPLIT[0]: 50, SPLIT[1]: 50},
    ),
)


def month_weights(month: Month) -> list[float]:
    """The generator's weekday weights for the month's days, zero for every other day."""
    weights = day_weights("uniform")
    end = month.first_day + month.days
    return [w if month.first_day <= day < end else 0.0 for day, w in enumerate(weights)]


def generate_month(
    month: Month, rng: Random, orgs: Sequence[Org], seen: Counter[str], first_id: int
) -> list[Ticket]:
    """One month's tickets, sorted by creation time, with ids counting up from ``first_id``.

    ``seen`` counts the sentences used so far (both months share it, so month two's people do
    not repeat month one's wording more than the sample's people repeat each other's).
    """
    specs = {spec.slug: spec for spec in THEMES}
    weights = month_weights(month)
    tickets: list[Ticket] = []
    for slug, size in month.sizes.items():
        spec, text = specs[slug], parse_theme_text(THEME_TEXT[slug])
        tickets += [make_ticket(rng, spec, text, "en", orgs, weights, seen) for _ in range(size)]
    tickets.sort(key=lambda ticket: ticket.created)
    next_id = first_id
    for ticket in tickets:
        ticket.ticket_id = next_id
        next_id += 1 + rng.choices((0, 1, 2), weights=(85, 10, 5))[0]
    return tickets


def write_months(out_dir: str | Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write both months' exports and truth files into ``out_dir``; returns the two exports.

    Example:
        >>> one, two = write_months("/tmp/months")  # doctest: +SKIP
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = Random(seed)
    orgs = build_orgs(rng)
    seen: Counter[str] = Counter()
    exports: list[Path] = []
    first_id = FIRST_ID
    for month in MONTHS:
        tickets = generate_month(month, rng, orgs, seen, first_id)
        first_id = tickets[-1].ticket_id + 1
        rows = [ticket.row() for ticket in tickets]
        check_no_leaks(rows)
        write_csv(out / f"{month.name}.csv", HEADERS, rows)
        truth = [[str(t.ticket_id), t.slug, t.kind, t.lang] for t in tickets]
        write_csv(out / f"{month.name}_truth.csv", TRUTH_HEADERS, truth)
        exports.append(out / f"{month.name}.csv")
    return exports[0], exports[1]


def read_truth(export: str | Path) -> dict[str, str]:
    """Ticket id -> planted problem, from the truth file next to a month's export."""
    path = Path(export)
    lines = path.with_name(f"{path.stem}_truth.csv").read_text(encoding="utf-8").splitlines()
    return {line.split(",")[0]: line.split(",")[1] for line in lines[1:]}


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: write the two months into OUT_DIR and print their paths."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the four files into")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    for path in write_months(args.out_dir, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
