"""Texts used for the parity / speed checks."""

import csv

TICKETS = "/work/main/bench_out/speed/tickets_100000_seed20260601_rerun/first.csv"
XSID = "/work/shared/data/xsid/test.csv"


def tickets(n):
    out = []
    with open(TICKETS, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            d = row["Description"]
            if d and d.strip():
                out.append(d)
                if len(out) >= n:
                    break
    return out


def xsid(n=None):
    en, idn = [], []
    with open(XSID, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            en.append(row["text_en"])
            idn.append(row["text_id"])
    return (en[:n], idn[:n]) if n else (en, idn)
