"""Session set-up for tests and doctests: build the shipped raw data once into a private folder
and point ``AZWA_DATA_DIR`` at it, so nothing depends on (or changes) the repository's
``data/clean``."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("AZWA_TEST_DATA_DIR"):
        return
    from azwa_analysis._paths import DataPaths
    from azwa_analysis.clean import run

    folder = Path(tempfile.mkdtemp(prefix="azwa-test-data-")) / "data"
    shutil.copytree(_ROOT / "data" / "raw", folder / "raw")
    (folder / "clean").mkdir()
    run(DataPaths(folder))
    os.environ["AZWA_TEST_DATA_DIR"] = str(folder)
    os.environ["AZWA_DATA_DIR"] = str(folder)
    config.add_cleanup(lambda: shutil.rmtree(folder.parent, ignore_errors=True))
