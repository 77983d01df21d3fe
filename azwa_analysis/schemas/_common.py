"""Fields every transcribed table shares: where a fact comes from."""

from __future__ import annotations

from typing import Final

import pandera.polars as pa

MUNICIPALITY_CODE_REGEX: Final = r"^GM\d{4}$"
SCOPE_REGEX: Final = r"^(national|GM\d{4})$"
SLUG_REGEX: Final = r"^[a-z0-9]+(?:_[a-z0-9]+)*$"
DOCUMENT_REGEX: Final = r"^[0-9A-Za-z_.-]+\.txt$"
LOCATION_REGEX: Final = r"^\d+(?:-\d+)?$"
LIST_SEPARATOR: Final = ";"
SOURCE_COLUMNS: Final = ("source_document", "source_location", "source_quote", "note")


class SourcedModel(pa.DataFrameModel):
    """Base model: the four source columns of every transcribed row."""

    source_document: str = pa.Field(
        str_matches=DOCUMENT_REGEX,
        description="Bestandsnaam van het brondocument in data/raw/documents/.",
    )
    source_location: str = pa.Field(
        str_matches=LOCATION_REGEX,
        description="Regelnummer (of bereik '159-163') in het brondocument.",
    )
    source_quote: str = pa.Field(
        str_length={"min_value": 3, "max_value": 400},
        description="Letterlijk citaat uit die regels (witruimte genormaliseerd).",
    )
    note: str = pa.Field(
        nullable=True,
        description="Interpretatie voorbij het letterlijke citaat (kolomtoewijzing, datumlezing).",
    )
