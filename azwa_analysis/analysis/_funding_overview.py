"""How much money, when, from which stream: the national overview without double counting."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from azwa_analysis._tables import Tables
from azwa_analysis._vocab import AUTHORITIES, NATIONAL
from azwa_analysis.clean._reconcile import apply_rate
from azwa_analysis.schemas import FundingOverviewSchema
from azwa_analysis.sources import location_order

DEFAULT_YEARS: tuple[int, ...] = tuple(range(2023, 2032))


def _dedupe_quantities(lines: pl.DataFrame) -> pl.DataFrame:
    """Within one document, a quantity stated twice counts once (the first statement)."""
    ordered = lines.with_columns(
        pl.col("source_location")
        .map_elements(location_order, return_dtype=pl.List(pl.Int64))
        .alias("_line")
    ).sort("_line", "line_id")
    keyed = ordered.filter(pl.col("quantity_key").is_not_null()).unique(
        "quantity_key", keep="first", maintain_order=True
    )
    return pl.concat([keyed, ordered.filter(pl.col("quantity_key").is_null())]).drop("_line")


def _lines_for_year(
    candidates: pl.DataFrame, year: int, *, extend: bool
) -> tuple[pl.DataFrame, str]:
    stated = candidates.filter(pl.col("year") == year)
    if stated.height or not extend:
        return stated, "genoemd"
    structural = candidates.filter(pl.col("structural"))
    if structural.height:
        return structural, "doorgetrokken"
    earlier = candidates.filter(pl.col("year") < year)
    if earlier.height:
        latest = earlier["year"].max()
        return earlier.filter(pl.col("year") == latest), "doorgetrokken"
    return candidates.head(0), "genoemd"


def _cut_rate(rules: pl.DataFrame, stream_id: str, year: int) -> float:
    rate = 0.0
    for rule in rules.filter(pl.col("kind") == "generic_cut").iter_rows(named=True):
        applies = stream_id in rule["stream_ids"] and year >= (rule["from_year"] or 0)
        if applies and (rule["to_year"] is None or year <= rule["to_year"]):
            rate = max(rate, float(rule["rate_percent"]))
    return rate


def funding_overview(
    tables: Tables,
    *,
    years: Iterable[int] = DEFAULT_YEARS,
    apply_cut: bool = True,
) -> pl.DataFrame:
    """National funding per year, stream and component, from the sources, counted once.

    For every stream and year the basis table (``data/raw/overview_basis.csv``) says which
    document supplies the amounts — the newest source wins — and which line kinds count.
    Printed subtotals are never used (only their components), a quantity a document states
    twice counts once, and a structural amount continues into years the source does not list
    only where the basis says so (``basis = 'doorgetrokken'``). The generic cut is applied to
    amounts the source gives before the cut (``cut_applied = false``) in the years its rule
    covers; amounts already after the cut are left alone. The carry-over rule adds a row of kind
    ``max_meenemen``: the upper bound of unspent money that may move to the next year, which
    does not count in totals.

    Parameters
    ----------
    tables : Tables
        The clean tables (:func:`~azwa_analysis.load_tables`).
    years : iterable of int, keyword-only
        The years to show; default 2023-2030.
    apply_cut : bool, keyword-only
        Apply the generic cut to pre-cut amounts (default True).

    Returns
    -------
    pl.DataFrame
        Validated against :class:`~azwa_analysis.schemas.FundingOverviewSchema`.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> overview = funding_overview(load_tables(), years=[2023])
    >>> int(overview.filter(pl.col("kind") == "budget")["amount_eur"].sum())  # GALA total 2023
    449000000
    """
    wanted = sorted(set(years))
    key = ("funding_overview", tuple(wanted), apply_cut)
    return tables.memoised(key, lambda: _compute_overview(tables, wanted, apply_cut=apply_cut))


def _compute_overview(tables: Tables, wanted: list[int], *, apply_cut: bool) -> pl.DataFrame:
    funding = tables.funding.filter((pl.col("scope") == NATIONAL) & ~pl.col("is_subtotal"))
    names = dict(tables.streams.select("stream_id", "name").iter_rows())
    agreements = dict(tables.streams.select("stream_id", "agreement").iter_rows())
    structural_components = set(
        funding.filter(pl.col("structural"))
        .select(pl.concat_str("source_document", "component_id", separator="/"))
        .to_series()
        .to_list()
    )
    current = _current_figures(tables)
    rows: list[dict[str, object]] = []
    for basis in tables.overview_basis.iter_rows(named=True):
        selected = funding.filter(
            (pl.col("stream_id") == basis["stream_id"])
            & (pl.col("source_document") == basis["basis_document"])
            & pl.col("line_kind").is_in(basis["line_kinds"])
        )
        if basis["component_ids"]:
            selected = selected.filter(pl.col("component_id").is_in(basis["component_ids"]))
        candidates = _dedupe_quantities(selected)
        last = basis["to_year"] if basis["to_year"] is not None else max(wanted, default=0)
        for year in (y for y in wanted if basis["from_year"] <= y <= last):
            lines, how = _lines_for_year(candidates, year, extend=basis["extend"])
            rate = _cut_rate(tables.funding_rules, basis["stream_id"], year) if apply_cut else 0.0
            for chosen in lines.iter_rows(named=True):
                line, replaced = current.get(chosen["line_id"], (chosen, None))
                stated = int(line["amount_eur"])
                amount = apply_rate(stated, rate) if line["cut_applied"] is False else stated
                structural = (
                    basis["structural"]
                    if basis["structural"] is not None
                    else f"{line['source_document']}/{line['component_id']}"
                    in structural_components
                )
                rows.append(
                    {
                        "year": year,
                        "stream_id": basis["stream_id"],
                        "stream": names.get(basis["stream_id"], basis["stream_id"]),
                        "agreement": agreements.get(basis["stream_id"], "other"),
                        "component_id": line["component_id"],
                        "component": line["component"],
                        "kind": "budget" if basis["role"] == "telt" else "waarvan",
                        "structural": bool(structural),
                        "amount_eur": amount,
                        "amount_stated_eur": stated,
                        "cut_eur": stated - amount,
                        "basis": how,
                        "line_id": line["line_id"],
                        "source_document": line["source_document"],
                        "source_location": line["source_location"],
                        "source_quote": line["source_quote"],
                        **_replaced(replaced, line),
                    }
                )
    overview = pl.DataFrame(rows, schema=_SCHEMA)
    overview = pl.concat(
        [overview, _carry_over_rows(tables.funding_rules, tables.documents, overview)]
    )
    return FundingOverviewSchema.validate(
        overview.sort("year", "agreement", "stream_id", "kind", "component_id")
    )


def _current_figures(
    tables: Tables,
) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    """Per funding line that the figure register says was replaced, and per line that replaced
    another: (the line whose figure holds now, the line it replaced). Where a line replaced
    several, the newest replaced figure is kept."""
    lines = {row["line_id"]: row for row in tables.funding.iter_rows(named=True)}
    replaced = tables.figure_register.filter(pl.col("status") == "vervangen").sort(
        "document_date", nulls_last=False
    )
    out: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
    for row in replaced.iter_rows(named=True):
        current, old = lines[row["current_line_id"]], lines[row["line_id"]]
        out[old["line_id"]] = (current, old)
        out[current["line_id"]] = (current, old)
    return out


def _replaced(replaced: dict[str, Any] | None, line: dict[str, Any]) -> dict[str, object]:
    """The figure a row's amount replaces (another document's amount for the same quantity)."""
    if replaced is None or replaced["line_id"] == line["line_id"]:
        return {"replaces_eur": None, "replaces_document": None}
    return {
        "replaces_eur": int(replaced["amount_eur"]),
        "replaces_document": replaced["source_document"],
    }


def _carry_over_rows(
    rules: pl.DataFrame, documents: pl.DataFrame, overview: pl.DataFrame
) -> pl.DataFrame:
    """The bound on carried-over money, cited to the rule of the most authoritative document
    (a ministry's letter before the VNG's summary of it): its base is that year's budget."""
    rank = {name: index for index, name in enumerate(AUTHORITIES)}
    authority = documents.select(
        pl.col("document").alias("source_document"),
        pl.col("authority").replace_strict(rank, return_dtype=pl.Int64).alias("_rank"),
    )
    carry = (
        rules.filter(pl.col("kind") == "carry_over")
        .join(authority, on="source_document", how="left")
        .sort("_rank", nulls_last=True, maintain_order=True)
        .unique(
            ["stream_ids", "from_year", "to_year", "rate_percent"],
            keep="first",
            maintain_order=True,
        )
    )
    rows: list[dict[str, object]] = []
    for rule in carry.iter_rows(named=True):
        for stream_id in rule["stream_ids"]:
            source = overview.filter(
                (pl.col("stream_id") == stream_id)
                & (pl.col("year") == rule["from_year"])
                & (pl.col("kind") == "budget")
            )
            target_year_present = overview.filter(pl.col("year") == rule["to_year"]).height > 0
            if not source.height or not target_year_present:
                continue
            base = int(source["amount_eur"].sum())
            bound = round(base * float(rule["rate_percent"]) / 100.0)
            first = source.row(0, named=True)
            rows.append(
                {
                    "year": rule["to_year"],
                    "stream_id": stream_id,
                    "stream": first["stream"],
                    "agreement": first["agreement"],
                    "component_id": f"max_meenemen_{stream_id}",
                    "component": f"Max. meegenomen onderbesteding uit {rule['from_year']} "
                    f"({rule['rate_percent']:g} % van {rule['from_year']})",
                    "kind": "max_meenemen",
                    "structural": False,
                    "amount_eur": bound,
                    "amount_stated_eur": bound,
                    "cut_eur": 0,
                    "basis": "genoemd",
                    "line_id": rule["rule_id"],
                    "source_document": rule["source_document"],
                    "source_location": rule["source_location"],
                    "source_quote": rule["source_quote"],
                    "replaces_eur": None,
                    "replaces_document": None,
                }
            )
    return pl.DataFrame(rows, schema=_SCHEMA)


_SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int64(),
    "stream_id": pl.String(),
    "stream": pl.String(),
    "agreement": pl.String(),
    "component_id": pl.String(),
    "component": pl.String(),
    "kind": pl.String(),
    "structural": pl.Boolean(),
    "amount_eur": pl.Int64(),
    "amount_stated_eur": pl.Int64(),
    "cut_eur": pl.Int64(),
    "basis": pl.String(),
    "line_id": pl.String(),
    "source_document": pl.String(),
    "source_location": pl.String(),
    "source_quote": pl.String(),
    "replaces_eur": pl.Int64(),
    "replaces_document": pl.String(),
}


def funding_totals(overview: pl.DataFrame, *, by: Iterable[str] = ("year",)) -> pl.DataFrame:
    """Sum the ``budget`` rows of an overview by the given columns (never the carry-over bound).

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> overview = funding_overview(load_tables(), years=[2026])
    >>> funding_totals(overview)["amount_eur"].to_list()  # brede SPUK + SPUK IZA, official
    [417636651]
    """
    keys = list(by)
    return (
        overview.filter(pl.col("kind") == "budget")
        .group_by(keys)
        .agg(pl.col("amount_eur").sum(), pl.col("structural").all().alias("all_structural"))
        .sort(keys)
    )
