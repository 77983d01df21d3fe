"""The adviser's own words: the sheet 'Toelichting adviseur', its refusals, its import and the
clean table ``adviser_texts``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from azwa_analysis import Tables, load_tables
from azwa_analysis._io import read_sidecar
from azwa_analysis._paths import DataPaths
from azwa_analysis.schemas import AdviserTextSchema
from azwa_analysis.steward import Scope, import_file, validate_file, write_template
from azwa_analysis.steward._forms import ADVISER
from tests.steward._helpers import EARLY, LATER, built_tables, invoke, raw_checksums, write

SHEET = "Toelichting adviseur"
BEEKDAELEN = Scope(("GM1954",))
AUTHOR = "J. de Vries, beleidsadviseur gezondheid"
OCCASION = "De raad vroeg in maart om de stand van het AZWA.\n\nDeze brief geeft die stand."
POSITION = "Het college kiest voor de regionale aanpak en zet de GALA-middelen daarvoor in."
NEXT = "In het derde kwartaal volgt het regioplan; de raad krijgt het ter kennisname."
QUESTION = "Wij vragen de raad kennis te nemen van deze brief."
HEADER = "Gemeentecode;Onderdeel;Tekst;Auteur;Datum"


def _workbook(tables: Tables, path: Path, *rows: list[object]) -> Path:
    """The template for GM1954 with ``rows`` on the sheet 'Toelichting adviseur' (from row 2)."""
    write_template(tables, path, municipality="GM1954")
    book = openpyxl.load_workbook(path)
    for row in rows:
        book[SHEET].append(row)
    book.save(path)
    return path


def test_shipped_data_has_no_adviser_texts_and_the_empty_table_is_valid(
    built: DataPaths, tables: Tables
) -> None:
    """No national document holds an adviser's words: the build writes an empty table that
    its schema accepts, the manifest lists it with 0 rows, and load_tables reads it."""
    assert tables.adviser_texts.height == 0
    assert tables.adviser_texts.columns == list(AdviserTextSchema.to_schema().columns)
    AdviserTextSchema.validate(tables.adviser_texts)
    manifest = json.loads((built.clean / "manifest.json").read_text("utf-8"))
    entry = manifest["outputs"]["adviser_texts"]
    assert (entry["rows"], entry["schema"]) == (0, "AdviserTextSchema")
    assert load_tables(built, validate=False).adviser_texts.height == 0


def test_template_has_the_sheet_with_dutch_headers_lists_and_checks(
    tables: Tables, template: Path
) -> None:
    """The sheet follows the other forms: Dutch headers with help, a drop-down of the four
    parts, a check on every column, and a line on the instructions sheet."""
    book = openpyxl.load_workbook(template)
    sheet = book[SHEET]
    assert [c.value for c in sheet[1]] == ["Gemeentecode", "Onderdeel", "Tekst", "Auteur", "Datum"]
    assert all(cell.comment is not None for cell in sheet[1])
    validations = sheet.data_validations.dataValidation
    assert len(validations) == len(ADVISER.columns)
    [parts] = [v for v in validations if "B2" in str(v.sqref)]
    column = parts.formula1.split("$")[1]
    listed = [c.value for c in book["Lijsten"][column][1:] if c.value]
    assert listed == ["Aanleiding", "Standpunt van het college", "Vervolg", "Vraag aan de raad"]
    [text] = [v for v in validations if "C2" in str(v.sqref)]
    assert (text.type, text.formula1, text.formula2) == ("textLength", "20", "2000")
    instructions = [c.value for c in book["Instructies"]["A"] if c.value]
    assert any(line.startswith(f"Blad '{SHEET}'") for line in instructions)


def test_round_trip_gives_rows_with_author_date_and_who_supplied_them(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """Template → validate → import → build: each part is a row of adviser_texts with its
    author, date and the importer's --door, citing the submission's file and row; a paragraph
    break survives intact; the next template for the municipality holds the texts."""
    tables = built_tables(data_copy)
    path = _workbook(
        tables,
        tmp_path / "advies.xlsx",
        ["GM1954", "Vraag aan de raad", QUESTION, AUTHOR, dt.date(2026, 11, 21)],
        ["GM1954", "Aanleiding", OCCASION.replace("\n", "\r\n"), AUTHOR, "20-11-2026"],
    )
    validation = validate_file(path, tables)
    assert validation.ok, [i.format() for i in validation.issues]
    result = import_file(
        path, tables, paths=data_copy, supplied_by="Piet, Beekdaelen", scope=BEEKDAELEN, now=EARLY
    )
    assert result.validation.ok
    assert result.folder is not None
    written = result.folder / "adviseurstekst" / "GM1954.csv"
    assert written in result.written
    assert read_sidecar(written)["producer"] == "Piet, Beekdaelen"
    assert "GM1954 Beekdaelen, toelichting adviseur: 0 rijen vervangen door 2" in [
        r.format() for r in result.replaced
    ]

    tables = built_tables(data_copy)
    texts = tables.adviser_texts
    relative = written.relative_to(data_copy.raw).as_posix()
    supplied = ("Piet, Beekdaelen", relative)
    assert texts.drop("note").rows() == [  # in the briefing's order of parts
        ("GM1954", "aanleiding", OCCASION, AUTHOR, dt.date(2026, 11, 20), *supplied, "3"),
        ("GM1954", "raad", QUESTION, AUTHOR, dt.date(2026, 11, 21), *supplied, "2"),
    ]
    assert set(texts["note"]) == {f"uit advies.xlsx, blad '{SHEET}', ingelezen op 2026-11-22"}

    again = openpyxl.load_workbook(
        write_template(tables, tmp_path / "opnieuw.xlsx", municipality="GM1954")
    )
    assert list(again[SHEET].iter_rows(min_row=2, values_only=True)) == [
        ("GM1954", "Aanleiding", OCCASION, AUTHOR, dt.datetime(2026, 11, 20)),
        ("GM1954", "Vraag aan de raad", QUESTION, AUTHOR, dt.datetime(2026, 11, 21)),
    ]


def test_a_later_submission_replaces_all_the_municipalitys_texts(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """The newest submission is the complete state: three parts, then only 'Vervolg', leaves
    one row; both submissions stay on disk."""
    tables = built_tables(data_copy)
    first = import_file(
        _workbook(
            tables,
            tmp_path / "eerste.xlsx",
            ["GM1954", "Aanleiding", OCCASION, AUTHOR, dt.date(2026, 11, 20)],
            ["GM1954", "Standpunt van het college", POSITION, AUTHOR, dt.date(2026, 11, 20)],
            ["GM1954", "Vraag aan de raad", QUESTION, AUTHOR, dt.date(2026, 11, 20)],
        ),
        tables,
        paths=data_copy,
        supplied_by="Piet",
        scope=BEEKDAELEN,
        now=EARLY,
    )
    second = import_file(
        _workbook(
            tables,
            tmp_path / "tweede.xlsx",
            ["GM1954", "Vervolg", NEXT, "A. Jansen, strategisch adviseur", dt.date(2026, 12, 1)],
        ),
        tables,
        paths=data_copy,
        supplied_by="Anna",
        scope=BEEKDAELEN,
        now=LATER,
    )
    assert "GM1954 Beekdaelen, toelichting adviseur: 3 rijen vervangen door 1" in [
        r.format() for r in second.replaced
    ]
    texts = built_tables(data_copy).adviser_texts
    assert texts.select("part", "text", "author", "supplied_by").rows() == [
        ("vervolg", NEXT, "A. Jansen, strategisch adviseur", "Anna")
    ]
    for result in (first, second):
        assert result.folder is not None
        assert (result.folder / "adviseurstekst" / "GM1954.csv").is_file()


LONG = "Het college licht de keuze toe. " * 70  # 2240 characters


@pytest.mark.parametrize(
    ("rows", "row", "column", "value", "rule", "hint"),
    [
        pytest.param(
            [["GM1954", "Vraag aan raad", QUESTION, AUTHOR, dt.date(2026, 11, 20)]],
            2,
            "Onderdeel (kolom B)",
            "Vraag aan raad",
            "onbekende waarde",
            "bedoelde u Vraag aan de raad?",
            id="unknown-part",
        ),
        pytest.param(
            [
                ["GM1954", "Aanleiding", OCCASION, AUTHOR, dt.date(2026, 11, 20)],
                ["GM1954", "aanleiding", POSITION, AUTHOR, dt.date(2026, 11, 20)],
            ],
            3,
            "Gemeentecode, Onderdeel",
            "GM1954 / aanleiding",
            "dubbele regel (zelfde als rij 2)",
            "houd één regel per combinatie over",
            id="duplicate-part",
        ),
        pytest.param(
            [["GM1954", "Vervolg", LONG, AUTHOR, dt.date(2026, 11, 20)]],
            2,
            "Tekst (kolom C)",
            LONG.strip(),
            "tekst is te lang (2239 tekens; maximaal 2000)",
            "kort de tekst in",
            id="too-long",
        ),
        pytest.param(
            [["GM1954", "Vervolg", "Zie bijlage.", AUTHOR, dt.date(2026, 11, 20)]],
            2,
            "Tekst (kolom C)",
            "Zie bijlage.",
            "tekst is te kort (12 tekens; minimaal 20)",
            "schrijf het voluit",
            id="too-short",
        ),
        pytest.param(
            [["GM1954", "Vervolg", None, AUTHOR, dt.date(2026, 11, 20)]],
            2,
            "Tekst (kolom C)",
            None,
            "verplicht veld is leeg",
            ADVISER.columns[2].help,
            id="empty-text",
        ),
        pytest.param(
            [["GM1954", "Vervolg", "<p>" + NEXT + "</p>", AUTHOR, dt.date(2026, 11, 20)]],
            2,
            "Tekst (kolom C)",
            "<p>" + NEXT + "</p>",
            "tekst bevat < of > (HTML); schrijf gewone tekst",
            None,
            id="html",
        ),
        pytest.param(
            [["GM1954", "Vervolg", NEXT, "J. de Vries,\nadviseur", dt.date(2026, 11, 20)]],
            2,
            "Auteur (kolom D)",
            "J. de Vries,\nadviseur",
            "tekst bevat onzichtbare stuurtekens; typ de tekst opnieuw",
            None,
            id="line-break-outside-the-text-column",
        ),
    ],
)
def test_each_refusal_names_sheet_row_column_value_and_rule_and_writes_nothing(
    imports: DataPaths,
    tmp_path: Path,
    rows: list[list[object]],
    row: int,
    column: str,
    value: str | None,
    rule: str,
    hint: str | None,
) -> None:
    tables = load_tables(imports)
    path = _workbook(tables, tmp_path / "advies.xlsx", *rows)
    before = raw_checksums(imports)
    result = import_file(path, tables, paths=imports, supplied_by="Piet", scope=BEEKDAELEN)
    [issue] = result.validation.issues
    assert (issue.file, issue.sheet, issue.row, issue.column, issue.value, issue.rule) == (
        "advies.xlsx",
        SHEET,
        row,
        column,
        value,
        rule,
    )
    assert issue.hint == hint
    assert result.written == ()
    assert raw_checksums(imports) == before


def test_a_csv_with_windows_line_ends_in_a_cell_keeps_one_paragraph_break(
    tables: Tables, tmp_path: Path
) -> None:
    """A CSV (the form found by its headers) whose quoted cell holds '\\r\\n': the text has
    '\\n', and the next record is still row 3."""
    text = OCCASION.replace("\n", "\r\n")
    path = write(
        tmp_path / "advies.csv",
        f'{HEADER}\r\nGM1954;Aanleiding;"{text}";{AUTHOR};20-11-2026\r\n'
        f"GM1954;Raad;{QUESTION};{AUTHOR};2026-11-21\r\n",
    )
    validation = validate_file(path, tables)
    assert validation.ok, [i.format() for i in validation.issues]
    [data] = validation.data
    assert data.form is ADVISER
    assert [(r["_row"], r["part"], r["text"]) for r in data.rows] == [
        (2, "aanleiding", OCCASION),
        (3, "raad", QUESTION),
    ]


def test_scope_holds_for_the_texts_as_for_the_other_forms(
    imports: DataPaths, tmp_path: Path
) -> None:
    """`--gemeente GM1954` refuses Arnhem's text in the same file (and writes nothing);
    `--landelijk` imports both municipalities' texts, one file each."""
    path = write(
        tmp_path / "advies.csv",
        f"{HEADER}\nGM1954;Aanleiding;{POSITION};{AUTHOR};20-11-2026\n"
        f"GM0202;Aanleiding;{POSITION};M. Bakker, adviseur Arnhem;20-11-2026\n",
    )
    before = raw_checksums(imports)
    data_dir = ("--data-dir", str(imports.root))
    refused = invoke("import", str(path), "--door", "Piet", "--gemeente", "GM1954", *data_dir)
    assert refused.exit_code == 1
    assert "rij voor GM0202 Arnhem, maar de aanlevering is alleen voor GM1954" in refused.output
    assert raw_checksums(imports) == before

    done = invoke("import", str(path), "--door", "VNG, team data", "--landelijk", *data_dir)
    assert done.exit_code == 0, done.output
    assert "GM0202 Arnhem, toelichting adviseur: 0 rijen vervangen door 1" in done.output
    added = sorted(set(raw_checksums(imports)) - set(before))
    assert [name.split("/", 2)[2] for name in added if name.endswith(".csv")] == [
        "adviseurstekst/GM0202.csv",
        "adviseurstekst/GM1954.csv",
    ]
    assert built_tables(imports).adviser_texts.filter(pl.col("municipality_code") == "GM0202")[
        "supplied_by"
    ].to_list() == ["VNG, team data"]
