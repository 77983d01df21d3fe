"""``azwa import``: store a valid submission as new raw files; never edit or lose old ones."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from azwa_analysis._io import sha256_file, write_bytes_atomic, write_sidecar
from azwa_analysis._paths import DataPaths
from azwa_analysis._tables import Tables
from azwa_analysis.clean._submissions import IMPORTS
from azwa_analysis.steward._forms import Form
from azwa_analysis.steward._parse import neutralise
from azwa_analysis.steward._validate import Validation, validate_file


@dataclass(frozen=True)
class ImportResult:
    validation: Validation
    written: tuple[Path, ...]


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


def import_file(
    path: Path,
    tables: Tables,
    *,
    paths: DataPaths,
    supplied_by: str,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Validate ``path``; only when it is entirely valid, write one raw file per kind and
    municipality under ``data/raw/imports/<kind>/`` with a provenance sidecar.

    Nothing is written when any problem is found. File names come from the timestamp and the
    municipality code only, so input cannot steer where files go.
    """
    validation = validate_file(path, tables)
    if not validation.ok:
        return ImportResult(validation, ())
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    written: list[Path] = []
    for data in validation.data:
        by_code: dict[str, list[dict[str, object]]] = {}
        for row in data.rows:
            by_code.setdefault(str(row["municipality_code"]), []).append(row)
        for code, rows in sorted(by_code.items()):
            if not re.fullmatch(r"GM\d{4}", code):
                continue  # validated already; belt and braces for the file name
            folder = paths.raw / IMPORTS / data.form.kind
            target = folder / f"{stamp}_{code}.csv"
            counter = 1
            while target.exists():
                counter += 1
                target = folder / f"{stamp}_{code}_{counter}.csv"
            write_bytes_atomic(target, _csv_bytes(data.form, rows))
            write_sidecar(
                target,
                {
                    "title": f"{data.form.title}, {code}",
                    "producer": supplied_by,
                    "description": "Aangeleverd door een datasteward via azwa import; geldt als de "
                    "volledige stand voor deze gemeente tot een nieuwere aanlevering.",
                    "original_file": safe_name(path.name),
                    "original_sha256": sha256_file(path),
                    "sheet": data.sheet or "",
                    "rows": len(rows),
                    "date_published": moment.date().isoformat(),
                    "date_accessed": moment.isoformat(timespec="seconds"),
                    "licence": "aangeleverd door de gemeente voor dit project",
                    "sha256": sha256_file(target),
                },
            )
            written.append(target)
    return ImportResult(validation, tuple(written))
