"""Data stewards: the template, `azwa validate`, `azwa import`, reports they can act on, and
files that are safe in a spreadsheet and in a browser."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from typer.testing import CliRunner, Result

from azwa_analysis import Tables, estimate_allocation, load_tables
from azwa_analysis._build import run
from azwa_analysis._imports import latest_per_municipality, parse_submissions
from azwa_analysis._io import read_sidecar, sha256_file
from azwa_analysis._issues import ValidationIssue
from azwa_analysis._paths import DataPaths
from azwa_analysis.cli import app
from azwa_analysis.steward import import_file, validate_file, write_template
from azwa_analysis.steward._forms import LOCAL_STATUS
from azwa_analysis.steward._import import _csv_bytes, safe_name
from azwa_analysis.steward._parse import neutralise, parse_amount, parse_date, parse_year
from azwa_analysis.steward._report import report_html
from tests.conftest import copy_data

LOCAL_HEADER = (
    "Gemeentecode;Interventie;Status;Toelichting;Financieringsbron;Stroom;"
    "Laatste jaar financiering;Bron"
)
GOOD_ROW = "GM1954;Valpreventie;pilot;in 2 kernen;GALA;Brede SPUK GALA;2026;Raadsbesluit 2026-14"
GOOD_CSV = f"{LOCAL_HEADER}\n{GOOD_ROW}\nGM1954;Kansrijke Start;geïmplementeerd;;;;;Nota 2026\n"
FORMULA_STARTS = ("=", "+", "-", "@")
IMPORTED_NAME = re.compile(r"^\d{8}T\d{6}Z_GM\d{4}\.csv$")
_SOURCE = ("source_document", "source_location", "source_quote", "note")
EARLY = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _invoke(*args: str) -> Result:
    """Run the CLI; an exception other than the exit itself would be a traceback for a user."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "300"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def _built(paths: DataPaths) -> Tables:
    run(paths)
    return load_tables(paths)


@pytest.fixture(scope="module")
def template(tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template prefilled with Beekdaelen's current local status."""
    folder = tmp_path_factory.mktemp("sjabloon")
    return write_template(tables, folder / "beekdaelen.xlsx", municipality="GM1954")


@pytest.fixture(scope="module")
def imports(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """A built data copy shared by tests that only add valid submissions to it."""
    paths = copy_data(tmp_path_factory.mktemp("imports"))
    run(paths)
    return paths


# --------------------------------------------------------------------------- the template


def test_prefilled_template_validates_and_holds_the_municipalitys_rows(
    tables: Tables, template: Path
) -> None:
    """The template for GM1954 passes validation and carries every current row of Beekdaelen."""
    validation = validate_file(template, tables)
    assert validation.ok, [i.format() for i in validation.issues]
    [local] = validation.data
    expected = tables.local_status.filter(pl.col("municipality_code") == "GM1954")
    assert local.form is LOCAL_STATUS
    assert sorted(r["intervention_id"] for r in local.rows) == sorted(
        expected["intervention_id"].to_list()
    )
    assert [r["_row"] for r in local.rows] == list(range(2, expected.height + 2))


def test_template_has_instructions_forms_hidden_lists_and_input_checks(template: Path) -> None:
    """Sheets in order, the list sheet hidden, and every form column has a data validation."""
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Instructies", "Lijsten", "Lokale stand", "Officiële bedragen"]
    assert book["Lijsten"].sheet_state == "hidden"
    for name, width in (("Lokale stand", 8), ("Officiële bedragen", 7)):
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


# --------------------------------------------------------------------------- reading and rules


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [(";", "utf-8", False), (",", "utf-8", False), (";", "utf-8", True), (";", "cp1252", False)],
    ids=["semicolon", "comma", "utf8-bom", "windows-1252"],
)
def test_csv_dialects_read_the_same(
    tables: Tables, tmp_path: Path, delimiter: str, encoding: str, bom: bool
) -> None:
    """Comma or semicolon, UTF-8 with or without BOM, or Windows cp1252: the same rows."""
    text = GOOD_CSV.replace(";", delimiter)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
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
    path = _write(
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
    path = _write(
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
    result = _invoke("validate", str(path))
    assert result.exit_code == 0
    assert "Warning" not in result.output


def test_a_folder_is_reported_not_raised(tables: Tables, tmp_path: Path) -> None:
    """Reading never raises: a folder given as a file becomes an issue."""
    folder = tmp_path / "map.csv"
    folder.mkdir()
    [issue] = validate_file(folder, tables).issues
    assert issue.rule.startswith("bestand niet te openen")


# --------------------------------------------------------------------------- reports


def test_html_report_escapes_every_field() -> None:
    """Markup in any field of an issue, or in a file name, appears only escaped."""
    evil = "<script>alert(1)</script>"
    issue = ValidationIssue(evil, 2, evil, evil, evil, evil, sheet=evil)
    page = report_html([issue], files=[evil])
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 7


def test_cli_html_report_escapes_input(tables: Tables, tmp_path: Path) -> None:
    """`--format html` on a file with a script in a text field and in its name: escaped only."""
    path = _write(
        tmp_path / "<img src=x onerror=alert(2)>.csv",
        f"{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;<script>alert(1)</script>;;;;Nota 2026\n",
    )
    result = _invoke("validate", str(path), "--format", "html")
    assert result.exit_code == 1
    assert "<script>alert" not in result.output
    assert "<img" not in result.output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.output
    assert "tekst bevat &lt; of &gt; (HTML)" in result.output
    out = tmp_path / "rapport.html"
    written = _invoke("validate", str(path), "--format", "html", "--out", str(out))
    assert written.exit_code == 1
    assert "<script>alert" not in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the CLI


def test_cli_validate_exits_0_for_a_valid_file(template: Path) -> None:
    """A valid file: exit 0 and a Dutch all-clear."""
    result = _invoke("validate", str(template))
    assert result.exit_code == 0
    assert "Geen problemen gevonden in beekdaelen.xlsx" in result.output


def test_cli_validate_exits_1_with_a_dutch_table(tmp_path: Path) -> None:
    """An invalid file: exit 1 and a table with file, row, column, value, rule and fix."""
    path = _write(
        tmp_path / "stand.csv",
        f"{LOCAL_HEADER}\n{GOOD_ROW}\nGM9999;Kansrijke Start;pilot;;;;;Nota 2026\n",
    )
    result = _invoke("validate", str(path))
    assert result.exit_code == 1
    for text in ("Bestand", "Rij", "Probleem", "Oplossing", "stand.csv", "GM9999"):
        assert text in result.output
    assert "onbekende gemeentecode GM9999" in result.output
    assert "bedoelde u GM1954 Beekdaelen?" in result.output


def test_cli_table_shows_bracketed_input_verbatim(tmp_path: Path) -> None:
    """Values that look like terminal markup are printed as they are, not interpreted."""
    path = _write(
        tmp_path / "[red]stand.csv",
        f"{LOCAL_HEADER}\nGM1954;Valpreventie;\\[/x];;;;;Nota [b] 2026\n"
        "GM1954;Kansrijke Start;[/bold];;;;;Nota 2026\n"
        "GM1954;Gezonde school;:smile:;;;;;Nota 2026\n",
    )
    result = _invoke("validate", str(path))
    assert result.exit_code == 1
    assert "\\[/x]" in result.output
    assert "[/bold]" in result.output
    assert "[red]stand.csv" in result.output
    assert ":smile:" in result.output


def test_cli_validate_reports_several_files_together(template: Path, tmp_path: Path) -> None:
    """Several files: one report, exit 1 when any has a problem."""
    bad = _write(tmp_path / "fout.csv", f"{LOCAL_HEADER}\nGM1954;Valpreventie;;;;;;Nota 2026\n")
    result = _invoke("validate", str(template), str(bad), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["files"] == ["beekdaelen.xlsx", "fout.csv"]
    assert report["ok"] is False
    assert report["count"] == 1
    assert report["issues"][0] == {
        "file": "fout.csv",
        "row": 2,
        "column": "Status (kolom C)",
        "value": None,
        "rule": "verplicht veld is leeg",
        "hint": "geïmplementeerd, pilot, in voorbereiding of niet geïmplementeerd.",
        "sheet": None,
    }


def test_cli_validate_json_for_a_valid_file(template: Path) -> None:
    """JSON for a valid file says ok with no issues."""
    result = _invoke("validate", str(template), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "files": ["beekdaelen.xlsx"],
        "ok": True,
        "count": 0,
        "issues": [],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "bestaat_niet.csv"], "bestand niet gevonden"),
        (["validate", "{template}", "--format", "pdf"], "--format moet table, json of html zijn"),
        (["validate", "{folder}"], "bestand niet gevonden"),
        (["validate"], ""),
        (["import", "bestaat_niet.xlsx", "--door", "Piet"], "bestand niet gevonden"),
        (["import", "{template}", "--door", "<b>Piet</b>"], "--door"),
        (["import", "{template}", "--door", "=Piet"], "--door"),
        (["template", "--out", "{folder}/x.csv"], "--out moet eindigen op .xlsx"),
        (["template", "--out", "{folder}/x.xlsx", "-m", "Nergenshuizen"], "Fout"),
    ],
    ids=[
        "missing-file",
        "bad-format",
        "folder",
        "no-file",
        "import-missing-file",
        "import-markup-in-door",
        "import-formula-in-door",
        "template-not-xlsx",
        "template-unknown-municipality",
    ],
)
def test_cli_misuse_exits_2(
    args: list[str], message: str, template: Path, built: DataPaths, tmp_path: Path
) -> None:
    """Misuse (no such file, a bad option) exits 2 with a message and writes nothing."""
    filled = [a.format(template=template, folder=tmp_path) for a in args]
    before = sorted(tmp_path.iterdir())
    result = _invoke(*filled, "--data-dir", str(built.root))
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(tmp_path.iterdir()) == before


def test_cli_template_for_a_municipality_by_name(
    tables: Tables, built: DataPaths, tmp_path: Path
) -> None:
    """`azwa template --municipality Beekdaelen` writes the forms, lists, checks and its rows."""
    out = tmp_path / "x.xlsx"
    result = _invoke(
        "template", "--out", str(out), "--municipality", "Beekdaelen", "--data-dir", str(built.root)
    )
    assert result.exit_code == 0
    assert "vooraf ingevuld voor GM1954" in result.output
    book = openpyxl.load_workbook(out)
    for name in ("Instructies", "Lokale stand", "Officiële bedragen"):
        assert name in book.sheetnames
    for name in ("Lokale stand", "Officiële bedragen"):
        assert book[name].data_validations.dataValidation
    rows = [r for r in book["Lokale stand"].iter_rows(min_row=2, values_only=True) if any(r)]
    expected = tables.local_status.filter(pl.col("municipality_code") == "GM1954").height
    assert len(rows) == expected > 0
    assert {r[0] for r in rows} == {"GM1954"}


def test_cli_import_refuses_an_invalid_file_and_writes_nothing(
    imports: DataPaths, tmp_path: Path
) -> None:
    """An invalid file: exit 1, the problems in Dutch, 'Niets ingelezen', data/raw unchanged."""
    path = _write(tmp_path / "fout.csv", f"{LOCAL_HEADER}\nGM0398;Valpreventie;pilot;;;;;Nota\n")
    before = sorted(p.relative_to(imports.root) for p in imports.root.rglob("*"))
    result = _invoke("import", str(path), "--door", "Piet", "--data-dir", str(imports.root))
    assert result.exit_code == 1
    assert "bestaat niet meer na een herindeling" in result.output
    assert "Niets ingelezen" in result.output
    assert sorted(p.relative_to(imports.root) for p in imports.root.rglob("*")) == before


def test_cli_import_stores_a_valid_file(imports: DataPaths, tmp_path: Path) -> None:
    """A valid file: exit 0, one new raw file with sidecar, and a pointer to azwa build."""
    path = _write(tmp_path / "stand.csv", GOOD_CSV)
    result = _invoke(
        "import", str(path), "--door", "Piet, Beekdaelen", "--data-dir", str(imports.root)
    )
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("Ingelezen: ")]
    written = Path(line.removeprefix("Ingelezen: "))
    assert written.parent == imports.raw / "imports" / "lokale_stand"
    assert IMPORTED_NAME.match(written.name)
    assert read_sidecar(written)["producer"] == "Piet, Beekdaelen"
    assert "azwa build" in result.output


# --------------------------------------------------------------------------- import and build


def test_file_names_from_input_never_escape_the_imports_folder(
    imports: DataPaths, template: Path, tmp_path: Path
) -> None:
    """A submission called '..%2F..%2Fevil.xlsx' or '..\\..\\evil.xlsx' lands in
    data/raw/imports/<kind>/ as <timestamp>_<code>.csv; its name only in the sidecar."""
    tables = load_tables(imports)
    folder = tmp_path / "vreemde map ü"
    folder.mkdir()
    expected = imports.raw / "imports" / "lokale_stand"
    before = set(imports.root.rglob("*"))
    for index, name in enumerate(["..%2F..%2Fevil.xlsx", "..\\..\\evil.xlsx", " spaties é.xlsx"]):
        source = folder / name
        source.write_bytes(template.read_bytes())
        moment = EARLY + dt.timedelta(minutes=index)
        result = import_file(source, tables, paths=imports, supplied_by="Piet", now=moment)
        assert result.validation.ok
        [written] = result.written
        assert written.parent.resolve() == expected.resolve()
        assert written.name == moment.strftime("%Y%m%dT%H%M%SZ") + "_GM1954.csv"
        assert read_sidecar(written)["original_file"] == safe_name(name)
    new = set(imports.root.rglob("*")) - before
    assert len(new) == 6  # three CSV files, three sidecars
    assert {path.parent for path in new} == {expected}


def test_round_trip_template_import_build_and_a_later_submission_supersedes(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """Template → validate → import → build puts GM1954's rows from the submission in
    local_status; a later submission with a changed status and one row fewer replaces it,
    and both files stay on disk."""
    tables = _built(data_copy)
    letters = tables.local_status.filter(pl.col("municipality_code") == "GM1954")
    others = tables.local_status.filter(pl.col("municipality_code") != "GM1954")
    first_file = write_template(tables, tmp_path / "eerste.xlsx", municipality="GM1954")
    assert validate_file(first_file, tables).ok
    first = import_file(first_file, tables, paths=data_copy, supplied_by="Piet", now=EARLY)
    [first_csv] = first.written
    assert first_csv == data_copy.raw / "imports" / "lokale_stand" / "20261122T090000Z_GM1954.csv"
    meta = read_sidecar(first_csv)
    assert meta["sha256"] == sha256_file(first_csv)
    assert meta["original_sha256"] == sha256_file(first_file)
    assert meta["original_file"] == "eerste.xlsx"
    assert meta["rows"] == letters.height

    clean = _built(data_copy).local_status
    mine = clean.filter(pl.col("municipality_code") == "GM1954")
    assert mine.height == letters.height
    assert mine["source_document"].str.starts_with("imports/lokale_stand/").all()
    assert set(mine["note"]) == {"aangeleverd door Piet"}
    assert (
        mine.drop(*_SOURCE)
        .sort("intervention_id")
        .equals(letters.drop(*_SOURCE).sort("intervention_id"))
    )
    assert (
        clean.filter(pl.col("municipality_code") != "GM1954")
        .sort("municipality_code", "intervention_id")
        .equals(others.sort("municipality_code", "intervention_id"))
    )

    book = openpyxl.load_workbook(first_file)
    sheet = book["Lokale stand"]
    changed = sheet["B2"].value
    assert sheet["C2"].value == "geïmplementeerd"
    sheet["C2"] = "pilot"
    sheet.delete_rows(sheet.max_row)
    book.save(tmp_path / "tweede.xlsx")
    second = import_file(
        tmp_path / "tweede.xlsx", tables, paths=data_copy, supplied_by="Piet", now=LATER
    )
    [second_csv] = second.written

    mine = _built(data_copy).local_status.filter(pl.col("municipality_code") == "GM1954")
    assert mine.height == letters.height - 1
    assert set(mine["source_document"]) == {f"imports/lokale_stand/{second_csv.name}"}
    name_to_id = dict(tables.interventions.select("name", "intervention_id").iter_rows())
    status = dict(mine.select("intervention_id", "status").iter_rows())
    assert status[name_to_id[changed]] == "pilot"
    for path in (first_csv, second_csv):
        assert path.is_file()
        assert read_sidecar(path)["sha256"] == sha256_file(path)
        cells = [c for row in csv.reader(io.StringIO(path.read_text("utf-8"))) for c in row]
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)]


def test_official_amounts_submission_makes_the_estimate_official(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """'SPUK IZA', 2026, '€ 250.000' on the official sheet ends up in official_allocations and
    estimate_allocation marks that stream 'officieel'."""
    tables = _built(data_copy)
    path = write_template(tables, tmp_path / "beschikking.xlsx")
    book = openpyxl.load_workbook(path)
    book["Officiële bedragen"].append(
        [
            "GM1954",
            "SPUK IZA",
            2026,
            "€ 250.000",
            "Beschikking VWS 2026-0001",
            "Beleidsadviseur Beekdaelen",
            dt.date(2026, 11, 22),
        ]
    )
    book.save(path)
    result = import_file(path, tables, paths=data_copy, supplied_by="Piet", now=EARLY)
    [written] = result.written
    assert written.parent == data_copy.raw / "imports" / "officiele_bedragen"

    tables = _built(data_copy)
    official = tables.official_allocations.filter(pl.col("municipality_code") == "GM1954")
    assert official.select("stream_id", "year", "amount_eur", "supplied_on").rows() == [
        ("spuk_iza", 2026, 250_000, dt.date(2026, 11, 22))
    ]
    estimate = estimate_allocation(tables, "GM1954", years=[2026])
    basis = dict(estimate.select("stream_id", "basis").iter_rows())
    assert basis["spuk_iza"] == "officieel"
    assert basis["spuk_gala"] != "officieel"
    amount = estimate.filter(pl.col("stream_id") == "spuk_iza")["amount_eur"].item()
    assert amount == 250_000


@pytest.mark.parametrize("count", [2, 3, 12])
def test_imports_in_the_same_second_keep_every_file_and_the_last_wins(
    imports: DataPaths, tmp_path: Path, count: int
) -> None:
    """Same timestamp: later files get a counter, and the last one is the municipality's state
    (also past nine, where '_10' sorts before '_2' as text)."""
    tables = load_tables(imports)
    folder = imports.raw / "imports" / "lokale_stand"
    moment = dt.datetime(2027, 1, 1, 12, count, tzinfo=dt.UTC)
    for index in range(count):
        path = _write(
            tmp_path / f"stand{index}.csv",
            f"{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;;;;;Nota {index:04d}\n",
        )
        assert import_file(path, tables, paths=imports, supplied_by="Piet", now=moment).written
    files = list(folder.glob(moment.strftime("%Y%m%dT%H%M%SZ") + "_GM1954*.csv"))
    assert len(files) == count
    texts = {f"imports/lokale_stand/{p.name}": p.read_text("utf-8") for p in files}
    submissions, issues = parse_submissions(
        texts, raw_prefix="", validate=lambda *args, **kwargs: []
    )
    assert issues == []
    latest = latest_per_municipality(submissions, "lokale_stand")["GM1954"]
    assert latest.frame["source"].to_list() == [f"Nota {count - 1:04d}"]


# --------------------------------------------------------------------------- fuzzing

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_edits = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "truncate"]),
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=255),
    ),
    min_size=1,
    max_size=8,
)


def _corrupt(data: bytes, edits: list[tuple[str, int, int]]) -> bytes:
    buffer = bytearray(data)
    for kind, position, byte in edits:
        at = position % (len(buffer) + 1)
        if kind == "flip" and at < len(buffer):
            buffer[at] ^= byte or 0xFF
        elif kind == "insert":
            buffer[at:at] = bytes([byte])
        elif kind == "delete":
            del buffer[at : at + 1 + byte % 16]
        elif kind == "truncate":
            del buffer[at:]
    return bytes(buffer)


def _never_raises(path: Path, tables: Tables, output: str) -> None:
    """validate_file returns issues instead of raising; the CLI exits 0/1/2, no traceback."""
    validation = validate_file(path, tables)
    assert validation.ok == (not validation.issues)
    assert all(issue.rule for issue in validation.issues)
    result = CliRunner().invoke(app, ["validate", str(path), "--format", output])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


_formats = st.sampled_from(["table", "json", "html"])


@FUZZ
@given(edits=_edits, output=_formats, suffix=st.sampled_from([".csv", ".txt"]))
def test_corrupted_csv_never_raises(
    tables: Tables, fuzz_folder: Path, edits: list[tuple[str, int, int]], output: str, suffix: str
) -> None:
    """Random byte flips, insertions, deletions and truncations of a valid CSV."""
    path = fuzz_folder / f"stand{suffix}"
    path.write_bytes(_corrupt(GOOD_CSV.encode("utf-8"), edits))
    _never_raises(path, tables, output)


@FUZZ
@given(edits=_edits, output=_formats)
def test_corrupted_xlsx_bytes_never_raise(
    tables: Tables,
    template: Path,
    fuzz_folder: Path,
    edits: list[tuple[str, int, int]],
    output: str,
) -> None:
    """Random byte damage to a valid template."""
    path = fuzz_folder / "kapot.xlsx"
    path.write_bytes(_corrupt(template.read_bytes(), edits))
    _never_raises(path, tables, output)


_texts = st.text(max_size=40).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),
    st.times(),
    _texts,
    st.sampled_from(
        [
            "GM1954",
            "GM0398",
            "Beekdaelen",
            "Valpreventie",
            "pilot",
            "SPUK IZA",
            "€ 80.000",
            "1,5 mln",
            "1,234.56",
            "31-02-2026",
            "=SUM(1,2)",
            "+31",
            "<script>alert(1)</script>",
            "[/x]",
            "x" * 400,
        ]
    ),
)
_cells = st.lists(
    st.tuples(
        st.sampled_from(["Lokale stand", "Officiële bedragen", "Instructies", "Blad1"]),
        st.integers(min_value=1, max_value=25),
        st.integers(min_value=1, max_value=10),
        _values,
    ),
    min_size=1,
    max_size=20,
)


@FUZZ
@given(
    cells=_cells,
    merge=st.booleans(),
    state=st.sampled_from(["visible", "hidden", "veryHidden"]),
    output=_formats,
)
def test_random_cell_values_in_the_template_never_raise(
    tables: Tables,
    template: Path,
    fuzz_folder: Path,
    cells: list[tuple[str, int, int, object]],
    merge: bool,
    state: str,
    output: str,
) -> None:
    """Random values of many types in random cells, a merge, a sheet's visibility."""
    book = openpyxl.load_workbook(template)
    for sheet, row, column, value in cells:
        if sheet not in book.sheetnames:
            book.create_sheet(sheet)
        book[sheet].cell(row, column).value = value
    if merge:
        book["Lokale stand"].merge_cells("A3:B4")
    book[cells[0][0]].sheet_state = state
    if all(book[name].sheet_state != "visible" for name in book.sheetnames):
        book["Instructies"].sheet_state = "visible"
    path = fuzz_folder / "cellen.xlsx"
    book.save(path)
    _never_raises(path, tables, output)
