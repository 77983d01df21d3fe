"""Import and build: a valid file becomes a raw submission; the newest submission supersedes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from azwa_analysis import estimate_allocation, load_tables
from azwa_analysis._io import read_sidecar, sha256_file
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean._submissions import latest_per_municipality, parse_submissions
from azwa_analysis.steward import Scope, import_file, validate_file, write_template
from azwa_analysis.steward._import import safe_name
from tests.steward._helpers import (
    EARLY,
    FORMULA_STARTS,
    LATER,
    LOCAL_HEADER,
    SOURCE_FIELDS,
    built_tables,
    write,
)

BEEKDAELEN = Scope(("GM1954",))


def test_file_names_from_input_never_escape_the_imports_folder(
    imports: DataPaths, template: Path, tmp_path: Path
) -> None:
    """A submission called '..%2F..%2Fevil.xlsx' or '..\\..\\evil.xlsx' lands in
    data/raw/imports/<timestamp>_<token>/lokale_stand/GM1954.csv; its name only in the
    sidecar and the manifest."""
    tables = load_tables(imports)
    folder = tmp_path / "vreemde map ü"
    folder.mkdir()
    expected = imports.raw / "imports"
    before = {p for p in imports.raw.rglob("*") if p.is_file()}
    for index, name in enumerate(["..%2F..%2Fevil.xlsx", "..\\..\\evil.xlsx", " spaties é.xlsx"]):
        source = folder / name
        source.write_bytes(template.read_bytes())
        moment = EARLY + dt.timedelta(minutes=index)
        result = import_file(
            source, tables, paths=imports, supplied_by="Piet", scope=BEEKDAELEN, now=moment
        )
        assert result.validation.ok
        assert result.folder is not None
        assert sorted(result.written) == [
            result.folder / "iza_regio" / "GM1954.csv",
            result.folder / "lokale_stand" / "GM1954.csv",
        ]
        written = result.written[0]
        assert result.folder.parent.resolve() == expected.resolve()
        assert result.folder.name.startswith(moment.strftime("%Y%m%dT%H%M%S%fZ_"))
        assert read_sidecar(written)["original_file"] == safe_name(name)
    new = {p for p in imports.raw.rglob("*") if p.is_file()} - before
    assert len(new) == 15  # three submissions: two CSVs, their sidecars and a manifest each
    assert all(expected.resolve() in path.resolve().parents for path in new)


def test_round_trip_template_import_build_and_a_later_submission_supersedes(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """Template → validate → import → build puts GM1954's rows from the submission in
    local_status; a later submission with a changed status and one row fewer replaces it,
    and both files stay on disk."""
    tables = built_tables(data_copy)
    letters = tables.local_status.filter(pl.col("municipality_code") == "GM1954")
    others = tables.local_status.filter(pl.col("municipality_code") != "GM1954")
    first_file = write_template(tables, tmp_path / "eerste.xlsx", municipality="GM1954")
    assert validate_file(first_file, tables).ok
    first = import_file(
        first_file, tables, paths=data_copy, supplied_by="Piet", scope=BEEKDAELEN, now=EARLY
    )
    [first_csv] = [p for p in first.written if p.parent.name == "lokale_stand"]
    assert first.folder is not None
    assert first.folder.name.startswith("20261122T090000000000Z_")
    assert first_csv == first.folder / "lokale_stand" / "GM1954.csv"
    meta = read_sidecar(first_csv)
    assert meta["sha256"] == sha256_file(first_csv)
    assert meta["original_sha256"] == sha256_file(first_file)
    assert meta["original_file"] == "eerste.xlsx"
    assert meta["rows"] == letters.height

    clean = built_tables(data_copy).local_status
    mine = clean.filter(pl.col("municipality_code") == "GM1954")
    assert mine.height == letters.height
    assert set(mine["source_document"]) == {first_csv.relative_to(data_copy.raw).as_posix()}
    assert set(mine["note"]) == {"aangeleverd door Piet"}
    assert (
        mine.drop(*SOURCE_FIELDS)
        .sort("intervention_id")
        .equals(letters.drop(*SOURCE_FIELDS).sort("intervention_id"))
    )
    assert (
        clean.filter(pl.col("municipality_code") != "GM1954")
        .sort("municipality_code", "intervention_id")
        .equals(others.sort("municipality_code", "intervention_id"))
    )

    book = openpyxl.load_workbook(first_file)
    sheet = book["Lokale stand"]
    changed = sheet["B2"].value
    assert sheet["C2"].value == "geïmplementeerd"
    sheet["C2"] = "pilot"
    sheet.delete_rows(sheet.max_row)
    book.save(tmp_path / "tweede.xlsx")
    second = import_file(
        tmp_path / "tweede.xlsx",
        tables,
        paths=data_copy,
        supplied_by="Piet",
        scope=BEEKDAELEN,
        now=LATER,
    )
    [second_csv] = [p for p in second.written if p.parent.name == "lokale_stand"]
    assert [r.format() for r in second.replaced] == [
        f"GM1954 Beekdaelen, lokale stand: {letters.height} rijen vervangen door "
        f"{letters.height - 1}",
        "GM1954 Beekdaelen, iza-regio: 1 rijen vervangen door 1",
    ]

    mine = built_tables(data_copy).local_status.filter(pl.col("municipality_code") == "GM1954")
    assert mine.height == letters.height - 1
    assert set(mine["source_document"]) == {second_csv.relative_to(data_copy.raw).as_posix()}
    name_to_id = dict(tables.interventions.select("name", "intervention_id").iter_rows())
    status = dict(mine.select("intervention_id", "status").iter_rows())
    assert status[name_to_id[changed]] == "pilot"
    for path in (first_csv, second_csv):
        assert path.is_file()
        assert read_sidecar(path)["sha256"] == sha256_file(path)
        cells = [c for row in csv.reader(io.StringIO(path.read_text("utf-8"))) for c in row]
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)]


def test_official_amounts_submission_makes_the_estimate_official(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """'SPUK AZWA 2027-2029', 2027, '€ 450.000' on the official sheet ends up in
    official_allocations and estimate_allocation marks that stream 'officieel'."""
    tables = built_tables(data_copy)
    path = write_template(tables, tmp_path / "beschikking.xlsx")
    book = openpyxl.load_workbook(path)
    book["Officiële bedragen"].append(
        [
            "GM1954",
            "SPUK AZWA 2027-2029",
            2027,
            "€ 450.000",
            "Beschikking VWS 2027-0001",
            "Beleidsadviseur Beekdaelen",
            dt.date(2026, 11, 22),
        ]
    )
    book.save(path)
    result = import_file(
        path, tables, paths=data_copy, supplied_by="Piet", scope=BEEKDAELEN, now=EARLY
    )
    [written] = result.written
    assert result.folder is not None
    assert written == result.folder / "officiele_bedragen" / "GM1954.csv"

    tables = built_tables(data_copy)
    official = tables.official_allocations.filter(pl.col("municipality_code") == "GM1954")
    assert official.select("stream_id", "year", "amount_eur", "supplied_on").rows() == [
        ("spuk_azwa", 2027, 450_000, dt.date(2026, 11, 22))
    ]
    estimate = estimate_allocation(tables, "GM1954", years=[2027]).filter(
        pl.col("recipient") == "gemeente"
    )
    basis = dict(estimate.select("stream_id", "basis").iter_rows())
    assert basis["spuk_azwa"] == "officieel"
    assert basis["spuk_gala"] != "officieel"
    amount = estimate.filter(pl.col("stream_id") == "spuk_azwa")["amount_eur"].item()
    assert amount == 450_000


@pytest.mark.parametrize("count", [2, 3, 12])
def test_imports_in_the_same_microsecond_get_distinct_ordered_names_and_the_last_wins(
    imports: DataPaths, tmp_path: Path, count: int
) -> None:
    """The same clock reading for every import: each submission still gets its own folder,
    later than the one before, and the last one is the municipality's state."""
    tables = load_tables(imports)
    moment = dt.datetime(2027, 1, 1, 12, count, tzinfo=dt.UTC)
    folders = []
    for index in range(count):
        path = write(
            tmp_path / f"stand{index}.csv",
            f"{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;;;;;Nota {index:04d}\n",
        )
        result = import_file(
            path, tables, paths=imports, supplied_by="Piet", scope=BEEKDAELEN, now=moment
        )
        assert result.folder is not None
        folders.append(result.folder)
    assert len(set(folders)) == count
    assert [f.name for f in folders] == sorted(f.name for f in folders)
    texts = {
        f"imports/{folder.name}/lokale_stand/GM1954.csv": (
            folder / "lokale_stand" / "GM1954.csv"
        ).read_text("utf-8")
        for folder in folders
    }
    submissions, issues = parse_submissions(
        texts, raw_prefix="", validate=lambda *args, **kwargs: []
    )
    assert issues == []
    latest = latest_per_municipality(submissions, "lokale_stand")["GM1954"]
    assert latest.frame["source"].to_list() == [f"Nota {count - 1:04d}"]


def test_region_submission_gives_a_municipality_without_region_its_regional_money(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    """Stadskanaal is in no mandate list the national sources print; a steward names its
    IZA-regio on the sheet 'IZA-regio', and after the build estimate_allocation shows that
    region's SPUK IZA as regional money, citing the submission."""
    stadskanaal = Scope(("GM0037",))
    tables = built_tables(data_copy)
    assert "regio" not in estimate_allocation(tables, "GM0037", years=[2026])["recipient"]
    path = write_template(tables, tmp_path / "regio.xlsx", municipality="GM0037")
    book = openpyxl.load_workbook(path)
    book["IZA-regio"].append(["GM0037", "Groningen", "Regioplan Groningen 2023, p. 4"])
    book.save(path)
    result = import_file(
        path, tables, paths=data_copy, supplied_by="Piet", scope=stadskanaal, now=EARLY
    )
    assert result.validation.ok, result.validation.issues
    assert result.folder is not None
    assert result.folder / "iza_regio" / "GM0037.csv" in result.written

    tables = built_tables(data_copy)
    member = tables.region_members.filter(pl.col("municipality_code") == "GM0037")
    assert member.select("region_id", "source_location", "source_quote").rows() == [
        ("groningen", "2", "Regioplan Groningen 2023, p. 4")  # row 2 of the submission
    ]
    assert member["source_document"].item().startswith("imports/")
    regional = estimate_allocation(tables, "GM0037", years=[2026]).filter(
        pl.col("recipient") == "regio"
    )
    assert regional.select("stream_id", "basis").rows() == [("spuk_iza", "officieel")]
    assert regional["amount_eur"].item() > 0


def test_an_unknown_region_is_refused_with_the_nearest_name_and_nothing_is_written(
    data_copy: DataPaths, tmp_path: Path
) -> None:
    tables = built_tables(data_copy)
    path = write_template(tables, tmp_path / "regio.xlsx", municipality="GM0037")
    book = openpyxl.load_workbook(path)
    book["IZA-regio"].append(["GM0037", "Groningn", "Regioplan 2023"])
    book.save(path)
    before = sorted(p for p in data_copy.raw.rglob("*") if p.is_file())
    result = import_file(
        path, tables, paths=data_copy, supplied_by="Piet", scope=Scope(("GM0037",)), now=EARLY
    )
    assert not result.validation.ok
    [error] = result.validation.issues
    assert (error.sheet, error.row, error.column, error.value, error.rule) == (
        "IZA-regio",
        2,
        "IZA-regio (kolom B)",
        "Groningn",
        "onbekende regio",
    )
    assert error.hint == "bedoelde u Groningen?"
    assert not result.written
    assert sorted(p for p in data_copy.raw.rglob("*") if p.is_file()) == before
