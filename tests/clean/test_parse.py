"""Raw CSV parsing: typed by the schema, every bad cell reported with its row and column."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from azwa_analysis.clean._parse import parse_table
from azwa_analysis.schemas import FundingRuleSchema

HEADER = (
    "rule_id,kind,stream_ids,from_year,to_year,rate_percent,description,"
    "source_document,source_location,source_quote,note\n"
)


def test_parse_table_types_cells_and_splits_lists() -> None:
    """Integers, floats and ';'-lists are parsed; empty cells become null."""
    text = HEADER + "cut,generic_cut,spuk_iza;spuk_gala,2026,,10,Korting,001.txt,199,per 2026,\n"
    frame, issues = parse_table(text, FundingRuleSchema, file="rules.csv")
    assert issues == []
    expected = pl.DataFrame(
        {
            "rule_id": ["cut"],
            "kind": ["generic_cut"],
            "stream_ids": [["spuk_iza", "spuk_gala"]],
            "from_year": [2026],
            "to_year": [None],
            "rate_percent": [10.0],
            "description": ["Korting"],
            "source_document": ["001.txt"],
            "source_location": ["199"],
            "source_quote": ["per 2026"],
            "note": [None],
        },
        schema_overrides={"to_year": pl.Int64, "note": pl.String},
    )
    assert_frame_equal(frame, expected)


def test_parse_table_reports_bad_cells_with_spreadsheet_rows() -> None:
    """A Dutch-formatted number in an integer column is reported at its row, never misread."""
    text = HEADER + (
        "a,generic_cut,x,2026,,10,d,001.txt,1,q,\nb,generic_cut,x,2.026,,10%,d,001.txt,1,q,\n"
    )
    _, issues = parse_table(text, FundingRuleSchema, file="rules.csv")
    found = {(i.row, i.column, i.value) for i in issues}
    assert found == {(3, "from_year", "2.026"), (3, "rate_percent", "10%")}


def test_parse_table_reports_missing_and_unknown_columns() -> None:
    """A missing required column and an unexpected extra column are both named."""
    text = "rule_id,kind,extra\nx,generic_cut,1\n"
    _, issues = parse_table(text, FundingRuleSchema, file="rules.csv")
    rules = {(i.column, i.rule) for i in issues}
    assert ("extra", "onbekende kolom") in rules
    assert ("rate_percent", "verplichte kolom ontbreekt") in rules


def test_parse_table_reports_an_empty_file() -> None:
    """An empty file is one clear issue, not a crash."""
    _, issues = parse_table("", FundingRuleSchema, file="rules.csv")
    assert [i.rule for i in issues] == ["bestand is leeg"]
