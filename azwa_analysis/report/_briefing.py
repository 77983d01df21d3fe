"""The briefing's content: the analyses of one municipality at one date, and every table and
list as markdown built from the clean tables.

The Quarto document (``reports/briefing.qmd``) holds the wording; it takes values from
:attr:`Briefing.text` (inline expressions) and tables from the ``*_md`` methods. Every number
and date cites its source in a short footnote; the quotes are in the sources appendix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from azwa_analysis._paths import DataPaths
from azwa_analysis._tables import Tables, load_tables
from azwa_analysis.analysis._agenda import agenda, agenda_window
from azwa_analysis.analysis._allocation import estimate_allocation
from azwa_analysis.analysis._cliffs import funding_cliffs
from azwa_analysis.analysis._coverage import coverage
from azwa_analysis.analysis._funding_overview import funding_overview
from azwa_analysis.analysis._municipality import Municipality, resolve_municipality
from azwa_analysis.report import _appendix, _figures, _sections
from azwa_analysis.report._figures import Figure
from azwa_analysis.report._markdown import Citation, SourceNotes, md_escape, tidy
from azwa_analysis.report._sections import LAST_YEAR
from azwa_analysis.report._text import BriefingText

if TYPE_CHECKING:
    import altair as alt


@dataclass(frozen=True)
class Briefing:
    """One municipality's briefing as of a date.

    Examples
    --------
    >>> briefing = Briefing.create("Beekdaelen", "2026-11-29")
    >>> briefing.municipality.code
    'GM1954'
    >>> briefing.text.peildatum
    '29 november 2026'
    """

    tables: Tables
    municipality: Municipality
    as_of: dt.date
    notes: SourceNotes = field(compare=False)
    #: Everything written so far (markdown), for the glossary of the words used.
    written: list[str] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(
        cls,
        municipality: str,
        as_of: str | dt.date,
        *,
        tables: Tables | None = None,
        data_dir: str | None = None,
    ) -> Briefing:
        # The build validated these files; their checksums against the manifest are checked.
        tables = tables or load_tables(
            DataPaths(Path(data_dir)) if data_dir else None, validate=False
        )
        day = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))
        titles = dict(tables.documents.select("document", "short_title").iter_rows())
        return cls(tables, resolve_municipality(tables, municipality), day, SourceNotes(titles))

    @cached_property
    def text(self) -> BriefingText:
        """The values the document's text uses (``t.gemeente``, ``t.kern_geld``, …)."""
        return BriefingText(self)

    def _out(self, markdown: str) -> str:
        self.written.append(markdown)
        return tidy(markdown)

    # ----------------------------------------------------------------- analyses (computed once)

    @property
    def first_year(self) -> int:
        return min(self.as_of.year - 1, LAST_YEAR)

    @property
    def focus_year(self) -> int:
        """The year the key message is about: next year, within the data's horizon."""
        return min(self.as_of.year + 1, LAST_YEAR)

    @cached_property
    def overview(self) -> pl.DataFrame:
        return funding_overview(self.tables, years=range(2023, LAST_YEAR + 1))

    @cached_property
    def allocation(self) -> pl.DataFrame:
        return estimate_allocation(
            self.tables, self.municipality.code, years=range(2023, LAST_YEAR + 1)
        )

    @cached_property
    def cliffs(self) -> pl.DataFrame:
        return funding_cliffs(self.tables, self.municipality.code, as_of_year=self.as_of.year)

    @cached_property
    def duties(self) -> pl.DataFrame:
        return coverage(self.tables, self.municipality.code)

    @property
    def agenda_window(self) -> tuple[dt.date, dt.date]:
        return agenda_window(self.as_of)

    @cached_property
    def agenda(self) -> pl.DataFrame:
        return agenda(self.tables, self.municipality.code, as_of=self.as_of)

    @property
    def next_steps(self) -> pl.DataFrame:
        """The coming steps where gemeente or regio acts (not money that merely arrives)."""
        return self.agenda.filter(
            (pl.col("status") == "komt")
            & pl.col("kind").is_in(["deadline", "decision", "milestone"])
        )

    @cached_property
    def region(self) -> dict[str, Any] | None:
        """The municipality's IZA region (region, mandate_holder), when a source names it."""
        members = self.tables.region_members.filter(
            pl.col("municipality_code") == self.municipality.code
        )
        if members.is_empty():
            return None
        region = self.tables.iza_regions.filter(pl.col("region_id") == members["region_id"][0]).row(
            0, named=True
        )
        return {"region": region["name"], "mandate_holder": region["mandate_holder"]}

    def region_note(self) -> str:
        return self.notes.cite_frame(
            self.tables.region_members.filter(pl.col("municipality_code") == self.municipality.code)
        )

    def adviser_text(self, part: str) -> dict[str, Any] | None:
        """The adviser's text for one part (aanleiding, standpunt, vervolg, raad), if any."""
        rows = self.tables.adviser_texts.filter(
            (pl.col("municipality_code") == self.municipality.code) & (pl.col("part") == part)
        )
        return rows.row(0, named=True) if rows.height else None

    def submissions(self) -> list[tuple[str, dt.date, str]]:
        """The stewards' submissions this briefing uses: what, when, by whom."""
        code = self.municipality.code
        used: dict[str, tuple[str, dt.date, str]] = {}
        kinds = {
            "lokale_stand": "lokale stand",
            "officiele_bedragen": "officiële bedragen",
            "iza_regio": "IZA-regio",
            "adviseurstekst": "toelichting adviseur",
        }
        texts = self.tables.adviser_texts.with_columns(
            pl.concat_str(pl.lit("aangeleverd door "), "supplied_by").alias("note")
        )
        for frame in (self.tables.local_status, self.tables.region_members, texts):
            rows = frame.filter(
                (pl.col("municipality_code") == code)
                & pl.col("source_document").str.starts_with("imports/")
            )
            for document, note in rows.select("source_document", "note").unique().iter_rows():
                folder, kind = document.split("/")[1], document.split("/")[2]
                day = dt.date(int(folder[:4]), int(folder[4:6]), int(folder[6:8]))
                who = str(note or "").removeprefix("aangeleverd door ")
                used[document] = (kinds.get(kind, kind), day, who)
        return sorted(used.values(), key=lambda item: (item[1], item[0]))

    # ----------------------------------------------------------------- citations

    def official_note(self, rows: pl.DataFrame) -> str:
        """The footnote of official amounts: their row in the transcribed allocation table."""
        return self.notes.cite_frame(self.official_sources(rows))

    def official_sources(self, rows: pl.DataFrame) -> pl.DataFrame:
        """The rows of the transcribed allocation tables behind official amounts."""
        return self.tables.allocations.join(
            rows.select(
                pl.col("official_document").alias("source_document"),
                pl.col("official_location").alias("source_location"),
                "year",
                "stream_id",
            ),
            on=["source_document", "source_location", "year", "stream_id"],
            how="semi",
        )

    def key_rules(self, rows: pl.DataFrame) -> pl.DataFrame:
        """The allocation-key rules behind estimated rows (for their footnotes)."""
        keys = self.tables.allocation_keys
        wanted = rows.select("stream_id", "component_id").unique()
        return keys.join(wanted, on="stream_id", how="semi").filter(
            pl.col("component_id").is_null()
            | pl.col("component_id").is_in(wanted["component_id"].to_list())
        )

    def statement_row(self, statement_id: str) -> dict[str, Any]:
        return self.tables.statements.filter(pl.col("statement_id") == statement_id).row(
            0, named=True
        )

    def statement(self, statement_id: str) -> str:
        """A key statement from the sources, with its footnote."""
        row = self.statement_row(statement_id)
        return md_escape(row["text"]) + self.notes.cite_row(row)

    def statement_note(self, statement_id: str) -> str:
        return self.notes.cite_row(self.statement_row(statement_id))

    def step_sources(self, event_ids: list[str]) -> list[Citation]:
        """The sources of the timeline rows behind one agenda step, in the timeline's order."""
        index = self.tables.memoised(("timeline-citations",), self._timeline_citations)
        wanted = set(event_ids)
        return [citation for event_id, citation in index if event_id in wanted]

    def _timeline_citations(self) -> list[tuple[str, Citation]]:
        columns = ("event_id", "source_document", "source_location", "source_quote")
        rows = self.tables.timeline.select(columns).iter_rows()
        return [(str(e), Citation(d, loc, q)) for e, d, loc, q in rows]

    # ----------------------------------------------------------------- sections

    def money_md(self) -> str:
        return self._out(_sections.money_md(self))

    def programmes_md(self) -> str:
        return self._out(_sections.programmes_md(self))

    def duties_md(self) -> str:
        return self._out(_sections.duties_md(self))

    def agenda_md(self) -> str:
        return self._out(_sections.agenda_md(self))

    def context_md(self) -> str:
        return self._out(_sections.context_md(self))

    def national_md(self) -> str:
        return self._out(_sections.national_md(self))

    def reconciliation_md(self) -> str:
        return self._out(_appendix.reconciliation_md(self))

    def glossary_md(self) -> str:
        return self._out(_appendix.glossary_md(self))

    def sources_md(self) -> str:
        return tidy(_appendix.sources_md(self))

    def timeline_figure(self) -> Figure:
        return _figures.timeline_figure(self)

    def funding_figure(self) -> Figure:
        return _figures.funding_figure(self)

    def allocation_figure(self) -> Figure:
        return _figures.allocation_figure(self)

    def charts(self) -> tuple[alt.TopLevelMixin, ...]:
        """The Altair charts behind the figures, in document order."""
        return _figures.charts(self)


#: The briefing's tables and figures in document order (the template calls each once).
SECTIONS = (
    "money_md",
    "allocation_figure",
    "programmes_md",
    "duties_md",
    "agenda_md",
    "timeline_figure",
    "context_md",
    "national_md",
    "funding_figure",
    "reconciliation_md",
    "glossary_md",
    "sources_md",
)

#: The text values the template uses (warmed up with the sections).
TEXT_VALUES = (
    "gemeente",
    "peildatum",
    "regio",
    "aanleiding_landelijk",
    "aanleiding_lokaal",
    "kern_geld",
    "kern_programmas",
    "aantal_d5",
    "d5_bron",
    "d6_bron",
    "kern_taken",
    "kern_vervolg",
    "standpunt",
    "vervolg",
    "vraag_aan_de_raad",
    "agenda_vanaf",
    "agenda_tot",
    "sleutel_jaar",
    "sleutel_mediaan",
    "sleutel_p90",
    "versie",
    "build",
    "aanleveringen",
)


def warm_up(municipality: str, as_of: str | dt.date, *, data_dir: str | None = None) -> None:
    """Build a briefing and throw it away: imports, the tables, the national analyses, the
    charts (memoised per tables bundle and per chart spec, so a later briefing gets exactly
    what it would compute) and the chart renderer are then ready. The batch renderer runs this
    in each new kernel for the first municipality that kernel will render, while the renderer
    gets pandoc and Typst ready."""
    tables = load_tables(DataPaths(Path(data_dir)) if data_dir else None, validate=False)
    briefing = Briefing.create(municipality, as_of, tables=tables)
    for name in TEXT_VALUES:
        getattr(briefing.text, name)
    for section in SECTIONS:
        getattr(briefing, section)()
