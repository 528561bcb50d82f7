"""How many CPUs this process may use: the one number that sizes every pool of workers."""

from __future__ import annotations

import os


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, where the system reports one).

    Unlike ``os.cpu_count()``, a process pinned to some cores (``taskset``, a container's
    cpuset) gets only those, so pools sized by it do not oversubscribe them.
    """
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
