"""File I/O shared by the stages: checksums, provenance sidecars, atomic writes.

Everything between reading and writing is pure functions on frames; the stages keep their own
reading and writing at their edges (``clean/_load.py``, ``clean/_save.py``) and use these.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

SIDECAR_SUFFIX = ".meta.yml"


# --------------------------------------------------------------------------- checksums, sidecars


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sidecar_path(path: Path) -> Path:
    """``data/raw/funding.csv`` → ``data/raw/funding.csv.meta.yml``."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict[str, Any]:
    """The provenance sidecar of a raw file (empty dict when missing)."""
    meta = sidecar_path(path)
    if not meta.exists():
        return {}
    loaded = yaml.safe_load(meta.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


class MissingSidecarError(FileNotFoundError):
    """A raw file without its provenance sidecar."""


def reseal(path: Path) -> bool:
    """Record the file's current sha256 in its sidecar after a reviewed change; True when the
    checksum changed.

    Raises
    ------
    MissingSidecarError
        When the file has no (or an empty) sidecar: provenance is written by hand first.
    """
    meta = read_sidecar(path)
    if not meta:
        raise MissingSidecarError(
            f"{sidecar_path(path)} ontbreekt; maak eerst een herkomstbestand."
        )
    old, meta["sha256"] = meta.get("sha256"), sha256_file(path)
    write_sidecar(path, meta)
    return bool(old != meta["sha256"])


def write_sidecar(path: Path, meta: dict[str, Any]) -> None:
    """Write a provenance sidecar atomically."""
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    write_bytes_atomic(sidecar_path(path), text.encode("utf-8"))


# --------------------------------------------------------------------------- atomic writes


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
