"""Theme names and descriptions a person would write (see docs/naming.md)."""

from voc.naming.base import Namer, ThemeEvidence, ThemeLabel
from voc.naming.llm import LLMNamer, NamerReport, namer_from_config

__all__ = ["LLMNamer", "Namer", "NamerReport", "ThemeEvidence", "ThemeLabel", "namer_from_config"]
