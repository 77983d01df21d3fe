"""How corpus cases are made: valid rows to edit, and makers that write a file from text,
bytes or the prefilled template."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

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
ADVISER_HEADER = "Gemeentecode;Onderdeel;Tekst;Auteur;Datum"
OFFICIAL = {
    "code": "GM1954",
    "stream": "SPUK IZA",
    "year": "2026",
    "amount": "€ 250.000",
    "document": "Beschikking VWS 2026-0001",
    "by": "Beleidsadviseur Beekdaelen",
    "on": "22-11-2026",
}


ADVISER = {
    "code": "GM1954",
    "part": "Aanleiding",
    "text": "De raad vroeg in maart om de stand van het AZWA.",
    "author": "J. de Vries, beleidsadviseur",
    "on": "20-11-2026",
}


def local(**changes: str) -> str:
    """One valid semicolon row of the local-status form (columns in LOCAL_HEADER's order)."""
    assert set(changes) <= set(LOCAL)
    return ";".join({**LOCAL, **changes}.values())


def official(**changes: str) -> str:
    """One valid semicolon row of the official-amounts form."""
    assert set(changes) <= set(OFFICIAL)
    return ";".join({**OFFICIAL, **changes}.values())


def adviser(**changes: str) -> str:
    """One valid semicolon row of the adviser's form ('Toelichting adviseur')."""
    assert set(changes) <= set(ADVISER)
    return ";".join({**ADVISER, **changes}.values())


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
    return append_row(
        "Officiële bedragen",
        {
            "code": "GM1954",
            "stream": "SPUK IZA",
            "year": 2026,
            "amount": 250000,
            "document": "Beschikking VWS 2026-0001",
            "by": "Beleidsadviseur Beekdaelen",
            "on": dt.date(2026, 11, 22),
            **values,
        },
    )


def adviser_row(**values: object) -> Callable[[Any], object]:
    """Append one row to 'Toelichting adviseur' (row 2), valid unless overridden."""
    return append_row(
        "Toelichting adviseur",
        {
            "code": "GM1954",
            "part": "Vervolg",
            "text": "In het derde kwartaal volgt het regioplan.",
            "author": "J. de Vries, beleidsadviseur",
            "on": dt.date(2026, 11, 20),
            **values,
        },
    )


def append_row(sheet: str, row: dict[str, object]) -> Callable[[Any], object]:
    def edit(book: Any) -> None:
        book[sheet].append(list(row.values()))

    return edit


def sparse(path: Path, template: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)


def sparse_of(size: int) -> Maker:
    def make(path: Path, template: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def encrypted_workbook() -> bytes:
    """What Excel writes for a workbook with a password: an OLE compound file holding the
    streams 'EncryptionInfo' and 'EncryptedPackage' instead of a zip."""
    names = b"".join(
        n.encode("utf-16-le").ljust(64, b"\0") for n in ("EncryptionInfo", "EncryptedPackage")
    )
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + names + bytes(1024)


def hide_row(sheet: str, row: int) -> Callable[[Any], object]:
    def edit(book: Any) -> None:
        book[sheet].row_dimensions[row].hidden = True

    return edit


def hide_column(sheet: str, letter: str) -> Callable[[Any], object]:
    def edit(book: Any) -> None:
        book[sheet].column_dimensions[letter].hidden = True

    return edit


def zip_members(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb(path: Path, template: Path) -> None:
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(101):
                member.write(chunk)
        archive.writestr("[Content_Types].xml", "<Types/>")


def empty_workbook(path: Path, template: Path) -> None:
    openpyxl.Workbook().save(path)


def clear_local(book: Any) -> None:
    """The prefilled rows gone from every form sheet."""
    for name in ("Lokale stand", "Officiële bedragen", "IZA-regio", "Toelichting adviseur"):
        sheet = book[name]
        sheet.delete_rows(2, sheet.max_row)


def hidden_sheet(book: Any) -> None:
    sheet = book.create_sheet("Extra")
    sheet["A1"] = "Gemeentecode"
    sheet["A2"] = "GM1954"
    sheet.sheet_state = "hidden"


def very_hidden_form(book: Any) -> None:
    official_row()(book)
    book["Officiële bedragen"].sheet_state = "veryHidden"


def unknown_sheet(book: Any) -> None:
    sheet = book.create_sheet("Blad1")
    sheet.append(["Naam", "Bedrag"])
    sheet.append(["Beekdaelen", 1000])


def form_twice(book: Any) -> None:
    sheet = book.create_sheet("lokale_stand")
    sheet.append([cell.value for cell in book["Lokale stand"][1]])
    sheet.append(["GM1954", "Gezonde school", "pilot", None, None, None, None, "Nota 2026"])


def unknown_column(book: Any) -> None:
    book["Lokale stand"]["I1"] = "Opmerking"


def header_moved_down(book: Any) -> None:
    book["Lokale stand"].insert_rows(1, 2)


def rows(count: int) -> Maker:
    def make(path: Path, template: Path) -> None:
        with path.open("w", encoding="utf-8") as handle:
            handle.write(LOCAL_HEADER + "\n")
            for _ in range(count):
                handle.write(local() + "\n")

    return make
