"""Tests for voc.clean.pii beyond emails and cards: IBANs, IP addresses, URL and header secrets,
international phone forms, and idempotence when they meet each other and ordinary text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voc.clean import IBAN_TOKEN, IP_TOKEN, SECRET_TOKEN, iban_valid, mask_pii
from voc.clean.pii import is_phone_number, nik_valid, secret_param


def _iban_complete(country: str, bban: str) -> str:
    """The IBAN for ``country`` and ``bban`` with the check digits that make mod-97 pass."""
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def _grouped(iban: str) -> str:
    """``iban`` in its print form: groups of four separated by single spaces."""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


# --- iban_valid ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("GB82WEST12345698765432", True),
        ("gb82west12345698765432", True),
        ("DE89370400440532013000", True),
        ("NL91ABNA0417164300", True),
        ("FR1420041010050500013M02606", True),
        ("GB82WEST12345698765433", False),  # last digit changed
        ("GB28WEST12345698765432", False),  # check digits swapped
        ("GB82 WEST 1234 5698 7654 32", False),  # spaces are the caller's business
        ("GB82WEST", False),  # too short
        ("1282WEST12345698765432", False),  # no country code
        ("", False),
    ],
)
def test_iban_valid(iban, valid):
    assert iban_valid(iban) is valid


def test_iban_complete_helper_agrees_with_known_ibans():
    assert _iban_complete("GB", "WEST12345698765432") == "GB82WEST12345698765432"
    assert _iban_complete("DE", "370400440532013000") == "DE89370400440532013000"


# --- what is masked ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # IBANs: grouped or contiguous, either case, in prose
        ("IBAN GB82 WEST 1234 5698 7654 32 please", "IBAN [IBAN] please"),
        ("to DE89370400440532013000.", "to [IBAN]."),
        ("NL91ABNA0417164300", "[IBAN]"),
        ("FR14 2004 1010 0505 0001 3M02 606", "[IBAN]"),
        ("iban: gb82 west 1234 5698 7654 32", "iban: [IBAN]"),
        ("(DE89 3704 0044 0532 0130 00)", "([IBAN])"),
        ("BE68 5390 0754 7034 with ref", "[IBAN] with ref"),  # a 4-letter word after it
        ("ref AB12 GB82 WEST 1234 5698 7654 32", "ref AB12 [IBAN]"),  # a group before it
        (
            "BE68 5390 0754 7034 NL91 ABNA 0417 1643 00",
            "[IBAN] [IBAN]",
        ),  # two in one run of groups
        # IPv4
        ("server 203.0.113.7 is down", "server [IP] is down"),
        ("from 8.8.8.8.", "from [IP]."),
        ("host 10.0.0.1:8080", "host [IP]:8080"),
        ("range 192.168.0.0/16", "range [IP]/16"),
        ("http://127.0.0.1/admin", "http://[IP]/admin"),
        ("IPs 1.1.1.1, 255.255.255.255", "IPs [IP], [IP]"),
        # IPv6: full, compressed, loopback, IPv4-mapped, with zone or port
        ("client 2001:db8::1 failed", "client [IP] failed"),
        ("fe80::1ff:fe23:4567:890a%eth0", "[IP]%eth0"),
        ("::1", "[IP]"),
        ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[IP]"),
        ("::ffff:192.0.2.128", "[IP]"),
        ("http://[2001:db8::1]:443/", "http://[[IP]]:443/"),
        ("peer fe80::1: refused", "peer [IP]: refused"),
        # URL userinfo passwords: the rest of the URL stays
        ("https://bob:hunter2@example.com/x", "https://bob:[SECRET]@example.com/x"),
        (
            "postgres://app:s3cr3t!@db.internal:5432/prod",
            "postgres://app:[SECRET]@db.internal:5432/prod",
        ),
        ("redis://:p4ss@10.0.0.5:6379", "redis://:[SECRET]@[IP]:6379"),
        ("ftp://bob@corp.com:pw@files.corp.com", "ftp://[EMAIL]:[SECRET]@files.corp.com"),
        # query and fragment parameters: only secret ones, any case; final punctuation kept
        (
            "https://app.example.com/reset?page=2&token=abc123&lang=en",
            "https://app.example.com/reset?page=2&token=[SECRET]&lang=en",
        ),
        (
            "https://x.io/cb?Access_Token=eyJ.abc.def&state=xyz#id_token=q1w2",
            "https://x.io/cb?Access_Token=[SECRET]&state=xyz#id_token=[SECRET]",
        ),
        ("https://x.io/#API_KEY=k-9f8e7d", "https://x.io/#API_KEY=[SECRET]"),
        (
            "s3.amazonaws.com/b/f.pdf?X-Amz-Credential=AKIA%2F20260101&X-Amz-Signature=9ab3",
            "s3.amazonaws.com/b/f.pdf?X-Amz-Credential=[SECRET]&X-Amz-Signature=[SECRET]",
        ),
        ("link (https://x.io/?sid=abc).", "link (https://x.io/?sid=[SECRET])."),
        (
            '<a href="https://x.io/?code=4f2a&amp;pwd=x">',
            '<a href="https://x.io/?code=[SECRET]&amp;pwd=[SECRET]">',
        ),
        (
            "https://x.io/login?user=ana&password=Hunter2",
            "https://x.io/login?user=ana&password=[SECRET]",
        ),
        # Authorization headers and bare bearer tokens
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "Authorization: Bearer [SECRET]"),
        ("authorization: bearer abc", "authorization: bearer [SECRET]"),
        ("Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [SECRET]"),
        (
            "Proxy-Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
            "Proxy-Authorization: Token [SECRET]",
        ),
        ("sent Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.", "sent Bearer [SECRET]."),
        ('{"auth": "Bearer sk_live_51HqLyjW2eZvKYlo2C"}', '{"auth": "Bearer [SECRET]"}'),
        # international phone forms
        ("+44 (0)20 7946 0958", "[PHONE]"),
        ("call 0044 20 7946 0958", "call [PHONE]"),
        ("+49 30 1234567", "[PHONE]"),
        ("+33 1 23 45 67 89", "[PHONE]"),
        ("+62 812-3456-7890", "[PHONE]"),
        ("+1-415-555-0132", "[PHONE]"),
        ("+91 98765 43210", "[PHONE]"),
        ("+65 6123 4567.", "[PHONE]."),
        # several kinds together, in the order a ticket has them
        (
            "Login from 203.0.113.7 via https://ana:pw1@app.io/?token=t0k then call +65 6123 4567",
            "Login from [IP] via https://ana:[SECRET]@app.io/?token=[SECRET] then call [PHONE]",
        ),
    ],
)
def test_mask_pii_masks(text, expected):
    assert mask_pii(text) == expected


# --- what is deliberately not masked -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # IBAN-shaped text that fails mod-97, or mixes case like a generated id
        "GB82 WEST 1234 5698 7654 33",
        "DE89370400440532013001",
        "NL19ABNA0417164300",
        "Gb82West12345698765432",
        "build ab12cdef34567890",
        "order AB12 3456 7890 1234",
        # dotted versions, dates and amounts
        "v1.2.3.4",
        "on version 10.0.19041.1",
        "Version 10.0.0.1 and ver. 1.2.3.4 and v 2.0.0.1",
        "1.2.3.4.5",
        "10.20.30.400",
        "Rp 1.000.000.000 and Rp 1.150.200.100",
        "$1.2.3.4",
        "12.03.2024 and 2026.09.03",
        "01.02.03.04",
        # times, ratios, MACs, code
        "at 10:30 or 10:30:45 or 12:30:00.123",
        "ratio 16:9 and score 3:2:1",
        "mac 00:1a:2b:3c:4d:5e",
        "std::vector and Foo::bar::baz",
        "dead:beef::cafe",
        "a :: b",
        "2024:10:30 backup",
        # URLs and headers without secrets
        "https://app.example.com/settings?page=2&lang=en#section",
        "https://example.com:8080/path?passport=1",
        "https://docs.example.com/tokens?tokenize=yes",
        "http://host:8080/a@b",
        "see https://example.com/?token=",
        "the Bearer token expired yesterday",
        "Bearer abcdefghijklmnopqrstuvwxyz",
        "Bearer 12345",
        "Authorization: failed again",
        "password=hunter2 in a config file",  # not in a URL: no way to tell it from key=value
        # phone look-alikes
        "on 2026-09-03 at 10:02",
        "due 03/09/2026 or 12.03.2024",
        "order #48213 and INV-2026-0042",
        "Order 1234567890",
        "ticket 0012345678",
        "paid $1,234.56 and $1 234 567",
        "+1 234567",
        # masks stay as they are
        "[EMAIL] [PHONE] [CARD] [IBAN] [IP] [SECRET]",
        "Bearer [SECRET] and ?token=[SECRET] and https://a:[SECRET]@x.io",
    ],
)
def test_mask_pii_leaves_non_pii(text):
    assert mask_pii(text) == text


# --- properties ----------------------------------------------------------------------------------

PROSE = st.text(alphabet="abcdefghij XYZ,.:!?()", max_size=20)


@pytest.mark.parametrize(
    "text",
    [
        "a.b@x.co.GB82 WEST 1234 5698 7654 32",  # the email is refused; the IBAN must be too
        "75::4111111111111111",  # "75::[CARD]" must not become "[IP][CARD]"
        "d0e::91.2.3.47::a.b@x.co",
        "1.2.3.4::1",
        "fe80::1:4111111111111111",
        "BE68 5390 0754 7034 BE68 5390 0754 7034",
        "https://bob:+14155550132@x.io",
    ],
)
def test_mask_pii_is_idempotent_where_masks_touch(text):
    once = mask_pii(text)
    assert mask_pii(once) == once


@settings(max_examples=200, deadline=None)
@given(
    prefix=PROSE,
    suffix=PROSE,
    country=st.sampled_from(["GB", "DE", "NL", "FR", "ID"]),
    bban=st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=11, max_size=30),
    grouped=st.booleans(),
    lower=st.booleans(),
)
def test_valid_iban_never_survives(prefix, suffix, country, bban, grouped, lower):
    iban = _iban_complete(country, bban)
    if lower:
        iban = iban.lower()
    written = _grouped(iban) if grouped else iban
    masked = mask_pii(f"{prefix} {written} {suffix}")
    assert written not in masked
    assert IBAN_TOKEN in masked


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.text(alphabet="abcdefghij XYZ,!?(", max_size=20).map(lambda s: s + " "),
    suffix=st.text(alphabet="abcdefghij XYZ,!?)", max_size=20).map(lambda s: " " + s),
    octets=st.lists(st.integers(0, 255), min_size=4, max_size=4),
)
def test_valid_ipv4_never_survives(prefix, suffix, octets):
    address = ".".join(map(str, octets))
    masked = mask_pii(prefix + address + suffix)
    assert masked == prefix + IP_TOKEN + suffix


PIECES = [
    "GB82 WEST 1234 5698 7654 32",
    "GB82 WEST 1234 5698 7654 33",
    "DE89370400440532013000",
    "nl91abna0417164300",
    "BE68 5390 0754 7034",
    "AB12",
    "203.0.113.7",
    "1.2.3.4",
    "v1.2.3.4",
    "version 10.0.0.1",
    "2001:db8::1",
    "fe80::1",
    "::1",
    "::",
    "10:30",
    "10:30:45",
    "00:1a:2b:3c:4d:5e",
    "https://bob:hunter2@example.com/x",
    "https://",
    "?token=abc",
    "&page=2",
    "#sig=x1",
    "Authorization: Bearer ",
    "Bearer ",
    "eyJhbGciOiJIUzI1NiJ9",
    "+44 (0)20 7946 0958",
    "0044 20 7946 0958",
    "+1-415-555-0132",
    "4111 1111 1111 1111",
    "a.b@x.co",
    "2026-09-03",
    "12.03.2024",
    "INV-2026-0042",
    "#48213",
    "[IP]",
    "[SECRET]",
    # the kinds masked by shape, words or a numbering plan
    "030 12345679",
    "030/1234568",
    "07700 900123",
    "62 812 3456 7894",
    "98765 43210",
    "(11) 98765-4321",
    "reference 0812345678",
    "order 4111111111111111",
    "release 1.2.3.4",
    "3201014509900001",
    "NIK: ",
    "passport no. ",
    "C01X00T47",
    "12 Baker Street",
    "221B Baker St.",
    "Jl. Sudirman No. 5",
    "Hauptstraße 5",
    "\nThanks,\n",
    "Mit freundlichen Grüßen\n",
    "Budi Santoso",
    "jürgen@müller.de",
    "ana [at] acme [dot] com",
    " at ",
    " dot ",
    "AKIAIOSFODNN7EXAMPLE",
    "ghp_" + "a1" * 18,
    "xoxb-1234-abcdEFGH",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
    "https://hooks.slack.com/services/T0/B0/x1",
    "?reset_token=abc",
    "[PHONE]",
    "[NAME]",
    "[ADDRESS]",
    "[ID_NUMBER]",
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(PIECES),
            st.sampled_from(list(" .,:;-+()/@%#&=?[]\nabfv")),
            st.text(alphabet="0123456789abcdefABCDEF:.", min_size=1, max_size=6),
        ),
        max_size=12,
    )
)
def test_mask_pii_is_idempotent_on_mixed_pieces(pieces):
    text = "".join(pieces)
    once = mask_pii(text)
    assert mask_pii(once) == once


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789abcdefGBv:.?&=#@/[]-+() \n", max_size=60))
def test_mask_pii_is_idempotent_on_random_text(text):
    once = mask_pii(text)
    assert mask_pii(once) == once


def test_secret_mask_keeps_the_rest_of_the_url():
    url = "https://files.example.com/share/Q3-report.pdf?dl=1&Signature=ab12&Expires=1700000000"
    masked = mask_pii(url)
    assert masked.startswith("https://files.example.com/share/Q3-report.pdf?dl=1&Signature=")
    assert SECRET_TOKEN in masked and "ab12" not in masked
    assert masked.endswith("&Expires=1700000000")


# --- national phones, written-out e-mail, credentials by shape, identity numbers, addresses ------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # national phone formats, confirmed by libphonenumber
        ("call 07700 900123 now", "call [PHONE] now"),
        ("Tel. 030 12345679", "Tel. [PHONE]"),
        ("mobil 0151 23456789", "mobil [PHONE]"),
        ("Fax 030/1234568.", "Fax [PHONE]."),
        ("WA 62 812 3456 7894", "WA [PHONE]"),
        ("wa.me 6281234567894", "wa.me [PHONE]"),
        ("cell 98765 43210", "cell [PHONE]"),
        ("celular (11) 98765-4321", "celular [PHONE]"),
        ("55 11 98765 4321", "[PHONE]"),
        ("0412 345 678", "[PHONE]"),
        ("01 23 45 67 89", "[PHONE]"),
        ("49 151 23456789", "[PHONE]"),
        # e-mail: Unicode and Punycode domains, written-out forms
        ("mail jürgen@müller.de ok", "mail [EMAIL] ok"),
        ("用户@例子.中国", "[EMAIL]"),
        ("x@xn--80ak6aa92e.xn--p1ai", "[EMAIL]"),
        ("write to ana at example dot com", "write to [EMAIL]"),
        ("ana.lima [at] gmail [dot] com.", "[EMAIL]."),
        ("budi (AT) acme.co.id", "[EMAIL]"),
        # URL parameters whose name says secret, and webhooks
        ("https://x.io/r?reset_token=abc&page=2", "https://x.io/r?reset_token=[SECRET]&page=2"),
        (
            "https://x.io/?auth_token=a1&access_key=b2",
            "https://x.io/?auth_token=[SECRET]&access_key=[SECRET]",
        ),
        (
            "https://x.io/?secret_key=s&privateToken=p",
            "https://x.io/?secret_key=[SECRET]&privateToken=[SECRET]",
        ),
        ("https://x.io/?page=2&next=/a?token=t", "https://x.io/?page=2&next=/a?token=[SECRET]"),
        (
            "hook https://hooks.slack.com/services/T000/B000/XXXX.",
            "hook https://hooks.slack.com/services/[SECRET].",
        ),
        (
            "https://discord.com/api/webhooks/123/abc-DEF",
            "https://discord.com/api/webhooks/[SECRET]",
        ),
        (
            "https://acme.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d",
            "https://acme.webhook.office.com/webhookb2/[SECRET]",
        ),
        # API keys and tokens by their shapes
        ("key sk-proj-abcdefghijklmnopqrstuvwx123", "key [SECRET]"),
        ("sk_live_51HqLyjW2eZvKYlo2C in the code", "[SECRET] in the code"),
        ("AKIAIOSFODNN7EXAMPLE", "[SECRET]"),
        ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[SECRET]"),
        ("github_pat_11ABCDEFG0abcdefghijklmnopqrstuvwxyz", "[SECRET]"),
        ("xoxb-1234567890-abcdefghij", "[SECRET]"),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_x ok", "jwt [SECRET] ok"),
        # NIK in context or by structure, passports in context
        ("NIK: 3201014509900001", "NIK: [ID_NUMBER]"),
        ("no KTP saya 1234567890123456", "no KTP saya [ID_NUMBER]"),
        ("nomor induk 3201 0145 0990 0001", "nomor induk [ID_NUMBER]"),
        ("id 3201014509900001 ok", "id [ID_NUMBER] ok"),
        ("passport number: C01X00T47", "passport number: [ID_NUMBER]"),
        ("paspor saya B1234567", "paspor saya [ID_NUMBER]"),
        ("Reisepass Nr. C4J9K2L7M", "Reisepass Nr. [ID_NUMBER]"),
        ("passeport n° 12AB34567", "passeport n° [ID_NUMBER]"),
        ("pasaporte XDA123456", "pasaporte [ID_NUMBER]"),
        # street addresses
        ("ship to 12 Baker Street.", "ship to [ADDRESS]."),
        ("221B Baker St. London", "[ADDRESS] London"),
        ("kirim ke Jl. Sudirman No. 5, Jakarta", "kirim ke [ADDRESS], Jakarta"),
        ("Jalan Merdeka No. 10", "[ADDRESS]"),
        ("Hauptstraße 5, Berlin", "[ADDRESS], Berlin"),
        ("12 rue de Rivoli", "[ADDRESS]"),
        # names under sign-offs
        ("Mit freundlichen Grüßen\nHans Müller", "Mit freundlichen Grüßen\n[NAME]"),
        ("Cordialement,\nMarie Dupont", "Cordialement,\n[NAME]"),
        ("Met vriendelijke groet,\n\nJan de Vries", "Met vriendelijke groet,\n\n[NAME]"),
        ("Saludos,\nJosé García", "Saludos,\n[NAME]"),
        ("Terima kasih, Budi Santoso", "Terima kasih, [NAME]"),
        ("Best regards,\nAna Lima\nAcme Inc", "Best regards,\n[NAME]\nAcme Inc"),
    ],
)
def test_mask_pii_masks_the_forms_issue_16_found(text, expected):
    assert mask_pii(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the word before a number says it is an identifier, a version or an amount
        "order 4111111111111111",
        "Invoice no. 4532015112830366",
        "transaksi 5105105105105100",
        "pesanan #4111111111111111",
        "release 1.2.3.4",
        "build 10.0.0.12",
        "reference 0812345678",
        "ref: 0898765432",
        "order 030 12345679",
        "Rp 1.250.000.000 and IDR 1 250 000 000",
        # dates, times, counts and ids that digit groups could be read as
        "on 2026-09-03 10:30",
        "from 03/09/2026 1030",
        "2026 0903 1030",
        "ticket 1234 5678 90",
        "case 1234567",
        "tracking 1234567890123",
        "1234567890123456",  # 16 digits without a NIK's structure
        # words that are not what they resemble
        "aplikasi tidak jalan sejak kemarin",
        "meet at home.Then dot the i",
        "the passport expired in 2026",
        "Thanks\nI tried again",
        "https://x.io/?tokenize=yes&passport=1",
        "sk-short and AKIA123",
        "2 Premium seats",
        "[NAME] [ADDRESS] [ID_NUMBER]",
    ],
)
def test_mask_pii_keeps_look_alikes(text):
    assert mask_pii(text) == text


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("3201014509900001", True),  # Jawa Barat: a woman born 05-09-90 (her day plus 40)
        ("3201010509900001", True),  # a man born the same day
        ("1101017212990001", False),  # day 72: not a date, for men or women
        ("3201011513900001", False),  # month 13
        ("3200011509900001", False),  # regency 00
        ("9901011509900001", False),  # no province 99
        ("3201011509900000", False),  # serial 0000
        ("320101150990001", False),  # 15 digits
    ],
)
def test_nik_valid(digits, valid):
    assert nik_valid(digits) is valid


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("reset_token", True),
        ("X-Amz-Signature", True),
        ("privateToken", True),
        ("oauth", True),
        ("api_key", True),
        ("tokenize", False),
        ("passport", False),
        ("page", False),
    ],
)
def test_secret_param(name, secret):
    assert secret_param(name) is secret


def test_national_phone_check_asks_the_numbering_plan():
    assert is_phone_number("030 12345679") and is_phone_number("98765 43210")
    assert not is_phone_number("12345 67890")  # not an Indian mobile range, nor any other
    assert not is_phone_number("1.250.000.000")  # an amount in thousands
