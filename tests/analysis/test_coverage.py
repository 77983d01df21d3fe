"""D5/D6 coverage: every element, known status where there is data, 'onbekend' elsewhere."""

from __future__ import annotations

import polars as pl

from azwa_analysis import Tables, coverage


def test_every_d5_d6_element_appears_once(tables: Tables) -> None:
    """The matrix lists every catalogued AZWA element exactly once."""
    matrix = coverage(tables, "Beekdaelen")
    expected = tables.interventions.filter(pl.col("azwa_category") != "none")
    assert sorted(matrix["intervention_id"]) == sorted(expected["intervention_id"])


def test_known_status_is_taken_from_local_data(tables: Tables) -> None:
    """Beekdaelen's Gezonde School is implemented (7 basisscholen)."""
    matrix = coverage(tables, "Beekdaelen")
    school = matrix.filter(pl.col("intervention_id") == "gezonde_school").row(0, named=True)
    assert (school["status_nl"], school["detail"] is not None) == ("geïmplementeerd", True)


def test_nothing_is_guessed_without_local_data(tables: Tables) -> None:
    """For a municipality without letters every status is 'onbekend'."""
    matrix = coverage(tables, "Maastricht")
    assert set(matrix["status"]) == {"onbekend"}
    assert matrix["detail"].null_count() == matrix.height


def test_order_follows_the_agreement(tables: Tables) -> None:
    """D5 basisfunctionaliteiten first, D6 last."""
    categories = coverage(tables, "Arnhem")["azwa_category"].unique(maintain_order=True)
    assert categories.to_list()[0] == "D5 basisfunctionaliteit"
    assert categories.to_list()[-1] == "D6 basisinfrastructuur"
