"""Fuzzing: corrupted files and random cell values never raise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from typer.testing import CliRunner

from azwa_analysis import Tables
from azwa_analysis.cli import app
from azwa_analysis.steward import validate_file
from tests._fuzz import EDITS, corrupt, fuzzing
from tests.steward._helpers import (
    GOOD_CSV,
)

FUZZ = fuzzing(60)


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
@given(edits=EDITS, output=_formats, suffix=st.sampled_from([".csv", ".txt"]))
def test_corrupted_csv_never_raises(
    tables: Tables, fuzz_folder: Path, edits: list[tuple[str, int, int]], output: str, suffix: str
) -> None:
    """Random byte flips, insertions, deletions and truncations of a valid CSV."""
    path = fuzz_folder / f"stand{suffix}"
    path.write_bytes(corrupt(GOOD_CSV.encode("utf-8"), edits))
    _never_raises(path, tables, output)


@FUZZ
@given(edits=EDITS, output=_formats)
def test_corrupted_xlsx_bytes_never_raise(
    tables: Tables,
    template: Path,
    fuzz_folder: Path,
    edits: list[tuple[str, int, int]],
    output: str,
) -> None:
    """Random byte damage to a valid template."""
    path = fuzz_folder / "kapot.xlsx"
    path.write_bytes(corrupt(template.read_bytes(), edits))
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
