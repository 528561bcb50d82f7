"""Mask personal data and credentials in ticket text.

:func:`mask_core` replaces, in this order: secrets in URLs and ``Authorization`` headers
([SECRET], keeping the rest of the URL or header), email addresses ([EMAIL]), IBANs that pass the
ISO 13616 mod-97 check ([IBAN]), IPv6 and IPv4 addresses ([IP]), payment card numbers that pass the
Luhn check ([CARD]) and phone numbers ([PHONE]). Dates, times, versions, amounts, order and
ticket numbers are deliberately left alone: they are the evidence that themes are built from.

Every pattern is anchored on a boundary that a mask cannot create, so masking is idempotent, and
none can backtrack badly. Each step first runs a cheap check (a substring, or a pattern that starts
with a literal) and is skipped when it cannot apply: a ticket without "://", "=", "@", "Bearer",
digits, dotted quads or two colons costs a few substring searches.
"""

from __future__ import annotations

import ipaddress
import re
import string
from collections.abc import Callable, Iterator

from voc.clean.pii.context import kept_by_context

EMAIL_TOKEN = "[EMAIL]"
CARD_TOKEN = "[CARD]"
PHONE_TOKEN = "[PHONE]"
IBAN_TOKEN = "[IBAN]"
IP_TOKEN = "[IP]"
SECRET_TOKEN = "[SECRET]"

# --- secrets ---------------------------------------------------------------------------------

# Query and fragment parameters whose value is a credential (compared case-insensitively).
# Beyond these, a parameter is secret when one of its words (split at "_", "-", "." and camel
# case) is or ends with one of SECRET_NAME_ENDINGS: "reset_token", "privateToken", "oauth".
SECRET_PARAMS = (
    "token",
    "access_token",
    "refresh_token",
    "id_token",
    "api_key",
    "apikey",
    "key",
    "secret",
    "client_secret",
    "password",
    "pwd",
    "pass",
    "passwd",
    "auth",
    "authorization",
    "signature",
    "sig",
    "session",
    "sessionid",
    "sid",
    "jwt",
    "code",
    "otp",
    "x-amz-signature",
    "x-amz-credential",
    "x-amz-security-token",
)
SECRET_NAME_ENDINGS = (
    "token",
    "key",
    "secret",
    "password",
    "passwd",
    "pwd",
    "auth",
    "sig",
    "signature",
    "code",
    "session",
    "credential",
    "credentials",
)
_NAME_WORD_SPLIT_RE = re.compile(r"[_.-]+|(?<=[a-z0-9])(?=[A-Z])")
# A standalone "Bearer xyz" is only a credential when xyz looks generated: long and with a digit
# ("the Bearer token expired" stays). After "Authorization:" any credential is masked.
MIN_BARE_BEARER_LEN = 16
# Sentence punctuation that ends a URL or token in prose; it is kept after the mask.
_TRAILING_PUNCT = ".,;:!?)"
# Values never contain whitespace, quotes, angle brackets or "[", "]": so "[SECRET]" is never a
# value again, and a URL in HTML or Markdown ends where its attribute or link ends. A parameter
# starts after "?", "&", "#" or ";" (as in "&amp;"), which the pattern starts with, to scan fast;
# a value ends before them, so reading a harmless parameter never hides the next one.
_VALUE = r"[^\s&#;?\"'<>\[\]]++"
# userinfo: "scheme://user:password@host". The user may hold an "@" (a sloppy "bob@corp.com"),
# the password may not, so the first "@" after it ends it. Starting at "://" rather than at the
# scheme lets the regex engine jump from one "://" to the next.
URL_PASSWORD_RE = re.compile(r"(?P<head>://[^\s/?#:\[\]]*+:)(?P<value>[^\s/?#@\[\]]++)(?=@)")
# Any parameter name; :func:`secret_param` decides. Possessive: a name is read once.
URL_PARAM_RE = re.compile(rf"(?P<head>[?&#;](?P<name>[\w.-]{{1,64}}+)=)(?P<value>{_VALUE})")
AUTH_HEADER_RE = re.compile(
    r"(?P<head>(?P<header>\bauthorization:[ \t]*+(?:bearer|basic|token)[ \t]++)"
    r"|(?<![\w-])bearer[ \t]++)(?P<value>[A-Za-z0-9_.~+/-]++=*+)",
    re.IGNORECASE,
)

# --- IBAN ------------------------------------------------------------------------------------

# ISO 13616: 2 letters (country), 2 check digits, then 11-30 letters and digits.
_IBAN_HEAD = r"[A-Za-z]{2}[0-9]{2}"
_IBAN_BBAN = r"[A-Za-z0-9]{11,30}"
IBAN_MIN_LEN = 15
IBAN_MAX_LEN = 34
_IBAN_GROUP = 4  # the print format: groups of four separated by single spaces
_IBAN_MAX_GROUPS = -(-IBAN_MAX_LEN // _IBAN_GROUP)
# mod-97 reads letters as numbers: A (or a) is 10, ..., Z is 35.
_IBAN_LETTER_VALUES = str.maketrans(
    {letter: str(int(letter, 36)) for letter in string.ascii_letters}
)
IBAN_SHAPE_RE = re.compile(_IBAN_HEAD + _IBAN_BBAN)
# A whole token, or a run of 4-character tokens with single spaces (the last may be shorter). The
# run is unbounded, and :func:`_mask_iban` tries every group start in it, so no IBAN inside a run
# is hidden by the groups before it, and a mask never exposes a new one. Not after "." either: in
# "a@x.co.GB82..." the email is refused, and "a@x.co.[IBAN]" would let it through the next time.
IBAN_RE = re.compile(
    rf"(?<![\w.]){_IBAN_HEAD}"
    rf"(?:{_IBAN_BBAN}(?!\w)|(?: [A-Za-z0-9]{{4}}(?!\w))++(?: [A-Za-z0-9]{{1,3}}(?!\w))?)"
)

# --- IP addresses ----------------------------------------------------------------------------

# No leading zeros: "Rp 1.000.000.000" is an amount, and real addresses are not written "010".
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
# Words after which a dotted quad is a version or an amount, not an address (case-insensitive).
NOT_IP_PREFIXES = (
    "version ",
    "version: ",
    "ver ",
    "ver. ",
    "v ",
    "v. ",
    "release ",
    "release: ",
    "rel ",
    "rel. ",
    "build ",
    "build: ",
    "firmware ",
    "rp ",
    "idr ",
)
IPV4_RE = re.compile(
    r"(?<![\w.$€£¥])"
    + "".join(rf"(?<!\b{re.escape(prefix)})" for prefix in NOT_IP_PREFIXES)
    + rf"{_OCTET}(?:\.{_OCTET}){{3}}(?!\w|\.\d)",
    re.IGNORECASE,
)
# A candidate run of hex groups and colons (an IPv4 tail allowed), checked by the standard
# library. Atomic: a shorter run would end before a hex digit, ":" or ".digit" and fail anyway.
# It may not touch a mask: "1.2.3.4::1" and "75::4111111111111111" must not become "[IP]::1" and
# "75::[CARD]" and then expose an address to the next run.
IPV6_RE = re.compile(
    r"(?<![\w:.\]])(?>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3})"
    r"(?![\w:\[]|\.\d)"
)
# Time-like groups ("10:30:45", MAC "00:1a:2b:...") are never addresses without a longer group.
_IPV6_SHORT_GROUP = 2

# --- cheap checks ----------------------------------------------------------------------------

# Necessary conditions for a mask, tried before the full patterns. A pattern that starts with a
# literal or a single character class is scanned fast; one that starts with a lookbehind or a
# repeat is tried step by step at every position. An IBAN needs 11 more characters after its
# check digits, or a second group of four after the first.
IBAN_HINT_RE = re.compile(r"[0-9][0-9](?<=[A-Za-z]{2}[0-9]{2})(?:[A-Za-z0-9]{11}| [A-Za-z0-9]{4} )")
IPV4_HINT_RE = re.compile(r"\.\d{1,3}\.\d{1,3}\.\d")
IPV6_HINT_RE = re.compile(r":[0-9A-Fa-f]*:")

# --- cards and phones ------------------------------------------------------------------------

# A phone must cover a whole run of digit groups: it may not touch a word character, or a digit
# across one separator. This keeps "2026-09-03 10" or "1 2026 555 0132" from being cut into a
# phone and a leftover, and it makes masking idempotent (a mask never exposes a new candidate).
# Cards run first and only look at the character next to them, so "Qty 2 4111 1111 1111 1111"
# is still masked. A number that starts at "+" or "(" is never glued to a digit run before it, so
# only the one character before it counts.
_LEFT = r"(?<![\w+#$€£¥/.,@-])(?<!\d[ .,/-])"
_RIGHT = r"(?![\w@+(]|[ .,/-]\d)"
_LEFT_CARD = r"(?<![\w+/.,@-])"
_RIGHT_CARD = r"(?![\w@+(]|[.,]\d)"
_LEFT_INTL = r"(?<![\w+.])"
_LEFT_PAREN = r"(?<![\w+#$€£¥/.,@-])"
# After the country code: an optional trunk "(0)", then groups ("+49 30 1234567").
_INTL_REST = r"(?:[ .-]?\(\d{1,4}\)[ .-]?\d{1,8})?(?:[ .-]\d{1,8}){0,6}"
_INTL_PREFIX_00 = "00"  # "0044 20 7946 0958": the international call prefix instead of "+"
# The local part is unbounded on purpose: it can only start where a run of its characters starts,
# so the scan stays linear, and a length cap would let a later mask shorten a run into a match.
# An address may not be followed by a character that could start another one (a final "." is
# fine), so masking one never exposes the start of a second. Domains may be internationalised:
# Unicode labels ("müller.de", "例え.jp") or their Punycode ("xn--mller-kva.de", ".xn--p1ai").
EMAIL_RE = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@(?:[\w-]{1,63}\.){1,8}(?:[^\W\d_]{2,24}|xn--[a-z0-9-]{2,59})"
    r"(?![\w%+@-]|\.[\w.%+@-])"
)
DIGIT_RE = re.compile(r"\d")
CARD_RE = re.compile(
    _LEFT_CARD
    + r"(?:\d{13,19}"
    + r"|\d{4}(?P<s>[ -])\d{4}(?P=s)\d{4}(?P=s)\d{4}(?:(?P=s)\d{3})?"
    + r"|\d{4}(?P<a>[ -])\d{6}(?P=a)\d{4,5})"
    + _RIGHT_CARD
)
PHONE_RE = re.compile(
    r"(?:"
    + _LEFT_INTL
    + r"(?P<intl>\+[1-9]\d{7,14}|\+[1-9]\d{0,3}"
    + _INTL_REST
    + r")|"
    + _LEFT_PAREN
    + r"(?:\([2-9]\d{2}\)[ .-]?[2-9]\d{2}[ .-]\d{4}"
    + r"|(?P<nat_paren>\(0[1-9]\d{0,3}\)[ .-]?\d{2,5}(?:[ .-]\d{2,5}){0,3}))"
    + r"|"
    + _LEFT
    # "00" + country code must be followed by a separator: "0012345678" is a ticket id.
    + rf"(?:(?P<intl00>{_INTL_PREFIX_00}[1-9]\d{{0,3}}(?=[ .(-])"
    + _INTL_REST
    + r")"
    + r"|(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ .-]?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}"
    + r"|(?P<nat>0[1-9]\d{8,11}|0[1-9]\d{0,3}(?P<n>[ .-])\d{2,5}(?:(?P=n)\d{2,5}){0,3})))"
    + _RIGHT
)
# Where a card or phone number can start: ``re`` scans a pattern that opens with a lookbehind
# position by position, a pattern that opens with a character class by a fast skip. Every card
# starts with a digit, every phone with "+", "(" or an ASCII digit, and neither after a word
# character (nor after what their left boundaries refuse); these find those places, and the full
# pattern is tried only there (see :func:`_sub_at`). DOTALL: the lookbehind's "." may be "\\n".
CARD_START_RE = re.compile(r"\d(?<![\w+/.,@-].)", re.DOTALL)
PHONE_START_RE = re.compile(r"[+(0-9](?<![\w+.].)", re.DOTALL)
# RE2 (see voc.clean.batch): on ASCII text, mask_core changes nothing unless this matches: "://",
# "=", "@", "bearer" or "authorization" (secrets, emails), two letters and two digits (IBAN), the
# IPv4 and IPv6 hints, or eight digits with at most three separators between neighbours (every
# card has 13 or more, every masked phone or NIK number 8 or more, none with longer gaps).
CORE_MAY_CHANGE = (
    r"://|=|@|(?i:bearer|authorization)|[A-Za-z]{2}[0-9]{2}|\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]"
    r"|:[0-9A-Fa-f]*:|(?:[0-9][\t\n\v\f\r .()/\-]{0,3}){7}[0-9]"
)
# Nine digits with at most two separators between neighbours: what every NIK and every national
# phone number that voc.clean.pii.phones asks about holds. It starts with a digit, so ``re``
# skips fast to the digits; NINE_DIGITS is the same for RE2 (see voc.clean.batch).
NINE_DIGITS_RE = re.compile(r"\d(?:[ ./()-]{0,2}\d){8}")
NINE_DIGITS = r"[0-9](?:[ ./()\-]{0,2}[0-9]){8}"
INTL_DIGITS = range(8, 16)  # E.164: at most 15 digits with the country code
NATIONAL_DIGITS = range(9, 14)
NON_DIGIT_RE = re.compile(r"\D")


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` (only 0-9, at least two) passes the Luhn checksum used by card numbers.

    Example:
        >>> luhn_valid("4111111111111111"), luhn_valid("4111111111111112")
        (True, False)
    """
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def iban_valid(iban: str) -> bool:
    """True when ``iban`` (no spaces, any case) has the ISO 13616 shape and passes mod-97.

    The country code and check digits move to the end, letters become 10-35, and the number must
    leave remainder 1 when divided by 97.

    Example:
        >>> iban_valid("GB82WEST12345698765432"), iban_valid("GB82WEST12345698765433")
        (True, False)
    """
    if not iban.isascii() or not IBAN_SHAPE_RE.fullmatch(iban):
        return False
    return int((iban[4:] + iban[:4]).translate(_IBAN_LETTER_VALUES)) % 97 == 1


def mask_core(text: str) -> str:
    """Replace personal data and credentials by tokens; the rest of the text is kept as it is.

    - [SECRET]: the password in ``scheme://user:password@host``; the value of a query or fragment
      parameter named in :data:`SECRET_PARAMS` (any case; other parameters are kept); the
      credential after ``Authorization: Bearer|Basic|Token``, and after a bare ``Bearer`` when it
      looks generated (:data:`MIN_BARE_BEARER_LEN` characters or more, with a digit). The URL,
      its path, the other parameters and the header name stay.
    - [EMAIL]: email addresses. Secrets go first, so ``https://bob:pw@host`` keeps its host.
    - [IBAN]: contiguous or in groups of four ("GB82 WEST 1234 5698 7654 32"), upper or lower
      case, when the mod-97 check passes.
    - [IP]: IPv4 (four octets 0-255 without leading zeros, not part of a longer dotted run, not
      after "v", "version", "Rp"); IPv6 in full or compressed form with two or more colons, a
      digit, and a "::" or a group longer than two characters ("fe80::1", not "10:30:45").
    - [CARD]: 13-19 digits, contiguous or in 4-4-4-4(-3) or 4-6-5 groups, that pass Luhn.
    - [PHONE]: international ("+44 20 7946 0958", "0044 20 7946 0958", "+44 (0)20 7946 0958"),
      North American ("(415) 555-0132") or national with a trunk zero ("0812 3456 7890").

    A match must span a whole run of digit groups, so dates, times, versions, amounts and ids
    ("#48213", "INV-2026-0042") stay. Applying it twice gives the same text as applying it once.

    Example:
        >>> mask_core("Call +62 812-3456-7890 or mail budi@example.co.id")
        'Call [PHONE] or mail [EMAIL]'
        >>> mask_core("See https://bob:hunter2@example.com/x?page=2&token=abc from 10.2.3.4")
        'See https://bob:[SECRET]@example.com/x?page=2&token=[SECRET] from [IP]'
    """
    text = _mask_secrets(text)
    if "@" in text:
        text = _sub_at(EMAIL_RE, _email_starts(text), _email_token, text)
    if not has_digit(text):
        return text
    if IBAN_HINT_RE.search(text):
        text = IBAN_RE.sub(_mask_iban, text)
    if IPV6_HINT_RE.search(text):
        text = IPV6_RE.sub(_mask_ipv6, text)
    if IPV4_HINT_RE.search(text):
        text = IPV4_RE.sub(IP_TOKEN, text)
    text = _sub_at(CARD_RE, _starts(CARD_START_RE, text), _mask_card, text)
    return _sub_at(PHONE_RE, _starts(PHONE_START_RE, text), _mask_phone, text)


def _sub_at(
    pattern: re.Pattern[str],
    starts: Iterator[int],
    repl: Callable[[re.Match[str]], str],
    text: str,
) -> str:
    """``pattern.sub(repl, text)``, trying ``pattern`` only at ``starts`` (ascending positions).

    Gives the same result as ``sub`` whenever every position where ``pattern`` could match is in
    ``starts``: like ``sub``, it scans left to right and resumes after each match. Lookbehinds
    still see the text before a start (``match`` with a position does not slice the string).
    """
    pieces: list[str] = []
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            pieces += (text[end:start], repl(match))
            end = match.end()
    if not pieces:
        return text
    pieces.append(text[end:])
    return "".join(pieces)


def _starts(pattern: re.Pattern[str], text: str) -> Iterator[int]:
    return (match.start() for match in pattern.finditer(text))


def _email_starts(text: str) -> Iterator[int]:
    """Where an address can start: at the first character of the run of local-part characters
    (``[\\w.%+-]``) right before an "@", as :data:`EMAIL_RE`'s lookbehind demands."""
    at = text.find("@")
    while at != -1:
        start = at
        while start and _is_local_char(text[start - 1]):
            start -= 1
        if start < at:
            yield start
        at = text.find("@", at + 1)


def _is_local_char(char: str) -> bool:
    # The same test as the regex class [\w.%+-]: re's \w is str.isalnum() or "_".
    return char.isalnum() or char in "_.%+-"


def _email_token(_match: re.Match[str]) -> str:
    return EMAIL_TOKEN


def has_digit(text: str) -> bool:
    """True when ``text`` holds a digit; for ASCII text ten substring searches (``memchr``) beat
    the regex scan several times over, and most tickets have no digit at all."""
    if not text.isascii():
        return DIGIT_RE.search(text) is not None
    for digit in string.digits:  # noqa: SIM110 (a loop beats any() over a generator)
        if digit in text:
            return True
    return False


def _mask_secrets(text: str) -> str:
    """Mask URL passwords, secret URL parameters and Authorization credentials."""
    if "://" in text:
        text = URL_PASSWORD_RE.sub(rf"\g<head>{SECRET_TOKEN}", text)
    if "=" in text:
        text = URL_PARAM_RE.sub(_mask_param, text)
    lowered = text.lower()
    if "bearer" in lowered or "authorization" in lowered:
        text = AUTH_HEADER_RE.sub(_mask_auth, text)
    return text


def _split_trailing_punct(value: str) -> tuple[str, str]:
    """Split ``value`` into itself and the sentence punctuation that ends it."""
    kept = value.rstrip(_TRAILING_PUNCT)
    return kept, value[len(kept) :]


def secret_param(name: str) -> bool:
    """True when a URL parameter called ``name`` holds a credential.

    Example:
        >>> secret_param("reset_token"), secret_param("privateToken"), secret_param("tokenize")
        (True, True, False)
    """
    if name.lower() in _SECRET_PARAM_SET:
        return True
    words = _NAME_WORD_SPLIT_RE.split(name)
    return any(word.lower().endswith(SECRET_NAME_ENDINGS) for word in words if word)


_SECRET_PARAM_SET = frozenset(SECRET_PARAMS)


def _mask_param(match: re.Match[str]) -> str:
    """Mask the value of a URL parameter whose name says it is secret."""
    if not secret_param(match.group("name")):
        return match.group()
    return _mask_value(match)


def _mask_value(match: re.Match[str]) -> str:
    """Mask a value that ends at whitespace, keeping the sentence punctuation after it."""
    value, tail = _split_trailing_punct(match.group("value"))
    if not value:
        return match.group()
    return match.group("head") + SECRET_TOKEN + tail


def _mask_auth(match: re.Match[str]) -> str:
    """Mask a header credential, or a bare Bearer token that looks generated."""
    value, _ = _split_trailing_punct(match.group("value"))
    if not match.group("header") and (
        len(value) < MIN_BARE_BEARER_LEN or not any(char.isdigit() for char in value)
    ):
        return match.group()
    return _mask_value(match)


def _mask_iban(match: re.Match[str]) -> str:
    """Mask each IBAN in a token or a run of groups, leftmost and longest first."""
    groups = match.group().split(" ")
    out: list[str] = []
    start = 0
    while start < len(groups):
        end = _iban_end(groups, start)
        if end:
            out.append(IBAN_TOKEN)
            start = end
        else:
            out.append(groups[start])
            start += 1
    return " ".join(out)


def _iban_end(groups: list[str], start: int) -> int:
    """The end of the longest IBAN in ``groups`` that begins at ``start``, or 0 when none does.

    Mixed case ("Ab12Cd...") is refused: IBANs are written in one case, generated ids are not.
    """
    head = groups[start]
    if not (head[:2].isalpha() and head[2:4].isdigit()):
        return 0
    for end in range(min(len(groups), start + _IBAN_MAX_GROUPS), start, -1):
        compact = "".join(groups[start:end])
        if len(compact) < IBAN_MIN_LEN:
            return 0
        if (compact.isupper() or compact.islower()) and iban_valid(compact):
            return end
    return 0


def _mask_ipv6(match: re.Match[str]) -> str:
    """Mask a candidate that is an IPv6 address and does not look like a time or a MAC."""
    candidate, tail = match.group(), ""
    if candidate.endswith(":") and not candidate.endswith("::"):
        # "fe80::1: refused": the colon is punctuation, but only before a space or the end, so
        # that "fe80::1:4111..." cannot turn into "fe80::1:[CARD]" and then into an address.
        after = match.string[match.end() : match.end() + 1]
        if after and not after.isspace():
            return candidate
        candidate, tail = candidate[:-1], ":"
    groups = candidate.split(":")
    if (
        len(groups) < 3
        or not any(char.isdigit() for char in candidate)
        or ("::" not in candidate and all(len(group) <= _IPV6_SHORT_GROUP for group in groups))
    ):
        return match.group()
    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:
        return match.group()
    return IP_TOKEN + tail


def _mask_card(match: re.Match[str]) -> str:
    """Mask a Luhn-valid number unless an order, invoice, reference... word comes before it."""
    digits = NON_DIGIT_RE.sub("", match.group())
    if not luhn_valid(digits) or kept_by_context(match.string, match.start()):
        return match.group()
    return CARD_TOKEN


def _mask_phone(match: re.Match[str]) -> str:
    digits = len(NON_DIGIT_RE.sub("", match.group()))
    if match.group("intl"):
        keep = digits not in INTL_DIGITS
    elif match.group("intl00"):
        keep = digits - len(_INTL_PREFIX_00) not in INTL_DIGITS
    elif match.group("nat") or match.group("nat_paren"):
        keep = digits not in NATIONAL_DIGITS
    else:
        keep = False
    # "reference 0812345678" is a reference number, not a phone
    keep = keep or kept_by_context(match.string, match.start())
    return match.group() if keep else PHONE_TOKEN
