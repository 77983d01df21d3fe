"""National funding per year and stream: from the sources, counted once, cut where due."""

from __future__ import annotations

import polars as pl
import pytest

from azwa_analysis import Tables, funding_overview, funding_totals


def _total(overview: pl.DataFrame, year: int, stream: str | None = None) -> int:
    rows = overview.filter((pl.col("year") == year) & (pl.col("kind") == "budget"))
    if stream is not None:
        rows = rows.filter(pl.col("stream_id") == stream)
    return int(rows["amount_eur"].sum())


def test_gala_years_add_up_to_the_printed_grand_totals(tables: Tables) -> None:
    """Components only (never subtotals): 2023 and 2024 equal the GALA table's printed totals
    (from 2025 the official amounts per municipality and region are the basis)."""
    overview = funding_overview(tables)
    assert [_total(overview, y) for y in (2023, 2024)] == [449_000_000, 445_900_000]


def test_2025_and_2026_are_the_sums_of_the_official_amounts(tables: Tables) -> None:
    """Brede SPUK and SPUK IZA 2025 and 2026: the sums of the amounts per municipality and per
    region in the VWS letter (read by hand from the page images: no total is printed)."""
    overview = funding_overview(tables, years=[2025, 2026])
    assert [_total(overview, y, "spuk_gala") for y in (2025, 2026)] == [310_475_334, 264_423_052]
    assert [_total(overview, y, "spuk_iza") for y in (2025, 2026)] == [142_900_002, 153_213_599]


def test_no_subtotal_line_is_ever_counted(tables: Tables) -> None:
    """Lines flagged as subtotals never appear in the overview."""
    subtotals = set(tables.funding.filter(pl.col("is_subtotal"))["line_id"])
    assert not subtotals & set(funding_overview(tables)["line_id"])


@pytest.mark.parametrize(
    ("year", "stream", "amount"),
    [
        (2026, "spuk_iza", 153_213_599),
        (2026, "azwa_extra_2026", 0),
        (2026, "hlo_mantelzorg", 0),
        (2027, "spuk_azwa", 231_000_000 + 194_000_000 + 3_000_000 + 15_000_000),
        (2027, "gezonde_school", 8_000_000),
        (2027, "hlo_mantelzorg", 0),
        (2027, "azwa_doorbraak", 0),
        (2029, "spuk_azwa", 321_000_000 + 169_000_000 + 4_000_000 + 25_000_000),
        (2030, "azwa_sociaal_domein", 168_000_000 + 173_000_000),
        (2030, "hlo_mantelzorg", 25_000_000),
        (2030, "spuk_iza", 0),
    ],
)
def test_newest_most_authoritative_source_is_the_basis(
    tables: Tables, year: int, stream: str, amount: int
) -> None:
    """Each stream and year counts from the document the basis names (the newest, most
    authoritative): money paid through another stream's amount does not count twice."""
    assert _total(funding_overview(tables), year, stream) == amount


@pytest.mark.parametrize(
    ("year", "stream", "amount"),
    [
        (2026, "azwa_extra_2026", 50_000_000),
        (2026, "hlo_mantelzorg", 18_000_000),
        (2027, "azwa_doorbraak", 100_000_000),
        (2027, "azwa_gala_structureel", 90_000_000),
        (2027, "hlo_mantelzorg", 25_000_000),
        (2027, "azwa_sociaal_domein", 133_000_000 + 103_000_000),
    ],
)
def test_money_inside_another_amount_is_shown_as_waarvan(
    tables: Tables, year: int, stream: str, amount: int
) -> None:
    """The AZWA and HLO money of 2026 sits in the brede SPUK and SPUK IZA amounts, that of
    2027-2029 in the SPUK AZWA: shown as 'waarvan', never added to the totals."""
    overview = funding_overview(tables)
    rows = overview.filter(
        (pl.col("year") == year) & (pl.col("stream_id") == stream) & (pl.col("kind") == "waarvan")
    )
    assert int(rows["amount_eur"].sum()) == amount


def test_a_replaced_figure_is_named_beside_the_one_that_holds(tables: Tables) -> None:
    """SPUK IZA 2026: the VNG letter's € 127 mln (July 2025) is replaced by the VWS letter's
    amounts per region (September 2025); the overview says so."""
    row = (
        funding_overview(tables, years=[2026])
        .filter((pl.col("stream_id") == "spuk_iza") & (pl.col("kind") == "budget"))
        .row(0, named=True)
    )
    assert (row["replaces_eur"], row["replaces_document"]) == (
        127_000_000,
        "001_fee633c84b05d962.txt",
    )


def test_structural_amounts_continue_only_where_the_basis_says_so(tables: Tables) -> None:
    """The structural GALA money after 2028 is carried forward (marked), HLO after 2030 is
    not."""
    overview = funding_overview(tables, years=range(2023, 2033))
    gala_2031 = overview.filter(
        (pl.col("year") == 2031) & (pl.col("stream_id") == "azwa_gala_structureel")
    )
    assert gala_2031["basis"].to_list() == ["doorgetrokken"]
    assert _total(overview, 2031, "hlo_mantelzorg") == 0


def test_generic_cut_applies_to_pre_cut_amounts_only(tables: Tables) -> None:
    """With the GALA table as basis for 2026 the cut takes 10 % of its (pre-cut) amounts; the
    official amounts (already cut) stay as stated."""
    gala = pl.col("stream_id") == "spuk_gala"
    basis = tables.overview_basis.with_columns(
        pl.when(gala & (pl.col("from_year") == 2025) & (pl.col("role") == "telt"))
        .then(pl.lit("003_058e7d6eb6b0f5e1.txt"))
        .otherwise(pl.col("basis_document"))
        .alias("basis_document"),
        pl.when(gala & (pl.col("from_year") == 2025) & (pl.col("role") == "telt"))
        .then(pl.lit([], dtype=pl.List(pl.String)))
        .otherwise(pl.col("component_ids"))
        .alias("component_ids"),
    )
    changed = tables.with_table("overview_basis", basis)
    overview = funding_overview(changed, years=[2026])
    fall = overview.filter(pl.col("component_id") == "gala_valpreventie").row(0, named=True)
    assert (fall["amount_stated_eur"], fall["cut_eur"], fall["amount_eur"]) == (
        48_900_000,
        4_890_000,
        44_010_000,
    )
    official = funding_overview(tables, years=[2026]).filter(pl.col("kind") == "budget")
    assert official["cut_eur"].to_list() == [0] * official.height


def test_carry_over_is_a_bound_that_never_counts_in_totals(tables: Tables) -> None:
    """Max 10 % of 2025 SPUK GALA may move to 2026: shown, but not added to 2026."""
    overview = funding_overview(tables)
    bound = overview.filter(pl.col("kind") == "max_meenemen")
    assert bound["amount_eur"].to_list() == [round(_total(overview, 2025, "spuk_gala") * 0.1)]
    assert funding_totals(overview).filter(pl.col("year") == 2026)["amount_eur"].item() == (
        _total(overview, 2026)
    )


def test_every_row_carries_its_source(tables: Tables) -> None:
    """Each amount names its line, document, location and quote."""
    overview = funding_overview(tables)
    for column in ("line_id", "source_document", "source_location", "source_quote"):
        assert overview[column].null_count() == 0
