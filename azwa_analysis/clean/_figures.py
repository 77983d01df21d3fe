"""Which figure holds now: the register of every figure that several documents state.

**The rule.** Rows of ``funding`` that share a ``quantity_key`` state the same quantity. Of those,
the current figure comes from the most authoritative document — a regulation or decision, then a
ministry's letter or publication, a signed agreement, a VNG letter, a municipal letter (the
``authority`` of each document) — and among equals from the newest. Every other statement stays,
marked *bevestigd* (the same amount), *vervangen* (another amount, from a less authoritative or
older document) or *tegenstrijdig* (another amount from a document of the same authority and
date, so the rule cannot choose). Within one document a quantity counts once: its first line.
"""

from __future__ import annotations

import polars as pl

from azwa_analysis._vocab import AUTHORITIES
from azwa_analysis.sources import location_order

_COLUMNS = {
    "quantity_key": pl.String,
    "line_id": pl.String,
    "stream_id": pl.String,
    "year": pl.Int64,
    "amount_eur": pl.Int64,
    "source_document": pl.String,
    "source_location": pl.String,
    "authority": pl.String,
    "document_date": pl.Date,
    "status": pl.String,
    "current_line_id": pl.String,
    "current_amount_eur": pl.Int64,
    "current_document": pl.String,
    "note": pl.String,
}


def figure_register(funding: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """Every quantity stated in more than one document, one row per document, with the current
    figure by the rule in the module docstring.

    Examples
    --------
    >>> funding = pl.DataFrame({"line_id": ["a", "b"], "quantity_key": ["q", "q"],
    ...     "stream_id": ["s", "s"], "year": [2026, 2026], "amount_eur": [127, 153],
    ...     "source_document": ["vng.txt", "vws.pdf"], "source_location": ["1", "2:3"],
    ...     "note": [None, None]})
    >>> import datetime as dt
    >>> documents = pl.DataFrame({"document": ["vng.txt", "vws.pdf"],
    ...     "authority": ["vng", "ministerie"],
    ...     "date": [dt.date(2025, 7, 1), dt.date(2025, 9, 12)]})
    >>> figure_register(funding, documents).select("line_id", "status").rows()
    [('b', 'geldend'), ('a', 'vervangen')]
    """
    rank = {name: index for index, name in enumerate(AUTHORITIES)}
    keyed = (
        funding.filter(pl.col("quantity_key").is_not_null())
        .join(
            documents.select(
                pl.col("document").alias("source_document"),
                "authority",
                pl.col("date").alias("document_date"),
            ),
            on="source_document",
            how="left",
        )
        .with_columns(
            pl.col("authority").replace_strict(rank, default=len(rank)).alias("_rank"),
            pl.col("source_location")
            .map_elements(location_order, return_dtype=pl.List(pl.Int64))
            .alias("_first"),
        )
        .sort("quantity_key", "source_document", "_first", "line_id")
        .unique(["quantity_key", "source_document"], keep="first", maintain_order=True)
    )
    rows: list[dict[str, object]] = []
    for (key,), group in keyed.group_by("quantity_key", maintain_order=True):
        if group.height < 2:
            continue
        ordered = group.sort(
            ["_rank", "document_date", "source_document"],
            descending=[False, True, False],
            nulls_last=True,
        )
        current = ordered.row(0, named=True)
        for row in ordered.iter_rows(named=True):
            if row["line_id"] == current["line_id"]:
                status = "geldend"
            elif row["amount_eur"] == current["amount_eur"]:
                status = "bevestigd"
            elif (row["_rank"], row["document_date"]) == (
                current["_rank"],
                current["document_date"],
            ):
                status = "tegenstrijdig"
            else:
                status = "vervangen"
            rows.append(
                {
                    "quantity_key": str(key),
                    "line_id": row["line_id"],
                    "stream_id": row["stream_id"],
                    "year": row["year"],
                    "amount_eur": row["amount_eur"],
                    "source_document": row["source_document"],
                    "source_location": row["source_location"],
                    "authority": row["authority"],
                    "document_date": row["document_date"],
                    "status": status,
                    "current_line_id": current["line_id"],
                    "current_amount_eur": current["amount_eur"],
                    "current_document": current["source_document"],
                    "note": current["note"] if status == "vervangen" else None,
                }
            )
    return pl.DataFrame(rows, schema=_COLUMNS)
