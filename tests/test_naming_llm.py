"""The optional LLM namer against a real local HTTP server that speaks the chat-completions API.

The server (a ``ThreadingHTTPServer`` on 127.0.0.1) checks each request's shape, records it, and
answers as a model would, or as a broken server would: slowly, with HTTP 500, with text that is
not JSON, with names that are too long or on two lines. The namer must use good answers, return
None (the offline fallback) for every bad one, and keep to its timeouts.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from voc.cli import app
from voc.config import RunConfig, ThemeConfig, load_config
from voc.errors import ConfigError
from voc.naming import LLMNamer, ThemeEvidence, ThemeLabel, llm, namer_from_config

MODEL = "test-model"
# What the server answers by default: a name and sentence in the language the prompt asks for.
NAMES = {
    "English": ("Card not arrived", "Customers say the card they ordered has not arrived."),
    "Indonesian": ("Kartu belum sampai", "Pelanggan bilang kartu yang dipesan belum sampai."),
}
LANGUAGE_ASKED = re.compile(r"Write the name and the description in ([A-Z][a-z]+)\.")


@dataclass
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeModel:
    """The server's state: what it received, and how it answers (settable per test).

    ``answer(body)`` returns (status, response bytes, seconds to wait before answering).
    """

    seen: list[Seen] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    answer: Callable[[dict[str, Any]], tuple[int, bytes, float]] | None = None
    url: str = ""


def completion(content: str) -> bytes:
    """A chat.completion response as OpenAI-compatible servers send it."""
    return json.dumps(
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": MODEL,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
    ).encode()


def prompt_of(body: dict[str, Any]) -> str:
    return "\n".join(m["content"] for m in body["messages"])


def echo_language(body: dict[str, Any]) -> tuple[int, bytes, float]:
    """A well-behaved model: answers in the language the prompt asks for."""
    asked = LANGUAGE_ASKED.search(prompt_of(body))
    name, description = NAMES[asked.group(1) if asked else "English"]
    return 200, completion(json.dumps({"name": name, "description": description})), 0.0


def _shape_problems(path: str, body: Any) -> list[str]:
    problems = []
    if path != "/v1/chat/completions":
        problems.append(f"path {path}")
    if not isinstance(body, dict):
        return [*problems, "body is not an object"]
    if body.get("model") != MODEL:
        problems.append("model")
    messages = body.get("messages")
    if not (
        isinstance(messages, list)
        and messages
        and all(
            isinstance(m, dict)
            and m.get("role") in ("system", "user")
            and isinstance(m.get("content"), str)
            for m in messages
        )
    ):
        problems.append("messages")
    if body.get("temperature") != 0:
        problems.append("temperature")
    if not isinstance(body.get("max_tokens"), int) or not 0 < body["max_tokens"] <= 512:
        problems.append("max_tokens")
    return problems


@pytest.fixture
def server() -> Iterator[FakeModel]:
    """A real HTTP server on a free local port, answering like an OpenAI-compatible API."""
    state = FakeModel(answer=echo_language)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the http.server API)
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            problems = _shape_problems(self.path, body)
            state.problems += problems
            state.seen.append(Seen(self.path, dict(self.headers), body or {}))
            if problems:
                status, data, delay = 400, b'{"error": "bad request"}', 0.0
            else:
                status, data, delay = state.answer(body)
            time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up waiting: what a timeout test wants
                pass

        def log_message(self, *args: Any) -> None:  # keep the test output clean
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    yield state
    httpd.shutdown()
    httpd.server_close()


def theme(i: int, language: str = "en", sentences: tuple[str, ...] = (), **kw: Any):
    """Evidence for one theme; its sentences say what the server should do with it."""
    return ThemeEvidence(
        theme_id=i,
        size=20,
        language=language,
        keywords=kw.get("keywords", ("card", "arrived", "delivery")),
        sentences=sentences or (f"my card has not arrived yet (theme {i})", "where is my card"),
        neighbours=kw.get("neighbours", ("Card payment declined",)),
        offline=ThemeLabel("card / arrived", "Tickets about card and arrived."),
    )


def by_marker(answers: dict[str, tuple[int, bytes, float]]):
    """An answer chosen by a marker word in the theme's sentences; the default otherwise."""

    def answer(body: dict[str, Any]) -> tuple[int, bytes, float]:
        prompt = prompt_of(body)
        for marker, reply in answers.items():
            if marker in prompt:
                return reply
        return echo_language(body)

    return answer


def namer(url: str, **kw: Any) -> LLMNamer:
    return LLMNamer(url, MODEL, **{"timeout": 5.0, "budget": 30.0, **kw})


# --- good answers ------------------------------------------------------------------------------


def test_good_answers_are_used_one_request_per_theme(server: FakeModel) -> None:
    evidence = [theme(i) for i in range(3)]
    n = namer(server.url)
    labels = n.label(evidence)
    assert labels == [ThemeLabel(*NAMES["English"])] * 3
    assert len(server.seen) == 3 and server.problems == []
    assert n.report_.named == 3 and n.report_.stopped is None
    body = server.seen[0].body
    assert set(body) == {"model", "messages", "temperature", "max_tokens", "stream"}
    assert body["stream"] is False


def test_answer_is_in_the_themes_language(server: FakeModel) -> None:
    evidence = [
        theme(0, "id", ("kartu saya belum sampai", "kapan kartu dikirim")),
        theme(1, "en"),
    ]
    labels = namer(server.url).label(evidence)
    assert labels[0] == ThemeLabel(*NAMES["Indonesian"])
    assert labels[1] == ThemeLabel(*NAMES["English"])
    assert "in Indonesian." in prompt_of(server.seen[0].body)
    assert "in English." in prompt_of(server.seen[1].body)


def test_undetermined_language_asks_for_the_sentences_language(server: FakeModel) -> None:
    namer(server.url).label([theme(0, "und")])
    assert "the language most of the sentences use" in prompt_of(server.seen[0].body)


@pytest.mark.parametrize(
    "content",
    [
        '```json\n{"name": "Card not arrived", "description": "Customers wait for cards."}\n```',
        'Sure! Here is the label:\n{"name": "Card not arrived", "description": '
        '"Customers wait for cards."}\nI hope this helps.',
        '<think>The sentences are about {cards}.</think>\n{"name": "\\"Card not arrived.\\"", '
        '"description": "Customers wait for cards."}',
    ],
    ids=["code fence", "prose around", "thinking and quotes"],
)
def test_json_is_found_in_fences_and_prose(server: FakeModel, content: str) -> None:
    server.answer = lambda body: (200, completion(content), 0.0)
    assert namer(server.url).label([theme(0)]) == [
        ThemeLabel("Card not arrived", "Customers wait for cards.")
    ]


# --- bad answers give None ---------------------------------------------------------------------


def answer_json(name: str, description: str = "Customers report a problem with cards.") -> bytes:
    return completion(json.dumps({"name": name, "description": description}))


BAD = {
    "http500": (500, b'{"error": "internal"}', 0.0),
    "notjson": (200, b"<html>bad gateway</html>", 0.0),
    "prose": (200, completion("The theme is about cards that did not arrive."), 0.0),
    "twelve": (200, answer_json(" ".join(["card"] * 12)), 0.0),
    "oneword": (200, answer_json("Cards"), 0.0),
    "newline": (200, answer_json("Card not\narrived"), 0.0),
    "emptyname": (200, answer_json("  "), 0.0),
    "twosentences": (200, answer_json("Card not arrived", "Cards are late. People are sad."), 0.0),
    "longdesc": (200, answer_json("Card not arrived", "word " * 80), 0.0),
    "invented": (200, answer_json("Card sent to [EMAIL]"), 0.0),
    "personal": (200, answer_json("Card not arrived", "Customers like bob@example.com wait."), 0.0),
    "neighbour": (200, answer_json("Card payment declined"), 0.0),
    "nocontent": (200, json.dumps({"choices": []}).encode(), 0.0),
}


def test_every_bad_answer_gives_none_and_the_good_ones_stand(server: FakeModel) -> None:
    server.answer = by_marker(BAD)
    evidence = [theme(i, sentences=(f"card case {m}",)) for i, m in enumerate(BAD)]
    evidence.append(theme(len(BAD)))
    n = namer(server.url)
    labels = n.label(evidence)
    assert dict(zip(BAD, labels, strict=False)) == dict.fromkeys(BAD)
    assert labels[-1] == ThemeLabel(*NAMES["English"])  # one bad answer stops nothing
    assert len(server.seen) == len(evidence)
    assert n.report_.named == 1 and sum(n.report_.failures.values()) == len(BAD)
    assert n.report_.failures["HTTP 500"] == 1 and n.report_.failures["name length"] == 2


def test_a_pii_token_the_evidence_holds_may_be_repeated(server: FakeModel) -> None:
    server.answer = lambda body: (200, answer_json("Login fails for [EMAIL] users"), 0.0)
    masked = theme(0, sentences=("login fails for [EMAIL] since monday",))
    assert namer(server.url).label([masked]) == [
        ThemeLabel("Login fails for [EMAIL] users", "Customers report a problem with cards.")
    ]
    assert namer(server.url).label([theme(1)]) == [None]  # the same answer, token not in evidence


def test_not_found_stops_asking(server: FakeModel) -> None:
    server.answer = lambda body: (404, b'{"error": "model not found"}', 0.0)
    n = namer(server.url)
    assert n.label([theme(i) for i in range(5)]) == [None] * 5
    assert len(server.seen) == 1
    assert "HTTP 404" in n.report_.stopped


# --- time ---------------------------------------------------------------------------------------


def test_slow_answer_times_out_and_the_next_theme_is_still_asked(server: FakeModel) -> None:
    server.answer = by_marker({"slowcase": (200, answer_json("Card not arrived"), 3.0)})
    evidence = [theme(0, sentences=("card slowcase",)), theme(1)]
    started = time.monotonic()
    n = namer(server.url, timeout=0.5)
    labels = n.label(evidence)
    elapsed = time.monotonic() - started
    assert labels == [None, ThemeLabel(*NAMES["English"])]
    assert n.report_.failures == {"timeout": 1}
    assert elapsed < 2.5, elapsed  # 0.5 s timeout + one fast request, with slack for a busy CI


def test_budget_bounds_the_whole_run(server: FakeModel) -> None:
    # Each answer takes 1.5 s and the budget is 2 s: the second request is cut at 2 s (it would
    # end at 3 s), the other eight are never sent.
    server.answer = lambda body: (200, answer_json("Card not arrived"), 1.5)
    evidence = [theme(i) for i in range(10)]
    started = time.monotonic()
    n = namer(server.url, timeout=5.0, budget=2.0)
    labels = n.label(evidence)
    elapsed = time.monotonic() - started
    assert elapsed < 2.0 + 0.7, elapsed
    assert labels[0] is not None
    assert labels[1:] == [None] * 9
    assert len(server.seen) == 2 and n.report_.asked == 2
    assert n.report_.failures == {"timeout": 1} and "budget" in n.report_.stopped


def test_refused_connection_is_tried_once_and_all_fall_back() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    n = namer(f"http://127.0.0.1:{port}/v1", timeout=10.0, budget=60.0)
    started = time.monotonic()
    labels = n.label([theme(i) for i in range(20)])
    assert time.monotonic() - started < 1.0
    assert labels == [None] * 20
    assert n.report_.asked == 1
    assert n.report_.stopped.startswith("cannot connect to")


# --- what is sent -------------------------------------------------------------------------------


def test_api_key_comes_from_the_named_environment_variable(
    server: FakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOC_TEST_NAMER_KEY", "sk-local-123")
    namer(server.url, api_key_env="VOC_TEST_NAMER_KEY").label([theme(0)])
    assert server.seen[0].headers["Authorization"] == "Bearer sk-local-123"
    monkeypatch.delenv("VOC_TEST_NAMER_KEY")
    n = namer(server.url, api_key_env="VOC_TEST_NAMER_KEY")
    n.label([theme(0)])
    assert "Authorization" not in server.seen[1].headers
    assert "VOC_TEST_NAMER_KEY is not set" in n.report_.notes[0]
    namer(server.url).label([theme(0)])
    assert "Authorization" not in server.seen[2].headers


# The fixed text of every prompt (the instruction, headings, the language sentence); anything
# else in a prompt must come from the evidence.
FIXED_TEXT = " ".join(
    [
        llm.SYSTEM_PROMPT,
        llm.INSTRUCTIONS,
        llm.ANSWER_FORMAT,
        "Typical sentences: Key phrases: Nearby themes, which the name must be clearly different "
        "from: Write the name and the description in Indonesian.",
    ]
)


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_the_prompt_holds_only_the_evidence_and_nothing_is_printed(
    server: FakeModel, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    evidence = ThemeEvidence(
        theme_id=4242,
        size=777,
        language="id",
        keywords=("qzkartu", "qzsampai"),
        sentences=("qzsatu qzdua [EMAIL]", "qztiga\nqzempat"),
        neighbours=("Qzlain theme",),
        offline=ThemeLabel("qzoffline name", "qzoffline description"),
    )
    namer(server.url).label([evidence])
    prompt = prompt_of(server.seen[0].body)
    allowed = words(FIXED_TEXT) | words(
        " ".join([*evidence.keywords, *evidence.sentences, *evidence.neighbours])
    )
    assert words(prompt) - allowed == set()
    for text in (
        *evidence.keywords,
        *evidence.neighbours,
        "qzsatu qzdua [EMAIL]",
        "qztiga qzempat",
    ):
        assert text in prompt  # each sentence on one line
    assert "4242" not in prompt and "777" not in prompt and "qzoffline" not in prompt
    captured = capsys.readouterr()
    assert "qz" not in captured.out + captured.err + caplog.text


def test_long_evidence_is_cut_to_a_small_prompt(server: FakeModel) -> None:
    many = tuple(f"sentence {i} " + "x" * 1000 for i in range(30))
    namer(server.url).label([theme(0, sentences=many)])
    prompt = prompt_of(server.seen[0].body)
    assert "sentence 7 " in prompt and "sentence 8 " not in prompt
    assert len(prompt) < 4000


# --- settings -----------------------------------------------------------------------------------


def test_off_by_default_and_on_from_a_config_file(tmp_path: Path) -> None:
    assert namer_from_config(ThemeConfig()) is None
    path = tmp_path / "voc.toml"
    path.write_text(
        '[themes]\nnamer_url = "http://localhost:11434/v1"\nnamer_model = "qwen2.5:3b-instruct"\n'
        'namer_timeout = 12\nnamer_api_key_env = "VOC_NAMER_KEY"\n'
    )
    made = namer_from_config(load_config(path).themes)
    assert isinstance(made, LLMNamer)
    assert (made.url, made.model, made.timeout, made.budget, made.api_key_env) == (
        "http://localhost:11434/v1",
        "qwen2.5:3b-instruct",
        12.0,
        300.0,
        "VOC_NAMER_KEY",
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"themes.namer_url": "http://localhost:11434/v1"}, "namer_model' is needed"),
        ({"themes.namer_url": "localhost:11434", "themes.namer_model": "m"}, "http(s) URL"),
        (
            {"themes.namer_url": "http://u:pw@host/v1", "themes.namer_model": "m"},
            "user name or password",
        ),
        (
            {
                "themes.namer_url": "http://host/v1",
                "themes.namer_model": "m",
                "themes.namer_api_key_env": "sk-abc-123",
            },
            "NAME of an environment variable",
        ),
        ({"themes.namer_timeout": 0}, "at least 0.1"),
    ],
)
def test_bad_settings_say_what_to_do(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        RunConfig().with_overrides(overrides)


def test_cli_turns_it_on_and_refuses_a_url_without_model(tmp_path: Path) -> None:
    export = tmp_path / "t.csv"
    export.write_text("text\nmy card has not arrived\n")
    result = CliRunner().invoke(
        app, ["cluster", str(export), "-w", str(tmp_path / "ws"), "--namer-url", "http://h/v1"]
    )
    assert result.exit_code == 2
    assert "namer_model' is needed" in result.output and "--namer-model" in result.output


# --- end to end ---------------------------------------------------------------------------------

TOPICS = {
    "money back": ("Refund for a mistaken order", "Customers want their money back for an order."),
    "dark theme": ("Dark mode request", "Customers ask for a dark theme because of eye strain."),
    "crashes": ("App crashes on photo upload", "Customers say the app crashes on photo upload."),
}


def test_llm_names_reach_themes_json(server: FakeModel, tmp_path: Path, embedder) -> None:
    from tests.conftest import write_csv
    from voc.runs import run

    rows = [
        (f"Refund request {n}", f"I would like my money back for order {n}, it was a mistake.")
        for n in range(12)
    ]
    rows += [(f"Dark mode {n}", f"Please add a dark theme, my eyes hurt at night ({n}).")
             for n in range(12)]  # fmt: skip
    rows += [(f"App crash {n}", f"The mobile app crashes when I upload a photo (try {n}).")
             for n in range(12)]  # fmt: skip
    export = write_csv(
        tmp_path / "tickets.csv",
        "Id,Subject,Description\n" + "".join(f'{i},"{s}","{b}"\n' for i, (s, b) in enumerate(rows)),
    )

    def by_topic(body: dict[str, Any]) -> tuple[int, bytes, float]:
        # The theme's own sentences only: the neighbours' names may hold another topic's words.
        prompt = prompt_of(body).split("Typical sentences:")[1].split("\n\n")[0]
        for marker, (name, description) in TOPICS.items():
            if marker in prompt:
                return 200, answer_json(name, description), 0.0
        return 500, b"{}", 0.0

    server.answer = by_topic
    config = RunConfig().with_overrides(
        {"themes.namer_url": server.url, "themes.namer_model": MODEL}
    )
    result = run(export, tmp_path / "ws", config, embedder=embedder)
    stored = json.loads((result.stored.path / "themes.json").read_text(encoding="utf-8"))
    named = {t["name"]: t["description"] for t in stored["themes"] if t["theme_id"] >= 0}
    assert server.problems == [] and len(server.seen) == len(named)
    assert named == dict(TOPICS.values())
    naming = result.manifest["naming"]
    assert naming["method"] == "llm" and naming["llm"]["named"] == len(named)
    assert not any("LLM namer" in w for w in result.manifest["warnings"])


def test_an_unreachable_namer_is_a_warning_and_the_offline_names_stay(
    tmp_path: Path, embedder
) -> None:
    from tests.conftest import write_csv
    from voc.runs import run

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bodies = [f"The mobile app crashes when I upload a photo (try {n})." for n in range(15)]
    bodies += [f"Please add a dark theme, my eyes hurt at night ({n})." for n in range(15)]
    rows = [f'{i},"{body}"\n' for i, body in enumerate(bodies)]
    export = write_csv(tmp_path / "tickets.csv", "Id,Description\n" + "".join(rows))
    config = RunConfig().with_overrides(
        {"themes.namer_url": f"http://127.0.0.1:{port}/v1", "themes.namer_model": MODEL}
    )
    result = run(export, tmp_path / "ws", config, embedder=embedder)
    assert result.manifest["naming"]["llm"]["named"] == 0
    assert any("LLM namer named 0 of" in w for w in result.manifest["warnings"])
    assert all(t.name for t in result.themes)
