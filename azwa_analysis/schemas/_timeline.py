"""Dated events and deadlines, with the precision the source gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import ACTORS, AGREEMENTS, EVENT_KINDS, PRECISIONS
from azwa_analysis.schemas._common import SCOPE_REGEX, SLUG_REGEX, SourcedModel

PERIOD_REGEX = r"^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]|H[12]))?$"

#: Columns the build derives from ``period``/``period_start``; a raw CSV does not have them.
DERIVED = {"derived": True}


class TimelineSchema(SourcedModel):
    """Tijdlijn: ondertekeningen, besluiten, deadlines, start en einde van geld en
    gezondheidsdoelen."""

    event_id: str = pa.Field(unique=True, str_matches=SLUG_REGEX, description="Unieke sleutel.")
    period: str = pa.Field(
        str_matches=PERIOD_REGEX,
        description="Moment of deadline: JJJJ-MM-DD, JJJJ-MM, JJJJ-Qn, JJJJ-Hn of JJJJ.",
    )
    period_start: str = pa.Field(
        nullable=True,
        str_matches=PERIOD_REGEX,
        description="Begin van een bereik ('2023 t/m 2025'), zelfde notatie; anders leeg.",
    )
    date_text: str = pa.Field(description="De datumwoorden letterlijk uit het document.")
    event: str = pa.Field(description="Wat er gebeurt, in één Nederlandse zin.")
    agreement: str = pa.Field(isin=AGREEMENTS, description="Akkoord waar het bij hoort.")
    actor: Annotated[pl.List, pl.String()] = pa.Field(
        description="Wie aan zet is (in CSV gescheiden door ';'): " + ", ".join(ACTORS) + "."
    )
    kind: str = pa.Field(isin=EVENT_KINDS, description="Soort gebeurtenis.")
    scope: str = pa.Field(str_matches=SCOPE_REGEX, description="'national' of een gemeentecode.")
    date: dt.date = pa.Field(
        metadata=DERIVED, description="Eerste dag van de periode (afgeleid van period)."
    )
    date_end: dt.date = pa.Field(
        metadata=DERIVED,
        description="Laatste dag van de periode; een deadline is pas voorbij ná deze dag.",
    )
    precision: str = pa.Field(
        isin=PRECISIONS, metadata=DERIVED, description="day, month, quarter, half of year."
    )
    range_start: dt.date = pa.Field(
        nullable=True,
        metadata=DERIVED,
        description="Eerste dag van period_start (afgeleid); leeg zonder bereik.",
    )

    @pa.check("actor", element_wise=False, description="elke actor komt uit de vaste lijst")
    def actors_known(cls, series: pa.PolarsData) -> pl.LazyFrame:
        return series.lazyframe.select(
            pl.col(series.key).list.eval(pl.element().is_in(list(ACTORS))).list.all()
            & (pl.col(series.key).list.len() > 0)
        )

    @pa.dataframe_check(description="het begin van een bereik ligt niet na het einde")
    def range_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("range_start").is_null() | (pl.col("range_start") <= pl.col("date_end"))
        )

    class Config:
        strict = True
        description = "Tijdlijn"
