"""The data dictionary is generated from the schemas and cannot drift."""

from __future__ import annotations

from azwa_analysis._tables import CLEAN_SCHEMAS
from azwa_analysis.clean._dictionary import DICTIONARY_PATH, render_dictionary


def test_data_dictionary_is_up_to_date() -> None:
    """docs/data_dictionary.md equals a fresh rendering (run `azwa dictionary` to update)."""
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == render_dictionary()


def test_every_column_of_every_clean_table_has_a_description() -> None:
    """No undocumented column."""
    for name, model in CLEAN_SCHEMAS.items():
        for column_name, column in model.to_schema().columns.items():
            assert column.description, f"{name}.{column_name}"
