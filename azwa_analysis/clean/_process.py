"""Process: parse, validate, check and derive — pure functions from the loaded inputs to the
clean tables. Raises :class:`~azwa_analysis._issues.InputError` with *every* problem found."""

from __future__ import annotations

import datetime as dt

import pandera.errors
import pandera.polars as pa
import polars as pl

from azwa_analysis._issues import ROW, InputError, ValidationIssue, issues_from_schema_errors
from azwa_analysis._periods import parse_period
from azwa_analysis._tables import CLEAN_SCHEMAS
from azwa_analysis.clean._cross_checks import (
    check_provenance,
    check_store,
    check_submissions,
    cross_checks,
)
from azwa_analysis.clean._figures import figure_register
from azwa_analysis.clean._load import RAW_TABLES, Inputs
from azwa_analysis.clean._municipalities import clean_mergers, clean_municipalities
from azwa_analysis.clean._parse import parse_table
from azwa_analysis.clean._reconcile import reconcile_frames
from azwa_analysis.clean._submissions import (
    merge_adviser_texts,
    merge_local_status,
    merge_official,
    merge_region_members,
    parse_submissions,
)
from azwa_analysis.clean._totals import total_lines
from azwa_analysis.sources import documents_table, parse_registrations


def process(inputs: Inputs, *, raw_prefix: str = "data/raw/") -> dict[str, pl.DataFrame]:
    """Parse, validate and check every raw table; return the clean tables.

    Raises
    ------
    InputError
        Listing every problem in every table (file, row, column, value, rule).
    """
    issues: list[ValidationIssue] = list(inputs.issues)
    issues.extend(check_provenance(inputs, raw_prefix=raw_prefix))
    issues.extend(parse_registrations(inputs.registration_texts, raw_prefix=raw_prefix)[1])
    issues.extend(check_store(inputs, raw_prefix=raw_prefix))

    frames: dict[str, pl.DataFrame] = {}
    for table in RAW_TABLES:
        file = raw_prefix + table.path
        text = inputs.texts.get(table.path)
        if text is None:
            issues.append(ValidationIssue.whole_file(file, "bestand ontbreekt"))
            continue
        frame, table_issues = parse_table(text, table.model, file=file)
        if frame.width == 0:  # not readable as CSV at all: reported, and no cross-checks
            issues.extend(table_issues)
            continue
        if table.name == "timeline":
            frame, period_issues = derive_periods(frame, file=file)
            table_issues.extend(period_issues)
        issues.extend(table_issues)
        issues.extend(validate_frame(frame, table.model, file=file, reported=table_issues))
        frames[table.name] = frame.with_row_index(ROW, offset=2).with_columns(
            pl.col(ROW).cast(pl.Int64)
        )

    submissions, import_issues = parse_submissions(
        inputs.texts, raw_prefix=raw_prefix, validate=validate_frame
    )
    issues.extend(import_issues)
    if len(frames) == len(RAW_TABLES):
        issues.extend(cross_checks(frames, inputs, raw_prefix=raw_prefix))
        issues.extend(check_submissions(frames, submissions, raw_prefix=raw_prefix))
    if issues:
        raise InputError(issues)

    clean = {name: frame.drop(ROW) for name, frame in frames.items()}
    clean["funding"] = pl.concat(
        [clean["funding"], total_lines(clean["allocation_totals"], clean["allocations"])]
    )
    clean["local_status"] = merge_local_status(clean["local_status"], submissions, inputs.sidecars)
    clean["official_allocations"] = merge_official(clean["official_allocations"], submissions)
    clean["region_members"] = merge_region_members(
        clean["region_members"], submissions, inputs.sidecars
    )
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
        "allocation_keys": clean["allocation_keys"],
        "official_allocations": clean["official_allocations"],
        "stream_targets": clean["stream_targets"],
        "agreements": clean["agreements"],
        "documents": documents_table(
            inputs.documents,
            inputs.sidecars,
            inputs.checksums,
            inputs.registrations,
            inputs.stored,
        ),
        "statements": clean["statements"],
        "allocations": clean["allocations"],
        "iza_regions": clean["iza_regions"],
        "region_members": clean["region_members"],
        "health_goals": clean["health_goals"],
        "parties": clean["parties"],
        "stream_successors": clean["stream_successors"],
        "programme_parts": clean["programme_parts"],
        "local_caveats": clean["local_caveats"],
        "glossary": clean["glossary"],
        "adviser_texts": merge_adviser_texts(submissions, inputs.sidecars),
    }
    outputs["figure_register"] = figure_register(outputs["funding"], outputs["documents"])
    final_issues: list[ValidationIssue] = []
    for name, frame in outputs.items():
        final_issues.extend(validate_frame(frame, CLEAN_SCHEMAS[name], file=f"data/clean/{name}"))
    if final_issues:  # a bug in processing, not in the input: still never write bad output
        raise InputError(final_issues)
    return {name: CLEAN_SCHEMAS[name].validate(frame) for name, frame in outputs.items()}


def validate_frame(
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
        found = issues_from_schema_errors(error, file=file, descriptions=check_descriptions(model))
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


def check_descriptions(model: type[pa.DataFrameModel]) -> dict[str, str]:
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
