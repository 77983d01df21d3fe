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
                    f"bestand is te groot ({size / 1024 / 1024:.0f} MB; maximaal "
                    f"{MAX_BYTES // 1024 // 1024} MB)",
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


def _decode(data: bytes) -> tuple[str | None, str | None]:
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
    if b"\x00" in data:
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
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
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
    except csv.Error:  # in practice only: a cell longer than the csv module's limit
        issues.append(
            ValidationIssue(
                name,
                line + 1,
                None,
                None,
                "CSV niet te lezen: een cel is te lang of een aanhalingsteken wordt niet gesloten",
                "controleer de aanhalingstekens in deze rij; sla het bestand opnieuw op als CSV",
            )
        )
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


def _read_xlsx(data: bytes, name: str) -> ReadResult:
    import openpyxl
    from openpyxl.utils import get_column_letter

    not_excel = ValidationIssue.whole_file(
        name,
        "geen geldig Excel-bestand (.xlsx)",
        "open het in Excel en sla het op als Excel-werkmap (.xlsx)",
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return ReadResult([], [not_excel])
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
                if cell.data_type == "f":
                    column_number = int(cell.column or 1)
                    letter = get_column_letter(column_number)
                    header_name = (
                        header[column_number - 1] if column_number - 1 < len(header) else ""
                    )
                    issues.append(
                        ValidationIssue(
                            name,
                            cell.row,
                            f"{header_name} (kolom {letter})",
                            str(cell.value),
                            "formule in de cel",
                            "typ de waarde zelf in plaats van een formule",
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
        sheets.append(sheet)
    return ReadResult(sheets, issues)
