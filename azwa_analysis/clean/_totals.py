"""National totals of official amounts: the VWS letter prints an amount per municipality and
per region but no total; ``allocation_totals.csv`` says which to add up, and the build writes each
sum as a budget line into ``funding``, citing the table it comes from."""

from __future__ import annotations

import polars as pl

from azwa_analysis._issues import ROW, ValidationIssue
from azwa_analysis._vocab import NATIONAL

_KEY = ["source_document", "stream_id", "year", "recipient_kind"]


def total_lines(totals: pl.DataFrame, allocations: pl.DataFrame) -> pl.DataFrame:
    """One funding line per row of ``totals``: the sum of the official amounts of its document,
    stream, year and kind of recipient (after cuts, as the source gives them).

    Examples
    --------
    >>> totals = pl.DataFrame({"line_id": ["t"], "stream_id": ["s"], "component_id": ["c"],
    ...     "component": ["C"], "year": [2026], "recipient_kind": ["gemeente"],
    ...     "quantity_key": [None], "source_document": ["d.pdf"], "source_location": ["1:1"],
    ...     "source_quote": ["Bijlage"], "note": [None]})
    >>> allocations = pl.DataFrame({"source_document": ["d.pdf"] * 2, "stream_id": ["s"] * 2,
    ...     "year": [2026] * 2, "recipient_kind": ["gemeente"] * 2, "amount_eur": [5, 7]})
    >>> total_lines(totals, allocations)["amount_eur"].to_list()
    [12]
    """
    sums = allocations.group_by(_KEY).agg(pl.col("amount_eur").sum())
    return totals.join(sums, on=_KEY, how="inner").select(
        "line_id",
        "stream_id",
        "component_id",
        "component",
        pl.lit(None, dtype=pl.Int64).alias("component_number"),
        pl.lit(None, dtype=pl.String).alias("parent_component_id"),
        "year",
        pl.lit(False).alias("structural"),
        pl.col("amount_eur").cast(pl.Int64),
        pl.lit(False).alias("is_subtotal"),
        pl.lit("budget").alias("line_kind"),
        pl.lit(True).alias("cut_applied"),
        "quantity_key",
        pl.lit(NATIONAL).alias("scope"),
        "source_document",
        "source_location",
        "source_quote",
        "note",
    )


def check_totals(
    totals: pl.DataFrame, allocations: pl.DataFrame, *, file: str
) -> list[ValidationIssue]:
    """Every total adds up at least one official amount (else it names nothing that exists)."""
    present = allocations.select(_KEY).unique()
    missing = totals.join(present, on=_KEY, how="anti")
    return [
        ValidationIssue(
            file,
            row[ROW],
            "recipient_kind",
            f"{row['source_document']}, {row['stream_id']}, {row['year']}, {row['recipient_kind']}",
            "geen officiële bedragen om op te tellen (allocations.csv) bij dit document, deze "
            "stroom, dit jaar en deze soort ontvanger",
        )
        for row in missing.iter_rows(named=True)
    ]
