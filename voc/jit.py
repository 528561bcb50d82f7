"""UMAP's numba kernels compiled once per machine, not once per process.

umap-learn leaves numba's on-disk cache off for its kernels (lmcinnes/umap#1257), so every
process compiles them on first use: about 7 seconds on a 2-core machine, paid by every CLI run
and most of a small re-run's clustering. :func:`cache_umap_kernels` turns numba's cache on for
them before they are first compiled. Numba keys what it stores on the function's source, numba's
version and the CPU, and compiles afresh when any differs, so a cached kernel computes exactly
what a freshly compiled one would.
"""

from __future__ import annotations

import functools


@functools.cache
def cache_umap_kernels() -> int:
    """Turn numba's on-disk cache on for umap-learn's kernels not yet compiled; how many.

    A kernel numba cannot cache (no writable cache folder) compiles as before.
    """
    import umap.layouts
    import umap.umap_
    from numba.core.dispatcher import Dispatcher

    cached = 0
    for module in (umap.umap_, umap.layouts):
        for kernel in vars(module).values():
            if isinstance(kernel, Dispatcher) and not kernel.overloads:
                try:
                    kernel.enable_caching()
                except RuntimeError:  # numba: "no locator available" for a read-only tree
                    continue
                cached += 1
    return cached
