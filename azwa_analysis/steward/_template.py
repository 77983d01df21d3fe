"""``azwa template``: an Excel workbook generated from the forms, with drop-down lists, input
checks, Dutch help and — for a municipality — its current data prefilled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from azwa_analysis._io import write_bytes_atomic
from azwa_analysis._tables import Tables
from azwa_analysis._vocab import ADVISER_PART_LABELS, LOCAL_STATUS_LABELS
from azwa_analysis.steward._forms import ADVISER, FORMS, LOCAL_STATUS, REGION, Column, Form
from azwa_analysis.steward._parse import neutralise
from azwa_analysis.steward._read import LIST_SHEET

ROWS = 500  # rows with input validation in each form sheet

INSTRUCTIONS = [
    "Invoersjabloon azwa-analysis",
    "",
    "Met dit werkboek levert u gegevens aan die niet in de landelijke documenten staan.",
    "Blad 'Lokale stand': per interventie de stand in uw gemeente, de financiering en het "
    "laatste jaar waarin er geld is.",
    "Blad 'Officiële bedragen': bedragen uit beschikkingen of circulaires, per stroom en jaar, "
    "in hele euro's.",
    "Blad 'IZA-regio': de IZA-regio van uw gemeente, als de landelijke bronnen die niet noemen "
    "(de regio krijgt de SPUK IZA via haar mandaatgemeente).",
    "Blad 'Toelichting adviseur': uw eigen tekst voor de raadsinformatiebrief per onderdeel "
    "(Aanleiding, Standpunt van het college, Vervolg, Vraag aan de raad), met auteur en datum; "
    "een nieuwe alinea in een cel met Alt+Enter.",
    "",
    "Zo werkt het:",
    "1. Vul de bladen in; kies waar een lijstje verschijnt een waarde uit de lijst.",
    "2. Houd de kopjes in rij 1 zoals ze zijn; de uitleg staat in de opmerking bij elk kopje.",
    "3. Geen formules, samengevoegde cellen, verborgen bladen, rijen of kolommen, "
    "Excel-foutwaarden (#N/B, #DEEL/0!) of onzichtbare tekens: die worden geweigerd.",
    "4. Controleer het bestand: azwa validate <bestand>.xlsx (u krijgt per probleem de rij, "
    "kolom en een oplossing).",
    "5. Lees het in: azwa import <bestand>.xlsx --door '<uw naam, gemeente>' --gemeente "
    "<uw gemeentecode>. Rijen voor andere gemeenten worden geweigerd.",
    "",
    "Bedragen (kolom 'Bedrag (€)') in hele euro's, in Nederlandse notatie: 80000, 80.000, "
    "80.000,00 of € 80.000. Geweigerd worden: Engelse notatie zoals 80,000 of 1,234.56 "
    "(een komma voor drie cijfers is een duizendtal, geen decimaalteken), centen "
    "(80.000,50), 'mln' en negatieve bedragen.",
    "Datums als 22-11-2026, tussen 2015 en 2040; jaartallen tussen 2015 en 2040.",
    "",
    "Let op: een aanlevering is de volledige stand van uw gemeente. De nieuwste aanlevering "
    "vervangt eerdere aanleveringen en de gegevens uit de brieven voor uw gemeente; eerdere "
    "bestanden blijven bewaard.",
]


def _lists(tables: Tables) -> dict[str, list[str]]:
    municipalities = tables.municipalities.sort("municipality_code")
    return {
        "gemeenten": municipalities["municipality_code"].to_list(),
        "gemeentenamen": [
            f"{c} {n}" for c, n in municipalities.select("municipality_code", "name").iter_rows()
        ],
        "interventies": sorted(tables.interventions["name"].to_list(), key=str.casefold),
        "status": list(LOCAL_STATUS_LABELS.values()),
        "stromen": tables.streams.sort("name")["name"].to_list(),
        "regios": tables.iza_regions.sort("name")["name"].to_list(),
        "onderdelen": list(ADVISER_PART_LABELS.values()),
    }


def _prefill(tables: Tables, form: Form, code: str | None) -> list[dict[str, Any]]:
    if code is None:
        return []
    names = dict(tables.interventions.select("intervention_id", "name").iter_rows())
    streams = dict(tables.streams.select("stream_id", "name").iter_rows())
    titles = dict(tables.documents.select("document", "short_title").iter_rows())
    rows: list[dict[str, Any]] = []
    if form is LOCAL_STATUS:
        local = tables.local_status.filter(pl.col("municipality_code") == code)
        for row in local.sort("intervention_id").iter_rows(named=True):
            source = titles.get(row["source_document"], row["source_document"])
            rows.append(
                {
                    "municipality_code": code,
                    "intervention_id": names.get(row["intervention_id"], row["intervention_id"]),
                    "status": LOCAL_STATUS_LABELS[row["status"]],
                    "detail": row["detail"],
                    "funding_source": row["funding_source"],
                    "funding_stream_id": streams.get(row["funding_stream_id"] or ""),
                    "funding_ends_year": row["funding_ends_year"],
                    "source": f"{source}, regel {row['source_location']}",
                }
            )
    elif form is REGION:
        regions = dict(tables.iza_regions.select("region_id", "name").iter_rows())
        members = tables.region_members.filter(pl.col("municipality_code") == code)
        for row in members.iter_rows(named=True):
            source = titles.get(row["source_document"], row["source_document"])
            rows.append(
                {
                    "municipality_code": code,
                    "region_id": regions.get(row["region_id"], row["region_id"]),
                    "source": f"{source}, {row['source_location']}",
                }
            )
    elif form is ADVISER:
        texts = tables.adviser_texts.filter(pl.col("municipality_code") == code)
        for row in texts.iter_rows(named=True):  # in the briefing's order of parts
            rows.append(
                {
                    "municipality_code": code,
                    "part": ADVISER_PART_LABELS[row["part"]],
                    "text": row["text"],
                    "author": row["author"],
                    "written_on": row["written_on"],
                }
            )
    else:
        official = tables.official_allocations.filter(pl.col("municipality_code") == code)
        for row in official.iter_rows(named=True):
            rows.append({**row, "stream_id": streams.get(row["stream_id"], row["stream_id"])})
    return rows


def write_template(tables: Tables, output: Path, *, municipality: str | None = None) -> Path:
    """Write the workbook (atomically) and return its path."""
    import io

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True})
    title = book.add_format({"bold": True, "font_size": 14})
    looks = {
        "amount": (16, book.add_format({"num_format": "€ #,##0"})),
        "date": (16, book.add_format({"num_format": "dd-mm-yyyy"})),
        "paragraphs": (80, book.add_format({"text_wrap": True, "valign": "top"})),
    }

    info = book.add_worksheet("Instructies")
    info.set_column(0, 0, 110)
    for index, line in enumerate(INSTRUCTIONS):
        info.write_string(index, 0, line, title if index == 0 else None)
    if municipality:
        info.write_string(
            len(INSTRUCTIONS) + 1, 0, f"Vooraf ingevuld met de huidige gegevens van {municipality}."
        )

    lists = _lists(tables)
    list_sheet = book.add_worksheet(LIST_SHEET)
    ranges: dict[str, str] = {}
    for col, (name, values) in enumerate(lists.items()):
        list_sheet.write_string(0, col, name)
        for position, item in enumerate(values, start=1):
            list_sheet.write_string(position, col, item)
        letter = xl_col_to_name(col)
        ranges[name] = f"={LIST_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    list_sheet.hide()

    for form in FORMS:
        sheet = book.add_worksheet(form.sheet)
        sheet.freeze_panes(1, 0)
        column_looks = [_look(column, looks) for column in form.columns]
        for col, column in enumerate(form.columns):
            sheet.write_string(0, col, column.header, bold)
            sheet.write_comment(0, col, column.help, {"x_scale": 2, "y_scale": 1.2})
            sheet.set_column(col, col, *column_looks[col])
            _validation(sheet, col, column, ranges)
        for row_index, row in enumerate(_prefill(tables, form, municipality), start=1):
            for col, column in enumerate(form.columns):
                cell_value = row.get(column.name)
                look = column_looks[col][1]
                if cell_value is None:
                    continue
                if isinstance(cell_value, dt.date):
                    day = dt.datetime(cell_value.year, cell_value.month, cell_value.day)
                    sheet.write_datetime(row_index, col, day, look)
                elif isinstance(cell_value, int):
                    sheet.write_number(row_index, col, cell_value, look)
                else:
                    sheet.write_string(row_index, col, neutralise(str(cell_value)), look)
    book.close()
    write_bytes_atomic(output, buffer.getvalue())
    return output


def _look(column: Column, looks: dict[str, tuple[int, Any]]) -> tuple[int, Any]:
    """Width and cell format of a form column: euros, dates, wrapped paragraphs, or plain."""
    if column.multiline:
        return looks["paragraphs"]
    if column.kind in looks:
        return looks[column.kind]
    return (34 if column.kind == "text" else 18), None


def _validation(sheet: Any, col: int, column: Column, ranges: dict[str, str]) -> None:
    first, last = 1, ROWS
    common = {
        "input_title": column.header[:32],
        "input_message": column.help[:255],
        "error_title": "Ongeldige waarde",
        "ignore_blank": True,
    }
    if column.kind == "year":
        sheet.data_validation(
            first,
            col,
            last,
            col,
            {
                "validate": "integer",
                "criteria": "between",
                "minimum": 2015,
                "maximum": 2040,
                "error_message": "Een jaartal tussen 2015 en 2040.",
                **common,
            },
        )
    elif column.kind == "amount":
        sheet.data_validation(
            first,
            col,
            last,
            col,
            {
                "validate": "integer",
                "criteria": "between",
                "minimum": 0,
                "maximum": 2_000_000_000,
                "error_message": "Een bedrag in hele euro's, 0 of meer.",
                **common,
            },
        )
    elif column.kind == "date":
        sheet.data_validation(
            first,
            col,
            last,
            col,
            {
                "validate": "date",
                "criteria": "between",
                "minimum": dt.date(2015, 1, 1),
                "maximum": dt.date(2040, 12, 31),
                "error_message": "Een datum, bijvoorbeeld 22-11-2026.",
                **common,
            },
        )
    elif column.kind == "code":
        sheet.data_validation(
            first,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": ranges["gemeenten"],
                "error_message": "Kies een gemeentecode uit de lijst.",
                **common,
            },
        )
    elif column.choices in ranges:
        sheet.data_validation(
            first,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": ranges[column.choices],
                "error_message": "Kies een waarde uit de lijst.",
                **common,
            },
        )
    else:
        sheet.data_validation(
            first,
            col,
            last,
            col,
            {
                "validate": "length",
                "criteria": "between",
                "minimum": column.min_length,
                "maximum": column.max_length,
                "error_message": f"Tussen {column.min_length} en {column.max_length} tekens."
                if column.min_length
                else f"Maximaal {column.max_length} tekens.",
                **common,
            },
        )
