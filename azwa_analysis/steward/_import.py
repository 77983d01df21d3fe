"""``azwa import``: store a valid submission as one new raw submission, all or nothing; never edit
or lose old ones.

The steward states whose data the file replaces: one or more municipalities
(``--gemeente``), or a national file (``--landelijk``). Rows for a municipality that was not
stated are refused, and so is a stated municipality without rows. For every municipality and
kind in the file the import says how many rows the submission replaces, by how many.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from azwa_analysis._io import sha256_file
from azwa_analysis._issues import ValidationIssue
from azwa_analysis._paths import DataPaths
from azwa_analysis._tables import Tables
from azwa_analysis.clean._submissions import current_row_counts
from azwa_analysis.steward._forms import FORMS, Form
from azwa_analysis.steward._parse import check_text, neutralise
from azwa_analysis.steward._transaction import StagedFile, commit_submission, import_lock
from azwa_analysis.steward._validate import FormData, Validation, limit_issues, validate_file

_CODE = re.compile(r"GM\d{4}")
KIND_LABELS = {form.kind: form.sheet.lower() for form in FORMS}


@dataclass(frozen=True)
class Scope:
    """Whose data a submission replaces: the municipalities stated, or all in a national file.

    Examples
    --------
    >>> Scope(("GM1954",)).describe(), Scope(national=True).describe()
    ('GM1954', 'landelijk (alle gemeenten in het bestand)')
    """

    municipalities: tuple[str, ...] = ()
    national: bool = False

    def __post_init__(self) -> None:
        if self.national == bool(self.municipalities):
            raise ValueError("geef de gemeente(n) op waarvoor het bestand is, of 'landelijk'")
        if not all(_CODE.fullmatch(code) for code in self.municipalities):
            raise ValueError("gemeenten als CBS-code, bijvoorbeeld GM1954")

    def describe(self) -> str:
        if self.national:
            return "landelijk (alle gemeenten in het bestand)"
        return ", ".join(self.municipalities)


@dataclass(frozen=True)
class Replacement:
    """For one municipality and kind: rows in the current state, rows in the submission."""

    kind: str
    code: str
    name: str
    before: int
    after: int

    def format(self) -> str:
        return (
            f"{self.code} {self.name}, {KIND_LABELS[self.kind]}: {self.before} rijen vervangen "
            f"door {self.after}"
        )


@dataclass(frozen=True)
class ImportResult:
    validation: Validation
    written: tuple[Path, ...] = ()
    folder: Path | None = None
    replaced: tuple[Replacement, ...] = field(default=())


def safe_name(name: str) -> str:
    """A file's name as a plain label for provenance (no path, no odd characters).

    Examples
    --------
    >>> safe_name("../../etc/passwd"), safe_name("Lokale stand – Beekdaelen.xlsx")
    ('passwd', 'Lokale_stand_Beekdaelen.xlsx')
    """
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^0-9A-Za-z._-]+", "_", base).strip("._")
    return cleaned[:120] or "bestand"


def _csv_bytes(form: Form, rows: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [c.name for c in form.columns]
    writer.writerow(names)
    for row in rows:
        out = []
        for name in names:
            value = row.get(name)
            if value is None:
                out.append("")
            elif isinstance(value, dt.date):
                out.append(value.isoformat())
            else:
                out.append(neutralise(str(value)))
        writer.writerow(out)
    return buffer.getvalue().encode("utf-8")


def check_scope(validation: Validation, scope: Scope, tables: Tables) -> Validation:
    """Refuse rows for municipalities the steward did not state, and stated municipalities
    without any row (an import would otherwise replace a state nobody meant to change)."""
    if scope.national:
        return validation
    names = dict(tables.municipalities.select("municipality_code", "name").iter_rows())
    stated = set(scope.municipalities)
    issues: list[ValidationIssue] = []
    seen: set[str] = set()
    for data in validation.data:
        for row in data.rows:
            code = str(row["municipality_code"])
            seen.add(code)
            if code not in stated:
                issues.append(
                    ValidationIssue(
                        data.file,
                        int(row["_row"]),
                        "Gemeentecode",
                        code,
                        f"rij voor {code} {names.get(code, '')}, maar de aanlevering is "
                        f"alleen voor {scope.describe()}".replace("  ", " "),
                        f"verwijder de rij, of geef ook --gemeente {code} op als het bestand "
                        f"de volledige stand van {code} is",
                        sheet=data.sheet,
                    )
                )
    for code in sorted(stated - seen):
        issues.append(
            ValidationIssue.whole_file(
                validation.data[0].file if validation.data else "",
                f"--gemeente {code} ({names.get(code, '?')}) opgegeven, maar het bestand heeft "
                f"geen rijen voor {code}",
                "laat --gemeente weg voor gemeenten zonder rijen, of vul hun rijen in",
            )
        )
    if not issues:
        return validation
    return Validation(limit_issues([*validation.issues, *issues]), validation.data)


def _by_municipality(data: FormData) -> dict[str, list[dict[str, object]]]:
    rows: dict[str, list[dict[str, object]]] = {}
    for row in data.rows:
        code = str(row["municipality_code"])
        if not _CODE.fullmatch(code):  # validated already; belt and braces for the file name
            raise ValueError(f"ongeldige gemeentecode {code!r}")
        rows.setdefault(code, []).append(row)
    return rows


def import_file(
    path: Path,
    tables: Tables,
    *,
    paths: DataPaths,
    supplied_by: str,
    scope: Scope,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Validate ``path`` and check it against ``scope``; only when all is right, write it as one
    new submission folder under ``data/raw/imports/`` (see ``_transaction.py``): every CSV
    (one per kind and municipality) with its provenance sidecar, and a manifest.

    Nothing is written when any problem is found. File and folder names come from the clock,
    a random token, the kind and the municipality code, so input cannot steer where files go.

    Raises
    ------
    ValueError
        When ``supplied_by`` is empty or not plain text (a misuse, not a problem in the file).
    """
    supplied_by = check_text(supplied_by, max_length=120, min_length=2)
    validation = validate_file(path, tables)
    if validation.ok:
        validation = check_scope(validation, scope, tables)
    if not validation.ok:
        return ImportResult(validation)
    names = dict(tables.municipalities.select("municipality_code", "name").iter_rows())
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    original = {"original_file": safe_name(path.name), "original_sha256": sha256_file(path)}
    staged: list[StagedFile] = []
    for data in validation.data:
        for code, rows in sorted(_by_municipality(data).items()):
            meta = {
                "title": f"{data.form.title}, {code}",
                "producer": supplied_by,
                "description": "Aangeleverd door een datasteward via azwa import; geldt als de "
                "volledige stand voor deze gemeente tot een nieuwere aanlevering.",
                **original,
                "sheet": data.sheet or "",
                "rows": len(rows),
                "date_published": moment.date().isoformat(),
                "date_accessed": moment.isoformat(timespec="seconds"),
                "licence": "aangeleverd door de gemeente voor dit project",
            }
            staged.append(
                StagedFile(
                    f"{data.form.kind}/{code}.csv", _csv_bytes(data.form, rows), meta, len(rows)
                )
            )
    manifest = {
        "format": 1,
        "title": "Aanlevering via azwa import",
        "producer": supplied_by,
        **original,
        "scope": "landelijk" if scope.national else list(scope.municipalities),
        "date_accessed": moment.isoformat(timespec="seconds"),
    }
    with import_lock(paths):
        counts = current_row_counts(paths.raw, tables)
        folder = commit_submission(paths, staged, manifest, now=moment)
    replaced = tuple(
        Replacement(kind, code, names.get(code, ""), counts.get((kind, code), 0), file.rows)
        for file in staged
        for kind, code in [file.relative.removesuffix(".csv").split("/")]
    )
    return ImportResult(
        validation,
        tuple(folder / file.relative for file in staged),
        folder,
        replaced,
    )
