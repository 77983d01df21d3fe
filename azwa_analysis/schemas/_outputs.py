"""Schemas of what the analyses return, so notebooks and briefings can rely on the columns."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import AZWA_CATEGORIES, LOCAL_STATUSES


class FundingOverviewSchema(pa.DataFrameModel):
    """Landelijk financieel overzicht: per jaar, stroom en onderdeel, zonder dubbeltelling."""

    year: pl.Int64 = pa.Field(description="Jaar.")
    stream_id: str = pa.Field(description="Stroom.")
    stream: str = pa.Field(description="Naam van de stroom.")
    agreement: str = pa.Field(description="Akkoord van de stroom.")
    component_id: str = pa.Field(description="Onderdeel.")
    component: str = pa.Field(description="Naam van het onderdeel.")
    kind: str = pa.Field(
        isin=["budget", "waarvan", "max_meenemen"],
        description="budget: telt mee in totalen; waarvan: zit al in het bedrag van een andere "
        "stroom (telt niet mee); max_meenemen: bovengrens van meegenomen onderbesteding (telt "
        "niet mee).",
    )
    structural: bool = pa.Field(description="Structureel geld (waar) of incidenteel (onwaar).")
    amount_eur: pl.Int64 = pa.Field(description="Bedrag na toepassing van de generieke korting.")
    amount_stated_eur: pl.Int64 = pa.Field(description="Bedrag zoals de bron het noemt.")
    cut_eur: pl.Int64 = pa.Field(ge=0, description="Door ons toegepaste generieke korting.")
    basis: str = pa.Field(
        isin=["genoemd", "doorgetrokken"],
        description="genoemd: de bron noemt dit jaar; doorgetrokken: structureel bedrag "
        "voortgezet in een jaar dat de bron niet noemt.",
    )
    line_id: str = pa.Field(description="Begrotingsregel waar het bedrag vandaan komt.")
    source_document: str = pa.Field(description="Brondocument.")
    source_location: str = pa.Field(description="Regel(s) in het brondocument.")
    source_quote: str = pa.Field(description="Letterlijk citaat.")
    replaces_eur: pl.Int64 = pa.Field(
        nullable=True,
        description="Het bedrag dat een ander document voor dezelfde grootheid noemde en dat "
        "dit bedrag vervangt (register van cijfers); leeg als er geen was.",
    )
    replaces_document: str = pa.Field(
        nullable=True, description="Het document met het vervangen bedrag."
    )

    class Config:
        strict = True
        description = "Financieel overzicht"


class AllocationSchema(pa.DataFrameModel):
    """Wat een gemeente (of haar regio) ontvangt per jaar, stroom en onderdeel: officieel of
    geschat, met bandbreedte en sleutel."""

    municipality_code: str = pa.Field(description="Gemeentecode.")
    municipality: str = pa.Field(description="Gemeentenaam.")
    year: pl.Int64 = pa.Field(description="Jaar.")
    stream_id: str = pa.Field(description="Stroom.")
    stream: str = pa.Field(description="Naam van de stroom.")
    component_id: str = pa.Field(description="Onderdeel (funding.component_id).")
    component: str = pa.Field(description="Naam van het onderdeel.")
    recipient: str = pa.Field(
        isin=["gemeente", "regio"],
        description="gemeente: geld van de gemeente zelf; regio: het bedrag van de IZA-regio van "
        "de gemeente, uitgekeerd aan de mandaatgemeente (telt niet op bij het eigen geld).",
    )
    region_id: str = pa.Field(nullable=True, description="IZA-regio (bij recipient regio).")
    region: str = pa.Field(nullable=True, description="Naam van de regio.")
    mandate_holder: str = pa.Field(nullable=True, description="Mandaathouder van de regio.")
    national_eur: pl.Int64 = pa.Field(ge=0, description="Landelijk bedrag van het onderdeel.")
    share: float = pa.Field(
        in_range={"min_value": 0.0, "max_value": 1.0},
        description="Aandeel van de gemeente (of de regio) in het landelijke bedrag.",
    )
    amount_eur: pl.Int64 = pa.Field(ge=0, description="Officieel bedrag, of de centrale schatting.")
    low_eur: pl.Int64 = pa.Field(ge=0, description="Ondergrens (gelijk aan bedrag als officieel).")
    high_eur: pl.Int64 = pa.Field(ge=0, description="Bovengrens (gelijk aan bedrag als officieel).")
    basis: str = pa.Field(isin=["officieel", "geschat"], description="officieel of geschat.")
    key: str = pa.Field(description="Waarop het bedrag berust: officieel bedrag of de sleutel.")
    key_basis: str = pa.Field(
        isin=["bron", "aanname", "n.v.t."],
        description="Of de bron zegt dat de sleutel voor dit geld geldt (bron) of dat wij dat "
        "aannemen (aanname); n.v.t. bij een officieel bedrag.",
    )
    official_document: str = pa.Field(nullable=True, description="Bron van het officiële bedrag.")
    official_location: str = pa.Field(
        nullable=True, description="Plaats in die bron (pagina:regel)."
    )

    @pa.dataframe_check(description="ondergrens ≤ bedrag ≤ bovengrens")
    def range_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("low_eur") <= pl.col("amount_eur"))
            & (pl.col("amount_eur") <= pl.col("high_eur"))
        )

    class Config:
        strict = True
        description = "Bedragen per gemeente"


class Config:
    strict = True
    description = "Geschatte verdeling"


class FundingCliffSchema(pa.DataFrameModel):
    """Lokale programma's: hun geld nu, wat het overneemt en het financieringsrisico."""

    municipality_code: str = pa.Field(description="Gemeentecode.")
    intervention_id: str = pa.Field(description="Programma (interventie).")
    name: str = pa.Field(description="Naam.")
    parts: Annotated[pl.List, pl.String()] = pa.Field(
        description="Onderdelen van het programma (programme_parts), op naam."
    )
    status: str = pa.Field(isin=LOCAL_STATUSES, description="Lokale status.")
    detail: str = pa.Field(nullable=True, description="Waar en hoeveel.")
    funding_source: str = pa.Field(nullable=True, description="Huidige financieringsbron.")
    funding_stream_id: str = pa.Field(nullable=True, description="Huidige stroom.")
    funding_ends_year: pl.Int64 = pa.Field(
        nullable=True, description="Laatste jaar met geld volgens de brief."
    )
    azwa_category: str = pa.Field(isin=AZWA_CATEGORIES, description="Plaats in het AZWA.")
    azwa_outcome: str = pa.Field(
        isin=[
            "structureel_d5",
            "structureel_d6",
            "incidenteel_ontwikkelagenda_1",
            "ontwikkelagenda_2",
            "niet_gedekt",
        ],
        description="Wat het AZWA voor het programma doet.",
    )
    azwa_outcome_nl: str = pa.Field(description="Dat in een Nederlandse zin.")
    chain: Annotated[pl.List, pl.String()] = pa.Field(
        description="De stromen die het programma na elkaar betalen (stream_successors)."
    )
    links: Annotated[pl.List, pl.String()] = pa.Field(
        description="De overgangen waarop dat berust: 'stroom>opvolger' (stream_successors)."
    )
    successor_stream_id: str = pa.Field(nullable=True, description="Eerste opvolger.")
    successor_from_year: pl.Int64 = pa.Field(nullable=True, description="Vanaf welk jaar.")
    conditional_stream_id: str = pa.Field(
        nullable=True,
        description="Opvolger die alleen andere soorten programma's betaalt (voorwaardelijk).",
    )
    gap_years: Annotated[pl.List, pl.Int64()] = pa.Field(
        description="Jaren zonder geld tussen de ene bron en de volgende."
    )
    bridged_by: str = pa.Field(
        nullable=True, description="Stroom die (een deel van) het gat overbrugt, met jaren."
    )
    caveat: str = pa.Field(
        nullable=True, description="Voorbehoud van de gemeente dat het risico verhoogde."
    )
    risk: str = pa.Field(
        isin=["hoog", "middel", "laag", "onbekend"], description="Financieringsrisico."
    )
    reason_nl: str = pa.Field(description="Waarom, in één Nederlandse zinsnede.")
    source_document: str = pa.Field(description="Bron van de lokale stand.")
    source_location: str = pa.Field(description="Regel(s).")
    source_quote: str = pa.Field(description="Letterlijk citaat.")

    class Config:
        strict = True
        description = "Financieringsrisico's"


class CoverageSchema(pa.DataFrameModel):
    """D5/D6-dekking van een gemeente: elk element, met de lokale stand of 'onbekend'."""

    municipality_code: str = pa.Field(description="Gemeentecode.")
    azwa_category: str = pa.Field(isin=AZWA_CATEGORIES, description="D5, ontwikkelagenda of D6.")
    leefgebied: str = pa.Field(nullable=True, description="Leefgebied (leeg voor D6).")
    intervention_id: str = pa.Field(description="Interventie.")
    name: str = pa.Field(description="Naam.")
    status: str = pa.Field(
        isin=[*LOCAL_STATUSES, "onbekend"], description="Lokale status of 'onbekend'."
    )
    status_nl: str = pa.Field(description="Status in het Nederlands.")
    detail: str = pa.Field(nullable=True, description="Waar en hoeveel.")
    funding_ends_year: pl.Int64 = pa.Field(nullable=True, description="Laatste jaar met geld.")
    source_document: str = pa.Field(nullable=True, description="Bron van de lokale stand.")

    class Config:
        strict = True
        description = "Dekking D5/D6"


class DeadlineSchema(pa.DataFrameModel):
    """Deadlines en mijlpalen ten opzichte van een peildatum."""

    as_of: dt.date = pa.Field(description="Peildatum (altijd expliciet).")
    event_id: str = pa.Field(description="Gebeurtenis.")
    date: dt.date = pa.Field(description="Eerste dag van de periode.")
    date_end: dt.date = pa.Field(description="Laatste dag van de periode.")
    precision: str = pa.Field(description="Precisie.")
    when_nl: str = pa.Field(description="Wanneer, in het Nederlands (3 juli 2025, Q1 2026).")
    event: str = pa.Field(description="Wat.")
    agreement: str = pa.Field(description="Akkoord.")
    actor: Annotated[pl.List, pl.String()] = pa.Field(description="Wie aan zet is.")
    kind: str = pa.Field(description="Soort.")
    scope: str = pa.Field(description="Landelijk of gemeentecode.")
    status: str = pa.Field(
        isin=["verlopen", "binnenkort", "later"],
        description="verlopen (hele periode voor de peildatum), binnenkort (binnen N maanden), "
        "later.",
    )
    source_document: str = pa.Field(description="Brondocument.")
    source_location: str = pa.Field(description="Regel(s).")
    source_quote: str = pa.Field(description="Citaat.")

    class Config:
        strict = True
        description = "Deadlines"


class AgendaSchema(pa.DataFrameModel):
    """Stappen rond een peildatum voor een gemeente, elke stap één keer."""

    as_of: dt.date = pa.Field(description="Peildatum.")
    event: str = pa.Field(description="Wat.")
    date: dt.date = pa.Field(description="Eerste dag van de (preciezere) periode.")
    date_end: dt.date = pa.Field(description="Laatste dag.")
    precision: str = pa.Field(description="Precisie.")
    range_start: dt.date = pa.Field(nullable=True, description="Begin van een looptijd.")
    when_nl: str = pa.Field(description="Wanneer, in het Nederlands.")
    kind: str = pa.Field(description="Soort.")
    agreement: str = pa.Field(description="Akkoord.")
    actor: Annotated[pl.List, pl.String()] = pa.Field(description="Wie aan zet is.")
    status: str = pa.Field(
        isin=["net voorbij", "loopt", "komt"], description="Ten opzichte van de peildatum."
    )
    event_ids: Annotated[pl.List, pl.String()] = pa.Field(
        description="De tijdlijnregels (documenten) die deze stap noemen."
    )

    class Config:
        strict = True
        description = "Agenda"
