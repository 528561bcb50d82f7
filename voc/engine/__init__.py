"""Engines: where the heavy steps of a run execute, in this process or on a Dask cluster.

``make_engine`` builds the one a run's ``engine`` settings name. The Dask engine lives in
``dask_engine.py``, the only module that imports dask and distributed; it is imported only when
asked for.

Example:
    >>> with make_engine(EngineConfig(name="dask", workers=2)) as engine:  # doctest: +SKIP
    ...     engine.describe()
    {'name': 'dask', 'scheduler': 'local', 'workers': 2, 'threads': 2}
"""

from __future__ import annotations

from voc.config import EngineConfig
from voc.engine.base import Engine, LocalEngine
from voc.errors import EngineError

__all__ = ["Engine", "LocalEngine", "make_engine"]


def make_engine(config: EngineConfig) -> Engine:
    """The engine a run's settings ask for (not started: use it in a ``with`` block)."""
    if config.name == "local":
        return LocalEngine()
    try:
        from voc.engine.dask_engine import DaskEngine
    except ImportError as exc:
        raise EngineError(
            f"the dask engine needs {exc.name}; run 'make install' (or pip install dask "
            "distributed), or drop --engine dask"
        ) from None
    return DaskEngine.from_config(config)
