"""The intervention catalogue and what the letters say about each municipality."""

from __future__ import annotations

from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import (
    AZWA_CATEGORIES,
    FUNDING_STATUSES,
    INTERVENTION_KINDS,
    LEEFGEBIEDEN,
    LOCAL_STATUSES,
)
from azwa_analysis.schemas._common import MUNICIPALITY_CODE_REGEX, SLUG_REGEX, SourcedModel


class InterventionSchema(SourcedModel):
    """Catalogus: ketenaanpakken, basisfunctionaliteiten (D5), ontwikkelagenda, basisinfrastructuur
    (D6), SPUK-onderdelen en lokale programma's."""

    intervention_id: str = pa.Field(
        unique=True, str_matches=SLUG_REGEX, description="Vaste sleutel van de interventie."
    )
    name: str = pa.Field(description="Nederlandse naam.")
    aliases: Annotated[pl.List, pl.String()] = pa.Field(
        description="Andere namen voor hetzelfde (ook lokale merknamen); "
        "in CSV gescheiden door ';'."
    )
    kind: str = pa.Field(isin=INTERVENTION_KINDS, description="Soort interventie.")
    azwa_category: str = pa.Field(
        isin=AZWA_CATEGORIES, description="Plaats in het AZWA (D5, ontwikkelagenda, D6, none)."
    )
    leefgebied: str = pa.Field(
        nullable=True,
        isin=LEEFGEBIEDEN,
        description="Leefgebied uit tabel 1 van het AZWA; leeg voor D6 en niet-AZWA-onderdelen.",
    )
    funding_status: str = pa.Field(
        isin=FUNDING_STATUSES, description="structural, incidental of unknown onder het AZWA."
    )
    funding_component_id: str = pa.Field(
        nullable=True, description="GALA-onderdeel (funding.component_id) dat het nu financiert."
    )
    parent_intervention_id: str = pa.Field(
        nullable=True,
        description="Bovenliggende interventie (bijv. Rookvrije start → Kansrijke start).",
    )

    @pa.dataframe_check(description="een D5-basisfunctionaliteit is structureel gefinancierd")
    def d5_structural(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("azwa_category") != "D5 basisfunctionaliteit")
            | (pl.col("funding_status") == "structural")
        )

    @pa.dataframe_check(description="basisfunctionaliteit en ontwikkelagenda hebben een leefgebied")
    def d5_has_leefgebied(cls, data: pa.PolarsData) -> pl.LazyFrame:
        needs = pl.col("azwa_category").is_in(
            ["D5 basisfunctionaliteit", "D5 ontwikkelagenda 1", "ontwikkelagenda 2"]
        )
        return data.lazyframe.select(~needs | pl.col("leefgebied").is_not_null())

    class Config:
        strict = True
        description = "Interventies"


class LocalStatusSchema(SourcedModel):
    """Lokale stand per gemeente en interventie, zoals de brieven die geven."""

    source_document: str = pa.Field(
        # a document, or a submission: imports/<submission>/<kind>/<code>.csv (the first
        # layout: imports/<kind>/<timestamp>_<code>.csv)
        str_matches=r"^([0-9A-Za-z_.-]+\.txt"
        r"|imports/([0-9A-Za-z_]+/)?[a-z_]+/[0-9A-Za-z_.-]+\.csv)$",
        description="Brondocument (data/raw/documents/) of aangeleverd bestand "
        "(data/raw/imports/…).",
    )
    municipality_code: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Gemeentecode (GM1954)."
    )
    intervention_id: str = pa.Field(description="Interventie (verwijst naar interventions).")
    status: str = pa.Field(
        isin=LOCAL_STATUSES,
        description="implemented, pilot, in_preparation, not_implemented of unknown (de bron "
        "spreekt over de aanpak maar noemt de stand in deze gemeente niet).",
    )
    detail: str = pa.Field(nullable=True, description="Waar en hoeveel (bijv. '5 kernen').")
    funding_source: str = pa.Field(
        nullable=True, description="Financieringsbron zoals de brief die noemt."
    )
    funding_stream_id: str = pa.Field(
        nullable=True, description="De stroom (streams.stream_id) als die bekend is."
    )
    funding_ends_year: pl.Int64 = pa.Field(
        nullable=True,
        in_range={"min_value": 2015, "max_value": 2040},
        description="Laatste jaar met financiering ('zou stoppen na 2026' → 2026).",
    )

    @pa.dataframe_check(description="één regel per gemeente en interventie")
    def unique_key(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            ~pl.struct("municipality_code", "intervention_id").is_duplicated()
        )

    class Config:
        strict = True
        description = "Lokale stand"


class StewardLocalStatusSchema(pa.DataFrameModel):
    """Lokale stand zoals een datasteward die aanlevert
    (data/raw/imports/<aanlevering>/lokale_stand/)."""

    municipality_code: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Gemeentecode (GM1954)."
    )
    intervention_id: str = pa.Field(description="Interventie (interventions.intervention_id).")
    status: str = pa.Field(isin=LOCAL_STATUSES, description="Status.")
    detail: str = pa.Field(nullable=True, description="Waar en hoeveel.")
    funding_source: str = pa.Field(nullable=True, description="Financieringsbron.")
    funding_stream_id: str = pa.Field(nullable=True, description="Stroom (streams.stream_id).")
    funding_ends_year: pl.Int64 = pa.Field(
        nullable=True,
        in_range={"min_value": 2015, "max_value": 2040},
        description="Laatste jaar met financiering.",
    )
    source: str = pa.Field(
        str_length={"min_value": 3, "max_value": 300},
        description="Waar de opgave op berust (nota, besluit, brief).",
    )

    @pa.dataframe_check(description="één regel per gemeente en interventie")
    def unique_key(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            ~pl.struct("municipality_code", "intervention_id").is_duplicated()
        )

    class Config:
        strict = True
        description = "Lokale stand (aangeleverd)"
