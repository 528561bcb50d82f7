"""The words just before a number that say what it is, when its digits alone cannot.

A Luhn-valid order number, a reference that looks like a phone number and a version written as a
dotted quad are evidence for themes, not personal data; the word in front of them tells them apart.
"""

from __future__ import annotations

import re

# How far back the context word may start: "Order number: #" and a little white space.
_WINDOW = 48
# Words after which a number is a business identifier (English, Indonesian, German, French,
# Spanish, Dutch), optionally followed by "no.", "number", "#", "ID" and a colon.
_ID_WORDS = (
    "order|orders|invoice|inv|transaction|trx|txn|ref|reference|booking|reservation|pesanan|"
    "transaksi|tagihan|faktur|referensi|tracking|resi|receipt|ticket|case|shipment|"
    "bestellung|bestellnummer|rechnung|buchung|commande|facture|pedido|factura|reserva|"
    "bestelling|factuur|boeking"
)
_NUMBER_WORDS = r"no\.?|nr\.?|num\.?|number|nomor|nummer|numéro|número|id|code|kode|#"
KEPT_ID_RE = re.compile(
    rf"(?<![\w])(?:{_ID_WORDS})(?:[ \t]+(?:{_NUMBER_WORDS}))?[ \t]*[:#.]?[ \t]*#?[ \t]*\Z",
    re.IGNORECASE,
)
# Currency words before an amount written in groups ("IDR 1 250 000 000").
KEPT_AMOUNT_RE = re.compile(
    r"(?<![\w])(?:rp|idr|usd|eur|gbp|inr|rs|aud|brl|r\$|sgd|myr)\.?[ \t]*\Z", re.IGNORECASE
)


def kept_by_context(text: str, start: int) -> bool:
    """True when the number at ``text[start:]`` follows an order, invoice, reference... word
    or a currency, so it is an identifier or an amount and not personal data.

    Example:
        >>> kept_by_context("order no. 4111111111111111", 10), kept_by_context("card 4111", 5)
        (True, False)
    """
    window = max(0, start - _WINDOW)
    return bool(
        KEPT_ID_RE.search(text, window, start) or KEPT_AMOUNT_RE.search(text, window, start)
    )
