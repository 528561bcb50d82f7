"""Value parsers for exports: dates, CSAT, flags, durations, counts, and languages."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voc.errors import ConfigError
from voc.ingest.values import (
    UNDETERMINED,
    detect_languages,
    duration_unit,
    languages,
    normalise_csat,
    parse_counts,
    parse_datetimes,
    parse_durations,
    parse_flags,
    timezone_from_header,
)

COLUMN = "Created at"


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def dates(values: list[object], **kwargs: object):
    return parse_datetimes(pd.Series(values, dtype=object), column=COLUMN, **kwargs)


def floats(series: pd.Series) -> list[float | None]:
    """Values rounded for comparison, None for NaN."""
    return [None if math.isnan(v) else round(v, 4) for v in series]


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

DATE_FAMILIES = [
    pytest.param(
        ["2024-03-12T15:04:05Z", "2024-03-12 15:04:05+07:00", "2024-03-12T15:04:05.250+0700"],
        ["2024-03-12 15:04:05", "2024-03-12 08:04:05", "2024-03-12 08:04:05.250"],
        "ISO 8601",
        id="iso-zendesk-offsets",
    ),
    pytest.param(
        ["2024-03-12", "2024-03-12 15:04", "2024-03-12 15:04:05 +0530"],
        ["2024-03-12", "2024-03-12 15:04", "2024-03-12 09:34:05"],
        "ISO 8601",
        id="iso-date-only-hubspot-freshdesk",
    ),
    pytest.param(
        ["2024-03-12 15:04:05 UTC"], ["2024-03-12 15:04:05"], "ISO 8601", id="iso-utc-suffix"
    ),
    pytest.param(
        ["03/12/2024", "3/13/2024 3:04 PM", "3/14/2024, 3:04 PM", "03/15/2024 15:04"],
        ["2024-03-12", "2024-03-13 15:04", "2024-03-14 15:04", "2024-03-15 15:04"],
        "US month/day/year",
        id="us-salesforce",
    ),
    pytest.param(
        ["12/03/2024", "13/03/2024 09:30"],
        ["2024-03-12", "2024-03-13 09:30"],
        "day/month/year",
        id="european-slash",
    ),
    pytest.param(
        ["12.03.2024 15:04", "31.12.2023"],
        ["2024-03-12 15:04", "2023-12-31"],
        "day.month.year",
        id="european-dot",
    ),
    pytest.param(
        ["12-03-2024", "25-12-2023"], ["2024-03-12", "2023-12-25"], "day-month-year", id="dash"
    ),
    pytest.param(
        ["12/Mar/24 3:04 PM", "1/Feb/24 11:00 AM"],
        ["2024-03-12 15:04", "2024-02-01 11:00"],
        "day/month name/year (Jira)",
        id="jira",
    ),
    pytest.param(
        ["12 Mar 2024 15:04", "1 Feb 2024"],
        ["2024-03-12 15:04", "2024-02-01"],
        "day month-name year",
        id="day-month-name",
    ),
    pytest.param(
        ["Mar 12, 2024 3:04 PM", "Feb 1, 2024"],
        ["2024-03-12 15:04", "2024-02-01"],
        "month-name day, year",
        id="month-name-day",
    ),
    pytest.param(
        ["Tue, 12 Mar 2024 15:04:05 +0000", "Thu, 29 Feb 2024 23:00:00 -0200"],
        ["2024-03-12 15:04:05", "2024-03-01 01:00:00"],
        "RFC 2822",
        id="rfc2822",
    ),
    pytest.param(
        ["1710255845", "1710255845.5"],
        ["2024-03-12 15:04:05", "2024-03-12 15:04:05.5"],
        "epoch seconds",
        id="epoch-seconds",
    ),
    pytest.param(
        ["1710255845123"], ["2024-03-12 15:04:05.123"], "epoch milliseconds", id="epoch-ms"
    ),
]


@pytest.mark.parametrize(("values", "expected", "description"), DATE_FAMILIES)
def test_each_date_family_is_read_exactly(
    values: list[str], expected: list[str], description: str
) -> None:
    result = dates(values)
    assert result.format == description
    assert list(result.values) == [utc(e) for e in expected]
    assert result.values.dtype == "datetime64[ns, UTC]"
    assert result.bad_count == 0


@pytest.mark.parametrize(
    ("numbers", "description"),
    [([1710255845, None], "epoch seconds"), ([1710255845000, None], "epoch milliseconds")],
)
def test_epoch_numbers_are_read(numbers: list[int | None], description: str) -> None:
    result = parse_datetimes(pd.Series(numbers, dtype="float64"), column=COLUMN)
    assert result.format == description
    assert result.values[0] == utc("2024-03-12 15:04:05")
    assert pd.isna(result.values[1])
    assert result.bad_count == 0


def test_missing_dates_are_not_bad_but_garbage_is() -> None:
    result = dates(["2024-03-12", "", None, "   ", "soon", "2024-02-30"])
    assert list(result.bad_rows) == [4, 5]
    assert result.values[1:4].isna().all()
    assert result.warnings == [
        "2 values of 'Created at' could not be read as dates (ISO 8601) (rows 4, 5); left empty."
    ]


def test_impossible_non_iso_dates_are_bad_not_rolled_over() -> None:
    result = dates(["13/02/2024", "30/02/2024", "31/04/2024 10:00", "01/03/2024"])
    assert list(result.bad_rows) == [1, 2]
    assert result.values[3] == utc("2024-03-01")


def test_warning_names_at_most_five_rows() -> None:
    result = dates(["2024-03-12"] + ["nope"] * 7)
    assert result.warnings == [
        "7 values of 'Created at' could not be read as dates (ISO 8601) "
        "(rows 1, 2, 3, 4, 5 and 2 more); left empty."
    ]


def test_unrecognised_dates_are_all_bad() -> None:
    result = dates(["next tuesday", "", "someday"])
    assert result.format == "unrecognised"
    assert list(result.bad_rows) == [0, 2]
    assert "no known date format matches" in result.warnings[0]


def test_all_missing_dates_give_no_warning() -> None:
    result = dates(["", None])
    assert result.values.isna().all()
    assert result.bad_count == 0
    assert result.warnings == []


def test_index_labels_are_reported() -> None:
    values = pd.Series(["2024-03-12", "bad"], index=[101, 205], dtype=object)
    result = parse_datetimes(values, column=COLUMN)
    assert list(result.bad_rows) == [205]
    assert list(result.values.index) == [101, 205]


@pytest.mark.parametrize(
    ("values", "dayfirst", "first"),
    [
        (["13/03/2024", "01/02/2024"], True, "2024-03-13"),  # first part > 12: day-first
        (["03/13/2024", "01/02/2024"], False, "2024-03-13"),  # second part > 12: month-first
        (["13.03.2024", "01.02.2024"], True, "2024-03-13"),
        (["03-13-2024", "01-02-2024"], False, "2024-03-13"),
    ],
)
def test_day_first_is_detected_from_the_file(values: list[str], dayfirst: bool, first: str) -> None:
    result = dates(values)
    assert result.dayfirst is dayfirst
    assert result.values[0] == utc(first)
    assert result.values[1] == utc("2024-02-01" if dayfirst else "2024-01-02")
    assert result.warnings == []


@pytest.mark.parametrize(
    ("values", "dayfirst", "description", "second"),
    [
        (["03/04/2024", "01/02/2024"], False, "US month/day/year", "2024-01-02"),
        (["03.04.2024", "01.02.2024"], True, "day.month.year", "2024-02-01"),
        (["03-04-2024", "01-02-2024"], True, "day-month-year", "2024-02-01"),
    ],
)
def test_ambiguous_dates_warn_and_assume_by_separator(
    values: list[str], dayfirst: bool, description: str, second: str
) -> None:
    result = dates(values)
    assert result.dayfirst is dayfirst
    assert result.format == description
    assert result.values[1] == utc(second)
    assert result.warnings == [
        f"every date in 'Created at' is ambiguous: day and month are both 12 or less "
        f"(e.g. '{values[0]}'). Read as {description}; if that is wrong, "
        f"set dayfirst={not dayfirst}."
    ]


@pytest.mark.parametrize("dayfirst", [True, False])
def test_dayfirst_setting_overrides_detection(dayfirst: bool) -> None:
    result = dates(["03/04/2024", "13/04/2024"], dayfirst=dayfirst)
    assert result.dayfirst is dayfirst
    assert result.values[0] == utc("2024-04-03" if dayfirst else "2024-03-04")
    assert list(result.bad_rows) == ([] if dayfirst else [1])
    assert not any("ambiguous" in w or "contradict" in w for w in result.warnings)


def test_contradicting_dates_use_the_majority_and_report_the_rest() -> None:
    result = dates(["13/04/2024", "14/05/2024", "04/13/2024", "01/02/2024"])
    assert result.dayfirst is True
    assert list(result.bad_rows) == [2]
    assert result.values[3] == utc("2024-02-01")
    assert result.warnings[0].startswith(
        "dates in 'Created at' contradict each other: 2 can only be day/month/year "
        "(e.g. '13/04/2024') and 1 only US month/day/year (e.g. '04/13/2024')."
    )
    assert "Set dayfirst=False" in result.warnings[0]
    assert result.warnings[1].startswith("1 value of 'Created at' could not be read")


def test_default_tz_applies_only_to_naive_values() -> None:
    result = dates(
        ["2024-03-12 15:04", "2024-03-12T15:04:05Z", "2024-03-12T15:04:05+07:00"],
        default_tz="America/New_York",
    )
    assert list(result.values) == [
        utc("2024-03-12 19:04"),
        utc("2024-03-12 15:04:05"),
        utc("2024-03-12 08:04:05"),
    ]


@pytest.mark.parametrize(
    ("values", "zone", "expected"),
    [
        (["03/13/2024 15:04"], "Asia/Jakarta", "2024-03-13 08:04"),
        (["13.03.2024 15:04"], "UTC+05:30", "2024-03-13 09:34"),
        (["Tue, 12 Mar 2024 15:04:05 +0000"], "Asia/Jakarta", "2024-03-12 15:04:05"),
        (["1710255845"], "Asia/Jakarta", "2024-03-12 15:04:05"),
        (["2024-03-12 15:04:05 UTC"], "Asia/Jakarta", "2024-03-12 15:04:05"),
        # 2024-11-03 01:30 happens twice in New York: the first (EDT) is used.
        (["2024-11-03 01:30"], "America/New_York", "2024-11-03 05:30"),
    ],
)
def test_default_tz_in_every_family(values: list[str], zone: str, expected: str) -> None:
    assert dates(values, default_tz=zone).values[0] == utc(expected)


def test_unknown_default_tz_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown time zone 'Mars/Base'"):
        dates(["2024-03-12"], default_tz="Mars/Base")


def test_datetime_values_pass_through() -> None:
    naive = pd.Series(pd.to_datetime(["2024-03-12 15:04", None]))
    result = parse_datetimes(naive, column=COLUMN, default_tz="Asia/Jakarta")
    assert result.values[0] == utc("2024-03-12 08:04")
    assert result.bad_count == 0


@pytest.mark.parametrize(
    ("header", "zone"),
    [
        ("Conversation started at (America/New_York)", "America/New_York"),
        ("Created [Asia/Jakarta]", "Asia/Jakarta"),
        ("Created (UTC)", "UTC"),
        ("Created (gmt)", "GMT"),
        ("Created (GMT+7)", "UTC+07:00"),
        ("Created (UTC-05:30)", "UTC-05:30"),
        ("Created (+07:00)", "UTC+07:00"),
        ("Created (EST)", "EST"),
        ("Resolution time (hrs)", None),
        ("Created (Mars/Base)", None),
        ("Created (+7)", None),
        ("Created (US)", None),
        ("Created at", None),
        ("Created (America/New_York) at", None),
    ],
)
def test_timezone_from_header(header: str, zone: str | None) -> None:
    assert timezone_from_header(header) == zone


def test_timezone_from_header_feeds_default_tz() -> None:
    zone = timezone_from_header("Created (GMT+7)")
    assert dates(["2024-03-12 15:04"], default_tz=zone).values[0] == utc("2024-03-12 08:04")


ZONES = st.sampled_from(
    [None, UTC, timezone(timedelta(hours=7)), timezone(timedelta(hours=-5, minutes=-30))]
)


@settings(max_examples=80, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2150, 1, 1)),
    zone=ZONES,
    separator=st.sampled_from(["T", " "]),
)
def test_any_iso_timestamp_round_trips(
    moment: datetime, zone: timezone | None, separator: str
) -> None:
    moment = moment.replace(tzinfo=zone)
    result = dates([moment.isoformat(sep=separator)])
    expected = pd.Timestamp(moment.replace(tzinfo=zone or UTC)).tz_convert("UTC")
    assert result.values[0] == expected
    assert result.format == "ISO 8601"


# ---------------------------------------------------------------------------------------------
# CSAT
# ---------------------------------------------------------------------------------------------

CSAT_CASES = [
    pytest.param(
        ["Good", "Bad", "good, I'm satisfied", "BAD - slow reply"],
        [1.0, 0.0, 1.0, 0.0],
        "good/bad (Zendesk)",
        id="zendesk",
    ),
    pytest.param(
        ["👍", "👎🏽", "thumbs-up", "Thumbs Down"], [1, 0, 1, 0], "thumbs up/down", id="thumbs"
    ),
    pytest.param(["Yes", "no", "No, it did not help"], [1, 0, 0], "yes/no", id="yes-no"),
    pytest.param(
        ["Satisfied", "Dissatisfied", "unsatisfied"], [1, 0, 0], "satisfied/dissatisfied", id="sat"
    ),
    pytest.param(
        ["Happy", "Neutral", "Unhappy"], [1, 0.5, 0], "happy/neutral/unhappy", id="happy-3"
    ),
    pytest.param(
        ["Great", "Okay", "Not Good"],
        [1, 0.5, 0],
        "great/okay/not good (Help Scout)",
        id="help-scout",
    ),
    pytest.param(
        ["Amazing", "Great", "OK", "Okay", "Bad", "Terrible", "🤩", "😠"],
        [1, 0.75, 0.5, 0.5, 0.25, 0, 1, 0],
        "amazing..terrible (Intercom)",
        id="intercom",
    ),
    pytest.param(
        ["Excellent", "Good", "Fair", "Poor", "Very poor"],
        [1, 0.75, 0.5, 0.25, 0],
        "excellent..very poor",
        id="excellent-5",
    ),
    pytest.param(
        ["Very satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very dissatisfied"],
        [1, 0.75, 0.5, 0.25, 0],
        "very satisfied..very dissatisfied",
        id="satisfied-5",
    ),
    pytest.param(
        ["Extremely Happy", "Happy", "Very Unhappy"],
        [1, 0.6667, 0.1667],
        "extremely happy..extremely unhappy (Freshdesk)",
        id="freshdesk-7",
    ),
    pytest.param(["1", "2", "3", "4", "5", " 4.0 "], [0, 0.25, 0.5, 0.75, 1, 0.75], "points 1-5"),
    pytest.param(["0", "5", "10", "7"], [0, 0.5, 1, 0.7], "points 0-10", id="0-10"),
    pytest.param(["80%", "100%", "55"], [0.8, 1, 0.55], "percent 0-100", id="percent-sign"),
    pytest.param(["80", "100", "55", "5"], [0.8, 1, 0.55, 0.05], "percent 0-100", id="0-100"),
    pytest.param(["0.5", "0.75", "1", "0"], [0.5, 0.75, 1, 0], "fraction 0-1", id="fraction"),
    pytest.param(["0", "1", "1"], [0, 1, 1], "fraction 0-1", id="binary-0-1"),
]


@pytest.mark.parametrize(("values", "expected", "scale"), CSAT_CASES)
def test_each_csat_scale(values: list[str], expected: list[float], scale: str) -> None:
    result = normalise_csat(pd.Series(values, dtype=object), column="Satisfaction")
    assert result.scale == scale
    assert floats(result.values) == [round(float(e), 4) for e in expected]
    assert result.bad_count == 0
    assert result.warnings == []


def test_csat_not_rated_is_nan_and_not_bad() -> None:
    values = ["Good", "Offered", "Unoffered", "Not Offered", "n/a", "-", "", None, "meh"]
    result = normalise_csat(pd.Series(values, dtype=object), column="Satisfaction")
    assert floats(result.values) == [1.0] + [None] * 8
    assert result.not_rated == 5
    assert list(result.bad_rows) == [8]
    assert result.warnings == [
        "1 value of 'Satisfaction' could not be read as ratings on the good/bad (Zendesk) scale "
        "(rows 8); left empty."
    ]


@pytest.mark.parametrize(
    ("values", "scale", "bad"),
    [
        (["Amazing", "Great", "Good"], "amazing..terrible (Intercom)", [2]),
        (["1", "5", "x", "Good"], "points 1-5", [2, 3]),
        (["1", "2", "3", "4", "5"] * 40 + ["9"], "points 1-5", [200]),  # 1 stray value in 201
        (["5", "10", "-1"], "points 0-10", [2]),
        (["zzz"], "unrecognised", [0]),
    ],
)
def test_csat_values_off_the_scale_are_bad(values: list[str], scale: str, bad: list[int]) -> None:
    result = normalise_csat(pd.Series(values, dtype=object), column="Satisfaction")
    assert result.scale == scale
    assert list(result.bad_rows) == bad
    assert result.values[bad].isna().all()


@pytest.mark.parametrize(
    ("values", "scale", "hint"),
    [(["1", "2", "3"], "points 1-5", "'1-3'"), (["1", "5", "10"], "points 0-10", "'1-10'")],
)
def test_csat_scales_values_cannot_tell_apart_warn(
    values: list[str], scale: str, hint: str
) -> None:
    result = normalise_csat(pd.Series(values, dtype=object), column="Satisfaction")
    assert result.scale == scale
    assert len(result.warnings) == 1 and hint in result.warnings[0]


@pytest.mark.parametrize(
    ("scale", "values", "expected"),
    [("1-3", ["1", "2", "3"], [0, 0.5, 1]), ("1-10", ["1", "10"], [0, 1])],
)
def test_csat_scale_can_be_set(scale: str, values: list[str], expected: list[float]) -> None:
    result = normalise_csat(pd.Series(values, dtype=object), column="CSAT", scale=scale)
    assert floats(result.values) == expected
    assert result.warnings == []


def test_csat_numbers_not_strings() -> None:
    result = normalise_csat(pd.Series([1, 2, 5, None]), column="CSAT")
    assert floats(result.values) == [0, 0.25, 1, None]
    assert result.scale == "points 1-5"


def test_csat_all_missing() -> None:
    result = normalise_csat(pd.Series(["", None], dtype=object), column="CSAT")
    assert result.scale == "no ratings"
    assert result.bad_count == 0 and result.warnings == []


def test_unknown_csat_scale_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown CSAT scale"):
        normalise_csat(pd.Series(["1"]), column="CSAT", scale="1-7")


# ---------------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------------

ENGLISH = [
    "I can't log in to my account since yesterday",
    "The invoice for March was charged twice on my card, please refund one of them",
    "How do I change the email address on my account?",
    "The app crashes every time I open the settings page",
    "My order has not arrived yet and the tracking link does not work",
    "Hi, I was charged after I cancelled my subscription. Can you help?",
    "We are unable to export our reports to CSV since the last update",
    "Why is the mobile app so slow when I upload a photo?",
    "Please remove my credit card from the account, I no longer use it",
    "The password reset email never arrives in my inbox",
    "Thanks for the quick reply, but the problem is still there",
]
INDONESIAN = [
    "Saya tidak bisa masuk ke akun saya sejak kemarin",
    "Pesanan saya belum sampai, tolong dicek ya kak",
    "Kenapa aplikasi selalu keluar sendiri setelah update?",
    "Saldo saya sudah terpotong tapi transaksi gagal",
    "Mohon bantuan, kode OTP tidak masuk ke nomor saya",
    "Bagaimana cara mengganti alamat email di akun saya?",
    "Refund saya belum diterima padahal sudah lebih dari seminggu",
    "Aplikasi tidak bisa dibuka sejak update terbaru",
    "Kenapa tagihan saya bulan ini lebih mahal dari biasanya?",
    "Saya sudah bayar tapi status pesanan masih menunggu pembayaran",
    "Tolong batalkan langganan saya, terima kasih",
]
OTHERS = [
    ("No puedo entrar en mi cuenta desde ayer, ¿me pueden ayudar?", "es"),
    ("Não consigo acessar minha conta desde ontem, podem me ajudar?", "pt"),
    ("Je ne peux pas me connecter à mon compte depuis hier", "fr"),
    ("Ich kann mich seit gestern nicht in mein Konto einloggen", "de"),
    ("Ik kan sinds gisteren niet inloggen op mijn account", "nl"),
    ("Non riesco ad accedere al mio account da ieri, potete aiutarmi?", "it"),
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_tickets(text: str) -> None:
    assert detect_languages([text]) == ["en"]


@pytest.mark.parametrize("text", INDONESIAN)
def test_indonesian_tickets(text: str) -> None:
    assert detect_languages([text]) == ["id"]


@pytest.mark.parametrize(("text", "language"), OTHERS)
def test_other_languages(text: str, language: str) -> None:
    assert detect_languages([text]) == [language]


@pytest.mark.parametrize(
    "text", ["Refund?", "OTP", "", "invoice #4411", "login error 500", "Hola", None, float("nan")]
)
def test_short_or_unknown_text_is_undetermined(text: object) -> None:
    assert detect_languages([text]) == [UNDETERMINED]


def test_languages_keep_order_and_accept_a_series() -> None:
    texts = pd.Series([ENGLISH[0], INDONESIAN[0], "ok"])
    assert detect_languages(texts) == ["en", "id", UNDETERMINED]


_WORDS = sorted(languages._WORD_LANGUAGE)
# A few words each of three languages: short texts of them often sit right at the 2-hit and 2:1
# thresholds. Pieces are glued with no space, so digits and punctuation must split words.
_FEW_WORDS = ["the", "please", "WITH", "saya", "tidak", "bisa", "nicht", "und"]
_NOISE = [*",.;:!?'\"()-_/#@0123456789", " ", "  ", "\n", "\t", "\v", "\f", "\x1c", "\x1f", "\x00"]
_NOT_ASCII = ["é", "ß", "日", "\xa0"]
_language_texts = st.lists(
    st.sampled_from(_FEW_WORDS) | st.sampled_from(_NOISE) | st.sampled_from(_WORDS), max_size=14
).map("".join) | st.lists(
    st.sampled_from(_WORDS) | st.sampled_from(_NOISE + _NOT_ASCII) | st.text(max_size=6),
    max_size=160,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(
        _language_texts,
        min_size=languages._COLUMN_MIN_TEXTS,
        max_size=languages._COLUMN_MIN_TEXTS + 30,
    )
)
def test_column_path_equals_the_per_text_guess(texts: list[str]) -> None:
    # pyarrow splits and looks up the ASCII texts' words: the same answer as per text, always.
    assert detect_languages(texts) == [languages._language(t) for t in texts]


def test_column_path_on_languages_and_non_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(languages, "_COLUMN_SLICE_TEXTS", 7)  # several slices, kept in order
    # At the thresholds: two hits at least, and twice the runner-up's.
    edges = {
        "the please saya": "en",
        "the saya": UNDETERMINED,
        "saya tidak the": "id",
        "the": "und",
    }
    texts = [*ENGLISH, *INDONESIAN, *(t for t, _ in OTHERS), None, float("nan"), "", "Refund?"]
    texts = [*edges, *texts * 4]
    expected = [languages._language(t) for t in texts]
    assert len(texts) >= languages._COLUMN_MIN_TEXTS
    assert detect_languages(texts) == expected
    assert detect_languages(pd.Series(texts, index=range(5, 5 + len(texts)))) == expected
    assert expected[: len(edges)] == list(edges.values())
    assert {"en", "id", "es", "pt", "fr", "de", "nl", "it", UNDETERMINED} == set(expected)


# ---------------------------------------------------------------------------------------------
# Flags, durations, counts
# ---------------------------------------------------------------------------------------------


def test_flags() -> None:
    values = ["true", "False", "YES", "n", "1", "0", "1.0", "Escalated", "not_escalated", "", None]
    result = parse_flags(pd.Series([*values, "maybe"], dtype=object), column="Escalated")
    assert floats(result.values) == [1, 0, 1, 0, 1, 0, 1, 1, 0, None, None, None]
    assert list(result.bad_rows) == [11]
    assert result.warnings == [
        "1 value of 'Escalated' could not be read as yes/no flags (rows 11); left empty."
    ]


def test_flag_marks_read_empty_as_no() -> None:
    result = parse_flags(pd.Series(["x", "", None, "X", "✓"], dtype=object), column="Escalated")
    assert floats(result.values) == [1, 0, 0, 1, 1]
    assert result.unit == "1 = marked, 0 = empty"


@pytest.mark.parametrize("values", [[True, False, None], [1.0, 0.0, np.nan]])
def test_flags_not_strings(values: list[object]) -> None:
    result = parse_flags(pd.Series(values), column="Escalated")
    assert floats(result.values) == [1, 0, None]


@pytest.mark.parametrize(
    ("header", "unit", "value", "minutes"),
    [
        ("Resolution time", "minutes (assumed: the header names no unit)", "90", 90),
        ("First reply time in minutes within business hours", "minutes", "60", 60),
        ("Resolution time (hrs)", "hours", "1.5", 90),
        ("Time to close (in hrs)", "hours", "2", 120),
        ("Handle time seconds", "seconds", "90", 1.5),
        ("Handle time (s)", "seconds", "30", 0.5),
        ("Handle time (ms)", "milliseconds", "60000", 1),
        ("Time to close (days)", "days", "1", 1440),
    ],
)
def test_duration_units_from_header(header: str, unit: str, value: str, minutes: float) -> None:
    result = parse_durations(pd.Series([value]), column="Resolution", header=header)
    assert result.unit == unit
    assert floats(result.values) == [minutes]


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("1h 30m", 90),
        ("1h30m", 90),
        ("2d 3h", 3060),
        ("90 min", 90),
        ("5 mins", 5),
        ("1 hour, 15 minutes", 75),
        ("45s", 0.75),
        ("01:30:00", 90),
        ("1:30", 90),
        ("00:00:30", 0.5),
        ("2 days 03:00:00", 3060),
    ],
)
def test_duration_text_is_read_whatever_the_header(value: str, minutes: float) -> None:
    result = parse_durations(pd.Series([value]), column="Resolution", header="Time (hrs)")
    assert floats(result.values) == [minutes]
    assert result.bad_count == 0


def test_bad_and_negative_durations() -> None:
    values = pd.Series(["-5", "-1:00", "3 months", "soon", "", None, "0"], dtype=object)
    result = parse_durations(values, column="Resolution", header="Resolution time")
    assert list(result.bad_rows) == [0, 1, 2, 3]
    assert floats(result.values) == [None] * 6 + [0]


def test_duration_numbers_not_strings() -> None:
    result = parse_durations(pd.Series([60.0, None]), column="Handle", header="Handle (s)")
    assert floats(result.values) == [1, None]


@pytest.mark.parametrize(
    ("header", "unit"), [("Wait (wks)", "w"), ("Resolution", None), ("Time in hours", "h")]
)
def test_duration_unit(header: str, unit: str | None) -> None:
    assert duration_unit(header) == unit


def test_counts() -> None:
    values = ["3", "3.0", " 4 ", "0", "", None, "-1", "2.5", "x", "inf"]
    result = parse_counts(pd.Series(values, dtype=object), column="Reopens")
    assert floats(result.values) == [3, 3, 4, 0] + [None] * 6
    assert list(result.bad_rows) == [6, 7, 8, 9]
    assert result.warnings == [
        "4 values of 'Reopens' could not be read as whole numbers from 0 up "
        "(rows 6, 7, 8, 9); left empty."
    ]


def test_counts_not_strings() -> None:
    result = parse_counts(pd.Series([1, 2, None]), column="Replies")
    assert floats(result.values) == [1, 2, None]


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

MISSING = st.sampled_from([None, "", "   ", float("nan")])
CELLS = st.one_of(
    MISSING,
    st.text(max_size=12),
    st.integers(-10, 200).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(str),
    st.sampled_from(["Good", "Bad", "Offered", "yes", "1h 30m", "01:30", "03/04/2024"]),
)


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(CELLS, max_size=30))
def test_parse_counts_never_returns_negatives(cells: list[object]) -> None:
    result = parse_counts(pd.Series(cells, dtype=object), column="Reopens")
    values = result.values.dropna()
    assert (values >= 0).all() and (values % 1 == 0).all()


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(CELLS, max_size=30))
def test_missing_values_are_never_bad(cells: list[object]) -> None:
    series = pd.Series(cells, dtype=object)
    missing = {i for i, cell in enumerate(cells) if pd.isna(cell) or not str(cell).strip()}
    results = [
        parse_datetimes(series, column="c"),
        normalise_csat(series, column="c"),
        parse_flags(series, column="c"),
        parse_durations(series, column="c", header="Time"),
        parse_counts(series, column="c"),
    ]
    for result in results:
        assert not missing & set(result.bad_rows)
        assert list(result.values.index) == list(series.index)


def test_an_unreadable_date_shown_in_a_warning_is_masked(tmp_path) -> None:
    """Warnings are printed and stored in the manifest: their examples never carry personal data."""
    from voc.config import IngestConfig
    from voc.ingest import read_export

    path = tmp_path / "dates.csv"
    path.write_text(
        "Id,Subject,Created at\n"
        + "".join(
            f"{i},Refund {i},call bob.smith@example.com or +44 7700 900123\n" for i in range(5)
        ),
        encoding="utf-8",
    )
    warnings = " ".join(read_export(path, IngestConfig()).warnings)
    assert "no known date format matches" in warnings
    assert "bob.smith@example.com" not in warnings and "7700 900123" not in warnings
    assert "[EMAIL]" in warnings and "[PHONE]" in warnings
