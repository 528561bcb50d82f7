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
