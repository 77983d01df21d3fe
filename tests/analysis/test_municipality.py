"""Municipality arguments: a code or a name, with suggestions for a typo."""

from __future__ import annotations

import pytest

from azwa_analysis import Tables, UnknownMunicipalityError, resolve_municipality


@pytest.mark.parametrize("query", ["GM1954", "gm1954", "1954", "Beekdaelen", " beekdaelen "])
def test_code_or_name_in_any_case(tables: Tables, query: str) -> None:
    """Codes with or without GM, names in any case and spacing."""
    assert resolve_municipality(tables, query).code == "GM1954"


def test_accents_and_hyphens_are_folded(tables: Tables) -> None:
    """'Sudwest Fryslan' finds Súdwest-Fryslân."""
    assert resolve_municipality(tables, "sudwest fryslan").name == "Súdwest-Fryslân"


def test_unknown_name_suggests_close_matches(tables: Tables) -> None:
    """A typo gets a Dutch message with the likely municipality."""
    with pytest.raises(UnknownMunicipalityError, match=r"Beekdaelen \(GM1954\)"):
        resolve_municipality(tables, "Beekdalen")


def test_unknown_code_is_refused(tables: Tables) -> None:
    """GM9999 is not a municipality."""
    with pytest.raises(UnknownMunicipalityError, match="GM9999"):
        resolve_municipality(tables, "GM9999")


def test_merged_name_resolves_and_says_where_from(tables: Tables) -> None:
    """Weesp (merged into Amsterdam in 2022) resolves with the old name kept."""
    result = resolve_municipality(tables, "Weesp")
    assert (result.code, result.merged_from) == ("GM0363", "Weesp (GM0457)")
