"""Dependency direction and heavy-import rules from STYLE.md, checked by reading imports."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

VOC = ROOT / "voc"
# Heavy or framework libraries, and the only modules allowed to import them.
ALLOWED = {
    "sentence_transformers": {"torch_backend.py"},
    "torch": {"torch_backend.py"},
    "onnxruntime": {"onnx_backend.py"},
    "onnx": {"onnx_backend.py"},
    "umap": {"cluster.py"},
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


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


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
