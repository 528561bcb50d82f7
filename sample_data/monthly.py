"""Two consecutive monthly exports of Brightdesk tickets with planted changes between them.

Made from the sample generator's themes and ticket machinery (``generate.py``), English only so
that a run needs no second model, deterministic for a seed. Month two, against month one:

- ``new``: a problem month one never had (email notifications stopped after a release);
- ``gone``: a problem month two no longer has (CSV exports missing rows, fixed);
- ``grown``: a problem four times as frequent (the slow dashboard);
- ``split``: two close problems (a duplicate charge, a refund request) that month one has too few
  of to tell apart (9 each: below the smallest theme the clustering forms at that size), so they
  cluster as one theme; month two has enough of each (60) for two themes;
- ``same``: the other problems, at about the same volume.

Each ticket's planted problem goes to a truth file, as for the sample. Usage::

    python -m sample_data.monthly OUT_DIR

writes ``month_one.csv``, ``month_one_truth.csv``, ``month_two.csv``, ``month_two_truth.csv``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from random import Random

if __package__ in (None, ""):  # run as a script: make ``sample_data`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sample_data.generate import (
    HEADERS,
    THEME_TEXT,
    THEMES,
    TRUTH_HEADERS,
    WINDOW_DAYS,
    Ticket,
    build_orgs,
    day_weights,
    make_ticket,
    parse_theme_text,
    write_csv,
)

SEED = 20261101
FIRST_ID = 71000

SAME = (
    "login_2fa_loop",
    "mobile_photo_upload_crash",
    "webhook_duplicate_delivery",
    "search_no_results",
    "team_invite_permissions_confusing",
    "api_key_howto",
    "dark_mode_request",
    "import_contacts_howto",
)
NEW, GONE, GROWN = "email_notifications_stopped", "csv_export_missing_rows", "dashboard_slow"
SPLIT = ("duplicate_charge", "refund_request")

# Tickets per planted problem, each month.
MONTH_ONE: dict[str, int] = {
    **{slug: 70 for slug in SAME},
    GONE: 70,
    GROWN: 30,
    SPLIT[0]: 9,
    SPLIT[1]: 9,
}
MONTH_TWO: dict[str, int] = {
    **{slug: 70 for slug in SAME},
    NEW: 70,
    GROWN: 120,
    SPLIT[0]: 60,
    SPLIT[1]: 60,
}
MONTHS = (("month_one", MONTH_ONE), ("month_two", MONTH_TWO))


def generate_month(
    sizes: dict[str, int], rng: Random, first_id: int, shift_days: int
) -> list[Ticket]:
    """One month's tickets, ``sizes`` per planted problem, ids from ``first_id``, dates moved on
    by ``shift_days`` (the generator's window is 120 days: the month is a 120-day export)."""
    specs = {spec.slug: spec for spec in THEMES}
    orgs = build_orgs(rng)
    seen: Counter[str] = Counter()
    tickets = []
    for slug, size in sizes.items():
        spec, text = specs[slug], parse_theme_text(THEME_TEXT[slug])
        weights = day_weights("uniform")
        for _ in range(size):
            ticket = make_ticket(rng, spec, text, "en", orgs, weights, seen)
            tickets.append(replace(ticket, created=ticket.created + timedelta(days=shift_days)))
    tickets.sort(key=lambda t: t.created)
    for offset, ticket in enumerate(tickets):
        ticket.ticket_id = first_id + offset
    return tickets


def write_months(out_dir: Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write both months' exports and truth files into ``out_dir``; returns the two exports."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = Random(seed)
    paths = []
    first_id = FIRST_ID
    for index, (name, sizes) in enumerate(MONTHS):
        tickets = generate_month(sizes, rng, first_id, index * WINDOW_DAYS)
        first_id += len(tickets)
        write_csv(out_dir / f"{name}.csv", HEADERS, [t.row() for t in tickets])
        truth = [[str(t.ticket_id), t.slug, t.kind, t.lang] for t in tickets]
        write_csv(out_dir / f"{name}_truth.csv", TRUTH_HEADERS, truth)
        paths.append(out_dir / f"{name}.csv")
    return paths[0], paths[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for path in write_months(args.out_dir, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
