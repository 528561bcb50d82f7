"""Regenerate the settings table in docs/config.md from voc.config (run by `make docs`)."""

from __future__ import annotations

import re
from pathlib import Path

from voc.config import settings_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "config.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{settings_markdown()}{END}"
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
