"""Where documents state the same quantity: the build's reconciliation, for advisers."""

from __future__ import annotations

import polars as pl

from azwa_analysis._tables import Tables
from azwa_analysis.clean._reconcile import reconcile_frames


def reconcile_sources(tables: Tables) -> pl.DataFrame:
    """The reconciliation report: where documents state the same quantity, do they agree?

    See :func:`reconcile_frames` for the rules; this runs them on the clean tables.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> report = reconcile_sources(load_tables())
    >>> sorted(set(report["status"]))[:1]
    ['overeenstemming']
    """
    return reconcile_frames(tables.funding, tables.comparisons, tables.funding_rules)
