"""Raw CSV text into frames typed by a schema: nothing guessed, every bad cell reported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pandera.polars as pa
import polars as pl

from azwa_analysis._issues import HEADER_LINES, ValidationIssue
from azwa_analysis.schemas._common import LIST_SEPARATOR, SOURCE_COLUMNS

_INT = re.compile(r"^-?\d+$")


_FLOAT = re.compile(r"^-?\d+(\.\d+)?$")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def schema_input_columns(model: type[pa.DataFrameModel]) -> dict[str, pl.DataType]:
    """Columns a raw file must have: the schema's columns minus the derived ones."""
    schema = model.to_schema()
    columns = {
        name: column.dtype.type
        for name, column in schema.columns.items()
        if not (column.metadata or {}).get("derived")
    }
    # The source columns come first in the base model; in files they read best last.
    return {
        **{k: v for k, v in columns.items() if k not in SOURCE_COLUMNS},
        **{k: v for k, v in columns.items() if k in SOURCE_COLUMNS},
    }


def parse_table(
    text: str, model: type[pa.DataFrameModel], *, file: str
) -> tuple[pl.DataFrame, list[ValidationIssue]]:
    """Parse CSV text into a frame typed by ``model``; report every header and cell problem.

    Cells are read as text first, so nothing is guessed: an integer column accepts only
    digits, a boolean only ``true``/``false``, a list column splits on ``;``. A cell that does
    not parse becomes null and is reported with its row (header = row 1) and column.
    The returned frame has the columns in schema order (missing ones filled with nulls).
    """
    issues: list[ValidationIssue] = []
    expected = schema_input_columns(model)
    raw, read_issues = read_csv_strings(text, file=file)
    if raw is None:
        return pl.DataFrame(), read_issues
    issues.extend(read_issues)
    for name in raw.columns:
        if name not in expected:
            issues.append(
                ValidationIssue(
                    file,
                    HEADER_LINES,
                    name,
                    None,
                    "onbekende kolom",
                    "verwijder de kolom of controleer de spelling",
                )
            )
    columns: list[pl.Series] = []
    for name, dtype in expected.items():
        if name not in raw.columns:
            issues.append(
                ValidationIssue(file, HEADER_LINES, name, None, "verplichte kolom ontbreekt")
            )
            columns.append(pl.Series(name, [None] * raw.height).cast(_polars_dtype(dtype)))
            continue
        series, cell_issues = _parse_column(raw[name], dtype, file=file)
        columns.append(series)
        issues.extend(cell_issues)
    return pl.DataFrame(columns), issues


def read_csv_strings(text: str, *, file: str) -> tuple[pl.DataFrame | None, list[ValidationIssue]]:
    """Every cell as text (None for an empty one), with the rows a spreadsheet shows; a ragged
    row or a quote that is not closed is reported with its row, never raised."""
    if not text.strip():
        return None, [
            ValidationIssue.whole_file(
                file,
                "bestand is leeg",
                "herstel het bestand (uit git of uit de oorspronkelijke aanlevering)",
            )
        ]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    issues: list[ValidationIssue] = []
    try:
        header = next(reader)
        rows.extend(reader)
    except csv.Error as error:
        issues.append(
            ValidationIssue(
                file,
                len(rows) + HEADER_LINES + 1,
                None,
                None,
                f"CSV niet te lezen vanaf deze rij ({_csv_problem(str(error))})",
                'sluit het aanhalingsteken (") of zet de hele cel tussen aanhalingstekens',
            )
        )
        return None, issues
    if len(set(header)) != len(header):
        twice = sorted({name for name in header if header.count(name) > 1})
        issues.append(
            ValidationIssue(file, HEADER_LINES, twice[0], None, "kolom staat er twee keer in")
        )
        return None, issues
    kept: list[list[str | None]] = []
    for index, row in enumerate(rows):
        if not row:  # a blank line
            continue
        if len(row) != len(header):
            issues.append(
                ValidationIssue(
                    file,
                    index + HEADER_LINES + 1,
                    None,
                    f"{len(row)} cellen",
                    f"rij heeft {len(row)} cellen, de kopregel {len(header)}",
                    "controleer de komma's in deze rij; een tekst met een komma staat tussen "
                    "aanhalingstekens",
                )
            )
            row = (row + [""] * len(header))[: len(header)]
        kept.append([cell if cell != "" else None for cell in row])
    frame = pl.DataFrame(
        {name: [row[i] for row in kept] for i, name in enumerate(header)},
        schema=dict.fromkeys(header, pl.String),
    )
    return frame, issues


def _csv_problem(error: str) -> str:
    if "unexpected end of data" in error:
        return "een aanhalingsteken wordt niet gesloten"
    if "expected after" in error:
        return "tekst na een sluitend aanhalingsteken"
    if "field larger than field limit" in error:
        return "een cel is te lang"
    return "ongeldige opbouw"


def _polars_dtype(dtype: Any) -> pl.DataType:
    return dtype if isinstance(dtype, pl.DataType) else dtype()


def _parse_column(
    values: pl.Series, dtype: Any, *, file: str
) -> tuple[pl.Series, list[ValidationIssue]]:
    issues: list[ValidationIssue] = []
    out: list[Any] = []
    target = _polars_dtype(dtype)
    for index, cell in enumerate(values.to_list()):
        text = None if cell is None else str(cell).strip()
        if text == "":
            text = None
        if text is None:
            out.append([] if isinstance(target, pl.List) else None)
            continue
        try:
            out.append(_parse_cell(text, target))
        except ValueError as err:
            issues.append(
                ValidationIssue(file, index + HEADER_LINES + 1, values.name, text, str(err))
            )
            out.append(None)
    return pl.Series(values.name, out, dtype=target), issues


def _parse_cell(text: str, target: pl.DataType) -> Any:
    if isinstance(target, pl.List):
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    if target == pl.Int64:
        if not _INT.match(text):
            raise ValueError("geen geheel getal (gebruik alleen cijfers, zonder punten of komma's)")
        return int(text)
    if target == pl.Float64:
        if not _FLOAT.match(text):
            raise ValueError(
                "geen getal (gebruik een punt als decimaalteken, zonder duizendtallen)"
            )
        return float(text)
    if target == pl.Boolean:
        lowered = text.lower()
        if lowered not in ("true", "false"):
            raise ValueError("geen ja/nee-waarde (gebruik true of false)")
        return lowered == "true"
    if target == pl.Date:
        if not _DATE.match(text):
            raise ValueError("geen datum (gebruik JJJJ-MM-DD)")
        try:
            return dt.date.fromisoformat(text)
        except ValueError as err:
            raise ValueError("datum bestaat niet") from err
    return text
