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

from azwa_analysis._allocation import estimate_allocation
from azwa_analysis._build import package_version
from azwa_analysis._charts import (
    allocation_chart,
    chart_images,
    funding_chart,
    timeline_chart,
)
from azwa_analysis._cliffs import funding_cliffs
from azwa_analysis._coverage import coverage
from azwa_analysis._deadlines import deadlines, local_timeline_scopes
from azwa_analysis._format import format_eur, format_eur_mln, format_number
from azwa_analysis._funding_overview import funding_overview
from azwa_analysis._municipality import Municipality, resolve_municipality
from azwa_analysis._paths import DataPaths
from azwa_analysis._periods import format_date_nl
from azwa_analysis._tables import Tables, load_tables
from azwa_analysis._vocab import LOCAL_STATUS_LABELS
from azwa_analysis.report._markdown import SourceNotes, md_escape, pipe_table

if TYPE_CHECKING:
    import altair as alt

#: Years shown in the briefing's money tables: from the year before the as-of date to this.
LAST_YEAR = 2030
DUE_ACTORS = ("gemeente", "regio")
DUE_KINDS = ("deadline", "milestone", "decision")
DUE_MONTHS = 6
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

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_png_(self) -> bytes:
        return self.png


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
        year = self.focus_year
        rows = self.allocation.filter(pl.col("year") == year)
        if rows.is_empty():
            return ""
        amount, low, high = (int(rows[c].sum()) for c in ("amount_eur", "low_eur", "high_eur"))
        name = md_escape(self.municipality.name)
        if (rows["basis"] == "officieel").all():
            return (
                f"Volgens de officiële opgave ontvangt {name} in {year} {format_eur(amount)} "
                "uit deze stromen."
            )
        note = self.notes.cite_frame(
            self.tables.allocation_assumptions.filter(pl.col("parameter") != "key_applies")
        )
        return (
            f"Voor {name} schatten wij het aandeel in {year} op {format_eur(amount)} "
            f"(bandbreedte {format_eur(low)} – {format_eur(high)}); de officiële bedragen per "
            f"gemeente staan niet in de bronnen.{note}"
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
        lines: list[str] = []
        events = self.tables.timeline
        for row in self.tables.agreements.sort("display_order").iter_rows(named=True):
            note = self.notes.cite_row(row)
            facts = []
            for event_id in row["key_event_ids"]:
                event = events.filter(pl.col("event_id") == event_id).row(0, named=True)
                when = _when(event)
                facts.append(
                    f"{md_escape(event['event'].rstrip('.'))} ({when}){self.notes.cite_row(event)}"
                )
            lines.append(
                f"- **{md_escape(row['full_name'])} ({row['agreement']})** — "
                f"{md_escape(row['description'])}{note} " + "; ".join(facts) + "."
            )
        return "\n".join(lines) + "\n"

    def timeline_figure(self) -> Figure:
        # The same for every municipality without events of its own: drawn once per bundle.
        code = self.municipality.code
        local = code if code in local_timeline_scopes(self.tables) else None
        return self.tables.memoised(
            ("timeline-figure", self.as_of, local), lambda: _figure(self._timeline_chart())
        )

    def _timeline_chart(self) -> alt.TopLevelMixin:
        events = deadlines(
            self.tables,
            as_of=self.as_of,
            municipality=self.municipality.code,
            kinds=TIMELINE_KINDS,
            since=dt.date(2022, 1, 1),
        ).filter(pl.col("date_end") <= dt.date(LAST_YEAR, 12, 31))
        return timeline_chart(
            events, as_of=self.as_of, title=f"Besluiten, deadlines en geld, 2022-{LAST_YEAR}"
        )

    def middelen_national_md(self) -> str:
        years = list(range(self.first_year, LAST_YEAR + 1))
        budget = self.overview.filter((pl.col("kind") == "budget") & pl.col("year").is_in(years))
        rows = []
        for stream in budget["stream"].unique(maintain_order=True).sort().to_list():
            part = budget.filter(pl.col("stream") == stream)
            cells = {"Stroom": md_escape(stream) + self.notes.cite_frame(part)}
            for year in years:
                value = int(part.filter(pl.col("year") == year)["amount_eur"].sum())
                cells[str(year)] = format_eur_mln(value) if value else "–"
            rows.append(cells)
        totals = {"Stroom": "**Totaal**"}
        for year in years:
            value = int(budget.filter(pl.col("year") == year)["amount_eur"].sum())
            totals[str(year)] = f"**{format_eur_mln(value)}**"
        rows.append(totals)
        table = pipe_table(
            pl.DataFrame(rows),
            align=["l", *["r"] * len(years)],
            escape=False,
            widths=[28, *[10] * len(years)],
        )
        cut = self.overview.filter(pl.col("cut_eur") > 0)
        carry = self.overview.filter(pl.col("kind") == "max_meenemen")
        notes = [
            "Per stroom en jaar telt het nieuwste document (vanaf "
            f"{self._newer_basis_year()} de VNG-ledenbrief over het "
            "AZWA); subtotalen tellen niet mee en een bedrag dat een document twee keer noemt, "
            "telt één keer. Bedragen die de bron als structureel noemt, lopen door in latere "
            "jaren.",
        ]
        if cut.height:
            notes.append(
                f"De generieke korting van {format_number(self._cut_rate())} % is door ons "
                "toegepast op "
                f"{format_eur_mln(int(cut['cut_eur'].sum()))} aan bedragen van vóór de "
                f"korting.{self.notes.cite_frame(cut)}"
            )
        for row in carry.iter_rows(named=True):
            notes.append(
                f"Daarnaast mag in {row['year']} maximaal {format_eur_mln(row['amount_eur'])}"
                f" aan niet-bestede middelen uit {row['year'] - 1} worden meegenomen "
                f"(bovengrens, niet in de totalen).{self.notes.cite_row(row)}"
            )
        return table + "\n" + " ".join(notes) + "\n"

    def funding_figure(self) -> Figure:
        # National: the same for every municipality, drawn once per bundle.
        return self.tables.memoised(
            ("funding-figure", self.first_year), lambda: _figure(self._funding_chart())
        )

    def _funding_chart(self) -> alt.TopLevelMixin:
        years = range(self.first_year, LAST_YEAR + 1)
        return funding_chart(
            self.overview.filter(pl.col("year").is_in(list(years))),
            title="Landelijke middelen voor gemeenten per jaar (€ mln)",
        )

    def middelen_local_md(self) -> str:
        name = md_escape(self.municipality.name)
        years = list(range(self.first_year, LAST_YEAR + 1))
        allocation = self.allocation.filter(pl.col("year").is_in(years))
        rows = []
        for year in years:
            part = allocation.filter(pl.col("year") == year)
            if part.is_empty():
                continue
            official = (part["basis"] == "officieel").all()
            rows.append(
                {
                    "Jaar": str(year),
                    "Bedrag": format_eur(int(part["amount_eur"].sum())),
                    "Bandbreedte": "–"
                    if official
                    else f"{format_eur(int(part['low_eur'].sum()))} – "
                    f"{format_eur(int(part['high_eur'].sum()))}",
                    "Basis": "officieel"
                    if official
                    else ("deels officieel" if (part["basis"] == "officieel").any() else "geschat"),
                }
            )
        table = pipe_table(pl.DataFrame(rows), align=["l", "r", "r", "l"], widths=[8, 14, 24, 14])
        assumptions = self.tables.allocation_assumptions
        weights = assumptions.filter(pl.col("parameter") != "key_applies")
        parts = []
        for row in weights.iter_rows(named=True):
            parts.append(
                f"{md_escape(row['description'][0].lower() + row['description'][1:])}: "
                f"{format_number(row['central'] * 100)} % (bandbreedte "
                f"{format_number(row['low'] * 100)}–{format_number(row['high'] * 100)} %)"
                f"{self.notes.cite_row(row)}"
            )
        assumed = assumptions.filter(
            (pl.col("parameter") == "key_applies") & (pl.col("evidence") == "aanname")
        )
        stream_names = dict(self.tables.streams.select("stream_id", "name").iter_rows())
        assumed_names = ", ".join(md_escape(stream_names.get(s, s)) for s in assumed["stream_id"])
        text = (
            "De officiële bedragen per gemeente staan niet in de bronnen. "
            f"De schatting voor {name} "
            "verdeelt de landelijke bedragen met een expliciete verdeelsleutel: inwonertal en "
            "inwoners met gezondheidsachterstanden (inkomen en opleiding, KWB 2021). Aannames: "
            + "; ".join(parts)
            + ". "
            f"Voor {assumed_names} noemen de bronnen geen verdeling; daar is dezelfde sleutel "
            f"aangenomen.{self.notes.cite_frame(assumed)} Het inwonertal "
            f"({format_number(self.municipality.inhabitants)}) heeft een onbevestigde peildatum."
            + self.notes.cite_data(
                "Inwonertal: data/raw/municipalities/gemeenten_2025.csv, kolom "
                "inwoners_onbevestigd (herkomst en peildatum in het .meta.yml-bestand); "
                "inkomen en opleiding: kwb2021_gemeenten.csv (CBS, Kerncijfers wijken en buurten "
                "2021)"
            )
            + " "
            "Een datasteward kan officiële bedragen aanleveren; die vervangen de schatting."
        )
        return table + "\n" + text + "\n"

    def allocation_figure(self) -> Figure:
        return _figure(self._allocation_chart())

    def _allocation_chart(self) -> alt.TopLevelMixin:
        years = list(range(self.first_year, LAST_YEAR + 1))
        return allocation_chart(
            self.allocation.filter(pl.col("year").is_in(years)),
            title=f"{self.municipality.name}: geschat aandeel per jaar met bandbreedte (€ mln)",
        )

    def charts(self) -> tuple[alt.TopLevelMixin, ...]:
        """The Altair charts behind the figures, in document order."""
        return self._timeline_chart(), self._funding_chart(), self._allocation_chart()

    def coverage_md(self) -> str:
        name = md_escape(self.municipality.name)
        matrix = self.coverage
        main = matrix.filter(pl.col("azwa_category") != "ontwikkelagenda 2")
        rows = []
        for row in main.iter_rows(named=True):
            status = row["status_nl"]
            if row["detail"]:
                detail = str(row["detail"])
                status = detail if detail.lower().startswith(status) else f"{status}: {detail}"
            note = ""
            if row["source_document"] is not None:
                local = self.tables.local_status.filter(
                    (pl.col("municipality_code") == self.municipality.code)
                    & (pl.col("intervention_id") == row["intervention_id"])
                ).row(0, named=True)
                note = self.notes.cite_row(local)
            rows.append(
                {
                    "Onderdeel": row["azwa_category"],
                    "Leefgebied": row["leefgebied"] or "alle",
                    "Element": md_escape(row["name"]),
                    "Stand": md_escape(status) + note,
                }
            )
        table = pipe_table(pl.DataFrame(rows), escape=False, widths=[18, 16, 30, 36])
        intro = (
            self.statement("d5_in_elke_gemeente")
            + " "
            + self.statement("d6_structureel")
            + " "
            + self.statement("ontwikkelagenda_1_incidenteel")
            + " "
        )
        if not self.has_local_data:
            intro += (
                f"Voor {name} zijn geen lokale gegevens vastgelegd: de stand is overal "
                "‘onbekend’. Een datasteward kan die aanvullen met het invoersjabloon."
            )
        else:
            known = main.filter(pl.col("status") != "onbekend").height
            intro += (
                f"Van de {main.height} elementen van D5, ontwikkelagenda 1 en D6 is voor "
                f"{name} van {known} de stand bekend uit de brieven; de rest is ‘onbekend’."
            )
        oa2 = matrix.filter(pl.col("azwa_category") == "ontwikkelagenda 2")
        rest = (
            self.statement("ontwikkelagenda_2_open")
            + f" Het gaat om {oa2.height} onderwerpen: "
            + ", ".join(md_escape(n) for n in oa2["name"].to_list())
            + "."
        )
        return intro + "\n\n" + table + "\n" + rest + "\n"

    def risks_md(self) -> str:
        name = md_escape(self.municipality.name)
        if not self.has_local_data:
            return (
                f"Voor {name} zijn geen lokale programma's met hun financiering vastgelegd. "
                "Daarom is niet te zeggen welke programma's hun geld verliezen; dat vraagt een "
                "lokale inventarisatie (het invoersjabloon heeft er een blad voor).\n"
            )
        rows = []
        for row in self.cliffs.iter_rows(named=True):
            local = self.tables.local_status.filter(
                (pl.col("municipality_code") == self.municipality.code)
                & (pl.col("intervention_id") == row["intervention_id"])
            ).row(0, named=True)
            gap = ", ".join(str(y) for y in row["gap_years"]) or "–"
            rows.append(
                {
                    "Programma": md_escape(row["name"]) + self.notes.cite_row(local),
                    "Stand": LOCAL_STATUS_LABELS[row["status"]],
                    "Geld nu": md_escape(row["funding_source"] or "onbekend"),
                    "Laatste jaar": str(row["funding_ends_year"] or "niet genoemd"),
                    "Wat het AZWA doet": md_escape(row["azwa_outcome_nl"])
                    + (
                        f" (overbrugd: {md_escape(row['bridged_by'])})" if row["bridged_by"] else ""
                    ),
                    "Gat": gap,
                    "Risico": row["risk"],
                }
            )
        table = pipe_table(pl.DataFrame(rows), escape=False, widths=[20, 12, 16, 9, 30, 6, 7])
        return (
            "*Risico hoog*: het AZWA regelt geen financiering en het geld stopt; *middel*: "
            "structureel met een gat, of incidenteel tot een besluit; *laag*: structureel "
            "zonder gat.\n\n" + table
        )

    def tijdpad_md(self) -> str:
        due = self.due
        if due.is_empty():
            return "Er zijn geen deadlines voor gemeente of regio in deze periode.\n"
        labels = {
            "verlopen": "verlopen",
            "binnenkort": f"binnen {DUE_MONTHS} maanden",
            "later": "later",
        }
        rows = []
        for row in due.iter_rows(named=True):
            rows.append(
                {
                    "Wanneer": row["when_nl"],
                    "Stand": labels[row["status"]],
                    "Wat": md_escape(row["event"]) + self.notes.cite_row(row),
                    "Wie": md_escape(", ".join(row["actor"])),
                }
            )
        intro = (
            f"Deadlines, besluiten en mijlpalen waarbij gemeente of regio aan zet is, van "
            f"{format_date_nl(self.as_of.replace(year=self.as_of.year - 1))} tot later, "
            f"gezien vanaf {format_date_nl(self.as_of)}. Een deadline in een kwartaal of jaar "
            "is pas verlopen na de laatste dag daarvan.\n\n"
        )
        return intro + pipe_table(pl.DataFrame(rows), escape=False, widths=[12, 12, 58, 18])

    def bronnen_md(self) -> str:
        documents = self.tables.documents
        lines = [
            "Brondocumenten (platte tekst in data/raw/documents/, met herkomst en controlegetal):",
            "",
        ]
        for row in documents.iter_rows(named=True):
            lines.append(
                f"- *{md_escape(row['short_title'])}*: "
                f"{md_escape(row['title'])} — {md_escape(row['producer'])}, "
                f"{md_escape(row['date_published'])} (bestand {md_escape(row['document'])})"
            )
        differ = self.tables.reconciliation.filter(pl.col("status") != "overeenstemming")
        if differ.height:
            lines += ["", "Waar de bronnen van elkaar verschillen (niet gecorrigeerd):", ""]
            for row in differ.iter_rows(named=True):
                lines.append(
                    f"- {md_escape(row['description'])}: {format_eur_mln(row['left_eur'])}"
                    f" tegenover {format_eur_mln(row['right_eur'])} (verschil "
                    f"{format_eur_mln(row['difference_eur'])})."
                )
        lines += ["", "Voetnoten:", "", self.notes.definitions()]
        return "\n".join(lines) + "\n"


def _when(event: dict[str, object]) -> str:
    from azwa_analysis._periods import format_period_nl

    return format_period_nl(event["date"], str(event["precision"]))  # type: ignore[arg-type]


def _figure(chart: alt.TopLevelMixin) -> Figure:
    svg, png = chart_images(chart)
    return Figure(svg=svg, png=png)


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
