"""Tables and charts for people: Dutch formats, static SVG without network references."""

from __future__ import annotations

import polars as pl

from azwa_analysis import (
    Tables,
    chart_svg,
    format_eur,
    format_eur_mln,
    funding_chart,
    funding_overview,
    funding_table_nl,
)


def test_dutch_money_formats() -> None:
    """€ 1.234,5 mln and € 80.000."""
    assert format_eur_mln(1_234_500_000) == "€ 1.234,5 mln"
    assert format_eur(80_000) == "€ 80.000"


def test_funding_table_has_years_as_columns_and_a_total_row(tables: Tables) -> None:
    """The last row is the total; 2023 total is the GALA grand total."""
    table = funding_table_nl(funding_overview(tables))
    total = table.filter(pl.col("Stroom") == "Totaal").row(0, named=True)
    assert total["2023"] == "€ 449,0 mln"
    assert table["Stroom"].to_list()[-1] == "Totaal"


def test_chart_svg_is_static_and_offline(tables: Tables) -> None:
    """The SVG draws bars and loads nothing from the network."""
    svg = chart_svg(funding_chart(funding_overview(tables)))
    assert svg.startswith("<svg")
    assert "http://" not in svg.replace("http://www.w3.org", "")
    assert "https://" not in svg
    assert "<path" in svg
