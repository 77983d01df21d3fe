"""Cross-row checks: quotes, references, subtotals, amounts in quotes, aliases."""

from __future__ import annotations

import polars as pl

from azwa_analysis._checks import (
    ROW,
    check_amounts_quoted,
    check_quotes,
    check_reference,
    check_subtotals,
    check_unique_aliases,
    fold_whitespace,
)

DOCS = {"doc.txt": ["Financieel overzicht", "• Voortzetting SPUK IZA € 127", "miljoen en meer"]}


def _quotes(location: str, quote: str, document: str = "doc.txt") -> pl.DataFrame:
    return pl.DataFrame(
        {
            ROW: [2],
            "source_document": [document],
            "source_location": [location],
            "source_quote": [quote],
        }
    )


def test_a_quote_may_span_a_line_break() -> None:
    """Whitespace, including line breaks, is folded before comparing."""
    assert check_quotes(_quotes("2-3", "SPUK IZA € 127 miljoen"), DOCS, file="f") == []


def test_a_quote_outside_its_cited_lines_is_reported() -> None:
    """The quote must stand within the cited lines, not elsewhere in the document."""
    issues = check_quotes(_quotes("1", "SPUK IZA € 127"), DOCS, file="f")
    assert [(i.row, i.column) for i in issues] == [(2, "source_quote")]


def test_an_altered_quote_is_reported() -> None:
    """One changed character (a number) makes the quote fail."""
    issues = check_quotes(_quotes("2", "SPUK IZA € 172"), DOCS, file="f")
    assert len(issues) == 1


def test_unknown_document_and_line_out_of_range_are_reported() -> None:
    """A missing document and a line past the end are separate, named problems."""
    assert check_quotes(_quotes("1", "x", "nope.txt"), DOCS, file="f")[0].column == (
        "source_document"
    )
    assert check_quotes(_quotes("9", "x"), DOCS, file="f")[0].column == "source_location"


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


def test_fold_whitespace() -> None:
    """Runs of whitespace become one space."""
    assert fold_whitespace(" a \n\t b ") == "a b"
