"""Dates with a precision: a day, a month, a quarter, a half or a year.

The sources date things loosely ("Q1 2026", "voorjaar 2023", "eind oktober 2025"). A
:class:`Period` keeps that precision and still answers the questions a deadline list needs:

* *Is it past on date X?* — only when X is after the **last** day of the period: a deadline "Q1
  2026" is not missed on 15 March 2026.
* *Which comes first?* — periods are ordered by their last day, then by their first day: "Q1
  2026" comes before "2026", and "2026" before "Q4 2026" (same last day, earlier first day).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from azwa_analysis._vocab import Precision

#: The last year the briefings and the funding-risk rule look at: the first year of the
#: structural AZWA money for the social domain (the Bijzondere Fondsuitkering from 2030), so the
#: money after the SPUK AZWA 2027-2029 is in view.
HORIZON = 2030

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|Q(?P<quarter>[1-4])|H(?P<half>[12])))?$"
)

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True, order=False)
class Period:
    """A calendar period of a given precision, from ``start`` to ``end`` inclusive."""

    start: dt.date
    end: dt.date
    precision: Precision

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Order by last day, then first day."""
        return (self.end, self.start)

    def is_past(self, as_of: dt.date) -> bool:
        """True when the whole period lies before ``as_of``.

        Examples
        --------
        >>> p = parse_period("2026-Q1")
        >>> p.is_past(dt.date(2026, 3, 31)), p.is_past(dt.date(2026, 4, 1))
        (False, True)
        """
        return self.end < as_of

    def label_nl(self) -> str:
        """The period in Dutch words, e.g. ``3 juli 2025``, ``Q1 2026``, ``2e helft 2026``.

        Examples
        --------
        >>> parse_period("2025-07-03").label_nl()
        '3 juli 2025'
        >>> parse_period("2025-10").label_nl()
        'oktober 2025'
        """
        return format_period_nl(self.start, self.precision)


def parse_period(text: str) -> Period:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn``, ``YYYY-Hn`` or ``YYYY``.

    Raises
    ------
    ValueError
        With a Dutch message naming the value and the allowed notations.

    Examples
    --------
    >>> parse_period("2026-Q3")
    Period(start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30), precision='quarter')
    """
    match = _PATTERN.match(text.strip())
    if match is None:
        raise ValueError(
            f"'{text}' is geen geldige periode; "
            "gebruik JJJJ-MM-DD, JJJJ-MM, JJJJ-Qn, JJJJ-Hn of JJJJ"
        )
    year = int(match["year"])
    if match["day"] is not None:
        day = dt.date(year, int(match["month"]), int(match["day"]))
        return Period(day, day, "day")
    if match["month"] is not None:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"'{text}': maand {month} bestaat niet")
        return Period(dt.date(year, month, 1), _month_end(year, month), "month")
    if match["quarter"] is not None:
        q = int(match["quarter"])
        return Period(dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter")
    if match["half"] is not None:
        h = int(match["half"])
        return Period(dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h), "half")
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def format_period_nl(start: dt.date, precision: str) -> str:
    """Dutch label of a period given its first day and precision.

    Examples
    --------
    >>> format_period_nl(dt.date(2026, 7, 1), "half")
    '2e helft 2026'
    """
    if precision == "day":
        return format_date_nl(start)
    if precision == "month":
        return f"{MONTHS_NL[start.month - 1]} {start.year}"
    if precision == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if precision == "half":
        return f"{1 if start.month <= 6 else 2}e helft {start.year}"
    if precision == "year":
        return str(start.year)
    raise ValueError(f"onbekende precisie '{precision}'")


def format_date_nl(day: dt.date) -> str:
    """A date the Dutch way: ``3 juli 2025``.

    Examples
    --------
    >>> format_date_nl(dt.date(2026, 11, 22))
    '22 november 2026'
    """
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])
