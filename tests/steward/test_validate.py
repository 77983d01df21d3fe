"""Reading and rules: dialects, Dutch numbers, every problem at once, reports that escape input."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from azwa_analysis import Tables
from azwa_analysis._issues import ValidationIssue
from azwa_analysis.steward import validate_file
from azwa_analysis.steward._parse import parse_amount, parse_date, parse_year
from azwa_analysis.steward._report import report_html
from tests.steward._helpers import (
    GOOD_CSV,
    GOOD_ROW,
    LOCAL_HEADER,
    invoke,
    write,
)


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [
        (";", "utf-8", False),
        (",", "utf-8", False),
        (";", "utf-8", True),
        (";", "cp1252", False),
        ("\t", "utf-8", False),
        (";", "utf-16", False),
        ("\t", "utf-16", False),
        (";", "utf-16-be", False),
    ],
    ids=["semicolon", "comma", "utf8-bom", "windows-1252", "tab", "utf16", "utf16-tab", "utf16-be"],
)
def test_csv_dialects_read_the_same(
    tables: Tables, tmp_path: Path, delimiter: str, encoding: str, bom: bool
) -> None:
    """Comma, semicolon or tab; UTF-8 with or without BOM, Windows cp1252, or UTF-16 with its
    BOM (Excel's 'Unicode-tekst'): the same rows."""
    text = GOOD_CSV.replace(";", delimiter)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "stand.csv"
    path.write_bytes(data)
    validation = validate_file(path, tables)
    assert validation.ok, [i.format() for i in validation.issues]
    rows = validation.data[0].rows
    assert [(r["intervention_id"], r["status"], r["funding_ends_year"]) for r in rows] == [
        ("valpreventie", "pilot", 2026),
        ("kansrijke_start", "implemented", None),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("€ 80.000", 80_000),
        ("€80.000,00", 80_000),
        ("1.234", 1_234),
        ("402255", 402_255),
        ("EUR 1.234.567", 1_234_567),
        ("\u00a0€\u00a080.000 ", 80_000),
        ("80 000", 80_000),
        (402255.0, 402_255),
        (0, 0),
    ],
)
def test_parse_amount_understands_dutch_notation(value: object, expected: int) -> None:
    """Dutch thousands separators, the euro sign, spaces and whole numbers from Excel."""
    assert parse_amount(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1,234.56", "Engelse notatie"),
        ("1,234,567", "Engelse notatie"),
        ("1.234,56", "zonder centen"),
        ("12,5", "zonder centen"),
        (1234.5, "zonder centen"),
        ("1,5 mln", "niet in miljoenen"),
        ("2 miljoen", "niet in miljoenen"),
        ("-80.000", "niet negatief"),
        (-1, "niet negatief"),
        ("3.000.000.000", "onwaarschijnlijk groot"),
        ("1.2.3", "geen bedrag"),
        ("1.000,-", "geen bedrag"),
        (True, "geen bedrag"),
    ],
)
def test_parse_amount_refuses_what_it_could_misread(value: object, message: str) -> None:
    """Ambiguous, fractional, scaled, negative or absurd amounts are refused with a reason."""
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_amount(value)


def test_parse_year_and_date_accept_what_a_steward_types() -> None:
    """Years as text or Excel numbers; dates as dd-mm-jjjj, jjjj-mm-dd or Excel dates."""
    assert parse_year(" 2026 ") == parse_year(2026.0) == 2026
    assert parse_date("22-11-2026") == parse_date("2026-11-22") == dt.date(2026, 11, 22)
    assert parse_date("1/2/2026") == dt.date(2026, 2, 1)
    assert parse_date(dt.datetime(2026, 11, 22, 13, 5)) == dt.date(2026, 11, 22)
    for bad, message in (("29-02-2026", "bestaat niet"), ("2026-02-30", "bestaat niet")):
        with pytest.raises(ValueError, match=message):
            parse_date(bad)


def test_every_problem_in_a_file_is_reported_at_once(tables: Tables, tmp_path: Path) -> None:
    """Three bad rows and one good one: three issues, each with row, column, value and rule."""
    path = write(
        tmp_path / "stand.csv",
        f"{LOCAL_HEADER}\n"
        "GM9999;Valpreventie;pilot;;;;;Nota 2026\n"
        "GM1954;Kansrijke Start;misschien;;;;;Nota 2026\n"
        "GM1954;Gezonde school;pilot;;;;2050;Nota 2026\n"
        f"{GOOD_ROW}\n",
    )
    issues = validate_file(path, tables).issues
    assert [(i.row, i.column, i.value) for i in issues] == [
        (2, "Gemeentecode (kolom A)", "GM9999"),
        (3, "Status (kolom C)", "misschien"),
        (4, "Laatste jaar financiering (kolom G)", "2050"),
    ]
    assert issues[0].rule == "onbekende gemeentecode GM9999"
    assert issues[0].hint == "bedoelde u GM1954 Beekdaelen?"
    assert all(i.file == "stand.csv" and i.sheet is None for i in issues)


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tables: Tables, tmp_path: Path) -> None:
    """A cell holding a line break is one row in Excel, so the next row is still row 3."""
    path = write(
        tmp_path / "stand.csv",
        f'{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;"in 2\nkernen";;;;Nota 2026\n'
        "GM1954;Kansrijke Start;misschien;;;;;Nota 2026\n",
    )
    issues = validate_file(path, tables).issues
    assert [(i.row, i.rule) for i in issues] == [
        (2, "tekst bevat onzichtbare stuurtekens; typ de tekst opnieuw"),
        (3, "onbekende waarde"),
    ]


def test_xlsx_issues_name_the_sheet_and_excel_row(
    tables: Tables, template: Path, tmp_path: Path
) -> None:
    """An error in cell C7 of 'Lokale stand' is reported on that sheet, row 7, column C."""
    book = openpyxl.load_workbook(template)
    book["Lokale stand"]["C7"] = "bijna klaar"
    book.save(tmp_path / "t.xlsx")
    [issue] = validate_file(tmp_path / "t.xlsx", tables).issues
    assert (issue.sheet, issue.row, issue.column, issue.value) == (
        "Lokale stand",
        7,
        "Status (kolom C)",
        "bijna klaar",
    )
    assert "geïmplementeerd" in (issue.hint or "")


def test_excel_extensions_openpyxl_drops_are_read_without_warnings(
    tables: Tables, template: Path, tmp_path: Path
) -> None:
    """A list validation stored the way Excel does (an x14 extension) is no reason to refuse
    the workbook, and no English warning reaches the steward."""
    extension = (
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:dataValidations count="1" '
        'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        '<x14:dataValidation type="list" allowBlank="1"><x14:formula1>'
        "<xm:f>Lijsten!$E$2:$E$14</xm:f></x14:formula1><xm:sqref>F2:F501</xm:sqref>"
        "</x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>"
    )
    path = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":  # 'Lokale stand'
                content = content.replace(b"</worksheet>", extension.encode())
            target.writestr(item, content)
    assert validate_file(path, tables).ok  # pytest turns a warning into an error
    result = invoke("validate", str(path))
    assert result.exit_code == 0
    assert "Warning" not in result.output


def test_a_folder_is_reported_not_raised(tables: Tables, tmp_path: Path) -> None:
    """Reading never raises: a folder given as a file becomes an issue."""
    folder = tmp_path / "map.csv"
    folder.mkdir()
    [issue] = validate_file(folder, tables).issues
    assert issue.rule.startswith("bestand niet te openen")


def test_html_report_escapes_every_field() -> None:
    """Markup in any field of an issue, or in a file name, appears only escaped."""
    evil = "<script>alert(1)</script>"
    issue = ValidationIssue(evil, 2, evil, evil, evil, evil, sheet=evil)
    page = report_html([issue], files=[evil])
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 7


def test_cli_html_report_escapes_input(tables: Tables, tmp_path: Path) -> None:
    """`--format html` on a file with a script in a text field and in its name: escaped only."""
    path = write(
        tmp_path / "<img src=x onerror=alert(2)>.csv",
        f"{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;<script>alert(1)</script>;;;;Nota 2026\n",
    )
    result = invoke("validate", str(path), "--format", "html")
    assert result.exit_code == 1
    assert "<script>alert" not in result.output
    assert "<img" not in result.output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.output
    assert "tekst bevat &lt; of &gt; (HTML)" in result.output
    out = tmp_path / "rapport.html"
    written = invoke("validate", str(path), "--format", "html", "--out", str(out))
    assert written.exit_code == 1
    assert "<script>alert" not in out.read_text(encoding="utf-8")


def test_a_repeated_problem_is_reported_a_few_times_and_then_counted(
    tables: Tables, tmp_path: Path
) -> None:
    """100,000 identical rows: twenty duplicate-row problems, one line counting the rest, and
    the row limit; not twenty thousand problems."""
    path = write(tmp_path / "veel.csv", LOCAL_HEADER + "\n" + (GOOD_ROW + "\n") * 100_000)
    issues = validate_file(path, tables).issues
    duplicates = [i for i in issues if i.rule.startswith("dubbele regel")]
    assert len(duplicates) == 20
    [rest] = [i for i in issues if "nog " in i.rule]
    assert rest.rule == "en nog 19.979 keer hetzelfde probleem: dubbele regel (zelfde als rij 2)"
    assert rest.column == duplicates[0].column
    assert any("meer dan 20000 rijen" in i.rule for i in issues)
    assert len(issues) == 22
