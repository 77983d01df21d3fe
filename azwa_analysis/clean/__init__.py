"""Stage 2, clean: raw → clean. ``azwa build`` validates every raw table and writes
``data/clean/`` all or nothing, in three steps like an owid/etl step:

- ``_load.py`` reads the raw files, sidecars and submissions (the only input I/O);
- ``_process.py`` parses (``_parse.py``), validates, checks (``_checks.py`` and their wiring in
  ``_cross_checks.py``), derives (``_municipalities.py``, ``_submissions.py``,
  ``_reconcile.py``): pure functions from inputs to the clean tables;
- ``_save.py`` writes the tables and the manifest beside the old folder and swaps them in
  (``_atomic.py``).

``_run.py`` ties them together under a lock; ``_dictionary.py`` documents the tables.
"""

from azwa_analysis.clean._run import BuildResult, UnverifiedQuotesError, run

__all__ = ["BuildResult", "UnverifiedQuotesError", "run"]
