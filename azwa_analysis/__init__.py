"""azwa-analysis: the Dutch IZA, GALA, AZWA and HLO agreements as validated tables and analyses.

The public face. Load the clean tables once, then ask the questions advisers ask::

    from azwa_analysis import load_tables, funding_overview, estimate_allocation
    tables = load_tables()                  # data/clean, built by `azwa build`
    funding_overview(tables)                # national money per year, stream and component
    estimate_allocation(tables, "GM1954")   # a municipality's estimated share, with a range
    funding_cliffs(tables, "Beekdaelen")    # which local programmes lose their money
    coverage(tables, "Beekdaelen")          # D5/D6 coverage matrix
    deadlines(tables, as_of=date(2026, 11, 22), municipality="Beekdaelen")
    agenda(tables, "Beekdaelen", as_of=date(2026, 11, 29))  # just passed and coming, once each
    reconcile_sources(tables)               # where the documents agree or differ
"""

from typing import TYPE_CHECKING, Any

from azwa_analysis import _startup, schemas  # noqa: F401  (_startup first: see its docstring)
from azwa_analysis._format import format_date_nl, format_eur, format_eur_mln, format_number
from azwa_analysis._issues import InputError, ValidationIssue
from azwa_analysis._paths import DataPaths
from azwa_analysis._periods import Period, format_period_nl, parse_period
from azwa_analysis._tables import Tables, TablesNotBuiltError, load_tables
from azwa_analysis.analysis import (
    CalibratedKey,
    Municipality,
    UnknownMunicipalityError,
    agenda,
    allocate_all,
    calibrate_key,
    coverage,
    deadlines,
    distribution_shares,
    estimate_allocation,
    funding_cliffs,
    funding_overview,
    funding_totals,
    key_backtest,
    official_shares,
    reconcile_sources,
    resolve_municipality,
)
from azwa_analysis.clean import BuildResult
from azwa_analysis.clean import run as build
from azwa_analysis.report._display import (
    allocation_table_nl,
    cliffs_table_nl,
    coverage_table_nl,
    deadlines_table_nl,
    funding_table_nl,
    register_table_nl,
)

if TYPE_CHECKING:
    from azwa_analysis.report._charts import (
        SvgChart,
        allocation_chart,
        chart_png,
        chart_svg,
        funding_chart,
        municipality_geometry,
        municipality_map,
        timeline_chart,
    )

#: Charts pull in Altair (about a second to import); they load on first use, so the command
#: line and the build start fast.
_LAZY = dict.fromkeys(
    (
        "SvgChart",
        "allocation_chart",
        "chart_png",
        "chart_svg",
        "funding_chart",
        "municipality_geometry",
        "municipality_map",
        "timeline_chart",
    ),
    "azwa_analysis.report._charts",
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'azwa_analysis' has no attribute {name!r}")


__all__ = [
    "BuildResult",
    "CalibratedKey",
    "DataPaths",
    "InputError",
    "Municipality",
    "Period",
    "SvgChart",
    "Tables",
    "TablesNotBuiltError",
    "UnknownMunicipalityError",
    "ValidationIssue",
    "agenda",
    "allocate_all",
    "allocation_chart",
    "allocation_table_nl",
    "build",
    "calibrate_key",
    "chart_png",
    "chart_svg",
    "cliffs_table_nl",
    "coverage",
    "coverage_table_nl",
    "deadlines",
    "deadlines_table_nl",
    "distribution_shares",
    "estimate_allocation",
    "format_date_nl",
    "format_eur",
    "format_eur_mln",
    "format_number",
    "format_period_nl",
    "funding_chart",
    "funding_cliffs",
    "funding_overview",
    "funding_table_nl",
    "funding_totals",
    "key_backtest",
    "load_tables",
    "municipality_geometry",
    "municipality_map",
    "official_shares",
    "parse_period",
    "reconcile_sources",
    "register_table_nl",
    "resolve_municipality",
    "schemas",
    "timeline_chart",
]
