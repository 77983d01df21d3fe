"""Quotes: found in their cited lines, whitespace folded, anything else reported."""

from __future__ import annotations

import polars as pl

from azwa_analysis._issues import ROW
from azwa_analysis.sources import check_quotes, fold_whitespace

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


def test_fold_whitespace() -> None:
    """Runs of whitespace become one space."""
    assert fold_whitespace(" a \n\t b ") == "a b"
