"""Steward submissions in ``data/raw/imports/``: parsed, checked, and merged into the clean
tables by one rule.

**Supersede rule.** Per municipality and per kind (local status, official amounts), the newest
submission (file names start with a UTC timestamp) is the municipality's complete state: it
replaces the letters' rows and every earlier submission for that municipality. Earlier files
stay in ``data/raw/imports/`` untouched, so the history can be audited and rebuilt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandera.polars as pa
import polars as pl

from azwa_analysis._issues import ROW, ValidationIssue
from azwa_analysis.clean._parse import parse_table
from azwa_analysis.schemas import OfficialAllocationSchema, StewardLocalStatusSchema

IMPORTS = "imports"
KINDS: dict[str, type[pa.DataFrameModel]] = {
    "lokale_stand": StewardLocalStatusSchema,
    "officiele_bedragen": OfficialAllocationSchema,
}


@dataclass(frozen=True)
class Submission:
    """One imported file: its path under data/raw, kind, rows (with row numbers)."""

    relative: str
    kind: str
    frame: pl.DataFrame


def import_paths(raw: Path) -> list[Path]:
    """Every submission file, sorted (oldest first within a kind)."""
    return [path for kind in KINDS for path in sorted((raw / IMPORTS / kind).glob("*.csv"))]


def parse_submissions(
    texts: Mapping[str, str], *, raw_prefix: str, validate: Any
) -> tuple[list[Submission], list[ValidationIssue]]:
    """Parse and validate every submission (``validate`` is the build's pandera runner)."""
    submissions: list[Submission] = []
    issues: list[ValidationIssue] = []
    for relative in sorted(texts):
        parts = relative.split("/")
        if len(parts) != 3 or parts[0] != IMPORTS or parts[1] not in KINDS:
            continue
        model = KINDS[parts[1]]
        file = raw_prefix + relative
        frame, parse_issues = parse_table(texts[relative], model, file=file)
        issues.extend(parse_issues)
        issues.extend(validate(frame, model, file=file, reported=parse_issues))
        submissions.append(
            Submission(
                relative,
                parts[1],
                frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64)),
            )
        )
    return submissions, issues


def _age(submission: Submission) -> tuple[str, int]:
    """Sort key: the name, with the counter of a same-second import (``…_GM1954_10.csv``) read
    as a number so that the tenth comes after the second."""
    stem = submission.relative.removesuffix(".csv")
    base, _, counter = stem.rpartition("_")
    return (base, int(counter)) if counter.isdigit() else (stem, 1)


def latest_per_municipality(submissions: list[Submission], kind: str) -> dict[str, Submission]:
    """The newest submission of ``kind`` for each municipality it covers."""
    latest: dict[str, Submission] = {}
    for submission in sorted((s for s in submissions if s.kind == kind), key=_age):
        for code in submission.frame["municipality_code"].unique().to_list():
            latest[str(code)] = submission
    return latest


def merge_local_status(
    letters: pl.DataFrame, submissions: list[Submission], sidecars: Mapping[str, dict[str, Any]]
) -> pl.DataFrame:
    """Letters' rows, with each submitting municipality replaced by its newest submission."""
    latest = latest_per_municipality(submissions, "lokale_stand")
    kept = letters.filter(~pl.col("municipality_code").is_in(list(latest)))
    parts = [kept]
    for code, submission in latest.items():
        rows = submission.frame.filter(pl.col("municipality_code") == code)
        producer = str(sidecars.get(submission.relative, {}).get("producer", "datasteward"))
        parts.append(
            rows.select(
                pl.lit(submission.relative).alias("source_document"),
                pl.col(ROW).cast(pl.String).alias("source_location"),
                pl.col("source").alias("source_quote"),
                pl.lit(f"aangeleverd door {producer}").alias("note"),
                "municipality_code",
                "intervention_id",
                "status",
                "detail",
                "funding_source",
                "funding_stream_id",
                "funding_ends_year",
            )
        )
    return pl.concat([p.select(letters.columns) for p in parts]).sort(
        "municipality_code", "intervention_id"
    )


def merge_official(base: pl.DataFrame, submissions: list[Submission]) -> pl.DataFrame:
    """Official amounts: newest submission per municipality replaces earlier ones."""
    latest = latest_per_municipality(submissions, "officiele_bedragen")
    parts = [base.filter(~pl.col("municipality_code").is_in(list(latest)))]
    for code, submission in latest.items():
        parts.append(
            submission.frame.filter(pl.col("municipality_code") == code).select(base.columns)
        )
    return pl.concat(parts).sort("municipality_code", "stream_id", "year")
