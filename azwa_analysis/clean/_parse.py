"""Raw CSV text into frames typed by a schema: nothing guessed, every bad cell reported."""

from __future__ import annotations

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
    if not text.strip():
        return pl.DataFrame(), [ValidationIssue.whole_file(file, "bestand is leeg")]
    raw = pl.read_csv(
        io.StringIO(text),
        infer_schema=False,
        truncate_ragged_lines=False,
    )
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
