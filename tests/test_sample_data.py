"""Checks on the committed sample helpdesk export, its truth file and its generator."""

from __future__ import annotations

import csv
import html
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest

SAMPLE_DIR = Path(__file__).parents[1] / "sample_data"
GENERATOR = SAMPLE_DIR / "generate.py"
EXPORT = SAMPLE_DIR / "sample_tickets.csv"
TRUTH = SAMPLE_DIR / "sample_tickets_truth.csv"
PII = SAMPLE_DIR / "sample_pii_values.txt"
OUTPUT_NAMES = (EXPORT.name, TRUTH.name, PII.name)

HEADERS = [
    "Id",
    "Subject",
    "Description",
    "Created at",
    "Status",
    "Priority",
    "Via",
    "Tags",
    "Satisfaction Score",
    "Requester email",
    "Organization",
    "Plan tier",
    "Reopens",
    "Replies",
    "Full resolution time in minutes",
]
TRUTH_HEADERS = ["ticket_id", "theme", "kind", "language"]
KINDS = {"defect", "friction", "question", "billing", "feature_request", "praise"}
EMPTY_THEME = "__empty__"
EMERGING_THEME = "email_notifications_stopped"
WINDOW_START = datetime(2026, 6, 1)
WINDOW_END = WINDOW_START + timedelta(days=120)
EMERGING_START = WINDOW_END - timedelta(days=21)
UNSOLVED = {"new", "open", "pending"}
# Repetition limits: real requesters describe one problem in their own words.
MAX_TICKETS_PER_SENTENCE = 6  # within a theme, for any problem-statement sentence
MIN_CORE_VARIETY = 1 / 3  # distinct core statements per ticket of a theme
MAX_SHARED_SENTENCE_SHARE = 0.03  # of all tickets, for any sentence that is not a greeting etc.
MAX_CHANNEL_SHARE = 0.08  # chat transcripts and phone notes, each
MIN_COUNTED = 25  # shorter sentences ("Thanks in advance.") are not counted
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")


def read_rows(path: Path) -> list[list[str]]:
    """All rows of a CSV file, header included."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def export() -> list[dict[str, str]]:
    """Every export row (duplicates included), in file order."""
    rows = read_rows(EXPORT)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def tickets(export: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """First occurrence of each distinct ticket id."""
    first: dict[str, dict[str, str]] = {}
    for row in export:
        first.setdefault(row["Id"], row)
    return first


@pytest.fixture(scope="module")
def truth() -> dict[str, dict[str, str]]:
    """Truth rows by ticket id."""
    rows = read_rows(TRUTH)
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


@pytest.fixture(scope="module")
def by_theme(
    tickets: dict[str, dict[str, str]], truth: dict[str, dict[str, str]]
) -> dict[str, list[dict[str, str]]]:
    """Distinct tickets grouped by planted theme (empty tickets excluded)."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for ticket_id, row in tickets.items():
        theme = truth[ticket_id]["theme"]
        if theme != EMPTY_THEME:
            groups[theme].append(row)
    return dict(groups)


@pytest.fixture(scope="module")
def pii_values() -> list[str]:
    """Planted PII values, one per line."""
    return PII.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    """``sample_data/generate.py`` imported as a module."""
    from sample_data import generate

    return generate


@pytest.fixture(scope="module")
def generated(generator: ModuleType) -> list:
    """The generator's tickets (with their composed core statements), checked against the file."""
    dataset = generator.generate()
    assert [list(HEADERS), *dataset.export_rows] == read_rows(EXPORT)
    return [ticket for ticket in dataset.tickets if ticket.slug != EMPTY_THEME]


def normal_form(sentence: str) -> str:
    """Lower-cased, digits removed, whitespace collapsed."""
    return " ".join(re.sub(r"\d", "", sentence.lower()).split())


def counted_sentences(text: str) -> set[str]:
    """The normal forms of the sentences of ``text`` that are long enough to count."""
    keys = {normal_form(part) for part in SENTENCE_BREAK.split(text)}
    return {key for key in keys if len(key) >= MIN_COUNTED}


def template_pattern(template: str) -> str:
    """A regex for any text a generator template can produce, matched on lower-cased text.

    ``[a|b]`` groups become alternations, ``{placeholders}`` match anything and spaces are
    optional (an empty option removes one). A final period may be missing at the end of a line
    (typos drop it).
    """
    body = template[:-1] if template.endswith(".") else template
    out: list[str] = []
    for token in re.findall(r"\{[a-z0-9_]+\}|[\[\]|]|\s+|[^\[\]|{\s]+|\{", body):
        if token.startswith("{") and token.endswith("}"):
            out.append(".*?")
        elif token in "[]|":
            out.append({"[": "(?:", "]": ")", "|": "|"}[token])
        elif token.isspace():
            out.append(r"\s*")
        else:
            out.append(re.escape(token.lower()))
    if template.endswith("."):
        out.append(r"(?:\.|(?=\n|$))")
    elif not template.endswith((",", "!", "?")):
        out.append(r"(?=\n|$)")
    return "".join(out)


def envelope_templates(generator: ModuleType) -> list[str]:
    """Greetings, sign-offs, "Sent from" lines and support-agent lines, from the generator."""
    return [
        *generator.GREETINGS_EN,
        *generator.GREETINGS_ID,
        *generator.SIGNOFFS_EN,
        *generator.SIGNOFFS_ID,
        *generator.SENT_FROM,
        *generator.SENT_FROM_ID,
        *generator.AGENT_LINES_EN,
        *generator.AGENT_LINES_ID,
        *generator.AGENT_CHAT_EN,
        *generator.AGENT_CHAT_ID,
    ]


def generic_templates(generator: ModuleType) -> list[str]:
    """The envelope plus filler, link, card and contact lines shared by all themes."""
    return [
        *envelope_templates(generator),
        *generator.LINK_SENTENCES_EN,
        *generator.LINK_SENTENCES_ID,
        *generator.CARD_SENTENCES_EN,
        *generator.CARD_SENTENCES_ID,
        *(line for pool in generator.CONTACT_SENTENCES_EN.values() for line in pool),
        *(line for pool in generator.CONTACT_SENTENCES_ID.values() for line in pool),
        *(line for pool in generator.FILLERS_EN.values() for line in pool),
        *(line for pool in generator.FILLERS_ID.values() for line in pool),
    ]


def boilerplate_pattern(generator: ModuleType, templates: Iterable[str]) -> re.Pattern[str]:
    """One regex for whole sentences or lines produced by any of the generator's ``templates``."""
    patterns = sorted(
        {template_pattern(t.removeprefix(generator.STANDALONE)) for t in templates},
        key=len,
        reverse=True,
    )
    alternatives = "|".join(f"(?:{pattern})" for pattern in patterns)
    return re.compile(rf"(?:(?<![^\n])|(?<=[.!?,:] ))(?:{alternatives})(?=\s|$)")


def message_text(description: str) -> str:
    """What the requester wrote: no HTML, quoted replies, chat/phone/form scaffolding or links."""
    text = re.sub(r"<br>|</div>|</p>", "\n", description)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = re.split(r"(?m)^(?:-----Original Message-----|On .* wrote:|Pada .* menulis:)$", text)[0]
    text = re.sub(r"(?m)^>.*$", "", text)
    text = re.sub(r"(?m)^\(\d\d:\d\d:\d\d [AP]M\) [^:]+: ", "", text)
    scaffolding = (
        r"Chat started: .*",
        r"(?:Name|Email|Company|Topic): .*",
        r"Message:",
        r"(?:Inbound call from|Telepon masuk dari|Call summary:|Phone call with) .*",
        r"(?:Callback number|Nomor yang bisa dihubungi|- Call back): .*",
        r"Customer asked for a call back on .*",
    )
    text = re.sub(rf"(?m)^(?:{'|'.join(scaffolding)})$", "", text)
    text = re.sub(r"(?m)^(?:Caller said: |Pelanggan menyampaikan: |- )", "", text)
    return re.sub(r"https?://\S+", "", text)


def text_of(row: dict[str, str]) -> str:
    """Subject and description of a row."""
    return f"{row['Subject']}\n{row['Description']}"


def luhn_valid(number: str) -> bool:
    """Whether the digits of ``number`` pass the Luhn check."""
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
        total += digit
    return bool(digits) and total % 10 == 0


def is_card(value: str) -> bool:
    """Card numbers: 15-16 digits (spaces/dashes allowed) starting with 3, 4 or 5, no + or (."""
    digits = re.sub(r"[ -]", "", value)
    return digits.isdigit() and len(digits) in (15, 16) and digits[0] in "345"


def kind_of(
    theme_rows: dict[str, list[dict[str, str]]], truth: dict[str, dict[str, str]]
) -> dict[str, str]:
    """Kind of each theme, from the truth file."""
    return {theme: truth[rows[0]["Id"]]["kind"] for theme, rows in theme_rows.items()}


def test_generator_is_reproducible(tmp_path: Path) -> None:
    """Re-running the generator (with another hash seed) gives byte-identical files."""
    env = {**os.environ, "PYTHONHASHSEED": "4242", "LC_ALL": "C", "TZ": "Pacific/Auckland"}
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out-dir", str(tmp_path)],
        check=True,
        capture_output=True,
        env=env,
    )
    for name in OUTPUT_NAMES:
        assert (tmp_path / name).read_bytes() == (SAMPLE_DIR / name).read_bytes(), name


def test_scale_multiplies_every_theme(generator: ModuleType) -> None:
    """``scale`` multiplies each theme's size and Indonesian count, and the empty and duplicate
    rows (the default, 1.0, is the committed sample: see the reproducibility test)."""
    dataset = generator.generate(scale=0.2)
    sizes = Counter(ticket.slug for ticket in dataset.tickets)
    indonesian = Counter(ticket.slug for ticket in dataset.tickets if ticket.lang == "id")
    for spec in generator.THEMES:
        assert sizes[spec.slug] == round(spec.size * 0.2), spec.slug
        assert indonesian[spec.slug] == round(spec.n_indonesian * 0.2), spec.slug
    assert sizes[EMPTY_THEME] == round(generator.N_EMPTY * 0.2)
    assert len(dataset.export_rows) - len(dataset.tickets) == round(generator.N_DUPLICATES * 0.2)
    with pytest.raises(ValueError, match="scale"):
        generator.generate(scale=0)


def test_export_headers_and_encoding() -> None:
    """Exact Zendesk-style headers, UTF-8, newline line endings."""
    raw = EXPORT.read_bytes()
    assert raw.startswith((",".join(HEADERS) + "\n").encode("utf-8"))
    assert b"\r" not in raw
    raw.decode("utf-8")
    assert read_rows(EXPORT)[0] == HEADERS
    assert all(len(row) == len(HEADERS) for row in read_rows(EXPORT))
    assert read_rows(TRUTH)[0] == TRUTH_HEADERS


def test_size_of_the_export(tickets: dict[str, dict[str, str]]) -> None:
    """About 3,000 tickets from about 150 organizations."""
    assert 2700 <= len(tickets) <= 3300
    organizations = {row["Organization"] for row in tickets.values()}
    assert 120 <= len(organizations) <= 180


def test_truth_covers_every_distinct_id_once(
    export: list[dict[str, str]], truth: dict[str, dict[str, str]]
) -> None:
    """One truth row per distinct export Id, and no truth row without a ticket."""
    truth_ids = [row[0] for row in read_rows(TRUTH)[1:]]
    assert len(truth_ids) == len(set(truth_ids))
    assert set(truth_ids) == {row["Id"] for row in export}
    for row in truth.values():
        assert row["language"] in {"en", "id"}
        if row["theme"] == EMPTY_THEME:
            assert row["kind"] == "none"
        else:
            assert row["kind"] in KINDS


def test_theme_count_and_sizes(
    by_theme: dict[str, list[dict[str, str]]], truth: dict[str, dict[str, str]]
) -> None:
    """18-22 themes of 40-420 tickets, each with exactly one kind, all kinds present."""
    assert 18 <= len(by_theme) <= 22
    for theme, rows in by_theme.items():
        assert 40 <= len(rows) <= 420, (theme, len(rows))
        assert len({truth[row["Id"]]["kind"] for row in rows}) == 1, theme
    assert set(kind_of(by_theme, truth).values()) == KINDS


def test_created_at_format_window_and_id_order(tickets: dict[str, dict[str, str]]) -> None:
    """Timestamps are well-formed, inside the window, and Ids increase with creation time."""
    ordered = sorted(tickets.values(), key=lambda row: int(row["Id"]))
    previous = WINDOW_START
    for row in ordered:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row["Created at"])
        created = datetime.fromisoformat(row["Created at"])
        assert WINDOW_START <= created < WINDOW_END
        assert created >= previous, row["Id"]
        previous = created


def test_emerging_theme_only_in_last_21_days(by_theme: dict[str, list[dict[str, str]]]) -> None:
    """The emerging defect has no ticket before the last 21 days; other themes do."""
    emerging = [datetime.fromisoformat(row["Created at"]) for row in by_theme[EMERGING_THEME]]
    assert len(emerging) >= 40
    assert min(emerging) >= EMERGING_START
    for theme, rows in by_theme.items():
        if theme != EMERGING_THEME:
            assert min(datetime.fromisoformat(r["Created at"]) for r in rows) < EMERGING_START


def test_indonesian_share(truth: dict[str, dict[str, str]]) -> None:
    """3-7% of tickets are in Indonesian, spread over at least six themes."""
    languages = Counter(row["language"] for row in truth.values())
    share = languages["id"] / len(truth)
    assert 0.03 <= share <= 0.07, share
    themes = {row["theme"] for row in truth.values() if row["language"] == "id"}
    assert len(themes) >= 6


def test_empty_rows(tickets: dict[str, dict[str, str]], truth: dict[str, dict[str, str]]) -> None:
    """10-15 tickets have neither subject nor description, and only those are __empty__."""
    empty = {tid for tid, row in tickets.items() if not row["Subject"] and not row["Description"]}
    assert 10 <= len(empty) <= 15
    assert empty == {tid for tid, row in truth.items() if row["theme"] == EMPTY_THEME}


def test_duplicate_rows(export: list[dict[str, str]]) -> None:
    """10-15 rows repeat an earlier row verbatim (same Id), away from the original."""
    positions: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(export):
        positions[row["Id"]].append(index)
    repeated = {tid: where for tid, where in positions.items() if len(where) > 1}
    assert 10 <= sum(len(where) - 1 for where in repeated.values()) <= 15
    for where in repeated.values():
        assert all(export[i] == export[where[0]] for i in where[1:])
        assert all(b - a > 1 for a, b in pairwise(where))


def test_planted_pii_appears_and_cards_pass_luhn(
    tickets: dict[str, dict[str, str]], pii_values: list[str]
) -> None:
    """Each planted value is in the ticket text; cards pass Luhn; a few hundred tickets have PII."""
    assert pii_values == sorted(set(pii_values))
    texts = [text_of(row) for row in tickets.values()]
    corpus = "\n".join(texts)
    for value in pii_values:
        assert value in corpus, value
    cards = [value for value in pii_values if is_card(value)]
    emails = [value for value in pii_values if "@" in value]
    phones = [value for value in pii_values if value not in cards and value not in emails]
    assert len(cards) >= 30
    assert len(emails) >= 50
    assert len(phones) >= 50
    assert all(luhn_valid(card) for card in cards)
    assert all(re.fullmatch(r"[+()\d][\d ()+-]{7,}", phone) for phone in phones)
    for marker in ("+1 ", "(", "+44 ", "+62 ", "08"):
        assert any(phone.startswith(marker) for phone in phones), marker
    with_pii = sum(any(value in text for value in pii_values) for text in texts)
    assert 200 <= with_pii <= 1000, with_pii


def test_cards_mostly_in_billing_tickets(
    by_theme: dict[str, list[dict[str, str]]],
    truth: dict[str, dict[str, str]],
    pii_values: list[str],
) -> None:
    """Most planted card numbers sit in billing tickets."""
    cards = [value for value in pii_values if is_card(value)]
    kinds = kind_of(by_theme, truth)
    where = Counter(
        kinds[theme]
        for theme, rows in by_theme.items()
        for row in rows
        for card in cards
        if card in row["Description"]
    )
    assert where["billing"] > 0.7 * sum(where.values())


def test_phrasing_variety(by_theme: dict[str, list[dict[str, str]]]) -> None:
    """Within each theme at least 85% of descriptions are distinct, and subjects vary too."""
    for theme, rows in by_theme.items():
        descriptions = [row["Description"] for row in rows]
        assert len(set(descriptions)) >= 0.85 * len(descriptions), theme
        assert len({row["Subject"] for row in rows}) >= 15, theme


def test_defects_rate_worse_than_praise_and_questions(
    by_theme: dict[str, list[dict[str, str]]], truth: dict[str, dict[str, str]]
) -> None:
    """Defects get a higher Bad share and more reopens than praise and how-to questions."""
    kinds = kind_of(by_theme, truth)
    defect = [row for theme, rows in by_theme.items() if kinds[theme] == "defect" for row in rows]
    calm = [
        row
        for theme, rows in by_theme.items()
        if kinds[theme] in {"praise", "question"}
        for row in rows
    ]

    def bad_share(rows: list[dict[str, str]]) -> float:
        return sum(row["Satisfaction Score"] == "Bad" for row in rows) / len(rows)

    def mean_reopens(rows: list[dict[str, str]]) -> float:
        return sum(int(row["Reopens"]) for row in rows) / len(rows)

    assert bad_share(defect) > 2 * bad_share(calm)
    assert mean_reopens(defect) > 2 * mean_reopens(calm)


def test_metadata_values(tickets: dict[str, dict[str, str]]) -> None:
    """Zendesk-like values in every metadata column."""
    for row in tickets.values():
        assert row["Status"] in {"new", "open", "pending", "solved", "closed"}
        assert row["Priority"] in {"", "low", "normal", "high", "urgent"}
        assert row["Via"] in {"Email", "Chat", "Web form", "Phone"}
        assert row["Satisfaction Score"] in {"Good", "Bad", "Offered", "Unoffered"}
        assert row["Plan tier"] in {"Free", "Starter", "Pro", "Enterprise"}
        assert 0 <= int(row["Reopens"]) <= 4
        assert 1 <= int(row["Replies"]) <= 15
        assert re.fullmatch(r"[a-z0-9_]+( [a-z0-9_]+)*|", row["Tags"])
        assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+", row["Requester email"])
        if row["Status"] in UNSOLVED:
            assert row["Full resolution time in minutes"] == ""
        else:
            assert int(row["Full resolution time in minutes"]) > 0
    statuses = Counter(row["Status"] for row in tickets.values())
    assert statuses["solved"] + statuses["closed"] > 0.8 * len(tickets)
    assert sum(not row["Tags"] for row in tickets.values()) > 0.05 * len(tickets)


def test_requester_domain_mostly_matches_organization(tickets: dict[str, dict[str, str]]) -> None:
    """Most requesters write from their organization's own domain."""
    domains: dict[str, Counter[str]] = defaultdict(Counter)
    for row in tickets.values():
        domains[row["Organization"]][row["Requester email"].split("@")[1]] += 1
    matching = sum(counter.most_common(1)[0][1] for counter in domains.values())
    assert matching >= 0.75 * len(tickets)


def test_theme_labels_never_leak_into_the_export(by_theme: dict[str, list[dict[str, str]]]) -> None:
    """No planted theme slug appears anywhere in the export, tags included."""
    raw = EXPORT.read_text(encoding="utf-8")
    for theme in (*by_theme, EMPTY_THEME):
        assert theme not in raw, theme


def test_realism_markers(tickets: dict[str, dict[str, str]]) -> None:
    """Greetings, signatures, quoted replies, HTML, typos-prone chat and multi-line cells exist."""
    texts = [row["Description"] for row in tickets.values()]

    def count(pattern: str) -> int:
        return sum(bool(re.search(pattern, text)) for text in texts)

    assert count(r"^(Hi team,|Hello Brightdesk support,|Dear Sir/Madam,|hey)") >= 30
    assert count(r"^(Halo|Selamat pagi tim support)") >= 5
    assert count(r"(Terima kasih|Salam)") >= 20
    assert count(r"Best regards,\n") >= 20
    assert count(r"Sent from my iPhone") >= 5
    assert count(r"\n-- \n") >= 10
    assert count(r"(?m)^On .* wrote:\n> ") >= 20
    assert count(r"-----Original Message-----\nFrom: .*\nSent: ") >= 10
    assert count(r"<p>|<div") >= 0.03 * len(texts)
    for marker in ("<br>", "&nbsp;", "&amp;", "<a href="):
        assert count(re.escape(marker)) >= 3, marker
    assert count(r"\n") >= 0.5 * len(texts)
    lengths = [len(text) for text in texts if text]
    assert min(lengths) < 120
    assert max(lengths) > 500


def test_no_problem_wording_is_shared_by_more_than_a_dozen_tickets(generator: ModuleType) -> None:
    # Real customers word the same problem differently; one wording reused by dozens of tickets
    # makes tight artificial sub-clusters that no real export has.
    for spec in generator.THEMES:
        text = generator.parse_theme_text(generator.THEME_TEXT[spec.slug])
        assert spec.size / len(text.cores) <= 12, f"{spec.slug}: {len(text.cores)} core wordings"


def test_core_statements_are_varied_in_every_theme(generated: list) -> None:
    """Each theme states its problem in many wordings; no core sentence is in more than 6 tickets.

    The core statement is the part of a ticket that says what is wrong (opener, problem,
    specifics, impact), before typos are added. Lower-cased and without digits, at least one
    theme ticket in three has a core statement of its own, and no sentence of 25 characters or
    more recurs in more than ``MAX_TICKETS_PER_SENTENCE`` tickets of the export.
    """
    cores: dict[str, list[str]] = defaultdict(list)
    for ticket in generated:
        assert ticket.core, ticket.slug
        cores[ticket.slug].append(ticket.core)
    sentence_tickets: Counter[str] = Counter()
    for slug, statements in cores.items():
        distinct = {normal_form(statement) for statement in statements}
        assert len(distinct) >= MIN_CORE_VARIETY * len(statements), (slug, len(distinct))
        for statement in statements:
            sentence_tickets.update(counted_sentences(statement))
    sentence, tickets = sentence_tickets.most_common(1)[0]
    assert tickets <= MAX_TICKETS_PER_SENTENCE, (sentence, tickets)


def test_no_problem_sentence_repeats_verbatim_within_a_theme(
    by_theme: dict[str, list[dict[str, str]]], generator: ModuleType
) -> None:
    """In the export itself, no theme repeats a sentence in more than 6 of its tickets.

    Greetings, sign-offs, filler lines, card/contact lines, agent lines and the theme's own
    context details (all taken from the generator's lists) are removed first, as are the chat,
    phone and web-form scaffolding and quoted replies; what remains is the requester's own
    statement of the problem.
    """
    for theme, rows in by_theme.items():
        text = generator.parse_theme_text(generator.THEME_TEXT[theme])
        details = (*text.details, *text.id_details)
        boilerplate = boilerplate_pattern(generator, [*generic_templates(generator), *details])
        sentence_tickets: Counter[str] = Counter()
        for row in rows:
            message = message_text(row["Description"]).lower()
            sentence_tickets.update(counted_sentences(boilerplate.sub("\n", message)))
        sentence, tickets = sentence_tickets.most_common(1)[0]
        assert tickets <= MAX_TICKETS_PER_SENTENCE, (theme, sentence, tickets)


def test_shared_context_sentences_are_rare(
    tickets: dict[str, dict[str, str]], generator: ModuleType
) -> None:
    """Context, detail and filler sentences shared across themes are each in at most 3% of tickets.

    Only the envelope (greetings, sign-offs, "Sent from" and support-agent lines) may recur more.
    """
    envelope = boilerplate_pattern(generator, envelope_templates(generator))
    sentence_tickets: Counter[str] = Counter()
    for row in tickets.values():
        for sentence in counted_sentences(message_text(row["Description"])):
            if not envelope.fullmatch(sentence):
                sentence_tickets[sentence] += 1
    sentence, count = sentence_tickets.most_common(1)[0]
    assert count <= MAX_SHARED_SENTENCE_SHARE * len(tickets), (sentence, count)


def test_chat_and_phone_tickets_are_a_minority(tickets: dict[str, dict[str, str]]) -> None:
    """Chat transcripts and phone notes are realistic but each at most 8% of tickets."""
    channels = Counter(row["Via"] for row in tickets.values())
    assert channels["Chat"] <= MAX_CHANNEL_SHARE * len(tickets), channels
    assert channels["Phone"] <= MAX_CHANNEL_SHARE * len(tickets), channels
    assert channels["Chat"] > 0 and channels["Phone"] > 0


def test_a_scaled_export_never_overwrites_the_committed_sample() -> None:
    before = {p.name: p.read_bytes() for p in SAMPLE_DIR.glob("sample_*")}
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--scale", "2"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "--scale needs --out-dir" in done.stderr
    assert {p.name: p.read_bytes() for p in SAMPLE_DIR.glob("sample_*")} == before
