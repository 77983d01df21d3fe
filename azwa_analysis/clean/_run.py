"""``azwa build``: validate every raw table and write ``data/clean/`` atomically.

Three parts, like an owid/etl step: :func:`~azwa_analysis.clean._load.load_inputs` reads files
(the only input I/O), :func:`~azwa_analysis.clean._process.process` is pure (parse, validate,
check, derive) and raises :class:`~azwa_analysis._issues.InputError` with *every* problem found,
:func:`~azwa_analysis.clean._save.save_outputs` writes a complete new ``data/clean/`` beside the
old one and swaps it in at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from azwa_analysis._io import check_writable, exclusive_lock, remove_tree
from azwa_analysis._paths import PROJECT_ROOT, DataPaths
from azwa_analysis._tables import code_fingerprint, package_version, read_manifest
from azwa_analysis.clean._atomic import recover_directory
from azwa_analysis.clean._load import Inputs, load_inputs
from azwa_analysis.clean._process import process
from azwa_analysis.clean._save import is_up_to_date, save_outputs


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    built: bool
    fingerprint: str
    row_counts: Mapping[str, int] = field(default_factory=dict)
    message: str = ""


def fingerprint(inputs: Inputs) -> str:
    """One hash over input checksums, their provenance sidecars, package version and code."""
    payload = json.dumps(
        {
            "inputs": dict(sorted(inputs.checksums.items())),
            "sidecars": inputs.sidecars,
            "submissions": inputs.manifests,
            "version": package_version(),
            "code": code_fingerprint(),
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


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
    check_writable(root, kind="folder")
    with exclusive_lock(root / ".build.lock"):
        for stale in root.glob(".clean-staging-*"):
            remove_tree(stale)
        yield


def _run_locked(paths: DataPaths, *, force: bool) -> BuildResult:
    recover_directory(paths.clean)
    prefix = _display_prefix(paths)
    inputs = load_inputs(paths, raw_prefix=prefix)
    value = fingerprint(inputs)
    if not force and not inputs.issues and is_up_to_date(paths.clean, value):
        manifest = read_manifest(paths.clean)
        counts = {name: int(entry["rows"]) for name, entry in manifest["outputs"].items()}
        return BuildResult(False, value, counts, "data/clean is actueel; niets te doen")
    check_writable(paths.clean, kind="folder")  # before any work, not after it
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
