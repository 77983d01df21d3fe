"""Dated events and deadlines, with the precision the source gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis._vocab import ACTORS, AGREEMENTS, EVENT_KIND_LABELS, EVENT_KINDS, PRECISIONS
from azwa_analysis.schemas._common import SCOPE_REGEX, SLUG_REGEX, SourcedModel

PERIOD_REGEX = r"^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]|H[12]))?$"

#: Columns the build derives from ``period``/``period_start``; a raw CSV does not have them.
DERIVED = {"derived": True}

#: The longest label the timeline figure can print beside its tick.
LABEL_MAX = 32


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
    kind: str = pa.Field(
        isin=EVENT_KINDS,
        description="Soort gebeurtenis: "
        + "; ".join(f"{kind} = {EVENT_KIND_LABELS[kind]}" for kind in EVENT_KINDS)
        + ".",
    )
    scope: str = pa.Field(str_matches=SCOPE_REGEX, description="'national' of een gemeentecode.")
    step_id: str = pa.Field(
        nullable=True,
        str_matches=SLUG_REGEX,
        description="Stap: rijen uit verschillende documenten over dezelfde stap delen deze "
        "sleutel; leeg als alleen deze rij de stap noemt.",
    )
    label: str = pa.Field(
        nullable=True,
        str_length={"min_value": 3, "max_value": LABEL_MAX},
        description=f"Kort Nederlands label (hoogstens {LABEL_MAX} tekens) voor de kerndata in "
        "de tijdlijnfiguur; hoogstens één rij per stap heeft er een.",
    )
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

    @pa.dataframe_check(description="hoogstens één rij per stap (step_id) heeft een label")
    def one_label_per_step(cls, data: pa.PolarsData) -> pl.LazyFrame:
        labelled = pl.col("label").is_not_null()
        return data.lazyframe.select(
            ~labelled
            | pl.col("step_id").is_null()
            | (labelled.cast(pl.Int64).sum().over("step_id") <= 1)
        )

    class Config:
        strict = True
        description = "Tijdlijn"
