"""The clean tables bundle: a damaged data/clean is a Dutch 'voer azwa build uit', never a
crash, whatever its bytes."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azwa_analysis._paths import DataPaths
from azwa_analysis._tables import MANIFEST, TablesNotBuiltError, load_tables
from tests._fuzz import fuzzing

FUZZ = fuzzing(60)


@pytest.fixture(scope="module")
def clean_copy(built: DataPaths, tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    target = tmp_path_factory.mktemp("clean") / "data"
    shutil.copytree(built.clean, target / "clean")
    return DataPaths(target)


@FUZZ
@given(
    name=st.sampled_from(["municipalities", "local_status", "funding", MANIFEST]),
    cut=st.integers(min_value=0, max_value=10**6),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=5),
    validate=st.booleans(),
)
def test_damaged_clean_bytes_say_run_build(
    clean_copy: DataPaths, name: str, cut: int, flips: list[tuple[int, int]], validate: bool
) -> None:
    """Truncated or flipped bytes in any clean file (or the manifest): load_tables either
    reads the intact bundle or raises TablesNotBuiltError naming 'azwa build'."""
    path = clean_copy.clean / (name if name == MANIFEST else f"{name}.parquet")
    original = path.read_bytes()
    data = bytearray(original[: cut % (len(original) + 1)])
    for position, mask in flips:
        if data:
            data[position % len(data)] ^= mask
    path.write_bytes(bytes(data))
    message = ""
    try:
        load_tables(clean_copy, validate=validate)
    except TablesNotBuiltError as error:
        message = str(error)
    finally:
        path.write_bytes(original)
    assert not message or "azwa build" in message


def test_an_intact_copy_still_loads(clean_copy: DataPaths) -> None:
    """The fuzzed copy is restored after each example: it loads."""
    assert load_tables(clean_copy).municipalities.height == 342
