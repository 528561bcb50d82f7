"""Curation: everything analysts decide about a run, in one package.

- :mod:`voc.curation.edits`: the vocabulary of actions and the append-only SQLite edit log;
- :mod:`voc.curation.actions`: :class:`~voc.curation.actions.Curator`, the checked way to record an
  action (what the CLI and the dashboard call);
- :mod:`voc.curation.replay`: :func:`~voc.curation.replay.curate`, a run with its log applied;
- :mod:`voc.curation.carry`: analysts' labels brought from an earlier run to a new one;
- :mod:`voc.curation.proposals`: roadmap proposals drafted from themes, and their exports.
"""
