"""A municipality's share: explicit key, a range, official amounts replace estimates."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from azwa_analysis import Tables, allocate_all, distribution_shares, estimate_allocation
from azwa_analysis.analysis._allocation import largest_remainder


def test_central_estimates_add_up_to_the_national_amount_for_every_year_and_stream(
    tables: Tables,
) -> None:
    """Over all 342 municipalities the whole euros sum to the national amount exactly."""
    allocation = allocate_all(tables)
    sums = allocation.group_by("year", "stream_id").agg(
        pl.col("amount_eur").sum(), pl.col("national_eur").first(), pl.len()
    )
    assert (sums["amount_eur"] == sums["national_eur"]).all()
    assert set(sums["len"]) == {342}


@settings(max_examples=40, deadline=None)
@given(
    weight_inhabitants=st.floats(0.0, 1.0),
    weight_income=st.floats(0.0, 1.0),
    total=st.integers(0, 10**10),
)
def test_shares_sum_to_one_and_euros_to_the_total_for_any_weights(
    tables: Tables, weight_inhabitants: float, weight_income: float, total: int
) -> None:
    """Whatever the weights, shares sum to 1 and rounding loses no euro."""
    shares = distribution_shares(
        tables.municipalities, weight_inhabitants=weight_inhabitants, weight_income=weight_income
    )
    assert abs(float(shares.sum()) - 1.0) < 1e-9
    assert sum(largest_remainder(total, shares)) == total


def test_the_range_contains_the_central_estimate(tables: Tables) -> None:
    """low ≤ amount ≤ high for every row, and the range is not a point for estimates."""
    allocation = allocate_all(tables, years=[2027])
    assert (
        (allocation["low_eur"] <= allocation["amount_eur"])
        & (allocation["amount_eur"] <= allocation["high_eur"])
    ).all()
    assert (allocation["high_eur"] > allocation["low_eur"]).any()


def test_a_merged_away_code_resolves_to_its_successor(tables: Tables) -> None:
    """Heerhugowaard (GM0398, merged 2022) gives Dijk en Waard's figures."""
    old = estimate_allocation(tables, "GM0398", years=[2026])
    new = estimate_allocation(tables, "Dijk en Waard", years=[2026])
    assert old.equals(new)
    assert set(old["municipality_code"]) == {"GM1980"}


def test_official_amounts_replace_the_estimate_and_say_so(tables: Tables) -> None:
    """A steward's official amount is used as-is and marked 'officieel'; others stay estimated."""
    official = pl.DataFrame(
        {
            "municipality_code": ["GM1954"],
            "stream_id": ["spuk_iza"],
            "year": [2026],
            "amount_eur": [250_000],
            "document": ["Beschikking SPUK IZA 2026"],
            "supplied_by": ["datasteward Beekdaelen"],
            "supplied_on": [dt.date(2026, 3, 1)],
        }
    )
    changed = tables.with_table("official_allocations", official)
    result = estimate_allocation(changed, "Beekdaelen", years=[2026])
    iza = result.filter(pl.col("stream_id") == "spuk_iza").row(0, named=True)
    assert (iza["basis"], iza["amount_eur"], iza["low_eur"], iza["high_eur"]) == (
        "officieel",
        250_000,
        250_000,
        250_000,
    )
    assert iza["official_document"] == "Beschikking SPUK IZA 2026"
    assert set(result.filter(pl.col("stream_id") != "spuk_iza")["basis"]) == {"geschat"}


def test_key_basis_says_whether_the_source_or_we_chose_the_key(tables: Tables) -> None:
    """SPUK GALA's key is in the source; the HLO money's is our assumption."""
    result = estimate_allocation(tables, "GM1954", years=[2026])
    basis = dict(result.select("stream_id", "key_basis").iter_rows())
    assert basis["spuk_gala"] == "bron"
    assert basis["hlo_mantelzorg"] == "aanname"
