"""The briefing's sections after the key message, as markdown from the clean tables; each
function takes the :class:`~azwa_analysis.report._briefing.Briefing` it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from azwa_analysis._format import format_eur, format_eur_mln, format_number
from azwa_analysis._periods import format_date_nl
from azwa_analysis._vocab import LOCAL_STATUS_LABELS
from azwa_analysis.analysis import calibrate_key
from azwa_analysis.report._markdown import md_escape, pipe_table

if TYPE_CHECKING:
    from azwa_analysis.report._briefing import Briefing

#: Years shown in the briefing's money tables: from the year before the as-of date to this.
LAST_YEAR = 2030


DUE_ACTORS = ("gemeente", "regio")


DUE_KINDS = ("deadline", "milestone", "decision")


DUE_MONTHS = 6


def when_nl(event: dict[str, object]) -> str:
    from azwa_analysis._periods import format_period_nl

    return format_period_nl(event["date"], str(event["precision"]))  # type: ignore[arg-type]


def context_md(briefing: Briefing) -> str:
    lines: list[str] = []
    events = briefing.tables.timeline
    for row in briefing.tables.agreements.sort("display_order").iter_rows(named=True):
        note = briefing.notes.cite_row(row)
        facts = []
        for event_id in row["key_event_ids"]:
            event = events.filter(pl.col("event_id") == event_id).row(0, named=True)
            when = when_nl(event)
            facts.append(
                f"{md_escape(event['event'].rstrip('.'))} ({when}){briefing.notes.cite_row(event)}"
            )
        lines.append(
            f"- **{md_escape(row['full_name'])} ({row['agreement']})** — "
            f"{md_escape(row['description'])}{note} " + "; ".join(facts) + "."
        )
    return "\n".join(lines) + "\n"


def middelen_national_md(briefing: Briefing) -> str:
    years = list(range(briefing.first_year, LAST_YEAR + 1))
    budget = briefing.overview.filter((pl.col("kind") == "budget") & pl.col("year").is_in(years))
    rows = []
    for stream in budget["stream"].unique(maintain_order=True).sort().to_list():
        part = budget.filter(pl.col("stream") == stream)
        cells = {"Stroom": md_escape(stream) + briefing.notes.cite_frame(part)}
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
    cut = briefing.overview.filter(pl.col("cut_eur") > 0)
    carry = briefing.overview.filter(pl.col("kind") == "max_meenemen")
    notes = [
        "Per stroom en jaar telt het nieuwste document (vanaf "
        f"{briefing._newer_basis_year()} de VNG-ledenbrief over het "
        "AZWA); subtotalen tellen niet mee en een bedrag dat een document twee keer noemt, "
        "telt één keer. Bedragen die de bron als structureel noemt, lopen door in latere "
        "jaren.",
    ]
    if cut.height:
        notes.append(
            f"De generieke korting van {format_number(briefing._cut_rate())} % is door ons "
            "toegepast op "
            f"{format_eur_mln(int(cut['cut_eur'].sum()))} aan bedragen van vóór de "
            f"korting.{briefing.notes.cite_frame(cut)}"
        )
    for row in carry.iter_rows(named=True):
        notes.append(
            f"Daarnaast mag in {row['year']} maximaal {format_eur_mln(row['amount_eur'])}"
            f" aan niet-bestede middelen uit {row['year'] - 1} worden meegenomen "
            f"(bovengrens, niet in de totalen).{briefing.notes.cite_row(row)}"
        )
    return table + "\n" + " ".join(notes) + "\n"


def middelen_local_md(briefing: Briefing) -> str:
    name = md_escape(briefing.municipality.name)
    years = list(range(briefing.first_year, LAST_YEAR + 1))
    allocation = briefing.allocation.filter(pl.col("year").is_in(years))
    own = allocation.filter(pl.col("recipient") == "gemeente")
    regional = allocation.filter(pl.col("recipient") == "regio")
    rows = []
    for year in years:
        part = own.filter(pl.col("year") == year)
        region = regional.filter(pl.col("year") == year)
        if part.is_empty() and region.is_empty():
            continue
        rows.append(
            {
                "Jaar": str(year),
                f"{name} zelf": _amount_cell(briefing, part),
                "Regio, via de mandaatgemeente": _amount_cell(briefing, region),
            }
        )
    table = pipe_table(pl.DataFrame(rows), align=["l", "r", "r"], widths=[8, 40, 40], escape=False)
    key = calibrate_key(briefing.tables)
    region_rows = regional.unique("region_id")
    if region_rows.height:
        first = region_rows.row(0, named=True)
        region_text = (
            f"{name} hoort bij de IZA-regio {md_escape(first['region'])}; de SPUK IZA en het "
            f"regionale deel van de SPUK AZWA gaan naar de mandaatgemeente "
            f"{md_escape(first['mandate_holder'])} voor de hele regio, niet naar {name} alleen"
            + briefing.notes.cite_frame(
                briefing.tables.region_members.filter(
                    pl.col("municipality_code") == briefing.municipality.code
                )
            )
            + "."
        )
    else:
        region_text = (
            f"Bij welke IZA-regio {name} hoort, staat niet in de bronnen; daarom ontbreekt het "
            "regionale bedrag. Een datasteward kan de regio aanleveren."
        )
    sourced_keys = briefing.tables.allocation_keys.filter(pl.col("evidence") == "bron")
    text = (
        "Officieel zijn de bedragen die VWS per gemeente en per regio heeft bekendgemaakt; "
        "voor de jaren zonder officieel bedrag schatten wij het aandeel met de verdeelsleutel die "
        "VWS vooralsnog aanhoudt: het aandeel van de gemeente in de brede SPUK, en van de regio "
        f"in de SPUK IZA{briefing.notes.cite_frame(sourced_keys)}. "
        "De bandbreedte loopt tot wat een sleutel op inwoners, lage inkomens en lage opleiding "
        f"geeft, geijkt op de officiële bedragen {key.basis_year}: die wijkt per gemeente "
        f"mediaan {format_number(round(key.median_error * 100, 1))} % af van het officiële bedrag "
        f"(90 % van de gemeenten binnen {format_number(round(key.p90_error * 100, 1))} %). "
        + region_text
    )
    return table + "\n" + text + "\n"


def _amount_cell(briefing: Briefing, rows: pl.DataFrame) -> str:
    if rows.is_empty():
        return "–"
    amount = int(rows["amount_eur"].sum())
    if (rows["basis"] == "officieel").all():
        return f"{format_eur(amount)} (officieel){briefing.official_note(rows)}"
    low, high = int(rows["low_eur"].sum()), int(rows["high_eur"].sum())
    if low == high:
        return f"{format_eur(amount)} (geschat)"
    return f"{format_eur(amount)} (geschat; {format_eur(low)} – {format_eur(high)})"


def coverage_md(briefing: Briefing) -> str:
    name = md_escape(briefing.municipality.name)
    matrix = briefing.coverage
    main = matrix.filter(pl.col("azwa_category") != "ontwikkelagenda 2")
    rows = []
    for row in main.iter_rows(named=True):
        status = row["status_nl"]
        if row["detail"]:
            detail = str(row["detail"])
            status = detail if detail.lower().startswith(status) else f"{status}: {detail}"
        note = ""
        if row["source_document"] is not None:
            local = briefing.tables.local_status.filter(
                (pl.col("municipality_code") == briefing.municipality.code)
                & (pl.col("intervention_id") == row["intervention_id"])
            ).row(0, named=True)
            note = briefing.notes.cite_row(local)
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
        briefing.statement("d5_in_elke_gemeente")
        + " "
        + briefing.statement("d6_structureel")
        + " "
        + briefing.statement("ontwikkelagenda_1_incidenteel")
        + " "
    )
    if not briefing.has_local_data:
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
        briefing.statement("ontwikkelagenda_2_open")
        + f" Het gaat om {oa2.height} onderwerpen: "
        + ", ".join(md_escape(n) for n in oa2["name"].to_list())
        + "."
    )
    return intro + "\n\n" + table + "\n" + rest + "\n"


def risks_md(briefing: Briefing) -> str:
    name = md_escape(briefing.municipality.name)
    if not briefing.has_local_data:
        return (
            f"Voor {name} zijn geen lokale programma's met hun financiering vastgelegd. "
            "Daarom is niet te zeggen welke programma's hun geld verliezen; dat vraagt een "
            "lokale inventarisatie (het invoersjabloon heeft er een blad voor).\n"
        )
    rows = []
    for row in briefing.cliffs.iter_rows(named=True):
        local = briefing.tables.local_status.filter(
            (pl.col("municipality_code") == briefing.municipality.code)
            & (pl.col("intervention_id") == row["intervention_id"])
        ).row(0, named=True)
        gap = ", ".join(str(y) for y in row["gap_years"]) or "–"
        rows.append(
            {
                "Programma": md_escape(row["name"]) + briefing.notes.cite_row(local),
                "Stand": LOCAL_STATUS_LABELS[row["status"]],
                "Geld nu": md_escape(row["funding_source"] or "onbekend"),
                "Laatste jaar": str(row["funding_ends_year"] or "niet genoemd"),
                "Wat het AZWA doet": md_escape(row["azwa_outcome_nl"])
                + (f" (overbrugd: {md_escape(row['bridged_by'])})" if row["bridged_by"] else ""),
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


def tijdpad_md(briefing: Briefing) -> str:
    due = briefing.due
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
                "Wat": md_escape(row["event"]) + briefing.notes.cite_row(row),
                "Wie": md_escape(", ".join(row["actor"])),
            }
        )
    intro = (
        f"Deadlines, besluiten en mijlpalen waarbij gemeente of regio aan zet is, van "
        f"{format_date_nl(briefing.as_of.replace(year=briefing.as_of.year - 1))} tot later, "
        f"gezien vanaf {format_date_nl(briefing.as_of)}. Een deadline in een kwartaal of jaar "
        "is pas verlopen na de laatste dag daarvan.\n\n"
    )
    return intro + pipe_table(pl.DataFrame(rows), escape=False, widths=[12, 12, 58, 18])


def bronnen_md(briefing: Briefing) -> str:
    documents = briefing.tables.documents
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
    differ = briefing.tables.reconciliation.filter(pl.col("status") != "overeenstemming")
    if differ.height:
        lines += ["", "Waar de bronnen van elkaar verschillen (niet gecorrigeerd):", ""]
        for row in differ.iter_rows(named=True):
            lines.append(
                f"- {md_escape(row['description'])}: {format_eur_mln(row['left_eur'])}"
                f" tegenover {format_eur_mln(row['right_eur'])} (verschil "
                f"{format_eur_mln(row['difference_eur'])})."
            )
    lines += ["", "Voetnoten:", "", briefing.notes.definitions()]
    return "\n".join(lines) + "\n"
