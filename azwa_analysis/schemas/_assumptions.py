"""Analysis choices kept as data: which source is the basis of the funding overview, the
distribution key's weights, and official per-municipality amounts supplied by data stewards."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import AUTHORITIES, AVAILABILITIES, DOCUMENT_KINDS, LINE_KINDS
from azwa_analysis.schemas._common import (
    DOCUMENT_REGEX,
    MUNICIPALITY_CODE_REGEX,
    SLUG_REGEX,
    SourcedModel,
)

_YEARS = {"min_value": 2015, "max_value": 2040}


class OverviewBasisSchema(SourcedModel):
    """Per stroom en jarenreeks: welk document de bedragen levert voor het financieel overzicht."""

    stream_id: str = pa.Field(description="Stroom (streams.stream_id).")
    from_year: pl.Int64 = pa.Field(in_range=_YEARS, description="Eerste jaar van deze basis.")
    to_year: pl.Int64 = pa.Field(
        nullable=True, in_range=_YEARS, description="Laatste jaar; leeg: tot de horizon."
    )
    basis_document: str = pa.Field(
        str_matches=DOCUMENT_REGEX, description="Document waarvan de begrotingsregels tellen."
    )
    line_kinds: Annotated[pl.List, pl.String()] = pa.Field(
        description="Regelsoorten die meetellen (" + ", ".join(LINE_KINDS) + "); ';'-gescheiden."
    )
    extend: bool = pa.Field(
        description="Waar: een jaar zonder eigen regel krijgt het structurele of laatst genoemde "
        "bedrag van dat document (alleen waar de bron 'structureel' zegt)."
    )
    structural: bool = pa.Field(
        nullable=True,
        description="Is dit geld structureel? Leeg: volg de structurele kolom van het onderdeel.",
    )
    rationale: str = pa.Field(description="Waarom deze bron voor deze jaren.")

    @pa.dataframe_check(description="from_year ligt niet na to_year")
    def years_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("to_year").is_null() | (pl.col("from_year") <= pl.col("to_year"))
        )

    class Config:
        strict = True
        description = "Basis van het financieel overzicht"


class AllocationAssumptionSchema(SourcedModel):
    """Aannames van de verdeelsleutel: gewichten met bandbreedte en waar de sleutel geldt."""

    parameter: str = pa.Field(
        isin=["weight_inhabitants", "weight_income", "key_applies"],
        description="weight_inhabitants, weight_income of key_applies (per stroom).",
    )
    stream_id: str = pa.Field(nullable=True, description="Stroom, alleen bij key_applies.")
    central: float = pa.Field(
        in_range={"min_value": 0.0, "max_value": 1.0}, description="Centrale waarde (0-1)."
    )
    low: float = pa.Field(
        in_range={"min_value": 0.0, "max_value": 1.0}, description="Ondergrens van de bandbreedte."
    )
    high: float = pa.Field(
        in_range={"min_value": 0.0, "max_value": 1.0}, description="Bovengrens van de bandbreedte."
    )
    description: str = pa.Field(description="Wat de parameter betekent.")
    rationale: str = pa.Field(description="Onderbouwing van de waarde en de bandbreedte.")
    evidence: str = pa.Field(
        isin=["bron", "aanname"],
        description="bron: de bron zegt het; aanname: onze keuze waar de bron zwijgt.",
    )

    @pa.dataframe_check(description="low ≤ central ≤ high")
    def ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("low") <= pl.col("central")) & (pl.col("central") <= pl.col("high"))
        )

    @pa.dataframe_check(description="key_applies heeft een stroom, de gewichten niet")
    def stream_only_for_key(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("parameter") == "key_applies") == pl.col("stream_id").is_not_null()
        )

    @pa.dataframe_check(description="elke parameter en stroom één keer")
    def unique_parameter(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("parameter", "stream_id").is_duplicated())

    class Config:
        strict = True
        description = "Aannames verdeelsleutel"


class OfficialAllocationSchema(pa.DataFrameModel):
    """Officiële bedragen per gemeente (beschikkingen), aangeleverd door datastewards."""

    municipality_code: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Gemeentecode (GM1954)."
    )
    stream_id: str = pa.Field(str_matches=SLUG_REGEX, description="Stroom (streams.stream_id).")
    year: pl.Int64 = pa.Field(in_range=_YEARS, description="Jaar.")
    amount_eur: pl.Int64 = pa.Field(
        in_range={"min_value": 0, "max_value": 2_000_000_000},
        description="Officieel bedrag in hele euro's.",
    )
    document: str = pa.Field(description="Bron: beschikking of circulaire met kenmerk.")
    supplied_by: str = pa.Field(description="Wie het aanleverde (naam of functie, gemeente).")
    supplied_on: dt.date = pa.Field(description="Datum van aanlevering.")

    @pa.dataframe_check(description="één bedrag per gemeente, stroom en jaar")
    def unique_key(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            ~pl.struct("municipality_code", "stream_id", "year").is_duplicated()
        )

    class Config:
        strict = True
        description = "Officiële bedragen"


class StreamTargetSchema(SourcedModel):
    """Welke interventies een stroom volgens de bron (mede) financiert, en in welke jaren."""

    stream_id: str = pa.Field(description="Stroom (streams.stream_id).")
    intervention_id: str = pa.Field(description="Interventie (interventions.intervention_id).")
    from_year: pl.Int64 = pa.Field(in_range=_YEARS, description="Eerste jaar.")
    to_year: pl.Int64 = pa.Field(in_range=_YEARS, description="Laatste jaar.")
    description: str = pa.Field(description="Wat de bron zegt, in het Nederlands.")

    @pa.dataframe_check(description="from_year ligt niet na to_year")
    def years_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("from_year") <= pl.col("to_year"))

    @pa.dataframe_check(description="één regel per stroom en interventie")
    def unique_pair(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("stream_id", "intervention_id").is_duplicated())

    class Config:
        strict = True
        description = "Bestemming van stromen"


class AgreementSchema(SourcedModel):
    """De akkoorden: naam, omschrijving en kerngebeurtenissen voor de context van een briefing."""

    agreement: str = pa.Field(
        unique=True, isin=["IZA", "GALA", "AZWA", "HLO"], description="Afkorting."
    )
    full_name: str = pa.Field(description="Volledige naam.")
    description: str = pa.Field(description="Eén à twee zinnen voor een raadslid.")
    key_event_ids: Annotated[pl.List, pl.String()] = pa.Field(
        description="Kerngebeurtenissen (timeline.event_id), ';'-gescheiden."
    )
    display_order: pl.Int64 = pa.Field(ge=1, description="Volgorde in de briefing.")

    class Config:
        strict = True
        description = "Akkoorden"


class DocumentSchema(pa.DataFrameModel):
    """De brondocumenten (uit hun herkomstbestanden), om in een briefing naar te verwijzen."""

    document: str = pa.Field(unique=True, str_matches=DOCUMENT_REGEX, description="Bestandsnaam.")
    title: str = pa.Field(description="Titel.")
    short_title: str = pa.Field(description="Korte titel voor voetnoten.")
    producer: str = pa.Field(description="Maker (organisatie).")
    date_published: str = pa.Field(description="Publicatiedatum zoals bekend (tekst).")
    date: dt.date = pa.Field(
        nullable=True,
        description="Publicatiedatum om te ordenen (eerste dag van de bekende periode); leeg "
        "als onbekend.",
    )
    authority: str = pa.Field(
        isin=AUTHORITIES,
        description="Gezag bij tegenstrijdige cijfers: regeling > ministerie > akkoord > vng > "
        "gemeente > overig; bij gelijk gezag telt het nieuwste document.",
    )
    kind: str = pa.Field(isin=DOCUMENT_KINDS, description="Soort bestand: txt, pdf, docx of html.")
    availability: str = pa.Field(
        isin=AVAILABILITIES,
        description="Waar de tekst is: 'repository' (data/raw/documents), 'opslag' (in de "
        "documentenopslag, citaten gecontroleerd) of 'ontbreekt' (alleen geregistreerd; citaten "
        "niet gecontroleerd).",
    )
    url: str = pa.Field(nullable=True, description="Webadres van het origineel.")
    licence: str = pa.Field(description="Licentie of hergebruiksvoorwaarde.")
    sha256: str = pa.Field(
        str_matches=r"^[0-9a-f]{64}$", description="Controlegetal van het bestand (origineel)."
    )
    pages: pl.Int64 = pa.Field(ge=1, description="Aantal pagina's (1 voor platte tekst en HTML).")
    lines: pl.Int64 = pa.Field(ge=1, description="Aantal regels.")
    extractor: str = pa.Field(
        description="Waarmee de tekst is gelezen, met versie (of 'platte tekst')."
    )
    caveats: Annotated[pl.List, pl.String()] = pa.Field(
        description="Voorbehouden bij de tekst (bijv. herkenningsfouten in een scan)."
    )

    class Config:
        strict = True
        description = "Brondocumenten"


class StatementSchema(SourcedModel):
    """Kernuitspraken uit de bronnen die de briefing in haar tekst gebruikt."""

    statement_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Sleutel.")
    text: str = pa.Field(description="De uitspraak in gewone taal (zonder getallen).")

    class Config:
        strict = True
        description = "Kernuitspraken"
