"""The adviser's own words for a council briefing: texts no national document holds, supplied
per municipality through the steward's sheet 'Toelichting adviseur'."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import ADVISER_PARTS
from azwa_analysis.schemas._common import MUNICIPALITY_CODE_REGEX

#: What a text may not hold: markup, and control characters other than a line feed (a
#: paragraph break), and invisible format characters (category Cf).
_NOT_PLAIN = r"[<>\x00-\x09\x0b-\x1f\x7f-\x9f\p{Cf}]"
_WRITTEN = {"min_value": dt.date(2015, 1, 1), "max_value": dt.date(2040, 12, 31)}


class StewardAdviserTextSchema(pa.DataFrameModel):
    """Toelichting van de beleidsadviseur zoals een datasteward die aanlevert
    (data/raw/imports/…/adviseurstekst/): per gemeente en onderdeel één tekst."""

    municipality_code: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Gemeentecode (GM1954)."
    )
    part: str = pa.Field(
        isin=ADVISER_PARTS,
        description="Onderdeel van de raadsinformatiebrief: aanleiding, standpunt (van het "
        "college), vervolg of raad (wat er aan de raad gevraagd wordt).",
    )
    text: str = pa.Field(
        str_length={"min_value": 20, "max_value": 2000},
        description="De tekst in gewoon Nederlands, zonder opmaak; een regeleinde scheidt "
        "alinea's. Tekens als * en # zijn gewone tekens, geen Markdown.",
    )
    author: str = pa.Field(
        str_length={"min_value": 3, "max_value": 120},
        description="Wie de tekst schreef: naam, functie.",
    )
    written_on: dt.date = pa.Field(
        in_range=_WRITTEN, description="Datum waarop de tekst geschreven is."
    )

    @pa.dataframe_check(
        description="tekst zonder HTML (< >), onzichtbare tekens of stuurtekens (behalve een "
        "regeleinde)"
    )
    def plain_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            ~pl.col("text").str.contains(_NOT_PLAIN) & ~pl.col("author").str.contains(_NOT_PLAIN)
        )

    @pa.dataframe_check(description="één tekst per gemeente en onderdeel")
    def one_text_per_part(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("municipality_code", "part").is_duplicated())

    class Config:
        strict = True
        description = "Toelichting adviseur (aangeleverd)"


class AdviserTextSchema(StewardAdviserTextSchema):
    """De eigen tekst van de beleidsadviseur per gemeente en onderdeel van de
    raadsinformatiebrief (aanleiding, standpunt van het college, vervolg, vraag aan de raad):
    de nieuwste aanlevering per gemeente, met wie de tekst schreef en wie haar aanleverde."""

    supplied_by: str = pa.Field(
        description="Wie de tekst aanleverde (azwa import --door), uit het herkomstbestand."
    )
    source_document: str = pa.Field(
        # imports/<submission>/adviseurstekst/<code>.csv (the first layout, still read:
        # imports/adviseurstekst/<timestamp>_<code>.csv)
        str_matches=r"^imports/([0-9A-Za-z_]+/)?adviseurstekst/[0-9A-Za-z_.-]+\.csv$",
        description="Het aangeleverde bestand (data/raw/imports/…/adviseurstekst/<code>.csv).",
    )
    source_location: str = pa.Field(
        str_matches=r"^\d+$", description="Rij in dat bestand (kopregel = rij 1)."
    )
    note: str = pa.Field(
        nullable=True, description="Herkomst: het oorspronkelijke bestand, blad en datum."
    )

    class Config:
        strict = True
        description = "Toelichting van de adviseur"
