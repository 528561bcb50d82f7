"""A fast language guess: :func:`detect_languages` gives each ticket's ISO 639-1 code (one of
:data:`LANGUAGES`), or :data:`UNDETERMINED` when unsure, from small lists of each language's most
frequent function words: offline, with no model to download, and explainable word by word.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["LANGUAGES", "UNDETERMINED", "detect_languages"]

UNDETERMINED = "und"
# Only the start of a ticket is read: enough words to decide, and bounded time per ticket.
_LANGUAGE_SCAN_CHARS = 400
_LANGUAGE_MIN_HITS = 2
# The winner needs at least this many times the runner-up's hits.
_LANGUAGE_MIN_RATIO = 2.0
# Punctuation and digits become spaces, then str.split: several times faster than a regex
# tokenizer, and this runs on every ticket of million-row exports.
_NOT_WORD = str.maketrans(dict.fromkeys(string.punctuation + string.digits + "“”‘’…«»¿¡–—", " "))
# Below this many texts, pyarrow's fixed cost per call is more than the column path saves; above
# the slice size, texts go by slices so that the split words stay small.
_COLUMN_MIN_TEXTS = 64
_COLUMN_SLICE_TEXTS = 20_000
# Most tickets are ASCII: for them one bytes.translate lower-cases and blanks out punctuation and
# digits at once, several times faster again than str.lower and str.translate. Every ASCII
# character str.split splits on (including \x1c-\x1f, which bytes.split keeps) becomes a space.
_ASCII_WORDS = bytes(
    ord(" ") if chr(b) in string.punctuation + string.digits or chr(b).isspace() else b
    for b in range(128)
).lower() + bytes(range(128, 256))
# The most frequent function words of each language (plus a few words every ticket in that
# language uses). A word listed for two languages tells them apart from neither, so it is
# dropped from both: shared words are listed on purpose ("a", "de", "la", "in", "no" ...).
_LANGUAGE_WORDS = {
    "en": """
        the a an and or but if because so than then this that these those it its i me my mine
        we us our you your he she him her they them their there here is are was were be been
        being am have has had do does did done can could would should will shall may might must
        not no yes to of in on at by for from with about into out up down over after before
        again still just also only very too when where why how what which who all any some every
        each other such as can't don't cannot please thanks thank hello hi dear since yesterday
        today now already never get got
    """,
    "id": """
        yang dan di ke dari ini itu tidak tak bisa dapat sudah belum akan ada adalah dengan
        untuk pada dalam juga saya aku kami kita anda kamu dia mereka tapi tetapi namun karena
        sejak sampai masih lagi mau ingin harus tolong mohon terima kasih apa bagaimana kenapa
        mengapa kapan dimana gimana kok sih dong deh ya nya aja saja hanya sangat sekali banyak
        setelah sebelum kemarin sekarang hari atau jika kalau agar supaya sedang telah udah gak
        nggak enggak ga lebih kembali oleh para bagi tersebut yaitu bahwa selalu pernah baru
        masuk kak terus sama
    """,
    "es": """
        el la los las un una unos unas y o pero que de del al en a por para con sin sobre es son
        está están estoy estamos fue era ser hay he ha han hemos tengo tiene tienen puedo puede
        pueden no sí si ya muy más también cuando donde porque como qué cómo mi mis su sus tu
        nuestro nuestra lo le les me te se nos esto este esta ese eso hola gracias favor ayuda
        todavía aún nada algo ningún desde hasta ayer hoy ahora después antes siempre nunca
        cuenta problema hace usted ustedes mas
    """,
    "pt": """
        o a os as um uma uns umas e ou mas que de do da dos das no na nos nas em ao à sem por
        para pelo pela sobre é são está estão estou foi era ser ter tem tenho têm pode posso
        consigo não sim já muito mais também quando onde porque como meu minha seu sua nosso
        você vocês ele ela eles isso isto este esta esse essa olá oi obrigado obrigada ajuda
        ainda nada algo desde até ontem hoje agora depois antes sempre nunca conta problema dia
        aqui lá fazer preciso gostaria nao tá te se me
    """,
    "fr": """
        le la les un une des du de et ou mais que qui dont où à au aux en dans par pour avec
        sans sur sous est sont suis es être été ai as a avons avez ont avoir fait faire peux
        peut pouvez pas ne plus non oui très aussi encore toujours déjà jamais rien quand
        comment pourquoi je tu il elle nous vous ils elles on me te se si mon ma mes ton ta
        votre vos notre nos leur ce cette ces ça cela bonjour merci depuis hier aujourd hui
        compte problème aide j qu n c
    """,
    "de": """
        der die das den dem des ein eine einen einem einer und oder aber wenn dass weil ist sind
        war waren bin bist sein habe hat haben hatte wird werden wurde kann können konnte muss
        soll will möchte nicht kein keine ich du er sie es wir ihr mich mir uns euch mein meine
        unser ihre mit von zu zum zur auf für bei aus nach vor über unter im in an am auch noch
        schon nur sehr so wie was warum wann wo jetzt heute gestern immer wieder seit bitte
        danke hallo leider funktioniert gibt man dies diese dieser konto hilfe als hier da
    """,
    "nl": """
        de het een en of maar dat die dit deze als dan want omdat is zijn was waren ben bent
        heb hebt heeft hebben had kan kunnen kon moet moeten wil wilt zou wordt worden werd
        niet geen wel ik je jij u we wij ze zij hij mijn uw jullie ons onze hun er hier daar van
        voor met op aan in uit bij naar om over tot door te ook nog al alleen erg heel nu
        vandaag gisteren altijd weer sinds hoe waarom wat wie wanneer waar graag bedankt dank
        alvast hallo hoi goedemorgen goedemiddag probleem kunt
    """,
    "it": """
        il lo la gli le un uno una di del della dei delle degli da dal dalla in nel nella su
        sul sulla per con tra fra e o ma che non è sono sei siamo era essere stato ho hai ha
        abbiamo avete hanno posso può possiamo riesco devo vorrei mi ti ci si vi mio mia miei
        tuo suo sua nostro vostro questo questa quello quella anche ancora già più molto poi
        quando come dove perché cosa chi niente sempre mai oggi ieri adesso ora grazie ciao
        buongiorno salve aiuto problema a
    """,
}


def _distinctive_words(profiles: dict[str, str]) -> dict[str, str]:
    """Word -> language, for words listed under exactly one language."""
    owners: dict[str, set[str]] = {}
    for language, words in profiles.items():
        for word in words.split():
            owners.setdefault(word, set()).add(language)
    return {word: langs.pop() for word, langs in owners.items() if len(langs) == 1}


_WORD_LANGUAGE = _distinctive_words(_LANGUAGE_WORDS)
_ASCII_WORD_LANGUAGE = {w.encode(): lang for w, lang in _WORD_LANGUAGE.items() if w.isascii()}
LANGUAGES: tuple[str, ...] = tuple(_LANGUAGE_WORDS)
# The column path's forms of the same tables: the words to look up, each one's language as an
# index into LANGUAGES, and the answer for each index (the last one: undetermined).
_ASCII_WORDS_ARRAY = pa.array([w.decode() for w in _ASCII_WORD_LANGUAGE], type=pa.large_string())
_ASCII_WORD_CODES = np.array([LANGUAGES.index(lang) for lang in _ASCII_WORD_LANGUAGE.values()])
_LANGUAGE_NAMES = np.array([*LANGUAGES, UNDETERMINED], dtype=object)


def detect_languages(texts: Sequence[object]) -> list[str]:
    """The ISO 639-1 code of each text's language, or ``"und"`` when too short or unsure.

    Method: the lower-cased words of the first 400 characters are looked up in small lists of
    each language's most frequent function words (words shared by two listed languages count
    for neither). The language with the most hits wins if it has at least 2 and at least twice
    the runner-up's. Why: it runs offline with no model to download, reads ~10^5-10^6 short
    tickets a second, and every answer can be explained by the words that matched.

    Limits: recognises only en, id, es, pt, fr, de, nl and it; short texts ("Refund?") and
    texts made of product words come back "und"; Malay reads as Indonesian; a ticket that
    quotes another language is judged by its first 400 characters.

    Example:
        >>> detect_languages(["Saya tidak bisa masuk ke akun saya sejak kemarin", "Refund?"])
        ['id', 'und']
    """
    texts = list(texts)  # a Series too: positions, not labels, below
    if len(texts) < _COLUMN_MIN_TEXTS:
        return [_language(text) for text in texts]
    out: list[str] = []
    for start in range(0, len(texts), _COLUMN_SLICE_TEXTS):
        out += _languages_column(texts[start : start + _COLUMN_SLICE_TEXTS])
    return out


def _languages_column(texts: Sequence[object]) -> list[str]:
    """:func:`_language` on each text, with the words of ASCII texts split and looked up by
    pyarrow in C++; other texts take the per-text path."""
    values = [text if isinstance(text, str) else "" for text in texts]
    start = pc.utf8_slice_codeunits(
        pa.array(values, type=pa.large_string()), 0, _LANGUAGE_SCAN_CHARS
    )
    ascii_rows = np.flatnonzero(pc.string_is_ascii(start).to_numpy(zero_copy_only=False))
    # The same words as _language's ASCII path: its bytes.translate table, applied in one call to
    # the characters of all those texts at once.
    starts = start.take(pa.array(ascii_rows))
    _, offsets, data = starts.buffers()
    translated = data.to_pybytes().translate(_ASCII_WORDS) if data else b""
    texts_as_words = pa.LargeStringArray.from_buffers(
        len(starts), offsets, pa.py_buffer(translated), offset=starts.offset
    )
    words = pc.ascii_split_whitespace(texts_as_words)
    found = pc.index_in(pc.list_flatten(words), value_set=_ASCII_WORDS_ARRAY)
    hit = found.is_valid()
    rows = pc.list_parent_indices(words).filter(hit).to_numpy()
    languages = _ASCII_WORD_CODES[found.filter(hit).to_numpy()]
    width = len(LANGUAGES)
    counts = np.bincount(rows * width + languages, minlength=len(ascii_rows) * width)
    counts = counts.reshape(len(ascii_rows), width)
    ranked = np.sort(counts, axis=1)
    sure = (ranked[:, -1] >= _LANGUAGE_MIN_HITS) & (
        ranked[:, -1] >= _LANGUAGE_MIN_RATIO * ranked[:, -2]
    )
    out = np.full(len(texts), UNDETERMINED, dtype=object)
    out[ascii_rows] = _LANGUAGE_NAMES[np.where(sure, counts.argmax(axis=1), width)]
    other = np.ones(len(texts), dtype=bool)
    other[ascii_rows] = False
    for row in np.flatnonzero(other).tolist():
        out[row] = _language(texts[row])
    return out.tolist()


def _language(text: object) -> str:
    if not isinstance(text, str):
        return UNDETERMINED
    start = text[:_LANGUAGE_SCAN_CHARS]
    # filter(None, map(...)) keeps the hits in C, a list comprehension steps through Python.
    if start.isascii():
        words = start.encode().translate(_ASCII_WORDS).split()
        hits = list(filter(None, map(_ASCII_WORD_LANGUAGE.get, words)))
    else:
        words = start.lower().translate(_NOT_WORD).split()
        hits = list(filter(None, map(_WORD_LANGUAGE.get, words)))
    if len(hits) < _LANGUAGE_MIN_HITS:
        return UNDETERMINED
    first = hits[0]
    if hits.count(first) == len(hits):  # the usual case: every hit agrees
        return first
    counts: dict[str, int] = {}
    for lang in hits:
        counts[lang] = counts.get(lang, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=counts.__getitem__)
    if ranked[0] < _LANGUAGE_MIN_HITS or ranked[0] < _LANGUAGE_MIN_RATIO * ranked[1]:
        return UNDETERMINED
    return best
