"""Steward submissions in ``data/raw/imports/``: found, checked for completeness, parsed, and
merged into the clean tables by one rule.

**Layout.** ``azwa import`` writes one folder per submission, renamed into place at once
(see ``steward/_transaction.py``)::

    data/raw/imports/<UTC-timestamp, µs>_<8 hex>/
        lokale_stand/GM1954.csv           + GM1954.csv.meta.yml   (provenance, sha256)
        officiele_bedragen/GM1954.csv     + GM1954.csv.meta.yml
        iza_regio/GM1954.csv              + GM1954.csv.meta.yml
        adviseurstekst/GM1954.csv         + GM1954.csv.meta.yml
        submission.yml                    written last: scope, every file with sha256 and rows

A folder whose ``submission.yml`` is missing, unreadable, or does not match the files beside it
is *incomplete*: the build refuses it and names ``azwa cleanup``, which moves it to
``data/quarantaine/``. Submissions of the first layout (``imports/<kind>/<timestamp>_<code>.csv``
with a sidecar each) are still read; a CSV without its sidecar, or a sidecar without its CSV,
is incomplete in the same way.

**Supersede rule.** Per municipality and per kind (local status, official amounts, IZA region,
the adviser's texts), the newest submission that has rows for that municipality is its complete
state: it replaces the letters' rows and every earlier submission for that municipality. A
submission holds rows only for the municipalities it was stated to be for (``azwa import
--gemeente`` or ``--landelijk``); the build checks that again. Earlier submissions stay in
``data/raw/imports/`` untouched, so the history can be audited and rebuilt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandera.polars as pa
import polars as pl

from azwa_analysis._io import (
    SIDECAR_SUFFIX,
    UnreadableFileError,
    read_sidecar,
    read_yaml,
    sha256_file,
)
from azwa_analysis._issues import ROW, ValidationIssue
from azwa_analysis._tables import Tables
from azwa_analysis._vocab import ADVISER_PARTS
from azwa_analysis.clean._parse import parse_table
from azwa_analysis.schemas import (
    AdviserTextSchema,
    OfficialAllocationSchema,
    StewardAdviserTextSchema,
    StewardLocalStatusSchema,
    StewardRegionSchema,
)

IMPORTS = "imports"
KINDS: dict[str, type[pa.DataFrameModel]] = {
    "lokale_stand": StewardLocalStatusSchema,
    "officiele_bedragen": OfficialAllocationSchema,
    "iza_regio": StewardRegionSchema,
    "adviseurstekst": StewardAdviserTextSchema,
}
SUBMISSION_MANIFEST = "submission.yml"
#: ``20261122T090000123456Z_1f2e3d4c``: the UTC moment to the microsecond, and a random token.
SUBMISSION_NAME = re.compile(r"^(?P<stamp>\d{8}T\d{12}Z)_(?P<token>[0-9a-f]{8})$")
_LEGACY_NAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}Z)_(?P<code>GM\d{4})(?:_(?P<n>\d+))?\.csv$")
CLEANUP_HINT = (
    "een afgebroken of beschadigde import wordt nooit gebruikt; zet haar opzij met "
    "'azwa cleanup' (niets wordt gewist: ze gaat naar data/quarantaine/) en lees het "
    "bestand daarna opnieuw in met azwa import"
)


@dataclass(frozen=True)
class ImportScan:
    """What ``data/raw/imports`` holds: the CSV files of complete submissions, each new-layout
    submission's manifest, and whatever is incomplete (with an issue each)."""

    files: list[Path] = field(default_factory=list)
    manifests: dict[str, dict[str, Any]] = field(default_factory=dict)
    incomplete: list[Path] = field(default_factory=list)
    issues: list[ValidationIssue] = field(default_factory=list)


def scan_imports(raw: Path, *, raw_prefix: str = "") -> ImportScan:
    """Find every submission under ``raw/imports`` and check that it is complete."""
    scan = ImportScan()
    folder = raw / IMPORTS
    if not folder.is_dir():
        return scan
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        relative = f"{IMPORTS}/{entry.name}"
        if entry.is_dir() and entry.name in KINDS:
            _scan_legacy(entry, relative, scan, raw_prefix=raw_prefix)
        elif entry.is_dir() and SUBMISSION_NAME.match(entry.name):
            problem = _check_submission(entry, relative, scan)
            if problem:
                _incomplete(scan, entry, raw_prefix + relative, problem)
        else:
            _incomplete(
                scan,
                entry,
                raw_prefix + relative,
                "onbekend bestand of onbekende map (geen aanlevering van azwa import)",
            )
    return scan


def _incomplete(scan: ImportScan, path: Path, shown: str, problem: str) -> None:
    scan.incomplete.append(path)
    scan.issues.append(
        ValidationIssue.whole_file(shown, f"onvolledige aanlevering: {problem}", CLEANUP_HINT)
    )


def _check_submission(folder: Path, relative: str, scan: ImportScan) -> str | None:
    """Why a submission folder is incomplete, or None (then its files are added to ``scan``)."""
    manifest_path = folder / SUBMISSION_MANIFEST
    if not manifest_path.is_file():
        return f"{SUBMISSION_MANIFEST} ontbreekt (de import is afgebroken voor hij klaar was)"
    try:
        manifest = read_yaml(manifest_path)
    except UnreadableFileError as error:
        return f"{SUBMISSION_MANIFEST} is onleesbaar ({error.problem})"
    listed = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(listed, dict) or not listed:
        return f"{SUBMISSION_MANIFEST} noemt geen bestanden"
    expected = {SUBMISSION_MANIFEST}
    csvs: list[Path] = []
    for name, entry in sorted(listed.items()):
        parts = str(name).split("/")
        if len(parts) != 2 or parts[0] not in KINDS or not isinstance(entry, dict):
            return f"{SUBMISSION_MANIFEST} noemt een onbekend bestand '{name}'"
        path = folder / parts[0] / parts[1]
        if not path.is_file():
            return f"{name} ontbreekt"
        if not (folder / f"{name}{SIDECAR_SUFFIX}").is_file():
            return f"het herkomstbestand van {name} ontbreekt"
        if sha256_file(path) != entry.get("sha256"):
            return f"{name} is gewijzigd na de import (controlegetal klopt niet)"
        expected |= {str(name), f"{name}{SIDECAR_SUFFIX}"}
        csvs.append(path)
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    extra = sorted(present - expected)
    if extra:
        return f"bestand dat niet in {SUBMISSION_MANIFEST} staat: {extra[0]}"
    scan.files.extend(csvs)
    scan.manifests[relative] = manifest
    return None


def _scan_legacy(folder: Path, relative: str, scan: ImportScan, *, raw_prefix: str) -> None:
    """The first layout: one CSV per municipality and kind, each with its own sidecar."""
    for path in sorted(folder.iterdir()):
        shown = f"{raw_prefix}{relative}/{path.name}"
        if path.name.startswith("."):
            continue
        if path.name.endswith(".csv" + SIDECAR_SUFFIX):
            if not path.with_name(path.name.removesuffix(SIDECAR_SUFFIX)).is_file():
                _incomplete(scan, path, shown, "herkomstbestand zonder zijn CSV (gewist?)")
        elif path.suffix == ".csv" and _LEGACY_NAME.match(path.name):
            if (path.parent / f"{path.name}{SIDECAR_SUFFIX}").is_file():
                scan.files.append(path)
            else:
                _incomplete(scan, path, shown, "CSV zonder herkomstbestand (.meta.yml)")
        else:
            _incomplete(scan, path, shown, "onbekend bestand (geen aanlevering van azwa import)")


@dataclass(frozen=True)
class Submission:
    """One imported file: its path under data/raw, kind, rows (with row numbers)."""

    relative: str
    kind: str
    frame: pl.DataFrame

    @property
    def order(self) -> tuple[dt.datetime, int, str]:
        return order_of(self.relative)


def order_of(relative: str) -> tuple[dt.datetime, int, str]:
    """Sort key of a submission file, oldest first: the UTC moment in its name, then the
    same-second counter of the first layout (``…_GM1954_10.csv`` after ``…_GM1954_2.csv``),
    then the name."""
    parts = relative.split("/")
    new = SUBMISSION_NAME.match(parts[1]) if len(parts) > 1 else None
    if new:
        moment = dt.datetime.strptime(new["stamp"], "%Y%m%dT%H%M%S%fZ")
        return (moment, 0, parts[1])
    old = _LEGACY_NAME.match(parts[-1])
    if old is None:  # pragma: no cover - scan_imports admits no other names
        return (dt.datetime.min, 0, relative)
    moment = dt.datetime.strptime(old["stamp"], "%Y%m%dT%H%M%SZ")
    return (moment, int(old["n"] or 1), parts[-1])


def current_row_counts(raw: Path, tables: Tables) -> dict[tuple[str, str], int]:
    """Rows per (kind, municipality) in the state the next build will use: the newest complete
    submission's rows for it, else the rows the last build has (the letters')."""
    counts: dict[tuple[str, str], int] = {}
    for kind, frame in (
        ("lokale_stand", tables.local_status),
        ("officiele_bedragen", tables.official_allocations),
        ("iza_regio", tables.region_members),
        ("adviseurstekst", tables.adviser_texts),
    ):
        for code, rows in frame.group_by("municipality_code").len().iter_rows():
            counts[(kind, str(code))] = int(rows)
    scan = scan_imports(raw)
    entries: list[tuple[tuple[dt.datetime, int, str], str, str, int]] = []
    for folder, manifest in scan.manifests.items():
        for name, entry in manifest["files"].items():
            order = order_of(f"{folder}/{name}")
            entries.append((order, entry["kind"], str(entry["municipality"]), int(entry["rows"])))
    for path in scan.files:
        relative = path.relative_to(raw).as_posix()
        old = _LEGACY_NAME.match(path.name)
        if kind_of(relative) and len(relative.split("/")) == 3 and old:
            with contextlib.suppress(UnreadableFileError, TypeError, ValueError):
                rows = int(read_sidecar(path).get("rows", 0))
                entries.append((order_of(relative), relative.split("/")[1], old["code"], rows))
    for _, kind, code, rows in sorted(entries):
        counts[(kind, code)] = rows
    return counts


def kind_of(relative: str) -> str | None:
    """The kind of a submission file from its path under data/raw (either layout)."""
    parts = relative.split("/")
    if parts[0] != IMPORTS or not parts[-1].endswith(".csv"):
        return None
    if len(parts) == 3 and parts[1] in KINDS:
        return parts[1]
    if len(parts) == 4 and SUBMISSION_NAME.match(parts[1]) and parts[2] in KINDS:
        return parts[2]
    return None


def parse_submissions(
    texts: Mapping[str, str], *, raw_prefix: str, validate: Any
) -> tuple[list[Submission], list[ValidationIssue]]:
    """Parse and validate every submission (``validate`` is the build's pandera runner). A file
    of the new layout holds only rows for the municipality it is named after."""
    submissions: list[Submission] = []
    issues: list[ValidationIssue] = []
    for relative in sorted(texts):
        kind = kind_of(relative)
        if kind is None:
            continue
        model = KINDS[kind]
        file = raw_prefix + relative
        frame, parse_issues = parse_table(texts[relative], model, file=file)
        issues.extend(parse_issues)
        if frame.width == 0:  # not readable as CSV: reported above
            continue
        issues.extend(validate(frame, model, file=file, reported=parse_issues))
        numbered = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
        if len(relative.split("/")) == 4 and "municipality_code" in numbered.columns:
            code = relative.rsplit("/", 1)[1].removesuffix(".csv")
            for row, other in (
                numbered.filter(pl.col("municipality_code") != code)
                .select(ROW, "municipality_code")
                .iter_rows()
            ):
                issues.append(
                    ValidationIssue(
                        file,
                        row,
                        "municipality_code",
                        str(other),
                        f"rij voor een andere gemeente dan deze aanlevering ({code})",
                        CLEANUP_HINT,
                    )
                )
        submissions.append(Submission(relative, kind, numbered))
    return submissions, issues


def latest_per_municipality(submissions: list[Submission], kind: str) -> dict[str, Submission]:
    """The newest submission of ``kind`` for each municipality it covers."""
    latest: dict[str, Submission] = {}
    for submission in sorted((s for s in submissions if s.kind == kind), key=lambda s: s.order):
        for code in submission.frame["municipality_code"].unique().to_list():
            latest[str(code)] = submission
    return latest


def merge_local_status(
    letters: pl.DataFrame, submissions: list[Submission], sidecars: Mapping[str, dict[str, Any]]
) -> pl.DataFrame:
    """Letters' rows, with each submitting municipality replaced by its newest submission."""
    merged = _replace_cited(letters, submissions, sidecars, "lokale_stand")
    return merged.sort("municipality_code", "intervention_id")


def merge_official(base: pl.DataFrame, submissions: list[Submission]) -> pl.DataFrame:
    """Official amounts: newest submission per municipality replaces earlier ones."""
    latest = latest_per_municipality(submissions, "officiele_bedragen")
    parts = [base.filter(~pl.col("municipality_code").is_in(list(latest)))]
    for code, submission in latest.items():
        parts.append(
            submission.frame.filter(pl.col("municipality_code") == code).select(base.columns)
        )
    return pl.concat(parts).sort("municipality_code", "stream_id", "year")


def merge_region_members(
    sources: pl.DataFrame, submissions: list[Submission], sidecars: Mapping[str, dict[str, Any]]
) -> pl.DataFrame:
    """Which municipality belongs to which IZA region: the sources' rows, with each submitting
    municipality's row replaced by its newest submission."""
    merged = _replace_cited(sources, submissions, sidecars, "iza_regio")
    return merged.sort("region_id", "municipality_code")


def merge_adviser_texts(
    submissions: list[Submission], sidecars: Mapping[str, dict[str, Any]]
) -> pl.DataFrame:
    """The adviser's texts: per municipality the parts of its newest submission, in the
    briefing's order, with who supplied them (no national document has any: without
    submissions the table is empty)."""
    columns = {name: c.dtype.type for name, c in AdviserTextSchema.to_schema().columns.items()}
    parts = [pl.DataFrame(schema=columns)]
    for rows, sidecar in _newest_cited(submissions, sidecars, "adviseurstekst").values():
        cited = rows.with_columns(
            pl.lit(_producer(sidecar)).alias("supplied_by"),
            pl.lit(_origin(sidecar), dtype=pl.String).alias("note"),
        )
        parts.append(cited.select(list(columns)))
    order = {part: index for index, part in enumerate(ADVISER_PARTS)}
    return pl.concat(parts).sort(
        "municipality_code", pl.col("part").replace_strict(order, return_dtype=pl.Int64)
    )


def _replace_cited(
    base: pl.DataFrame,
    submissions: list[Submission],
    sidecars: Mapping[str, dict[str, Any]],
    kind: str,
) -> pl.DataFrame:
    """``base`` with each submitting municipality's rows replaced by its newest submission of
    ``kind``; a submitted row cites its file and row, quotes the steward's source, and names
    who supplied it."""
    newest = _newest_cited(submissions, sidecars, kind)
    parts = [base.filter(~pl.col("municipality_code").is_in(list(newest)))]
    for rows, sidecar in newest.values():
        cited = rows.with_columns(
            pl.col("source").alias("source_quote"),
            pl.lit(f"aangeleverd door {_producer(sidecar)}").alias("note"),
        )
        parts.append(cited.select(base.columns))
    return pl.concat(parts)


def _newest_cited(
    submissions: list[Submission], sidecars: Mapping[str, dict[str, Any]], kind: str
) -> dict[str, tuple[pl.DataFrame, dict[str, Any]]]:
    """Per municipality, the rows of its newest submission of ``kind``, each citing its file
    (``source_document``) and row (``source_location``), with that file's sidecar."""
    newest: dict[str, tuple[pl.DataFrame, dict[str, Any]]] = {}
    for code, submission in latest_per_municipality(submissions, kind).items():
        rows = submission.frame.filter(pl.col("municipality_code") == code).with_columns(
            pl.lit(submission.relative).alias("source_document"),
            pl.col(ROW).cast(pl.String).alias("source_location"),
        )
        newest[code] = (rows, dict(sidecars.get(submission.relative, {})))
    return newest


def _producer(sidecar: Mapping[str, Any]) -> str:
    """Who supplied a submission (``azwa import --door``)."""
    return str(sidecar.get("producer", "datasteward"))


def _origin(sidecar: Mapping[str, Any]) -> str | None:
    """``uit beekdaelen.xlsx, blad 'Toelichting adviseur', ingelezen op 2026-11-22``."""
    if not sidecar.get("original_file"):
        return None
    sheet = f", blad '{sidecar['sheet']}'" if sidecar.get("sheet") else ""
    day = f", ingelezen op {sidecar['date_published']}" if sidecar.get("date_published") else ""
    return f"uit {sidecar['original_file']}{sheet}{day}"
