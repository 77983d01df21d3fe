"""Deadlines relative to an explicit as-of date, with precision kept."""

from __future__ import annotations

import datetime as dt

import polars as pl

from azwa_analysis import Tables, deadlines

REGIOPLAN = "azwa_regioplan_addendum_2026q3"


def _status(frame: pl.DataFrame, event_id: str) -> str:
    return str(frame.filter(pl.col("event_id") == event_id)["status"].item())


def test_a_quarter_deadline_is_due_until_its_last_day(tables: Tables) -> None:
    """The regioplan addendum (Q3 2026) is 'binnenkort' on 30 September, 'verlopen' on 1 October."""
    assert _status(deadlines(tables, as_of=dt.date(2026, 9, 30)), REGIOPLAN) == "binnenkort"
    assert _status(deadlines(tables, as_of=dt.date(2026, 10, 1)), REGIOPLAN) == "verlopen"
    assert _status(deadlines(tables, as_of=dt.date(2025, 1, 1)), REGIOPLAN) == "later"


def test_as_of_is_in_every_row(tables: Tables) -> None:
    """The reference date is explicit in the output."""
    result = deadlines(tables, as_of=dt.date(2026, 11, 22))
    assert set(result["as_of"]) == {dt.date(2026, 11, 22)}


def test_actor_filter(tables: Tables) -> None:
    """Only events where one of the actors is at work."""
    result = deadlines(tables, as_of=dt.date(2026, 1, 1), actors=["zorgverzekeraars"])
    assert result.height > 0
    assert result["actor"].list.contains("zorgverzekeraars").all()


def test_local_events_only_for_the_chosen_municipality(tables: Tables) -> None:
    """Beekdaelen's pilots appear for Beekdaelen, not nationally or for Arnhem."""
    local = tables.timeline.filter(pl.col("scope") == "GM1954")["event_id"].to_list()
    assert local
    national = deadlines(tables, as_of=dt.date(2026, 1, 1), kinds=tables.timeline["kind"].unique())
    for_arnhem = deadlines(
        tables,
        as_of=dt.date(2026, 1, 1),
        municipality="Arnhem",
        kinds=tables.timeline["kind"].unique(),
    )
    for_beekdaelen = deadlines(
        tables,
        as_of=dt.date(2026, 1, 1),
        municipality="GM1954",
        kinds=tables.timeline["kind"].unique(),
    )
    assert not set(local) & set(national["event_id"])
    assert not set(local) & set(for_arnhem["event_id"])
    assert set(local) <= set(for_beekdaelen["event_id"])


def test_sorted_by_end_then_start(tables: Tables) -> None:
    """Chronological by the last day of each period."""
    result = deadlines(tables, as_of=dt.date(2026, 1, 1))
    assert result["date_end"].is_sorted()
    assert result["when_nl"].null_count() == 0


def test_municipalities_without_local_events_share_the_national_answer(tables: Tables) -> None:
    """Memoised per question: no local events gives exactly the national list (the same
    frame, computed once), local events give a list of their own."""
    day = dt.date(2026, 11, 22)
    national = deadlines(tables, as_of=day)
    for_utrecht = deadlines(tables, as_of=day, municipality="GM0344")
    assert for_utrecht is national
    for_beekdaelen = deadlines(tables, as_of=day, municipality="GM1954")
    assert for_beekdaelen.height > national.height
    assert deadlines(tables, as_of=day, municipality="Beekdaelen") is for_beekdaelen
    assert deadlines(tables, as_of=dt.date(2026, 11, 23)) is not national
