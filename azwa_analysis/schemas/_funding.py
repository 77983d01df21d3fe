"""Funding streams, budget lines and the rules that act on them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import AGREEMENTS, AUTHORITIES, FIGURE_STATUSES, LINE_KINDS, RULE_KINDS
from azwa_analysis.schemas._common import SCOPE_REGEX, SLUG_REGEX, SourcedModel


class StreamSchema(SourcedModel):
    """Financieringsstromen (SPUK GALA, SPUK IZA, HLO-middelen, …): de referentielijst."""

    stream_id: str = pa.Field(
        unique=True, str_matches=SLUG_REGEX, description="Vaste sleutel van de stroom."
    )
    name: str = pa.Field(description="Naam van de stroom zoals documenten hem noemen.")
    agreement: str = pa.Field(isin=AGREEMENTS, description="Akkoord waaruit de stroom komt.")
    description: str = pa.Field(description="Korte omschrijving in het Nederlands.")

    class Config:
        strict = True
        description = "Financieringsstromen"


class FundingSchema(SourcedModel):
    """Elke begrotingsregel uit de bronnen: stroom × onderdeel × jaar, landelijk of per gemeente."""

    line_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Unieke regelsleutel.")
    stream_id: str = pa.Field(description="Financieringsstroom (verwijst naar streams).")
    component_id: str = pa.Field(
        str_matches=SLUG_REGEX,
        description="Sleutel van het onderdeel; gelijk over de jaren van één onderdeel.",
    )
    component: str = pa.Field(description="Naam van het onderdeel, zonder voetnootcijfers.")
    component_number: pl.Int64 = pa.Field(
        nullable=True,
        in_range={"min_value": 1, "max_value": 99},
        description="Nummer in de SPUK-tabel van het GALA (1-15).",
    )
    parent_component_id: str = pa.Field(
        nullable=True, description="Subtotaal waarin deze regel optelt (component_id)."
    )
    year: pl.Int64 = pa.Field(
        in_range={"min_value": 2015, "max_value": 2040},
        description="Jaar; bij een structureel bedrag het eerste jaar waarin het geldt.",
    )
    structural: bool = pa.Field(
        description="Waar voor een structureel (doorlopend) bedrag: het geldt vanaf 'year'."
    )
    amount_eur: pl.Int64 = pa.Field(
        in_range={"min_value": 0, "max_value": 100_000_000_000},
        description="Bedrag in hele euro's (nooit een kommagetal).",
    )
    is_subtotal: bool = pa.Field(description="Waar voor een gedrukt subtotaal of totaal.")
    line_kind: str = pa.Field(
        isin=LINE_KINDS,
        description="budget, cap (maximaal), reduction (korting), historic, exclusion.",
    )
    cut_applied: bool = pa.Field(
        nullable=True,
        description="Waar als de generieke korting al in het bedrag zit; "
        "leeg: niet van toepassing.",
    )
    quantity_key: str = pa.Field(
        nullable=True,
        str_matches=SLUG_REGEX,
        description="Regels die dezelfde grootheid noemen (in verschillende documenten) "
        "delen deze.",
    )
    scope: str = pa.Field(
        str_matches=SCOPE_REGEX, description="'national' of een gemeentecode (GM0202)."
    )

    @pa.dataframe_check(description="een subtotaal is een begrotingsregel (line_kind budget)")
    def subtotal_is_budget(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.col("is_subtotal") | (pl.col("line_kind") == "budget"))

    @pa.dataframe_check(description="één bedrag per onderdeel, jaar en document")
    def one_amount_per_component_year(cls, data: pa.PolarsData) -> pl.LazyFrame:
        key = ["component_id", "year", "structural", "source_document", "scope"]
        return data.lazyframe.select(~pl.struct(key).is_duplicated())

    class Config:
        strict = True
        description = "Begrotingsregels"


class FundingRuleSchema(SourcedModel):
    """Regels die op bedragen werken: generieke korting, meenemen, cofinanciering, eisen."""

    rule_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Unieke sleutel.")
    kind: str = pa.Field(
        isin=RULE_KINDS, description="generic_cut, carry_over, cofinancing of demand."
    )
    stream_ids: Annotated[pl.List, pl.String()] = pa.Field(
        description="Stromen waarop de regel werkt (in CSV gescheiden door ';')."
    )
    from_year: pl.Int64 = pa.Field(
        nullable=True,
        in_range={"min_value": 2015, "max_value": 2040},
        description="Eerste jaar (korting) of het jaar waaruit wordt meegenomen.",
    )
    to_year: pl.Int64 = pa.Field(
        nullable=True,
        in_range={"min_value": 2015, "max_value": 2040},
        description="Laatste jaar, of het jaar waarnaar wordt meegenomen; leeg: open.",
    )
    rate_percent: float = pa.Field(
        in_range={"min_value": 0.0, "max_value": 100.0}, description="Percentage (10 = 10 %)."
    )
    description: str = pa.Field(description="De regel in het Nederlands.")

    @pa.dataframe_check(description="from_year ligt niet na to_year")
    def years_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("to_year").is_null()
            | pl.col("from_year").is_null()
            | (pl.col("from_year") <= pl.col("to_year"))
        )

    class Config:
        strict = True
        description = "Regels op financiering"


class ComparisonSchema(pa.DataFrameModel):
    """Vergelijkingen tussen bronnen die niet letterlijk dezelfde grootheid noemen, maar wel via
    een regel (bijv. de generieke korting) met elkaar samenhangen."""

    comparison_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Sleutel.")
    description: str = pa.Field(description="Wat wordt vergeleken, in het Nederlands.")
    left_line_ids: Annotated[pl.List, pl.String()] = pa.Field(
        description="Begrotingsregels (line_id) waarvan de som de linkerkant is; ';'-gescheiden."
    )
    right_line_ids: Annotated[pl.List, pl.String()] = pa.Field(
        description="Begrotingsregels waarvan de som de rechterkant is; ';'-gescheiden."
    )
    right_rule_id: str = pa.Field(
        nullable=True,
        description="Regel (funding_rules.rule_id, generieke korting) toegepast op de rechterkant.",
    )
    tolerance_eur: pl.Int64 = pa.Field(
        ge=0, description="Toegestaan afrondingsverschil in euro's (bedragen in hele mln: 500000)."
    )
    explanation: str = pa.Field(
        nullable=True,
        description="Bekende verklaring van een verschil, met bron; leeg als onbekend.",
    )

    @pa.dataframe_check(description="beide kanten noemen minstens één begrotingsregel")
    def sides_not_empty(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("left_line_ids").list.len() > 0) & (pl.col("right_line_ids").list.len() > 0)
        )

    class Config:
        strict = True
        description = "Vergelijkingen tussen bronnen"


class ReconciliationSchema(pa.DataFrameModel):
    """Afstemming van bronnen: waar documenten dezelfde grootheid noemen, en of ze
    overeenstemmen."""

    check_id: str = pa.Field(unique=True, description="quantity_key of comparison_id.")
    kind: str = pa.Field(
        isin=["same_quantity", "derived"],
        description="same_quantity: gedeelde quantity_key; derived: vergelijking via een regel.",
    )
    description: str = pa.Field(description="Wat wordt vergeleken.")
    line_ids: Annotated[pl.List, pl.String()] = pa.Field(description="Betrokken begrotingsregels.")
    documents: Annotated[pl.List, pl.String()] = pa.Field(description="Betrokken documenten.")
    left_eur: pl.Int64 = pa.Field(description="Linkerkant (bij same_quantity: laagste bedrag).")
    right_eur: pl.Int64 = pa.Field(
        description="Rechterkant na regel (bij same_quantity: hoogste bedrag)."
    )
    difference_eur: pl.Int64 = pa.Field(description="Rechts min links.")
    tolerance_eur: pl.Int64 = pa.Field(ge=0, description="Toegestaan afrondingsverschil.")
    status: str = pa.Field(
        isin=["overeenstemming", "verklaard verschil", "verschil"],
        description="Uitkomst; een verschil is een resultaat, geen fout.",
    )
    explanation: str = pa.Field(nullable=True, description="Verklaring, als bekend.")

    class Config:
        strict = True
        description = "Afstemming van bronnen"


class FigureRegisterSchema(pa.DataFrameModel):
    """Register van cijfers die meer documenten noemen: welk cijfer geldt (gezag, dan datum) en
    welke cijfers bevestigd, vervangen of tegenstrijdig zijn."""

    quantity_key: str = pa.Field(description="De grootheid (funding.quantity_key).")
    line_id: str = pa.Field(description="Begrotingsregel in dit document.")
    stream_id: str = pa.Field(description="Stroom.")
    year: pl.Int64 = pa.Field(description="Jaar (bij structureel: eerste jaar).")
    amount_eur: pl.Int64 = pa.Field(description="Bedrag zoals dit document het noemt.")
    source_document: str = pa.Field(description="Document.")
    source_location: str = pa.Field(description="Plaats in het document.")
    authority: str = pa.Field(isin=AUTHORITIES, description="Gezag van het document.")
    document_date: dt.date = pa.Field(nullable=True, description="Datum van het document.")
    status: str = pa.Field(
        isin=FIGURE_STATUSES,
        description="geldend (het huidige cijfer), bevestigd (zelfde bedrag), vervangen (ander "
        "bedrag uit een minder gezaghebbend of ouder document) of tegenstrijdig (ander bedrag, "
        "zelfde gezag en datum).",
    )
    current_line_id: str = pa.Field(description="De regel met het geldende cijfer.")
    current_amount_eur: pl.Int64 = pa.Field(description="Het geldende bedrag.")
    current_document: str = pa.Field(description="Document met het geldende cijfer.")
    note: str = pa.Field(
        nullable=True, description="Toelichting bij het geldende cijfer (waarom het verschilt)."
    )

    @pa.dataframe_check(description="per grootheid precies één geldend cijfer")
    def one_current(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("status") == "geldend").sum().over("quantity_key") == 1
        )

    class Config:
        strict = True
        description = "Register van vervangen en tegenstrijdige cijfers"
