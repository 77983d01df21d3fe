"""Where the project's data lives."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

#: The repository root: the package sits at the top level, beside ``data/``.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DataPaths:
    """The data folders; ``root`` defaults to ``$AZWA_DATA_DIR`` or ``<project>/data``.

    ``store`` is the document store, the folder outside the repository with the originals of
    registered documents: ``$AZWA_DOCUMENTS`` unless given, None when neither says.

    Examples
    --------
    >>> paths = DataPaths.default()
    >>> paths.raw.name, paths.clean.name
    ('raw', 'clean')
    """

    root: Path
    store: Path | None = field(default_factory=lambda: store_from_environment())

    @classmethod
    def default(cls) -> DataPaths:
        env = os.environ.get("AZWA_DATA_DIR")
        return cls(Path(env) if env else PROJECT_ROOT / "data")

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def clean(self) -> Path:
        return self.root / "clean"

    @property
    def documents(self) -> Path:
        return self.raw / "documents"

    @property
    def sources(self) -> Path:
        """Registrations of documents kept in the store (``data/raw/sources``)."""
        return self.raw / "sources"

    def with_root(self, root: Path) -> DataPaths:
        """A copy pointing at another data folder."""
        return replace(self, root=root)

    def with_store(self, store: Path | None) -> DataPaths:
        """A copy with another document store (None: no store)."""
        return replace(self, store=store)


def store_from_environment() -> Path | None:
    """The document store named by ``$AZWA_DOCUMENTS``, or None."""
    env = os.environ.get("AZWA_DOCUMENTS")
    return Path(env) if env else None
