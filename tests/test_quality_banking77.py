"""Theme quality on real customer queries: a fixed 3,000-query subset of Banking77.

Reads ``../shared/data/banking77/test.csv`` (never copied into the repo); skipped with a clear
reason when it is absent. The floors sit below what the default pipeline reaches (recorded in
docs/benchmarks.md), so the test fails on a real regression, not on noise.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from tests.conftest import SHARED_DATA
from voc import schema

BANKING77_TEST = SHARED_DATA / "banking77" / "test.csv"
SUBSET = 3000
NMI_FLOOR = 0.75
ARI_FLOOR = 0.45

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not BANKING77_TEST.is_file(),
        reason=f"Banking77 not found at {BANKING77_TEST} (public data lives in ../shared/data)",
    ),
]


@pytest.fixture(scope="module")
def banking_run(tmp_path_factory: pytest.TempPathFactory, embedder):
    from voc.runs import run

    data = pd.read_csv(BANKING77_TEST).head(SUBSET)
    data.insert(0, "id", [f"q{i}" for i in range(len(data))])
    folder = tmp_path_factory.mktemp("banking77")
    path = folder / "queries.csv"
    data[["id", "text"]].to_csv(path, index=False)
    result = run(path, folder / "ws", embedder=embedder)
    tickets = result.stored.tickets().merge(
        data.rename(columns={"id": schema.TICKET_ID}), on=schema.TICKET_ID
    )
    return result, tickets


def test_themes_match_true_intents(banking_run) -> None:
    result, tickets = banking_run
    assert len(tickets) == SUBSET
    labels = tickets[schema.THEME_ID]
    nmi = normalized_mutual_info_score(tickets["category"], labels)
    ari = adjusted_rand_score(tickets["category"], labels)
    assert nmi >= NMI_FLOOR, f"NMI {nmi:.3f}"
    assert ari >= ARI_FLOOR, f"ARI {ari:.3f}"
    assert result.manifest["themes"]["unthemed_share"] <= 0.05


def test_number_of_themes_is_readable(banking_run) -> None:
    result, _ = banking_run
    # 77 true intents in 3,000 queries: neither a handful nor hundreds of themes
    assert 30 <= result.manifest["themes"]["count"] <= 110
    assert 5 <= result.manifest["themes"]["parents"] <= 40
