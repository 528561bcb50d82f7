"""voc: turn exported support tickets into themes that show product defects and friction.

The library is the product; the ``voc`` command and the dashboard are thin shells over it.

Example:
    >>> import voc
    >>> result = voc.run("sample_data/sample_tickets.csv", "workspace")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["RunConfig", "Workspace", "__version__", "run"]

if TYPE_CHECKING:
    from voc.config import RunConfig
    from voc.runs import run
    from voc.store import Workspace


def __getattr__(name: str) -> Any:
    # Lazy, so 'import voc' stays fast and light for the CLI's --help and for tools.
    if name == "run":
        from voc.runs import run

        return run
    if name == "RunConfig":
        from voc.config import RunConfig

        return RunConfig
    if name == "Workspace":
        from voc.store import Workspace

        return Workspace
    raise AttributeError(name)
