"""UMAP's numba kernels are compiled once per machine (voc.jit), not once per process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from voc.cluster import ThemeModel

ROOT = Path(__file__).resolve().parents[1]

FIT_AND_COUNT = """
import numpy as np
import umap.umap_
from voc.cluster import ThemeModel
x = np.random.default_rng(0).normal(size=(300, 16)).astype(np.float32)
ThemeModel(map_2d=True, random_state=1).fit(x / np.linalg.norm(x, axis=1, keepdims=True))
print(sum(umap.umap_.smooth_knn_dist.stats.cache_hits.values()))
"""


def test_a_second_process_loads_umaps_kernels_instead_of_compiling_them() -> None:
    x = np.random.default_rng(1).normal(size=(300, 16)).astype(np.float32)
    ThemeModel(map_2d=True, random_state=1).fit(x / np.linalg.norm(x, axis=1, keepdims=True))
    done = subprocess.run(
        [sys.executable, "-c", FIT_AND_COUNT], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert int(done.stdout.strip().splitlines()[-1]) >= 1, done.stdout
