"""The int8 export through voc's own OpenVinoEmbedder.open + load_tokenizer (read-only import)."""

import sys
from pathlib import Path

sys.path.insert(0, "/work/main")
import data
import numpy as np

from voc.embed.base import token_arrays
from voc.embed.export import load_tokenizer
from voc.embed.openvino_backend import OpenVinoEmbedder

folder = Path(__file__).resolve().parent / "voc_folder"
workers, run = OpenVinoEmbedder(threads=1).open(folder, 1)
tok = load_tokenizer(folder / "tokenizer.json", 512)
if isinstance(tok, tuple):  # newer voc: (tokenizer, pad_id), batches padded by the caller
    tok, pad_id = tok
    tok.enable_padding(pad_id=pad_id)
texts = data.tickets(64)
v = run(workers[0], token_arrays(tok.encode_batch(texts)))
ref = np.load("refs.npz")["tickets"][:64]
c = (v * ref).sum(1)
print(
    f"voc OpenVinoEmbedder.open on the e5 int8 export: {v.shape}, cos mean {c.mean():.5f} min {c.min():.5f}"
)
