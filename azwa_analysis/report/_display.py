"""Tables for people: Dutch headers, Dutch numbers (``€ 1.234,5 mln``) and dates.

The analyses return typed frames for computation; these turn them into string tables for a
notebook or a briefing, where every cell is text exactly as a council member reads it.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from azwa_analysis._format import format_eur, format_eur_mln
from azwa_analysis._vocab import LOCAL_STATUS_LABELS


def _mln(expr: pl.Expr) -> pl.Expr:
    return expr.map_elements(lambda v: format_eur_mln(v) if v else "–", return_dtype=pl.String)


def _eur(expr: pl.Expr) -> pl.Expr:
    return expr.map_elements(format_eur, return_dtype=pl.String)


def funding_table_nl(overview: pl.DataFrame, *, years: Iterable[int] | None = None) -> pl.DataFrame:
    """Streams × years in € mln, with a total row; budget rows only."""
    budget = overview.filter(pl.col("kind") == "budget")
    wanted = sorted(set(years) if years is not None else set(budget["year"]))
    totals = (
        budget.filter(pl.col("year").is_in(wanted))
        .group_by("stream", "year")
        .agg(pl.col("amount_eur").sum())
    )
    grand = (
        totals.group_by("year")
        .agg(pl.col("amount_eur").sum())
        .with_columns(pl.lit("Totaal").alias("stream"))
    )
    wide = (
        pl.concat([totals, grand.select(totals.columns)])
        .with_columns(pl.col("year").cast(pl.String))
        .pivot(on="year", index="stream", values="amount_eur")
    )
    year_columns = [str(y) for y in wanted if str(y) in wide.columns]
    order = wide.with_columns((pl.col("stream") == "Totaal").alias("_last")).sort("_last", "stream")
    return order.select(
        pl.col("stream").alias("Stroom"),
        *[_mln(pl.col(y).fill_null(0)).alias(y) for y in year_columns],
    )


def allocation_table_nl(allocation: pl.DataFrame) -> pl.DataFrame:
    """A municipality's amounts per year, recipient and component, with range and basis (the
    region's amounts apart from the municipality's own)."""
    recipient = (
        pl.when(pl.col("recipient") == "regio")
        .then(
            pl.concat_str(
                pl.lit("regio "),
                pl.col("region"),
                pl.lit(" (via "),
                pl.col("mandate_holder"),
                pl.lit(")"),
            )
        )
        .otherwise(pl.lit("gemeente"))
    )
    basis = (
        pl.when(pl.col("basis") == "officieel")
        .then(
            pl.concat_str(
                pl.lit("officieel: "),
                pl.col("official_document"),
                pl.lit(" "),
                pl.col("official_location").fill_null(""),
            ).str.strip_chars()
        )
        .otherwise(
            pl.concat_str(
                pl.lit("geschat: "), pl.col("key"), pl.lit(" ("), pl.col("key_basis"), pl.lit(")")
            )
        )
    )
    return allocation.sort("year", "recipient", "stream", "component").select(
        pl.col("year").cast(pl.String).alias("Jaar"),
        recipient.alias("Ontvanger"),
        pl.col("stream").alias("Stroom"),
        pl.col("component").alias("Onderdeel"),
        _eur(pl.col("amount_eur")).alias("Bedrag"),
        pl.concat_str(_eur(pl.col("low_eur")), pl.lit(" – "), _eur(pl.col("high_eur"))).alias(
            "Bandbreedte"
        ),
        basis.alias("Basis"),
    )


def register_table_nl(register: pl.DataFrame) -> pl.DataFrame:
    """The register of figures several documents state: which holds, which were replaced."""
    changed = register.filter(pl.col("status").is_in(["vervangen", "tegenstrijdig"]))
    return changed.sort("quantity_key", "status").select(
        pl.col("quantity_key").alias("Grootheid"),
        pl.col("year").cast(pl.String).alias("Jaar"),
        _eur(pl.col("amount_eur")).alias("Bedrag"),
        pl.col("source_document").alias("Document"),
        pl.col("status").alias("Status"),
        _eur(pl.col("current_amount_eur")).alias("Geldend bedrag"),
        pl.col("current_document").alias("Geldend document"),
        pl.col("note").fill_null("").alias("Toelichting"),
    )


def cliffs_table_nl(cliffs: pl.DataFrame) -> pl.DataFrame:
    """Local programmes with their money, end year and what AZWA does."""
    return cliffs.select(
        pl.col("name").alias("Programma"),
        pl.col("status")
        .replace_strict(LOCAL_STATUS_LABELS, return_dtype=pl.String)
        .alias("Status"),
        pl.col("funding_source").fill_null("onbekend").alias("Financiering nu"),
        pl.col("funding_ends_year")
        .cast(pl.String)
        .fill_null("niet genoemd")
        .alias("Laatste jaar geld"),
        pl.col("azwa_outcome_nl").alias("Wat het AZWA doet"),
        pl.when(pl.col("gap_years").list.len() > 0)
        .then(pl.col("gap_years").cast(pl.List(pl.String)).list.join(", "))
        .otherwise(pl.lit("–"))
        .alias("Gat"),
        pl.col("risk").alias("Risico"),
    )


def coverage_table_nl(coverage: pl.DataFrame) -> pl.DataFrame:
    """The D5/D6 matrix as text."""
    return coverage.select(
        pl.col("azwa_category").alias("Onderdeel"),
        pl.col("leefgebied").fill_null("alle leefgebieden").alias("Leefgebied"),
        pl.col("name").alias("Element"),
        pl.col("status_nl").alias("Stand"),
        pl.col("detail").fill_null("").alias("Toelichting"),
    )


def deadlines_table_nl(deadlines: pl.DataFrame) -> pl.DataFrame:
    """Deadlines with Dutch dates, status and actors."""
    return deadlines.select(
        pl.col("when_nl").alias("Wanneer"),
        pl.col("status").alias("Stand"),
        pl.col("event").alias("Wat"),
        pl.col("actor").list.join(", ").alias("Wie"),
        pl.col("agreement").replace({"other": "overig"}).alias("Akkoord"),
    )
