"""What does a municipality receive? Official amounts where a source gives them, estimates by
the key VWS says holds where none does.

Per year, stream and component of the funding overview (the rows that count), the table
``allocation_keys`` says who receives the money:

* **gemeente** — every municipality a part. Where the VWS letter of 12 September 2025 gives the
  official amount (brede SPUK 2025 and 2026), that amount; otherwise an estimate: the national
  amount times the municipality's share of the newest official brede SPUK (the key VWS says holds
  for now). The range spans that estimate and the one the calibrated key gives
  (:mod:`._key`). An official amount a data steward supplied replaces either.
* **regio** — every IZA region a part, paid to its mandaatgemeente: the region's official amount
  (SPUK IZA 2025 and 2026) or its share of the newest official SPUK IZA. A municipality sees the
  amount of its own region, when a source says which region that is.
* **geen** — the money goes to the GGD'en, GGD GHOR NL or a group of municipalities the sources do
  not name: no municipal amount.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from azwa_analysis._tables import Tables
from azwa_analysis.analysis._funding_overview import DEFAULT_YEARS, funding_overview
from azwa_analysis.analysis._key import calibrate_key, distribution_shares, official_shares
from azwa_analysis.analysis._municipality import resolve_municipality
from azwa_analysis.schemas import AllocationSchema

KEY_LABELS = {
    "brede_spuk": "aandeel in de brede SPUK",
    "spuk_iza": "aandeel van de regio in de SPUK IZA",
}


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


def allocate_all(tables: Tables, *, years: Iterable[int] = DEFAULT_YEARS) -> pl.DataFrame:
    """Official or estimated amounts for all 342 municipalities (and their regions), per year,
    stream and component. Per year, stream and component the municipal amounts add up to the
    national amount exactly.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> rows = allocate_all(load_tables(), years=[2026])
    >>> sorted(set(rows.filter(pl.col("recipient") == "gemeente")["basis"]))
    ['officieel']
    """
    wanted = tuple(sorted(set(years)))
    return tables.memoised(("allocate_all", wanted), lambda: _allocate(tables, wanted))


def estimate_allocation(
    tables: Tables,
    municipality: str,
    *,
    years: Iterable[int] = DEFAULT_YEARS,
) -> pl.DataFrame:
    """A municipality's official or estimated amounts per year, stream and component, with a
    range, and its region's amounts where its region is known.

    Parameters
    ----------
    tables : Tables
        The clean tables.
    municipality : str
        Code (``GM1954``) or name (``Beekdaelen``); a merged-away one resolves to its successor.
    years : iterable of int, keyword-only
        Years to include (default 2023-2031).

    Returns
    -------
    pl.DataFrame
        Validated against :class:`~azwa_analysis.schemas.AllocationSchema`: ``recipient`` says
        whether the money is the municipality's own or its region's, ``basis`` whether it is
        official or estimated, ``key`` with which key.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> share = estimate_allocation(load_tables(), "Beekdaelen", years=[2026])
    >>> share.filter(pl.col("recipient") == "gemeente")["amount_eur"].to_list()
    [571739]
    """
    target = resolve_municipality(tables, municipality)
    return allocate_all(tables, years=years).filter(pl.col("municipality_code") == target.code)


def _allocate(tables: Tables, years: tuple[int, ...]) -> pl.DataFrame:
    overview = funding_overview(tables, years=years).filter(pl.col("kind") == "budget")
    national = (
        overview.group_by("year", "stream_id", "stream", "component_id", "component")
        .agg(pl.col("amount_eur").sum().alias("national_eur"))
        .sort("year", "stream_id", "component_id")
    )
    municipalities = tables.municipalities.sort("municipality_code")
    keys = _KeyShares.create(tables, municipalities)
    parts: list[pl.DataFrame] = []
    for row in national.iter_rows(named=True):
        rule = _rule(tables.allocation_keys, row["stream_id"], row["component_id"], row["year"])
        if rule is None or rule["recipient"] == "geen":
            continue
        if rule["recipient"] == "gemeente":
            parts.append(_municipal(tables, municipalities, keys, row, rule))
        else:
            regional = _regional(tables, keys, row, rule)
            if regional is not None:
                parts.append(regional)
    if not parts:
        return AllocationSchema.validate(pl.DataFrame(schema=_SCHEMA))
    result = pl.concat([p.select(list(_SCHEMA)) for p in parts], how="vertical_relaxed")
    result = _apply_steward_amounts(tables, result)
    return AllocationSchema.validate(
        result.sort("municipality_code", "year", "recipient", "stream_id", "component_id")
    )


class _KeyShares:
    """The two keys as shares per municipality (and per region), computed once per bundle."""

    def __init__(self, brede: pl.Series, calibrated: pl.Series, regions: pl.DataFrame) -> None:
        self.brede = brede
        self.calibrated = calibrated
        self.regions = regions

    @classmethod
    def create(cls, tables: Tables, municipalities: pl.DataFrame) -> _KeyShares:
        official = official_shares(tables, recipient_kind="gemeente", stream_id="spuk_gala")
        brede = (
            municipalities.select("municipality_code")
            .join(
                official.select(pl.col("recipient").alias("municipality_code"), "share"),
                on="municipality_code",
                how="left",
            )["share"]
            .fill_null(0.0)
        )
        key = calibrate_key(tables)
        floors = municipalities["municipality_code"].is_in(list(key.floors))
        floor_share = float(brede.filter(floors).sum())
        model = distribution_shares(
            municipalities.filter(~floors),
            weight_inhabitants=key.weight_inhabitants,
            weight_income=key.weight_income,
        )
        calibrated = brede.clone()
        calibrated = calibrated.scatter(
            (~floors).arg_true(), (model * (1.0 - floor_share)).to_list()
        )
        regions = official_shares(tables, recipient_kind="regio", stream_id="spuk_iza")
        return cls(brede, calibrated, regions)


def _rule(
    keys: pl.DataFrame, stream_id: str, component_id: str, year: int
) -> dict[str, Any] | None:
    """The key rule for a stream (component) and year: a rule naming the component wins over
    one for the whole stream."""
    rules = keys.filter(
        (pl.col("stream_id") == stream_id)
        & (pl.col("from_year") <= year)
        & (pl.col("to_year").is_null() | (pl.col("to_year") >= year))
        & (pl.col("component_id").is_null() | (pl.col("component_id") == component_id))
    ).sort("component_id", nulls_last=True)
    return rules.row(0, named=True) if rules.height else None


def _municipal(
    tables: Tables,
    municipalities: pl.DataFrame,
    keys: _KeyShares,
    row: dict[str, Any],
    rule: dict[str, Any],
) -> pl.DataFrame:
    base = _base(municipalities, row, "gemeente")
    official = tables.allocations.filter(
        (pl.col("recipient_kind") == "gemeente")
        & (pl.col("stream_id") == row["stream_id"])
        & (pl.col("year") == row["year"])
    )
    if official.height:
        amounts = municipalities.select("municipality_code").join(
            official.select(
                pl.col("recipient").alias("municipality_code"),
                "amount_eur",
                "source_document",
                "source_location",
            ),
            on="municipality_code",
            how="left",
        )
        return base.with_columns(
            (amounts["amount_eur"].fill_null(0) / max(int(row["national_eur"]), 1)).alias("share"),
            amounts["amount_eur"].fill_null(0).alias("amount_eur"),
            amounts["amount_eur"].fill_null(0).alias("low_eur"),
            amounts["amount_eur"].fill_null(0).alias("high_eur"),
            pl.lit("officieel").alias("basis"),
            pl.lit("officieel bedrag").alias("key"),
            pl.lit("n.v.t.").alias("key_basis"),
            amounts["source_document"].alias("official_document"),
            amounts["source_location"].alias("official_location"),
        )
    total = int(row["national_eur"])
    central = pl.Series(largest_remainder(total, keys.brede), dtype=pl.Int64)
    alternative = pl.Series(largest_remainder(total, keys.calibrated), dtype=pl.Int64)
    return base.with_columns(
        keys.brede.alias("share"),
        central.alias("amount_eur"),
        pl.min_horizontal(central, alternative).alias("low_eur"),
        pl.max_horizontal(central, alternative).alias("high_eur"),
        pl.lit("geschat").alias("basis"),
        pl.lit(KEY_LABELS[rule["key"]]).alias("key"),
        pl.lit(rule["evidence"]).alias("key_basis"),
        pl.lit(None, dtype=pl.String).alias("official_document"),
        pl.lit(None, dtype=pl.String).alias("official_location"),
    )


def _regional(
    tables: Tables, keys: _KeyShares, row: dict[str, Any], rule: dict[str, Any]
) -> pl.DataFrame | None:
    members = tables.region_members.join(
        tables.iza_regions.select("region_id", "name", "mandate_holder"), on="region_id"
    ).join(
        tables.municipalities.select("municipality_code", pl.col("name").alias("municipality")),
        on="municipality_code",
    )
    if members.is_empty():
        return None
    official = tables.allocations.filter(
        (pl.col("recipient_kind") == "regio")
        & (pl.col("stream_id") == row["stream_id"])
        & (pl.col("year") == row["year"])
    )
    total = int(row["national_eur"])
    if official.height:
        regional = official.select(
            pl.col("recipient").alias("region_id"),
            "amount_eur",
            (pl.col("amount_eur") / max(total, 1)).alias("share"),
            pl.lit("officieel").alias("basis"),
            pl.lit("officieel bedrag").alias("key"),
            pl.lit("n.v.t.").alias("key_basis"),
            pl.col("source_document").alias("official_document"),
            pl.col("source_location").alias("official_location"),
        )
    else:
        amounts = largest_remainder(total, keys.regions["share"])
        regional = keys.regions.select(
            pl.col("recipient").alias("region_id"),
            pl.Series("amount_eur", amounts, dtype=pl.Int64),
            "share",
            pl.lit("geschat").alias("basis"),
            pl.lit(KEY_LABELS[rule["key"]]).alias("key"),
            pl.lit(rule["evidence"]).alias("key_basis"),
            pl.lit(None, dtype=pl.String).alias("official_document"),
            pl.lit(None, dtype=pl.String).alias("official_location"),
        )
    joined = members.join(regional, on="region_id")
    return joined.select(
        "municipality_code",
        "municipality",
        pl.lit(row["year"], dtype=pl.Int64).alias("year"),
        pl.lit(row["stream_id"]).alias("stream_id"),
        pl.lit(row["stream"]).alias("stream"),
        pl.lit(row["component_id"]).alias("component_id"),
        pl.lit(row["component"]).alias("component"),
        pl.lit("regio").alias("recipient"),
        "region_id",
        pl.col("name").alias("region"),
        "mandate_holder",
        pl.lit(total, dtype=pl.Int64).alias("national_eur"),
        "share",
        "amount_eur",
        pl.col("amount_eur").alias("low_eur"),
        pl.col("amount_eur").alias("high_eur"),
        "basis",
        "key",
        "key_basis",
        "official_document",
        "official_location",
    )


def _base(municipalities: pl.DataFrame, row: dict[str, Any], recipient: str) -> pl.DataFrame:
    return municipalities.select(
        "municipality_code",
        pl.col("name").alias("municipality"),
        pl.lit(row["year"], dtype=pl.Int64).alias("year"),
        pl.lit(row["stream_id"]).alias("stream_id"),
        pl.lit(row["stream"]).alias("stream"),
        pl.lit(row["component_id"]).alias("component_id"),
        pl.lit(row["component"]).alias("component"),
        pl.lit(recipient).alias("recipient"),
        pl.lit(None, dtype=pl.String).alias("region_id"),
        pl.lit(None, dtype=pl.String).alias("region"),
        pl.lit(None, dtype=pl.String).alias("mandate_holder"),
        pl.lit(int(row["national_eur"]), dtype=pl.Int64).alias("national_eur"),
    )


def _apply_steward_amounts(tables: Tables, result: pl.DataFrame) -> pl.DataFrame:
    """An official amount a data steward supplied (per municipality, stream and year) replaces
    the figure for that stream, for the municipality's own money."""
    supplied = tables.official_allocations.select(
        "municipality_code",
        "stream_id",
        "year",
        pl.col("amount_eur").alias("_official"),
        pl.col("document").alias("_document"),
    )
    if supplied.is_empty():
        return result
    merged = result.join(supplied, on=["municipality_code", "stream_id", "year"], how="left")
    hit = pl.col("_official").is_not_null() & (pl.col("recipient") == "gemeente")
    return merged.with_columns(
        *(
            pl.when(hit).then(pl.col("_official")).otherwise(pl.col(c)).alias(c)
            for c in ("amount_eur", "low_eur", "high_eur")
        ),
        pl.when(hit).then(pl.lit("officieel")).otherwise(pl.col("basis")).alias("basis"),
        pl.when(hit)
        .then(pl.lit("officieel bedrag (aangeleverd)"))
        .otherwise(pl.col("key"))
        .alias("key"),
        pl.when(hit).then(pl.lit("n.v.t.")).otherwise(pl.col("key_basis")).alias("key_basis"),
        pl.when(hit)
        .then(pl.col("_document"))
        .otherwise(pl.col("official_document"))
        .alias("official_document"),
        pl.when(hit)
        .then(pl.lit(None, dtype=pl.String))
        .otherwise(pl.col("official_location"))
        .alias("official_location"),
    ).drop("_official", "_document")


_SCHEMA: dict[str, Any] = {
    "municipality_code": pl.String,
    "municipality": pl.String,
    "year": pl.Int64,
    "stream_id": pl.String,
    "stream": pl.String,
    "component_id": pl.String,
    "component": pl.String,
    "recipient": pl.String,
    "region_id": pl.String,
    "region": pl.String,
    "mandate_holder": pl.String,
    "national_eur": pl.Int64,
    "share": pl.Float64,
    "amount_eur": pl.Int64,
    "low_eur": pl.Int64,
    "high_eur": pl.Int64,
    "basis": pl.String,
    "key": pl.String,
    "key_basis": pl.String,
    "official_document": pl.String,
    "official_location": pl.String,
}
