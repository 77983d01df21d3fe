"""The briefing's figures: Altair charts from the analyses, drawn once as SVG and PNG."""

from __future__ import annotations

import base64
import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from azwa_analysis.analysis import deadlines, local_timeline_scopes
from azwa_analysis.report._charts import (
    allocation_chart,
    allocation_images,
    chart_images,
    funding_chart,
    timeline_chart,
)
from azwa_analysis.report._sections import LAST_YEAR

if TYPE_CHECKING:
    import altair as alt

    from azwa_analysis.report._briefing import Briefing

#: The timeline figure starts with the year of the IZA, the first of the four agreements.
TIMELINE_START = dt.date(2022, 1, 1)
TIMELINE_KINDS = ("signature", "decision", "deadline", "milestone", "funding_start", "funding_end")


@dataclass(frozen=True, repr=False)
class Figure:
    """A chart for Jupyter: rendered once, offered as SVG (HTML) and PNG (Word, PDF)."""

    svg: str
    png: bytes

    def __repr__(self) -> str:
        # Short on purpose: Jupyter sends the text repr beside the images, and IPython keeps
        # it in its history for the kernel's lifetime (`%reset` does not clear it).
        return f"<Figure: SVG {len(self.svg) // 1024} kB, PNG {len(self.png) // 1024} kB>"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """SVG and PNG; only the one ``fig-format`` asks for when Quarto renders the document
        (Quarto sets ``QUARTO_FIG_FORMAT`` in the kernel per output format: Word with
        ``fig-format: png`` then gets a PNG, and needs no SVG converter)."""
        wanted = os.environ.get("QUARTO_FIG_FORMAT", "")
        bundle: dict[str, str] = {}
        if wanted in ("", "svg"):
            bundle["image/svg+xml"] = self.svg
        if wanted != "svg":
            bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        return bundle


def draw(chart: alt.TopLevelMixin) -> Figure:
    svg, png = chart_images(chart)
    return Figure(svg=svg, png=png)


def timeline_figure(briefing: Briefing) -> Figure:
    # The same for every municipality without events of its own: drawn once per bundle.
    code = briefing.municipality.code
    local = code if code in local_timeline_scopes(briefing.tables) else None
    return briefing.tables.memoised(
        ("timeline-figure", briefing.as_of, local), lambda: draw(timeline_spec(briefing))
    )


def timeline_spec(briefing: Briefing) -> alt.TopLevelMixin:
    events = deadlines(
        briefing.tables,
        as_of=briefing.as_of,
        municipality=briefing.municipality.code,
        kinds=TIMELINE_KINDS,
        since=TIMELINE_START,
    ).filter(pl.col("date_end") <= dt.date(LAST_YEAR, 12, 31))
    events = events.join(
        briefing.tables.timeline.select("event_id", "label"), on="event_id", how="left"
    )
    title = f"Besluiten, deadlines en geld, {TIMELINE_START.year}-{LAST_YEAR}"
    return timeline_chart(events, as_of=briefing.as_of, title=title)


def funding_figure(briefing: Briefing) -> Figure:
    # National: the same for every municipality, drawn once per bundle.
    return briefing.tables.memoised(
        ("funding-figure", briefing.first_year), lambda: draw(funding_spec(briefing))
    )


def funding_spec(briefing: Briefing) -> alt.TopLevelMixin:
    years = range(briefing.first_year, LAST_YEAR + 1)
    return funding_chart(
        briefing.overview.filter(pl.col("year").is_in(list(years))),
        title="Landelijke middelen voor gemeenten per jaar (€ mln)",
    )


def allocation_figure(briefing: Briefing) -> Figure:
    svg, png = allocation_images(_own_allocation(briefing), title=_allocation_title(briefing))
    return Figure(svg=svg, png=png)


def allocation_spec(briefing: Briefing) -> alt.TopLevelMixin:
    return allocation_chart(_own_allocation(briefing), title=_allocation_title(briefing))


def _own_allocation(briefing: Briefing) -> pl.DataFrame:
    years = list(range(briefing.first_year, LAST_YEAR + 1))
    return briefing.allocation.filter(
        pl.col("year").is_in(years) & (pl.col("recipient") == "gemeente")
    )


def _allocation_title(briefing: Briefing) -> str:
    return f"{briefing.municipality.name}: bedrag per jaar, officieel of geschat (€ mln)"


def charts(briefing: Briefing) -> tuple[alt.TopLevelMixin, ...]:
    """The Altair charts behind the figures, in document order."""
    return timeline_spec(briefing), funding_spec(briefing), allocation_spec(briefing)
