"""Personal data that words around it give away: names under sign-offs, postal addresses,
passport and Indonesian NIK numbers, and e-mail addresses written as "name at example dot com".
"""

from __future__ import annotations

import re

from voc.clean.pii.base import EMAIL_TOKEN, NON_DIGIT_RE
from voc.clean.pii.context import kept_by_context
from voc.clean.replies import SIGNATURE_MAY_CHANGE, SIGNOFF_WORDS

NAME_TOKEN = "[NAME]"
ADDRESS_TOKEN = "[ADDRESS]"
ID_NUMBER_TOKEN = "[ID_NUMBER]"

# --- names under a sign-off ------------------------------------------------------------------

# A capitalised word ("Budi", "Müller", "O'Neil"), never "I"; between words, the lower-case
# particles of names ("Jan de Vries", "Ludwig van Beethoven", "Siti binti Ahmad").
_NAME_WORD = r"(?!I\b|I')[A-ZÀ-ÖØ-Þ][\w.'-]*"
_PARTICLE = r"(?:de|van|der|den|von|da|di|del|la|le|du|bin|binti|dos|das)"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD}){{0,3}}"
# "Thanks, John" on one line, or the sign-off alone with the name on the next line (a blank line
# between is allowed). Only a line that is nothing but a name is masked.
NAME_AFTER_SIGNOFF_RE = re.compile(
    rf"^[ \t]*(?i:{SIGNOFF_WORDS})[ \t]*[,.!:;]*[ \t]*(?:[-–—~][ \t]*)?"
    rf"(?:\n[ \t]*(?:\n[ \t]*)?)?(?P<name>{_NAME})[ \t]*[,.!]?[ \t]*$",
    re.MULTILINE,
)

# --- postal addresses ------------------------------------------------------------------------

# Abbreviations keep their dot (not one glued to what follows); a full word leaves a sentence's
# full stop alone.
_STREET_WORDS = (
    r"(?:Street|Road|Avenue|Lane|Drive|Boulevard|Way|Court|Place|Square|Terrace|Close|Crescent|"
    r"Parkway|Highway|Row|Mews|Gardens)\b|(?:St|Rd|Ave|Ln|Dr|Blvd|Ct|Pl|Sq|Pkwy|Hwy)\b(?:\.(?!\w))?"
)
_CAP_WORD = r"[A-Z][\w'-]*"
# Not glued to a word, a number or an address before it. A digit group before it is allowed: the
# masks that run later (IP, IBAN, phone) may replace it, and the address must not depend on them.
_LEFT = r"(?<![\w+#$€£¥/.,@-])"
ADDRESS_RE = re.compile(
    # English: house number, one to four capitalised words, a street word ("221B Baker St.").
    rf"{_LEFT}\d{{1,5}}[A-Za-z]?(?:[ \t]+{_CAP_WORD}){{0,3}}[ \t]+(?:{_STREET_WORDS})"
    # French: "12 rue de Rivoli", "5 bis avenue Foch".
    rf"|{_LEFT}\d{{1,4}}(?:[ \t]?(?:bis|ter))?,?[ \t]+"
    r"(?:rue|avenue|boulevard|bd|place|allée|impasse|chemin|quai|route)"
    r"(?:[ \t]+(?:de|du|des|la|le|l'|d'))*[ \t]*[A-ZÉ][\w'-]*"
    # German and Dutch street names end in a street word, the number follows ("Hauptstraße 5").
    r"|(?<![\w-])[A-ZÄÖÜ][\w-]*?(?:straße|strasse|str\.|weg|gasse|allee|platz|damm|straat|gracht"
    r"|laan|plein|kade|singel|steeg)[ \t]+\d{1,4}[a-zA-Z]?(?![\w])"
    # Spanish: "Calle Mayor 5", "Avenida de la Constitución, nº 12".
    r"|(?<![\w-])(?:Calle|Avenida|Avda\.|Paseo|Plaza)[ \t]+(?:(?:de|del|la|las|los)[ \t]+){0,2}"
    rf"{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,3}},?[ \t]+(?:n[º°o]\.?[ \t]*)?\d{{1,4}}(?![\w])"
    # Indonesian: "Jl. Sudirman No. 5", "Jln Gatot Subroto Kav. 52", "Jalan Merdeka No. 10".
    rf"|(?<![\w-])(?:Jl|JL|Jln)(?:\.[ \t]*|[ \t]+)(?!No\b){_CAP_WORD}(?:\.(?!\w))?"
    rf"(?:[ \t]+(?!No\b|NO\b){_CAP_WORD}(?:\.(?!\w))?){{0,4}}"
    r"(?:,?[ \t]*(?:No|NO|no)\.?[ \t]*\d{1,5}[A-Za-z]?(?!\w))?"
    rf"|(?<![\w-])Jalan[ \t]+{_CAP_WORD}(?:[ \t]+(?!No\b|NO\b){_CAP_WORD}){{0,4}}"
    r",?[ \t]*(?:No|NO|no)\.?[ \t]*\d{1,5}[A-Za-z]?(?!\w)"
)
# What each form above needs: a number before a capital or a French street word, a street
# name's last letter before a number, or a literal word.
ADDRESS_HINT_RE = re.compile(
    r"\d[A-Za-z]?[ \t]+[A-Z]|\d(?:[ \t]?(?:bis|ter))?,?[ \t]+[a-z]|[a-z.][ \t]+\d"
    r"|Jl|JL|Jalan|Calle|Avenida|Avda\.|Paseo|Plaza"
)

# --- passport and NIK numbers ----------------------------------------------------------------

_QUALIFIERS = (
    r"no\.?|nr\.?|num\.?|number|nomor|nummer|numéro|número|n[º°o]\.?|#|is|id|adalah|saya|ist|est"
)
# A passport number is six to nine letters and digits with a digit in its first four.
PASSPORT_RE = re.compile(
    r"(?P<head>(?i:passport|paspor|reisepass|passeport|pasaporte|paspoort|passaporto)"
    rf"(?:[ \t]+(?i:{_QUALIFIERS})){{0,3}}[ \t]*[:#]?[ \t]*)"
    r"(?P<value>(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{6,9})(?![\w])"
)
# Nomor Induk Kependudukan: 16 digits (also in groups of four, or 6-6-4).
_NIK = r"\d{16}|\d{4}(?P<s>[ .-])\d{4}(?P=s)\d{4}(?P=s)\d{4}|\d{6}(?P<t>[ .-])\d{6}(?P=t)\d{4}"
NIK_IN_CONTEXT_RE = re.compile(
    r"(?P<head>(?<![\w])(?i:nik|e-?ktp|ktp|nomor induk kependudukan|nomor induk|no\.?[ \t]?ktp)"
    rf"(?:[ \t]+(?i:{_QUALIFIERS})){{0,3}}[ \t]*[:#=]?[ \t]*)(?P<value>{_NIK})(?![\w]|[ .,/-]\d)"
)
NIK_RE = re.compile(r"(?<![\w+/.,@-])(?<!\d[ .,/-])\d{16}(?![\w@+(]|[ .,/-]\d)")
# Province codes (kode wilayah) of Indonesia's provinces, as the NIK's first two digits.
NIK_PROVINCES = frozenset(
    [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53]
    + [61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97]
)
_WOMEN_DAY_OFFSET = 40  # a woman's NIK adds 40 to her day of birth

# --- e-mail addresses written out ------------------------------------------------------------

_BRACKET_AT = r"[ \t]*[\[({<][ \t]*(?i:at)[ \t]*[\])}>][ \t]*"
_WORD_AT = r"[ \t]+(?i:at)[ \t]+"
_WORD_DOT = r"(?:[ \t]*[\[({<][ \t]*(?i:dot)[ \t]*[\])}>][ \t]*|[ \t]+(?i:dot)[ \t]+)"
# "name [at] example [dot] com" or "name (at) example.com"; "name at example dot com" only with
# "dot" written out too, so "meet at home.Then" is prose. Like EMAIL_RE, not followed by what
# could start another address, so masking one never exposes a second.
_TLD = r"[^\W\d_]{2,24}"
OBFUSCATED_EMAIL_RE = re.compile(
    rf"(?<![\w.%+-])[\w.%+-]+(?:{_BRACKET_AT}[\w-]+(?:(?:{_WORD_DOT}|\.)[\w-]+)*?(?:{_WORD_DOT}|\.)"
    rf"|{_WORD_AT}[\w-]+(?:{_WORD_DOT}[\w-]+)*?{_WORD_DOT}){_TLD}(?![\w%+@-]|\.[\w.%+@-])"
)
OBFUSCATED_EMAIL_HINT_RE = re.compile(r"[\[({<][ \t]*(?i:at)[ \t]*[\])}>]|[ \t](?i:dot)[ \t]")

# RE2 (see voc.clean.batch): on ASCII text :func:`mask_identity` changes nothing unless this
# matches (the digits of NIK numbers are left to the caller's condition).
IDENTITY_MAY_CHANGE = (
    rf"(?:{SIGNATURE_MAY_CHANGE})"
    r"|[0-9][A-Za-z]?[ \t]+[A-Z]|[0-9](?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|boulevard|bd|"
    r"place|impasse|chemin|quai|route)"
    r"|(?:strasse|str\.|weg|gasse|allee|platz|damm|straat|gracht|laan|plein|kade|singel|steeg)"
    r"[ \t]+[0-9]|Jl|JL|Jalan|Calle|Avenida|Avda\.|Paseo|Plaza"
    r"|(?i:pas[aps]|reisepass)|(?i:nik|ktp|nomor induk)"
    r"|[\[({<][ \t]*(?i:at)[ \t]*[\])}>]|[ \t](?i:dot)[ \t]"
)


def nik_valid(digits: str) -> bool:
    """True when 16 digits have a NIK's structure: a province code, regency and district codes
    that are not 00, a birth date DDMMYY (the day plus 40 for women) and a serial that is not 0000.

    Example:
        >>> nik_valid("3201014509900001"), nik_valid("1234567890123456")
        (True, False)
    """
    if len(digits) != 16 or not digits.isascii() or not digits.isdigit():
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    day -= _WOMEN_DAY_OFFSET if day > _WOMEN_DAY_OFFSET else 0
    return (
        int(digits[:2]) in NIK_PROVINCES
        and digits[2:4] != "00"
        and digits[4:6] != "00"
        and 1 <= day <= 31
        and 1 <= month <= 12
        and digits[12:] != "0000"
    )


def mask_identity(text: str, lowered: str) -> str:
    """Mask names after sign-offs, street addresses, passport and NIK numbers in context, and
    e-mail addresses with "at" and "dot" written out. ``lowered`` is ``text.lower()``.

    Example:
        >>> text = "Send it to 221B Baker Street. NIK: 3201014509900001\\nThanks,\\nBudi Santoso"
        >>> mask_identity(text, text.lower())
        'Send it to [ADDRESS]. NIK: [ID_NUMBER]\\nThanks,\\n[NAME]'
    """
    if OBFUSCATED_EMAIL_HINT_RE.search(text):
        text = OBFUSCATED_EMAIL_RE.sub(EMAIL_TOKEN, text)
    text = NAME_AFTER_SIGNOFF_RE.sub(_mask_name, text)
    if ADDRESS_HINT_RE.search(text):
        text = ADDRESS_RE.sub(ADDRESS_TOKEN, text)
    if "pas" in lowered or "reisepass" in lowered:
        text = PASSPORT_RE.sub(_mask_id_value, text)
    if "nik" in lowered or "ktp" in lowered or "nomor induk" in lowered:
        text = NIK_IN_CONTEXT_RE.sub(_mask_id_value, text)
    return text


def mask_nik(text: str) -> str:
    """Mask 16-digit numbers with a NIK's structure (:func:`nik_valid`), unless an order,
    invoice, reference... word comes before them."""
    return NIK_RE.sub(_mask_nik, text)


def _mask_name(match: re.Match[str]) -> str:
    start, end = match.span("name")
    base = match.start()
    whole = match.group()
    return whole[: start - base] + NAME_TOKEN + whole[end - base :]


def _mask_id_value(match: re.Match[str]) -> str:
    return match.group("head") + ID_NUMBER_TOKEN


def _mask_nik(match: re.Match[str]) -> str:
    digits = NON_DIGIT_RE.sub("", match.group())
    if not nik_valid(digits) or kept_by_context(match.string, match.start()):
        return match.group()
    return ID_NUMBER_TOKEN
