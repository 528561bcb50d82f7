"""Errors that voc raises for problems a user can fix.

Every message names what went wrong and what to do about it; the CLI prints it as one line and exits
with :data:`USER_ERROR_EXIT_CODE`.
"""

from __future__ import annotations

USER_ERROR_EXIT_CODE = 2
# ``voc report --fail-on-emerging`` exits with this when a theme is emerging, so a scheduler can
# alert on it; distinct from 2, which means the command itself could not do its job.
EMERGING_EXIT_CODE = 3


class VocError(Exception):
    """Base class: a problem the user can act on (bad input, bad settings, missing run)."""


class IngestError(VocError):
    """An export file cannot be read: missing, empty, binary or in an unsupported format."""


class LimitError(IngestError):
    """An export exceeds a safety limit (nesting, inflated size, cell or upload size); the message
    names the setting that raises it."""


class SchemaError(VocError):
    """An export is readable but lacks a required column, or a column override names no column."""


class EmptyCorpusError(VocError):
    """No ticket is left with usable text after reading and cleaning."""


class ConfigError(VocError):
    """A setting is unknown or has a value outside its allowed range."""


class ModelError(VocError):
    """The embedding model cannot be loaded from the given name or path."""


class EngineError(VocError):
    """The compute engine cannot start, or cannot reach the cluster it was pointed at."""


class StoreError(VocError):
    """The workspace is missing, has no complete run, or a run folder is unreadable."""


class CurationError(VocError):
    """An analyst's edit does not apply: an unknown theme, an empty name, an unknown kind."""
