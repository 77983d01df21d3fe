"""Stage 3, analysis: the questions advisers ask, answered from the clean tables bundle
(:class:`~azwa_analysis._tables.Tables`). Each function takes the bundle and keyword-only
options and returns a frame validated against a schema in :mod:`azwa_analysis.schemas`."""

from azwa_analysis.analysis._agenda import agenda
from azwa_analysis.analysis._allocation import allocate_all, estimate_allocation
from azwa_analysis.analysis._cliffs import funding_cliffs
from azwa_analysis.analysis._coverage import coverage
from azwa_analysis.analysis._deadlines import deadlines, local_timeline_scopes
from azwa_analysis.analysis._funding_overview import funding_overview, funding_totals
from azwa_analysis.analysis._key import (
    CalibratedKey,
    calibrate_key,
    distribution_shares,
    key_backtest,
    official_shares,
)
from azwa_analysis.analysis._municipality import (
    Municipality,
    UnknownMunicipalityError,
    resolve_municipality,
)
from azwa_analysis.analysis._reconcile import reconcile_sources

__all__ = [
    "CalibratedKey",
    "Municipality",
    "UnknownMunicipalityError",
    "agenda",
    "allocate_all",
    "calibrate_key",
    "coverage",
    "deadlines",
    "distribution_shares",
    "estimate_allocation",
    "funding_cliffs",
    "funding_overview",
    "funding_totals",
    "key_backtest",
    "local_timeline_scopes",
    "official_shares",
    "reconcile_sources",
    "resolve_municipality",
]
