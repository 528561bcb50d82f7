"""What "deterministic" promises across machines (docs/determinism.md), checked on this one.

OpenBLAS picks its kernel by the CPU (``SkylakeX`` with AVX-512, ``Haswell`` with AVX2, ...), and
kernels sum floats in other orders. ``OPENBLAS_CORETYPE`` forces one, so two kernels can be run on
one machine: ``Prescott`` (SSE3) runs on every x86-64 CPU, against the CPU's own choice.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT, SIMILARITY_TOLERANCE

FIT = """
import sys
import numpy as np
from tests.test_cluster import sphere_blobs
from voc.cluster import ThemeModel
from threadpoolctl import threadpool_info
from voc.neighbors import exact_neighbors

x, _ = sphere_blobs([150, 120, 90, 60], dim=64, seed=4)
model = ThemeModel(min_theme_size=15, map_2d=False).fit(x)
labels, similarity = model.predict(x)
graph = exact_neighbors(x, 10)
kernel = [i.get("architecture", "") for i in threadpool_info() if i["internal_api"] == "openblas"]
np.savez(sys.argv[1], kernel=np.array(kernel), fitted=model.labels_, labels=labels,
         similarity=similarity, centroids=model.centroids_, neighbors=graph.indices,
         distances=graph.distances)
"""


def _fit(kernel: str | None, out: Path) -> dict[str, np.ndarray]:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    if kernel:
        env["OPENBLAS_CORETYPE"] = kernel
    done = subprocess.run(
        [sys.executable, "-c", FIT, str(out)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(np.load(out))


@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="OpenBLAS x86 kernels")
def test_themes_are_identical_and_floats_close_under_another_blas_kernel(tmp_path: Path) -> None:
    own, generic = _fit(None, tmp_path / "own.npz"), _fit("Prescott", tmp_path / "generic.npz")
    assert own["kernel"].tolist() != generic["kernel"].tolist()  # two kernels really ran
    for name in ("fitted", "labels", "neighbors"):
        assert np.array_equal(own[name], generic[name]), name
    for name in ("similarity", "centroids", "distances"):
        np.testing.assert_allclose(own[name], generic[name], rtol=0, atol=SIMILARITY_TOLERANCE)
