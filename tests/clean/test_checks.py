"""Cross-row checks: references, subtotals, amounts in quotes, aliases."""

from __future__ import annotations

import polars as pl

from azwa_analysis._issues import ROW
from azwa_analysis.clean._checks import (
    check_amounts_quoted,
    check_reference,
    check_subtotals,
    check_unique_aliases,
)


def test_reference_check_suggests_close_matches() -> None:
    """An unknown stream id is reported with a suggestion."""
    frame = pl.DataFrame({ROW: [5], "stream_id": ["spuk_gal"]})
    (issue,) = check_reference(
        frame, "stream_id", ["spuk_gala", "spuk_iza"], file="f", target="stroom"
    )
    assert (issue.row, issue.value) == (5, "spuk_gal")
    assert issue.hint is not None
    assert "spuk_gala" in issue.hint


def _funding(amounts: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            ROW: [2, 3, 4],
            "component_id": ["a", "b", "total"],
            "parent_component_id": ["total", "total", None],
            "is_subtotal": [False, False, True],
            "amount_eur": amounts,
            "source_document": ["d"] * 3,
            "scope": ["national"] * 3,
            "year": [2026] * 3,
            "structural": [False] * 3,
        }
    )


def test_subtotal_equal_to_the_sum_of_its_children_passes() -> None:
    """13 + 89,3 = 102,3 passes."""
    assert check_subtotals(_funding([13_000_000, 89_300_000, 102_300_000]), file="f") == []


def test_subtotal_different_from_the_sum_is_reported_on_the_subtotal_row() -> None:
    """A mistyped component makes the subtotal row fail, naming the children."""
    (issue,) = check_subtotals(_funding([13_000_000, 98_300_000, 102_300_000]), file="f")
    assert issue.row == 4
    assert "a, b" in issue.rule


def test_amount_must_appear_in_its_quote() -> None:
    """89,3 mln is found in '2. BRC24 89,3 89,3'; 98,3 mln is not."""
    frame = pl.DataFrame(
        {
            ROW: [2, 3],
            "amount_eur": [89_300_000, 98_300_000],
            "source_quote": ["2. BRC24 89,3 89,3"] * 2,
        }
    )
    assert [i.row for i in check_amounts_quoted(frame, file="f")] == [3]


def test_amount_in_euros_with_thousands_separators() -> None:
    """€ 80.000 per jaar matches 80000."""
    frame = pl.DataFrame(
        {ROW: [2], "amount_eur": [80_000], "source_quote": ["budget van € 80.000 per jaar"]}
    )
    assert check_amounts_quoted(frame, file="f") == []


def test_an_alias_may_point_at_one_intervention_only() -> None:
    """'WoR' used for two interventions is reported on the second."""
    frame = pl.DataFrame(
        {
            ROW: [2, 3],
            "intervention_id": ["a", "b"],
            "name": ["A", "B"],
            "aliases": [["WoR"], ["wor"]],
        }
    )
    (issue,) = check_unique_aliases(frame, file="f")
    assert (issue.row, issue.value) == (3, "wor")
