"""Build the files: e5_tokenizer.json, model.fp32.onnx, OpenVINO int8 IR (model.int8.xml/.bin).

    python export.py [onnx|int8|all]

int8 mirrors voc.embed.openvino_backend.quantise: nncf.quantize (static), model_type
TRANSFORMER, calibrated on voc/data/calibration.txt one text per batch (each text gets the
"query: " prefix from the tokenizer), fast_bias_correction=True, saved without fp16 compression.
"""

import io
import logging
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import numpy as np
from convert import build_tokenizer, build_torch, export_onnx, read_model

HERE = Path(__file__).resolve().parent
CALIBRATION = Path("/work/main/voc/data/calibration.txt")
TOKENIZER = HERE / "e5_tokenizer.json"
ONNX = HERE / "model.fp32.onnx"
INT8 = HERE / "model.int8.xml"


def token_arrays(encodings):
    return {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
    }


def build_onnx():
    import torch

    torch.set_num_threads(1)
    cfg, tensors, parts = read_model()
    build_tokenizer(parts, max_tokens=512).save(str(TOKENIZER))
    model = build_torch(cfg, tensors)
    del tensors
    t = time.perf_counter()
    export_onnx(model, ONNX)
    print(
        f"onnx written in {time.perf_counter() - t:.1f}s: {ONNX} ({ONNX.stat().st_size / 1e6:.0f} MB)"
    )


def build_int8(calibration=CALIBRATION, target=INT8, subset=None):
    sys.modules.setdefault("openvino_telemetry", None)  # as voc: no telemetry
    import nncf
    import openvino as ov
    from tokenizers import Tokenizer

    nncf.set_log_level(logging.ERROR)
    tok = Tokenizer.from_file(str(TOKENIZER))
    texts = [l for l in Path(calibration).read_text(encoding="utf-8").splitlines() if l.strip()]
    texts = texts[:subset] if subset else texts
    feeds = [token_arrays([tok.encode(t)]) for t in texts]
    model = ov.Core().read_model(str(ONNX))
    t = time.perf_counter()
    chatter = io.StringIO()
    with redirect_stdout(chatter), redirect_stderr(chatter):
        q = nncf.quantize(
            model,
            nncf.Dataset(feeds),
            model_type=nncf.ModelType.TRANSFORMER,
            subset_size=len(feeds),
            fast_bias_correction=True,
        )
    ov.save_model(q, str(target), compress_to_fp16=False)
    print(f"int8 written in {time.perf_counter() - t:.1f}s: {target}")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("onnx", "all"):
        build_onnx()
    if what in ("int8", "all"):
        build_int8()
