"""The template: generated from the forms, prefilled, with no formula cells."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from azwa_analysis import Tables
from azwa_analysis.steward import validate_file, write_template
from azwa_analysis.steward._forms import LOCAL_STATUS, REGION
from azwa_analysis.steward._import import _csv_bytes, safe_name
from azwa_analysis.steward._parse import neutralise


def test_prefilled_template_validates_and_holds_the_municipalitys_rows(
    tables: Tables, template: Path
) -> None:
    """The template for GM1954 passes validation and carries every current row of Beekdaelen:
    its local status and its IZA region."""
    validation = validate_file(template, tables)
    assert validation.ok, [i.format() for i in validation.issues]
    local, region = validation.data
    assert region.form is REGION
    assert [(r["municipality_code"], r["region_id"]) for r in region.rows] == [
        ("GM1954", "zuid_limburg")
    ]
    expected = tables.local_status.filter(pl.col("municipality_code") == "GM1954")
    assert local.form is LOCAL_STATUS
    assert sorted(r["intervention_id"] for r in local.rows) == sorted(
        expected["intervention_id"].to_list()
    )
    assert [r["_row"] for r in local.rows] == list(range(2, expected.height + 2))


def test_template_has_instructions_forms_hidden_lists_and_input_checks(template: Path) -> None:
    """Sheets in order, the list sheet hidden, and every form column has a data validation."""
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == [
        "Instructies",
        "Lijsten",
        "Lokale stand",
        "Officiële bedragen",
        "IZA-regio",
        "Toelichting adviseur",
    ]
    assert book["Lijsten"].sheet_state == "hidden"
    for name, width in (
        ("Lokale stand", 8),
        ("Officiële bedragen", 7),
        ("IZA-regio", 3),
        ("Toelichting adviseur", 5),
    ):
        validations = book[name].data_validations.dataValidation
        assert len(validations) == width
    header = [c.value for c in book["Lokale stand"][1]]
    assert header[:3] == ["Gemeentecode", "Interventie", "Status"]
    assert book["Lokale stand"]["A1"].comment is not None


def test_template_writes_no_formula_cells_even_from_formula_like_data(
    tables: Tables, tmp_path: Path
) -> None:
    """A detail that looks like a formula is written as text with a leading quote."""
    danger = '=HYPERLINK("http://x","klik")'
    local = tables.local_status.with_columns(
        pl.when(pl.col("municipality_code") == "GM1954")
        .then(pl.lit(danger))
        .otherwise(pl.col("detail"))
        .alias("detail")
    )
    changed = dataclasses.replace(tables, local_status=local)
    book = openpyxl.load_workbook(
        write_template(changed, tmp_path / "t.xlsx", municipality="GM1954")
    )
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert book["Lokale stand"]["D2"].value == "'" + danger


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2 kernen", "'-2 kernen"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("in 5 kernen", "in 5 kernen"),
        ("5 = 5", "5 = 5"),
        ("", ""),
    ],
)
def test_neutralise_quotes_only_what_a_spreadsheet_would_run(text: str, expected: str) -> None:
    """A leading =, +, -, @, tab or CR gets a quote; other text is left alone."""
    assert neutralise(text) == expected


def test_imported_csv_neutralises_formula_like_values() -> None:
    """The import's CSV writer quotes formula starts in every column."""
    row: dict[str, object] = {c.name: f"=cmd|{c.name}" for c in LOCAL_STATUS.columns}
    text = _csv_bytes(LOCAL_STATUS, [row]).decode("utf-8")
    cells = list(csv.reader(io.StringIO(text)))[1]
    assert all(cell.startswith("'=") for cell in cells)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../evil.xlsx", "evil.xlsx"),
        ("..\\..\\evil.xlsx", "evil.xlsx"),
        ("/etc/passwd", "passwd"),
        ("..%2F..%2Fevil.xlsx", "2F.._2Fevil.xlsx"),
        (" spaties é.xlsx", "spaties_.xlsx"),
        (".verborgen", "verborgen"),
        ("Lokale stand – Beekdaelen.xlsx", "Lokale_stand_Beekdaelen.xlsx"),
        ("..", "bestand"),
        ("", "bestand"),
        ("a" * 300 + ".csv", "a" * 120),
    ],
)
def test_safe_name_is_a_plain_label(name: str, expected: str) -> None:
    """No separators, no dots at the ends, only plain characters, at most 120 long."""
    assert safe_name(name) == expected
    assert re.fullmatch(r"[0-9A-Za-z._-]{1,120}", safe_name(name))
