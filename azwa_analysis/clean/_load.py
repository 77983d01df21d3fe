"""Load inputs: read every raw file the build depends on (the stage's only input I/O).

What is read: the raw tables (as text: :mod:`~azwa_analysis.clean._parse` types them), their
provenance sidecars and checksums, the other raw inputs (documents, maps) and the stewards'
submissions. Nothing is interpreted here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandera.polars as pa

from azwa_analysis._io import UnreadableFileError, read_sidecar, sha256_file
from azwa_analysis._issues import ValidationIssue
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean._submissions import scan_imports
from azwa_analysis.schemas import (
    AgreementSchema,
    AllocationKeySchema,
    AllocationSourceSchema,
    AllocationTotalSchema,
    ComparisonSchema,
    FundingRuleSchema,
    FundingSchema,
    GlossarySchema,
    HealthGoalSchema,
    InterventionSchema,
    IzaRegionSchema,
    KwbRawSchema,
    LocalCaveatSchema,
    LocalStatusSchema,
    MergerRawSchema,
    MunicipalityRawSchema,
    OfficialAllocationSchema,
    OverviewBasisSchema,
    PartySchema,
    ProgrammePartSchema,
    RegionMemberSchema,
    StatementSchema,
    StreamSchema,
    StreamSuccessorSchema,
    StreamTargetSchema,
    TimelineSchema,
)
from azwa_analysis.sources import (
    Registration,
    StoredDocument,
    parse_registrations,
    read_documents,
    read_stored,
    registration_files,
    store_checksums,
)


@dataclass(frozen=True)
class RawTable:
    """A raw CSV file and the schema it is validated against."""

    name: str
    path: str
    model: type[pa.DataFrameModel]


RAW_TABLES: tuple[RawTable, ...] = (
    RawTable("streams", "streams.csv", StreamSchema),
    RawTable("funding", "funding.csv", FundingSchema),
    RawTable("funding_rules", "funding_rules.csv", FundingRuleSchema),
    RawTable("comparisons", "comparisons.csv", ComparisonSchema),
    RawTable("interventions", "interventions.csv", InterventionSchema),
    RawTable("local_status", "local_status.csv", LocalStatusSchema),
    RawTable("timeline", "timeline.csv", TimelineSchema),
    RawTable("overview_basis", "overview_basis.csv", OverviewBasisSchema),
    RawTable("allocation_keys", "allocation_keys.csv", AllocationKeySchema),
    RawTable("official_allocations", "official_allocations.csv", OfficialAllocationSchema),
    RawTable("stream_targets", "stream_targets.csv", StreamTargetSchema),
    RawTable("agreements", "agreements.csv", AgreementSchema),
    RawTable("statements", "statements.csv", StatementSchema),
    RawTable("allocations", "allocations.csv", AllocationSourceSchema),
    RawTable("allocation_totals", "allocation_totals.csv", AllocationTotalSchema),
    RawTable("iza_regions", "iza_regions.csv", IzaRegionSchema),
    RawTable("region_members", "region_members.csv", RegionMemberSchema),
    RawTable("health_goals", "health_goals.csv", HealthGoalSchema),
    RawTable("parties", "parties.csv", PartySchema),
    RawTable("stream_successors", "stream_successors.csv", StreamSuccessorSchema),
    RawTable("programme_parts", "programme_parts.csv", ProgrammePartSchema),
    RawTable("local_caveats", "local_caveats.csv", LocalCaveatSchema),
    RawTable("glossary", "glossary.csv", GlossarySchema),
    RawTable("municipalities", "municipalities/gemeenten_2025.csv", MunicipalityRawSchema),
    RawTable("kwb", "municipalities/kwb2021_gemeenten.csv", KwbRawSchema),
    RawTable("mergers", "municipalities/herindelingen_2022_2023.csv", MergerRawSchema),
)


#: Raw files that are not tables but are inputs all the same (checksummed, with sidecars).
EXTRA_INPUT_GLOBS = ("documents/*.txt", "municipalities/*.topojson")


@dataclass(frozen=True)
class Inputs:
    """Everything :func:`process` needs, read from disk (and from the document store)."""

    texts: Mapping[str, str]
    documents: Mapping[str, list[str]]
    sidecars: Mapping[str, dict[str, Any]]
    checksums: Mapping[str, str]
    #: Each steward submission's ``submission.yml`` (by its folder under data/raw).
    manifests: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    #: What could not be read at all (a file that is not UTF-8, a sidecar that is not YAML,
    #: an incomplete submission): reported with the rest by :func:`process`.
    issues: tuple[ValidationIssue, ...] = ()
    #: Registrations of documents kept in the store: their YAML text, by path under data/raw.
    registration_texts: Mapping[str, str] = field(default_factory=dict)
    #: The registrations that parse (by document name); :func:`process` reports the others.
    registrations: Mapping[str, Registration] = field(default_factory=dict)
    #: Per registered document the sha256 of its file in the store, None when absent.
    store_checksums: Mapping[str, str | None] = field(default_factory=dict)
    #: What the store holds of each registered document (its text when present and sound).
    stored: Mapping[str, StoredDocument] = field(default_factory=dict)


def input_files(raw: Path) -> list[Path]:
    """Every raw input file the build depends on, sorted (of the stewards' submissions only
    the complete ones)."""
    return [*_transcribed_files(raw), *scan_imports(raw).files]


def _transcribed_files(raw: Path) -> list[Path]:
    files = [raw / table.path for table in RAW_TABLES]
    for pattern in EXTRA_INPUT_GLOBS:
        files.extend(sorted(raw.glob(pattern)))
    return files


def read_csv_text(path: Path) -> str:
    """Read a CSV as UTF-8 text, dropping a byte-order mark.

    Raises
    ------
    UnreadableFileError
        When the bytes are not UTF-8 (naming the line of the first bad byte).
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFileError(
            path,
            f"geen UTF-8-tekst (byte 0x{data[error.start]:02x} op positie {error.start})",
            line,
        ) from None


def load_inputs(paths: DataPaths, *, raw_prefix: str = "data/raw/") -> Inputs:
    """Read raw tables, documents and sidecars (reports missing files as issues later)."""
    raw = paths.raw
    texts: dict[str, str] = {}
    checksums: dict[str, str] = {}
    sidecars: dict[str, dict[str, Any]] = {}
    issues: list[ValidationIssue] = []
    scan = scan_imports(raw, raw_prefix=raw_prefix)
    issues.extend(scan.issues)
    for path in [*_transcribed_files(raw), *scan.files]:
        relative = path.relative_to(raw).as_posix()
        if not path.exists():
            continue
        checksums[relative] = sha256_file(path)
        try:
            sidecars[relative] = read_sidecar(path)
        except UnreadableFileError as error:
            sidecars[relative] = {}
            issues.append(_unreadable(error, raw_prefix + relative + ".meta.yml"))
        if path.suffix == ".csv":
            try:
                texts[relative] = read_csv_text(path)
            except UnreadableFileError as error:
                issues.append(_unreadable(error, raw_prefix + relative))
    documents = read_documents(paths.documents)
    registration_texts: dict[str, str] = {}
    for path in registration_files(raw):
        relative = path.relative_to(raw).as_posix()
        try:
            registration_texts[relative] = read_csv_text(path)
        except UnreadableFileError as error:
            issues.append(_unreadable(error, raw_prefix + relative))
    registrations = parse_registrations(registration_texts)[0]
    store = store_checksums(registrations, paths.store)
    return Inputs(
        texts=texts,
        documents=documents,
        sidecars=sidecars,
        checksums=checksums,
        manifests=scan.manifests,
        issues=tuple(issues),
        registration_texts=registration_texts,
        registrations=registrations,
        store_checksums=store,
        stored=read_stored(registrations, paths.store, store),
    )


def _unreadable(error: UnreadableFileError, shown: str) -> ValidationIssue:
    hint = (
        "sla het bestand op als UTF-8"
        if "UTF-8" in error.problem
        else "herstel de opbouw (let op inspringen, dubbele punten en aanhalingstekens)"
    )
    return ValidationIssue(shown, error.line, None, None, error.problem, hint)
