"""A small scored run written straight into a workspace, for report and CLI tests.

Three themes with known properties (a surging defect, a stable how-to, praise) and an Unthemed
bucket; optional hostile text (script tags, spreadsheet formulas) in names, quotes and
organizations, to check that every report format neutralises it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from voc import schema
from voc.classify import load_prototypes
from voc.config import RunConfig
from voc.lineage import RunThemes, trace
from voc.schema import Theme
from voc.score import score_themes
from voc.store import StoredRun, Workspace

SCRIPT_NAME = '<script>alert("name")</script> login loop'
IMG_QUOTE = "<img src=x onerror=alert(1)> the login page loops"
FORMULA_ORG = '=HYPERLINK("http://evil.example","click")'
FORMULA_QUOTES = ("-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "+1+1")
END = pd.Timestamp("2026-09-28 12:00", tz="UTC")


def _tickets(hostile: bool, with_dates: bool) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = []
    specs = [  # theme, kind, tickets before the last 28 days, in them, csat, reopens, sentiment
        (0, "defect", 20, 60, 0.2, 2.0, -0.08),
        (1, "question", 60, 20, 0.8, 0.2, 0.02),
        (2, "praise", 30, 10, 1.0, 0.0, 0.1),
        (schema.UNTHEMED_ID, "question", 5, 2, 0.6, 0.5, 0.0),
    ]
    n = 0
    for theme_id, kind, early, recent, csat, reopens, sentiment in specs:
        for i in range(early + recent):
            days = rng.uniform(0, 27) if i >= early else rng.uniform(29, 110)
            org = FORMULA_ORG if hostile and theme_id == 0 and i % 3 == 0 else f"Org {i % 7}"
            rows.append(
                {
                    schema.TICKET_ID: str(1000 + n),
                    schema.ROW_NUMBER: n + 2,
                    schema.CREATED_AT: END - pd.Timedelta(days=days),
                    schema.THEME_ID: theme_id,
                    schema.TEXT: f"ticket {n}",
                    schema.CSAT: csat if i % 2 else np.nan,
                    schema.REOPENS: reopens,
                    schema.ORGANIZATION: org,
                    schema.REQUESTER: f"req_{i % 11}",
                    schema.KIND: kind,
                    schema.SENTIMENT: sentiment,
                }
            )
            n += 1
    frame = pd.DataFrame(rows)
    if not with_dates:
        frame = frame.drop(columns=[schema.CREATED_AT])
    return frame


def _themes(tickets: pd.DataFrame, hostile: bool) -> list[Theme]:
    names = {
        0: SCRIPT_NAME if hostile else "login loop",
        1: "api key how to",
        2: "thanks support",
        schema.UNTHEMED_ID: schema.UNTHEMED_NAME,
    }
    quotes = [IMG_QUOTE, *FORMULA_QUOTES] if hostile else ["The login page loops."]
    themes = []
    for theme_id, name in names.items():
        ids = tickets.loc[tickets[schema.THEME_ID] == theme_id, schema.TICKET_ID].tolist()
        if not ids:
            continue
        texts = quotes if theme_id == 0 else [f"{name}, ticket {k}" for k in range(3)]
        themes.append(
            Theme(
                theme_id=theme_id,
                name=name,
                size=len(ids),
                share=len(ids) / len(tickets),
                keywords=["=1+1", "login"] if hostile and theme_id == 0 else name.split(),
                representative_ids=ids[: len(texts)],
                representative_texts=texts,
            )
        )
    return themes


def write_synthetic_run(
    root: Path,
    hostile: bool = True,
    with_dates: bool = True,
    trace_earlier: bool = False,
    keep: Callable[[pd.DataFrame], pd.Series] | None = None,
) -> StoredRun:
    """Write the run into the workspace at ``root`` and read it back.

    ``trace_earlier``: store its lineage against the workspace's newest run (as a pipeline run
    does); ``keep``: a filter of the ticket rows (a new export without some of them).
    """
    tickets = _tickets(hostile, with_dates)
    if keep is not None:
        tickets = tickets[keep(tickets)].reset_index(drop=True)
    themes = _themes(tickets, hostile)
    names = {t.theme_id: t.name for t in themes}
    tickets[schema.THEME_NAME] = tickets[schema.THEME_ID].map(names)
    config = RunConfig()
    scores = score_themes(
        tickets, themes, config.score, load_prototypes(config.score.prototypes_file).severity
    )
    ws = Workspace(root)
    run_id = ws.new_run_id()
    manifest = {
        "run_id": run_id,
        "input": {"path": str(root / "synthetic.csv"), "helpdesk": None},
        "rows": {"read": len(tickets), "used": len(tickets), "skipped": 0, "skipped_by_reason": {}},
        "warnings": [],
        "config": config.to_dict(),
    }
    centroids = np.zeros((3, 4), dtype=np.float32)
    lineage = None
    if trace_earlier:
        earlier = None
        if ws.run_ids():
            before = ws.load_run()
            table, traced = before.tickets(), before.lineage()
            earlier = RunThemes(
                before.run_id,
                table[schema.TICKET_ID].to_numpy(),
                table[schema.THEME_ID].to_numpy(),
                centroids,
                {t.theme_id: t.name for t in before.themes},
                traced.keys() if traced else {},
            )
        now = RunThemes(
            run_id,
            tickets[schema.TICKET_ID].to_numpy(),
            tickets[schema.THEME_ID].to_numpy(),
            centroids,
            names,
        )
        lineage = trace(earlier, now, np.zeros((len(tickets), 4), dtype=np.float32))
    return ws.write_run(run_id, manifest, tickets, themes, [], [], centroids, scores, lineage)
