"""``azwa build``: validate every raw table and write ``data/clean/`` atomically.

Three parts, like an owid/etl step: :func:`load_inputs` reads files (the only input I/O),
:func:`process` is pure (parse, validate, check, derive) and raises
:class:`~azwa_analysis._issues.InputError` with *every* problem found, :func:`save_outputs` writes
a complete new ``data/clean/`` beside the old one and swaps it in at once.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import json
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pandera.errors
import pandera.polars as pa
import polars as pl

from azwa_analysis import _checks as checks
from azwa_analysis._atomic import recover_directory, replace_directory
from azwa_analysis._imports import (
    Submission,
    import_paths,
    merge_local_status,
    merge_official,
    parse_submissions,
)
from azwa_analysis._io import (
    parse_table,
    read_csv_text,
    read_sidecar,
    sha256_file,
    staging_directory,
    write_parquet_bytes,
)
from azwa_analysis._issues import InputError, ValidationIssue, issues_from_schema_errors
from azwa_analysis._municipalities import (
    check_municipality_coverage,
    clean_mergers,
    clean_municipalities,
)
from azwa_analysis._paths import PROJECT_ROOT, DataPaths
from azwa_analysis._periods import parse_period
from azwa_analysis._reconcile import reconcile_frames
from azwa_analysis.schemas import (
    AgreementSchema,
    AllocationAssumptionSchema,
    ComparisonSchema,
    DocumentSchema,
    FundingRuleSchema,
    FundingSchema,
    InterventionSchema,
    KwbRawSchema,
    LocalStatusSchema,
    MergerRawSchema,
    MergerSchema,
    MunicipalityRawSchema,
    MunicipalitySchema,
    OfficialAllocationSchema,
    OverviewBasisSchema,
    ReconciliationSchema,
    StatementSchema,
    StreamSchema,
    StreamTargetSchema,
    TimelineSchema,
)

ROW = checks.ROW
MANIFEST = "manifest.json"
REQUIRED_SIDECAR_KEYS = ("title", "producer", "date_accessed", "licence", "sha256")


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
    RawTable("allocation_assumptions", "allocation_assumptions.csv", AllocationAssumptionSchema),
    RawTable("official_allocations", "official_allocations.csv", OfficialAllocationSchema),
    RawTable("stream_targets", "stream_targets.csv", StreamTargetSchema),
    RawTable("agreements", "agreements.csv", AgreementSchema),
    RawTable("statements", "statements.csv", StatementSchema),
    RawTable("municipalities", "municipalities/gemeenten_2025.csv", MunicipalityRawSchema),
    RawTable("kwb", "municipalities/kwb2021_gemeenten.csv", KwbRawSchema),
    RawTable("mergers", "municipalities/herindelingen_2022_2023.csv", MergerRawSchema),
)

#: Clean tables and the schema each is validated against before it is written.
CLEAN_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "funding": FundingSchema,
    "interventions": InterventionSchema,
    "timeline": TimelineSchema,
    "local_status": LocalStatusSchema,
    "municipalities": MunicipalitySchema,
    "streams": StreamSchema,
    "funding_rules": FundingRuleSchema,
    "comparisons": ComparisonSchema,
    "mergers": MergerSchema,
    "reconciliation": ReconciliationSchema,
    "overview_basis": OverviewBasisSchema,
    "allocation_assumptions": AllocationAssumptionSchema,
    "official_allocations": OfficialAllocationSchema,
    "stream_targets": StreamTargetSchema,
    "agreements": AgreementSchema,
    "documents": DocumentSchema,
    "statements": StatementSchema,
}

#: Raw files that are not tables but are inputs all the same (checksummed, with sidecars).
EXTRA_INPUT_GLOBS = ("documents/*.txt", "municipalities/*.topojson")


@dataclass(frozen=True)
class Inputs:
    """Everything :func:`process` needs, read from disk."""

    texts: Mapping[str, str]
    documents: Mapping[str, list[str]]
    sidecars: Mapping[str, dict[str, Any]]
    checksums: Mapping[str, str]


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    built: bool
    fingerprint: str
    row_counts: Mapping[str, int] = field(default_factory=dict)
    message: str = ""


# --------------------------------------------------------------------------- load


def input_files(raw: Path) -> list[Path]:
    """Every raw input file the build depends on, sorted."""
    files = [raw / table.path for table in RAW_TABLES]
    for pattern in EXTRA_INPUT_GLOBS:
        files.extend(sorted(raw.glob(pattern)))
    files.extend(import_paths(raw))
    return files


def load_inputs(paths: DataPaths) -> Inputs:
    """Read raw tables, documents and sidecars (reports missing files as issues later)."""
    raw = paths.raw
    texts: dict[str, str] = {}
    checksums: dict[str, str] = {}
    sidecars: dict[str, dict[str, Any]] = {}
    for path in input_files(raw):
        relative = path.relative_to(raw).as_posix()
        if not path.exists():
            continue
        checksums[relative] = sha256_file(path)
        sidecars[relative] = read_sidecar(path)
        if path.suffix == ".csv":
            texts[relative] = read_csv_text(path)
    documents = {
        path.name: path.read_text(encoding="utf-8").splitlines()
        for path in sorted(paths.documents.glob("*.txt"))
    }
    return Inputs(texts=texts, documents=documents, sidecars=sidecars, checksums=checksums)


def build_modules() -> list[Path]:
    """The package's source files the build depends on: this module and what it imports,
    transitively, within the package (found by reading the import statements)."""
    package = Path(__file__).resolve().parent
    seen: set[Path] = set()
    todo = [Path(__file__).resolve()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] != "azwa_analysis" or len(parts) == 1:
                    continue  # the package's __init__ re-exports; it is not a build input
                relative = Path(*parts[1:])
                for candidate in (
                    package / relative.with_suffix(".py"),
                    package / relative / "__init__.py",
                ):
                    if candidate.is_file():
                        todo.append(candidate)
    return sorted(seen)


@functools.cache
def code_fingerprint() -> str:
    """Hash of the source the build depends on: a change to a schema or a check invalidates
    the outputs; a change to a chart or a notebook does not."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in build_modules():
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(inputs: Inputs) -> str:
    """One hash over input checksums, their provenance sidecars, package version and code."""
    payload = json.dumps(
        {
            "inputs": dict(sorted(inputs.checksums.items())),
            "sidecars": inputs.sidecars,
            "version": package_version(),
            "code": code_fingerprint(),
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def package_version() -> str:
    try:
        return metadata.version("azwa-analysis")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


# --------------------------------------------------------------------------- process


def process(inputs: Inputs, *, raw_prefix: str = "data/raw/") -> dict[str, pl.DataFrame]:
    """Parse, validate and check every raw table; return the clean tables.

    Raises
    ------
    InputError
        Listing every problem in every table (file, row, column, value, rule).
    """
    issues: list[ValidationIssue] = []
    issues.extend(_check_provenance(inputs, raw_prefix=raw_prefix))

    frames: dict[str, pl.DataFrame] = {}
    for table in RAW_TABLES:
        file = raw_prefix + table.path
        text = inputs.texts.get(table.path)
        if text is None:
            issues.append(ValidationIssue.whole_file(file, "bestand ontbreekt"))
            continue
        frame, table_issues = parse_table(text, table.model, file=file)
        if table.name == "timeline":
            frame, period_issues = derive_periods(frame, file=file)
            table_issues.extend(period_issues)
        issues.extend(table_issues)
        issues.extend(_validate(frame, table.model, file=file, reported=table_issues))
        frames[table.name] = frame.with_row_index(ROW, offset=2).with_columns(
            pl.col(ROW).cast(pl.Int64)
        )

    submissions, import_issues = parse_submissions(
        inputs.texts, raw_prefix=raw_prefix, validate=_validate
    )
    issues.extend(import_issues)
    if len(frames) == len(RAW_TABLES):
        issues.extend(_cross_checks(frames, inputs, raw_prefix=raw_prefix))
        issues.extend(_check_submissions(frames, submissions, raw_prefix=raw_prefix))
    if issues:
        raise InputError(issues)

    clean = {name: frame.drop(ROW) for name, frame in frames.items()}
    clean["local_status"] = merge_local_status(clean["local_status"], submissions, inputs.sidecars)
    clean["official_allocations"] = merge_official(clean["official_allocations"], submissions)
    mergers = clean_mergers(clean["mergers"])
    sidecar = inputs.sidecars.get("municipalities/gemeenten_2025.csv", {})
    outputs = {
        "funding": clean["funding"],
        "interventions": clean["interventions"],
        "timeline": clean["timeline"],
        "local_status": clean["local_status"],
        "municipalities": clean_municipalities(
            clean["municipalities"],
            clean["kwb"],
            mergers,
            inhabitants_reference=str(sidecar.get("inhabitants_reference", "onbekend")),
            inhabitants_reference_confirmed=bool(
                sidecar.get("inhabitants_reference_confirmed", False)
            ),
        ),
        "streams": clean["streams"],
        "funding_rules": clean["funding_rules"],
        "comparisons": clean["comparisons"],
        "mergers": mergers,
        "reconciliation": reconcile_frames(
            clean["funding"], clean["comparisons"], clean["funding_rules"]
        ),
        "overview_basis": clean["overview_basis"],
        "allocation_assumptions": clean["allocation_assumptions"],
        "official_allocations": clean["official_allocations"],
        "stream_targets": clean["stream_targets"],
        "agreements": clean["agreements"],
        "documents": documents_table(inputs),
        "statements": clean["statements"],
    }
    final_issues: list[ValidationIssue] = []
    for name, frame in outputs.items():
        final_issues.extend(_validate(frame, CLEAN_SCHEMAS[name], file=f"data/clean/{name}"))
    if final_issues:  # a bug in processing, not in the input: still never write bad output
        raise InputError(final_issues)
    return {name: CLEAN_SCHEMAS[name].validate(frame) for name, frame in outputs.items()}


def documents_table(inputs: Inputs) -> pl.DataFrame:
    """One row per source document, from its provenance sidecar."""
    rows = []
    for name, lines in sorted(inputs.documents.items()):
        meta = inputs.sidecars.get(f"documents/{name}", {})
        rows.append(
            {
                "document": name,
                "title": str(meta.get("title", name)),
                "short_title": str(meta.get("short_title", meta.get("title", name))),
                "producer": str(meta.get("producer", "onbekend")),
                "date_published": str(meta.get("date_published", "onbekend")),
                "licence": str(meta.get("licence", "onbekend")),
                "sha256": inputs.checksums.get(f"documents/{name}", ""),
                "lines": len(lines),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "document": pl.String,
            "title": pl.String,
            "short_title": pl.String,
            "producer": pl.String,
            "date_published": pl.String,
            "licence": pl.String,
            "sha256": pl.String,
            "lines": pl.Int64,
        },
    )


def _validate(
    frame: pl.DataFrame,
    model: type[pa.DataFrameModel],
    *,
    file: str,
    reported: list[ValidationIssue] | None = None,
) -> list[ValidationIssue]:
    """Run a pandera model lazily and return its failures as issues.

    A cell the parser already reported (it became null) is not reported again, nor are the
    columns derived from it.
    """
    if frame.width == 0:
        return []
    try:
        model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as error:
        found = issues_from_schema_errors(error, file=file, descriptions=_check_descriptions(model))
        rows = {issue.row for issue in reported or [] if issue.row is not None}
        cells = {(issue.row, issue.column) for issue in reported or []}
        derived = {
            name
            for name, column in model.to_schema().columns.items()
            if (column.metadata or {}).get("derived")
        }
        return [
            issue
            for issue in found
            if (issue.row, issue.column) not in cells
            and not (issue.row in rows and issue.column in derived)
        ]
    return []


def _check_descriptions(model: type[pa.DataFrameModel]) -> dict[str, str]:
    schema = model.to_schema()
    out: dict[str, str] = {}
    for check in schema.checks:
        if check.name and check.description:
            out[check.name] = check.description
    for column in schema.columns.values():
        for check in column.checks:
            if check.name and check.description:
                out[check.name] = check.description
    return out


def derive_periods(frame: pl.DataFrame, *, file: str) -> tuple[pl.DataFrame, list[ValidationIssue]]:
    """Add ``date``, ``date_end``, ``precision`` and ``range_start`` from the period columns."""
    issues: list[ValidationIssue] = []
    starts: list[dt.date | None] = []
    ends: list[dt.date | None] = []
    precisions: list[str | None] = []
    range_starts: list[dt.date | None] = []
    for index, (period, period_start) in enumerate(
        frame.select("period", "period_start").iter_rows()
    ):
        row = index + 2
        parsed = None
        if period is not None:
            try:
                parsed = parse_period(period)
            except ValueError as err:
                issues.append(ValidationIssue(file, row, "period", period, str(err)))
        starts.append(parsed.start if parsed else None)
        ends.append(parsed.end if parsed else None)
        precisions.append(parsed.precision if parsed else None)
        begin = None
        if period_start is not None:
            try:
                begin = parse_period(period_start).start
            except ValueError as err:
                issues.append(ValidationIssue(file, row, "period_start", period_start, str(err)))
        range_starts.append(begin)
    derived = frame.with_columns(
        pl.Series("date", starts, dtype=pl.Date),
        pl.Series("date_end", ends, dtype=pl.Date),
        pl.Series("precision", precisions, dtype=pl.String),
        pl.Series("range_start", range_starts, dtype=pl.Date),
    )
    return derived, issues


def _check_provenance(inputs: Inputs, *, raw_prefix: str) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    for relative, checksum in sorted(inputs.checksums.items()):
        meta = inputs.sidecars.get(relative) or {}
        sidecar = f"{raw_prefix}{relative}.meta.yml"
        if not meta:
            issues.append(
                ValidationIssue.whole_file(
                    sidecar,
                    "herkomstbestand (sidecar) ontbreekt of is leeg",
                    "elk ruw bestand heeft een .meta.yml met zijn herkomst",
                )
            )
            continue
        for key in REQUIRED_SIDECAR_KEYS:
            if not meta.get(key):
                issues.append(ValidationIssue(sidecar, None, key, None, "verplicht veld ontbreekt"))
        if meta.get("sha256") and meta["sha256"] != checksum:
            issues.append(
                ValidationIssue(
                    sidecar,
                    None,
                    "sha256",
                    str(meta["sha256"]),
                    f"controlegetal klopt niet met het bestand ({checksum[:12]}…)",
                    "controleer de wijziging en voer daarna "
                    f"'azwa checksum {raw_prefix}{relative}' uit",
                )
            )
    return issues


def _check_submissions(
    frames: dict[str, pl.DataFrame], submissions: list[Submission], *, raw_prefix: str
) -> list[ValidationIssue]:
    """References in steward submissions exist (municipality, intervention, stream)."""
    codes = frames["municipalities"]["gemeentecode"].to_list()
    interventions = frames["interventions"]["intervention_id"].to_list()
    streams = frames["streams"]["stream_id"].to_list()
    issues: list[ValidationIssue] = []
    for submission in submissions:
        file = raw_prefix + submission.relative
        frame = submission.frame
        issues.extend(
            checks.check_reference(frame, "municipality_code", codes, file=file, target="gemeente")
        )
        if submission.kind == "lokale_stand":
            issues.extend(
                checks.check_reference(
                    frame, "intervention_id", interventions, file=file, target="interventie"
                )
            )
            issues.extend(
                checks.check_reference(
                    frame, "funding_stream_id", streams, file=file, target="stroom"
                )
            )
        else:
            issues.extend(
                checks.check_reference(frame, "stream_id", streams, file=file, target="stroom")
            )
    return issues


def _cross_checks(
    frames: dict[str, pl.DataFrame], inputs: Inputs, *, raw_prefix: str
) -> list[ValidationIssue]:
    def file(name: str) -> str:
        return raw_prefix + next(t.path for t in RAW_TABLES if t.name == name)

    issues: list[ValidationIssue] = []
    codes = frames["municipalities"]["gemeentecode"].to_list()
    streams = frames["streams"]["stream_id"].to_list()
    funding = frames["funding"]
    interventions = frames["interventions"]
    for name in (
        "streams",
        "funding",
        "funding_rules",
        "interventions",
        "local_status",
        "timeline",
    ):
        issues.extend(checks.check_quotes(frames[name], inputs.documents, file=file(name)))
    issues.extend(
        checks.check_reference(
            funding, "stream_id", streams, file=file("funding"), target="stroom (streams.csv)"
        )
    )
    issues.extend(
        checks.check_reference(
            funding,
            "parent_component_id",
            funding.filter(pl.col("is_subtotal"))["component_id"],
            file=file("funding"),
            target="subtotaal (component_id met is_subtotal)",
        )
    )
    issues.extend(checks.check_scope(funding, codes, file=file("funding")))
    issues.extend(checks.check_subtotals(funding, file=file("funding")))
    issues.extend(checks.check_amounts_quoted(funding, file=file("funding")))
    issues.extend(
        checks.check_reference(
            frames["funding_rules"],
            "stream_ids",
            streams,
            file=file("funding_rules"),
            target="stroom (streams.csv)",
            list_column=True,
        )
    )
    line_ids = funding["line_id"].to_list()
    for column in ("left_line_ids", "right_line_ids"):
        issues.extend(
            checks.check_reference(
                frames["comparisons"],
                column,
                line_ids,
                file=file("comparisons"),
                target="begrotingsregel (funding.line_id)",
                list_column=True,
            )
        )
    issues.extend(
        checks.check_reference(
            frames["comparisons"],
            "right_rule_id",
            frames["funding_rules"].filter(pl.col("kind") == "generic_cut")["rule_id"],
            file=file("comparisons"),
            target="kortingsregel (funding_rules.rule_id)",
        )
    )
    ids = interventions["intervention_id"].to_list()
    issues.extend(
        checks.check_reference(
            interventions,
            "funding_component_id",
            funding["component_id"],
            file=file("interventions"),
            target="onderdeel (funding.component_id)",
        )
    )
    issues.extend(
        checks.check_reference(
            interventions,
            "parent_intervention_id",
            ids,
            file=file("interventions"),
            target="interventie",
        )
    )
    issues.extend(checks.check_unique_aliases(interventions, file=file("interventions")))
    local = frames["local_status"]
    issues.extend(
        checks.check_reference(
            local,
            "intervention_id",
            ids,
            file=file("local_status"),
            target="interventie (interventions.csv)",
        )
    )
    issues.extend(
        checks.check_reference(
            local, "municipality_code", codes, file=file("local_status"), target="gemeente"
        )
    )
    issues.extend(
        checks.check_reference(
            local,
            "funding_stream_id",
            streams,
            file=file("local_status"),
            target="stroom (streams.csv)",
        )
    )
    issues.extend(checks.check_scope(frames["timeline"], codes, file=file("timeline")))
    for name in (
        "overview_basis",
        "allocation_assumptions",
        "stream_targets",
        "agreements",
        "statements",
    ):
        issues.extend(checks.check_quotes(frames[name], inputs.documents, file=file(name)))
    for name in ("overview_basis", "allocation_assumptions", "stream_targets"):
        issues.extend(
            checks.check_reference(
                frames[name], "stream_id", streams, file=file(name), target="stroom (streams.csv)"
            )
        )
    issues.extend(
        checks.check_reference(
            frames["overview_basis"],
            "basis_document",
            inputs.documents,
            file=file("overview_basis"),
            target="document (data/raw/documents)",
        )
    )
    issues.extend(
        checks.check_reference(
            frames["stream_targets"],
            "intervention_id",
            ids,
            file=file("stream_targets"),
            target="interventie",
        )
    )
    issues.extend(
        checks.check_reference(
            frames["agreements"],
            "key_event_ids",
            frames["timeline"]["event_id"],
            file=file("agreements"),
            target="gebeurtenis (timeline.event_id)",
            list_column=True,
        )
    )
    official = frames["official_allocations"]
    issues.extend(
        checks.check_reference(
            official,
            "municipality_code",
            codes,
            file=file("official_allocations"),
            target="gemeente",
        )
    )
    issues.extend(
        checks.check_reference(
            official,
            "stream_id",
            streams,
            file=file("official_allocations"),
            target="stroom (streams.csv)",
        )
    )
    issues.extend(
        check_municipality_coverage(
            frames["municipalities"],
            frames["kwb"],
            frames["mergers"],
            files={
                "municipalities": file("municipalities"),
                "kwb": file("kwb"),
                "mergers": file("mergers"),
            },
        )
    )
    return issues


# --------------------------------------------------------------------------- save


def read_manifest(clean: Path) -> dict[str, Any]:
    path = clean / MANIFEST
    if not path.exists():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def is_up_to_date(clean: Path, fingerprint_value: str) -> bool:
    """True when the manifest records this fingerprint and every output is intact."""
    manifest = read_manifest(clean)
    if manifest.get("fingerprint") != fingerprint_value:
        return False
    for entry in manifest.get("outputs", {}).values():
        path = clean / entry["file"]
        if not path.exists() or sha256_file(path) != entry["sha256"]:
            return False
    return True


def save_outputs(
    outputs: Mapping[str, pl.DataFrame], inputs: Inputs, paths: DataPaths, fingerprint_value: str
) -> None:
    """Write all tables and the manifest into a staging folder, then swap it in at once."""
    clean = paths.clean
    with staging_directory(paths.root, ".clean-staging-") as staging:
        if clean.exists():  # keep files that are not ours (README, .gitkeep)
            for path in clean.iterdir():
                if path.is_file() and path.suffix not in (".parquet", ".json"):
                    (staging / path.name).write_bytes(path.read_bytes())
        manifest_outputs: dict[str, Any] = {}
        for name, frame in outputs.items():
            data = write_parquet_bytes(frame)
            (staging / f"{name}.parquet").write_bytes(data)
            manifest_outputs[name] = {
                "file": f"{name}.parquet",
                "rows": frame.height,
                "sha256": hashlib.sha256(data).hexdigest(),
                "schema": CLEAN_SCHEMAS[name].__name__,
            }
        manifest = {
            "package": "azwa-analysis",
            "version": package_version(),
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "fingerprint": fingerprint_value,
            "code_sha256": code_fingerprint(),
            "inputs": {
                name: {"sha256": checksum} for name, checksum in sorted(inputs.checksums.items())
            },
            "outputs": manifest_outputs,
        }
        (staging / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        replace_directory(staging, clean)


def run(paths: DataPaths | None = None, *, force: bool = False) -> BuildResult:
    """Build ``data/clean/`` from ``data/raw/`` unless it is already up to date.

    Raises
    ------
    InputError
        When any input breaks a rule; ``data/clean/`` is then left exactly as it was.
    """
    paths = paths or DataPaths.default()
    with build_lock(paths.root):
        return _run_locked(paths, force=force)


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per data folder; a killed build's leftovers are cleared on entry."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".build.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            for stale in root.glob(".clean-staging-*"):
                shutil.rmtree(stale, ignore_errors=True)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_locked(paths: DataPaths, *, force: bool) -> BuildResult:
    recover_directory(paths.clean)
    inputs = load_inputs(paths)
    value = fingerprint(inputs)
    if not force and is_up_to_date(paths.clean, value):
        manifest = read_manifest(paths.clean)
        counts = {name: int(entry["rows"]) for name, entry in manifest["outputs"].items()}
        return BuildResult(False, value, counts, "data/clean is actueel; niets te doen")
    prefix = _display_prefix(paths)
    outputs = process(inputs, raw_prefix=prefix)
    save_outputs(outputs, inputs, paths, value)
    return BuildResult(
        True,
        value,
        {name: frame.height for name, frame in outputs.items()},
        f"data/clean opnieuw gebouwd ({len(outputs)} tabellen)",
    )


def _display_prefix(paths: DataPaths) -> str:
    try:
        return paths.raw.resolve().relative_to(PROJECT_ROOT).as_posix() + "/"
    except ValueError:
        return paths.raw.as_posix() + "/"
