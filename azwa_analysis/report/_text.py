"""The values the briefing's text uses (``t.…`` in ``reports/briefing.qmd``): names, dates,
amounts and the sentences that depend on the data, each with its footnote. The fixed wording
is in the Quarto document; what is here changes with the municipality and the date."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import polars as pl

from azwa_analysis._format import format_eur_estimate, format_eur_exact, format_number
from azwa_analysis._periods import format_date_nl
from azwa_analysis._tables import package_version
from azwa_analysis.analysis import calibrate_key
from azwa_analysis.report._inline import Markdown
from azwa_analysis.report._markdown import Citation, md_escape, tidy

if TYPE_CHECKING:
    from azwa_analysis.report._briefing import Briefing

#: The parts an adviser writes (steward sheet 'Toelichting adviseur'), with what the briefing
#: says when one is missing.
ADVISER_MISSING = {
    "aanleiding": "De lokale aanleiding is nog niet ingevuld.",
    "standpunt": "Het standpunt van het college is nog niet ingevuld.",
    "vervolg": "De vervolgstappen van het college zijn nog niet ingevuld.",
    "raad": "Of de raad iets wordt gevraagd, is nog niet ingevuld.",
}
HOW_TO_FILL = (
    "De beleidsadviseur vult dit aan via het blad ‘Toelichting adviseur’ van het invoersjabloon."
)


#: How the key message counts programmes per risk, most urgent first.
RISK_PHRASES = {
    "hoog": "{n} een hoog risico dat het geld stopt",
    "middel": "{n} een middelgroot risico",
    "laag": "{n} een laag risico",
    "onbekend": "{n} een onbekend risico (de bronnen noemen geen geld)",
}


class BriefingText:
    """The data-dependent pieces of the briefing's text, as plain strings (Quarto escapes
    them) or :class:`Markdown` (with footnotes)."""

    def __init__(self, briefing: Briefing):
        self.b = briefing

    def _md(self, text: str) -> Markdown:
        self.b.written.append(text)
        return Markdown(tidy(text))

    # ----------------------------------------------------------------- names and dates

    @cached_property
    def gemeente(self) -> str:
        return self.b.municipality.name

    @cached_property
    def peildatum(self) -> str:
        return format_date_nl(self.b.as_of)

    @cached_property
    def regio(self) -> Markdown:
        m = self.b.tables.municipalities.filter(
            pl.col("municipality_code") == self.b.municipality.code
        ).row(0, named=True)
        parts = [
            md_escape(m["ggd_region_name"]),
            f"zorgkantoorregio {md_escape(m['zorgkantoor_region_name'])}",
        ]
        region = self.b.region
        if region is not None:
            parts.append(
                f"IZA-regio {md_escape(region['region'])} (mandaatgemeente "
                f"{md_escape(region['mandate_holder'])}){self.b.region_note()}"
            )
        else:
            parts.append("IZA-regio niet bekend uit de bronnen")
        return self._md(" · ".join(parts))

    @cached_property
    def agenda_vanaf(self) -> str:
        return format_date_nl(self.b.agenda_window[0])

    @cached_property
    def agenda_tot(self) -> str:
        return format_date_nl(self.b.agenda_window[1])

    # ----------------------------------------------------------------- aanleiding

    @cached_property
    def aanleiding_landelijk(self) -> Markdown:
        agenda = self.b.agenda
        past = agenda.filter(pl.col("status") == "net voorbij")
        ahead = self.b.next_steps
        sentences = []
        if past.height:
            sentences.append(self._step("Net voorbij is deze stap", past.row(-1, named=True)))
        if ahead.height:
            sentences.append(self._step("Wat nu komt", ahead.row(0, named=True)))
        return self._md(" ".join(sentences))

    def _step(self, lead: str, row: dict[str, object]) -> str:
        sources = self.b.step_sources(row["event_ids"])  # type: ignore[arg-type]
        return (
            f"{lead}: {_lower(str(row['event']))} ({row['when_nl']}){self.b.notes.cite(sources)}."
        )

    @cached_property
    def aanleiding_lokaal(self) -> Markdown:
        return self._adviser("aanleiding")

    @cached_property
    def standpunt(self) -> Markdown:
        return self._adviser("standpunt", inline=True)

    @cached_property
    def vervolg(self) -> Markdown:
        return self._adviser("vervolg")

    @cached_property
    def vraag_aan_de_raad(self) -> Markdown:
        return self._adviser("raad")

    def _adviser(self, part: str, *, inline: bool = False) -> Markdown:
        row = self.b.adviser_text(part)
        if row is None:
            return self._md(f"*{ADVISER_MISSING[part]} {HOW_TO_FILL}*")
        paragraphs = [md_escape(p) for p in str(row["text"]).split("\n\n") if p.strip()]
        joiner = " " if inline else "\n\n"
        note = self.b.notes.cite(
            [
                Citation(
                    str(row["source_document"]),
                    str(row["source_location"]),
                    f"{row['author']}, aangeleverd door {row['supplied_by']}",
                )
            ]
        )
        credit = f"*({md_escape(row['author'])}, {format_date_nl(row['written_on'])}){note}*"
        return self._md(joiner.join(paragraphs) + " " + credit)

    # ----------------------------------------------------------------- kernboodschap

    @cached_property
    def kern_geld(self) -> Markdown:
        b, name = self.b, md_escape(self.gemeente)
        own = b.allocation.filter(pl.col("recipient") == "gemeente")
        official = own.filter(pl.col("basis") == "officieel")
        sentences = []
        if official.height:
            year = int(official["year"].max())  # type: ignore[arg-type]
            rows = official.filter(pl.col("year") == year)
            exact = format_eur_exact(int(rows["amount_eur"].sum()))
            sentences.append(
                f"{name} ontvangt in {year} officieel {exact} uit de brede SPUK"
                f"{b.official_note(rows)}."
            )
        later = own.filter((pl.col("basis") == "geschat") & (pl.col("year") > b.as_of.year))
        if later.height:
            year = int(later["year"].min())  # type: ignore[arg-type]
            rows = later.filter(pl.col("year") == year)
            sentences.append(
                f"Voor {year} schatten wij het deel van {name} op "
                f"{format_eur_estimate(int(rows['amount_eur'].sum()))}, vooral uit de nieuwe "
                f"SPUK AZWA{b.notes.cite_frame(b.key_rules(rows))}."
            )
        region = b.allocation.filter(
            (pl.col("recipient") == "regio") & (pl.col("year") == b.focus_year)
        )
        if region.height:
            first = region.row(0, named=True)
            amount = int(region["amount_eur"].sum())
            official_region = (region["basis"] == "officieel").all()
            shown = (
                f"officieel {format_eur_exact(amount)}{b.official_note(region)}"
                if official_region
                else f"naar schatting {format_eur_estimate(amount)}"
            )
            sentences.append(
                f"De IZA-regio {md_escape(first['region'])} krijgt in {b.focus_year} {shown} "
                f"via de mandaatgemeente {md_escape(first['mandate_holder'])}."
            )
        return self._md(" ".join(sentences))

    @cached_property
    def kern_programmas(self) -> Markdown:
        b, name = self.b, md_escape(self.gemeente)
        cliffs = b.cliffs
        if cliffs.is_empty():
            return self._md(
                f"Welke lokale programma's van {name} hun geld verliezen, is niet vastgelegd; "
                "dat vraagt een lokale inventarisatie (het invoersjabloon heeft er een blad "
                "voor)."
            )
        count = {r: cliffs.filter(pl.col("risk") == r).height for r in RISK_PHRASES}
        phrases = [
            phrase.format(n=count[risk]) for risk, phrase in RISK_PHRASES.items() if count[risk]
        ]
        high = cliffs.filter(pl.col("risk") == "hoog")["name"].to_list()
        if high:
            phrases[0] += ": " + ", ".join(md_escape(n) for n in high)
        text = (
            f"Van de {cliffs.height} lokale programma's die de bronnen noemen, hebben er "
            + _join(phrases)
            + "."
        )
        return self._md(text + b.notes.cite_frame(cliffs))

    @cached_property
    def _d5(self) -> pl.DataFrame:
        return self.b.duties.filter(pl.col("azwa_category") == "D5 basisfunctionaliteit")

    @cached_property
    def aantal_d5(self) -> int:
        return self._d5.height

    @cached_property
    def d5_bron(self) -> Markdown:
        return self._md(self.b.statement_note("d5_in_elke_gemeente"))

    @cached_property
    def d6_bron(self) -> Markdown:
        return self._md(self.b.statement_note("d6_structureel"))

    @cached_property
    def kern_taken(self) -> Markdown:
        name = md_escape(self.gemeente)
        d5 = self._d5
        known = d5.filter(pl.col("status") != "onbekend").height
        if not known:
            return self._md(
                f"Hoe ver {name} daarmee is, staat in geen bron; dat vraagt een lokale "
                "inventarisatie."
            )
        return self._md(f"Van {known} van deze {d5.height} is de stand in {name} bekend.")

    @cached_property
    def kern_vervolg(self) -> Markdown:
        ahead = self.b.next_steps
        if ahead.is_empty():
            return self._md("In de bronnen staan geen volgende stappen voor gemeente en regio.")
        row = ahead.row(0, named=True)
        return self._md(
            f"{_upper(row['event'])} ({row['when_nl']}; aan zet: "
            f"{md_escape(', '.join(row['actor']))})"
            f"{self.b.notes.cite(self.b.step_sources(row['event_ids']))}."
        )

    # ----------------------------------------------------------------- method and colophon

    @cached_property
    def _key(self) -> object:
        return calibrate_key(self.b.tables)

    @cached_property
    def sleutel_jaar(self) -> int:
        return int(self._key.basis_year)  # type: ignore[attr-defined]

    @cached_property
    def sleutel_mediaan(self) -> str:
        return f"{format_number(round(self._key.median_error * 100, 1), decimals=1)} %"  # type: ignore[attr-defined]

    @cached_property
    def sleutel_p90(self) -> str:
        return f"{format_number(round(self._key.p90_error * 100, 1), decimals=1)} %"  # type: ignore[attr-defined]

    @cached_property
    def versie(self) -> str:
        return package_version()

    @cached_property
    def build(self) -> str:
        return self.b.tables.fingerprint[:12]

    @cached_property
    def aanleveringen(self) -> Markdown:
        used = self.b.submissions()
        if not used:
            return self._md("Voor deze gemeente is niets van een datasteward gebruikt.")
        items = "; ".join(
            f"{md_escape(kind)} van {format_date_nl(day)} (door {md_escape(who)})"
            for kind, day, who in used
        )
        return self._md(f"Gebruikte aanleveringen voor deze gemeente: {items}.")


def _join(phrases: list[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return "; ".join(phrases[:-1]) + " en " + phrases[-1]


def _lower(text: str) -> str:
    text = md_escape(str(text).rstrip("."))
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _upper(text: str) -> str:
    text = md_escape(str(text).rstrip("."))
    return text[:1].upper() + text[1:]
