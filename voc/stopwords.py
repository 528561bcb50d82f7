"""Stop-words for keywords and names: English, Indonesian, and support-ticket chatter.

Kept as data in one place so every language the tool meets can be added here.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Common Indonesian function words (after the Tala stop-word list, abridged).
_INDONESIAN = """
    ada adalah adanya agar akan aku anda apa apakah atau bagaimana bagi bahkan bahwa banyak baru
    belum benar berapa bersama beberapa bisa boleh buat bukan cara dalam dan dapat dari daripada
    dengan di dia ini itu jadi jika juga kalau kami kamu karena kata ke kembali kenapa ketika kita
    lagi lain lalu lebih maka mau masih mereka meski mohon namun nya oleh pada para pun saat saja
    sama sampai sangat saya se sebagai sebelum sedang sehingga sejak semua sendiri seperti sering
    setelah siapa sudah supaya tanpa tapi tentang tetapi tidak untuk usai waktu ya yaitu yang gak
    ga nggak tak punya hal bisakah tolong harus sekali hai halo selamat pagi siang sore malam
    terima kasih salam hormat tim
"""
# Words every support ticket uses; they name no theme.
_SUPPORT_CHATTER = """
    hi hello hey dear thanks thank please pls regards best kind cheers team support guys help hope
    just like need needs know anyone would could also still really get got getting issue issues
    problem problems question asap urgent sir madam ok okay yes yeah appreciate appreciated
    looked tried wondering
"""

# Pronoun and auxiliary contractions (the tokenizer keeps apostrophes). Negations such as "can't"
# stay: they carry the problem ("can't cancel").
_CONTRACTIONS = """
    i'm i'd i've i'll we'd we're we've we'll you're you've you'd it's that's there's here's
    let's what's he's she's they're they've they'd who's im ive """

INDONESIAN = frozenset(_INDONESIAN.split())
SUPPORT_CHATTER = frozenset(_SUPPORT_CHATTER.split())
CONTRACTIONS = frozenset(_CONTRACTIONS.split())
STOP_WORDS: frozenset[str] = (
    frozenset(ENGLISH_STOP_WORDS) | INDONESIAN | SUPPORT_CHATTER | CONTRACTIONS
)

# Words a theme's name may not start or end with (articles, pronouns, prepositions, auxiliaries,
# conjunctions, chatter), in English and Indonesian: "to load" and "my card" are fragments, "slow to
# load" and "card not arrived" are names. Smaller than STOP_WORDS, which also drops content words
# ("bill", "amount", "system") that are fine inside a name.
_FUNCTION_WORDS = """
    a an the this that these those some any each every all both either neither such
    i me my mine myself we us our ours you your yours he him his she her it its they them their
    who whom whose which what where when why how whether if then than so as because since until
    while though although unless whereas and or nor but yet also too very just even only really
    to of in on at by for from with within without into onto upon about above below over under
    after before between through during toward towards via per against among around across off
    is am are was were be been being do does did doing done have has had having will would shall
    should can could may might must ought there here not no
    instead anymore already again still ever now today yesterday tomorrow soon always sometimes
    often usually maybe perhaps actually basically currently recently suddenly anyway somehow
    am pm etc e.g i.e hi hello hey dear thanks thank please pls regards cheers ok okay yes yeah
    im ive i'm i've i'd i'll we're we've you're it's that's there's let's
    mr mrs ms miss dr sir madam pak bu bapak ibu mas mbak kak
    ada adalah akan aku anda apa apakah atau bagaimana bagi bahwa dalam dan dari dengan di dia ini
    itu jadi jika juga kalau kami kamu karena ke kita lagi lalu maka mereka nya oleh pada para pun
    saat saja sama sampai sangat saya se sebagai sedang sehingga sejak semua seperti setelah siapa
    sudah supaya tapi tentang tetapi untuk ya yaitu yang sih dong deh kok nih tuh hai halo mohon
    tolong terima kasih salam selamat pagi siang sore malam
"""
# Negations start a problem statement ("can't log in", "tidak bisa login") but never end a name.
_NEGATIONS = """
    not no never cannot can't don't doesn't didn't won't isn't aren't wasn't weren't haven't
    hasn't couldn't wouldn't shouldn't cant dont doesnt didnt wont isnt tidak belum gak ga nggak
    enggak tak bukan
"""
NEGATIONS = frozenset(_NEGATIONS.split())
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split()) - NEGATIONS

# Verbs that frame a request rather than say what it is about: a name never starts with them
# ("Want to delete my account" is named "Delete my account"; "Need to activate my card" is named
# "Activate my card"). They may stand inside a name ("Card I need"), and start a span after them.
_REQUEST_VERBS = """
    want wants wanted wanting need needs needed like wish wished hoping hope know knowing wonder
    wondering tell explain help helping trying tried try able unable
    ingin mau pengen perlu butuh minta meminta tanya bertanya mohon coba mencoba
"""
REQUEST_VERBS = frozenset(_REQUEST_VERBS.split())
