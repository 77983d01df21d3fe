"""The command line for stewards: exit codes, Dutch messages, reports, misuse."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from azwa_analysis import Tables
from azwa_analysis._io import read_sidecar
from azwa_analysis._paths import DataPaths
from tests.steward._helpers import (
    GOOD_CSV,
    GOOD_ROW,
    IMPORTED_NAME,
    LOCAL_HEADER,
    invoke,
    write,
)


def test_cli_validate_exits_0_for_a_valid_file(template: Path) -> None:
    """A valid file: exit 0 and a Dutch all-clear."""
    result = invoke("validate", str(template))
    assert result.exit_code == 0
    assert "Geen problemen gevonden in beekdaelen.xlsx" in result.output


def test_cli_validate_exits_1_with_a_dutch_table(tmp_path: Path) -> None:
    """An invalid file: exit 1 and a table with file, row, column, value, rule and fix."""
    path = write(
        tmp_path / "stand.csv",
        f"{LOCAL_HEADER}\n{GOOD_ROW}\nGM9999;Kansrijke Start;pilot;;;;;Nota 2026\n",
    )
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    for text in ("Bestand", "Rij", "Probleem", "Oplossing", "stand.csv", "GM9999"):
        assert text in result.output
    assert "onbekende gemeentecode GM9999" in result.output
    assert "bedoelde u GM1954 Beekdaelen?" in result.output


def test_cli_table_shows_bracketed_input_verbatim(tmp_path: Path) -> None:
    """Values that look like terminal markup are printed as they are, not interpreted."""
    path = write(
        tmp_path / "[red]stand.csv",
        f"{LOCAL_HEADER}\nGM1954;Valpreventie;\\[/x];;;;;Nota [b] 2026\n"
        "GM1954;Kansrijke Start;[/bold];;;;;Nota 2026\n"
        "GM1954;Gezonde school;:smile:;;;;;Nota 2026\n",
    )
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert "\\[/x]" in result.output
    assert "[/bold]" in result.output
    assert "[red]stand.csv" in result.output
    assert ":smile:" in result.output


def test_cli_validate_reports_several_files_together(template: Path, tmp_path: Path) -> None:
    """Several files: one report, exit 1 when any has a problem."""
    bad = write(tmp_path / "fout.csv", f"{LOCAL_HEADER}\nGM1954;Valpreventie;;;;;;Nota 2026\n")
    result = invoke("validate", str(template), str(bad), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["files"] == ["beekdaelen.xlsx", "fout.csv"]
    assert report["ok"] is False
    assert report["count"] == 1
    assert report["issues"][0] == {
        "file": "fout.csv",
        "row": 2,
        "column": "Status (kolom C)",
        "value": None,
        "rule": "verplicht veld is leeg",
        "hint": "geïmplementeerd, pilot, in voorbereiding of niet geïmplementeerd.",
        "sheet": None,
    }


def test_cli_validate_json_for_a_valid_file(template: Path) -> None:
    """JSON for a valid file says ok with no issues."""
    result = invoke("validate", str(template), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "files": ["beekdaelen.xlsx"],
        "ok": True,
        "count": 0,
        "issues": [],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "bestaat_niet.csv"], "bestand niet gevonden"),
        (["validate", "{template}", "--format", "pdf"], "--format moet table, json of html zijn"),
        (["validate", "{folder}"], "bestand niet gevonden"),
        (["validate"], ""),
        (["import", "bestaat_niet.xlsx", "--door", "Piet"], "bestand niet gevonden"),
        (["import", "{template}", "--door", "<b>Piet</b>"], "--door"),
        (["import", "{template}", "--door", "=Piet"], "--door"),
        (["template", "--out", "{folder}/x.csv"], "--out moet eindigen op .xlsx"),
        (["template", "--out", "{folder}/x.xlsx", "-m", "Nergenshuizen"], "Fout"),
    ],
    ids=[
        "missing-file",
        "bad-format",
        "folder",
        "no-file",
        "import-missing-file",
        "import-markup-in-door",
        "import-formula-in-door",
        "template-not-xlsx",
        "template-unknown-municipality",
    ],
)
def test_cli_misuse_exits_2(
    args: list[str], message: str, template: Path, built: DataPaths, tmp_path: Path
) -> None:
    """Misuse (no such file, a bad option) exits 2 with a message and writes nothing."""
    filled = [a.format(template=template, folder=tmp_path) for a in args]
    before = sorted(tmp_path.iterdir())
    result = invoke(*filled, "--data-dir", str(built.root))
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(tmp_path.iterdir()) == before


def test_cli_template_for_a_municipality_by_name(
    tables: Tables, built: DataPaths, tmp_path: Path
) -> None:
    """`azwa template --municipality Beekdaelen` writes the forms, lists, checks and its rows."""
    out = tmp_path / "x.xlsx"
    result = invoke(
        "template", "--out", str(out), "--municipality", "Beekdaelen", "--data-dir", str(built.root)
    )
    assert result.exit_code == 0
    assert "vooraf ingevuld voor GM1954" in result.output
    book = openpyxl.load_workbook(out)
    for name in ("Instructies", "Lokale stand", "Officiële bedragen"):
        assert name in book.sheetnames
    for name in ("Lokale stand", "Officiële bedragen"):
        assert book[name].data_validations.dataValidation
    rows = [r for r in book["Lokale stand"].iter_rows(min_row=2, values_only=True) if any(r)]
    expected = tables.local_status.filter(pl.col("municipality_code") == "GM1954").height
    assert len(rows) == expected > 0
    assert {r[0] for r in rows} == {"GM1954"}


def test_cli_import_refuses_an_invalid_file_and_writes_nothing(
    imports: DataPaths, tmp_path: Path
) -> None:
    """An invalid file: exit 1, the problems in Dutch, 'Niets ingelezen', data/raw unchanged."""
    path = write(tmp_path / "fout.csv", f"{LOCAL_HEADER}\nGM0398;Valpreventie;pilot;;;;;Nota\n")
    before = sorted(p.relative_to(imports.root) for p in imports.root.rglob("*"))
    result = invoke(
        "import", str(path), "--door", "Piet", "-g", "GM1954", "--data-dir", str(imports.root)
    )
    assert result.exit_code == 1
    assert "bestaat niet meer na een herindeling" in result.output
    assert "Niets ingelezen" in result.output
    assert sorted(p.relative_to(imports.root) for p in imports.root.rglob("*")) == before


def test_cli_import_stores_a_valid_file(imports: DataPaths, tmp_path: Path) -> None:
    """A valid file: exit 0, one new submission folder, what it replaces, and a pointer to
    azwa build."""
    path = write(tmp_path / "stand.csv", GOOD_CSV)
    result = invoke(
        "import",
        str(path),
        "--door",
        "Piet, Beekdaelen",
        "--gemeente",
        "Beekdaelen",
        "--data-dir",
        str(imports.root),
    )
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("Ingelezen als ")]
    folder = Path(line.split(": ", 1)[1].rsplit(" (", 1)[0])
    assert folder.parent == imports.raw / "imports"
    assert IMPORTED_NAME.match(folder.name)
    written = folder / "lokale_stand" / "GM1954.csv"
    assert read_sidecar(written)["producer"] == "Piet, Beekdaelen"
    assert "GM1954 Beekdaelen, lokale stand: " in result.output
    assert "rijen vervangen door 2" in result.output
    assert "azwa build" in result.output
