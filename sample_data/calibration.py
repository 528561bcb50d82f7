"""Write ``voc/data/calibration.txt``: the texts the openvino backend calibrates int8 ranges on.

Static int8 quantisation fixes each activation's range from the texts it is shown, so those texts
must look like what the model will meet: support tickets of every length, in English and
Indonesian, cleaned and masked as the pipeline cleans them. They must not be any user's data, and
not the sample export that fidelity is measured on. So they are made here, deterministically:

- 160 whole tickets and 80 first sentences of tickets, drawn from the sample generator's themes
  with another seed (``CALIBRATION_SEED``), read and cleaned by ``voc`` exactly as an export is
  (personal data masked);
- the 60 short requests of ``GENERIC`` below, written for this file, from other kinds of support
  desks (banking, shops, travel, telecoms, software), so the ranges are not those of one product.

Usage::

    python -m sample_data.calibration      # rewrites voc/data/calibration.txt, byte for byte
"""

from __future__ import annotations

import csv
import re
import tempfile
from functools import partial
from pathlib import Path
from random import Random

from sample_data.generate import EXPORT_FILE, HEADERS, generate
from voc.config import RunConfig
from voc.embed.openvino_backend import CALIBRATION_FILE
from voc.ingest import read_export
from voc.prepare import embedding_texts, prepare_frame

CALIBRATION_SEED = 20261203
WHOLE_TICKETS = 160
FIRST_SENTENCES = 80
GENERIC = [
    "My card was declined at the supermarket but the money left my account.",
    "How long does a transfer to another bank take?",
    "I want to close my savings account.",
    "The app says my PIN is blocked after three tries.",
    "There is a payment on my statement I do not recognise.",
    "Can I raise the daily limit for cash withdrawals?",
    "My parcel shows delivered but nothing arrived.",
    "I ordered a size M and received an L, how do I exchange it?",
    "The discount code does not work at checkout.",
    "When will my refund for the returned shoes be paid?",
    "The tracking number you sent is not valid.",
    "I was charged for shipping even though the order was over the free shipping limit.",
    "My flight was cancelled and I need to rebook for tomorrow.",
    "How much does it cost to add a checked bag?",
    "The hotel booking confirmation never came by email.",
    "I need an invoice with my company name for the trip.",
    "Can I change the name on the ticket?",
    "My internet has been dropping every evening since Monday.",
    "The router keeps restarting by itself.",
    "I was billed twice for my phone plan this month.",
    "How do I port my number to your network?",
    "No signal at home since the tower maintenance.",
    "The roaming charges on my bill are far too high.",
    "The installer crashes at 90 percent on Windows 11.",
    "I forgot my password and the reset link has expired.",
    "Please delete my account and all my data.",
    "The latest update made the app very slow on my phone.",
    "How do I add a second user to our plan?",
    "Our API requests return error 429 since this morning.",
    "Where can I download last year's invoices?",
    "The sync between the desktop and mobile app stopped working.",
    "I would like a feature to schedule reports every week.",
    "Thank you, the issue is solved now.",
    "Is there a student discount?",
    "I cannot upload files larger than 10 MB.",
    "Notifications arrive hours late.",
    "The page shows a blank screen after I log in.",
    "Your agent promised a call back yesterday and nobody called.",
    "Kartu saya ditolak padahal saldo masih cukup.",
    "Bagaimana cara mengganti nomor telepon di akun saya?",
    "Transfer saya belum masuk ke rekening tujuan sejak kemarin.",
    "Paket saya belum sampai padahal status sudah terkirim.",
    "Saya ingin mengembalikan barang yang rusak.",
    "Kode promo tidak bisa dipakai saat pembayaran.",
    "Penerbangan saya dibatalkan, bagaimana dengan pengembalian dananya?",
    "Internet di rumah sering putus setiap malam.",
    "Tagihan bulan ini terpotong dua kali.",
    "Aplikasi selalu keluar sendiri setelah pembaruan terakhir.",
    "Saya lupa kata sandi dan tautan reset tidak berfungsi.",
    "Mohon hapus akun saya beserta datanya.",
    "Tolong tambahkan fitur mode gelap di aplikasi.",
    "Laporan yang diekspor tidak lengkap, banyak baris yang hilang.",
    "Terima kasih, masalahnya sudah beres.",
    "Kapan tim support bisa menghubungi saya kembali?",
    "The refund went back to an old card that is already closed.",
    "We need SSO for our team before we can sign the contract.",
    "Login with Google gives an error about the redirect address.",
    "The chat widget does not load on our website.",
    "Please call me back on [PHONE] about the failed payment.",
    "Please send the receipt to [EMAIL].",
]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def cleaned_tickets(seed: int) -> list[str]:
    """Every ticket text the generator makes for ``seed``, as the pipeline gives it to the model."""
    dataset = generate(seed=seed)
    config = RunConfig()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / EXPORT_FILE
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADERS)
            writer.writerows(dataset.export_rows)
        prepare = partial(prepare_frame, config=config, salt=b"calibration")
        frame = read_export(path, config.ingest, prepare=prepare).frame
    return [text for text in embedding_texts(frame, config.embed.max_chars) if text.strip()]


def one_line(text: str) -> str:
    return " ".join(text.split())


def calibration_texts(seed: int = CALIBRATION_SEED) -> list[str]:
    """The calibration texts: generated tickets (whole and first sentences) and ``GENERIC``."""
    rng = Random(seed)
    tickets = sorted(set(cleaned_tickets(seed)))
    chosen = rng.sample(tickets, WHOLE_TICKETS + FIRST_SENTENCES)
    whole = chosen[:WHOLE_TICKETS]
    firsts = [_SENTENCE_END.split(text.strip())[0] for text in chosen[WHOLE_TICKETS:]]
    texts = [one_line(t) for t in (*whole, *firsts, *GENERIC)]
    rng.shuffle(texts)
    return texts


def main() -> int:
    texts = calibration_texts()
    CALIBRATION_FILE.write_text("".join(f"{text}\n" for text in texts), encoding="utf-8")
    print(f"wrote {len(texts)} texts to {CALIBRATION_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
