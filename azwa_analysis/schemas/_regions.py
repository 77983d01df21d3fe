"""Official amounts per municipality and per region, the IZA regions with their mandaatgemeente,
which municipality belongs to which region, and the agreements' health goals."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import AGREEMENTS, RECIPIENT_KINDS
from azwa_analysis.schemas._common import MUNICIPALITY_CODE_REGEX, SLUG_REGEX, SourcedModel

_YEARS = {"min_value": 2015, "max_value": 2040}


class AllocationSourceSchema(SourcedModel):
    """Officiële bedragen per gemeente of regio, overgenomen uit de bron (bijv. bijlage 2A en 2B
    van de VWS-brief van 12 september 2025)."""

    allocation_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Sleutel.")
    recipient_kind: str = pa.Field(
        isin=RECIPIENT_KINDS,
        description="'gemeente' (wat een gemeente ontvangt) of 'regio' (wat een regio via haar "
        "mandaatgemeente ontvangt).",
    )
    recipient: str = pa.Field(description="Gemeentecode (GM1954) of regio (iza_regions.region_id).")
    name_in_source: str = pa.Field(description="De naam zoals het document die drukt.")
    stream_id: str = pa.Field(str_matches=SLUG_REGEX, description="Stroom (streams.stream_id).")
    year: pl.Int64 = pa.Field(in_range=_YEARS, description="Jaar.")
    amount_eur: pl.Int64 = pa.Field(ge=0, description="Bedrag in hele euro's.")

    @pa.dataframe_check(description="één bedrag per ontvanger, stroom en jaar")
    def unique_key(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            ~pl.struct("recipient_kind", "recipient", "stream_id", "year").is_duplicated()
        )

    @pa.dataframe_check(description="een gemeente als ontvanger heeft een gemeentecode")
    def municipality_code(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("recipient_kind") != "gemeente")
            | pl.col("recipient").str.contains(MUNICIPALITY_CODE_REGEX)
        )

    class Config:
        strict = True
        description = "Officiële bedragen uit de bronnen"


class IzaRegionSchema(SourcedModel):
    """De 42 IZA-regio's met hun mandaatgemeente (of andere mandaathouder)."""

    region_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Sleutel.")
    name: str = pa.Field(description="Naam van de regio zoals gedrukt.")
    mandate_holder: str = pa.Field(description="Mandaathouder zoals gedrukt.")
    mandate_code: str = pa.Field(
        nullable=True,
        str_matches=MUNICIPALITY_CODE_REGEX,
        description="Gemeentecode van de mandaatgemeente; leeg als de mandaathouder geen "
        "gemeente is (SamenTwente).",
    )

    class Config:
        strict = True
        description = "IZA-regio's"


class RegionMemberSchema(SourcedModel):
    """Welke gemeente bij welke IZA-regio hoort, waar een bron dat zegt (of een datasteward)."""

    source_document: str = pa.Field(
        # a document, or a steward's submission: imports/<submission>/iza_regio/<code>.csv
        str_matches=r"^([0-9A-Za-z_.-]+\.(txt|pdf|docx|html|htm)"
        r"|imports/([0-9A-Za-z_]+/)?[a-z_]+/[0-9A-Za-z_.-]+\.csv)$",
        description="Brondocument of aangeleverd bestand (data/raw/imports/…).",
    )
    region_id: str = pa.Field(str_matches=SLUG_REGEX, description="Regio (iza_regions).")
    municipality_code: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Gemeentecode."
    )

    @pa.dataframe_check(description="een gemeente hoort bij hoogstens één IZA-regio")
    def one_region(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            ~(
                pl.col("municipality_code").is_duplicated()
                & ~pl.struct("region_id", "municipality_code").is_duplicated()
            )
        )

    class Config:
        strict = True
        description = "Gemeenten per IZA-regio"


class StewardRegionSchema(pa.DataFrameModel):
    """IZA-regio van een gemeente zoals een datasteward die aanlevert
    (data/raw/imports/…/iza_regio/)."""

    municipality_code: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Gemeentecode (GM1954)."
    )
    region_id: str = pa.Field(str_matches=SLUG_REGEX, description="Regio (iza_regions).")
    source: str = pa.Field(
        str_length={"min_value": 3, "max_value": 300},
        description="Waar de opgave op berust (regioplan, convenant, besluit).",
    )

    @pa.dataframe_check(description="één regio per gemeente")
    def one_region(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.col("municipality_code").is_duplicated())

    class Config:
        strict = True
        description = "IZA-regio (aangeleverd)"


class HealthGoalSchema(SourcedModel):
    """Gezondheidsdoelen van de akkoorden, met nulmeting, streefwaarde en jaar waar gegeven."""

    goal_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Sleutel.")
    agreement: str = pa.Field(isin=AGREEMENTS, description="Akkoord.")
    theme: str = pa.Field(description="Thema zoals het akkoord het noemt.")
    goal: str = pa.Field(description="Het doel in één Nederlandse zin.")
    baseline: str = pa.Field(nullable=True, description="Nulmeting zoals gedrukt.")
    baseline_year: pl.Int64 = pa.Field(
        nullable=True,
        in_range={"min_value": 1990, "max_value": 2040},
        description="Jaar nulmeting.",
    )
    target: str = pa.Field(nullable=True, description="Streefwaarde zoals gedrukt.")
    target_year: pl.Int64 = pa.Field(
        nullable=True,
        in_range={"min_value": 2015, "max_value": 2060},
        description="Streefjaar; leeg als de bron geen jaar noemt.",
    )

    class Config:
        strict = True
        description = "Gezondheidsdoelen"


class AllocationTotalSchema(SourcedModel):
    """Landelijke totalen die de build optelt uit de officiële bedragen per gemeente of regio
    (de bron drukt ze niet); ze komen als begrotingsregel in de tabel funding."""

    line_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Sleutel (funding).")
    stream_id: str = pa.Field(str_matches=SLUG_REGEX, description="Stroom.")
    component_id: str = pa.Field(str_matches=SLUG_REGEX, description="Onderdeel.")
    component: str = pa.Field(description="Naam van het onderdeel.")
    year: pl.Int64 = pa.Field(in_range=_YEARS, description="Jaar.")
    recipient_kind: str = pa.Field(isin=RECIPIENT_KINDS, description="gemeente of regio.")
    quantity_key: str = pa.Field(
        nullable=True,
        str_matches=SLUG_REGEX,
        description="Zelfde grootheid als regels in andere documenten (zie funding).",
    )

    class Config:
        strict = True
        description = "Opgetelde totalen van officiële bedragen"
