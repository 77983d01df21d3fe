"""Shared by the steward tests: a valid local-status CSV, and running the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from typer.testing import CliRunner, Result

from azwa_analysis import Tables, load_tables
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean import run
from azwa_analysis.cli import app

LOCAL_HEADER = (
    "Gemeentecode;Interventie;Status;Toelichting;Financieringsbron;Stroom;"
    "Laatste jaar financiering;Bron"
)
GOOD_ROW = "GM1954;Valpreventie;pilot;in 2 kernen;GALA;Brede SPUK GALA;2026;Raadsbesluit 2026-14"
GOOD_CSV = f"{LOCAL_HEADER}\n{GOOD_ROW}\nGM1954;Kansrijke Start;geïmplementeerd;;;;;Nota 2026\n"
FORMULA_STARTS = ("=", "+", "-", "@")
IMPORTED_NAME = re.compile(r"^\d{8}T\d{12}Z_[0-9a-f]{8}$")
SOURCE_FIELDS = ("source_document", "source_location", "source_quote", "note")
EARLY = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def invoke(*args: str) -> Result:
    """Run the CLI; an exception other than the exit itself would be a traceback for a user."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "300"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def raw_checksums(paths: DataPaths) -> dict[str, str]:
    """sha256 of every file under data/raw, by its path there: to see that nothing changed."""
    return {
        str(p.relative_to(paths.raw)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.raw.rglob("*"))
        if p.is_file()
    }


def built_tables(paths: DataPaths) -> Tables:
    run(paths)
    return load_tables(paths)
