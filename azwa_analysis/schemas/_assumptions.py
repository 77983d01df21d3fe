"""Analysis choices kept as data: which source is the basis of the funding overview, the
distribution key's weights, and official per-municipality amounts supplied by data stewards."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import (
    AGREEMENTS,
    AUTHORITIES,
    AVAILABILITIES,
    DOCUMENT_KINDS,
    KEY_RECIPIENTS,
    KEYS,
    LINE_KINDS,
    OVERVIEW_ROLES,
)
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
    component_ids: Annotated[pl.List, pl.String()] = pa.Field(
        description="Alleen deze onderdelen (funding.component_id), ';'-gescheiden; leeg: alle "
        "onderdelen van de stroom in het document."
    )
    role: str = pa.Field(
        isin=OVERVIEW_ROLES,
        description="'telt': het bedrag telt mee in de totalen; 'waarvan': het zit al in het "
        "bedrag van een andere stroom en wordt alleen ter toelichting getoond.",
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


class AllocationKeySchema(SourcedModel):
    """Per stroom (en onderdeel) en jaren: wie het geld ontvangt en met welke verdeelsleutel."""

    stream_id: str = pa.Field(description="Stroom (streams.stream_id).")
    component_id: str = pa.Field(
        nullable=True, description="Onderdeel (funding.component_id); leeg: de hele stroom."
    )
    from_year: pl.Int64 = pa.Field(in_range=_YEARS, description="Eerste jaar.")
    to_year: pl.Int64 = pa.Field(
        nullable=True, in_range=_YEARS, description="Laatste jaar; leeg: tot de horizon."
    )
    recipient: str = pa.Field(
        isin=KEY_RECIPIENTS,
        description="gemeente (elke gemeente een deel), regio (elke IZA-regio via haar "
        "mandaatgemeente) of geen (het geld gaat niet naar gemeenten of regio's, of naar een "
        "groep gemeenten die de bronnen niet noemen).",
    )
    key: str = pa.Field(
        isin=KEYS,
        description="brede_spuk: het aandeel van de gemeente in de officiële bedragen van de "
        "brede SPUK; spuk_iza: het aandeel van de regio in de officiële bedragen van de SPUK IZA; "
        "geen.",
    )
    evidence: str = pa.Field(
        isin=["bron", "aanname"],
        description="bron: de bron zegt het; aanname: onze keuze waar de bron zwijgt.",
    )
    description: str = pa.Field(description="Wat de regel zegt, in het Nederlands.")

    @pa.dataframe_check(description="from_year ligt niet na to_year")
    def years_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("to_year").is_null() | (pl.col("from_year") <= pl.col("to_year"))
        )

    @pa.dataframe_check(description="ontvanger en sleutel passen bij elkaar")
    def key_fits_recipient(cls, data: pa.PolarsData) -> pl.LazyFrame:
        fits = {"gemeente": "brede_spuk", "regio": "spuk_iza", "geen": "geen"}
        return data.lazyframe.select(pl.col("recipient").replace_strict(fits) == pl.col("key"))

    class Config:
        strict = True
        description = "Verdeelsleutels"


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


class PartySchema(SourcedModel):
    """De partijen die een akkoord ondertekenden."""

    agreement: str = pa.Field(isin=AGREEMENTS, description="Akkoord.")
    party: str = pa.Field(description="Partij zoals de bron haar noemt.")

    @pa.dataframe_check(description="een partij staat één keer per akkoord")
    def unique_party(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("agreement", "party").is_duplicated())

    class Config:
        strict = True
        description = "Partijen"
