"""A corpus of malformed steward files: each one is reported (rule, row) and imports nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from azwa_analysis import Tables, load_tables
from azwa_analysis._build import run
from azwa_analysis._issues import ValidationIssue
from azwa_analysis._paths import DataPaths
from azwa_analysis.steward import import_file, write_template
from tests.conftest import copy_data

LOCAL_HEADER = (
    "Gemeentecode;Interventie;Status;Toelichting;Financieringsbron;Stroom;"
    "Laatste jaar financiering;Bron"
)
OFFICIAL_HEADER = (
    "Gemeentecode;Stroom;Jaar;Bedrag (€);Beschikking of circulaire;Aangeleverd door;"
    "Datum aanlevering"
)
LOCAL = {
    "code": "GM1954",
    "intervention": "Valpreventie",
    "status": "pilot",
    "detail": "in 2 kernen",
    "funding": "GALA",
    "stream": "Brede SPUK GALA",
    "ends": "2026",
    "source": "Raadsbesluit 2026-14",
}
OFFICIAL = {
    "code": "GM1954",
    "stream": "SPUK IZA",
    "year": "2026",
    "amount": "€ 250.000",
    "document": "Beschikking VWS 2026-0001",
    "by": "Beleidsadviseur Beekdaelen",
    "on": "22-11-2026",
}


def local(**changes: str) -> str:
    """One valid semicolon row of the local-status form (columns in LOCAL_HEADER's order)."""
    assert set(changes) <= set(LOCAL)
    return ";".join({**LOCAL, **changes}.values())


def official(**changes: str) -> str:
    """One valid semicolon row of the official-amounts form."""
    assert set(changes) <= set(OFFICIAL)
    return ";".join({**OFFICIAL, **changes}.values())


Maker = Callable[[Path, Path], None]  # (file to write, the prefilled template)


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    make: Maker
    rule: str  # a substring of the Dutch rule of at least one issue
    row: int | None  # the row of that issue (header = row 1); None for a file-level problem
    hint: str | None = None  # a substring of its hint, where the fix is specific


def data(content: bytes) -> Maker:
    def make(path: Path, template: Path) -> None:
        path.write_bytes(content)

    return make


def text(*lines: str, encoding: str = "utf-8") -> Maker:
    return data(("\n".join(lines) + "\n").encode(encoding))


def workbook(edit: Callable[[Any], object]) -> Maker:
    """The prefilled template (GM1954 in rows 2-18 of 'Lokale stand'), edited with openpyxl."""

    def make(path: Path, template: Path) -> None:
        book = openpyxl.load_workbook(template)
        edit(book)
        book.save(path)

    return make


def set_cell(sheet: str, ref: str, value: object) -> Callable[[Any], object]:
    def edit(book: Any) -> None:
        book[sheet][ref] = value

    return edit


def official_row(**values: object) -> Callable[[Any], object]:
    """Append one row to 'Officiële bedragen' (row 2), valid unless overridden."""
    row: dict[str, object] = {
        "code": "GM1954",
        "stream": "SPUK IZA",
        "year": 2026,
        "amount": 250000,
        "document": "Beschikking VWS 2026-0001",
        "by": "Beleidsadviseur Beekdaelen",
        "on": dt.date(2026, 11, 22),
        **values,
    }

    def edit(book: Any) -> None:
        book["Officiële bedragen"].append(list(row.values()))

    return edit


def _sparse(path: Path, template: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zip_bomb(path: Path, template: Path) -> None:
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(101):
                member.write(chunk)
        archive.writestr("[Content_Types].xml", "<Types/>")


def _empty_workbook(path: Path, template: Path) -> None:
    openpyxl.Workbook().save(path)


def _clear_local(book: Any) -> None:
    sheet = book["Lokale stand"]
    sheet.delete_rows(2, sheet.max_row)


def _hidden_sheet(book: Any) -> None:
    sheet = book.create_sheet("Extra")
    sheet["A1"] = "Gemeentecode"
    sheet["A2"] = "GM1954"
    sheet.sheet_state = "hidden"


def _very_hidden_form(book: Any) -> None:
    official_row()(book)
    book["Officiële bedragen"].sheet_state = "veryHidden"


def _unknown_sheet(book: Any) -> None:
    sheet = book.create_sheet("Blad1")
    sheet.append(["Naam", "Bedrag"])
    sheet.append(["Beekdaelen", 1000])


def _form_twice(book: Any) -> None:
    sheet = book.create_sheet("lokale_stand")
    sheet.append([cell.value for cell in book["Lokale stand"][1]])
    sheet.append(["GM1954", "Gezonde school", "pilot", None, None, None, None, "Nota 2026"])


def _unknown_column(book: Any) -> None:
    book["Lokale stand"]["I1"] = "Opmerking"


def _header_moved_down(book: Any) -> None:
    book["Lokale stand"].insert_rows(1, 2)


def _rows(count: int) -> Maker:
    def make(path: Path, template: Path) -> None:
        with path.open("w", encoding="utf-8") as handle:
            handle.write(LOCAL_HEADER + "\n")
            for _ in range(count):
                handle.write(local() + "\n")

    return make


CASES: list[Case] = [
    # the file as a whole
    Case("empty-file", "leeg.csv", data(b""), "bestand is leeg", None),
    Case("blank-lines-only", "wit.csv", text("", "  ", ""), "geen kopregel", None),
    Case("header-only-csv", "kop.csv", text(LOCAL_HEADER), "geen gegevensrijen", None),
    Case("template-without-rows", "leeg.xlsx", workbook(_clear_local), "geen gegevensrijen", None),
    Case("empty-workbook", "werkmap.xlsx", _empty_workbook, "geen gegevensrijen", None),
    Case("file-over-10-mb", "groot.csv", _sparse, "bestand is te groot", None),
    Case(
        "text-renamed-xlsx",
        "tekst.xlsx",
        text(LOCAL_HEADER, local()),
        "geen geldig Excel-bestand",
        None,
    ),
    Case(
        "zip-not-workbook",
        "archief.xlsx",
        data(_zip({"notities.txt": b"geen werkmap"})),
        "geen geldig Excel-bestand",
        None,
    ),
    Case("zip-bomb", "bom.xlsx", _zip_bomb, "uitgepakt is het bestand te groot", None),
    Case(
        "binary-garbage-csv",
        "rommel.csv",
        data(bytes(range(256)) * 8),
        "binaire inhoud",
        None,
    ),
    Case(
        "old-excel-xls",
        "oud.xls",
        data(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        "bestandstype '.xls' wordt niet ondersteund",
        None,
    ),
    Case(
        "opendocument-ods",
        "calc.ods",
        data(_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})),
        "bestandstype '.ods' wordt niet ondersteund",
        None,
    ),
    Case(
        "unknown-encoding",
        "codering.csv",
        data(LOCAL_HEADER.encode() + b"\n" + local().encode() + b"\x81\x8d\n"),
        "tekstcodering niet herkend",
        None,
    ),
    Case(
        "bom-but-not-utf8",
        "bom.csv",
        data(
            b"\xef\xbb\xbf" + (LOCAL_HEADER + "\n" + local(detail="café") + "\n").encode("cp1252")
        ),
        "zegt UTF-8 te zijn",
        None,
    ),
    Case(
        "over-20000-rows",
        "veel.csv",
        _rows(20_001),
        "meer dan 20000 rijen",
        20_002,
    ),
    # headers and sheets
    Case(
        "wrong-columns",
        "kolommen.csv",
        text("naam,adres,woonplaats", "Jan,Markt 1,Nuth"),
        "kolommen niet herkend",
        1,
    ),
    Case(
        "missing-required-column",
        "zonder_bron.csv",
        text(LOCAL_HEADER.removesuffix(";Bron"), local().rsplit(";", 1)[0]),
        "verplichte kolom ontbreekt",
        1,
        hint="voeg de kolom 'Bron' toe",
    ),
    Case(
        "missing-required-official-column",
        "zonder_bedrag.csv",
        text(
            OFFICIAL_HEADER.replace(";Bedrag (€)", ""),
            official().replace(";€ 250.000", ""),
        ),
        "verplichte kolom ontbreekt",
        1,
        hint="voeg de kolom 'Bedrag (€)' toe",
    ),
    Case(
        "unknown-column-csv",
        "extra_kolom.csv",
        text(LOCAL_HEADER + ";Opmerking", local() + ";let op"),
        "onbekende kolom",
        1,
    ),
    Case(
        "duplicate-header",
        "dubbel_kopje.csv",
        text(LOCAL_HEADER + ";Status", local() + ";pilot"),
        "kolom staat er twee keer in",
        1,
    ),
    Case(
        "thousands-of-columns",
        "breed.csv",
        text(
            LOCAL_HEADER + "".join(f";extra{i}" for i in range(19_000)),
            local(),
        ),
        "onbekende kolom",
        1,
    ),
    Case(
        "value-beyond-the-header",
        "verschoven.csv",
        text(LOCAL_HEADER, local(source="Nota; 2026")),
        "kolom zonder kopje",
        2,
    ),
    Case("xlsx-unknown-sheet", "blad1.xlsx", workbook(_unknown_sheet), "onbekend blad", 1),
    Case(
        "xlsx-form-on-two-sheets",
        "twee_bladen.xlsx",
        workbook(_form_twice),
        "dit formulier staat ook op blad 'Lokale stand'",
        None,
    ),
    Case("xlsx-unknown-column", "opmerking.xlsx", workbook(_unknown_column), "onbekende kolom", 1),
    Case(
        "xlsx-header-not-in-row-1",
        "verschoven.xlsx",
        workbook(_header_moved_down),
        "verplichte kolom ontbreekt",
        1,
    ),
    Case("xlsx-hidden-sheet", "verborgen.xlsx", workbook(_hidden_sheet), "verborgen blad", None),
    Case(
        "xlsx-very-hidden-form",
        "heel_verborgen.xlsx",
        workbook(_very_hidden_form),
        "verborgen blad",
        None,
    ),
    Case(
        "xlsx-formula",
        "formule.xlsx",
        workbook(set_cell("Lokale stand", "G2", "=SUM(1,2)")),
        "formule in de cel",
        2,
    ),
    Case(
        "xlsx-merged-cells",
        "samengevoegd.xlsx",
        workbook(lambda book: book["Lokale stand"].merge_cells("D3:E3")),
        "samengevoegde cellen",
        3,
    ),
    # rows and keys
    Case(
        "duplicate-key",
        "dubbel.csv",
        text(LOCAL_HEADER, local(), local(status="geïmplementeerd")),
        "dubbele regel (zelfde als rij 2)",
        3,
    ),
    Case(
        "duplicate-official-amount",
        "dubbel_bedrag.csv",
        text(OFFICIAL_HEADER, official(), official(amount="300000")),
        "dubbele regel (zelfde als rij 2)",
        3,
    ),
    Case(
        "blank-required-cell",
        "leeg_veld.csv",
        text(LOCAL_HEADER, local(status="")),
        "verplicht veld is leeg",
        2,
    ),
    Case(
        "unclosed-quote",
        "aanhalingsteken.csv",
        text(
            LOCAL_HEADER, local(intervention='"Valpreventie'), local(intervention="Kansrijke Start")
        ),
        "onzichtbare stuurtekens",
        2,
    ),
    Case(
        "cell-larger-than-csv-limit",
        "lange_cel.csv",
        text(LOCAL_HEADER, local(detail='"' + "a" * 200_000 + '"')),
        "CSV niet te lezen",
        2,
    ),
    # municipality codes
    Case(
        "unknown-municipality-code",
        "gm9999.csv",
        text(LOCAL_HEADER, local(), local(code="GM9999", intervention="Kansrijke Start")),
        "onbekende gemeentecode GM9999",
        3,
        hint="bedoelde u GM1954 Beekdaelen?",
    ),
    Case(
        "merged-away-municipality",
        "heerhugowaard.csv",
        text(OFFICIAL_HEADER, official(code="GM0398")),
        "bestaat niet meer na een herindeling",
        2,
        hint="GM1980 Dijk en Waard",
    ),
    Case(
        "name-instead-of-code",
        "naam.csv",
        text(LOCAL_HEADER, local(code="Beekdaelen")),
        "dit is een gemeentenaam, geen code",
        2,
        hint="GM1954",
    ),
    Case(
        "superscript-digits-as-code",
        "superscript.csv",
        text(LOCAL_HEADER, local(code="¹⁹⁵⁴")),
        "onbekende gemeentecode",
        2,
    ),
    # choices
    Case(
        "unknown-intervention",
        "interventie.csv",
        text(LOCAL_HEADER, local(intervention="Yoga voor honden")),
        "onbekende interventie",
        2,
    ),
    Case(
        "intervention-typo",
        "typfout.csv",
        text(LOCAL_HEADER, local(intervention="Valpreventi")),
        "onbekende interventie",
        2,
        hint="bedoelde u Valpreventie?",
    ),
    Case(
        "unknown-status",
        "status.csv",
        text(LOCAL_HEADER, local(status="misschien")),
        "onbekende waarde",
        2,
        hint="geïmplementeerd",
    ),
    Case(
        "unknown-stream",
        "stroom.csv",
        text(OFFICIAL_HEADER, official(stream="Stroom X")),
        "onbekende stroom",
        2,
    ),
    Case(
        "stream-typo",
        "stroom_typfout.csv",
        text(OFFICIAL_HEADER, official(stream="SPUK IZ")),
        "onbekende stroom",
        2,
        hint="bedoelde u SPUK IZA?",
    ),
    Case(
        "cp1252-file-with-unknown-intervention",
        "windows.csv",
        text(LOCAL_HEADER, local(intervention="Cafézorg"), encoding="cp1252"),
        "onbekende interventie",
        2,
    ),
    # numbers, years and dates
    Case(
        "text-in-amount",
        "tekst_bedrag.csv",
        text(OFFICIAL_HEADER, official(amount="veel geld")),
        "geen bedrag",
        2,
    ),
    Case(
        "negative-amount",
        "negatief.csv",
        text(OFFICIAL_HEADER, official(amount="-5000")),
        "bedrag mag niet negatief zijn",
        2,
    ),
    Case(
        "absurd-amount",
        "absurd.csv",
        text(OFFICIAL_HEADER, official(amount="€ 999.999.999.999")),
        "onwaarschijnlijk groot",
        2,
    ),
    Case(
        "five-thousand-digit-amount",
        "cijfers.csv",
        text(OFFICIAL_HEADER, official(amount="9" * 5000)),
        "onwaarschijnlijk groot",
        2,
    ),
    Case(
        "english-thousands",
        "engels.csv",
        text(OFFICIAL_HEADER, official(amount="1,234.56")),
        "Engelse notatie",
        2,
    ),
    Case(
        "amount-with-cents",
        "centen.csv",
        text(OFFICIAL_HEADER, official(amount="1.234,56")),
        "zonder centen",
        2,
    ),
    Case(
        "amount-in-millions",
        "miljoen.csv",
        text(OFFICIAL_HEADER, official(amount="1,5 mln")),
        "niet in miljoenen",
        2,
    ),
    Case(
        "year-out-of-range",
        "jaar_2050.csv",
        text(OFFICIAL_HEADER, official(year="2050")),
        "jaartal moet tussen 2015 en 2040 liggen",
        2,
    ),
    Case(
        "year-as-text",
        "jaar_tekst.csv",
        text(OFFICIAL_HEADER, official(year="tweeduizend zesentwintig")),
        "geen jaartal",
        2,
    ),
    Case(
        "impossible-date",
        "31_februari.csv",
        text(OFFICIAL_HEADER, official(on="31-02-2026")),
        "deze datum bestaat niet",
        2,
    ),
    Case(
        "text-as-date",
        "gisteren.csv",
        text(OFFICIAL_HEADER, official(on="gisteren")),
        "geen datum",
        2,
    ),
    Case(
        "xlsx-negative-number",
        "negatief.xlsx",
        workbook(official_row(amount=-5000)),
        "bedrag mag niet negatief zijn",
        2,
    ),
    Case(
        "xlsx-amount-with-cents",
        "centen.xlsx",
        workbook(official_row(amount=1234.5)),
        "zonder centen",
        2,
    ),
    Case(
        "xlsx-boolean-amount",
        "waar.xlsx",
        workbook(official_row(amount=True)),
        "geen bedrag",
        2,
    ),
    Case(
        "xlsx-date-in-year",
        "datum_als_jaar.xlsx",
        workbook(official_row(year=dt.date(2026, 1, 1))),
        "geen jaartal",
        2,
    ),
    Case(
        "xlsx-year-with-decimals",
        "jaar_decimaal.xlsx",
        workbook(official_row(year=2026.5)),
        "geen jaartal",
        2,
    ),
    Case(
        "xlsx-serial-number-as-date",
        "serienummer.xlsx",
        workbook(official_row(on=45000)),
        "geen datum",
        2,
    ),
    # text cells
    Case(
        "very-long-text",
        "lang.csv",
        text(LOCAL_HEADER, local(detail="heel lang " * 500)),
        "tekst is te lang",
        2,
    ),
    Case(
        "source-too-short",
        "bron_kort.csv",
        text(LOCAL_HEADER, local(source="ab")),
        "tekst is te kort",
        2,
    ),
    Case(
        "control-characters",
        "stuurteken.csv",
        text(LOCAL_HEADER, local(detail="in 5\x07 kernen\x1b[31m")),
        "onzichtbare stuurtekens",
        2,
    ),
    Case(
        "script-in-text",
        "script.csv",
        text(LOCAL_HEADER, local(detail="<script>alert(1)</script>")),
        "tekst bevat < of > (HTML)",
        2,
    ),
    Case(
        "html-in-choice",
        "html.xlsx",
        workbook(set_cell("Lokale stand", "B2", "<b>Valpreventie</b>")),
        "tekst bevat < of > (HTML)",
        2,
    ),
    Case(
        "cell-starting-with-equals",
        "is.csv",
        text(LOCAL_HEADER, local(detail="=cmd|' /C calc'!A0")),
        "tekst begint met =, +, - of @",
        2,
    ),
    Case(
        "cell-starting-with-plus",
        "plus.csv",
        text(LOCAL_HEADER, local(funding="+31 6 12345678")),
        "tekst begint met =, +, - of @",
        2,
    ),
    Case(
        "cell-starting-with-minus",
        "min.csv",
        text(LOCAL_HEADER, local(detail="-2 kernen")),
        "tekst begint met =, +, - of @",
        2,
    ),
    Case(
        "cell-starting-with-at",
        "apenstaart.csv",
        text(LOCAL_HEADER, local(source="@SUM(A1:A9)")),
        "tekst begint met =, +, - of @",
        2,
    ),
    Case(
        "xlsx-text-starting-with-plus",
        "plus.xlsx",
        workbook(set_cell("Lokale stand", "D2", "+31 6 12345678")),
        "tekst begint met =, +, - of @",
        2,
    ),
]


def _state(paths: DataPaths) -> dict[str, str]:
    """sha256 of every file under data/raw and data/clean."""
    return {
        str(path.relative_to(paths.root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in (paths.raw, paths.clean)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _says_how_to_fix(issue: ValidationIssue) -> bool:
    """A hint, or a rule that itself says what to write ('…; schrijf 1.234', 'moet tussen …')."""
    return bool(issue.hint) or "; " in issue.rule or " moet " in issue.rule


@dataclass(frozen=True)
class Corpus:
    paths: DataPaths
    tables: Tables
    template: Path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """One built copy of the data for the whole corpus, and the template prefilled for GM1954."""
    paths = copy_data(tmp_path_factory.mktemp("corpus"))
    run(paths)
    tables = load_tables(paths)
    template = write_template(
        tables, tmp_path_factory.mktemp("template") / "sjabloon.xlsx", municipality="GM1954"
    )
    return Corpus(paths, tables, template)


def test_corpus_has_at_least_40_distinct_cases() -> None:
    """The corpus covers at least 40 different malformed inputs, each with its own id."""
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


def test_the_prefilled_template_itself_imports_cleanly(corpus: Corpus) -> None:
    """The starting point of the XLSX cases is valid, so each case's issue is its own edit."""
    from azwa_analysis.steward import validate_file

    assert validate_file(corpus.template, corpus.tables).ok


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_input_is_reported_and_changes_nothing(
    case: Case, corpus: Corpus, tmp_path: Path
) -> None:
    """The import refuses the file with a Dutch rule (at the right row) that says how to fix
    it, and writes nothing."""
    path = tmp_path / case.file
    case.make(path, corpus.template)
    before = _state(corpus.paths)
    result = import_file(path, corpus.tables, paths=corpus.paths, supplied_by="corpus")
    assert result.written == ()
    assert _state(corpus.paths) == before
    issues = result.validation.issues
    matching = [i for i in issues if case.rule in i.rule and i.row == case.row]
    assert matching, [i.format() for i in issues]
    assert all(i.file == case.file for i in matching)
    assert all(_says_how_to_fix(i) for i in issues), [i.format() for i in issues]
    if case.hint is not None:
        assert any(case.hint in (i.hint or "") for i in matching), [i.format() for i in matching]
