"""Theme names from a local LLM behind an OpenAI-compatible endpoint (Ollama, llama.cpp, vLLM).

Optional and off by default (see docs/naming-llm.md): :func:`namer_from_config` gives an
:class:`LLMNamer` only when ``themes.namer_url`` is set. The namer asks once per theme, at
``{url}/chat/completions``, for a JSON object ``{"name": ..., "description": ...}``, and returns
None for every theme it could not label well, so the offline label stands: a slow or unreachable
server, an HTTP error, an answer that is not JSON, a name that is not 2-6 words, a description that
is not one sentence, an answer with personal data the evidence did not hold. What it sends is the
theme's evidence only (already-masked sentences, key phrases, the neighbours' names) and a fixed
instruction; it never logs or prints the sentences.

Time is bounded three ways: ``timeout`` seconds per request; ``budget`` seconds for the whole run
(the themes not reached get None); and after a failed connection (refused, unknown host, no answer
to connect) or an answer that says the server will refuse every request (401, 403, 404), the
remaining themes are not asked, so an unreachable server costs one connection attempt, not one
timeout per theme.

The standard library's ``http.client`` is used rather than ``requests`` (pinned, but only
transitively) or ``urllib.request``: it gives the connected socket, so connect failures are told
apart from slow answers and the socket's timeout is cut to what is left of the budget before every
read; and it reads no ``*_proxy`` variable, so the sentences go to the URL the user gave and
nowhere else.

Example:
    >>> namer = LLMNamer("http://localhost:11434/v1", "qwen2.5:3b-instruct", timeout=30, budget=300)
    >>> labels = namer.label(evidence)  # doctest: +SKIP
    >>> [label or ev.offline for label, ev in zip(labels, evidence)]  # doctest: +SKIP
"""

from __future__ import annotations

import http.client
import json
import os
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from voc.clean.pii import mask_pii
from voc.config import ThemeConfig
from voc.errors import ConfigError
from voc.naming.base import Namer, ThemeEvidence, ThemeLabel

__all__ = ["LLMNamer", "NamerReport", "build_messages", "namer_from_config"]

# --- what is sent -------------------------------------------------------------------------------

# A name (<= 6 words) and one sentence come to 40-80 tokens of JSON; 256 leaves room for a model
# that writes a line of prose or a code fence around it, and still stops a runaway answer early.
MAX_TOKENS = 256
# Enough typical sentences to see what a theme is about, few enough for a 2k-token context window
# (8 x 300 characters is about 600 tokens) and a quick answer from a small model on a CPU.
MAX_SENTENCES = 8
MAX_SENTENCE_CHARS = 300
MAX_KEYWORDS = 10
MAX_NEIGHBOURS = 5
# An answer larger than this is not a name and a sentence; reading stops there.
MAX_RESPONSE_BYTES = 1 << 20
# Below this many seconds left of the budget a request is not started: it could not finish.
MIN_REQUEST_SECONDS = 0.05
# Answers that mean every request would get the same: bad key, forbidden, no such model or path.
REFUSING_STATUSES = (401, 403, 404)

SYSTEM_PROMPT = (
    "You name themes found in customer-support tickets for a product team. "
    "You answer with one JSON object and nothing else."
)
INSTRUCTIONS = (
    "The sentences below are typical of one theme of customer-support tickets. Personal data in "
    "them is already replaced by tokens such as [EMAIL]; never invent any.\n"
    "Name the theme the way a support analyst would: 2 to 6 words, a noun phrase or a problem "
    'statement in the customers\' own words (for example "Card not arrived" or "Login loop '
    'after enabling 2FA"), not a list of keywords. Then describe in one sentence what these '
    "customers report."
)
ANSWER_FORMAT = 'Answer with one JSON object: {"name": "...", "description": "..."}'

# English names of the languages voc detects (voc.ingest.values.languages) and a few more, so the
# instruction says "Indonesian" rather than "id"; any other code is named by its code.
LANGUAGE_NAMES = {
    "en": "English",
    "id": "Indonesian",
    "ms": "Malay",
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "de": "German",
    "nl": "Dutch",
    "it": "Italian",
    "tl": "Tagalog",
    "vi": "Vietnamese",
    "th": "Thai",
    "ja": "Japanese",
    "zh": "Chinese",
    "ko": "Korean",
}
UNDETERMINED = "und"

# --- what is accepted ---------------------------------------------------------------------------

NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 6
NAME_MAX_CHARS = 60
DESCRIPTION_MIN_WORDS = 3
DESCRIPTION_MAX_CHARS = 240
# Scripts written without spaces between words: there a name is counted in characters instead.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
NAME_MIN_CHARS_UNSPACED = 2
NAME_MAX_CHARS_UNSPACED = 20
# voc's PII tokens ([EMAIL], [PHONE], [NAME], [ID_NUMBER] ...): an answer may repeat one only if
# the evidence has it; one the evidence lacks means the model made something up.
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]{1,19}\]")
# Sentence-ending punctuation followed by more text: a second sentence.
_SECOND_SENTENCE = re.compile(r"[.!?。！？]\s+\S")
_QUOTES = "\"'`“”‘’«»「」"
# Reasoning models (Qwen3, DeepSeek-R1) may write their thoughts first, between these tags.
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class NamerReport:
    """What one :meth:`LLMNamer.label` call did, without any ticket text: for the run's manifest.

    Attributes:
        themes: themes given.
        asked: requests sent.
        named: labels accepted.
        failures: why the other requests gave no label ("timeout", "HTTP 500", "not JSON" ...).
        stopped: why the endpoint was no longer asked (unreachable, refusing, budget spent).
        notes: anything else the user should know (an API key variable that is not set).
        seconds: time the call took.
    """

    themes: int
    asked: int
    named: int
    failures: Mapping[str, int] = field(default_factory=dict)
    stopped: str | None = None
    notes: tuple[str, ...] = ()
    seconds: float = 0.0


class _Rejected(Exception):
    """One theme's answer is unusable; the message says why (never quoting ticket text)."""


class _Stop(Exception):
    """The endpoint cannot be connected to, or will refuse every request: no further theme is
    asked. The message says why."""


class LLMNamer:
    """Labels themes by asking a chat model behind an OpenAI-compatible ``/chat/completions``.

    Args:
        url: base URL of the API, such as ``http://localhost:11434/v1`` (Ollama).
        model: the model's name on that server.
        timeout: seconds one request may take (connecting, sending and reading the answer).
        budget: seconds all requests of one :meth:`label` call may take together.
        api_key_env: name of the environment variable holding an API key, sent as a Bearer
            token; None sends none (local servers need none).

    After :meth:`label`, ``report_`` holds a :class:`NamerReport` of that call.
    """

    def __init__(
        self,
        url: str,
        model: str,
        *,
        timeout: float = 30.0,
        budget: float = 300.0,
        api_key_env: str | None = None,
    ) -> None:
        self.url = url
        self.model = model
        self.timeout = timeout
        self.budget = budget
        self.api_key_env = api_key_env

    def label(self, evidence: Sequence[ThemeEvidence]) -> list[ThemeLabel | None]:
        """One label per theme, in order; None where the model gave no usable one."""
        started = time.monotonic()
        deadline = started + self.budget
        labels: list[ThemeLabel | None] = [None] * len(evidence)
        failures: Counter[str] = Counter()
        asked = 0
        stopped = None
        headers = self._headers()
        notes: tuple[str, ...] = ()
        if self.api_key_env and "Authorization" not in headers:
            notes = (f"environment variable {self.api_key_env} is not set: no API key sent",)
        for i, ev in enumerate(evidence):
            now = time.monotonic()
            if deadline - now < MIN_REQUEST_SECONDS:
                stopped = f"the budget of {self.budget:g} s was spent"
                break
            asked += 1
            try:
                content = self._ask(ev, headers, min(now + self.timeout, deadline))
                labels[i] = _accept(content, ev)
            except _Stop as exc:
                stopped = str(exc)
                break
            except _Rejected as exc:
                failures[str(exc)] += 1
        self.report_ = NamerReport(
            themes=len(evidence),
            asked=asked,
            named=sum(label is not None for label in labels),
            failures=dict(failures),
            stopped=stopped,
            notes=notes,
            seconds=time.monotonic() - started,
        )
        return labels

    def _endpoint(self) -> str:
        """The chat-completions URL under the base URL (or the URL itself if it ends so)."""
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.api_key_env) if self.api_key_env else None
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return headers

    def _ask(self, evidence: ThemeEvidence, headers: dict[str, str], deadline: float) -> str:
        """The model's answer text for one theme; every socket wait ends by ``deadline``."""
        parts = urlsplit(self._endpoint())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _Stop(f"{self.url} is not an http(s) URL")
        body = json.dumps(
            {
                "model": self.model,
                "messages": build_messages(evidence),
                "temperature": 0,
                "max_tokens": MAX_TOKENS,
                "stream": False,
            }
        ).encode("utf-8")
        kind = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        conn = kind(parts.hostname, parts.port, timeout=_left(deadline))
        try:
            try:
                conn.connect()
            except OSError as exc:  # refused, unknown host, no answer within the timeout
                raise _Stop(f"cannot connect to {self.url}: {_reason(exc)}") from None
            try:
                conn.request("POST", parts.path or "/", body=body, headers=headers)
                conn.sock.settimeout(_left(deadline))
                response = conn.getresponse()
                data = _read(response, conn, deadline)
            except TimeoutError:
                raise _Rejected("timeout") from None
            except (OSError, http.client.HTTPException) as exc:
                raise _Rejected(f"connection lost: {_reason(exc)}") from None
        finally:
            conn.close()
        if response.status in REFUSING_STATUSES:
            raise _Stop(f"{self._endpoint()} answered HTTP {response.status}")
        if response.status != 200:
            raise _Rejected(f"HTTP {response.status}")
        try:
            payload = json.loads(data)
            content = payload["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise _Rejected("not a chat completion") from None
        if not isinstance(content, str):
            raise _Rejected("not a chat completion")
        return content


def build_messages(evidence: ThemeEvidence) -> list[dict[str, str]]:
    """The chat messages for one theme: the fixed instruction and the theme's evidence only."""
    lines = [INSTRUCTIONS, "", "Typical sentences:"]
    for sentence in evidence.sentences[:MAX_SENTENCES]:
        lines.append("- " + " ".join(sentence.split())[:MAX_SENTENCE_CHARS])
    if evidence.keywords:
        lines += ["", "Key phrases: " + ", ".join(evidence.keywords[:MAX_KEYWORDS])]
    if evidence.neighbours:
        lines += [
            "",
            "Nearby themes, which the name must be clearly different from: "
            + "; ".join(evidence.neighbours[:MAX_NEIGHBOURS]),
        ]
    lines += ["", _language_instruction(evidence.language), ANSWER_FORMAT]
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": "\n".join(lines)},
    ]


def _language_instruction(code: str) -> str:
    if not code or code == UNDETERMINED:
        return "Write the name and the description in the language most of the sentences use."
    language = LANGUAGE_NAMES.get(code, f"the language with ISO 639-1 code '{code}'")
    return f"Write the name and the description in {language}."


def namer_from_config(config: ThemeConfig) -> Namer | None:
    """The LLM namer the settings ask for, or None when ``themes.namer_url`` is not set."""
    if not config.namer_url:
        return None
    if not config.namer_model:  # ThemeConfig refuses this too; kept for configs built by hand
        raise ConfigError(
            "setting 'themes.namer_model' is needed with 'themes.namer_url': the model's name on "
            "that server (`ollama list` shows Ollama's)"
        )
    return LLMNamer(
        config.namer_url,
        config.namer_model,
        timeout=config.namer_timeout,
        budget=config.namer_budget,
        api_key_env=config.namer_api_key_env,
    )


# --- reading and checking an answer -------------------------------------------------------------


def _left(deadline: float) -> float:
    """Seconds left until ``deadline``, never zero (a zero timeout makes a socket non-blocking)."""
    return max(deadline - time.monotonic(), 0.001)


def _reason(exc: BaseException) -> str:
    """A short, text-free reason for a network error ("Connection refused", "timed out")."""
    return getattr(exc, "strerror", None) or type(exc).__name__


def _read(
    response: http.client.HTTPResponse, conn: http.client.HTTPConnection, deadline: float
) -> bytes:
    """The response body, read in pieces with the socket's timeout cut to the time left."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() >= deadline:
            raise TimeoutError
        if conn.sock is not None:
            conn.sock.settimeout(_left(deadline))
        chunk = response.read(16_384)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise _Rejected("answer too large")
        chunks.append(chunk)


def _accept(content: str, evidence: ThemeEvidence) -> ThemeLabel:
    """The label in the model's answer, if it passes every check; else :class:`_Rejected`."""
    answer = _json_object(content)
    name, description = answer.get("name"), answer.get("description")
    if not isinstance(name, str) or not isinstance(description, str):
        raise _Rejected("no name and description")
    name = _check_name(name, evidence)
    description = _check_description(description)
    _check_personal_data(f"{name}\n{description}", evidence)
    return ThemeLabel(name=name, description=description)


def _json_object(content: str) -> dict[str, Any]:
    """The first JSON object holding a "name" in the answer: bare, in a code fence or in prose."""
    text = _THINKING.sub("", content)
    for candidate in (*_FENCE.findall(text), text):
        for obj in _objects(candidate):
            if "name" in obj:
                return obj
    raise _Rejected("not JSON")


def _objects(text: str) -> Iterator[dict[str, Any]]:
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            obj, end = decoder.raw_decode(text, start)
        except ValueError:
            start = text.find("{", start + 1)
            continue
        if isinstance(obj, dict):
            yield obj
        start = text.find("{", end)


def _check_name(raw: str, evidence: ThemeEvidence) -> str:
    name = raw.strip().strip(_QUOTES).strip().rstrip(".").strip()
    if not name:
        raise _Rejected("empty name")
    if _has_control(name):
        raise _Rejected("name on several lines")
    if _UNSPACED.search(name) and len(name.split()) == 1:
        if not NAME_MIN_CHARS_UNSPACED <= len(name) <= NAME_MAX_CHARS_UNSPACED:
            raise _Rejected("name length")
    elif not NAME_MIN_WORDS <= len(name.split()) <= NAME_MAX_WORDS:
        raise _Rejected("name length")
    if len(name) > NAME_MAX_CHARS:
        raise _Rejected("name length")
    if name.casefold() in {n.strip().casefold() for n in evidence.neighbours}:
        raise _Rejected("name of a neighbour")
    return " ".join(name.split())


def _check_description(raw: str) -> str:
    description = raw.strip().strip(_QUOTES).strip()
    if _has_control(description):
        raise _Rejected("description on several lines")
    if len(description.split()) < DESCRIPTION_MIN_WORDS and not _UNSPACED.search(description):
        raise _Rejected("description too short")
    if len(description) > DESCRIPTION_MAX_CHARS:
        raise _Rejected("description too long")
    if _SECOND_SENTENCE.search(description):
        raise _Rejected("description of several sentences")
    return " ".join(description.split())


def _check_personal_data(text: str, evidence: ThemeEvidence) -> None:
    """Refuse PII tokens the evidence lacks, and anything voc's masking would mask."""
    seen = set()
    for part in (*evidence.sentences, *evidence.keywords, *evidence.neighbours):
        seen.update(_PLACEHOLDER.findall(part))
    if set(_PLACEHOLDER.findall(text)) - seen:
        raise _Rejected("PII token not in the evidence")
    if mask_pii(text) != text:
        raise _Rejected("looks like personal data")


def _has_control(text: str) -> bool:
    """Newlines, tabs and other control characters: a name or a sentence is one clean line."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)
