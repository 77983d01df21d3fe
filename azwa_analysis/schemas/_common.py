"""Fields every transcribed table shares: where a fact comes from."""

from __future__ import annotations

from typing import Final

import pandera.polars as pa

MUNICIPALITY_CODE_REGEX: Final = r"^GM\d{4}$"
SCOPE_REGEX: Final = r"^(national|GM\d{4})$"
SLUG_REGEX: Final = r"^[a-z0-9]+(?:_[a-z0-9]+)*$"
DOCUMENT_REGEX: Final = r"^[0-9A-Za-z_.-]+\.(txt|pdf|docx|html|htm)$"
LOCATION_REGEX: Final = r"^(?:\d+:)?\d+(?:-(?:\d+:)?\d+)?$"
LIST_SEPARATOR: Final = ";"
SOURCE_COLUMNS: Final = ("source_document", "source_location", "source_quote", "note")


class SourcedModel(pa.DataFrameModel):
    """Base model: the four source columns of every transcribed row."""

    source_document: str = pa.Field(
        str_matches=DOCUMENT_REGEX,
        description="Bestandsnaam van het brondocument: in data/raw/documents/ of geregistreerd "
        "in data/raw/sources/ (het origineel staat dan in de documentenopslag).",
    )
    source_location: str = pa.Field(
        str_matches=LOCATION_REGEX,
        description="Plaats in het brondocument: regel of bereik ('159-163'), of bij een "
        "document met pagina's pagina:regel ('4:57', '13:41-44', '3:50-4:2').",
    )
    source_quote: str = pa.Field(
        str_length={"min_value": 3, "max_value": 400},
        description="Letterlijk citaat uit die regels (witruimte genormaliseerd).",
    )
    note: str = pa.Field(
        nullable=True,
        description="Interpretatie voorbij het letterlijke citaat (kolomtoewijzing, datumlezing).",
    )
