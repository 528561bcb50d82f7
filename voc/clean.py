"""Pure text clean-ups applied to ticket text before it is embedded or stored.

Each function takes a string and returns a new one; none has side effects. :func:`clean_text`
chains them as a :class:`~voc.config.CleanConfig` enables them, never lets a stripping step empty a
ticket, and always masks personal data last.

The rules are deliberately conservative: leaving a stray "Regards," in a ticket costs a little
embedding noise, while cutting real content loses the customer's words. Every regex is compiled
once, anchored or bounded so that no input can make it backtrack badly, and cheap substring checks
skip work that cannot apply (most tickets have no HTML, no quoted reply and no card number).

Example:
    >>> clean_text("<p>Hi team,</p><p>Login fails for bob@example.com</p>", CleanConfig())
    'Login fails for [EMAIL]'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser

from voc.config import CleanConfig

__all__ = [
    "clean_text",
    "clean_texts",
    "luhn_valid",
    "mask_pii",
    "normalize_whitespace",
    "strip_greeting",
    "strip_html",
    "strip_quoted_replies",
    "strip_signature",
]

EMAIL_TOKEN = "[EMAIL]"
CARD_TOKEN = "[CARD]"
PHONE_TOKEN = "[PHONE]"

# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

# Only real HTML tag names count, so "John <john@x.com>" or "<ticket id>" is not taken for markup.
_TAG_NAMES = (
    "a|abbr|address|article|b|big|blockquote|body|br|center|cite|code|dd|del|div|dl|dt|em|font|"
    "footer|h[1-6]|head|header|hr|html|i|img|ins|li|link|mark|meta|o:p|ol|p|pre|q|s|section|"
    "small|span|strike|strong|style|script|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|tt|u|ul"
)
HTML_TAG_RE = re.compile(rf"<(?:/?(?:{_TAG_NAMES})(?=[\s/>])[^<>]{{0,2000}}>|!--|!doctype\b)", re.I)
HTML_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Our own layout markers: block boundary, line break, table cell. Removed from input first.
_BLOCK, _BREAK, _CELL = "\x00", "\x01", "\x02"
MARKER_CHARS_RE = re.compile(r"[\x00-\x02]")
_DROPPED_TAGS = ["head", "title", "style", "script", "noscript", "template"]
_BLOCK_SELECTOR = (
    "p,div,li,tr,table,ul,ol,h1,h2,h3,h4,h5,h6,blockquote,hr,pre,section,article,header,footer,"
    "address,dl,dt,dd,center"
)
HTML_WHITESPACE_RE = re.compile(r"[ \t\n\r\f]+")
# A run of block boundaries and breaks, with the spaces around them: becomes one or more newlines.
# Applied only after whitespace is collapsed, so no run of spaces is long enough to backtrack on.
LAYOUT_RUN_RE = re.compile(r"[ \x02]*[\x00\x01][ \x00-\x02]*")
CELL_RE = re.compile(r" ?\x02 ?")

# ---------------------------------------------------------------------------------------------
# Quoted replies
# ---------------------------------------------------------------------------------------------

# "On Mon, 1 Sep 2026 at 10:02, Ana <ana@x.com> wrote:", possibly wrapped onto a second line.
ATTRIBUTION_RE = re.compile(
    r"^[ \t]*(?:On|ON|Pada|Am|Le|El|Op)\b[^\n]{0,300}?(?:\n[^\n]{0,300}?)?"
    r"\b(?:wrote|menulis|schrieb|a écrit|escribió|schreef)[ \t]*:[ \t]*$",
    re.M,
)
SEPARATOR_RE = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:Original Message|Pesan Asli|Forwarded message|Pesan yang diteruskan|"
    r"Ursprüngliche Nachricht|Weitergeleitete Nachricht|Message d'origine)[ \t]*-{2,}"
    r"|Begin forwarded message:?|_{20,})[ \t]*$",
    re.M | re.I,
)
# An Outlook/Gmail header block: "From: ..." then, on the same line or within three lines,
# "Sent: ..." or "Date: ...".
HEADER_BLOCK_RE = re.compile(
    r"^[ \t]*\*{0,2}(?:From|Dari|Von|De)\*{0,2}[ \t]*:\*{0,2}[^\n]{1,300}?"
    r"(?:\n(?:[^\n]{0,300}\n){0,3}?[ \t]*|[ \t])"
    r"\*{0,2}(?:Sent|Date|Dikirim|Tanggal|Gesendet|Datum|Envoyé)\*{0,2}[ \t]*:",
    re.M,
)
QUOTED_LINE_RE = re.compile(r"^[ \t]*>[^\n]*(?:\n|\Z)", re.M)
_ATTRIBUTION_HINTS = ("wrote", "menulis", "schrieb", "écrit", "escribió", "schreef")
_SEPARATOR_HINTS = ("--", "__", "Begin", "BEGIN", "begin")
_HEADER_HINTS = ("From", "Dari", "Von", "De")

# ---------------------------------------------------------------------------------------------
# Signatures and greetings
# ---------------------------------------------------------------------------------------------

# A capitalised name of up to four words ("John", "Budi Santoso", "The Acme Team"), never "I".
_NAME_WORD = r"(?!I\b|I')[A-ZÀ-ÖØ-Þ][\w.'&/-]*"
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
_SIGNOFF_WORDS = (
    r"best regards|kind regards|warm regards|warmest regards|kindest regards|best wishes|"
    r"many thanks|thanks in advance|thanks again|thanks so much|thanks a lot|thank you so much|"
    r"thank you very much|thank you in advance|thank you|thanks|thx|regards|rgds|cheers|"
    r"yours sincerely|yours truly|sincerely|respectfully|all the best|best|"
    r"terima kasih banyak|terima kasih|terimakasih|makasih|trims|salam hormat|hormat saya|"
    r"hormat kami|wassalam|salam"
)
SIGNOFF_RE = re.compile(
    rf"^[ \t]*(?i:{_SIGNOFF_WORDS})[ \t]*[,.!:;]*[ \t]*(?:[-–—~][ \t]*)?"
    rf"(?:{_NAME})?[ \t]*[,.!]?[ \t]*$"
    r"|^[ \t]*(?i:sent from my|sent from mail for|sent from outlook|sent from yahoo mail|"
    r"get outlook for|dikirim dari)\b[^\n]{0,60}$"
)
SIG_DELIMITER_RE = re.compile(r"^-- $")  # RFC 3676: dash, dash, space, alone on a line
BARE_DELIMITER_RE = re.compile(r"^[ \t]*--[ \t]*$")
POSTSCRIPT_RE = re.compile(r"^[ \t]*P\.?[ \t]?S\b", re.I)
_SIGNOFF_MAX_TRAILING_LINES = 6
_SIGNOFF_MAX_LINE_CHARS = 80
_DELIMITER_MAX_TRAILING_LINES = 12

_GREETING_WORDS = (
    r"hi+|hello|hallo|halo|hai|hey+|heya|hiya|howdy|dear|greetings|good (?:morning|afternoon|"
    r"evening|day)|selamat (?:pagi|siang|sore|malam)|assalamu'?alaikum|(?:kepada )?yth\.?"
)
_ADDRESSEE = (
    r"(?:(?i:team|support|all|there|everyone|everybody|guys|folks|friends|sir|sirs|madam|"
    r"sir/madam|admin|cs|customer service|tim|kak|kakak|min|gan|pak|bu|bapak|ibu|mas|mbak|mba|"
    r"the|and|or|&)(?![\w'])|" + _NAME_WORD + ")"
)
GREETING_RE = re.compile(
    rf"\A\s*(?i:{_GREETING_WORDS})(?![\w'])"
    rf"(?:(?:[ \t]+{_ADDRESSEE}){{0,4}}|[ \t]+[^\W\d_][\w'-]{{0,30}}(?=[ \t]*[,!]))"
    r"[ \t]*(?:[,!:;.]+|[-–—](?=[ \t])|(?:[-–—][ \t]*)?(?:\n|\Z))"
)

# ---------------------------------------------------------------------------------------------
# Personal data
# ---------------------------------------------------------------------------------------------

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
# The local part is unbounded on purpose: it can only start where a run of its characters starts,
# so the scan stays linear, and a length cap would let a later mask shorten a run into a match.
# An address may not be followed by a character that could start another one (a final "." is
# fine), so masking one never exposes the start of a second.
EMAIL_RE = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}"
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
    + r"(?P<intl>\+[1-9]\d{7,14}"
    + r"|\+[1-9]\d{0,3}(?:[ .-]?\(\d{1,4}\)[ .-]?\d{1,6})?(?:[ .-]\d{1,6}){0,6})"
    + r"|"
    + _LEFT_PAREN
    + r"(?:\([2-9]\d{2}\)[ .-]?[2-9]\d{2}[ .-]\d{4}"
    + r"|(?P<nat_paren>\(0[1-9]\d{0,3}\)[ .-]?\d{2,5}(?:[ .-]\d{2,5}){0,3}))"
    + r"|"
    + _LEFT
    + r"(?:(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ .-]?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}"
    + r"|(?P<nat>0[1-9]\d{8,11}|0[1-9]\d{0,3}(?P<n>[ .-])\d{2,5}(?:(?P=n)\d{2,5}){0,3})))"
    + _RIGHT
)
NON_DIGIT_RE = re.compile(r"\D")

# ---------------------------------------------------------------------------------------------
# Whitespace
# ---------------------------------------------------------------------------------------------

INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES_RE = re.compile("[ \t\f\v\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
LINE_EDGE_SPACES_RE = re.compile(r" *\n *")
BLANK_LINES_RE = re.compile(r"\n{3,}")


def strip_html(text: str) -> str:
    """Turn an HTML body into plain text; return other text unchanged.

    Text counts as HTML when it holds a known tag (``<p>``, ``<br/>``, ``</div>`` ...). Block tags
    (``<p>``, ``<div>``, ``<li>``, ``<tr>`` ...) and ``<br>`` become newlines, scripts, styles and
    the head are dropped, and entities are decoded. Text without tags only has its entities decoded
    (``&amp;`` -> ``&``), so its newlines survive. Markup that only uses inline tags keeps its raw
    newlines too, since they are then the only layout there is.

    Example:
        >>> strip_html("<p>Hi&nbsp;team,</p><p>It&#39;s down<br>again</p>")
        "Hi team,\\nIt's down\\nagain"
    """
    if "<" not in text and "&" not in text:
        return text
    if not HTML_TAG_RE.search(text):
        if "&" not in text:
            return text
        decoded = HTML_ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
        return decoded.replace("\xa0", " ")
    source = MARKER_CHARS_RE.sub("", text)
    tree = LexborHTMLParser(source)
    tree.strip_tags(_DROPPED_TAGS)
    for node in tree.css("br"):
        node.replace_with(_BREAK)
    for node in tree.css(_BLOCK_SELECTOR):
        node.insert_before(_BLOCK)
        node.insert_after(_BLOCK)
    for node in tree.css("td,th"):
        node.insert_after(_CELL)
    root = tree.body or tree.root
    out = root.text() if root is not None else ""
    if _BLOCK in out or _BREAK in out:
        # Layout comes from the markup, so raw newlines are just spaces, as in a browser.
        out = HTML_WHITESPACE_RE.sub(" ", out)
        out = LAYOUT_RUN_RE.sub(_layout_newlines, out)
    if _CELL in out:
        out = CELL_RE.sub(" ", out)
    return out.replace("\xa0", " ").strip()


def _layout_newlines(match: re.Match[str]) -> str:
    """Newlines for a run of block edges and breaks, as a browser lays them out.

    A ``<br>`` always ends a line; a block edge ends one only if the line is not ended yet. So
    ``a<br></p><p>b`` is two lines, while ``a</div><div><br></div><div>b`` has a blank line.
    """
    newlines = 0
    at_line_start = False
    for char in match.group():
        if char == _BREAK or (char == _BLOCK and not at_line_start):
            newlines += 1
            at_line_start = True
    return "\n" * newlines


def strip_quoted_replies(text: str) -> str:
    """Drop earlier messages quoted below (or inside) a reply.

    Everything from the first reply header on is cut: an "On <date>, <name> wrote:" line (also
    wrapped over two lines, and its Indonesian, German, French, Spanish and Dutch forms such as
    "Pada ... menulis:"), "-----Original Message-----", an Outlook "From: ... Sent: ..." block, an
    Outlook "____" separator, "Begin forwarded message:" or Gmail's "Forwarded message" line. Lines
    starting with ">" are dropped wherever they are, so inline answers between quotes survive.

    Example:
        >>> strip_quoted_replies("Still broken.\\n\\nOn Mon, 1 Sep 2026, Ana wrote:\\n> Fixed?")
        'Still broken.'
    """
    text = _unix_newlines(text)
    cut = len(text)
    if any(hint in text for hint in _ATTRIBUTION_HINTS):
        for match in ATTRIBUTION_RE.finditer(text, 0, cut):
            # A real attribution carries a date or time; "On my phone the app wrote:" does not.
            if any(ch.isdigit() for ch in match.group()):
                cut = match.start()
                break
    if any(hint in text for hint in _SEPARATOR_HINTS):
        match = SEPARATOR_RE.search(text, 0, cut)
        if match:
            cut = match.start()
    if ":" in text and any(hint in text for hint in _HEADER_HINTS):
        match = HEADER_BLOCK_RE.search(text, 0, cut)
        if match:
            cut = match.start()
    out = text[:cut]
    if ">" in out:
        out = QUOTED_LINE_RE.sub("", out)
    return out.rstrip()


def strip_signature(text: str) -> str:
    """Drop a trailing sign-off ("Best regards,", "Thanks, John", "Salam,") and what follows it.

    A sign-off line (or a bare "--" line) only counts near the end: at most six short lines
    (name, title, company, phone) may follow it, and none may be a "P.S.". The standard "-- "
    delimiter (with its trailing space) may be followed by up to twelve lines of any length
    (disclaimers). "Thanks for the help" inside a sentence is content, not a sign-off, and is kept.

    Example:
        >>> strip_signature("Export fails.\\n\\nBest regards,\\nAna Lima\\nAcme Inc.")
        'Export fails.'
    """
    lines = _unix_newlines(text).split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    window = filled[-(_DELIMITER_MAX_TRAILING_LINES + 1) :]
    for pos, index in enumerate(window):
        line = lines[index]
        trailing = window[pos + 1 :]
        if SIG_DELIMITER_RE.match(line):
            return "\n".join(lines[:index]).rstrip()
        if len(trailing) > _SIGNOFF_MAX_TRAILING_LINES:
            continue
        if (SIGNOFF_RE.match(line) or BARE_DELIMITER_RE.match(line)) and all(
            len(lines[i].strip()) <= _SIGNOFF_MAX_LINE_CHARS and not POSTSCRIPT_RE.match(lines[i])
            for i in trailing
        ):
            return "\n".join(lines[:index]).rstrip()
    return text


def strip_greeting(text: str) -> str:
    """Drop a greeting that opens the text ("Hi team,", "Dear Sir/Madam,", "Selamat pagi tim,").

    Only the greeting itself goes: a line that is just a greeting, or the greeting clause before
    the rest of the first sentence ("Hi John, my export fails" -> "my export fails"). The words
    after the greeting word must look like an addressee (team, support, a capitalised name ...), or
    a single word followed by a comma, so "Hello I need help" is left alone.

    Example:
        >>> strip_greeting("Hello Brightdesk support,\\nMy invoice is wrong.")
        'My invoice is wrong.'
    """
    text = _unix_newlines(text)
    # Twice at most, for stacked greetings such as "Halo, selamat pagi,".
    for _ in range(2):
        match = GREETING_RE.match(text)
        if match is None:
            break
        text = text[match.end() :].lstrip()
    return text


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


def mask_pii(text: str) -> str:
    """Replace email addresses, card numbers and phone numbers by [EMAIL], [CARD] and [PHONE].

    Cards are 13-19 digits, contiguous or in the usual 4-4-4-4(-3) and 4-6-5 groups, that pass the
    Luhn check; they are masked before phones. Phones are international ("+44 20 7946 0958",
    "+14155550132"), North American ("(415) 555-0132", "415.555.0132") or national with a trunk
    zero ("0812 3456 7890", "030 123456", "081234567890"). A match must span a whole run of digit
    groups, so dates, times, versions, amounts and ids ("#48213", "INV-2026-0042") stay. Applying
    it twice gives the same text as applying it once.

    Example:
        >>> mask_pii("Call +62 812-3456-7890 or mail budi@example.co.id")
        'Call [PHONE] or mail [EMAIL]'
    """
    if "@" in text:
        text = EMAIL_RE.sub(EMAIL_TOKEN, text)
    if not DIGIT_RE.search(text):
        return text
    text = CARD_RE.sub(_mask_card, text)
    return PHONE_RE.sub(_mask_phone, text)


def _mask_card(match: re.Match[str]) -> str:
    digits = NON_DIGIT_RE.sub("", match.group())
    return CARD_TOKEN if luhn_valid(digits) else match.group()


def _mask_phone(match: re.Match[str]) -> str:
    count = len(NON_DIGIT_RE.sub("", match.group()))
    if match.group("intl"):
        keep = not 8 <= count <= 15
    elif match.group("nat") or match.group("nat_paren"):
        keep = not 9 <= count <= 13
    else:
        keep = False
    return match.group() if keep else PHONE_TOKEN


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces and tabs, keep at most one blank line, and strip the ends.

    Line endings become ``\\n``, non-breaking and other Unicode spaces become plain spaces, and
    invisible characters (zero-width spaces, soft hyphens, byte-order marks) are removed.
    """
    text = INVISIBLE_RE.sub("", _unix_newlines(text))
    text = SPACES_RE.sub(" ", text)
    text = LINE_EDGE_SPACES_RE.sub("\n", text)
    text = BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def _unix_newlines(text: str) -> str:
    """Windows and old Mac line endings as ``\\n``, so line rules see one kind of line."""
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _as_text(value: object) -> str:
    """The ticket text as a string; "" for None, NaN and pandas' NA (how empty cells read)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    try:
        if value != value:  # NaN
            return ""
    except TypeError:  # pandas.NA refuses to be compared
        return ""
    return str(value)


def clean_text(text: str | None, config: CleanConfig) -> str:
    """Run the clean-ups that ``config`` enables and return tidy plain text.

    The order is: HTML, quoted replies, signature, greeting, whitespace, then PII masking, which
    always comes last so that whatever the earlier steps left (a quote they missed, a signature kept
    because ``strip_signatures`` is off) is still masked. When a stripping step would leave
    nothing (a ticket that is only "Thanks, John"), its result is ignored and the text from before
    it is kept, so no ticket loses its content to over-eager cleaning.

    Example:
        >>> clean_text("Thanks,\\nJohn\\n+1 415 555 0132", CleanConfig())
        'Thanks,\\nJohn\\n[PHONE]'
    """
    text = _as_text(text)
    if not text or text.isspace():
        return ""
    text = _unix_newlines(text)
    if config.strip_html:
        text = strip_html(text)
    steps = (
        (config.strip_quoted_replies, strip_quoted_replies),
        (config.strip_signatures, strip_signature),
        (config.strip_greetings, strip_greeting),
    )
    for enabled, step in steps:
        if enabled:
            stripped = step(text)
            if stripped.strip():
                text = stripped
    text = normalize_whitespace(text)
    if config.mask_pii:
        text = mask_pii(text)
    return text


def clean_texts(texts: Iterable[str | None], config: CleanConfig) -> list[str]:
    """Clean many tickets with one config; identical texts (auto-replies) are cleaned once.

    Example:
        >>> clean_texts(["Hi,\\nApp crashes.", None], CleanConfig())
        ['App crashes.', '']
    """
    seen: dict[str, str] = {}
    out: list[str] = []
    for text in texts:
        if isinstance(text, str):
            cleaned = seen.get(text)
            if cleaned is None:
                cleaned = seen[text] = clean_text(text, config)
        else:
            cleaned = clean_text(text, config)
        out.append(cleaned)
    return out
