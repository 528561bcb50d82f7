"""Theme quality of voc's default pipeline against vanilla BERTopic, on the same embeddings.

Datasets: Banking77 train + test (``../shared/data/banking77``, skipped with a message when absent)
and the bundled sample export against its planted truth. For each: themes, Unthemed share, NMI and
ARI against the true labels (Unthemed / outliers counted as one group), and seconds spent turning
embeddings into themes (voc: its cluster + themes stages; BERTopic: ``fit_transform`` given the
embeddings), after one warm-up fit of each so that numba's compilation is charged to neither; the
last column leaves out voc's 2-D map, which BERTopic does not compute. Embeddings are
cached in ``bench_out/workspace`` between runs. ``--backend onnx torch`` runs voc once per embedding
backend (a row each); BERTopic is fitted on the vectors of the first backend named.

    python -m benchmarks.bench_quality --backend onnx torch
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from benchmarks.bench_cluster import machine
from voc import schema
from voc.config import EMBED_BACKENDS, RunConfig
from voc.embed import make_embedder
from voc.pipeline import run
from voc.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
BANKING77 = ROOT.parent / "shared" / "data" / "banking77"
SAMPLE = ROOT / "sample_data" / "sample_tickets.csv"
TRUTH = ROOT / "sample_data" / "sample_tickets_truth.csv"


def banking77_export(out_dir: Path) -> tuple[Path, pd.DataFrame] | None:
    """Banking77 train + test as a small export (id, text) and its truth, or None when absent."""
    if not (BANKING77 / "train.csv").is_file():
        print(f"skipping Banking77: {BANKING77} not found (it lives in ../shared/data)")
        return None
    frames = [pd.read_csv(BANKING77 / name) for name in ("train.csv", "test.csv")]
    data = pd.concat(frames, ignore_index=True)
    data.insert(0, "id", [f"b77-{i}" for i in range(len(data))])
    path = out_dir / "banking77_export.csv"
    data[["id", "text"]].rename(columns={"text": "message"}).to_csv(path, index=False)
    truth = data[["id", "category"]].rename(columns={"id": "ticket_id", "category": "label"})
    return path, truth


def sample_export() -> tuple[Path, pd.DataFrame]:
    truth = pd.read_csv(TRUTH, dtype={"ticket_id": str})
    truth = truth[truth["theme"] != "__empty__"].rename(columns={"theme": "label"})
    return SAMPLE, truth[["ticket_id", "label"]]


def score(truth: pd.Series, labels: np.ndarray) -> tuple[float, float]:
    return (
        normalized_mutual_info_score(truth, labels),
        adjusted_rand_score(truth, labels),
    )


def evaluate(
    name: str,
    path: Path,
    truth: pd.DataFrame,
    workspace: Workspace,
    backend: str,
    with_bertopic: bool,
) -> list[dict]:
    result = run(path, workspace, RunConfig().with_overrides({"embed.backend": backend}))
    tickets = result.stored.tickets()
    frame = truth.merge(tickets[[schema.TICKET_ID, schema.THEME_ID]], on="ticket_id", how="inner")
    nmi, ari = score(frame["label"], frame[schema.THEME_ID].to_numpy())
    timings = result.manifest["timings_seconds"]
    rows = [
        {
            "dataset": name,
            "method": f"voc default, {backend}",
            "tickets": len(frame),
            "themes": result.manifest["themes"]["count"],
            "parents": result.manifest["themes"]["parents"],
            "unthemed": float((frame[schema.THEME_ID] == schema.UNTHEMED_ID).mean()),
            "nmi": nmi,
            "ari": ari,
            "seconds": timings["cluster"] + timings["themes"],
            "seconds_no_map": timings["cluster"]
            + timings["themes"]
            - result.manifest["clustering"]["timings_seconds"].get("map", 0.0),
        }
    ]
    if not with_bertopic:
        return rows
    # BERTopic on exactly the vectors voc used (read back from voc's cache), default parameters.
    from bertopic import BERTopic

    from voc.embed import embed_texts
    from voc.prepare import embedding_texts

    texts = tickets[schema.TEXT].tolist()
    vectors, _ = embed_texts(
        embedding_texts(tickets, result.manifest["config"]["embed"]["max_chars"]),
        make_embedder(RunConfig.from_dict(result.manifest["config"]).embed),
        workspace.embedding_cache(),
    )
    start = time.perf_counter()
    topics, _ = BERTopic().fit_transform(texts, vectors)
    seconds = time.perf_counter() - start
    bt = pd.DataFrame({schema.TICKET_ID: tickets[schema.TICKET_ID], "topic": topics})
    frame = truth.merge(bt, on="ticket_id", how="inner")
    nmi, ari = score(frame["label"], frame["topic"].to_numpy())
    rows.append(
        {
            "dataset": name,
            "method": f"BERTopic, default parameters, {backend} vectors",
            "tickets": len(frame),
            "themes": int(len(set(topics) - {-1})),
            "parents": None,
            "unthemed": float((frame["topic"] == -1).mean()),
            "nmi": nmi,
            "ari": ari,
            "seconds": seconds,
            "seconds_no_map": seconds,
        }
    )
    return rows


def markdown(rows: list[dict]) -> str:
    lines = [
        "| dataset | method | tickets | themes | parents | Unthemed | NMI | ARI | seconds "
        "| seconds without 2-D map |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        parents = "" if r["parents"] is None else str(r["parents"])
        lines.append(
            f"| {r['dataset']} | {r['method']} | {r['tickets']} | {r['themes']} | {parents} "
            f"| {r['unthemed']:.1%} | {r['nmi']:.3f} | {r['ari']:.3f} | {r['seconds']:.1f} "
            f"| {r['seconds_no_map']:.1f} |"
        )
    return "\n".join(lines) + "\n"


def warm_up() -> None:
    """Compile numba's kernels once, so that neither method is charged for compilation.

    Each method is fitted once on random data big enough (over 4,096 rows) to take the same code
    paths as the real inputs: voc's exact neighbour graph, BERTopic's NNDescent.
    """
    from bertopic import BERTopic

    from voc.cluster import ThemeModel

    rng = np.random.default_rng(0)
    x = rng.normal(size=(5000, 16)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    ThemeModel(min_theme_size=10).fit(x)
    docs = [f"word{i % 50} term{i % 7} thing{i % 11}" for i in range(len(x))]
    BERTopic().fit_transform(docs, x)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench_out")
    parser.add_argument(
        "--backend",
        nargs="+",
        choices=EMBED_BACKENDS,
        default=[RunConfig().embed.backend],
        help="embedding backends to run voc with, a row each (default: the configured one)",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    workspace = Workspace(args.out / "workspace")
    datasets = [("sample export", *sample_export())]
    b77 = banking77_export(args.out)
    if b77:
        datasets.insert(0, ("Banking77 train+test", *b77))
    warm_up()
    rows: list[dict] = []
    for name, path, truth in datasets:
        for i, backend in enumerate(args.backend):
            rows += evaluate(name, path, truth, workspace, backend, with_bertopic=i == 0)
    table = f"Machine: {machine()}.\n\n" + markdown(rows)
    (args.out / "bench_quality.md").write_text(table, encoding="utf-8")
    with (args.out / "bench_quality.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(table)


if __name__ == "__main__":
    main()
