"""Remove what is not the customer's own new words: quoted replies, signatures, greetings."""

from __future__ import annotations

import re

from voc.clean.strings import contains_any

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
_ATTRIBUTION_OPENERS = ("On", "ON", "Pada", "Am", "Le", "El", "Op")

# A capitalised name of up to four words ("John", "Budi Santoso", "The Acme Team"), never "I".
_NAME_WORD = r"(?!I\b|I')[A-ZÀ-ÖØ-Þ][\w.'&/-]*"
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
_SIGNOFF_WORDS = (
    r"best regards|kind regards|warm regards|warmest regards|kindest regards|best wishes|"
    r"many thanks|thanks in advance|thanks again|thanks so much|thanks a lot|thank you so much|"
    r"thank you very much|thank you in advance|thank you|thanks|thx|regards|rgds|cheers|"
    r"yours sincerely|yours truly|sincerely|respectfully|all the best|best|"
    r"terima kasih banyak|terima kasih|terimakasih|makasih|trims|salam hormat|hormat saya|"
    r"hormat kami|wassalam|salam|"
    # German, French, Spanish, Dutch
    r"mit freundlichen grüßen|mit freundlichen grüssen|mit freundlichen gruessen|"
    r"mit freundlichem gruß|freundliche grüße|viele grüße|beste grüße|liebe grüße|"
    r"herzliche grüße|schöne grüße|gruß|grüße|mfg|"
    r"bien cordialement|cordialement|bien à vous|sincères salutations|salutations|amicalement|"
    r"merci d'avance|merci beaucoup|merci|"
    r"saludos cordiales|un saludo|saludos|atentamente|cordialmente|muchas gracias|gracias|"
    r"met vriendelijke groeten|met vriendelijke groet|vriendelijke groeten|vriendelijke groet|"
    r"hartelijke groeten|groeten|groetjes|alvast bedankt|bedankt"
)
# For voc.clean.pii, which masks the name under a sign-off wherever the signature is kept.
SIGNOFF_WORDS = _SIGNOFF_WORDS
_SENT_FROM_WORDS = (
    "sent from my|sent from mail for|sent from outlook|sent from yahoo mail|get outlook for|"
    "dikirim dari"
)
SIGNOFF_RE = re.compile(
    rf"^[ \t]*(?i:{_SIGNOFF_WORDS})[ \t]*[,.!:;]*[ \t]*(?:[-–—~][ \t]*)?"
    rf"(?:{_NAME})?[ \t]*[,.!]?[ \t]*$"
    rf"|^[ \t]*(?i:{_SENT_FROM_WORDS})\b[^\n]{{0,60}}$"
)
# Every sign-off line starts (after spaces and tabs) with one of these, in any case: for an ASCII
# line one str.startswith rules out the regex, which most lines of a ticket would otherwise pay.
_SIGNOFF_STARTS = tuple(f"{_SIGNOFF_WORDS}|{_SENT_FROM_WORDS}".split("|"))
# The same starts grouped by their first two letters: most lines are ruled out by one dict look-up
# instead of trying every start, and only the first characters of a long line are lower-cased.
_SIGNOFF_STARTS_BY_PAIR = {
    pair: tuple(s for s in _SIGNOFF_STARTS if s[:2] == pair)
    for pair in {s[:2] for s in _SIGNOFF_STARTS}
}
_SIGNOFF_START_CHARS = max(map(len, _SIGNOFF_STARTS))
_SIG_DELIMITER = "-- "  # RFC 3676: dash, dash, space, alone on a line
BARE_DELIMITER_RE = re.compile(r"^[ \t]*--[ \t]*$")
POSTSCRIPT_RE = re.compile(r"^[ \t]*P\.?[ \t]?S\b", re.I)
_POSTSCRIPT_FIRST = ("P", "p")
_SIGNOFF_MAX_TRAILING_LINES = 6
_SIGNOFF_MAX_LINE_CHARS = 80
_DELIMITER_MAX_TRAILING_LINES = 12

_GREETING_WORDS = (
    r"hi+|hello|hallo|halo|hai|hey+|heya|hiya|howdy|dear|greetings|good (?:morning|afternoon|"
    r"evening|day)|selamat (?:pagi|siang|sore|malam)|assalamu'?alaikum|(?:kepada )?yth\.?"
)
# Every greeting word starts with one of these letters, in any case; with re.IGNORECASE "ſ" also
# matches "s" and the Kelvin sign "K" matches "k".
_GREETING_FIRST = frozenset("hdgsakyHDGSAKY\u017f\u212a")
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
    text = unix_newlines(text)
    cut = len(text)
    if contains_any(text, _ATTRIBUTION_HINTS):
        start = 0
        while match := _search_lines(ATTRIBUTION_RE, text, start, cut, _ATTRIBUTION_OPENERS):
            # A real attribution carries a date or time; "On my phone the app wrote:" does not.
            if any(ch.isdigit() for ch in match.group()):
                cut = match.start()
                break
            start = match.end()
    if contains_any(text, _SEPARATOR_HINTS):
        match = SEPARATOR_RE.search(text, 0, cut)
        if match:
            cut = match.start()
    if ":" in text and contains_any(text, _HEADER_HINTS):
        match = _search_lines(HEADER_BLOCK_RE, text, 0, cut, _HEADER_HINTS, skip=" \t*")
        if match:
            cut = match.start()
    out = text[:cut]
    if ">" in out:
        # Only from the first quoted line on: the pattern is tried at every position it scans.
        first = _search_lines(QUOTED_LINE_RE, out, 0, len(out), (">",))
        if first:
            out = out[: first.start()] + QUOTED_LINE_RE.sub("", out[first.start() :])
    return out.rstrip()


def _search_lines(
    pattern: re.Pattern[str],
    text: str,
    start: int,
    end: int,
    openers: tuple[str, ...],
    skip: str = " \t",
) -> re.Match[str] | None:
    """``pattern.search(text, start, end)`` for a pattern that can only match at a line start,
    where the line, after ``skip`` characters, begins with one of ``openers``.

    ``re`` tries such a pattern at every position of the text; this tries it only on the lines
    that could match, which is many times faster on tickets of a few long lines.
    """
    while start < end:
        first = start
        while first < end and text[first] in skip:
            first += 1
        if text.startswith(openers, first, end):
            match = pattern.match(text, start, end)
            if match:
                return match
        newline = text.find("\n", start, end)
        if newline == -1:
            return None
        start = newline + 1
    return None


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
    lines = unix_newlines(text).split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    window = filled[-(_DELIMITER_MAX_TRAILING_LINES + 1) :]
    # A sign-off may only be followed by a few short lines without a "P.S.": from the end back,
    # the first window position where that no longer holds; no line before it can be a sign-off
    # (so long content lines are never tested against the sign-off rules).
    first = len(window) - 1
    while (
        first > 0
        and len(window) - first <= _SIGNOFF_MAX_TRAILING_LINES
        and _short_closing_line(lines[window[first]])
    ):
        first -= 1
    for pos, index in enumerate(window):
        line = lines[index]
        if line == _SIG_DELIMITER or (pos >= first and _is_signoff(line)):
            return "\n".join(lines[:index]).rstrip()
    return text


def _short_closing_line(line: str) -> bool:
    """A line that may follow a sign-off: short (a name, a title, a phone) and not a "P.S."."""
    if len(line.strip()) > _SIGNOFF_MAX_LINE_CHARS:
        return False
    # POSTSCRIPT_RE needs a "P" first (after spaces and tabs): most lines are ruled out here.
    return not (line.lstrip(" \t")[:1] in _POSTSCRIPT_FIRST and POSTSCRIPT_RE.match(line))


def _is_signoff(line: str) -> bool:
    """True when ``line`` (no newline in it) is a sign-off or a bare "--" line."""
    head = line.lstrip(" \t")
    if head.isascii():
        start = head[:_SIGNOFF_START_CHARS].lower()  # ASCII: lower-casing keeps the length
        starts = _SIGNOFF_STARTS_BY_PAIR.get(start[:2])
        if starts is None or not start.startswith(starts):
            return head.rstrip(" \t") == "--"  # BARE_DELIMITER_RE, the only pattern left to match
    return bool(SIGNOFF_RE.match(line) or BARE_DELIMITER_RE.match(line))


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
    text = unix_newlines(text)
    # Twice at most, for stacked greetings such as "Halo, selamat pagi,".
    for _ in range(2):
        match = GREETING_RE.match(text)
        if match is None:
            break
        text = text[match.end() :].lstrip()
        if text[:1] not in _GREETING_FIRST:  # no second greeting can start here
            break
    return text


def unix_newlines(text: str) -> str:
    """Windows and old Mac line endings as ``\\n``, so line rules see one kind of line."""
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# Chat transcripts: "(02:15:17 PM) Chloe Dubois: hello" lines; the first speaker is the customer
# (transcripts start with the visitor), later speakers are agents or bots whose words are dropped.
CHAT_LINE_RE = re.compile(
    r"^[ \t]*\(?\[?(\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?)\]?\)?"
    r"[ \t]+([^:\n]{1,60}?):[ \t]*",
    re.M,
)
CHAT_HEADER_RE = re.compile(
    r"^[ \t]*(?:chat (?:started|ended|transcript)|conversation (?:started|ended))\b[^\n]*(?:\n|\Z)",
    re.I | re.M,
)
# Web-form and call-note field lines ("Name: Freya Santos", "Topic: Billing"): metadata, not the
# customer's message. Only short values are dropped, so "Email: it never arrives ..." is kept.
_FORM_FIELDS = (
    r"name|full name|e-?mail|email address|phone|phone number|company|organi[sz]ation|"
    r"topic|category|callback number|call summary|caller|account|plan|browser|"
    r"nama|telepon|perusahaan|topik"
)
FORM_FIELD_RE = re.compile(
    rf"^[ \t]*(?:{_FORM_FIELDS})[ \t]*:[ \t]*[^\n]{{0,60}}(?:\n|\Z)", re.I | re.M
)
_MESSAGE_LABELS = "message|pesan|description|details"
MESSAGE_LABEL_RE = re.compile(rf"^[ \t]*(?:{_MESSAGE_LABELS})[ \t]*:[ \t]*", re.I | re.M)


# Jira's CSV writes each comment as "12/Mar/24 3:18 PM;<author account id>;<text>".
JIRA_COMMENT_RE = re.compile(
    r"^[ \t]*\d{1,2}/[A-Za-z]{3}/\d{2,4} \d{1,2}:\d{2}(?: ?[AP]M)?;[^;\n]{0,128};", re.M
)


def strip_transcript_markup(text: str) -> str:
    """Keep the customer's words from chat transcripts and web forms, not their scaffolding.

    Drops transcript headers, time stamps and speaker labels, every line said by a speaker other
    than the first (the agent or a bot), short form-field lines such as "Name: ..." or
    "Topic: ...", and the date and author id in front of each of Jira's exported comments.

    Example:
        >>> strip_transcript_markup("(10:01 AM) Ann: app crashes\\n(10:02 AM) Bot: sorry!")
        'app crashes\\n'
    """
    if ":" not in text:
        return text
    if ";" in text:
        text = JIRA_COMMENT_RE.sub("", text)
    text = CHAT_HEADER_RE.sub("", text)
    speakers = [m.group(2).strip() for m in CHAT_LINE_RE.finditer(text)]
    if speakers:
        customer = speakers[0]
        kept: list[str] = []
        speaker = customer
        for line in text.split("\n"):
            match = CHAT_LINE_RE.match(line)
            if match:
                speaker = match.group(2).strip()
                line = line[match.end() :]
            if speaker == customer:
                kept.append(line)
        text = "\n".join(kept) + ("\n" if kept else "")
    text = FORM_FIELD_RE.sub("", text)
    return MESSAGE_LABEL_RE.sub("", text)


# --- necessary conditions, for cleaning a whole column at once (voc.clean.batch) ---------------
# RE2 syntax, run by pyarrow in C++ over every ticket of a chunk. On ASCII text without "\r", each
# step returns its input unchanged unless its pattern matches; they ignore the finer conditions
# (boundaries, dates, lookarounds), so they may match more often, never less.
_ASCII_SPACE = r"[\t\n\v\f\r \x1c-\x1f]"  # what str.strip and re's \s take for white space in ASCII


def _any_of(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in words)


TRANSCRIPT_MAY_CHANGE = (
    rf"(?im)^[ \t]*(?:[(\[0-9]|chat|conversation|{_FORM_FIELDS}|{_MESSAGE_LABELS})"
)
# Header words and ">" only where their patterns can match, at a line start: as bare substrings,
# "De" and ">" would send every "Dear ..." and "<a@b.com>" through the step.
QUOTED_MAY_CHANGE = (
    _any_of((*_ATTRIBUTION_HINTS, *_SEPARATOR_HINTS))
    + rf"|(?m:^[ \t]*(?:\*{{0,2}}(?:{_any_of(_HEADER_HINTS)})\*{{0,2}}[ \t]*:|>))"
    + rf"|{_ASCII_SPACE}\z"
)
SIGNATURE_MAY_CHANGE = rf"(?im)^[ \t]*(?:--|{_any_of(_SIGNOFF_STARTS)})"
GREETING_MAY_CHANGE = rf"(?i)\A{_ASCII_SPACE}*(?:{_GREETING_WORDS})"
