"""Reconciliation: same quantities compared, rule-derived comparisons, nothing corrected."""

from __future__ import annotations

import polars as pl

from azwa_analysis.clean._reconcile import reconcile_frames as reconcile_sources

FUNDING = pl.DataFrame(
    {
        "line_id": ["vng", "bkd", "vng_iza", "gala_iza"],
        "quantity_key": ["hlo_2026", "hlo_2026", None, None],
        "amount_eur": [18_000_000, 19_000_000, 127_000_000, 150_000_000],
        "source_document": ["001.txt", "002.txt", "001.txt", "003.txt"],
        "component": ["HLO", "HLO", "SPUK IZA", "IZA"],
        "year": [2026, 2026, 2026, 2026],
    }
)
RULES = pl.DataFrame({"rule_id": ["cut"], "rate_percent": [10.0]})


def _comparisons(explanation: str | None, tolerance: int = 500_000) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "comparison_id": ["iza_2026"],
            "description": ["SPUK IZA 2026"],
            "left_line_ids": [["vng_iza"]],
            "right_line_ids": [["gala_iza"]],
            "right_rule_id": ["cut"],
            "tolerance_eur": [tolerance],
            "explanation": [explanation],
        },
        schema_overrides={"explanation": pl.String},
    )


def test_rows_sharing_a_quantity_key_are_compared_and_differences_kept() -> None:
    """18 versus 19 mln is a 'verschil' of 1 mln; both rows stay named."""
    result = reconcile_sources(FUNDING, _comparisons(None).clear(), RULES)
    row = result.row(0, named=True)
    assert (row["status"], row["difference_eur"], row["line_ids"]) == (
        "verschil",
        1_000_000,
        ["bkd", "vng"],
    )


def test_derived_comparison_applies_the_rule_to_the_right_side() -> None:
    """150 mln less 10 % is 135 mln; against 127 mln that is a difference of 8 mln."""
    result = reconcile_sources(FUNDING, _comparisons(None), RULES).filter(
        pl.col("kind") == "derived"
    )
    assert result.select("right_eur", "difference_eur", "status").row(0) == (
        135_000_000,
        8_000_000,
        "verschil",
    )


def test_an_explained_difference_is_a_result_not_a_failure() -> None:
    """With an explanation the status says so."""
    result = reconcile_sources(FUNDING, _comparisons("bron X zegt waarom"), RULES)
    assert "verklaard verschil" in result["status"].to_list()


def test_a_difference_within_tolerance_agrees() -> None:
    """Rounded figures agree within their tolerance."""
    result = reconcile_sources(FUNDING, _comparisons(None, tolerance=8_000_000), RULES)
    assert result.filter(pl.col("kind") == "derived")["status"].to_list() == ["overeenstemming"]
