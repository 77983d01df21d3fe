"""An import says whose data it replaces: rows for a municipality that was not stated are
refused, and the import prints per municipality 'n rijen vervangen door m'."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from azwa_analysis import load_tables
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean import run
from tests.steward._helpers import LOCAL_HEADER, invoke, raw_checksums, write

ARNHEM = "GM0202;Valpreventie;pilot;;;;;Raadsbesluit Arnhem 2026"
BEEKDAELEN = "GM1954;Valpreventie;pilot;;;;;Raadsbesluit 2026-14"


def _rows(paths: DataPaths, code: str) -> int:
    return load_tables(paths).local_status.filter(pl.col("municipality_code") == code).height


def test_a_stray_row_for_another_municipality_is_refused(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """A Beekdaelen file with one row for Arnhem: refused at that row (exit 1), nothing
    written, and Arnhem keeps its 8 rows instead of being replaced by one."""
    run(data_copy)
    arnhem = _rows(data_copy, "GM0202")
    assert arnhem > 1
    path = write(tmp_path / "beekdaelen.csv", f"{LOCAL_HEADER}\n{BEEKDAELEN}\n{ARNHEM}\n")
    before = raw_checksums(data_copy)
    result = invoke(
        "import", str(path), "--door", "Piet", "-g", "GM1954", "--data-dir", str(data_copy.root)
    )
    assert result.exit_code == 1
    assert "rij voor GM0202 Arnhem, maar de aanlevering is alleen voor GM1954" in result.output
    assert "--gemeente GM0202" in result.output
    assert raw_checksums(data_copy) == before
    run(data_copy)
    assert _rows(data_copy, "GM0202") == arnhem


def test_a_stated_municipality_without_rows_is_refused(imports: DataPaths, tmp_path: Path) -> None:
    """`-g GM1954 -g GM0202` for a file with only Beekdaelen's rows: refused, so no
    municipality's state is emptied by a slip of the keyboard."""
    path = write(tmp_path / "beekdaelen.csv", f"{LOCAL_HEADER}\n{BEEKDAELEN}\n")
    before = raw_checksums(imports)
    result = invoke(
        "import",
        str(path),
        "--door",
        "Piet",
        "-g",
        "GM1954",
        "-g",
        "Arnhem",
        "--data-dir",
        str(imports.root),
    )
    assert result.exit_code == 1
    assert "--gemeente GM0202 (Arnhem) opgegeven, maar het bestand heeft geen rijen" in (
        result.output
    )
    assert raw_checksums(imports) == before


def test_a_national_file_replaces_each_municipality_in_it_and_says_so(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """`--landelijk`: every municipality with rows is replaced, and the import says how many
    rows each had and has."""
    run(data_copy)
    arnhem, beekdaelen = _rows(data_copy, "GM0202"), _rows(data_copy, "GM1954")
    path = write(tmp_path / "landelijk.csv", f"{LOCAL_HEADER}\n{BEEKDAELEN}\n{ARNHEM}\n")
    result = invoke(
        "import", str(path), "--door", "VNG", "--landelijk", "--data-dir", str(data_copy.root)
    )
    assert result.exit_code == 0, result.output
    assert f"GM0202 Arnhem, lokale stand: {arnhem} rijen vervangen door 1" in result.output
    assert f"GM1954 Beekdaelen, lokale stand: {beekdaelen} rijen vervangen door 1" in (
        result.output
    )
    run(data_copy)
    assert _rows(data_copy, "GM0202") == _rows(data_copy, "GM1954") == 1
    again = invoke(
        "import", str(path), "--door", "VNG", "--landelijk", "--data-dir", str(data_copy.root)
    )
    assert "GM0202 Arnhem, lokale stand: 1 rijen vervangen door 1" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--door", "", "-g", "GM1954"], "--door"),
        (["--door", "   ", "-g", "GM1954"], "--door"),
        (["--door", "\u200b\u200b", "-g", "GM1954"], "--door"),
        (["--door", "P"], "--door"),
        (["--door", "Piet"], "--gemeente"),
        (["--door", "Piet", "-g", "GM1954", "--landelijk"], "--landelijk"),
        (["--door", "Piet", "-g", "¹"], "--gemeente"),
        (["--door", "Piet", "-g", "9" * 5000], "--gemeente"),
        (["--door", "Piet", "-g", "Nergenshuizen"], "--gemeente"),
    ],
    ids=[
        "empty-door",
        "blank-door",
        "invisible-door",
        "one-letter-door",
        "no-scope",
        "both-scopes",
        "superscript-code",
        "5000-digits",
        "unknown-municipality",
    ],
)
def test_import_misuse_exits_2_and_writes_nothing(
    imports: DataPaths, tmp_path: Path, args: list[str], message: str
) -> None:
    """An empty `--door` (which made every later build fail), no or two scopes, a code that
    is no municipality: exit 2 with a Dutch message, before anything is written."""
    path = write(tmp_path / "beekdaelen.csv", f"{LOCAL_HEADER}\n{BEEKDAELEN}\n")
    before = raw_checksums(imports)
    result = invoke("import", str(path), *args, "--data-dir", str(imports.root))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Interne fout" not in result.output
    assert raw_checksums(imports) == before
