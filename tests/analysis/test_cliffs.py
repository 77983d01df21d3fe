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
    """PlusWIJken (ZonMw, t/m december 2026) is not a D5/D6 element and nothing takes over its
    ZonMw money."""
    assert beekdaelen["pluswijken"]["azwa_outcome"] == "niet_gedekt"
    assert beekdaelen["pluswijken"]["risk"] == "hoog"
    assert beekdaelen["pluswijken"]["successor_stream_id"] is None


def test_a_municipality_without_local_data_gets_an_empty_table(tables: Tables) -> None:
    """Nothing is guessed."""
    assert funding_cliffs(tables, "Groningen").height == 0


def test_cliffs_cite_their_source(tables: Tables) -> None:
    """Each row names the letter and line it comes from."""
    cliffs = funding_cliffs(tables, "Beekdaelen")
    assert set(cliffs["source_document"]) == {DOC}
    assert cliffs["source_location"].null_count() == 0
    assert (cliffs["risk"].is_in(["hoog", "middel", "laag", "onbekend"])).all()
    assert isinstance(cliffs, pl.DataFrame)


# ---------------------------------------------------------------- the risk cases of issue 13


def _cliffs(tables: Tables, municipality: str) -> dict[str, dict[str, object]]:
    cliffs = funding_cliffs(tables, municipality, as_of_year=2026)
    return {row["intervention_id"]: row for row in cliffs.iter_rows(named=True)}


def test_arnhem_preventieakkoord_continues_within_the_gala(tables: Tables) -> None:
    """'vanaf 2023 voortgezet en verbreed binnen het GALA' (000, lines 58-60): its money is the
    Brede SPUK GALA, not the lapsed € 80.000; from 2027 the SPUK AZWA takes over the GALA themes
    but pays only for D5/D6, so the akkoord goes on only if it fits the werkagenda: middel."""
    row = _cliffs(tables, "Arnhem")["arnhems_preventieakkoord"]
    assert row["funding_stream_id"] == "spuk_gala"
    assert row["funding_ends_year"] is None
    assert row["conditional_stream_id"] == "spuk_azwa"
    assert row["risk"] == "middel"
    assert "werkagenda" in str(row["reason_nl"])


@pytest.mark.parametrize(
    ("municipality", "intervention"),
    [
        ("Arnhem", "zorgzame_buurten"),
        ("Arnhem", "pilot_wijknetwerken"),
        ("Woerden", "woerden_wijzer"),
        ("Woerden", "trainingen_positieve_gezondheid"),
    ],
)
def test_spuk_iza_projects_outside_d5_d6_go_on_in_the_spuk_azwa_if_they_fit(
    tables: Tables, municipality: str, intervention: str
) -> None:
    """'SPUK IZA € 135 miljoen wordt structureel onderdeel van AZWA-financiering' (001, line
    175): the money does not stop, but its successor pays only for D5/D6: middel, not hoog."""
    row = _cliffs(tables, municipality)[intervention]
    assert row["funding_stream_id"] == "spuk_iza"
    assert row["conditional_stream_id"] == "spuk_azwa"
    assert "spuk_iza>spuk_azwa" in row["links"]  # type: ignore[operator]
    assert row["risk"] == "middel"


def test_spuk_iza_projects_inside_d5_d6_are_paid_by_the_spuk_azwa(tables: Tables) -> None:
    woerden = _cliffs(tables, "Woerden")
    for intervention in ("valpreventie", "kansrijke_start", "lokale_teams"):
        assert woerden[intervention]["chain"][:2] == ["spuk_iza", "spuk_azwa"]  # type: ignore[index]
        assert woerden[intervention]["successor_from_year"] == 2027


def test_pluswijken_is_one_programme_and_welzijn_op_recept_is_d5(tables: Tables) -> None:
    """One ZonMw pilot in two kernen with four Pluswijkaanpakken (002, lines 92-101): one row,
    not four; the parts on the same money are folded in; Welzijn op Recept, one of the four,
    is the D5 function Sociaal Verwijzen with its own (GALA) row and a low risk."""
    beekdaelen = _cliffs(tables, "Beekdaelen")
    for part in ("doorbraakmethode", "kernteam_ouderen", "pluspraktijken"):
        assert part not in beekdaelen
    pluswijken = beekdaelen["pluswijken"]
    assert len(pluswijken["parts"]) == 4  # type: ignore[arg-type]
    assert pluswijken["risk"] == "hoog"
    assert "Welzijn op Recept" in str(pluswijken["reason_nl"])
    assert beekdaelen["sociaal_verwijzen"]["risk"] == "laag"


@pytest.mark.parametrize(
    ("municipality", "intervention"),
    [("Arnhem", "kansrijke_start"), ("Arnhem", "valpreventie"), ("Woerden", "valpreventie")],
)
def test_a_caveat_in_the_municipalitys_own_letter_raises_low_to_middle(
    tables: Tables, municipality: str, intervention: str
) -> None:
    """Arnhem: 'Er is structurele financiering beoogd, maar deze hangt samen met het
    daadwerkelijk afnemen van de vraag naar verzekerde zorg' (000, lines 125-127); Woerden:
    'geen structurele investeringen … zolang daar geen blijvende financiering tegenover staat'
    (004, lines 133-134). Without the caveat the same programme is low."""
    row = _cliffs(tables, municipality)[intervention]
    assert row["risk"] == "middel"
    assert row["caveat"] is not None
    assert str(row["caveat"]).rstrip(".") in str(row["reason_nl"])
    without = tables.with_table("local_caveats", tables.local_caveats.clear())
    assert _cliffs(without, municipality)[intervention]["risk"] == "laag"


def test_a_programme_without_any_named_money_is_unknown_not_high(tables: Tables) -> None:
    """Arnhem's 'regeling voor welzijnsbasis' is in preparation; no letter names its money."""
    assert _cliffs(tables, "Arnhem")["regeling_welzijnsbasis"]["risk"] == "onbekend"
