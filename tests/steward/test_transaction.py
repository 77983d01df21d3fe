"""An import is a transaction: all of a submission or nothing, under a lock, with names that
cannot collide; the build refuses what is incomplete and `azwa cleanup` sets it aside."""

from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from azwa_analysis import load_tables
from azwa_analysis._issues import InputError
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean import run
from azwa_analysis.clean._submissions import SUBMISSION_MANIFEST, scan_imports
from azwa_analysis.steward import Scope, import_file, write_template
from tests.steward._helpers import LOCAL_HEADER, invoke, write

AZWA = [sys.executable, "-m", "azwa_analysis.cli"]


def _raw_state(paths: DataPaths) -> dict[str, str]:
    return {
        str(p.relative_to(paths.raw)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.raw.rglob("*"))
        if p.is_file()
    }


def _national_workbook(paths: DataPaths, target: Path, count: int) -> tuple[Path, list[str]]:
    """A workbook with local status and an official amount for ``count`` municipalities: a
    submission of 2 × count CSV files."""
    tables = load_tables(paths)
    codes = tables.municipalities["municipality_code"].sort().to_list()[:count]
    path = write_template(tables, target)
    book = openpyxl.load_workbook(path)
    for code in codes:
        book["Lokale stand"].append(
            [code, "Valpreventie", "pilot", None, None, None, None, "Raadsbesluit 2026"]
        )
        book["Officiële bedragen"].append(
            [code, "SPUK IZA", 2026, 1000, "Beschikking 2026", "Piet", "22-11-2026"]
        )
    book.save(path)
    return path, codes


def _import_args(path: Path, paths: DataPaths, *scope: str) -> list[str]:
    return [*AZWA, "import", str(path), "--door", "Piet", *scope, "--data-dir", str(paths.root)]


def test_six_imports_at_once_each_keep_a_whole_submission_of_their_own(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """Six `azwa import` processes at the same moment: six complete submissions with six
    names, no CSV of one beside the sidecar of another, a build that passes, and the last
    one as Beekdaelen's state."""
    run(data_copy)
    files = [
        write(
            tmp_path / f"stand{n}.csv",
            f"{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;;;;;Raadsbesluit {n:04d}\n",
        )
        for n in range(6)
    ]
    processes = [
        subprocess.Popen(
            _import_args(path, data_copy, "--gemeente", "GM1954"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for path in files
    ]
    outputs = [p.communicate(timeout=300)[0] for p in processes]
    assert [p.returncode for p in processes] == [0] * 6, outputs
    scan = scan_imports(data_copy.raw)
    assert scan.issues == []
    folders = sorted(scan.manifests)
    assert len(folders) == 6
    reported = {
        line.split(": ", 1)[1].rsplit(" (", 1)[0]
        for o in outputs
        for line in o.splitlines()
        if line.startswith("Ingelezen als ")
    }
    assert len(reported) == 6
    for folder in folders:
        csv = data_copy.raw / folder / "lokale_stand" / "GM1954.csv"
        meta = (data_copy.raw / folder / "lokale_stand" / "GM1954.csv.meta.yml").read_text()
        assert hashlib.sha256(csv.read_bytes()).hexdigest() in meta
    run(data_copy)
    newest = (data_copy.raw / folders[-1] / "lokale_stand" / "GM1954.csv").read_text()
    mine = load_tables(data_copy).local_status.filter(pl.col("municipality_code") == "GM1954")
    assert mine["source_quote"].to_list() == [newest.splitlines()[1].rsplit(",", 1)[1]]


@pytest.mark.slow
def test_an_import_killed_at_any_moment_leaves_raw_as_it_was_or_with_the_whole_submission(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """SIGKILL at random moments during a 60-municipality import (120 CSV files): data/raw is
    always the old set of files or the old set plus one complete submission; the next build
    never sees part of one."""
    run(data_copy)
    path, codes = _national_workbook(data_copy, tmp_path / "landelijk.xlsx", 60)
    args = _import_args(path, data_copy, "--landelijk")
    before = _raw_state(data_copy)
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    duration = time.perf_counter() - start
    whole = _raw_state(data_copy)
    assert len(whole) - len(before) == 2 * 120 + 1  # CSV, sidecar each, and the manifest
    # what each kill left: 0 (nothing), 241 (the whole submission) or 'staged' (killed while
    # writing its staging folder, outside data/raw); a run of 16 had all three
    outcomes: list[int | str] = []
    chance = random.Random(14)
    for _ in range(16):
        state = _raw_state(data_copy)
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * chance.uniform(0.6, 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _raw_state(data_copy)
        added = set(after) - set(state)
        assert set(state) <= set(after)
        assert len(added) in (0, 241), len(added)
        assert scan_imports(data_copy.raw).issues == []
        staged = bool(list(data_copy.root.glob(".import-staging-*")))
        outcomes.append("staged" if staged and not added else len(added))
    assert run(data_copy, force=True).built
    local = load_tables(data_copy).local_status
    assert set(codes) <= set(local["municipality_code"])
    # the next import removes what killed ones left in their staging folders
    subprocess.run(args, check=True, capture_output=True)
    assert not list(data_copy.root.glob(".import-staging-*"))


def test_a_write_failure_halfway_leaves_raw_as_it_was(
    imports: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A permission error on the 30th file: the import fails, nothing of it is in data/raw,
    and no staging folder stays behind."""
    from azwa_analysis.steward import _transaction

    path, _ = _national_workbook(imports, tmp_path / "landelijk.xlsx", 20)
    before = _raw_state(imports)
    calls = {"n": 0}
    real = _transaction.write_new_file

    def failing(target: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 30:
            raise PermissionError(13, "Toegang geweigerd", str(target))
        real(target, data)

    monkeypatch.setattr(_transaction, "write_new_file", failing)
    with pytest.raises(PermissionError):
        import_file(
            path,
            load_tables(imports),
            paths=imports,
            supplied_by="Piet",
            scope=Scope(national=True),
        )
    assert _raw_state(imports) == before
    assert not list(imports.root.glob(".import-staging-*"))
    calls["n"] = 0
    result = invoke(
        "import", str(path), "--door", "Piet", "--landelijk", "--data-dir", str(imports.root)
    )
    assert result.exit_code == 1
    assert "Niets ingelezen" in result.output
    assert _raw_state(imports) == before


def test_a_read_only_imports_folder_is_refused_before_any_work(
    imports: DataPaths, tmp_path: Path
) -> None:
    """`azwa import` into a read-only data/raw/imports: exit 2, a Dutch message, no change."""
    folder = imports.raw / "imports"
    folder.mkdir(exist_ok=True)
    before = _raw_state(imports)
    path = write(tmp_path / "stand.csv", f"{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;;;;;Nota\n")
    folder.chmod(0o555)
    try:
        result = invoke(
            "import", str(path), "--door", "Piet", "-g", "GM1954", "--data-dir", str(imports.root)
        )
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert "alleen-lezen" in result.output
    assert _raw_state(imports) == before


def _one_submission(paths: DataPaths, tmp_path: Path) -> Path:
    source = write(tmp_path / "stand.csv", f"{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;;;;;Nota\n")
    result = import_file(
        source, load_tables(paths), paths=paths, supplied_by="Piet", scope=Scope(("GM1954",))
    )
    assert result.folder is not None
    return result.folder


def _drop_manifest(folder: Path, raw: Path) -> None:
    (folder / SUBMISSION_MANIFEST).unlink()


def _drop_csv(folder: Path, raw: Path) -> None:
    (folder / "lokale_stand" / "GM1954.csv").unlink()


def _drop_sidecar(folder: Path, raw: Path) -> None:
    (folder / "lokale_stand" / "GM1954.csv.meta.yml").unlink()


def _extra_file(folder: Path, raw: Path) -> None:
    (folder / "lokale_stand" / "GM0202.csv").write_text("x\n")


def _changed_csv(folder: Path, raw: Path) -> None:
    with (folder / "lokale_stand" / "GM1954.csv").open("a") as handle:
        handle.write("GM1954,Kansrijke Start,pilot,,,,,Nota\n")


def _legacy_csv_without_sidecar(folder: Path, raw: Path) -> None:
    legacy = raw / "imports" / "lokale_stand"
    legacy.mkdir(parents=True)
    (legacy / "20261201T090000Z_GM1954.csv").write_text("x\n")


def _legacy_sidecar_without_csv(folder: Path, raw: Path) -> None:
    legacy = raw / "imports" / "lokale_stand"
    legacy.mkdir(parents=True)
    (legacy / "20261201T090000Z_GM1954.csv.meta.yml").write_text("title: x\n")


@pytest.mark.parametrize(
    ("damage", "rule"),
    [
        (_drop_manifest, "submission.yml ontbreekt"),
        (_drop_csv, "lokale_stand/GM1954.csv ontbreekt"),
        (_drop_sidecar, "het herkomstbestand van lokale_stand/GM1954.csv ontbreekt"),
        (_extra_file, "bestand dat niet in submission.yml staat"),
        (_changed_csv, "gewijzigd na de import"),
        (_legacy_csv_without_sidecar, "CSV zonder herkomstbestand"),
        (_legacy_sidecar_without_csv, "herkomstbestand zonder zijn CSV"),
    ],
    ids=lambda value: getattr(value, "__name__", "")[1:],
)
def test_an_incomplete_submission_is_refused_and_cleanup_sets_it_aside(
    data_copy: DataPaths, tmp_path: Path, damage, rule: str
) -> None:  # type: ignore[no-untyped-def]
    """A submission missing its manifest, a CSV or a sidecar, or with a file too many or
    changed (and the first layout's CSV without sidecar or sidecar without CSV): the build
    refuses it, names `azwa cleanup`; that moves it to data/quarantaine/ and the build
    passes again, never silently falling back to older data."""
    run(data_copy)
    folder = _one_submission(data_copy, tmp_path)
    damage(folder, data_copy.raw)
    with pytest.raises(InputError) as caught:
        run(data_copy)
    [issue] = [i for i in caught.value.issues if "onvolledige aanlevering" in i.rule]
    assert rule in issue.rule
    assert "azwa cleanup" in (issue.hint or "")
    result = invoke("build", "--data-dir", str(data_copy.root))
    assert result.exit_code == 1
    assert "azwa cleanup" in result.output
    cleaned = invoke("cleanup", "--data-dir", str(data_copy.root))
    assert cleaned.exit_code == 0, cleaned.output
    assert "opzijgezet" in cleaned.output
    assert list((data_copy.root / "quarantaine").rglob("*"))
    assert scan_imports(data_copy.raw).issues == []
    run(data_copy)


def test_submissions_of_the_first_layout_are_still_read(data_copy: DataPaths) -> None:
    """A file written by the earlier `azwa import` (imports/<kind>/<UTC>_<code>.csv with a
    sidecar) still counts, and a newer submission supersedes it."""
    from azwa_analysis._io import sha256_file, write_sidecar

    legacy = data_copy.raw / "imports" / "lokale_stand" / "20261122T090000Z_GM1954.csv"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(
        "municipality_code,intervention_id,status,detail,funding_source,funding_stream_id,"
        "funding_ends_year,source\nGM1954,valpreventie,pilot,,,,,Nota 2026\n"
    )
    write_sidecar(
        legacy,
        {
            "title": "Lokale stand, GM1954",
            "producer": "Piet",
            "date_accessed": "2026-11-22T09:00:00+00:00",
            "licence": "aangeleverd",
            "rows": 1,
            "sha256": sha256_file(legacy),
        },
    )
    run(data_copy)
    mine = load_tables(data_copy).local_status.filter(pl.col("municipality_code") == "GM1954")
    assert mine["source_document"].to_list() == ["imports/lokale_stand/20261122T090000Z_GM1954.csv"]
