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

import polars as pl

from azwa_analysis._io import check_writable, exclusive_lock, remove_tree
from azwa_analysis._paths import PROJECT_ROOT, DataPaths
from azwa_analysis._tables import code_fingerprint, package_version, read_manifest
from azwa_analysis.clean._atomic import recover_directory
from azwa_analysis.clean._load import Inputs, load_inputs
from azwa_analysis.clean._process import process
from azwa_analysis.clean._save import is_up_to_date, save_outputs
from azwa_analysis.sources import unverified_quotes


@dataclass(frozen=True)
class BuildResult:
    """What a build did; ``unverified`` counts, per registered document the store lacks, the
    rows whose quotes could not be checked against it."""

    built: bool
    fingerprint: str
    row_counts: Mapping[str, int] = field(default_factory=dict)
    message: str = ""
    unverified: Mapping[str, int] = field(default_factory=dict)

    @property
    def unverified_message(self) -> str:
        """Dutch: how many quotes went unchecked and why; empty when all were checked."""
        if not self.unverified:
            return ""
        total = sum(self.unverified.values())
        names = ", ".join(sorted(self.unverified))
        return (
            f"{total} citaten niet gecontroleerd: hun document staat niet in de "
            f"documentenopslag ({names}). Zet AZWA_DOCUMENTS (of --documents) op de map met "
            "de originelen om ze te controleren."
        )


class UnverifiedQuotesError(Exception):
    """``--strict``: quotes whose document is absent from the store count as a failure."""

    def __init__(self, result: BuildResult):
        self.result = result
        super().__init__(result.unverified_message)


def fingerprint(inputs: Inputs) -> str:
    """One hash over input checksums, their provenance sidecars, package version and code."""
    payload = json.dumps(
        {
            "inputs": dict(sorted(inputs.checksums.items())),
            "sidecars": inputs.sidecars,
            "submissions": inputs.manifests,
            "registrations": dict(sorted(inputs.registration_texts.items())),
            "store": dict(sorted(inputs.store_checksums.items())),
            "version": package_version(),
            "code": code_fingerprint(),
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def run(
    paths: DataPaths | None = None, *, force: bool = False, strict: bool = False
) -> BuildResult:
    """Build ``data/clean/`` from ``data/raw/`` unless it is already up to date.

    Quotes are checked against every document in ``data/raw/documents`` and every registered
    document the store (``paths.store``) holds; the others are counted in
    :attr:`BuildResult.unverified`.

    Raises
    ------
    InputError
        When any input breaks a rule; ``data/clean/`` is then left exactly as it was.
    UnverifiedQuotesError
        With ``strict``, when any quote could not be checked (its document is not in the store);
        ``data/clean/`` is then left as it was.
    """
    paths = paths or DataPaths.default()
    with build_lock(paths.root):
        result = _run_locked(paths, force=force, strict=strict)
    return result


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per data folder; a killed build's leftovers are cleared on entry."""
    check_writable(root, kind="folder")
    with exclusive_lock(root / ".build.lock"):
        for stale in root.glob(".clean-staging-*"):
            remove_tree(stale)
        yield


def _run_locked(paths: DataPaths, *, force: bool, strict: bool) -> BuildResult:
    recover_directory(paths.clean)
    prefix = _display_prefix(paths)
    inputs = load_inputs(paths, raw_prefix=prefix)
    value = fingerprint(inputs)
    if not force and not inputs.issues and is_up_to_date(paths.clean, value):
        manifest = read_manifest(paths.clean)
        counts = {name: int(entry["rows"]) for name, entry in manifest["outputs"].items()}
        unverified = {str(k): int(v) for k, v in manifest.get("unverified_quotes", {}).items()}
        result = BuildResult(
            False, value, counts, "data/clean is actueel; niets te doen", unverified
        )
        if strict and unverified:
            raise UnverifiedQuotesError(result)
        return result
    check_writable(paths.clean, kind="folder")  # before any work, not after it
    outputs = process(inputs, raw_prefix=prefix)
    absent = {name for name, stored in inputs.stored.items() if stored.pages is None}
    unverified = count_unverified(outputs, absent)
    result = BuildResult(
        True,
        value,
        {name: frame.height for name, frame in outputs.items()},
        f"data/clean opnieuw gebouwd ({len(outputs)} tabellen)",
        unverified,
    )
    if strict and unverified:
        raise UnverifiedQuotesError(result)
    save_outputs(outputs, inputs, paths, value, unverified=unverified)
    return result


def count_unverified(outputs: Mapping[str, pl.DataFrame], absent: set[str]) -> dict[str, int]:
    """Per absent document, the rows of every clean table that quote it."""
    totals: dict[str, int] = {}
    for frame in outputs.values():
        if "source_document" in frame.columns and "source_quote" in frame.columns:
            for name, count in unverified_quotes(frame, absent).items():
                totals[name] = totals.get(name, 0) + count
    return dict(sorted(totals.items()))


def _display_prefix(paths: DataPaths) -> str:
    try:
        return paths.raw.resolve().relative_to(PROJECT_ROOT).as_posix() + "/"
    except ValueError:
        return paths.raw.as_posix() + "/"
