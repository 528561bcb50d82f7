"""``python -m voc`` runs the CLI."""

from voc.cli import main

main()
