"""What is our share? An estimate per municipality from an explicit distribution key.

The official amounts per municipality are not in the sources. The GALA says the SPUK is
distributed on inhabitants and inhabitants with health disadvantages (income and education);
the weights are not public. The key here:

    share = w_inh · inhabitants / Σ inhabitants
          + (1 − w_inh) · disadvantaged / Σ disadvantaged
    disadvantaged = inhabitants · (w_inc · % low income + (1 − w_inc) · % low education) / 100

with ``w_inh`` and ``w_inc`` from ``data/raw/allocation_assumptions.csv`` (central value and
bounds). The range is the lowest and highest amount over every combination of the bounds. Where
a municipality lacks a KWB percentage the national inhabitant-weighted mean stands in.
Official amounts supplied by a data steward replace the estimate.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import polars as pl

from azwa_analysis._tables import Tables
from azwa_analysis.analysis._funding_overview import DEFAULT_YEARS, funding_overview
from azwa_analysis.analysis._municipality import resolve_municipality
from azwa_analysis.schemas import AllocationSchema


def _parameter(assumptions: pl.DataFrame, name: str) -> tuple[float, float, float]:
    row = assumptions.filter(pl.col("parameter") == name).row(0, named=True)
    return float(row["central"]), float(row["low"]), float(row["high"])


def distribution_shares(
    municipalities: pl.DataFrame, *, weight_inhabitants: float, weight_income: float
) -> pl.Series:
    """Each municipality's share (sums to 1) for one choice of weights, in frame order.

    Examples
    --------
    >>> frame = pl.DataFrame({"inhabitants": [100, 300],
    ...     "pct_low_income_households": [20.0, 10.0], "pct_low_education": [20.0, 10.0]})
    >>> distribution_shares(frame, weight_inhabitants=0.5, weight_income=0.5).to_list()
    [0.325, 0.675]
    """
    inhabitants = municipalities["inhabitants"].cast(pl.Float64)
    disadvantage_pct = pl.Series([0.0] * municipalities.height)
    for column, weight in (
        ("pct_low_income_households", weight_income),
        ("pct_low_education", 1.0 - weight_income),
    ):
        values = municipalities[column].cast(pl.Float64)
        known = values.is_not_null()
        weighted_sum = float((values.filter(known) * inhabitants.filter(known)).sum())
        mean = weighted_sum / float(inhabitants.filter(known).sum())
        disadvantage_pct = disadvantage_pct + weight * values.fill_null(mean)
    disadvantaged = inhabitants * disadvantage_pct / 100.0
    share = (
        weight_inhabitants * inhabitants / inhabitants.sum()
        + (1.0 - weight_inhabitants) * disadvantaged / disadvantaged.sum()
    )
    return share.alias("share")


def largest_remainder(total: int, shares: pl.Series) -> list[int]:
    """Whole euros per share that add up to ``total`` exactly (Hamilton's method).

    Examples
    --------
    >>> largest_remainder(10, pl.Series([1/3, 1/3, 1/3]))
    [4, 3, 3]
    """
    raw = [total * float(s) for s in shares]
    floors = [int(value) for value in raw]
    remainder = total - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for index in order[:remainder]:
        floors[index] += 1
    return floors


def allocate_all(
    tables: Tables, *, years: Iterable[int] = DEFAULT_YEARS, overview: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Estimated (or official) amounts for all 342 municipalities, per year and stream.

    Per year and stream the central estimates add up to the national amount exactly.
    """
    wanted = tuple(sorted(set(years)))
    if overview is None:
        return tables.memoised(
            ("allocate_all", wanted),
            lambda: _allocate(tables, funding_overview(tables, years=wanted)),
        )
    return _allocate(tables, overview)


def _allocate(tables: Tables, overview: pl.DataFrame) -> pl.DataFrame:
    national = (
        overview.filter(pl.col("kind") == "budget")
        .group_by("year", "stream_id", "stream")
        .agg(pl.col("amount_eur").sum().alias("national_eur"))
        .sort("year", "stream_id")
    )
    assumptions = tables.allocation_assumptions
    w_inh = _parameter(assumptions, "weight_inhabitants")
    w_inc = _parameter(assumptions, "weight_income")
    key_rows = assumptions.filter(pl.col("parameter") == "key_applies")
    key_basis = dict(key_rows.select("stream_id", "evidence").iter_rows())
    municipalities = tables.municipalities.sort("municipality_code")
    central = distribution_shares(
        municipalities, weight_inhabitants=w_inh[0], weight_income=w_inc[0]
    )
    corners = pl.DataFrame(
        [
            distribution_shares(municipalities, weight_inhabitants=a, weight_income=b).alias(str(i))
            for i, (a, b) in enumerate(itertools.product(w_inh, w_inc))
        ]
    )
    low_share = corners.min_horizontal()
    high_share = corners.max_horizontal()

    parts: list[pl.DataFrame] = []
    for year, stream_id, stream, total in national.iter_rows():
        if stream_id not in key_basis:
            continue  # no distribution key for this stream: no municipal estimate
        parts.append(
            pl.DataFrame(
                {
                    "municipality_code": municipalities["municipality_code"],
                    "municipality": municipalities["name"],
                    "year": [year] * municipalities.height,
                    "stream_id": [stream_id] * municipalities.height,
                    "stream": [stream] * municipalities.height,
                    "national_eur": [total] * municipalities.height,
                    "share": central,
                    "amount_eur": largest_remainder(total, central),
                    "low_eur": (low_share * total).floor().cast(pl.Int64),
                    "high_eur": (high_share * total).ceil().cast(pl.Int64),
                    "key_basis": [key_basis[stream_id]] * municipalities.height,
                }
            )
        )
    estimates = pl.concat(parts) if parts else _empty()
    # Keep the range around the rounded central figure.
    estimates = estimates.with_columns(
        pl.min_horizontal("low_eur", "amount_eur").alias("low_eur"),
        pl.max_horizontal("high_eur", "amount_eur").alias("high_eur"),
        pl.lit("geschat").alias("basis"),
        pl.lit(None, dtype=pl.String).alias("official_document"),
    )
    official = tables.official_allocations.select(
        "municipality_code",
        "stream_id",
        "year",
        pl.col("amount_eur").alias("_official"),
        pl.col("document").alias("_document"),
    )
    merged = estimates.join(official, on=["municipality_code", "stream_id", "year"], how="left")
    is_official = pl.col("_official").is_not_null()
    result = merged.with_columns(
        pl.when(is_official)
        .then(pl.col("_official"))
        .otherwise(pl.col("amount_eur"))
        .alias("amount_eur"),
        pl.when(is_official)
        .then(pl.col("_official"))
        .otherwise(pl.col("low_eur"))
        .alias("low_eur"),
        pl.when(is_official)
        .then(pl.col("_official"))
        .otherwise(pl.col("high_eur"))
        .alias("high_eur"),
        pl.when(is_official).then(pl.lit("officieel")).otherwise(pl.col("basis")).alias("basis"),
        pl.when(is_official)
        .then(pl.lit("n.v.t."))
        .otherwise(pl.col("key_basis"))
        .alias("key_basis"),
        pl.when(is_official)
        .then(pl.col("_document"))
        .otherwise(pl.col("official_document"))
        .alias("official_document"),
    ).drop("_official", "_document")
    return AllocationSchema.validate(result.select(list(AllocationSchema.to_schema().columns)))


def estimate_allocation(
    tables: Tables,
    municipality: str,
    *,
    years: Iterable[int] = DEFAULT_YEARS,
) -> pl.DataFrame:
    """A municipality's estimated (or official) amounts per year and stream, with a range.

    Parameters
    ----------
    tables : Tables
        The clean tables.
    municipality : str
        Code (``GM1954``) or name (``Beekdaelen``); a merged-away one resolves to its successor.
    years : iterable of int, keyword-only
        Years to include (default 2023-2030).

    Returns
    -------
    pl.DataFrame
        Validated against :class:`~azwa_analysis.schemas.AllocationSchema`; ``basis`` says which
        figures are official and which estimated.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> share = estimate_allocation(load_tables(), "Beekdaelen", years=[2026])
    >>> sorted(set(share["basis"]))
    ['geschat']
    """
    target = resolve_municipality(tables, municipality)
    return allocate_all(tables, years=years).filter(pl.col("municipality_code") == target.code)


def _empty() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "municipality_code": pl.String,
            "municipality": pl.String,
            "year": pl.Int64,
            "stream_id": pl.String,
            "stream": pl.String,
            "national_eur": pl.Int64,
            "share": pl.Float64,
            "amount_eur": pl.Int64,
            "low_eur": pl.Int64,
            "high_eur": pl.Int64,
            "key_basis": pl.String,
        }
    )
