"""Where the project's data lives."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

#: The repository root: the package sits at the top level, beside ``data/``.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DataPaths:
    """The data folders; ``root`` defaults to ``$AZWA_DATA_DIR`` or ``<project>/data``.

    Examples
    --------
    >>> paths = DataPaths.default()
    >>> paths.raw.name, paths.clean.name
    ('raw', 'clean')
    """

    root: Path

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

    def with_root(self, root: Path) -> DataPaths:
        """A copy pointing at another data folder."""
        return replace(self, root=root)
