"""The briefing's tables and lists, as markdown from the clean tables; each function takes the
:class:`~azwa_analysis.report._briefing.Briefing` it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from azwa_analysis._format import (
    format_eur_estimate,
    format_eur_exact,
    format_eur_mln,
    format_number,
)
from azwa_analysis._periods import HORIZON, format_period_nl
from azwa_analysis._vocab import LOCAL_STATUS_LABELS
from azwa_analysis.report._markdown import Citation, TableSources, md_escape, pipe_table

if TYPE_CHECKING:
    from azwa_analysis.report._briefing import Briefing

#: Years shown in the briefing's money tables: from the year before the as-of date to this.
LAST_YEAR = HORIZON

RISK_LABELS = {"hoog": "**hoog**", "middel": "middel", "laag": "laag", "onbekend": "onbekend"}
STATUS_LABELS = {"net voorbij": "net voorbij", "loopt": "loopt", "komt": "komt"}


def when_nl(event: dict[str, object]) -> str:
    return format_period_nl(event["date"], str(event["precision"]))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- money


def money_md(briefing: Briefing) -> str:
    """What the municipality and its IZA region receive per year: official or estimated."""
    name = md_escape(briefing.municipality.name)
    years = list(range(briefing.first_year, LAST_YEAR + 1))
    allocation = briefing.allocation.filter(pl.col("year").is_in(years))
    region = briefing.region
    region_header = (
        f"Regio {md_escape(region['region'])}, via {md_escape(region['mandate_holder'])}"
        if region
        else "Regio, via de mandaatgemeente"
    )
    sources = briefing.notes.table()
    rows = []
    for year in years:
        part = allocation.filter(pl.col("year") == year)
        own = part.filter(pl.col("recipient") == "gemeente")
        regional = part.filter(pl.col("recipient") == "regio")
        if part.is_empty():
            continue
        streams = part.sort("recipient")["stream"].unique(maintain_order=True).to_list()
        rows.append(
            {
                "Jaar": str(year),
                f"{name} zelf": _amount_cell(briefing, own, sources),
                region_header: _amount_cell(briefing, regional, sources),
                "Uit": md_escape(", ".join(streams)),
            }
        )
    table = pipe_table(
        pl.DataFrame(rows), align=["l", "r", "r", "l"], widths=[6, 24, 24, 40], escape=False
    )
    sourced = briefing.tables.allocation_keys.filter(pl.col("evidence") == "bron")
    notes = [
        "Een schatting volgt de verdeelsleutel die VWS vooralsnog aanhoudt: het aandeel van de "
        "gemeente in de brede SPUK en van de regio in de SPUK IZA"
        f"{briefing.notes.cite_frame(sourced)}; tussen haakjes de bandbreedte (bijlage A)."
    ]
    if region:
        notes.append(
            f"{name} hoort bij de IZA-regio {md_escape(region['region'])}"
            f"{briefing.region_note()}; het regionale geld gaat naar de mandaatgemeente "
            f"{md_escape(region['mandate_holder'])} voor de hele regio, niet naar {name} alleen."
        )
    else:
        notes.append(
            f"Bij welke IZA-regio {name} hoort, staat niet in de bronnen; daarom ontbreekt het "
            "regionale bedrag. Een datasteward kan de regio aanleveren (blad ‘IZA-regio’ van het "
            "invoersjabloon)."
        )
    return table + "\n" + sources.md() + "\n" + " ".join(notes) + "\n"


def _amount_cell(briefing: Briefing, rows: pl.DataFrame, sources: TableSources) -> str:
    if rows.is_empty():
        return "–"
    amount = int(rows["amount_eur"].sum())
    if (rows["basis"] == "officieel").all():
        mark = sources.mark_frame(briefing.official_sources(rows))
        return f"{format_eur_exact(amount)} (officieel){mark}"
    low, high = int(rows["low_eur"].sum()), int(rows["high_eur"].sum())
    estimate = f"ca. {format_eur_estimate(amount)}"
    low_text, high_text = format_eur_estimate(low), format_eur_estimate(high)
    if low_text == high_text:
        return estimate
    return f"{estimate} ({_bare(low_text)}–{_bare(high_text)})"


def _bare(amount: str) -> str:
    return amount.removeprefix("€ ").removesuffix(" mln")


# ----------------------------------------------------------------------------- programmes


def programmes_md(briefing: Briefing) -> str:
    name = md_escape(briefing.municipality.name)
    cliffs = briefing.cliffs
    if cliffs.is_empty():
        return (
            f"Voor {name} zijn geen lokale programma's met hun geld vastgelegd. Daarom is niet "
            "te zeggen welke programma's hun geld verliezen; dat vraagt een lokale "
            "inventarisatie (het blad ‘Lokale stand’ van het invoersjabloon).\n"
        )
    successors = briefing.tables.stream_successors.with_columns(
        pl.concat_str("stream_id", pl.lit(">"), "successor_stream_id").alias("link")
    )
    sources = briefing.notes.table()
    rows = []
    for row in cliffs.iter_rows(named=True):
        title = md_escape(row["name"]) + sources.mark_row(_local(briefing, row))
        if row["parts"]:
            title += " (" + ", ".join(md_escape(p) for p in row["parts"]) + ")"
        links = successors.filter(pl.col("link").is_in(row["links"]))
        reason = md_escape(row["reason_nl"])
        rows.append(
            {
                "Programma": title,
                "Stand": LOCAL_STATUS_LABELS[row["status"]],
                "Geld nu en daarna": reason[:1].upper()
                + reason[1:]
                + "."
                + sources.mark_frame(links),
                "Risico": RISK_LABELS[row["risk"]],
            }
        )
    table = pipe_table(pl.DataFrame(rows), escape=False, widths=[24, 12, 54, 10])
    return table + "\n" + sources.md()


# ----------------------------------------------------------------------------- duties


def duties_md(briefing: Briefing) -> str:
    name = md_escape(briefing.municipality.name)
    matrix = briefing.duties
    intro = (
        briefing.statement("d5_in_elke_gemeente")
        + " "
        + briefing.statement("ontwikkelagenda_1_incidenteel")
    )
    d5 = matrix.filter(
        pl.col("azwa_category").is_in(["D5 basisfunctionaliteit", "D5 ontwikkelagenda 1"])
    )
    sources = briefing.notes.table()
    rows = []
    for row in d5.iter_rows(named=True):
        rows.append(
            {
                "Element": md_escape(row["name"]),
                "Soort": "basisfunctionaliteit"
                if row["azwa_category"] == "D5 basisfunctionaliteit"
                else "ontwikkelagenda 1",
                "Leefgebied": md_escape(row["leefgebied"] or "–"),
                f"Stand in {name}": _status(briefing, row, sources),
            }
        )
    table = pipe_table(pl.DataFrame(rows), escape=False, widths=[30, 18, 18, 34])
    d6 = matrix.filter(pl.col("azwa_category") == "D6 basisinfrastructuur")
    d6_known = d6.filter(pl.col("status") != "onbekend")
    d6_text = (
        briefing.statement("d6_structureel")
        + f" De basisinfrastructuur (D6) telt {d6.height} onderdelen: "
        + ", ".join(md_escape(n) for n in d6["name"].to_list())
        + "."
    )
    if d6_known.height:
        d6_text += f" Van {d6_known.height} is de stand in {name} bekend: " + "; ".join(
            f"{md_escape(r['name'])}: {_status(briefing, r)}"
            for r in d6_known.iter_rows(named=True)
        )
        d6_text += "."
    else:
        d6_text += f" Van geen ervan is de stand in {name} vastgelegd."
    oa2 = matrix.filter(pl.col("azwa_category") == "ontwikkelagenda 2")
    oa2_text = (
        briefing.statement("ontwikkelagenda_2_open")
        + f" Het gaat om {oa2.height} onderwerpen, zoals "
        + ", ".join(md_escape(n) for n in oa2["name"].to_list()[:4])
        + "."
    )
    return intro + "\n\n" + table + "\n" + sources.md() + "\n" + d6_text + "\n\n" + oa2_text + "\n"


def _status(briefing: Briefing, row: dict[str, object], sources: TableSources | None = None) -> str:
    """The local status of one element, with its source: a mark in a table (``sources``),
    else a footnote."""
    status = str(row["status_nl"])
    if row["detail"]:
        detail = md_escape(str(row["detail"]))
        status = detail if detail.lower().startswith(status) else f"{status}: {detail}"
    if row["source_document"] is None:
        return status
    local = _local(briefing, row)
    return status + (sources.mark_row(local) if sources else briefing.notes.cite_row(local))


def _local(briefing: Briefing, row: dict[str, object]) -> dict[str, object]:
    """The municipality's local-status row for ``row``'s intervention (its source)."""
    return briefing.tables.local_status.filter(
        (pl.col("municipality_code") == briefing.municipality.code)
        & (pl.col("intervention_id") == row["intervention_id"])
    ).row(0, named=True)


# ----------------------------------------------------------------------------- time


def agenda_md(briefing: Briefing) -> str:
    steps = briefing.agenda
    if steps.is_empty():
        return "In deze periode staan er in de bronnen geen stappen voor gemeente of regio.\n"
    sources = briefing.notes.table()
    rows = []
    for row in steps.iter_rows(named=True):
        rows.append(
            {
                "Wanneer": row["when_nl"],
                "Wat": md_escape(row["event"])
                + sources.mark(briefing.step_sources(row["event_ids"])),
                "Wie": md_escape(", ".join(row["actor"])),
                "Stand": STATUS_LABELS[row["status"]],
            }
        )
    table = pipe_table(pl.DataFrame(rows), escape=False, widths=[14, 58, 16, 12])
    return table + "\n" + sources.md()


# ----------------------------------------------------------------------------- background


def context_md(briefing: Briefing) -> str:
    lines: list[str] = []
    events = briefing.tables.timeline
    for row in briefing.tables.agreements.sort("display_order").iter_rows(named=True):
        facts = []
        for event_id in row["key_event_ids"]:
            event = events.filter(pl.col("event_id") == event_id).row(0, named=True)
            facts.append(
                f"{md_escape(event['event'].rstrip('.'))} ({when_nl(event)})"
                f"{briefing.notes.cite_row(event)}"
            )
        lines.append(
            f"- **{md_escape(row['full_name'])} ({row['agreement']}).** "
            f"{md_escape(row['description'])}{briefing.notes.cite_row(row)} "
            + "; ".join(facts)
            + "."
        )
    return "\n".join(lines) + "\n"


def national_md(briefing: Briefing) -> str:
    # The table is the same for every municipality (its marks are numbered per table): built
    # once per bundle, its sources listed again for each briefing's appendix.
    table, citations = briefing.tables.memoised(
        ("national-table", briefing.as_of), lambda: _national_table(briefing)
    )
    briefing.notes.listed(citations)
    return table + "\n" + " ".join(_national_notes(briefing)) + "\n"


def _national_table(briefing: Briefing) -> tuple[str, tuple[Citation, ...]]:
    years = list(range(briefing.first_year, LAST_YEAR + 1))
    budget = briefing.overview.filter((pl.col("kind") == "budget") & pl.col("year").is_in(years))
    sources = briefing.notes.table()
    rows = []
    for stream in budget["stream"].unique(maintain_order=True).sort().to_list():
        part = budget.filter(pl.col("stream") == stream)
        cells = {"Stroom": md_escape(stream) + sources.mark_frame(part)}
        for year in years:
            value = int(part.filter(pl.col("year") == year)["amount_eur"].sum())
            cells[str(year)] = _mln(value) if value else "–"
        rows.append(cells)
    totals = {"Stroom": "**Totaal (€ mln)**"}
    for year in years:
        value = int(budget.filter(pl.col("year") == year)["amount_eur"].sum())
        totals[str(year)] = f"**{_mln(value)}**"
    rows.append(totals)
    table = pipe_table(
        pl.DataFrame(rows).rename({"Stroom": "Stroom (€ mln)"}),
        align=["l", *["r"] * len(years)],
        escape=False,
        widths=[34, *[11] * len(years)],
    )
    return table + "\n" + sources.md(), sources.citations()


def _national_notes(briefing: Briefing) -> list[str]:
    cut = briefing.overview.filter(pl.col("cut_eur") > 0)
    carry = briefing.overview.filter(pl.col("kind") == "max_meenemen")
    notes = [
        "Bedragen in miljoenen euro's. Per stroom en jaar telt het nieuwste document; een bedrag "
        "dat binnen een ander bedrag valt, telt niet apart mee."
    ]
    if cut.height:
        rate = briefing.tables.funding_rules.filter(pl.col("kind") == "generic_cut")[
            "rate_percent"
        ].max()
        notes.append(
            f"De generieke korting van {format_number(float(rate))} % is door ons toegepast op "  # type: ignore[arg-type]
            f"{format_eur_mln(int(cut['cut_eur'].sum()))} aan bedragen van vóór de korting"
            f"{briefing.notes.cite_frame(cut)}."
        )
    for row in carry.iter_rows(named=True):
        notes.append(
            f"In {row['year']} mag daarnaast maximaal {format_eur_mln(row['amount_eur'])} uit "
            f"{row['year'] - 1} worden meegenomen (niet in de totalen)"
            f"{briefing.notes.cite_row(row)}."
        )
    return notes


def _mln(amount: int) -> str:
    return format_number(amount / 1_000_000, decimals=1)
