"""Shared fixtures: a private copy of the project's data folder, built once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from azwa_analysis import Tables, load_tables
from azwa_analysis._paths import PROJECT_ROOT, DataPaths

DATA = PROJECT_ROOT / "data"


def copy_data(target: Path) -> DataPaths:
    """Copy data/raw (not data/clean) into ``target``/data and return its paths."""
    shutil.copytree(DATA / "raw", target / "data" / "raw")
    (target / "data" / "clean").mkdir(parents=True)
    return DataPaths(target / "data")


@pytest.fixture(scope="session")
def built() -> DataPaths:
    """The data folder built once per session from the shipped raw data (see the root
    conftest.py); tests must not modify it."""
    return DataPaths(Path(os.environ["AZWA_TEST_DATA_DIR"]))


@pytest.fixture(scope="session")
def tables(built: DataPaths) -> Tables:
    """The clean tables of the shipped data."""
    return load_tables(built)


@pytest.fixture
def data_copy(tmp_path: Path) -> DataPaths:
    """A fresh, unbuilt copy of the raw data that a test may change."""
    return copy_data(tmp_path)
