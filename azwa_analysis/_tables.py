"""The clean tables as one immutable bundle, read from ``data/clean/``: the contract between
the build (``clean/``) and everything after it.

Besides the bundle, the contract holds what the build records about it: the schema of each
table (:data:`CLEAN_SCHEMAS`), the manifest and the fingerprint of the code that made them.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from importlib import metadata
from pathlib import Path
from typing import Any, Self, TypeVar

import pandera.errors
import pandera.polars as pa
import polars as pl

from azwa_analysis._io import sha256_file
from azwa_analysis._paths import DataPaths
from azwa_analysis.schemas import (
    AdviserTextSchema,
    AgreementSchema,
    AllocationKeySchema,
    AllocationSourceSchema,
    ComparisonSchema,
    DocumentSchema,
    FigureRegisterSchema,
    FundingRuleSchema,
    FundingSchema,
    GlossarySchema,
    HealthGoalSchema,
    InterventionSchema,
    IzaRegionSchema,
    LocalCaveatSchema,
    LocalStatusSchema,
    MergerSchema,
    MunicipalitySchema,
    OfficialAllocationSchema,
    OverviewBasisSchema,
    PartySchema,
    ProgrammePartSchema,
    ReconciliationSchema,
    RegionMemberSchema,
    StatementSchema,
    StreamSchema,
    StreamSuccessorSchema,
    StreamTargetSchema,
    TimelineSchema,
)

T = TypeVar("T")

MANIFEST = "manifest.json"


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
    "allocation_keys": AllocationKeySchema,
    "official_allocations": OfficialAllocationSchema,
    "stream_targets": StreamTargetSchema,
    "agreements": AgreementSchema,
    "documents": DocumentSchema,
    "statements": StatementSchema,
    "allocations": AllocationSourceSchema,
    "iza_regions": IzaRegionSchema,
    "region_members": RegionMemberSchema,
    "health_goals": HealthGoalSchema,
    "figure_register": FigureRegisterSchema,
    "stream_successors": StreamSuccessorSchema,
    "programme_parts": ProgrammePartSchema,
    "local_caveats": LocalCaveatSchema,
    "glossary": GlossarySchema,
    "parties": PartySchema,
    "adviser_texts": AdviserTextSchema,
}


def read_manifest(clean: Path) -> dict[str, Any]:
    path = clean / MANIFEST
    if not path.exists():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def build_modules() -> list[Path]:
    """The package's source files the build depends on: the build stage's entry module
    (``clean/__init__.py``) and what it imports, transitively, within the package (found by
    reading the import statements, so this module needs no import of the later stage)."""
    package = Path(__file__).resolve().parent
    seen: set[Path] = set()
    todo = [package / "clean" / "__init__.py"]
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


@functools.cache
def package_version() -> str:
    try:
        return metadata.version("azwa-analysis")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


class TablesNotBuiltError(FileNotFoundError):
    """``data/clean`` has not been built (or is incomplete)."""


@dataclass(frozen=True)
class Tables:
    """Every clean table, validated. Immutable: use :meth:`with_table` for a changed copy.

    Examples
    --------
    >>> tables = load_tables()
    >>> tables.municipalities.height
    342
    """

    funding: pl.DataFrame
    interventions: pl.DataFrame
    timeline: pl.DataFrame
    local_status: pl.DataFrame
    municipalities: pl.DataFrame
    streams: pl.DataFrame
    funding_rules: pl.DataFrame
    comparisons: pl.DataFrame
    mergers: pl.DataFrame
    reconciliation: pl.DataFrame
    overview_basis: pl.DataFrame
    allocation_keys: pl.DataFrame
    official_allocations: pl.DataFrame
    stream_targets: pl.DataFrame
    agreements: pl.DataFrame
    documents: pl.DataFrame
    statements: pl.DataFrame
    allocations: pl.DataFrame
    iza_regions: pl.DataFrame
    region_members: pl.DataFrame
    health_goals: pl.DataFrame
    figure_register: pl.DataFrame
    parties: pl.DataFrame
    stream_successors: pl.DataFrame
    programme_parts: pl.DataFrame
    local_caveats: pl.DataFrame
    glossary: pl.DataFrame
    adviser_texts: pl.DataFrame
    fingerprint: str = ""
    #: Results computed from the tables alone (national analyses, lookups, answers and charts
    #: shared by many municipalities), memoised per bundle; see :meth:`memoised`. The bundle is
    #: immutable, so a memoised result is exactly what a fresh computation returns;
    #: :meth:`with_table` gives a copy with an empty memo.
    memo: dict[tuple[Any, ...], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def memoised(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per bundle and ``key``; later calls return the same object."""
        if key not in self.memo:
            self.memo[key] = compute()
        result: T = self.memo[key]
        return result

    def with_table(self, name: str, frame: pl.DataFrame) -> Self:
        """A copy with one table replaced (validated against its schema).

        Examples
        --------
        >>> tables = load_tables()
        >>> fewer = tables.with_table("local_status", tables.local_status.head(0))
        >>> fewer.local_status.height, tables.local_status.height > 0
        (0, True)
        """
        if name not in CLEAN_SCHEMAS:
            raise KeyError(f"onbekende tabel '{name}'; kies uit {', '.join(CLEAN_SCHEMAS)}")
        changes: dict[str, Any] = {name: CLEAN_SCHEMAS[name].validate(frame)}
        return replace(self, **changes)


def load_tables(paths: DataPaths | Path | None = None, *, validate: bool = True) -> Tables:
    """Read every clean table from ``data/clean`` (run ``azwa build`` first).

    With ``validate=False`` the schemas are not run again; instead each file must match the
    checksum the build recorded after validating it (the briefing renderer uses this).

    Raises
    ------
    TablesNotBuiltError
        With a Dutch message saying to run ``azwa build``.
    """
    if paths is None:
        paths = DataPaths.default()
    elif isinstance(paths, Path):
        paths = DataPaths(paths)
    clean = paths.clean
    manifest = read_manifest(clean)
    if manifest and manifest.get("code_sha256") != code_fingerprint():
        raise TablesNotBuiltError(
            f"{clean} is gebouwd met een andere versie van de code: voer 'azwa build' uit."
        )
    if not manifest:
        raise TablesNotBuiltError(f"{clean / MANIFEST} ontbreekt: voer eerst 'azwa build' uit.")
    outputs = manifest.get("outputs")
    if not isinstance(outputs, dict) or not all(
        isinstance(entry, dict) and isinstance(entry.get("file"), str) for entry in outputs.values()
    ):
        raise TablesNotBuiltError(
            f"{clean / MANIFEST} is beschadigd: voer 'azwa build --force' uit."
        )
    key = (str(clean.resolve()), json.dumps(outputs, sort_keys=True), validate)
    cached = _LOADED.get(key)
    if cached is not None and _mtimes(clean, outputs) == cached[1]:
        return cached[0]
    frames: dict[str, pl.DataFrame] = {}
    for table in fields(Tables):
        if not table.init or table.name == "fingerprint":
            continue
        frames[table.name] = _read_table(clean, table.name, manifest, validate=validate)
    tables = Tables(**frames, fingerprint=str(manifest.get("fingerprint", "")))
    _LOADED.clear()  # keep one bundle: the current data
    _LOADED[key] = (tables, _mtimes(clean, outputs))
    return tables


def _mtimes(clean: Path, outputs: dict[str, Any]) -> tuple[int, ...]:
    """Modification times of the clean files (-1 for one that is gone)."""
    times = []
    for entry in outputs.values():
        try:
            times.append((clean / entry["file"]).stat().st_mtime_ns)
        except OSError:
            times.append(-1)
    return tuple(times)


def _read_table(
    clean: Path, name: str, manifest: dict[str, Any], *, validate: bool
) -> pl.DataFrame:
    """One clean table, checked against the manifest's checksum (a truncated or changed file
    is caught before polars reads it) and, with ``validate``, against its schema."""
    path = clean / f"{name}.parquet"
    if not path.exists():
        raise TablesNotBuiltError(
            f"{path} ontbreekt: voer eerst 'azwa build' uit (of bash scripts/main.sh)."
        )
    expected = manifest.get("outputs", {}).get(name, {}).get("sha256")
    if expected != sha256_file(path):
        raise TablesNotBuiltError(
            f"{path} is beschadigd of gewijzigd (klopt niet met manifest.json): voer "
            "'azwa build --force' uit."
        )
    try:
        frame = pl.read_parquet(path)
        return CLEAN_SCHEMAS[name].validate(frame) if validate else frame
    except (pl.exceptions.PolarsError, OSError, pandera.errors.SchemaError) as error:
        raise TablesNotBuiltError(
            f"{path} is niet te lezen ({type(error).__name__}): voer 'azwa build --force' uit."
        ) from None


#: The last bundle read, keyed by folder and the manifest's output checksums: reading and
#: validating 17 tables costs ~0.5 s, and a batch of briefings reads the same data 342 times.
_LOADED: dict[tuple[str, str, bool], tuple[Tables, tuple[int, ...]]] = {}
