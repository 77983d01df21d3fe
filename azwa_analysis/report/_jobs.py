"""Render jobs: what a briefing depends on (its fingerprint), where its files go, and whether
the files already there are current. Planning needs no kernel and no converter."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import polars as pl

from azwa_analysis._paths import PROJECT_ROOT
from azwa_analysis._tables import Tables, read_manifest
from azwa_analysis.report._convert import Format

QMD = PROJECT_ROOT / "reports" / "briefing.qmd"


STATE_FILE = ".azwa-render.json"


#: Tables whose rows belong to one municipality: only that municipality's rows count.
LOCAL_TABLES = ("local_status", "official_allocations")


@dataclass(frozen=True)
class RenderResult:
    """What happened to one municipality."""

    code: str
    name: str
    status: Literal["gemaakt", "overgeslagen", "mislukt"]
    files: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str | None = None


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to render one municipality (picklable)."""

    code: str
    name: str
    as_of: dt.date
    formats: tuple[Format, ...]
    out_dir: Path
    data_root: Path
    fingerprint: str
    engine: Literal["quarto", "builtin"]
    template: Path = QMD
    force: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_and_template_hash(template: Path = QMD) -> str:
    """Anything that shapes a briefing besides the data: package source (Python and the pandoc
    Lua converter), qmd, templates."""
    package = Path(__file__).resolve().parent.parent
    source = [p for p in package.rglob("*") if p.suffix in {".py", ".lua"}]
    files = [*source, template, *(template.parent / "templates").glob("*")]
    return hash_files(p for p in files if p.is_file())


def municipality_fingerprints(
    tables: Tables,
    data_root: Path,
    *,
    as_of: dt.date,
    formats: Sequence[str],
    engine: str,
    template: Path = QMD,
) -> dict[str, str]:
    """Per municipality: a hash of exactly the inputs its briefing depends on.

    National tables count whole; local status and official amounts count only with the
    municipality's own rows, so changing one municipality re-renders only that one.
    """
    manifest = read_manifest(data_root / "clean")
    shared = {
        name: entry["sha256"]
        for name, entry in sorted(manifest.get("outputs", {}).items())
        if name not in LOCAL_TABLES
    }
    base = json.dumps(
        {
            "shared": shared,
            "as_of": as_of.isoformat(),
            "formats": list(formats),
            "engine": engine,
            "code": code_and_template_hash(template),
        },
        sort_keys=True,
    )
    local_rows: dict[str, dict[str, str]] = {name: {} for name in LOCAL_TABLES}
    for name in LOCAL_TABLES:
        frame: pl.DataFrame = getattr(tables, name)
        for (code,), part in frame.group_by("municipality_code"):
            local_rows[name][str(code)] = hashlib.sha256(
                part.sort(part.columns).write_csv().encode()
            ).hexdigest()
    result = {}
    for code in tables.municipalities["municipality_code"].to_list():
        payload = base + "|" + "|".join(local_rows[name].get(code, "") for name in LOCAL_TABLES)
        result[code] = hashlib.sha256(f"{code}|{payload}".encode()).hexdigest()
    return result


def output_names(code: str, formats: Iterable[str]) -> dict[str, str]:
    """``GM1954`` → ``GM1954-briefing.html`` …; names come from the code only (never from
    input text), so they cannot escape the output folder."""
    if not code.startswith("GM") or not code[2:].isdigit() or len(code) != 6:
        raise ValueError(f"ongeldige gemeentecode voor een bestandsnaam: {code!r}")
    return {fmt: f"{code}-briefing.{fmt}" for fmt in formats}


def state_path(job: RenderJob) -> Path:
    return job.out_dir / job.code / STATE_FILE


def is_current(job: RenderJob) -> bool:
    """The folder holds every requested file, rendered from the same fingerprint."""
    path = state_path(job)
    if job.force or not path.exists():
        return False
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return False
    names = output_names(job.code, job.formats).values()
    return state.get("fingerprint") == job.fingerprint and all(
        (job.out_dir / job.code / name).exists() for name in names
    )


def plan_jobs(
    tables: Tables,
    codes: Sequence[str],
    *,
    as_of: dt.date,
    formats: Sequence[Format],
    out_dir: Path,
    data_root: Path,
    engine: Literal["quarto", "builtin"],
    force: bool,
    template: Path = QMD,
) -> list[RenderJob]:
    prints = municipality_fingerprints(
        tables, data_root, as_of=as_of, formats=formats, engine=engine, template=template
    )
    names = dict(tables.municipalities.select("municipality_code", "name").iter_rows())
    return [
        RenderJob(
            code,
            names[code],
            as_of,
            tuple(formats),
            out_dir,
            data_root,
            prints[code],
            engine,
            template,
            force,
        )
        for code in codes
    ]
