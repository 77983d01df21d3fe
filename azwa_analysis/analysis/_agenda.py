"""What just passed and what comes next for a municipality: each step once.

The timeline holds one row per document that mentions a step; here a step appears once. Rows
that name the same ``step_id`` are one step, and so are rows with the same event text and
period. The step reads as its labelled row (a key date of the timeline figure), else as the
row with the most precise date (a day before a month, a month before a quarter …), and keeps
all their sources. A row with a
start (``2023–2026``) is a period: it *loopt* while the as-of date lies inside it and is never
overdue as a deadline would be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from azwa_analysis._periods import format_period_nl
from azwa_analysis._tables import Tables
from azwa_analysis._vocab import NATIONAL, PRECISIONS
from azwa_analysis.analysis._deadlines import _add_months, local_timeline_scopes
from azwa_analysis.analysis._municipality import resolve_municipality
from azwa_analysis.schemas import AgendaSchema

#: Steps where gemeente or regio acts, and money that starts or ends whoever acts.
ACTING = ("deadline", "decision", "milestone")
MONEY = ("funding_start", "funding_end")
#: The agenda's window around the as-of date, in months before and after it.
MONTHS_BEFORE = 3
MONTHS_AFTER = 12


def agenda_window(
    as_of: dt.date, *, months_before: int = MONTHS_BEFORE, months_after: int = MONTHS_AFTER
) -> tuple[dt.date, dt.date]:
    """First and last day of the agenda around ``as_of``."""
    return _add_months(as_of, -months_before), _add_months(as_of, months_after)


def agenda(
    tables: Tables,
    municipality: str,
    *,
    as_of: dt.date,
    months_before: int = MONTHS_BEFORE,
    months_after: int = MONTHS_AFTER,
    actors: Iterable[str] = ("gemeente", "regio"),
) -> pl.DataFrame:
    """The steps around ``as_of`` that bind a municipality, each once.

    Acting steps (deadline, decision, milestone) where one of ``actors`` is at work, and money
    that starts or ends, from ``months_before`` months before ``as_of`` to ``months_after``
    months after it; periods that run through that window are included.

    Returns
    -------
    pl.DataFrame
        Validated against :class:`~azwa_analysis.schemas.AgendaSchema`, ordered by the end of
        each step's period: ``status`` is *net voorbij* (ended before ``as_of``), *loopt* (a
        period that contains ``as_of``) or *komt*.

    Examples
    --------
    >>> import datetime as dt
    >>> from azwa_analysis import load_tables
    >>> steps = agenda(load_tables(), "Beekdaelen", as_of=dt.date(2026, 11, 29))
    >>> steps["event_ids"].list.len().max() > 1  # one step, several documents
    True
    """
    code = resolve_municipality(tables, municipality).code
    scopes = [NATIONAL, code] if code in local_timeline_scopes(tables) else [NATIONAL]
    start, end = agenda_window(as_of, months_before=months_before, months_after=months_after)
    wanted = list(actors)
    timeline = tables.timeline.filter(pl.col("scope").is_in(scopes))
    acting = (
        pl.col("kind").is_in(ACTING)
        & pl.col("actor").list.eval(pl.element().is_in(wanted)).list.any()
    )
    frame = timeline.filter(
        (acting | pl.col("kind").is_in(MONEY))
        & (pl.col("date_end") >= start)
        & (pl.coalesce("range_start", "date") <= end)
    )
    step = pl.col("step_id")
    rank = {p: i for i, p in enumerate(PRECISIONS)}
    labelled = pl.col("label").is_null()
    frame = frame.with_columns(
        pl.coalesce(step, pl.concat_str(pl.col("event").str.to_lowercase(), "period")).alias(
            "_step"
        ),
        pl.col("precision").replace_strict(rank, return_dtype=pl.Int64).alias("_rank"),
        labelled.alias("_unlabelled"),
    )
    steps = (
        # a step reads as its labelled row (the key date), else its most precise one
        frame.sort("_unlabelled", "_rank", "date_end", "event_id")
        .group_by("_step", maintain_order=True)
        .agg(
            pl.col("event").first(),
            pl.col("date").first(),
            pl.col("date_end").first(),
            pl.col("precision").first(),
            pl.col("range_start").first(),
            pl.col("kind").first(),
            pl.col("agreement").first(),
            pl.col("actor")
            .list.explode(keep_nulls=False, empty_as_null=False)
            .unique(maintain_order=True),
            pl.col("event_id").alias("event_ids"),
        )
        .drop("_step")
    )
    steps = steps.with_columns(
        pl.lit(as_of).alias("as_of"),
        pl.when(pl.col("date_end") < as_of)
        .then(pl.lit("net voorbij"))
        .when(pl.col("range_start").is_not_null() & (pl.col("range_start") <= as_of))
        .then(pl.lit("loopt"))
        .otherwise(pl.lit("komt"))
        .alias("status"),
        pl.struct("date", "precision", "range_start", "date_end")
        .map_elements(_when_nl, return_dtype=pl.String)
        .alias("when_nl"),
    ).sort("date_end", "date", "event")
    return AgendaSchema.validate(steps.select(list(AgendaSchema.to_schema().columns)))


def _when_nl(row: dict[str, object]) -> str:
    label = format_period_nl(row["date"], str(row["precision"]))  # type: ignore[arg-type]
    start = row["range_start"]
    if start is None:
        return label
    first = start.year  # type: ignore[attr-defined]
    last = row["date_end"].year  # type: ignore[attr-defined]
    return f"{first}–{last}" if first != last else label
