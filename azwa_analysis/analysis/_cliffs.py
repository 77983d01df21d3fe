"""Which of our programmes lose their money, and does AZWA save them?"""

from __future__ import annotations

import polars as pl

from azwa_analysis._tables import Tables
from azwa_analysis.analysis._funding_overview import funding_overview
from azwa_analysis.analysis._municipality import resolve_municipality
from azwa_analysis.schemas import FundingCliffSchema

#: What the AZWA does for an intervention, by its AZWA category (D5/D6 lists of the agreement).
OUTCOMES: dict[str, tuple[str, str]] = {
    "D5 basisfunctionaliteit": (
        "structureel_d5",
        "wordt structureel gefinancierd als D5-basisfunctionaliteit (verplicht in elke gemeente)",
    ),
    "D6 basisinfrastructuur": (
        "structureel_d6",
        "valt onder de D6-basisinfrastructuur, waarvoor structurele financiering komt",
    ),
    "D5 ontwikkelagenda 1": (
        "incidenteel_ontwikkelagenda_1",
        "staat op ontwikkelagenda 1: incidenteel gefinancierd tot het besluit over vaststelling "
        "als basisfunctionaliteit",
    ),
    "ontwikkelagenda 2": (
        "ontwikkelagenda_2",
        "staat op ontwikkelagenda 2: nog niet uitgewerkt, geen geld toegezegd",
    ),
    "none": ("niet_gedekt", "valt niet onder D5 of D6: het AZWA regelt geen financiering"),
}


def _structural_start(overview: pl.DataFrame) -> int | None:
    """First year with structural AZWA money in the overview (derived, not typed in)."""
    rows = overview.filter(
        (pl.col("agreement") == "AZWA") & pl.col("structural") & (pl.col("kind") == "budget")
    )
    return int(rows["year"].min()) if rows.height else None  # type: ignore[arg-type]


def funding_cliffs(
    tables: Tables, municipality: str, *, as_of_year: int | None = None
) -> pl.DataFrame:
    """Each local intervention of a municipality: its money, when it stops, what AZWA does.

    ``gap_years`` are the years after the current funding stops and before structural AZWA
    money starts (the first year the funding overview shows structural money of an AZWA stream),
    less the years a stream earmarked for the intervention covers (``stream_targets``, e.g. the
    € 50 mln of 2026 for the GLI), which ``bridged_by`` names.
    Risk: *laag* when AZWA funds it structurally without a gap, *middel* for a structural outcome
    with a gap or an incidental one (ontwikkelagenda 1), *hoog* when nothing in AZWA covers it and
    its money stops (or has stopped) — or when the end year is unknown and AZWA does not cover it.

    Parameters
    ----------
    tables : Tables
        The clean tables.
    municipality : str
        Code or name.
    as_of_year : int, keyword-only, optional
        Unused for the outcome; kept in the signature for the briefing's year context. When
        given, gap years before it are dropped (they lie in the past).

    Returns
    -------
    pl.DataFrame
        Validated against :class:`~azwa_analysis.schemas.FundingCliffSchema`; empty for a
        municipality without local status data (nothing is guessed).

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> cliffs = funding_cliffs(load_tables(), "Beekdaelen")
    >>> cliffs.filter(pl.col("intervention_id") == "valpreventie")["azwa_outcome"].item()
    'structureel_d5'
    """
    target = resolve_municipality(tables, municipality)
    overview = funding_overview(tables)
    start = _structural_start(overview)
    # money that exists in a year, counted in its own stream or inside another's amount
    funded_years = {
        (stream, year)
        for stream, year in overview.filter(pl.col("kind").is_in(["budget", "waarvan"]))
        .select("stream_id", "year")
        .unique()
        .iter_rows()
    }
    names = dict(tables.streams.select("stream_id", "name").iter_rows())
    local = tables.local_status.filter(pl.col("municipality_code") == target.code).join(
        tables.interventions.select("intervention_id", "name", "azwa_category"),
        on="intervention_id",
        how="left",
    )
    rows: list[dict[str, object]] = []
    for row in local.iter_rows(named=True):
        outcome, outcome_nl = OUTCOMES[row["azwa_category"]]
        ends = row["funding_ends_year"]
        structural = outcome.startswith("structureel")
        gap: list[int] = []
        if structural and ends is not None and start is not None and ends + 1 < start:
            gap = list(range(ends + 1, start))
        bridges: list[str] = []
        for bridge in tables.stream_targets.filter(
            pl.col("intervention_id") == row["intervention_id"]
        ).iter_rows(named=True):
            covered = [
                year
                for year in gap
                if bridge["from_year"] <= year <= bridge["to_year"]
                and (bridge["stream_id"], year) in funded_years
            ]
            if covered:
                gap = [year for year in gap if year not in covered]
                years = ", ".join(str(year) for year in covered)
                bridges.append(f"{names.get(bridge['stream_id'], bridge['stream_id'])} ({years})")
        if as_of_year is not None:
            gap = [year for year in gap if year >= as_of_year]
        if structural:
            risk = "middel" if gap else "laag"
        elif outcome == "incidenteel_ontwikkelagenda_1":
            risk = "middel"
        else:
            risk = (
                "hoog" if ends is None or as_of_year is None or ends <= as_of_year + 1 else "middel"
            )
        rows.append(
            {
                "municipality_code": target.code,
                "intervention_id": row["intervention_id"],
                "name": row["name"],
                "status": row["status"],
                "detail": row["detail"],
                "funding_source": row["funding_source"],
                "funding_ends_year": ends,
                "azwa_category": row["azwa_category"],
                "azwa_outcome": outcome,
                "azwa_outcome_nl": outcome_nl,
                "gap_years": gap,
                "bridged_by": "; ".join(bridges) or None,
                "risk": risk,
                "source_document": row["source_document"],
                "source_location": row["source_location"],
                "source_quote": row["source_quote"],
            }
        )
    frame = pl.DataFrame(rows, schema=_SCHEMA)
    order = {"hoog": 0, "middel": 1, "laag": 2}
    frame = (
        frame.with_columns(
            pl.col("risk").replace_strict(order, return_dtype=pl.Int64).alias("_order")
        )
        .sort("_order", "funding_ends_year", "name", nulls_last=True)
        .drop("_order")
    )
    return FundingCliffSchema.validate(frame)


_SCHEMA: dict[str, pl.DataType] = {
    "municipality_code": pl.String(),
    "intervention_id": pl.String(),
    "name": pl.String(),
    "status": pl.String(),
    "detail": pl.String(),
    "funding_source": pl.String(),
    "funding_ends_year": pl.Int64(),
    "azwa_category": pl.String(),
    "azwa_outcome": pl.String(),
    "azwa_outcome_nl": pl.String(),
    "gap_years": pl.List(pl.Int64()),
    "bridged_by": pl.String(),
    "risk": pl.String(),
    "source_document": pl.String(),
    "source_location": pl.String(),
    "source_quote": pl.String(),
}
