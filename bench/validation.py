"""Validation throughput: a synthetic funding table through the pandera schema, and the same
rules as plain polars expressions. Prints rows per second and pandera's overhead."""

from __future__ import annotations

import time

import polars as pl

from azwa_analysis._vocab import LINE_KINDS
from azwa_analysis.schemas import FundingSchema
from azwa_analysis.schemas._common import DOCUMENT_REGEX, LOCATION_REGEX, SCOPE_REGEX, SLUG_REGEX


def synthetic_funding(rows: int) -> pl.DataFrame:
    """Valid funding rows: unique ids, years 2023-2030 or structural, plausible amounts."""
    i = pl.col("i")
    structural = (i % 9) == 0
    return pl.DataFrame({"i": pl.int_range(rows, eager=True)}).select(
        pl.lit("003_058e7d6eb6b0f5e1.txt").alias("source_document"),
        (i % 3000 + 1).cast(pl.String).alias("source_location"),
        pl.lit("1. Sportakkoord 13 13 13 10 10").alias("source_quote"),
        pl.lit(None, dtype=pl.String).alias("note"),
        pl.format("regel_{}", i).alias("line_id"),
        pl.lit("spuk_gala").alias("stream_id"),
        pl.format("onderdeel_{}", i // 9).alias("component_id"),
        pl.lit("Sportakkoord").alias("component"),
        pl.lit(None, dtype=pl.Int64).alias("component_number"),
        pl.lit(None, dtype=pl.String).alias("parent_component_id"),
        pl.when(structural).then(None).otherwise(2023 + i % 8).cast(pl.Int64).alias("year"),
        structural.alias("structural"),
        (i * 37 % 200_000_000).cast(pl.Int64).alias("amount_eur"),
        pl.lit(False).alias("is_subtotal"),
        pl.lit("budget").alias("line_kind"),
        pl.lit(False, dtype=pl.Boolean).alias("cut_applied"),
        pl.lit(None, dtype=pl.String).alias("quantity_key"),
        pl.lit("national").alias("scope"),
    )


def plain_rules(frame: pl.DataFrame) -> int:
    """The FundingSchema's rules as one polars query; returns the number of failing cells."""
    checks = [
        ~pl.col("source_document").str.contains(DOCUMENT_REGEX),
        ~pl.col("source_location").str.contains(LOCATION_REGEX),
        ~pl.col("source_quote").str.len_chars().is_between(3, 400),
        ~pl.col("line_id").str.contains(SLUG_REGEX),
        pl.col("line_id").is_duplicated(),
        ~pl.col("component_id").str.contains(SLUG_REGEX),
        pl.col("component_number").is_not_null() & ~pl.col("component_number").is_between(1, 99),
        pl.col("year").is_not_null() & ~pl.col("year").is_between(2015, 2040),
        ~pl.col("amount_eur").is_between(0, 100_000_000_000),
        ~pl.col("line_kind").is_in(list(LINE_KINDS)),
        pl.col("quantity_key").is_not_null() & ~pl.col("quantity_key").str.contains(SLUG_REGEX),
        ~pl.col("scope").str.contains(SCOPE_REGEX),
        pl.col("year").is_null() != pl.col("structural"),
        pl.col("is_subtotal") & (pl.col("line_kind") != "budget"),
        pl.struct("component_id", "year", "structural", "source_document", "scope").is_duplicated(),
        *[
            pl.col(c).is_null()
            for c in (
                "source_document",
                "source_location",
                "source_quote",
                "line_id",
                "stream_id",
                "component_id",
                "component",
                "structural",
                "amount_eur",
                "is_subtotal",
                "line_kind",
                "scope",
            )
        ],
    ]
    return int(frame.select(pl.sum_horizontal([c.cast(pl.Int64) for c in checks]).sum()).item())


def bench_validation(rows: int = 1_000_000, repeats: int = 3) -> dict[str, object]:
    frame = synthetic_funding(rows)
    assert plain_rules(frame) == 0
    FundingSchema.validate(frame)  # warm-up (schema construction, regex compilation)
    pandera_times, plain_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        FundingSchema.validate(frame, lazy=True)
        pandera_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        plain_rules(frame)
        plain_times.append(time.perf_counter() - start)
    pandera, plain = min(pandera_times), min(plain_times)
    result = {
        "rows": rows,
        "pandera_seconds": round(pandera, 3),
        "plain_polars_seconds": round(plain, 3),
        "pandera_rows_per_second": round(rows / pandera),
        "plain_rows_per_second": round(rows / plain),
        "overhead_percent": round((pandera / plain - 1) * 100, 1),
        "repeats": repeats,
    }
    print(
        f"validation: {rows:,} rows — pandera {pandera:.3f} s "
        f"({result['pandera_rows_per_second']:,} rows/s), plain polars {plain:.3f} s; "
        f"overhead {result['overhead_percent']} %"
    )
    return result


if __name__ == "__main__":
    bench_validation()
