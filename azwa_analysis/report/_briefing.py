"""The briefing's content: every section as markdown built from the clean tables.

The Quarto document (``reports/briefing.qmd``) only arranges these sections; all prose that
carries a number or a date is generated here from ``data/`` and cites its source, so nothing is
typed into the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from azwa_analysis._format import format_eur, format_eur_mln
from azwa_analysis._paths import DataPaths
from azwa_analysis._periods import format_date_nl
from azwa_analysis._tables import Tables, load_tables, package_version
from azwa_analysis.analysis._allocation import estimate_allocation
from azwa_analysis.analysis._cliffs import funding_cliffs
from azwa_analysis.analysis._coverage import coverage
from azwa_analysis.analysis._deadlines import deadlines
from azwa_analysis.analysis._funding_overview import funding_overview
from azwa_analysis.analysis._municipality import Municipality, resolve_municipality
from azwa_analysis.report import _figures, _sections
from azwa_analysis.report._figures import Figure
from azwa_analysis.report._markdown import SourceNotes, md_escape
from azwa_analysis.report._sections import DUE_ACTORS, DUE_KINDS, DUE_MONTHS, LAST_YEAR

if TYPE_CHECKING:
    import altair as alt


@dataclass(frozen=True)
class Briefing:
    """One municipality's briefing as of a date; sections are markdown strings.

    Examples
    --------
    >>> briefing = Briefing.create("Beekdaelen", "2026-11-22")
    >>> briefing.municipality.code
    'GM1954'
    >>> "Kernboodschap" not in briefing.kernboodschap_md()  # the heading is in the template
    True
    """

    tables: Tables
    municipality: Municipality
    as_of: dt.date
    notes: SourceNotes = field(compare=False)

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
    def coverage(self) -> pl.DataFrame:
        return coverage(self.tables, self.municipality.code)

    @cached_property
    def due(self) -> pl.DataFrame:
        return deadlines(
            self.tables,
            as_of=self.as_of,
            municipality=self.municipality.code,
            actors=DUE_ACTORS,
            kinds=DUE_KINDS,
            within_months=DUE_MONTHS,
            since=self.as_of.replace(year=self.as_of.year - 1),
        )

    def _newer_basis_year(self) -> int:
        """First year whose amounts come from a newer document than the earliest years'."""
        basis = self.tables.overview_basis.sort("from_year")
        first = basis["basis_document"][0]
        return int(basis.filter(pl.col("basis_document") != first)["from_year"].min())  # type: ignore[arg-type]

    def _cut_rate(self) -> float:
        rules = self.tables.funding_rules.filter(pl.col("kind") == "generic_cut")
        return float(rules["rate_percent"].max())  # type: ignore[arg-type]

    @property
    def has_local_data(self) -> bool:
        return (
            self.tables.local_status.filter(
                pl.col("municipality_code") == self.municipality.code
            ).height
            > 0
        )

    # ----------------------------------------------------------------- sections

    def header_md(self) -> str:
        m = self.municipality
        lines = [
            f"**Gemeente {md_escape(m.name)}** ({m.code}, provincie {md_escape(m.province)}) · "
            f"stand van zaken op **{format_date_nl(self.as_of)}**",
            "",
            f"*Gemaakt met azwa-analysis {package_version()} uit de gecontroleerde tabellen "
            f"(build {self.tables.fingerprint[:12]}). Elk getal en elke datum verwijst via een "
            "voetnoot naar het brondocument, met regelnummer en letterlijk citaat.*",
        ]
        if m.merged_from:
            lines += [
                "",
                f"*Gevraagd werd {md_escape(m.merged_from)}; die gemeente is opgegaan "
                f"in {md_escape(m.name)}.*",
            ]
        return "\n".join(lines) + "\n"

    def kernboodschap_md(self) -> str:
        sentences = [
            self._money_sentence(),
            self._share_sentence(),
            self._cliff_sentence(),
            self._deadline_sentence(),
            self._reconciliation_sentence(),
        ]
        return "\n".join(f"- {s}" for s in sentences if s) + "\n"

    def _money_sentence(self) -> str:
        year = self.focus_year
        rows = self.overview.filter((pl.col("year") == year) & (pl.col("kind") == "budget"))
        if rows.is_empty():
            return ""
        total = int(rows["amount_eur"].sum())
        structural = int(rows.filter(pl.col("structural"))["amount_eur"].sum())
        note = self.notes.cite_frame(rows)
        return (
            f"In {year} is landelijk {format_eur_mln(total)} beschikbaar voor gemeenten uit "
            f"IZA, GALA, AZWA en HLO, waarvan {format_eur_mln(structural)} structureel.{note}"
        )

    def _share_sentence(self) -> str:
        name = md_escape(self.municipality.name)
        own = self.allocation.filter(pl.col("recipient") == "gemeente")
        official = own.filter(pl.col("basis") == "officieel").sort("year")
        sentences = []
        if official.height:
            last = official.filter(pl.col("year") == official["year"].max())
            year = int(last["year"][0])
            sentences.append(
                f"{name} ontvangt in {year} officieel {format_eur(int(last['amount_eur'].sum()))} "
                f"uit de brede SPUK{self.official_note(last)}"
            )
        estimated = own.filter((pl.col("basis") == "geschat") & (pl.col("year") > self.as_of.year))
        if estimated.height:
            year = int(estimated["year"].min())  # type: ignore[arg-type]
            rows = estimated.filter(pl.col("year") == year)
            low, high = int(rows["low_eur"].sum()), int(rows["high_eur"].sum())
            sentences.append(
                f"voor {year} schatten wij {format_eur(int(rows['amount_eur'].sum()))} "
                f"(bandbreedte {format_eur(low)} – {format_eur(high)}), met de verdeelsleutel "
                f"die VWS vooralsnog aanhoudt{self.notes.cite_frame(self._key_rules(rows))}"
            )
        return ("; ".join(sentences) + ".") if sentences else ""

    def official_note(self, rows: pl.DataFrame) -> str:
        """The footnote of official amounts: their row in the transcribed allocation table."""
        sources = self.tables.allocations.join(
            rows.select(
                pl.col("official_document").alias("source_document"),
                pl.col("official_location").alias("source_location"),
                "year",
                "stream_id",
            ),
            on=["source_document", "source_location", "year", "stream_id"],
            how="semi",
        )
        return self.notes.cite_frame(sources)

    def _key_rules(self, rows: pl.DataFrame) -> pl.DataFrame:
        """The allocation-key rules behind estimated rows (for their footnotes)."""
        keys = self.tables.allocation_keys
        wanted = rows.select("stream_id", "component_id").unique()
        return keys.join(wanted, on="stream_id", how="semi").filter(
            pl.col("component_id").is_null()
            | pl.col("component_id").is_in(wanted["component_id"].to_list())
        )

    def _cliff_sentence(self) -> str:
        name = md_escape(self.municipality.name)
        if not self.has_local_data:
            return (
                f"Over de lokale programma's van {name} zijn geen gegevens vastgelegd; welke "
                "programma's hun geld verliezen is daarom onbekend. "
                + self.statement("d5_in_elke_gemeente")
            )
        cliffs = self.cliffs
        structural = cliffs.filter(pl.col("azwa_outcome").str.starts_with("structureel"))
        high = cliffs.filter(pl.col("risk") == "hoog")
        text = (
            f"Van de {cliffs.height} lokale programma's in de brieven worden er "
            f"{structural.height} structureel geborgd als basisfunctionaliteit (D5) of "
            "basisinfrastructuur (D6)"
        )
        if high.height:
            names = ", ".join(md_escape(n) for n in high["name"].to_list())
            ends = high["funding_ends_year"].drop_nulls()
            until = f"; hun geld stopt uiterlijk na {int(ends.max())}" if ends.len() else ""  # type: ignore[arg-type]
            text += f"; voor {high.height} ({names}) regelt het AZWA geen financiering{until}"
        return text + "." + self.notes.cite_frame(cliffs)

    def statement(self, statement_id: str) -> str:
        """A key statement from the sources, with its footnote."""
        row = self.tables.statements.filter(pl.col("statement_id") == statement_id).row(
            0, named=True
        )
        return md_escape(row["text"]) + self.notes.cite_row(row)

    def _deadline_sentence(self) -> str:
        ahead = self.due.filter(pl.col("status") != "verlopen")
        past = self.due.filter(pl.col("status") == "verlopen")
        parts: list[str] = []
        if ahead.height:
            first = ahead.row(0, named=True)
            parts.append(
                f"De eerstvolgende deadline voor gemeente en regio: "
                f"{md_escape(first['event'].rstrip('.'))} ({first['when_nl']})"
                f"{self.notes.cite_row(first)}"
            )
        else:
            parts.append(
                "In de bronnen staan geen openstaande deadlines meer voor gemeente en regio"
            )
        if past.height:
            since = format_date_nl(self.as_of.replace(year=self.as_of.year - 1))
            parts.append(f"sinds {since} zijn {past.height} deadlines en mijlpalen verstreken")
        return "; ".join(parts) + "."

    def _reconciliation_sentence(self) -> str:
        report = self.tables.reconciliation
        differ = report.filter(pl.col("status") != "overeenstemming")
        if differ.is_empty():
            return f"De bronnen stemmen op alle {report.height} gecontroleerde punten overeen."
        return (
            f"De bronnen verschillen op {differ.height} van de {report.height} punten waar ze "
            "dezelfde bedragen noemen; die verschillen zijn niet gecorrigeerd (zie Bronnen)."
        )

    def context_md(self) -> str:
        return _sections.context_md(self)

    def timeline_figure(self) -> Figure:
        return _figures.timeline_figure(self)

    def middelen_national_md(self) -> str:
        return _sections.middelen_national_md(self)

    def funding_figure(self) -> Figure:
        return _figures.funding_figure(self)

    def middelen_local_md(self) -> str:
        return _sections.middelen_local_md(self)

    def allocation_figure(self) -> Figure:
        return _figures.allocation_figure(self)

    def charts(self) -> tuple[alt.TopLevelMixin, ...]:
        """The Altair charts behind the figures, in document order."""
        return _figures.charts(self)

    def coverage_md(self) -> str:
        return _sections.coverage_md(self)

    def risks_md(self) -> str:
        return _sections.risks_md(self)

    def tijdpad_md(self) -> str:
        return _sections.tijdpad_md(self)

    def bronnen_md(self) -> str:
        return _sections.bronnen_md(self)


#: The briefing's sections in document order (the template calls each once).
SECTIONS = (
    "header_md",
    "kernboodschap_md",
    "context_md",
    "timeline_figure",
    "middelen_national_md",
    "funding_figure",
    "middelen_local_md",
    "allocation_figure",
    "coverage_md",
    "risks_md",
    "tijdpad_md",
    "bronnen_md",
)


def warm_up(municipality: str, as_of: str | dt.date, *, data_dir: str | None = None) -> None:
    """Build a briefing and throw it away: imports, the tables, the national analyses, the
    charts (memoised per tables bundle and per chart spec, so a later briefing gets exactly
    what it would compute) and the chart renderer are then ready. The batch renderer runs this
    in each new kernel for the first municipality that kernel will render, while the renderer
    gets pandoc and Typst ready."""
    tables = load_tables(DataPaths(Path(data_dir)) if data_dir else None, validate=False)
    briefing = Briefing.create(municipality, as_of, tables=tables)
    for section in SECTIONS:
        getattr(briefing, section)()
