"""Where do we stand against D5 and D6? Every element, with the local status or 'onbekend'."""

from __future__ import annotations

import polars as pl

from azwa_analysis._tables import Tables
from azwa_analysis._vocab import AZWA_CATEGORIES, LEEFGEBIEDEN, LOCAL_STATUS_LABELS
from azwa_analysis.analysis._municipality import resolve_municipality
from azwa_analysis.schemas import CoverageSchema

UNKNOWN = "onbekend"


def coverage(tables: Tables, municipality: str) -> pl.DataFrame:
    """The coverage matrix: every basisfunctionaliteit, ontwikkelagenda item and
    basisinfrastructuur element by leefgebied, with the municipality's status where the data has
    one and ``onbekend`` where it does not. Nothing is guessed.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> matrix = coverage(load_tables(), "Groningen")  # no local data
    >>> set(matrix["status"])
    {'onbekend'}
    """
    target = resolve_municipality(tables, municipality)
    catalogue = tables.interventions.filter(pl.col("azwa_category") != "none").select(
        "azwa_category", "leefgebied", "intervention_id", "name"
    )
    local = tables.local_status.filter(pl.col("municipality_code") == target.code).select(
        "intervention_id", "status", "detail", "funding_ends_year", "source_document"
    )
    category_order = {c: i for i, c in enumerate(AZWA_CATEGORIES)}
    leefgebied_order = {g: i for i, g in enumerate(LEEFGEBIEDEN)}
    matrix = (
        catalogue.join(local, on="intervention_id", how="left")
        .with_columns(
            pl.lit(target.code).alias("municipality_code"),
            pl.col("status").fill_null(UNKNOWN),
        )
        .with_columns(
            pl.col("status")
            .replace_strict({**LOCAL_STATUS_LABELS, UNKNOWN: UNKNOWN}, return_dtype=pl.String)
            .alias("status_nl"),
            pl.col("azwa_category")
            .replace_strict(category_order, return_dtype=pl.Int64)
            .alias("_c"),
            pl.col("leefgebied")
            .replace_strict(leefgebied_order, default=99, return_dtype=pl.Int64)
            .alias("_l"),
        )
        .sort("_c", "_l", "name")
        .drop("_c", "_l")
    )
    return CoverageSchema.validate(matrix.select(list(CoverageSchema.to_schema().columns)))
