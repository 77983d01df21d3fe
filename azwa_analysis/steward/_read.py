"""Read a steward's file (CSV or XLSX) into sheets of raw cells, refusing what is unsafe.

Nothing here interprets values; it only gets cells out, with the row numbers a steward sees,
and reports file-level problems: too large, empty, not really Excel, unreadable encoding,
formulas, merged cells, hidden sheets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from azwa_analysis._format import format_number
from azwa_analysis._issues import ValidationIssue

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_ROWS = 20_000
#: Our template's own hidden sheet with the drop-down lists.
LIST_SHEET = "Lijsten"
INFO_SHEETS = {"instructies", LIST_SHEET.casefold()}

Cell = str | int | float | dt.date | dt.datetime | bool | None


@dataclass
class Sheet:
    """Cells of one sheet: the header row and the data rows with their spreadsheet numbers."""

    name: str | None
    header: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    header_row: int = 1


@dataclass
class ReadResult:
    sheets: list[Sheet]
    issues: list[ValidationIssue]


def read_file(path: Path, *, display: str | None = None) -> ReadResult:
    """Read a ``.csv`` or ``.xlsx`` file; problems come back as issues, never as exceptions."""
    name = display or path.name
    try:
        size = path.stat().st_size
    except OSError as error:
        return ReadResult(
            [],
            [ValidationIssue.whole_file(name, f"bestand niet te openen ({error.strerror})")],
        )
    if size == 0:
        return ReadResult(
            [],
            [
                ValidationIssue.whole_file(
                    name,
                    "bestand is leeg",
                    "lever het ingevulde sjabloon aan, of een CSV met kopregel en gegevens",
                )
            ],
        )
    if size > MAX_BYTES:
        return ReadResult(
            [],
            [
                ValidationIssue.whole_file(
                    name,
                    f"bestand is te groot ({format_number(size)} bytes; maximaal "
                    f"{format_number(MAX_BYTES)} bytes = {MAX_BYTES // 1024 // 1024} MB)",
                    "lever alleen de gegevens van uw gemeente aan, zonder extra bladen of "
                    "afbeeldingen",
                )
            ],
        )
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as error:  # a folder, no permission
        return ReadResult(
            [],
            [ValidationIssue.whole_file(name, f"bestand niet te openen ({error.strerror})")],
        )
    if suffix == ".xlsx":
        return _read_xlsx(data, name)
    if suffix in (".csv", ".txt"):
        return _read_csv(data, name)
    return ReadResult(
        [],
        [
            ValidationIssue.whole_file(
                name,
                f"bestandstype '{suffix or '(geen)'}' wordt niet ondersteund",
                "lever een .xlsx (het invoersjabloon) of een .csv aan",
            )
        ],
    )


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: What Excel writes for a workbook with a password, or an old .xls: an OLE compound file.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _decode(data: bytes) -> tuple[str | None, str | None]:
    if data.startswith(_UTF16_BOMS):  # Excel's 'Unicode-tekst' and some exports
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "bestand zegt UTF-16 te zijn maar is het niet"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return data.decode("utf-8"), None
        except UnicodeDecodeError:
            return None, "bestand zegt UTF-8 te zijn maar is het niet"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        return None, "tekstcodering niet herkend (verwacht UTF-8 of de Windows-codering van Excel)"


def _read_csv(data: bytes, name: str) -> ReadResult:
    if b"\x00" in data and not data.startswith(_UTF16_BOMS):
        return ReadResult(
            [],
            [
                ValidationIssue.whole_file(
                    name,
                    "dit is geen tekstbestand (binaire inhoud)",
                    "sla het bestand op als CSV of lever de .xlsx aan",
                )
            ],
        )
    text, problem = _decode(data)
    if text is None:
        return ReadResult(
            [],
            [
                ValidationIssue.whole_file(
                    name,
                    str(problem),
                    "sla het bestand in Excel op als 'CSV UTF-8', of lever de .xlsx aan",
                )
            ],
        )
    first = next((line for line in text.splitlines() if line.strip()), "")
    # The header's most frequent separator: comma, semicolon (Dutch Excel) or tab ('Unicode-
    # tekst' and copies from a spreadsheet); a header never holds any of them in a name.
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    sheet = Sheet(None, [])
    issues: list[ValidationIssue] = []
    line = 0  # the row as a spreadsheet shows it: records, not lines (a cell may hold one)
    try:
        for line, record in enumerate(reader, start=1):
            if header is None:
                if not any(cell.strip() for cell in record):
                    continue
                header = [cell.strip() for cell in record]
                sheet = Sheet(None, header, header_row=line)
                continue
            if len(sheet.rows) >= MAX_ROWS:
                issues.append(
                    ValidationIssue(
                        name,
                        line,
                        None,
                        None,
                        f"meer dan {MAX_ROWS} rijen; dit is geen invoer voor één gemeente",
                        "lever alleen de regels van uw gemeente aan",
                    )
                )
                break
            cells: list[Cell] = [cell if cell.strip() else None for cell in record]
            sheet.rows.append((line, cells))
    except csv.Error as error:  # the record after the last one read is where it went wrong
        issues.append(_csv_error(name, line + 1, str(error)))
    if header is None:
        issues.append(
            ValidationIssue.whole_file(
                name,
                "bestand bevat geen kopregel",
                "zet de kopjes uit het sjabloon in de eerste rij",
            )
        )
        return ReadResult([], issues)
    return ReadResult([sheet], issues)


def _csv_error(name: str, row: int, error: str) -> ValidationIssue:
    if "field larger than field limit" in error:
        return ValidationIssue(
            name,
            row,
            None,
            None,
            f"CSV niet te lezen: een cel is langer dan {format_number(csv.field_size_limit())} "
            "tekens",
            "kort de tekst in deze rij in, of controleer of een aanhalingsteken niet gesloten is",
        )
    return ValidationIssue(
        name,
        row,
        None,
        None,
        "aanhalingsteken wordt niet gesloten (of er staat tekst na het sluitende "
        "aanhalingsteken): vanaf deze rij is het bestand niet te lezen",
        'sluit het aanhalingsteken (") in deze rij of verwijder het; een tekst met een '
        "scheidingsteken staat helemaal tussen aanhalingstekens",
    )


def _not_a_zip(data: bytes, name: str) -> ValidationIssue:
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return ValidationIssue.whole_file(
                name,
                "de werkmap is met een wachtwoord beveiligd",
                "haal het wachtwoord eraf (Bestand > Info > Werkmap beveiligen > Versleutelen "
                "met wachtwoord: leegmaken) en sla de werkmap opnieuw op",
            )
        return ValidationIssue.whole_file(
            name,
            "dit is het oude Excel-formaat (.xls), met .xlsx als naam",
            "open het in Excel en sla het op als Excel-werkmap (.xlsx)",
        )
    return ValidationIssue.whole_file(
        name,
        "geen geldig Excel-bestand (.xlsx)",
        "open het in Excel en sla het op als Excel-werkmap (.xlsx)",
    )


#: Cells refused by their type (openpyxl's data_type): rule and how to fix it.
_REFUSED_CELLS = {
    "f": ("formule in de cel", "typ de waarde zelf in plaats van een formule"),
    "e": ("Excel-foutwaarde in de cel", "herstel de berekening of typ de waarde zelf in"),
}


def _read_xlsx(data: bytes, name: str) -> ReadResult:
    import openpyxl

    not_excel = ValidationIssue.whole_file(
        name,
        "geen geldig Excel-bestand (.xlsx)",
        "open het in Excel en sla het op als Excel-werkmap (.xlsx)",
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return ReadResult([], [_not_a_zip(data, name)])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                return ReadResult(
                    [],
                    [
                        ValidationIssue.whole_file(
                            name,
                            "uitgepakt is het bestand te groot",
                            "lever alleen de gegevens van uw gemeente aan, zonder extra bladen "
                            "of afbeeldingen",
                        )
                    ],
                )
        with warnings.catch_warnings():
            # openpyxl warns (in English, on stderr) about Excel extensions it drops, such as
            # list validations that Excel stores as x14 extensions; they do not hold data.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        return ReadResult([], [not_excel])
    sheets: list[Sheet] = []
    issues: list[ValidationIssue] = []
    for worksheet in workbook.worksheets:
        title = worksheet.title
        folded = title.strip().casefold()
        hidden = worksheet.sheet_state != "visible"
        has_data = (
            worksheet.max_row > 1
            or worksheet.max_column > 1
            or (worksheet.cell(1, 1).value is not None)
        )
        if hidden and folded != LIST_SHEET.casefold() and has_data:
            issues.append(
                ValidationIssue.whole_file(
                    name,
                    f"verborgen blad '{title}'",
                    "maak het blad zichtbaar of verwijder het; verborgen "
                    "gegevens worden niet ingelezen",
                    sheet=title,
                )
            )
            continue
        if folded in INFO_SHEETS:
            continue
        for merged in worksheet.merged_cells.ranges:
            issues.append(
                ValidationIssue(
                    name,
                    merged.min_row,
                    None,
                    str(merged),
                    "samengevoegde cellen",
                    "maak de samenvoeging ongedaan: één waarde per cel",
                    sheet=title,
                )
            )
        rows = worksheet.iter_rows()
        header_cells = next(rows, ())
        header = ["" if c.value is None else str(c.value).strip() for c in header_cells]
        sheet = Sheet(title, header, header_row=1)
        for row in rows:
            values: list[Cell] = []
            for cell in row:
                refused = _REFUSED_CELLS.get(str(cell.data_type))
                if refused is not None:  # a formula, or an error such as #N/B or #DEEL/0!
                    issues.append(
                        ValidationIssue(
                            name,
                            cell.row,
                            _where(header, int(cell.column or 1)),
                            str(cell.value),
                            *refused,
                            sheet=title,
                        )
                    )
                    values.append(None)
                    continue
                value: Any = cell.value
                values.append(
                    value.strip()
                    if isinstance(value, str) and value.strip()
                    else (None if isinstance(value, str) else value)
                )
            if len(sheet.rows) >= MAX_ROWS:
                issues.append(
                    ValidationIssue(
                        name,
                        row[0].row,
                        None,
                        None,
                        f"meer dan {MAX_ROWS} rijen",
                        "lever alleen de regels van uw gemeente aan",
                        sheet=title,
                    )
                )
                break
            sheet.rows.append((int(row[0].row or 0), values))
        issues.extend(_hidden(worksheet, sheet, name))
        sheets.append(sheet)
    return ReadResult(sheets, issues)


def _where(header: list[str], column: int) -> str:
    """``Status (kolom C)`` for a 1-based column number."""
    from openpyxl.utils import get_column_letter

    name = header[column - 1] if column - 1 < len(header) else ""
    return f"{name} (kolom {get_column_letter(column)})".strip()


def _hidden(worksheet: Any, sheet: Sheet, name: str) -> list[ValidationIssue]:
    """Hidden (or filtered-out) rows and hidden columns that hold data: a steward does not see
    what would be imported."""
    issues: list[ValidationIssue] = []
    hidden_rows = {
        int(index) for index, dimension in worksheet.row_dimensions.items() if dimension.hidden
    }
    header: list[Cell] = list(sheet.header)
    for number, cells in [(sheet.header_row, header), *sheet.rows]:
        if number in hidden_rows and any(c is not None and str(c).strip() for c in cells):
            issues.append(
                ValidationIssue(
                    name,
                    number,
                    None,
                    None,
                    "verborgen rij (of weggefilterd) met gegevens",
                    "maak de rij zichtbaar (filter uit, rechtsklik > Zichtbaar maken) of "
                    "verwijder haar; wat u niet ziet, wordt niet ingelezen",
                    sheet=sheet.name,
                )
            )
    for dimension in worksheet.column_dimensions.values():
        if not dimension.hidden or dimension.min is None:
            continue
        for column in range(int(dimension.min), int(dimension.max or dimension.min) + 1):
            index = column - 1
            has_data = (index < len(sheet.header) and sheet.header[index]) or any(
                index < len(cells) and cells[index] is not None for _, cells in sheet.rows
            )
            if has_data:
                issues.append(
                    ValidationIssue(
                        name,
                        None,
                        _where(sheet.header, column),
                        None,
                        "verborgen kolom met gegevens",
                        "maak de kolom zichtbaar (rechtsklik > Zichtbaar maken) of verwijder haar",
                        sheet=sheet.name,
                    )
                )
    return issues
