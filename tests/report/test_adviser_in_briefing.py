"""The adviser's own words in the briefing: shown where they belong, as plain text, with who
wrote them, when, and who supplied them; without them the briefing says what is missing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from azwa_analysis._paths import DataPaths
from azwa_analysis.report import Briefing
from azwa_analysis.steward import Scope, import_file, write_template
from tests.steward._helpers import EARLY, built_tables

AUTHOR = "J. de Vries, beleidsadviseur gezondheid"


def test_adviser_texts_appear_with_their_provenance(data_copy: DataPaths, tmp_path: Path) -> None:
    tables = built_tables(data_copy)
    path = write_template(tables, tmp_path / "advies.xlsx", municipality="GM1954")
    book = openpyxl.load_workbook(path)
    sheet = book["Toelichting adviseur"]
    day = dt.date(2026, 11, 20)
    sheet.append(
        ["GM1954", "Aanleiding", "De raad vroeg om *de stand*.\n\nHier is die.", AUTHOR, day]
    )
    sheet.append(
        ["GM1954", "Standpunt van het college", "Het college kiest de regio.", AUTHOR, day]
    )
    book.save(path)
    result = import_file(
        path, tables, paths=data_copy, supplied_by="Piet", scope=Scope(("GM1954",)), now=EARLY
    )
    assert result.validation.ok, result.validation.issues
    tables = built_tables(data_copy)

    text = Briefing.create("GM1954", "2026-11-29", tables=tables).text
    assert text.aanleiding_lokaal.startswith("De raad vroeg om \\*de stand\\*.\n\nHier is die.")
    assert "J. de Vries, beleidsadviseur gezondheid, 20 november 2026" in text.aanleiding_lokaal
    assert text.standpunt.startswith("Het college kiest de regio.")
    assert "nog niet ingevuld" in text.vervolg  # not supplied: said plainly
    assert "toelichting adviseur van 22 november 2026 (door Piet)" in text.aanleveringen
    briefing = Briefing.create("GM1954", "2026-11-29", tables=tables)
    _ = briefing.text.aanleiding_lokaal
    assert "aangeleverd door Piet" in briefing.notes.quotes_md([])


def test_without_adviser_texts_the_briefing_says_what_is_not_filled_in(
    data_copy: DataPaths,
) -> None:
    text = Briefing.create("GM0014", "2026-11-29", tables=built_tables(data_copy)).text
    for value in (text.aanleiding_lokaal, text.standpunt, text.vervolg, text.vraag_aan_de_raad):
        assert "nog niet ingevuld" in value
        assert "Toelichting adviseur" in value
