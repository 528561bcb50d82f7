"""Dependency direction and heavy-import rules from STYLE.md, checked by reading imports."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

VOC = ROOT / "voc"
# Heavy or framework libraries, and the only modules allowed to import them.
ALLOWED = {
    "sentence_transformers": {"torch_backend.py"},
    "torch": {"torch_backend.py", "e5_export.py"},
    "transformers": {"torch_backend.py", "e5_export.py"},
    "onnxruntime": {"onnx_backend.py"},
    "onnx": {"onnx_backend.py"},
    "openvino": {"openvino_backend.py"},
    "nncf": {"openvino_backend.py"},
    "umap": {"cluster.py", "jit.py"},
    "hdbscan": {"cluster.py"},
    "dask": {"dask_engine.py"},
    "distributed": {"dask_engine.py"},
    "bertopic": {"cluster.py", "themes.py"},
    "typer": {"cli.py"},
    "click": {"cli.py"},
    "rich": {"cli.py"},
    "plotly": {"charts.py", "html.py"},
    "jinja2": {"html.py"},
    "playwright": set(),
    "streamlit": set(),
    "dashboards": set(),
}
# Modules that must not reach the workspace or analysts' curation: the pipeline is one way (it is
# handed the earlier run; voc.runs stores the run and replays curation around it).
ONE_WAY = {"pipeline.py": ("voc.store", "voc.curation"), "update.py": ("voc.store", "voc.curation")}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, dotted in full (``from voc import store``: ``voc.store``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules |= {f"{node.module}.{alias.name}" for alias in node.names}
    return modules


def reaches(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    """The imports of ``path`` that are, or are inside, a forbidden module."""
    return sorted(
        m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in forbidden)
    )


def test_heavy_libraries_are_imported_only_where_allowed() -> None:
    offences = []
    for path in sorted(VOC.rglob("*.py")):
        for root in imported_roots(path) & ALLOWED.keys():
            if path.name not in ALLOWED[root]:
                offences.append(f"{path.relative_to(ROOT)} imports {root}")
    assert not offences, offences


def test_the_rule_itself_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import streamlit as st\nfrom umap import UMAP\n")
    assert imported_roots(bad) == {"streamlit", "umap"}


def test_the_pipeline_imports_neither_the_workspace_nor_curation() -> None:
    offences = {name: reaches(VOC / name, forbidden) for name, forbidden in ONE_WAY.items()}
    assert not any(offences.values()), offences


def test_the_one_way_rule_itself_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from voc import store\n"
        "def f():\n    from voc.curation.carry import carry_labels\n"
        "import voc.storeroom\n"
    )
    found = reaches(bad, ONE_WAY["pipeline.py"])
    assert found == ["voc.curation.carry", "voc.curation.carry.carry_labels", "voc.store"]
