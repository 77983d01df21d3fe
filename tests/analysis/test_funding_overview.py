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
    """Components only (never subtotals): 2023-2025 equal the GALA table's printed totals."""
    overview = funding_overview(tables)
    assert [_total(overview, y) for y in (2023, 2024, 2025)] == [
        449_000_000,
        445_900_000,
        445_900_000,
    ]


def test_no_subtotal_line_is_ever_counted(tables: Tables) -> None:
    """Lines flagged as subtotals never appear in the overview."""
    subtotals = set(tables.funding.filter(pl.col("is_subtotal"))["line_id"])
    assert not subtotals & set(funding_overview(tables)["line_id"])


@pytest.mark.parametrize(
    ("year", "stream", "amount"),
    [
        (2026, "spuk_iza", 127_000_000),
        (2026, "spuk_gala", 127_000_000 + 87_000_000),
        (2026, "azwa_extra_2026", 50_000_000),
        (2026, "hlo_mantelzorg", 18_000_000),
        (2027, "hlo_mantelzorg", 25_000_000),
        (2027, "azwa_doorbraak", 100_000_000),
        (2028, "azwa_doorbraak", 100_000_000),
        (2029, "azwa_doorbraak", 0),
        (2030, "spuk_iza", 135_000_000),
    ],
)
def test_newest_source_is_the_basis_and_restatements_count_once(
    tables: Tables, year: int, stream: str, amount: int
) -> None:
    """The VNG overview supersedes the GALA plan from 2026; a figure stated twice counts once."""
    assert _total(funding_overview(tables), year, stream) == amount


def test_structural_amounts_continue_only_where_the_basis_says_so(tables: Tables) -> None:
    """SPUK IZA after 2027 is carried forward (marked), HLO after 2030 is not."""
    overview = funding_overview(tables, years=range(2023, 2033))
    iza_2031 = overview.filter((pl.col("year") == 2031) & (pl.col("stream_id") == "spuk_iza"))
    assert iza_2031["basis"].to_list() == ["doorgetrokken"]
    assert _total(overview, 2031, "hlo_mantelzorg") == 0


def test_generic_cut_applies_to_pre_cut_amounts_only(tables: Tables) -> None:
    """With a GALA basis for 2026 the cut takes 10 %; VNG amounts (already cut) stay as stated."""
    basis = tables.overview_basis.with_columns(
        pl.when((pl.col("stream_id") == "spuk_iza") & (pl.col("from_year") == 2026))
        .then(pl.lit("003_058e7d6eb6b0f5e1.txt"))
        .otherwise(pl.col("basis_document"))
        .alias("basis_document")
    )
    changed = tables.with_table("overview_basis", basis)
    overview = funding_overview(changed, years=[2026])
    iza = overview.filter(pl.col("stream_id") == "spuk_iza").row(0, named=True)
    assert (iza["amount_stated_eur"], iza["cut_eur"], iza["amount_eur"]) == (
        150_000_000,
        15_000_000,
        135_000_000,
    )
    vng = funding_overview(tables, years=[2026]).filter(pl.col("stream_id") == "spuk_iza")
    assert vng["cut_eur"].to_list() == [0]


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
