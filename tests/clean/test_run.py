"""`azwa build`: all or nothing, errors a steward can act on, no work when nothing changed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from azwa_analysis._io import read_sidecar, sha256_file, write_sidecar
from azwa_analysis._issues import InputError
from azwa_analysis._paths import DataPaths
from azwa_analysis._tables import CLEAN_SCHEMAS, MANIFEST
from azwa_analysis.clean import run
from azwa_analysis.cli import app


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _edit(paths: DataPaths, relative: str, old: str, new: str, *, reseal: bool = True) -> None:
    """Change a raw file and (like a reviewer would) update its checksum."""
    path = paths.raw / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if reseal:
        meta = read_sidecar(path)
        meta["sha256"] = sha256_file(path)
        write_sidecar(path, meta)


def test_build_writes_every_clean_table_and_a_manifest(built: DataPaths) -> None:
    """Each clean table exists, validates against its schema, and the manifest records it."""
    manifest = json.loads((built.clean / MANIFEST).read_text(encoding="utf-8"))
    for name, model in CLEAN_SCHEMAS.items():
        frame = pl.read_parquet(built.clean / f"{name}.parquet")
        model.validate(frame)
        entry = manifest["outputs"][name]
        assert entry["rows"] == frame.height
        assert entry["sha256"] == sha256_file(built.clean / f"{name}.parquet")
    assert manifest["inputs"]["funding.csv"]["sha256"] == sha256_file(built.raw / "funding.csv")
    assert manifest["version"]


def test_second_build_with_unchanged_inputs_does_no_work(built: DataPaths) -> None:
    """A rerun reports that nothing needed doing and leaves the files untouched."""
    before = {p.name: p.stat().st_mtime_ns for p in built.clean.iterdir()}
    result = run(built)
    assert not result.built
    assert "niets te doen" in result.message
    assert {p.name: p.stat().st_mtime_ns for p in built.clean.iterdir()} == before


def test_a_wrong_amount_fails_with_file_row_column_value_and_leaves_clean_alone(
    data_copy: DataPaths,
) -> None:
    """BRC 2023 typed as 98,3 mln breaks the subtotal and the quote; clean/ is unchanged."""
    run(data_copy)
    before = _snapshot(data_copy.clean)
    _edit(
        data_copy,
        "funding.csv",
        "gala_brc,BRC,2,gala_totaal_sport_bewegen,2023,false,89300000",
        "gala_brc,BRC,2,gala_totaal_sport_bewegen,2023,false,98300000",
    )
    with pytest.raises(InputError) as caught:
        run(data_copy)
    issues = caught.value.issues
    on_amount = [i for i in issues if i.column == "amount_eur"]
    assert on_amount, caught.value
    assert all(i.file == f"{data_copy.raw}/funding.csv" for i in on_amount)
    assert any(i.value == "98300000" and i.row is not None for i in on_amount)
    assert any("subtotaal" in i.rule for i in issues)
    assert _snapshot(data_copy.clean) == before


def test_a_changed_quote_fails(data_copy: DataPaths) -> None:
    """A quote that is not in the document names the quote cell."""
    _edit(
        data_copy, "funding.csv", "1. Sportakkoord 13 13 13 10 10", "1. Sportakkoord 13 13 13 10 11"
    )
    with pytest.raises(InputError) as caught:
        run(data_copy)
    assert any(i.column == "source_quote" for i in caught.value.issues)


def test_a_broken_reference_fails(data_copy: DataPaths) -> None:
    """A funding line pointing at an unknown stream is named with a suggestion."""
    _edit(
        data_copy,
        "funding.csv",
        "gala_tabel_sportakkoord_2023,spuk_gala,",
        "gala_tabel_sportakkoord_2023,spuk_galla,",
    )
    with pytest.raises(InputError) as caught:
        run(data_copy)
    (issue,) = [i for i in caught.value.issues if i.column == "stream_id"]
    assert issue.value == "spuk_galla"
    assert issue.row == 2
    assert issue.hint is not None
    assert "spuk_gala" in issue.hint


def test_an_edit_without_a_new_checksum_is_refused(data_copy: DataPaths) -> None:
    """A raw file changed without review (checksum not updated) is reported on its sidecar."""
    _edit(data_copy, "funding.csv", "Sportakkoord,1,", "Sportakkoord ,1,", reseal=False)
    with pytest.raises(InputError) as caught:
        run(data_copy)
    assert any(i.column == "sha256" for i in caught.value.issues)


def test_cli_build_exits_1_with_dutch_messages_on_bad_input(data_copy: DataPaths) -> None:
    """The command prints each problem and exits 1; no traceback."""
    _edit(
        data_copy,
        "funding.csv",
        "gala_tabel_sportakkoord_2023,spuk_gala,",
        "gala_tabel_sportakkoord_2023,spuk_galla,",
    )
    result = CliRunner().invoke(app, ["build", "--data-dir", str(data_copy.root)])
    assert result.exit_code == 1
    assert "onbekende verwijzing" in result.output
    assert "Traceback" not in result.output


def test_cli_build_reports_row_counts(data_copy: DataPaths) -> None:
    """A successful build lists each table with its rows; a second says there is nothing to do."""
    runner = CliRunner()
    first = runner.invoke(app, ["build", "--data-dir", str(data_copy.root)])
    assert first.exit_code == 0, first.output
    assert "funding" in first.output
    second = runner.invoke(app, ["build", "--data-dir", str(data_copy.root)])
    assert "niets te doen" in second.output


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_clean_as_it_was(data_copy: DataPaths) -> None:
    """SIGKILL at staggered moments: data/clean is always the old complete set or the new one."""
    run(data_copy)
    old = _snapshot(data_copy.clean)
    env = {**os.environ, "AZWA_DATA_DIR": str(data_copy.root)}
    code = "from azwa_analysis._build import run; run(force=True)"
    outcomes = set()
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.2, 3.0):
        proc = subprocess.Popen([sys.executable, "-c", code], env=env)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        run(data_copy)  # recovery happens at the start of the next build
        now = _snapshot(data_copy.clean)
        manifest = json.loads(now[MANIFEST])
        for name, entry in manifest["outputs"].items():
            assert sha256_file(data_copy.clean / entry["file"]) == entry["sha256"], name
        outcomes.add(now == old)
        leftovers = [p.name for p in data_copy.root.iterdir() if p.name.startswith(".clean")]
        assert leftovers == [] or all(p.startswith(".clean-staging-") for p in leftovers)
