"""File I/O shared by the stages: checksums, provenance sidecars, atomic writes, staging
folders and locks.

Everything written gets the permissions an ordinary ``open()`` or ``mkdir`` would give under
the process's umask (temporary files and folders are made private by Python; they are opened
up to that before they take their final name).

Everything between reading and writing is pure functions on frames; the stages keep their own
reading and writing at their edges (``clean/_load.py``, ``clean/_save.py``) and use these.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
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


class UnreadableFileError(ValueError):
    """A file that exists but cannot be read as what it should be (YAML, UTF-8 text); the
    message is Dutch and names the file (and the line, where known)."""

    def __init__(self, path: Path, problem: str, line: int | None = None):
        self.path, self.problem, self.line = path, problem, line
        where = f"{path}, regel {line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")


def read_yaml(path: Path) -> Any:
    """A YAML file's content.

    Raises
    ------
    UnreadableFileError
        When it is not UTF-8 or not valid YAML, naming the file and line.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFileError(path, "geen UTF-8-tekst") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = str(getattr(error, "problem", None) or "ongeldige opbouw")
        line = None if mark is None else int(mark.line) + 1
        raise UnreadableFileError(path, f"geen geldige YAML ({problem})", line) from None


def read_sidecar(path: Path) -> dict[str, Any]:
    """The provenance sidecar of a raw file (empty dict when missing).

    Raises
    ------
    UnreadableFileError
        When the sidecar is not valid YAML.
    """
    meta = sidecar_path(path)
    if not meta.exists():
        return {}
    loaded = read_yaml(meta)
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


_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask (read without changing it where Linux tells it)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode() -> int:
    """What ``open(path, "w")`` gives a new file: 0o666 less the umask."""
    return 0o666 & ~current_umask()


def folder_mode() -> int:
    """What ``mkdir`` gives a new folder: 0o777 less the umask."""
    return 0o777 & ~current_umask()


def fsync_directory(path: Path) -> None:
    """Make a rename or a new entry in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it (with the
    permissions of a new file under the umask)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), file_mode())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) with ``data``, fsynced; for files inside a staging
    folder that is renamed into place as a whole."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


class NotWritableError(OSError):
    """A target the command would write cannot be written; the message is Dutch."""


def _read_only(path: Path) -> bool:
    """No write permission for us, or no write bit at all (a folder or file made read-only on
    purpose; root could still write it, but the owner said not to)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def check_writable(path: Path, *, kind: str = "file") -> None:
    """Refuse, before any work, a target that cannot be written: a read-only file or folder, a
    folder where a file should go (or the reverse), or a parent folder that is missing or
    read-only.

    Raises
    ------
    NotWritableError
        With a Dutch message naming the path and what to do.
    """
    if path.exists():
        if kind == "file" and path.is_dir():
            raise NotWritableError(f"{path} is een map, geen bestand: geef een bestandsnaam op")
        if kind == "folder" and not path.is_dir():
            raise NotWritableError(f"{path} is een bestand, geen map: geef een map op")
        if _read_only(path):
            raise NotWritableError(
                f"{path} is alleen-lezen: maak het schrijfbaar of kies een andere plek"
            )
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise NotWritableError(f"{parent} is geen map: kies een andere plek voor {path}")
    if _read_only(parent):
        raise NotWritableError(
            f"de map {parent} is alleen-lezen: {path.name} kan er niet in worden geschreven; "
            "maak de map schrijfbaar of kies een andere plek"
        )


def check_not_input(target: Path, inputs: list[Path]) -> None:
    """Refuse an output that is one of the command's inputs, or lies inside an input folder
    (``azwa validate x.xlsx --out x.xlsx`` would otherwise overwrite the steward's workbook).

    Raises
    ------
    NotWritableError
        Naming the input it would overwrite.
    """
    resolved = target.resolve()
    for source in inputs:
        origin = source.resolve()
        same = resolved == origin or (
            target.exists() and source.exists() and os.path.samefile(target, source)
        )
        inside = origin.is_dir() and origin in resolved.parents
        if same or inside:
            raise NotWritableError(
                f"{target} zou invoer overschrijven ({source}): kies een ander bestand of "
                "een andere map voor de uitvoer"
            )


# --------------------------------------------------------------------------- staging, locks


@contextlib.contextmanager
def staging_directory(parent: Path, prefix: str) -> Iterator[Path]:
    """A fresh folder in ``parent`` (permissions as ``mkdir`` under the umask), removed
    afterwards unless it was renamed away."""
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
    try:
        os.chmod(path, folder_mode())
        yield path
    finally:
        if path.exists():
            remove_tree(path)


def remove_tree(path: Path) -> None:
    """Remove a folder we made, also when a part of it was made read-only."""

    def retry(function: Any, target: str, _error: Any) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(target), 0o700)
            os.chmod(target, 0o700)
            function(target)

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created when missing) until the block ends;
    the kernel releases it when the process dies, so a killed holder never blocks others."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
