"""Fixtures of the steward tests: the prefilled template and a built data copy for imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from azwa_analysis import Tables
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean import run
from azwa_analysis.steward import write_template
from tests.conftest import copy_data


@pytest.fixture(scope="module")
def template(tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template prefilled with Beekdaelen's current local status."""
    folder = tmp_path_factory.mktemp("sjabloon")
    return write_template(tables, folder / "beekdaelen.xlsx", municipality="GM1954")


@pytest.fixture(scope="module")
def imports(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """A built data copy shared by tests that only add valid submissions to it."""
    paths = copy_data(tmp_path_factory.mktemp("imports"))
    run(paths)
    return paths
