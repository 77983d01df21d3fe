"""Periods keep the precision of the source and answer 'is it past?' and ordering."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azwa_analysis._periods import format_date_nl, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2025-07-03", dt.date(2025, 7, 3), dt.date(2025, 7, 3), "day"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30), "quarter"),
        ("2023-H1", dt.date(2023, 1, 1), dt.date(2023, 6, 30), "half"),
        ("2040", dt.date(2040, 1, 1), dt.date(2040, 12, 31), "year"),
    ],
)
def test_parse_period_gives_first_and_last_day(
    text: str, start: dt.date, end: dt.date, precision: str
) -> None:
    """Each notation maps to its first and last day and its precision."""
    period = parse_period(text)
    assert (period.start, period.end, period.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["2026-Q5", "2025-13", "2025-02-30", "Q1 2026", "", "20266"])
def test_parse_period_rejects_malformed_text(text: str) -> None:
    """Malformed or impossible periods raise ValueError with the value in the message."""
    with pytest.raises(ValueError, match=r"periode|bestaat niet|day is out of range"):
        parse_period(text)


def test_deadline_is_past_only_after_its_last_day() -> None:
    """A Q1 deadline is not missed on 31 March, only from 1 April."""
    q1 = parse_period("2026-Q1")
    assert not q1.is_past(dt.date(2026, 3, 31))
    assert q1.is_past(dt.date(2026, 4, 1))


def test_ordering_by_last_day_then_first_day() -> None:
    """Q1 before the whole year; the whole year before Q4 (same last day, earlier start)."""
    texts = ["2026-Q4", "2026", "2026-Q1", "2026-02-15"]
    ordered = sorted(texts, key=lambda t: parse_period(t).sort_key)
    assert ordered == ["2026-02-15", "2026-Q1", "2026", "2026-Q4"]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31)))
def test_every_day_lies_within_its_month_quarter_half_and_year(day: dt.date) -> None:
    """A day is inside every coarser period that contains it, and none of them is past on it."""
    quarter = (day.month - 1) // 3 + 1
    half = 1 if day.month <= 6 else 2
    for text in (f"{day:%Y-%m}", f"{day.year}-Q{quarter}", f"{day.year}-H{half}", str(day.year)):
        period = parse_period(text)
        assert period.start <= day <= period.end
        assert not period.is_past(day)


def test_dutch_labels() -> None:
    """Dates and periods read the Dutch way."""
    assert format_date_nl(dt.date(2025, 7, 3)) == "3 juli 2025"
    assert parse_period("2026-H2").label_nl() == "2e helft 2026"
    assert parse_period("2025-10").label_nl() == "oktober 2025"
