"""Funding cliffs. For Beekdaelen the result must agree, point by point, with the conclusion
section of the Beekdaelen document (data/raw/documents/002_cfc7ea29b6d21c5d.txt, lines 524-595).
Each case below quotes the point it checks."""

from __future__ import annotations

import polars as pl
import pytest

from azwa_analysis import Tables, funding_cliffs

DOC = "002_cfc7ea29b6d21c5d.txt"


@pytest.fixture(scope="module")
def beekdaelen(tables: Tables) -> dict[str, dict[str, object]]:
    cliffs = funding_cliffs(tables, "Beekdaelen", as_of_year=2026)
    return {row["intervention_id"]: row for row in cliffs.iter_rows(named=True)}


# (intervention, AZWA outcome, last funded year, the conclusion's words, line)
CONCLUSION = [
    (
        "sociaal_verwijzen",
        "structureel_d5",
        2026,
        "KA Welzijn op Recept: geïmplementeerd in 5 kernen van Beekdaelen "
        "(financiering zou stoppen na 2026)",
        530,
    ),
    (
        "ka_overgewicht_volwassenen",
        "structureel_d5",
        2025,
        "KA Overgewicht en obesitas volwassenen: Healty Life, geïmplementeerd in heel "
        "Beekdaelen via Beweegdaelen (financiering zou stoppen na 2025)",
        533,
    ),
    (
        "valpreventie",
        "structureel_d5",
        None,
        "KA Valpreventie, geïmplementeerd in 2 kernen, verdere uitrol nu gaande",
        536,
    ),
    (
        "kansrijke_start",
        "structureel_d5",
        None,
        "KA Kansrijke start, geïmplementeerd in hele gemeente (lokale coalitie sinds 2021)",
        537,
    ),
    (
        "mentale_gezondheidsnetwerken",
        "incidenteel_ontwikkelagenda_1",
        2025,
        "Mentale Gezondheidsnetwerken (o.a. Verkennend Gesprek) (financiering GALA thema mentale "
        "gezondheid zou stoppen na 2025",
        546,
    ),
    (
        "ka_overgewicht_kinderen",
        "incidenteel_ontwikkelagenda_1",
        2025,
        "Ketenaanpak overgewicht kinderen: Keigezond, … (financiering zou stoppen na 2025)",
        552,
    ),
    (
        "inloopvoorzieningen",
        "structureel_d6",
        None,
        "inloopvoorzieningen (0-100): nu 1 GGZ inloop (Schinveld), 1 jongerenhonk",
        571,
    ),
    (
        "mantelzorgondersteuning",
        "structureel_d6",
        2026,
        "gelijkgerichte mantelzorgondersteuning (HLO) (financiering GALA thema mantelzorg "
        "zou stoppen na 2026)",
        577,
    ),
    (
        "gezonde_school",
        "structureel_d6",
        None,
        "(mentale) Gezonde School (tot nu incidentele financiering door VWS), op dit moment "
        "geïmplementeerd op 7 basisscholen in Beekdaelen",
        580,
    ),
    (
        "coordinerende_rol_ggd",
        "structureel_d6",
        2025,
        "(op regionaal niveau) coördinerende rol GGD … (financiering zou stoppen na 2025)",
        583,
    ),
]


@pytest.mark.parametrize(("intervention", "outcome", "ends", "words", "line"), CONCLUSION)
def test_beekdaelen_conclusion_point_by_point(
    beekdaelen: dict[str, dict[str, object]],
    intervention: str,
    outcome: str,
    ends: int | None,
    words: str,
    line: int,
) -> None:
    """The analysis says what the document's conclusion says (quoted in the case)."""
    row = beekdaelen[intervention]
    assert (row["azwa_outcome"], row["funding_ends_year"]) == (outcome, ends), words


def test_beekdaelen_brc_is_continued_structurally(beekdaelen: dict[str, dict[str, object]]) -> None:
    """'AZWA zorgt voor structurele voortzetting … én de Brede regeling combinatiefuncties/
    buurtsportcoaches (BRC)' (line 526-528): structural (D6 in Table 1 of the agreement)."""
    assert str(beekdaelen["buurtsportcoaches"]["azwa_outcome"]).startswith("structureel")


def test_beekdaelen_four_of_five_gala_ketenaanpakken_become_basisfunctionaliteiten(
    beekdaelen: dict[str, dict[str, object]],
) -> None:
    """'structurele voortzetting/financiering van 4 van de 5 GALA ketenaanpakken' (line 526)."""
    gala_ketenaanpakken = [
        "sociaal_verwijzen",
        "ka_overgewicht_volwassenen",
        "valpreventie",
        "kansrijke_start",
        "ka_overgewicht_kinderen",
    ]
    structural = [
        k for k in gala_ketenaanpakken if beekdaelen[k]["azwa_outcome"] == "structureel_d5"
    ]
    assert len(structural) == 4


def test_gli_gap_in_2026_is_bridged_by_the_extra_50_million(
    beekdaelen: dict[str, dict[str, object]],
) -> None:
    """GLI money stops after 2025; the € 50 mln of 2026 is meant for it, so no gap remains."""
    gli = beekdaelen["ka_overgewicht_volwassenen"]
    assert gli["gap_years"] == []
    assert "2026" in str(gli["bridged_by"])
    assert gli["risk"] == "laag"


def test_the_ggd_role_has_a_gap_in_2026(beekdaelen: dict[str, dict[str, object]]) -> None:
    """Stops after 2025, structural AZWA money from 2027: 2026 is uncovered."""
    assert beekdaelen["coordinerende_rol_ggd"]["gap_years"] == [2026]
    assert beekdaelen["coordinerende_rol_ggd"]["risk"] == "middel"


def test_iza_pilots_outside_azwa_are_high_risk(beekdaelen: dict[str, dict[str, object]]) -> None:
    """PlusWIJken (ZonMw, t/m december 2026) is not a D5/D6 element: AZWA does not fund it."""
    assert beekdaelen["pluswijken"]["azwa_outcome"] == "niet_gedekt"
    assert beekdaelen["pluswijken"]["risk"] == "hoog"


def test_a_municipality_without_local_data_gets_an_empty_table(tables: Tables) -> None:
    """Nothing is guessed."""
    assert funding_cliffs(tables, "Groningen").height == 0


def test_cliffs_cite_their_source(tables: Tables) -> None:
    """Each row names the letter and line it comes from."""
    cliffs = funding_cliffs(tables, "Beekdaelen")
    assert set(cliffs["source_document"]) == {DOC}
    assert cliffs["source_location"].null_count() == 0
    assert (cliffs["risk"].is_in(["hoog", "middel", "laag"])).all()
    assert isinstance(cliffs, pl.DataFrame)
