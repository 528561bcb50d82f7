"""Embedding backends side by side: export time, texts/s, and fidelity to PyTorch's vectors.

Three inputs: the first ``--tickets`` texts of an export read and cleaned as the pipeline does;
the same texts joined until each holds at least 128 word pieces (so every text is cut at the
model's 128, the issue-20 measure); and the first ``--tickets`` Banking77 queries (from
``../shared/data``, skipped with a note where absent). Every backend embeds each input
``--rounds`` times with its model loaded (texts/s leave out start-up), in one process, in turn.
Fidelity is the row-by-row cosine to sentence-transformers on torch in float32. The onnx and
openvino exports are each made twice into fresh temporary folders (timed; sha256 of the model's
numbers compared: the ONNX file, OpenVINO's weights file; OpenVINO's XML names its nodes from a
per-process counter, so it differs within one process while the graph does not).

    python -m benchmarks.bench_embed --tickets 1000
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.bench_cluster import machine, write_report
from voc.config import RunConfig
from voc.embed import Embedder, OnnxEmbedder, OpenVinoEmbedder, SentenceTransformerEmbedder
from voc.embed.export import ExportedEmbedder, user_cache_dir
from voc.embed.openvino_backend import resolve_precision
from voc.ingest import read_export
from voc.prepare import embedding_texts, prepare_frame

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_tickets.csv"
BANKING77 = ROOT.parent / "shared" / "data" / "banking77" / "test.csv"
MAX_TOKENS = RunConfig().embed.max_tokens or 128


def pipeline_texts(path: Path, limit: int) -> list[str]:
    """The first ``limit`` texts of an export exactly as the pipeline gives them to the model."""
    config = RunConfig()
    prepare = partial(prepare_frame, config=config, salt=b"bench")
    frame = read_export(path, config.ingest, prepare=prepare).frame
    return embedding_texts(frame.head(limit), config.embed.max_chars)


def full_length(texts: list[str], pieces: int) -> list[str]:
    """Each text joined with the ones after it until it holds at least ``pieces`` word pieces."""
    from tokenizers import Tokenizer

    folder = OnnxEmbedder().export()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    out = []
    for i, text in enumerate(texts):
        j, joined = i, text
        while len(tokenizer.encode(joined).ids) < pieces + 2:  # [CLS] and [SEP] do not count
            j = (j + 1) % len(texts)
            joined = f"{joined} {texts[j]}"
        out.append(joined)
    return out


def timed_export(
    make: Callable[[str], ExportedEmbedder], files: tuple[str, ...]
) -> tuple[float, str]:
    """Seconds to build an export into an empty folder, and the sha256 of its model files."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        done = make(folder).export()
        seconds = time.perf_counter() - start
        digest = hashlib.sha256(b"".join((done / name).read_bytes() for name in files))
        return seconds, digest.hexdigest()


def throughput(embedder: Embedder, texts: list[str]) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    vectors = embedder.encode(texts)
    return len(texts) / (time.perf_counter() - start), vectors


def fidelity(vectors: np.ndarray, reference: np.ndarray) -> str:
    cosine = (vectors * reference).sum(axis=1)
    return f"{cosine.mean():.4f} / {np.percentile(cosine, 1):.4f} / {cosine.min():.4f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=SAMPLE)
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench_out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    texts = pipeline_texts(args.input, args.tickets)
    inputs = {
        f"{args.input.name}, first {len(texts)}": texts,
        f"the same, joined to >= {MAX_TOKENS} word pieces": full_length(texts, MAX_TOKENS),
    }
    notes = []
    if BANKING77.exists():
        inputs[f"Banking77 test, first {args.tickets}"] = (
            pd.read_csv(BANKING77)["text"].astype(str).head(args.tickets).tolist()
        )
    else:
        notes.append(f"Banking77 skipped: {BANKING77} is absent.")
    cache = user_cache_dir()
    embedders: dict[str, Embedder] = {
        "torch (float32, the reference)": SentenceTransformerEmbedder(max_tokens=MAX_TOKENS),
        "onnx (dynamic int8, onnxruntime)": OnnxEmbedder(cache_dir=cache, max_tokens=MAX_TOKENS),
        f"openvino (static int8 + {resolve_precision('auto')}, auto)": OpenVinoEmbedder(
            cache_dir=cache, max_tokens=MAX_TOKENS
        ),
    }
    if resolve_precision("auto") != "f32":
        embedders["openvino (static int8 + f32)"] = OpenVinoEmbedder(
            cache_dir=cache, max_tokens=MAX_TOKENS, precision="f32"
        )
    for embedder in embedders.values():
        embedder.encode(["warm up: load the model"])
    lines = [f"Machine: {machine()}.", ""]
    for label, batch in inputs.items():
        speeds: dict[str, list[float]] = {name: [] for name in embedders}
        vectors: dict[str, np.ndarray] = {}
        for _ in range(args.rounds):
            for name, embedder in embedders.items():
                speed, vectors[name] = throughput(embedder, batch)
                speeds[name].append(speed)
        reference = next(iter(vectors.values()))
        base = max(next(iter(speeds.values())))
        lines += [
            f"Input: {label} ({len(batch)} texts).",
            "",
            "| backend | texts/s, each round | best / torch's best | cosine to torch: mean / "
            "1st percentile / min |",
            "|---|---|---|---|",
            *(
                f"| {name} | {', '.join(f'{s:.0f}' for s in speeds[name])} | "
                f"{max(speeds[name]) / base:.2f}x | {fidelity(vectors[name], reference)} |"
                for name in embedders
            ),
            "",
        ]
    onnx_export = [
        timed_export(lambda f: OnnxEmbedder(cache_dir=f), ("model.int8.onnx",)) for _ in range(2)
    ]
    openvino_export = [
        timed_export(lambda f: OpenVinoEmbedder(cache_dir=f), ("model.int8.xml", "model.int8.bin"))
        for _ in range(2)
    ]
    for name, runs in (("onnx", onnx_export), ("openvino", openvino_export)):
        lines.append(
            f"{name} export into an empty folder: {', '.join(f'{s:.1f} s' for s, _ in runs)}; "
            f"identical bytes both times: {len({d for _, d in runs}) == 1}."
        )
    write_report(args.out / "bench_embed.md", [*lines, *notes])


if __name__ == "__main__":
    main()
