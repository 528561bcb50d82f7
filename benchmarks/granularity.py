"""How many themes: the automatic minimum theme size rules side by side, on labelled sets.

Fits ``ThemeModel`` end to end (UMAP, HDBSCAN, assignment, smoothing; no map) on precomputed
unit-length vectors, once per rule, and prints a Markdown table: themes, parent themes, Unthemed,
NMI and ARI against the true intents, fit seconds. The numbers in docs/clustering.md come from it.

Each set is ``name=VECTORS.npy:LABELS.csv:COLUMN`` (rows in the same order); ``--balanced N``
adds, for every set, a subset with N tickets of each label (labels with fewer are dropped), to
imitate balanced exports.

    python -m benchmarks.granularity \\
        --set banking77=/tmp/emb/banking77.minilm.npy:b77.csv:category --balanced 75 150
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from voc.cluster import ThemeModel
from voc.config import ThemeConfig
from voc.hierarchy import parent_labels

# The rule before issue 17: a minimum theme size that grows as 0.5% of the tickets (floor 10).
_OLD_FLOOR, _OLD_SHARE = 10, 0.005

Rule = Callable[[int], int | None]
RULES: dict[str, Rule] = {
    "share (old): max(10, 0.5% n)": lambda n: max(_OLD_FLOOR, round(_OLD_SHARE * n)),
    "sqrt (default): max(10, 0.4714 sqrt n)": lambda n: None,
}


def load_set(spec: str) -> tuple[str, np.ndarray, np.ndarray]:
    """``name=vectors.npy:labels.csv:column`` -> name, vectors, labels."""
    name, rest = spec.split("=", 1)
    vectors, labels, column = rest.rsplit(":", 2)
    x = np.load(vectors).astype(np.float32)
    y = pd.read_csv(labels)[column].to_numpy()
    if len(x) != len(y):
        raise SystemExit(f"{name}: {len(x)} vectors but {len(y)} labels")
    return name, x, y


def balanced(x: np.ndarray, y: np.ndarray, per: int, seed: int = 0):
    """``per`` rows of each label that has at least that many (seeded), in their first order;
    None when fewer than two labels have that many."""
    rng = np.random.default_rng(seed)
    rows = [
        rng.choice(np.flatnonzero(y == label), per, replace=False)
        for label in sorted(set(y))
        if (y == label).sum() >= per
    ]
    if len(rows) < 2:
        return None
    keep = np.sort(np.concatenate(rows))
    return x[keep], y[keep]


def measure(x: np.ndarray, y: np.ndarray, size: int | None, seed: int) -> dict:
    """Fit once and score the themes against the labels."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    start = time.perf_counter()
    model = ThemeModel(min_theme_size=size, map_2d=False, random_state=seed).fit(x)
    seconds = time.perf_counter() - start
    labels = model.labels_
    parents = parent_labels(model.centroids_, ThemeConfig().parent_distance)
    return {
        "size": model.min_theme_size_,
        "themes": len(model.centroids_),
        "parents": int(parents.max()) + 1 if len(parents) else 0,
        "unthemed": f"{100 * (labels < 0).mean():.1f}%",
        "NMI": round(normalized_mutual_info_score(y, labels), 3),
        "ARI": round(adjusted_rand_score(y, labels), 3),
        "seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", required=True, help="name=vec.npy:lab.csv:col")
    parser.add_argument("--balanced", type=int, nargs="*", default=[], help="tickets per label")
    parser.add_argument("--seeds", type=int, nargs="*", default=[42])
    args = parser.parse_args()
    sets = []
    for spec in args.set:
        name, x, y = load_set(spec)
        sets.append((name, x, y))
        for per in args.balanced:
            if (subset := balanced(x, y, per)) is not None:
                sets.append((f"{name} balanced {per}/label", *subset))
    print("| set | tickets | labels | rule | seed | min size | themes | parents | Unthemed "
          "| NMI | ARI | fit s |", flush=True)  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, x, y in sets:
        for rule, size_of in RULES.items():
            for seed in args.seeds:
                m = measure(x, y, size_of(len(x)), seed)
                print(
                    f"| {name} | {len(x):,} | {len(set(y))} | {rule} | {seed} | {m['size']} "
                    f"| {m['themes']} | {m['parents']} | {m['unthemed']} | {m['NMI']} "
                    f"| {m['ARI']} | {m['seconds']} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
