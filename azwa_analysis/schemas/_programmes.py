"""Tables that judge local programmes: what follows a stream, what a programme consists of,
the caveats a municipality makes itself, and the words a briefing explains."""

from __future__ import annotations

from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis.schemas._common import MUNICIPALITY_CODE_REGEX, SLUG_REGEX, SourcedModel

_YEARS = {"min_value": 2015, "max_value": 2040}


class StreamSuccessorSchema(SourcedModel):
    """Welke stroom het geld van een stroom overneemt, vanaf wanneer en waarvoor."""

    stream_id: str = pa.Field(description="Stroom die stopt (streams.stream_id).")
    last_year: pl.Int64 = pa.Field(
        in_range=_YEARS, description="Laatste jaar waarin de stroom dit betaalt."
    )
    successor_stream_id: str = pa.Field(description="Stroom die het overneemt.")
    from_year: pl.Int64 = pa.Field(in_range=_YEARS, description="Eerste jaar van de opvolger.")
    pays_for: Annotated[pl.List, pl.String()] = pa.Field(
        description="Waarvoor de opvolger betaalt: AZWA-categorieën, interventies, of 'alle'; "
        "';'-gescheiden."
    )
    condition: str = pa.Field(description="De overgang in één zin, voor een raadslid.")

    @pa.dataframe_check(description="de opvolger begint na het laatste jaar")
    def years_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("last_year") < pl.col("from_year"))

    @pa.dataframe_check(description="één regel per stroom en opvolger")
    def unique_pair(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("stream_id", "successor_stream_id").is_duplicated())

    class Config:
        strict = True
        description = "Opvolgers van geldstromen"


class ProgrammePartSchema(SourcedModel):
    """Uit welke aanpakken een programma bestaat (de risicobeoordeling neemt ze samen)."""

    programme_id: str = pa.Field(
        str_matches=SLUG_REGEX, description="Programma (interventions.intervention_id)."
    )
    part_id: str = pa.Field(
        str_matches=SLUG_REGEX, description="Onderdeel (interventions.intervention_id)."
    )

    @pa.dataframe_check(description="een onderdeel hoort bij één programma")
    def one_programme(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.col("part_id").is_duplicated())

    @pa.dataframe_check(description="een programma is geen onderdeel van zichzelf")
    def not_itself(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("programme_id") != pl.col("part_id"))

    class Config:
        strict = True
        description = "Onderdelen van programma's"


class LocalCaveatSchema(SourcedModel):
    """Een voorbehoud dat een gemeente zelf maakt bij de (structurele) financiering."""

    municipality_code: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Gemeentecode."
    )
    caveat_id: str = pa.Field(str_matches=SLUG_REGEX, description="Sleutel.")
    text: str = pa.Field(description="Het voorbehoud in één zin.")

    @pa.dataframe_check(description="één rij per gemeente en sleutel")
    def unique_key(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("municipality_code", "caveat_id").is_duplicated())

    class Config:
        strict = True
        description = "Voorbehouden in gemeentebrieven"


class GlossarySchema(pa.DataFrameModel):
    """Begrippen en afkortingen; een briefing toont de begrippen die erin voorkomen."""

    term: str = pa.Field(
        unique=True, description="Afkorting of begrip, zoals het in de tekst staat."
    )
    meaning: str = pa.Field(description="Uitleg in één à twee zinnen.")

    class Config:
        strict = True
        description = "Begrippen en afkortingen"
