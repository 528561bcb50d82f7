"""Theme quality of voc's default pipeline against vanilla BERTopic, on the same embeddings.

Datasets (each skipped with a message when its file is absent; the first three live in
``../shared/data``, never copied into the repo):

- Banking77 train + test (13,083 banking queries, 77 intents);
- Bitext customer support (4,514 requests, 27 intents);
- xSID pooled: the 500 rows of ``xsid/test.csv`` as one export of 1,000 texts, each row's English
  and Indonesian text (16 intents; each Indonesian text's counterpart is the English one);
- the bundled sample export against its planted truth (themes, language).

For each, voc (through :func:`voc.runs.run`, default settings) and BERTopic (default
parameters, fitted on the vectors of the run's main embedder, read back from voc's embedding
cache) are scored with :mod:`benchmarks.metrics`: themes, Unthemed share, NMI and ARI against the
true intents (Unthemed / outliers one group), the name proxy (cosine, in voc's default embedder,
between each theme's name and its majority intent's human label; nearest-own-label share; words
per name; unique names), and for the mixed-language sets the share of non-English tickets in their
English counterpart's theme and NMI(themes, language) (lower is better). BERTopic's name of a
topic is its default label: its top ``BERTOPIC_NAME_WORDS`` c-TF-IDF words, joined by spaces.

Seconds are those spent turning embeddings into themes (voc: its cluster + themes stages;
BERTopic: ``fit_transform`` given the embeddings), after one warm-up fit of each so that numba's
compilation is charged to neither; "without 2-D map" leaves out voc's map, which BERTopic does not
compute. Embeddings are cached in ``bench_out/workspace`` between runs. ``--backend onnx torch``
runs voc once per embedding backend (a row each); BERTopic is fitted on the first backend's vectors.

    python -m benchmarks.bench_quality --backend onnx torch
    python -m benchmarks.bench_quality --only xsid sample
"""

from __future__ import annotations

import argparse
import csv
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from benchmarks.bench_cluster import machine
from benchmarks.metrics import (
    ENGLISH,
    UNTHEMED,
    counterpart_themes,
    cross_language_share,
    human_label,
    language_nmi,
    majority_labels,
    name_proxy,
)
from voc import schema
from voc.config import EMBED_BACKENDS, RunConfig
from voc.embed import Embedder, make_embedder
from voc.runs import run
from voc.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
BANKING77 = SHARED / "banking77"
BITEXT = SHARED / "bitext" / "customer_support.csv"
XSID = SHARED / "xsid" / "test.csv"
SAMPLE = ROOT / "sample_data" / "sample_tickets.csv"
TRUTH = ROOT / "sample_data" / "sample_tickets_truth.csv"
# BERTopic's default topic label (``topic_labels_``) is its top 4 words; its name here is the same
# words without the topic number.
BERTOPIC_NAME_WORDS = 4
# How many of the largest themes' names the markdown shows per method, to read beside the numbers.
EXAMPLE_NAMES = 5


@dataclass(frozen=True)
class Dataset:
    """One labelled export to benchmark.

    ``truth`` has ``ticket_id`` and ``label`` (the true intent key), and for mixed-language sets
    ``language`` (ISO 639-1) and optionally ``counterpart_id`` (the ticket whose theme a
    non-English ticket should share; absent: the theme most English tickets of its label went to).
    """

    key: str
    name: str
    path: Path
    truth: pd.DataFrame

    @property
    def mixed_language(self) -> bool:
        return "language" in self.truth


def banking77(out_dir: Path) -> Dataset | None:
    """Banking77 train + test as an export (id, message) and its truth, or None when absent."""
    if not (BANKING77 / "train.csv").is_file():
        print(
            f"skipping Banking77: {BANKING77 / 'train.csv'} not found (it lives in ../shared/data)"
        )
        return None
    data = pd.concat([pd.read_csv(BANKING77 / f) for f in ("train.csv", "test.csv")])
    data = data.reset_index(drop=True)
    data.insert(0, "id", [f"b77-{i}" for i in range(len(data))])
    path = _write_export(out_dir / "banking77_export.csv", data["id"], data["text"])
    truth = pd.DataFrame({"ticket_id": data["id"], "label": data["category"]})
    return Dataset("banking77", "Banking77 train+test", path, truth)


def bitext(out_dir: Path) -> Dataset | None:
    """Bitext's 4,514 customer-support requests (27 intents), or None when absent."""
    if not BITEXT.is_file():
        print(f"skipping Bitext: {BITEXT} not found (it lives in ../shared/data)")
        return None
    data = pd.read_csv(BITEXT, dtype={"id": str})
    path = _write_export(out_dir / "bitext_export.csv", data["id"], data["text"])
    truth = pd.DataFrame({"ticket_id": data["id"], "label": data["intent"]})
    return Dataset("bitext", "Bitext customer support", path, truth)


def xsid(out_dir: Path) -> Dataset | None:
    """xSID's English and Indonesian texts pooled into one export, or None when absent."""
    if not XSID.is_file():
        print(f"skipping xSID: {XSID} not found (it lives in ../shared/data)")
        return None
    data = pd.read_csv(XSID, dtype={"id": str})
    en_ids, id_ids = data["id"] + "-en", data["id"] + "-id"
    ids = pd.concat([en_ids, id_ids], ignore_index=True)
    texts = pd.concat([data["text_en"], data["text_id"]], ignore_index=True)
    path = _write_export(out_dir / "xsid_pooled_export.csv", ids, texts)
    truth = pd.DataFrame(
        {
            "ticket_id": ids,
            "label": pd.concat([data["intent"]] * 2, ignore_index=True),
            "language": [ENGLISH] * len(data) + ["id"] * len(data),
            "counterpart_id": [None] * len(data) + en_ids.tolist(),
        }
    )
    return Dataset("xsid", "xSID pooled en+id", path, truth)


def sample(out_dir: Path) -> Dataset:
    """The bundled sample export and its planted truth (theme, language)."""
    truth = pd.read_csv(TRUTH, dtype={"ticket_id": str})
    truth = truth[truth["theme"] != "__empty__"].rename(columns={"theme": "label"})
    return Dataset("sample", "sample export", SAMPLE, truth[["ticket_id", "label", "language"]])


def _write_export(path: Path, ids: pd.Series, texts: pd.Series) -> Path:
    frame = pd.DataFrame({"id": ids.to_numpy(), "message": texts.to_numpy()})
    frame.to_csv(path, index=False)
    return path


DATASETS: dict[str, Callable[[Path], Dataset | None]] = {
    "banking77": banking77,
    "bitext": bitext,
    "xsid": xsid,
    "sample": sample,
}


def score(
    dataset: Dataset,
    ticket_ids: pd.Series,
    themes: np.ndarray,
    names: dict[int, str],
    embedder: Embedder,
) -> dict:
    """Every metric of one method's themes on one dataset (see benchmarks/metrics.py)."""
    by_ticket = pd.DataFrame({"ticket_id": ticket_ids.astype(str).to_numpy(), "theme": themes})
    frame = dataset.truth.merge(by_ticket, on="ticket_id", how="inner")
    theme, label = frame["theme"].to_numpy(), frame["label"].to_numpy()
    majority = majority_labels(theme.tolist(), label.tolist())
    scored = sorted(majority)
    all_labels = sorted({human_label(str(x)) for x in dataset.truth["label"]})
    proxy = name_proxy(
        [names[t] for t in scored],
        [human_label(str(majority[t])) for t in scored],
        all_labels,
        embedder,
    )
    row = {
        "tickets": len(frame),
        "themes": int(len(set(theme.tolist()) - {UNTHEMED})),
        "unthemed": float((theme == UNTHEMED).mean()),
        "nmi": float(normalized_mutual_info_score(label, theme)),
        "ari": float(adjusted_rand_score(label, theme)),
        "name_cosine": proxy.mean_cosine,
        "name_nearest_own": proxy.nearest_own_share,
        "name_words": proxy.mean_words,
        "names_unique": proxy.unique_names,
        "non_english": None,
        "in_counterpart_theme": None,
        "language_nmi": None,
    }
    if dataset.mixed_language:
        row.update(_language_scores(frame))
    return row


def _language_scores(frame: pd.DataFrame) -> dict:
    """Cross-language placement and NMI(themes, language) of one method's themes."""
    foreign = frame[frame["language"] != ENGLISH]
    if "counterpart_id" in frame:
        theme_of = dict(zip(frame["ticket_id"], frame["theme"], strict=True))
        counterpart = [theme_of.get(c) for c in foreign["counterpart_id"]]
    else:
        table = counterpart_themes(
            frame["theme"].tolist(), frame["label"].tolist(), frame["language"].tolist()
        )
        counterpart = [table.get(g) for g in foreign["label"]]
    return {
        "non_english": len(foreign),
        "in_counterpart_theme": cross_language_share(foreign["theme"].tolist(), counterpart),
        "language_nmi": language_nmi(frame["theme"].tolist(), frame["language"].tolist()),
    }


def evaluate(
    dataset: Dataset,
    workspace: Workspace,
    backend: str,
    with_bertopic: bool,
    proxy_embedder: Embedder,
) -> list[dict]:
    """voc (and BERTopic on the same vectors) on one dataset: one row of metrics per method."""
    result = run(dataset.path, workspace, RunConfig().with_overrides({"embed.backend": backend}))
    tickets = result.stored.tickets()
    names = {t.theme_id: t.name for t in result.themes}
    voc_row = score(
        dataset, tickets[schema.TICKET_ID], tickets[schema.THEME_ID].to_numpy(), names,
        proxy_embedder,
    )  # fmt: skip
    timings = result.manifest.get("timings_seconds", {})
    seconds = timings.get("cluster", 0.0) + timings.get("themes", 0.0)
    map_seconds = result.manifest.get("clustering", {}).get("timings_seconds", {}).get("map", 0.0)
    rows = [
        {
            "dataset": dataset.name,
            "method": f"voc default, {backend}",
            **voc_row,
            "parents": len(result.parents),
            "seconds": seconds,
            "seconds_no_map": seconds - map_seconds,
            "vectors": result.manifest.get("embedding", {}).get("model_id", ""),
            "examples": _examples([t for t in result.themes if t.theme_id != UNTHEMED]),
        }
    ]
    if with_bertopic:
        rows.append(_bertopic_row(dataset, result, tickets, workspace, proxy_embedder))
    return rows


def _bertopic_row(dataset, result, tickets, workspace, proxy_embedder) -> dict:
    """BERTopic, default parameters, on the vectors of the run's main embedder (from the cache)."""
    from bertopic import BERTopic

    from voc.embed import embed_texts
    from voc.prepare import embedding_texts

    config = result.stored.config()
    main_embedder = make_embedder(config.embed)
    vectors, _ = embed_texts(
        embedding_texts(tickets, config.embed.max_chars), main_embedder, workspace.embedding_cache()
    )
    start = time.perf_counter()
    model = BERTopic()
    topics, _ = model.fit_transform(tickets[schema.TEXT].tolist(), vectors)
    seconds = time.perf_counter() - start
    topics = np.asarray(topics)
    names = {
        t: " ".join(w for w, _ in (model.get_topic(t) or [])[:BERTOPIC_NAME_WORDS])
        for t in set(topics.tolist())
    }
    sizes = pd.Series(topics[topics != UNTHEMED]).value_counts()
    return {
        "dataset": dataset.name,
        "method": f"BERTopic, default parameters, {config.embed.backend} vectors",
        **score(dataset, tickets[schema.TICKET_ID], topics, names, proxy_embedder),
        "parents": None,
        "seconds": seconds,
        "seconds_no_map": seconds,
        "vectors": main_embedder.model_id,
        "examples": " · ".join(names[t] for t in sizes.index[:EXAMPLE_NAMES]),
    }


def _examples(themes: list) -> str:
    largest = sorted(themes, key=lambda t: -t.size)[:EXAMPLE_NAMES]
    return " · ".join(t.name for t in largest)


def _num(value, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return format(value, fmt)


def markdown(rows: list[dict]) -> str:
    """The three tables (intents, names, languages) and the example names, as markdown."""
    out = [
        "| dataset | method | tickets | themes | parents | Unthemed | NMI | ARI | seconds "
        "| seconds without 2-D map |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['dataset']} | {r['method']} | {r['tickets']} | {r['themes']} "
            f"| {_num(r['parents'], 'd')} | {r['unthemed']:.1%} | {r['nmi']:.3f} | {r['ari']:.3f} "
            f"| {r['seconds']:.1f} | {r['seconds_no_map']:.1f} |"
        )
    out += [
        "",
        "Name proxy (cosine in the bundled model between each theme's name and its majority "
        "intent's label; definitions in benchmarks/metrics.py):",
        "",
        "| dataset | method | mean cosine | nearest own label | words per name | unique names |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['dataset']} | {r['method']} | {_num(r['name_cosine'], '.3f')} "
            f"| {_num(r['name_nearest_own'], '.1%')} | {_num(r['name_words'], '.1f')} "
            f"| {r['names_unique']} of {r['themes']} |"
        )
    mixed = [r for r in rows if r["non_english"] is not None]
    if mixed:
        out += [
            "",
            "Languages (non-English tickets in their English counterpart's theme: higher is "
            "better; NMI of themes against language: lower is better):",
            "",
            "| dataset | method | vectors | non-English tickets | in counterpart's theme "
            "| NMI vs language |",
            "|---|---|---|---|---|---|",
        ]
        for r in mixed:
            out.append(
                f"| {r['dataset']} | {r['method']} | {r['vectors']} | {r['non_english']} "
                f"| {_num(r['in_counterpart_theme'], '.1%')} | {_num(r['language_nmi'], '.3f')} |"
            )
        out += [
            "",
            "BERTopic got every text of these sets, whatever its language, as embedded by voc's "
            "main embedder (the model in its row's vectors column).",
        ]
    out += ["", "Names of the largest themes:", ""]
    out += [f"- {r['dataset']}, {r['method']}: {r['examples']}" for r in rows]
    return "\n".join(out) + "\n"


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
    parser.add_argument(
        "--only",
        nargs="+",
        choices=list(DATASETS),
        default=list(DATASETS),
        help="datasets to run (default: all that are present)",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    workspace = Workspace(args.out / "workspace")
    datasets = [d for key in args.only if (d := DATASETS[key](args.out)) is not None]
    # The name proxy's embedder: voc's default (the bundled model), whatever backend voc runs on.
    proxy_embedder = make_embedder(RunConfig().embed)
    warm_up()
    rows: list[dict] = []
    for dataset in datasets:
        for i, backend in enumerate(args.backend):
            rows += evaluate(dataset, workspace, backend, i == 0, proxy_embedder)
            print(f"done: {dataset.name}, {backend}", flush=True)
    table = f"{date.today().isoformat()}. Machine: {machine()}.\n\n" + markdown(rows)
    (args.out / "bench_quality.md").write_text(table, encoding="utf-8")
    with (args.out / "bench_quality.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(table)


if __name__ == "__main__":
    main()
