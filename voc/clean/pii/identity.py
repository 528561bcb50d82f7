"""Personal data that words around it give away: names under sign-offs, postal addresses,
passport and Indonesian NIK numbers, and e-mail addresses written as "name at example dot com".
"""

from __future__ import annotations

import re

from voc.clean.pii.base import (
    EMAIL_TOKEN,
    NINE_DIGITS_RE,
    NON_DIGIT_RE,
    has_digit,
)
from voc.clean.pii.context import kept_by_context
from voc.clean.replies import SIGNOFF_WORDS
from voc.clean.strings import contains_any

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
_SIGNOFF_STARTS = tuple(SIGNOFF_WORDS.split("|"))
_SIGNOFF_CHARS = max(map(len, _SIGNOFF_STARTS))
NAME_AFTER_SIGNOFF_RE = re.compile(
    rf"^[ \t]*(?i:{SIGNOFF_WORDS})[ \t]*[,.!:;]*[ \t]*(?:[-–—~][ \t]*)?"
    rf"(?:\n[ \t]*(?:\n[ \t]*)?)?(?P<name>{_NAME})[ \t]*[,.!]?[ \t]*$",
    re.MULTILINE,
)

# --- postal addresses ------------------------------------------------------------------------

# Abbreviations keep their dot (not one glued to what follows); a full word leaves a sentence's
# full stop alone.
_STREET_NAMES = (
    "Street|Road|Avenue|Lane|Drive|Boulevard|Way|Court|Place|Square|Terrace|Close|Crescent|"
    "Parkway|Highway|Row|Mews|Gardens"
)
_STREET_ABBREVIATIONS = "St|Rd|Ave|Ln|Dr|Blvd|Ct|Pl|Sq|Pkwy|Hwy"
_STREET_WORDS = rf"(?:{_STREET_NAMES})\b|(?:{_STREET_ABBREVIATIONS})\b(?:\.(?!\w))?"
_CAP_WORD = r"[A-Z][\w'-]*"
# Not glued to a word, a number or an address before it. A digit group before it is allowed: the
# masks that run later (IP, IBAN, phone) may replace it, and the address must not depend on them.
# Written after the first digit, so that ``re`` skips fast to the digits.
_AFTER_FIRST_DIGIT_LEFT = r"(?<![\w+#$€£¥/.,@-]\d)"
# English: a house number, up to three capitalised words, a street word ("221B Baker St.");
# French: "12 rue de Rivoli", "5 bis avenue Foch".
_FRENCH_STREET = "rue|avenue|boulevard|bd|place|allée|impasse|chemin|quai|route"

NUMBER_FIRST_ADDRESS_RE = re.compile(
    rf"\d{_AFTER_FIRST_DIGIT_LEFT}\d{{0,4}}"
    rf"(?:[A-Za-z]?(?:[ \t]+{_CAP_WORD}){{0,3}}[ \t]+(?:{_STREET_WORDS})"
    rf"|(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:{_FRENCH_STREET})"
    r"(?:[ \t]+(?:de|du|des|la|le|l'|d'))*[ \t]*[A-ZÉ][\w'-]*)"
)
# German and Dutch street names end in a street word, the number follows ("Hauptstraße 5").
_SUFFIXES = (
    "straße", "strasse", "str.", "weg", "gasse", "allee", "platz", "damm", "straat", "gracht",
    "laan", "plein", "kade", "singel", "steeg",
)  # fmt: skip
# A number after a word's last letter (or "str.") and a space, as in every form below.
_NUMBER_AFTER_WORD_RE = re.compile(r"\d(?<=[^\W\d_.][ \t]\d|\.[ \t]\d)")
SUFFIX_ADDRESS_RE = re.compile(
    rf"(?<![\w-])[A-ZÄÖÜ][\w-]*?(?:{'|'.join(map(re.escape, _SUFFIXES))})[ \t]+\d{{1,4}}[a-zA-Z]?"
    r"(?![\w])"
)
# Spanish: "Calle Mayor 5", "Avenida de la Constitución, nº 12".
_SPANISH_WORDS = ("Calle", "Avenida", "Avda.", "Paseo", "Plaza")
SPANISH_ADDRESS_RE = re.compile(
    r"(?<![\w-])(?:Calle|Avenida|Avda\.|Paseo|Plaza)[ \t]+(?:(?:de|del|la|las|los)[ \t]+){0,2}"
    rf"{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,3}},?[ \t]+(?:n[º°o]\.?[ \t]*)?\d{{1,4}}(?![\w])"
)
# Indonesian: "Jl. Sudirman No. 5", "Jln Gatot Subroto Kav. 52", "Jalan Merdeka No. 10".
_INDONESIAN_WORDS = ("Jl", "JL", "Jalan")
INDONESIAN_ADDRESS_RE = re.compile(
    rf"(?<![\w-])(?:Jl|JL|Jln)(?:\.[ \t]*|[ \t]+)(?!No\b){_CAP_WORD}(?:\.(?!\w))?"
    rf"(?:[ \t]+(?!No\b|NO\b){_CAP_WORD}(?:\.(?!\w))?){{0,4}}"
    r"(?:,?[ \t]*(?:No|NO|no)\.?[ \t]*\d{1,5}[A-Za-z]?(?!\w))?"
    rf"|(?<![\w-])Jalan[ \t]+{_CAP_WORD}(?:[ \t]+(?!No\b|NO\b){_CAP_WORD}){{0,4}}"
    r",?[ \t]*(?:No|NO|no)\.?[ \t]*\d{1,5}[A-Za-z]?(?!\w)"
)

# --- passport and NIK numbers ----------------------------------------------------------------

_QUALIFIERS = (
    r"no\.?|nr\.?|num\.?|number|nomor|nummer|numéro|número|n[º°o]\.?|#|is|id|adalah|saya|ist|est"
)
# A passport number is six to nine letters and digits with a digit in its first four.
_PASSPORT_WORDS = ("passport", "paspor", "reisepass", "passeport", "pasaporte", "paspoort")
PASSPORT_RE = re.compile(
    r"(?P<head>(?i:passport|paspor|reisepass|passeport|pasaporte|paspoort|passaporto)"
    rf"(?:[ \t]+(?i:{_QUALIFIERS})){{0,3}}[ \t]*[:#]?[ \t]*)"
    r"(?P<value>(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{6,9})(?![\w])"
)
# Nomor Induk Kependudukan: 16 digits (also in groups of four, or 6-6-4).
_NIK = r"\d{16}|\d{4}(?P<s>[ .-])\d{4}(?P=s)\d{4}(?P=s)\d{4}|\d{6}(?P<t>[ .-])\d{6}(?P=t)\d{4}"
_NIK_WORDS = ("nik", "ktp", "nomor induk")
NIK_IN_CONTEXT_RE = re.compile(
    r"(?P<head>(?<![\w])(?i:nik|e-?ktp|ktp|nomor induk kependudukan|nomor induk|no\.?[ \t]?ktp)"
    rf"(?:[ \t]+(?i:{_QUALIFIERS})){{0,3}}[ \t]*[:#=]?[ \t]*)(?P<value>{_NIK})(?![\w]|[ .,/-]\d)"
)
# The left boundary is checked after the first digit, so that ``re`` skips fast to the digits.
NIK_RE = re.compile(r"\d(?<![\w+/.,@-]\d)(?<!\d[ .,/-]\d)\d{15}(?![\w@+(]|[ .,/-]\d)")
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
# Every written-out address has a bracketed "at" or "dot", or "dot" between white space.
_BRACKETED_AT_RE = re.compile(r"at[ \t]*[\])}>]")  # starts with a literal: a fast search
_BRACKETED_DOT_RE = re.compile(r"dot[ \t]*[\])}>]")

# RE2 (see voc.clean.batch): on ASCII text :func:`mask_identity` changes nothing unless this
# matches.
IDENTITY_MAY_CHANGE = (
    # a name line under a sign-off
    rf"(?m:^[ \t]*(?i:{SIGNOFF_WORDS})[ \t]*[,.!:;]*[ \t]*(?:[-~][ \t]*)?(?:\n[ \t]*(?:\n[ \t]*)?)?"
    r"[A-Z])"
    # addresses: English and French after the house number, German and Dutch before it
    rf"|[0-9][A-Za-z]?(?:[ \t]+[A-Z][A-Za-z0-9_'-]*){{0,3}}[ \t]+(?:{_STREET_NAMES}|"
    rf"{_STREET_ABBREVIATIONS})\b"
    r"|[0-9](?:[ \t]?(?:bis|ter))?,?[ \t]+"
    r"(?:rue|avenue|boulevard|bd|place|impasse|chemin|quai|route)"
    r"|(?:strasse|str\.|weg|gasse|allee|platz|damm|straat|gracht|laan|plein|kade|singel|steeg)"
    r"[ \t]+[0-9]|(?:Jl|JL|Jln)[. \t]|(?:Jalan|Calle|Avenida|Avda\.|Paseo|Plaza)[ \t]"
    # passport and NIK words, written-out e-mail addresses
    r"|(?i:passport|paspor|reisepass|passeport|pasaporte|paspoort|passaporto|nik|ktp|nomor induk)"
    r"|[\[({<][ \t]*(?i:at|dot)[ \t]*[\])}>]|[ \t](?i:dot)[ \t]"
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
    if _has_obfuscation_hint(lowered):
        text = OBFUSCATED_EMAIL_RE.sub(EMAIL_TOKEN, text)
    text = _mask_names(text)
    text = _mask_addresses(text)
    if "pas" in lowered and contains_any(lowered, _PASSPORT_WORDS):
        text = PASSPORT_RE.sub(_mask_id_value, text)
    if contains_any(lowered, _NIK_WORDS) and NINE_DIGITS_RE.search(text):
        text = NIK_IN_CONTEXT_RE.sub(_mask_id_value, text)
    return text


def mask_nik(text: str) -> str:
    """Mask 16-digit numbers with a NIK's structure (:func:`nik_valid`), unless an order,
    invoice, reference... word comes before them."""
    return NIK_RE.sub(_mask_nik, text)


def _has_obfuscation_hint(lowered: str) -> bool:
    if " dot " in lowered or "\tdot" in lowered or "dot\t" in lowered:
        return True
    return bool(_BRACKETED_AT_RE.search(lowered) or _BRACKETED_DOT_RE.search(lowered))


def _mask_names(text: str) -> str:
    """``NAME_AFTER_SIGNOFF_RE.sub(...)``, tried only on lines that start with a sign-off word:
    ``re`` would try the pattern at every position of the text."""
    pieces: list[str] = []
    done = start = 0
    while True:
        first = start
        while text.startswith((" ", "\t"), first):
            first += 1
        if text[first : first + _SIGNOFF_CHARS].lower().startswith(_SIGNOFF_STARTS):
            match = NAME_AFTER_SIGNOFF_RE.match(text, start)
            if match:
                pieces += (text[done:start], _mask_name(match))
                done = match.end()
        newline = text.find("\n", max(start, done))
        if newline == -1:
            break
        start = newline + 1
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _mask_addresses(text: str) -> str:
    """Each address form where its cheap check passes."""
    if has_digit(text):
        # Patterns that start with a digit are searched fast; substring checks cost more here.
        text = NUMBER_FIRST_ADDRESS_RE.sub(ADDRESS_TOKEN, text)
        if _NUMBER_AFTER_WORD_RE.search(text) and contains_any(text, _SUFFIXES):
            text = SUFFIX_ADDRESS_RE.sub(ADDRESS_TOKEN, text)
        if contains_any(text, _SPANISH_WORDS):
            text = SPANISH_ADDRESS_RE.sub(ADDRESS_TOKEN, text)
    if contains_any(text, _INDONESIAN_WORDS):
        text = INDONESIAN_ADDRESS_RE.sub(ADDRESS_TOKEN, text)
    return text


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
