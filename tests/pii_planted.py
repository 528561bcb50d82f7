"""A deterministic export with personal data planted in every text column, and harmless numbers
that look like it, for tests/test_pii_planted.py.

Every value is fictional. Each ticket belongs to one of a few topics (so a run finds themes), and
carries planted values in its body, sometimes its subject, and sometimes one metadata column
(status, priority, channel, tags, CSAT, requester, organization, plan). :func:`build` returns the
rows, every planted value with its kind and column, and every look-alike that must survive.

Usage::

    python -m tests.pii_planted OUT.csv
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from random import Random

import phonenumbers

SEED = 16
HEADERS = (
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
)
# Canonical column of each header (voc.schema names), for the test's per-column counts.
COLUMN_OF = {
    "Subject": "subject",
    "Description": "body",
    "Status": "status",
    "Priority": "priority",
    "Via": "channel",
    "Tags": "tags",
    "Satisfaction Score": "csat",
    "Requester email": "requester",
    "Organization": "organization",
    "Plan tier": "plan",
}
METADATA_HEADERS = tuple(h for h in COLUMN_OF if h not in ("Subject", "Description"))
TOPICS = (
    ("Export fails", "The CSV export fails with an error every time I try to download it."),
    ("Login loop", "I keep getting sent back to the login page after entering my password."),
    ("Refund request", "I was charged twice this month and would like a refund please."),
    ("Dark mode", "Please add a dark mode to the app, the white screen hurts my eyes."),
    ("Slow dashboard", "The dashboard takes more than a minute to load since yesterday."),
    ("Invoice address", "Our invoices show the wrong company name, please correct them."),
)
NORMAL = {
    "Status": ("open", "pending", "solved"),
    "Priority": ("low", "normal", "high"),
    "Via": ("email", "web", "chat"),
    "Tags": ("billing", "export bug", "login"),
    "Satisfaction Score": ("4", "5", "3"),
    "Requester email": ("",),
    "Organization": ("Acme Corp", "Globex", "Initech"),
    "Plan tier": ("pro", "team", "enterprise"),
}


@dataclass(frozen=True)
class Planted:
    """One planted value: its kind, the exact text that must not survive, and where it is."""

    kind: str
    value: str
    column: str  # the canonical column (body, subject, status, ...)
    ticket_id: str


@dataclass(frozen=True)
class LookAlike:
    """A harmless value (an order number, a version...) that must survive masking unchanged."""

    kind: str
    value: str
    ticket_id: str


@dataclass(frozen=True)
class PlantedExport:
    rows: list[dict[str, str]]
    planted: list[Planted]
    look_alikes: list[LookAlike]

    def write(self, path: Path) -> Path:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=HEADERS)
            writer.writeheader()
            writer.writerows(self.rows)
        return path


# --- values ----------------------------------------------------------------------------------


def _digits(rng: Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _luhn_complete(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body)):
        value = int(char)
        if position % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return body + str((10 - total % 10) % 10)


def _iban(country: str, bban: str) -> str:
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def _valid(make: Callable[[], str], region: str, rng: Random) -> str:
    """A number from ``make`` that libphonenumber calls valid in ``region`` (real ranges only)."""
    for _ in range(200):
        number = make()
        if phonenumbers.is_valid_number(phonenumbers.parse(number, region)):
            return number
    raise AssertionError(f"no valid {region} number drawn")  # pragma: no cover


def _phones(rng: Random) -> list[tuple[str, str]]:
    """(kind, written number) for each country, national and international forms."""
    d = lambda n: _digits(rng, n)  # noqa: E731
    de_mobile = _valid(lambda: f"015{rng.choice('12579')} {d(8)}", "DE", rng)
    in_mobile = _valid(lambda: f"9{d(4)} {d(5)}", "IN", rng)
    br_mobile = _valid(lambda: f"(11) 9{d(4)}-{d(4)}", "BR", rng)
    au_mobile = _valid(lambda: f"04{d(2)} {d(3)} {d(3)}", "AU", rng)
    id_mobile = _valid(lambda: f"0812 {d(4)} {d(4)}", "ID", rng)
    fr_mobile = _valid(lambda: f"06 {d(2)} {d(2)} {d(2)} {d(2)}", "FR", rng)
    return [
        ("phone_us", f"(415) 555-{d(4)}"),
        ("phone_us", f"+1 212 555 {d(4)}"),
        ("phone_us", f"312.555.{d(4)}"),
        ("phone_gb", f"07700 900{d(3)}"),
        ("phone_gb", f"+44 20 7946 {d(4)}"),
        ("phone_gb", f"020 7946 {d(4)}"),
        ("phone_de", f"030 1234{d(4)}"),
        ("phone_de", de_mobile),
        ("phone_de", f"030/123{d(4)}"),
        ("phone_de", f"+49 30 1234{d(4)}"),
        ("phone_fr", fr_mobile),
        ("phone_fr", f"01 23 45 {d(2)} {d(2)}"),
        ("phone_fr", "+33 " + fr_mobile[1:]),
        ("phone_id", id_mobile),
        ("phone_id", "62 " + id_mobile[1:]),
        ("phone_id", "+62 " + id_mobile[1:].replace(" ", "-")),
        ("phone_id", id_mobile.replace(" ", "")),
        ("phone_in", in_mobile),
        ("phone_in", "+91 " + in_mobile),
        ("phone_in", "91 " + in_mobile),
        ("phone_au", au_mobile),
        ("phone_au", f"(02) 5550 {d(4)}"),
        ("phone_au", "+61 " + au_mobile[1:]),
        ("phone_br", br_mobile),
        ("phone_br", "+55 " + br_mobile.replace("(", "").replace(")", "")),
        ("phone_br", "55 " + br_mobile.replace("(", "").replace(")", "")),
    ]


def _nik(rng: Random) -> str:
    province = rng.choice(["31", "32", "33", "35", "51", "73"])
    day = rng.randint(1, 28) + rng.choice([0, 40])
    return (
        f"{province}{rng.randint(1, 79):02d}{rng.randint(1, 40):02d}{day:02d}"
        f"{rng.randint(1, 12):02d}{rng.randint(60, 99):02d}{rng.randint(1, 9999):04d}"
    )


def _token(rng: Random, n: int, alphabet: str = "") -> str:
    alphabet = alphabet or "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(rng.choice(alphabet) for _ in range(n))


def _values(rng: Random) -> list[tuple[str, str, str, str]]:
    """(kind, value that must not survive, the short text that carries it in a metadata cell or
    a subject, the sentence that carries it in a body)."""
    out: list[tuple[str, str, str, str]] = []

    def add(kind: str, value: str, snippet: str, sentence: str) -> None:
        out.append((kind, value, snippet, sentence.format(snippet)))

    for kind, number in _phones(rng):
        add(kind, number, number, "Please call me back on {} today.")
    first = rng.choice(["ana", "budi", "jan", "marie", "hans", "siti", "raj", "lucas"])
    last = rng.choice(["lima", "santoso", "vries", "dupont", "muller", "rahayu", "patel"])
    n = rng.randint(1, 99)
    for value in (
        f"{first}.{last}{n}@example.com",
        f"{first}{n}@corp.co.id",
        f"jürgen{n}@müller.de",
        f"josé.garcía{n}@correo.es",
        f"用户{n}@例子.中国",
        f"{first}{n}@xn--mller-kva.de",
    ):
        add("email", value, value, "My e-mail is {} if you need it.")
    for value in (
        f"{first}{n} at example dot com",
        f"{first}.{last}{n} [at] gmail [dot] com",
        f"{last}{n} (at) acme.co.id",
    ):
        add("email_obfuscated", value, value, "Write to {} please.")
    for name in ("reset_token", "auth_token", "access_key", "secret_key", "private_token", "sig"):
        secret = _token(rng, 24)
        url = f"https://app.example.com/account/reset?lang=en&{name}={secret}&page=2"
        add("url_secret", secret, url, "The link {} gives an error.")
    slack = f"T{_token(rng, 8).upper()}/B{_token(rng, 8).upper()}/{_token(rng, 24)}"
    discord = f"{_digits(rng, 18)}/{_token(rng, 40)}"
    teams = f"{_token(rng, 12)}@{_token(rng, 12)}/IncomingWebhook/{_token(rng, 20)}"
    for value, url in (
        (slack, f"https://hooks.slack.com/services/{slack}"),
        (discord, f"https://discord.com/api/webhooks/{discord}"),
        (teams, f"https://acme.webhook.office.com/webhookb2/{teams}"),
    ):
        add("webhook", value, url, "Our webhook {} stopped receiving events.")
    for value in (
        f"sk-proj-{_token(rng, 32)}",
        f"sk_live_{_token(rng, 24)}",
        f"AKIA{_token(rng, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}",
        f"ghp_{_token(rng, 36)}",
        f"github_pat_{_token(rng, 40)}",
        f"xoxb-{_digits(rng, 10)}-{_digits(rng, 12)}-{_token(rng, 24)}",
    ):
        add("api_key", value, value, "I pasted my key {} in the settings.")
    bearer = _token(rng, 32)
    add("api_key", bearer, f"Authorization: Bearer {bearer}", "curl -H '{}' fails")
    jwt = (
        f"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi{_token(rng, 20)}."
        f"{_token(rng, 43, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_')}"
    )
    add("jwt", jwt, jwt, "The session token {} expired.")
    nik = _nik(rng)
    add("nik", nik, f"NIK saya {nik}", "{}, mohon dicek.")
    nik = _nik(rng)
    add("nik", nik, f"KTP: {nik}", "Data {}")
    nik = _nik(rng)
    grouped = " ".join(nik[i : i + 4] for i in range(0, 16, 4))
    add("nik", grouped, f"nomor induk kependudukan {grouped}", "Ini {}.")
    nik = _nik(rng)
    add("nik", nik, nik, "ID {}")  # by its structure alone
    for word in ("passport number", "paspor", "Reisepass Nr.", "passeport n°", "pasaporte"):
        value = (
            rng.choice("CKXAB") + _digits(rng, 2) + _token(rng, 5, "ABCDEFGHJKLMNPRTVX0123456789")
        )
        add("passport", value, f"{word} {value}", "My {} was rejected at check-in.")
    for value in (
        f"{rng.randint(2, 299)} Baker Street",
        f"{rng.randint(2, 299)}B Baker St.",
        f"{rng.randint(2, 99)} Elm Road",
        f"Jl. Sudirman No. {rng.randint(2, 99)}",
        f"Jalan Merdeka No. {rng.randint(2, 99)}",
        f"Hauptstraße {rng.randint(2, 99)}",
    ):
        add("address", value, value, "Please ship the hardware to {}, thank you.")
    card = _luhn_complete("4" + _digits(rng, 14))
    grouped = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    add("card", card, card, "I paid with card {} twice.")
    add("card", grouped, grouped, "Charged on {} again.")
    iban = _iban("DE", _digits(rng, 18))
    add("iban", iban, iban, "Refund to IBAN {} please.")
    dutch = _iban("NL", "ABNA" + _digits(rng, 10))
    grouped = " ".join(dutch[i : i + 4] for i in range(0, len(dutch), 4))
    add("iban", grouped, grouped, "Bank: {}")
    ip = f"203.0.{rng.randint(1, 254)}.{rng.randint(1, 254)}"
    add("ip", ip, ip, "It fails from {} only.")
    return out


SIGNOFFS = (
    ("Mit freundlichen Grüßen", ("Hans Müller", "Petra Schmidt", "Jürgen Weiß")),
    ("Best regards,", ("Ana Lima", "Olivia Brown", "Noah Walker")),
    ("Terima kasih,", ("Budi Santoso", "Siti Rahayu", "Dewi Lestari")),
    ("Cordialement,", ("Marie Dupont", "Luc Girard", "Chloé Bernard")),
    ("Saludos,", ("José García", "Lucía Fernández", "Pablo Ruiz")),
    ("Met vriendelijke groet,", ("Jan de Vries", "Sanne Jansen", "Daan Bakker")),
)


def _look_alikes(rng: Random) -> list[tuple[str, str]]:
    """(kind, harmless text that must survive exactly)."""
    out: list[tuple[str, str]] = []
    for word in ("order", "invoice no.", "transaction", "ref", "booking", "pesanan", "transaksi"):
        out.append(("luhn_id", f"{word} {_luhn_complete(rng.choice('45') + _digits(rng, 14))}"))
    for word in ("version", "release", "v", "build"):
        quad = ".".join(
            str(rng.randint(low, high)) for low, high in ((1, 12), (0, 9), (0, 9), (1, 99))
        )
        out.append(("version", f"{word} {quad}"))
    for word in ("reference", "ref", "order"):
        out.append(("reference", f"{word} 08{_digits(rng, 8)}"))
    day, month = rng.randint(10, 28), rng.randint(1, 9)
    out.append(("date", f"2026-0{month}-{day}"))
    out.append(("date", f"{day}/0{month}/2026"))
    out.append(("date", f"{day}.0{month}.2026 {rng.randint(10, 23)}:{rng.randint(10, 59)}"))
    out.append(("amount", f"Rp {rng.randint(1, 9)}.{_digits(rng, 3)}.000"))
    out.append(("amount", f"${rng.randint(1, 9)},{_digits(rng, 3)}.{_digits(rng, 2)}"))
    out.append(("amount", f"EUR {rng.randint(10, 99)}.{_digits(rng, 3)},00"))
    out.append(("ticket", f"ticket #{rng.randint(10000, 99999)}"))
    out.append(("ticket", f"INV-2026-{_digits(rng, 4)}"))
    out.append(("ticket", f"case {rng.randint(1000000, 9999999)}"))
    return out


# --- the export ------------------------------------------------------------------------------


def build(n_tickets: int = 240, seed: int = SEED) -> PlantedExport:
    """The rows of the export, every planted value and every look-alike (deterministic)."""
    rng = Random(seed)
    rows: list[dict[str, str]] = []
    planted: list[Planted] = []
    look_alikes: list[LookAlike] = []
    for i in range(n_tickets):
        ticket_id = str(100000 + i)
        subject, body = TOPICS[i % len(TOPICS)]
        row = {h: rng.choice(NORMAL[h]) for h in METADATA_HEADERS}
        row["Requester email"] = f"customer{i}@example.org"
        planted.append(Planted("email", row["Requester email"], "requester", ticket_id))
        kind, value, _, sentence = rng.choice(_values(rng))
        lines = [body, sentence]
        planted.append(Planted(kind, value, "body", ticket_id))
        like_kind, like = rng.choice(_look_alikes(rng))
        lines.append(f"It is about {like}.")
        look_alikes.append(LookAlike(like_kind, like, ticket_id))
        if i % 3 == 0:  # a signature under the body
            signoff, names = SIGNOFFS[i // 3 % len(SIGNOFFS)]
            name = rng.choice(names)
            lines += ["", signoff, name]
            planted.append(Planted("signoff_name", name, "body", ticket_id))
        if i % 4 == 1:  # personal data in the subject
            kind, value, snippet, _ = rng.choice(_values(rng))
            subject = f"{subject} - {snippet}"
            planted.append(Planted(kind, value, "subject", ticket_id))
        if i % 2 == 0:  # personal data in one metadata column (requester aside: it is hashed)
            header = METADATA_HEADERS[i // 2 % len(METADATA_HEADERS)]
            if header == "Requester email":
                header = "Organization"
            kind, value, snippet, _ = rng.choice(_values(rng))
            if rng.random() < 0.2:
                signoff, names = rng.choice(SIGNOFFS)
                kind, value = "signoff_name", rng.choice(names)
                row[header] = f"{signoff.rstrip(',')}, {value}"
            else:
                row[header] = f"{row[header]} - {snippet}"
            planted.append(Planted(kind, value, COLUMN_OF[header], ticket_id))
        row.update(
            {
                "Id": ticket_id,
                "Subject": subject,
                "Description": "\n".join(lines),
                "Created at": f"2026-06-{1 + i % 28:02d} 10:{i % 60:02d}:00",
            }
        )
        rows.append(row)
    return PlantedExport(rows, planted, look_alikes)


if __name__ == "__main__":
    export = build()
    export.write(Path(sys.argv[1]))
    print(
        f"{len(export.rows)} tickets, {len(export.planted)} planted values, "
        f"{len(export.look_alikes)} look-alikes"
    )
