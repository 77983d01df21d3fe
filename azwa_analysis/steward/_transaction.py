"""An import is a transaction: a whole submission appears in ``data/raw/imports/`` at once, or
nothing does.

How (the layout is described in ``clean/_submissions.py``):

1. Under an exclusive lock on ``data/.import.lock`` (one import at a time per data folder; the
   kernel drops the lock of a killed process), leftovers of killed imports are removed.
2. Every CSV, its provenance sidecar and, last, ``submission.yml`` are written into a fresh
   ``data/.import-staging-*`` folder beside ``data/raw`` (same file system) and fsynced.
3. One ``rename`` moves that folder to ``data/raw/imports/<UTC µs>_<random>/``, a name no other
   import can have: the lock orders imports, and each name is later than every existing one.
   The parent folder is fsynced.

A kill before step 3 leaves ``data/raw`` as it was (a hidden staging folder outside it, removed
by the next import); a kill after it leaves the whole submission.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from azwa_analysis._io import (
    check_writable,
    exclusive_lock,
    fsync_directory,
    remove_tree,
    sidecar_path,
    staging_directory,
    write_new_file,
)
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean._submissions import (
    IMPORTS,
    SUBMISSION_MANIFEST,
    SUBMISSION_NAME,
    scan_imports,
)

LOCK = ".import.lock"
STAGING_PREFIX = ".import-staging-"
QUARANTINE = "quarantaine"


@contextlib.contextmanager
def import_lock(paths: DataPaths) -> Iterator[None]:
    """One import (or cleanup) at a time per data folder; a killed import's staging folder is
    removed on entry (no other import can be using it while we hold the lock)."""
    check_writable(paths.root, kind="folder")
    with exclusive_lock(paths.root / LOCK):
        for stale in paths.root.glob(STAGING_PREFIX + "*"):
            remove_tree(stale)
        yield


@dataclass(frozen=True)
class StagedFile:
    """One CSV of a submission: where it goes inside the submission, its bytes and sidecar."""

    relative: str  # "<kind>/<code>.csv"
    data: bytes
    meta: dict[str, Any]
    rows: int


def _yaml(content: Mapping[str, Any]) -> bytes:
    text = yaml.safe_dump(dict(content), allow_unicode=True, sort_keys=False, width=100)
    return text.encode("utf-8")


def submission_name(imports: Path, now: dt.datetime) -> str:
    """``<UTC µs>_<8 hex>``, later than every submission already there (clocks can go back)."""
    moment = now.astimezone(dt.UTC).replace(tzinfo=None)
    if imports.is_dir():
        for entry in imports.iterdir():
            match = SUBMISSION_NAME.match(entry.name)
            if match:
                existing = dt.datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S%fZ")
                moment = max(moment, existing + dt.timedelta(microseconds=1))
    return f"{moment.strftime('%Y%m%dT%H%M%S%fZ')}_{secrets.token_hex(4)}"


def commit_submission(
    paths: DataPaths, files: list[StagedFile], manifest: Mapping[str, Any], *, now: dt.datetime
) -> Path:
    """Write ``files`` and the manifest as one new submission folder; call under
    :func:`import_lock`. Returns the folder. On any error nothing appears in data/raw."""
    imports = paths.raw / IMPORTS
    check_writable(imports, kind="folder")
    listed: dict[str, dict[str, Any]] = {}
    with staging_directory(paths.root, STAGING_PREFIX) as staging:
        for staged in files:
            target = staging / staged.relative
            target.parent.mkdir(exist_ok=True)
            checksum = hashlib.sha256(staged.data).hexdigest()
            write_new_file(target, staged.data)
            write_new_file(sidecar_path(target), _yaml({**staged.meta, "sha256": checksum}))
            kind, name = staged.relative.split("/")
            listed[staged.relative] = {
                "kind": kind,
                "municipality": name.removesuffix(".csv"),
                "rows": staged.rows,
                "sha256": checksum,
            }
        write_new_file(staging / SUBMISSION_MANIFEST, _yaml({**manifest, "files": listed}))
        for folder in {(staging / f.relative).parent for f in files} | {staging}:
            fsync_directory(folder)
        imports.mkdir(parents=True, exist_ok=True)
        final = imports / submission_name(imports, now)
        os.rename(staging, final)
        fsync_directory(imports)
    return final


@dataclass(frozen=True)
class Cleanup:
    """What ``azwa cleanup`` did: incomplete submissions moved aside, staging folders removed."""

    moved: tuple[tuple[Path, Path], ...]


def quarantine_incomplete(paths: DataPaths, *, now: dt.datetime | None = None) -> Cleanup:
    """Move every incomplete submission from ``data/raw/imports`` to
    ``data/quarantaine/<UTC>/imports/…`` (nothing is deleted), under the import lock."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    moved: list[tuple[Path, Path]] = []
    with import_lock(paths):
        scan = scan_imports(paths.raw)
        if scan.incomplete:
            check_writable(paths.raw / IMPORTS, kind="folder")
        target_root = paths.root / QUARANTINE / moment.strftime("%Y%m%dT%H%M%S%fZ")
        for path in scan.incomplete:
            target = target_root / path.relative_to(paths.raw)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, target)
            moved.append((path, target))
        if moved:
            fsync_directory(paths.raw / IMPORTS)
    return Cleanup(tuple(moved))
