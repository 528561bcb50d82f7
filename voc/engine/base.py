"""The ``Engine`` contract, and ``LocalEngine``: everything in this process (today's behaviour).

An engine decides where the heavy steps run: embedding the texts the cache lacks, assigning the
tickets outside a large input's fitting sample, and cleaning the chunks of a large export. It
changes where they run, never what they compute: every engine gives the same vectors, themes and
assignments for the same input and seed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar, Self

from voc.config import EmbedConfig
from voc.embed import Embedder
from voc.embed.cache import Encode
from voc.ingest import CleaningPool

if TYPE_CHECKING:
    from voc.cluster import Assign, ThemeModel


class Engine(ABC):
    """Where embedding, assignment and cleaning run.

    A context manager: entering starts its workers (or connects to them), leaving stops what it
    started. Its stand-ins plug into the steps' hooks (``embed_texts(encode=...)``,
    ``ThemeModel.fit(assign=...)``, ``read_export(pool=...)``).

    Example:
        >>> with LocalEngine() as engine:
        ...     vectors = engine.encoder(embedder, EmbedConfig())(["refund please"], None)
    """

    name: ClassVar[str]

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def start(self) -> None:
        """Start the workers, or connect to them."""

    @abstractmethod
    def close(self) -> None:
        """Stop what :meth:`start` started; leave a cluster it only connected to running."""

    @abstractmethod
    def cleaning_pool(self) -> CleaningPool | None:
        """Workers that clean a large export's chunks; None: the reader's own processes."""

    @abstractmethod
    def encoder(self, embedder: Embedder, config: EmbedConfig) -> Encode:
        """What computes the vectors of texts: ``embedder``'s, wherever it runs (``config``: the
        settings it was made from, so that workers can make the same one)."""

    @abstractmethod
    def assigner(self, model: ThemeModel) -> Assign:
        """What assigns tickets to ``model``'s themes: exactly ``model.predict``'s answer."""

    def describe(self) -> dict[str, Any]:
        """Where the run's work ran, for its manifest."""
        return {"name": self.name}


class LocalEngine(Engine):
    """Embeds and assigns in this process; the reader cleans a large export in its own processes
    (``ingest.clean_workers``)."""

    name = "local"

    def start(self) -> None:
        """Nothing to start: the work runs in this process."""

    def close(self) -> None:
        """Nothing to stop."""

    def cleaning_pool(self) -> CleaningPool | None:
        return None

    def encoder(self, embedder: Embedder, config: EmbedConfig) -> Encode:
        return embedder.encode

    def assigner(self, model: ThemeModel) -> Assign:
        return model.predict

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "workers": 1}
