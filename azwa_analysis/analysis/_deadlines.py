"""What is due, and what did we miss? Deadlines relative to an explicit as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from azwa_analysis._periods import format_period_nl
from azwa_analysis._tables import Tables
from azwa_analysis._vocab import NATIONAL
from azwa_analysis.analysis._municipality import resolve_municipality
from azwa_analysis.schemas import DeadlineSchema

DEFAULT_KINDS: tuple[str, ...] = (
    "deadline",
    "milestone",
    "decision",
    "funding_start",
    "funding_end",
)


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadlines(
    tables: Tables,
    *,
    as_of: dt.date | None = None,
    municipality: str | None = None,
    within_months: int = 6,
    actors: Iterable[str] | None = None,
    kinds: Iterable[str] = DEFAULT_KINDS,
    since: dt.date | None = None,
) -> pl.DataFrame:
    """Deadlines and milestones relative to ``as_of`` (default: today; always in the output).

    *verlopen*: the whole period lies before ``as_of``; *binnenkort*: it ends within
    ``within_months`` months; *later*: after that. Periods keep their precision: a deadline
    "Q1 2026" is not overdue until 1 April 2026.

    Parameters
    ----------
    tables : Tables
        The clean tables.
    as_of : date, keyword-only
        Reference date; default today.
    municipality : str, keyword-only, optional
        Adds that municipality's local events to the national ones (others' are left out).
    within_months : int, keyword-only
        Horizon of *binnenkort*.
    actors : iterable of str, keyword-only, optional
        Keep events where any of these actors is at work (gemeente, regio, VNG, VWS,
        zorgverzekeraars, …).
    kinds : iterable of str, keyword-only
        Event kinds to include (default: deadline, milestone, decision, funding start and end).
    since : date, keyword-only, optional
        Leave out events that ended before this date (keeps overdue lists short).

    Examples
    --------
    >>> import datetime as dt
    >>> from azwa_analysis import load_tables
    >>> due = deadlines(load_tables(), as_of=dt.date(2026, 1, 15), actors=["gemeente"])
    >>> set(due["as_of"]) == {dt.date(2026, 1, 15)}
    True
    """
    as_of = as_of or dt.date.today()
    scopes: tuple[str, ...] = (NATIONAL,)
    if municipality is not None:
        code = resolve_municipality(tables, municipality).code
        if code in local_timeline_scopes(tables):
            scopes = (NATIONAL, code)
    # Memoised per tables bundle: a batch asks the same question for every municipality, and
    # most have no local events of their own, so they share one answer.
    wanted_actors = None if actors is None else tuple(actors)
    wanted_kinds = tuple(kinds)
    return tables.memoised(
        ("deadlines", scopes, as_of, within_months, wanted_actors, wanted_kinds, since),
        lambda: _deadlines(
            tables,
            scopes=scopes,
            as_of=as_of,
            within_months=within_months,
            actors=wanted_actors,
            kinds=wanted_kinds,
            since=since,
        ),
    )


def local_timeline_scopes(tables: Tables) -> frozenset[str]:
    """Municipality codes with events of their own in the timeline."""
    return tables.memoised(
        ("local-timeline-scopes",),
        lambda: frozenset(
            tables.timeline.filter(pl.col("scope") != NATIONAL)["scope"].unique().to_list()
        ),
    )


def _deadlines(
    tables: Tables,
    *,
    scopes: tuple[str, ...],
    as_of: dt.date,
    within_months: int,
    actors: tuple[str, ...] | None,
    kinds: tuple[str, ...],
    since: dt.date | None,
) -> pl.DataFrame:
    horizon = _add_months(as_of, within_months)
    frame = tables.timeline.filter(
        pl.col("scope").is_in(list(scopes)) & pl.col("kind").is_in(list(kinds))
    )
    if actors is not None:
        frame = frame.filter(pl.col("actor").list.eval(pl.element().is_in(list(actors))).list.any())
    if since is not None:
        frame = frame.filter(pl.col("date_end") >= since)
    frame = frame.with_columns(
        pl.lit(as_of).alias("as_of"),
        pl.when(pl.col("date_end") < as_of)
        .then(pl.lit("verlopen"))
        .when(pl.col("date_end") <= horizon)
        .then(pl.lit("binnenkort"))
        .otherwise(pl.lit("later"))
        .alias("status"),
        pl.struct("date", "precision")
        .map_elements(lambda s: format_period_nl(s["date"], s["precision"]), return_dtype=pl.String)
        .alias("when_nl"),
    ).sort("date_end", "date", "event_id")
    return DeadlineSchema.validate(frame.select(list(DeadlineSchema.to_schema().columns)))
