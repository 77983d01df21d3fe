"""Which of our programmes lose their money, and what takes over? Continuity per funding stream.

The rule (also in the briefing's method appendix):

1. The parts of one programme (``programme_parts``) that share the programme's money are judged
   as that programme; a part with money of its own keeps its own row.
2. The money a programme has now runs to its last year: the year the municipality's letter
   gives, or else the last year the stream pays (``stream_successors.last_year``).
3. What takes over comes from ``stream_successors``: the successor of the stream that pays for
   this kind of programme (an AZWA category, the intervention itself, or ``alle``), followed
   from successor to successor up to the horizon. A D5, D6 or ontwikkelagenda-1 programme is
   paid by the AZWA from the first year of the SPUK AZWA whatever its money is now.
4. Years between the end of one source and the start of the next are gap years, less the years
   a stream earmarked for the programme covers (``stream_targets``).
5. Risk *laag*: money without a gap to a successor that pays for this kind of programme, up to
   structural AZWA money. *middel*: a gap; ontwikkelagenda 1 (incidental until a decision); a
   successor that pays only if the programme fits the regional werkagenda; or *laag* where the
   municipality's own letter makes a caveat about structural money (``local_caveats``).
   *hoog*: the money stops within the horizon and nothing takes over. *onbekend*: the sources
   name no money and no end, and the AZWA does not cover the programme.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from azwa_analysis._periods import HORIZON
from azwa_analysis._tables import Tables
from azwa_analysis.analysis._funding_overview import funding_overview
from azwa_analysis.analysis._municipality import resolve_municipality
from azwa_analysis.schemas import FundingCliffSchema

#: What the AZWA does for an intervention, by its AZWA category (D5/D6 lists of the agreement).
OUTCOMES: dict[str, tuple[str, str]] = {
    "D5 basisfunctionaliteit": (
        "structureel_d5",
        "wordt structureel gefinancierd als D5-basisfunctionaliteit (verplicht in elke gemeente)",
    ),
    "D6 basisinfrastructuur": (
        "structureel_d6",
        "valt onder de D6-basisinfrastructuur, waarvoor structurele financiering komt",
    ),
    "D5 ontwikkelagenda 1": (
        "incidenteel_ontwikkelagenda_1",
        "staat op ontwikkelagenda 1: incidenteel gefinancierd tot het besluit over vaststelling "
        "als basisfunctionaliteit",
    ),
    "ontwikkelagenda 2": (
        "ontwikkelagenda_2",
        "staat op ontwikkelagenda 2: nog niet uitgewerkt, geen geld toegezegd",
    ),
    "none": ("niet_gedekt", "valt niet onder D5 of D6: het AZWA regelt geen eigen financiering"),
}

#: Categories the AZWA pays for (from the SPUK AZWA on), structurally or incidentally.
AZWA_PAID = ("D5 basisfunctionaliteit", "D5 ontwikkelagenda 1", "D6 basisinfrastructuur")

#: The successor row that says the SPUK AZWA carries the AZWA money for D5 and D6: the source
#: for "the AZWA pays for D5/D6 whatever pays now".
AZWA_BASIS = "azwa_extra_2026>spuk_azwa"

#: Stands in the path for money the letter does not name.
UNNAMED = ""

RISK_ORDER = {"hoog": 0, "middel": 1, "onbekend": 2, "laag": 3}


@dataclass
class _Path:
    """The sources that pay for a programme, in order: stream, first year (None for the money
    it has now) and last year (None when open or unknown); what broke the chain."""

    streams: list[str] = field(default_factory=list)
    starts: list[int | None] = field(default_factory=list)
    lasts: list[int | None] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)
    conditional: str | None = None  # a successor that pays only for other kinds
    links: list[str] = field(default_factory=list)  # 'stream>successor' rows relied on
    kept: str | None = None  # why the stream itself goes on paying, when it does

    @property
    def ends(self) -> int | None:
        """Last year with money when nothing takes over."""
        return self.lasts[-1] if self.lasts else None


def _azwa_start(tables: Tables) -> int | None:
    """First year of the SPUK AZWA in the overview (derived, not typed in)."""
    overview = funding_overview(tables)
    rows = overview.filter(
        (pl.col("stream_id") == "spuk_azwa") & pl.col("kind").is_in(["budget", "waarvan"])
    )
    return int(rows["year"].min()) if rows.height else None  # type: ignore[arg-type]


def _fit(pays_for: list[str], intervention_id: str, category: str) -> int:
    """How specifically a successor pays for this programme: 3 by name, 2 by its AZWA
    category, 1 for everything, 0 not at all."""
    if intervention_id in pays_for:
        return 3
    if category in pays_for:
        return 2
    return 1 if "alle" in pays_for else 0


def _follow(
    successors: pl.DataFrame,
    stream: str,
    ends: int | None,
    intervention_id: str,
    category: str,
) -> _Path:
    """Follow a stream to the successors that pay for this programme, up to the horizon."""
    path = _Path(streams=[stream], starts=[None], lasts=[ends])
    while True:
        rows = successors.filter(pl.col("stream_id") == path.streams[-1])
        if path.lasts[-1] is None and rows.height:
            path.lasts[-1] = int(rows["last_year"].min())  # type: ignore[arg-type]
        ranked = sorted(
            (
                (_fit(row["pays_for"], intervention_id, category), row)
                for row in rows.iter_rows(named=True)
            ),
            key=lambda pair: -pair[0],
        )
        if not ranked or ranked[0][0] == 0:
            if ranked:
                path.conditional = str(ranked[0][1]["successor_stream_id"])
                path.links.append(f"{path.streams[-1]}>{path.conditional}")
            return path
        row = ranked[0][1]
        start, last = int(row["from_year"]), path.lasts[-1]
        stream = str(row["successor_stream_id"])
        path.links.append(f"{path.streams[-1]}>{stream}")
        if stream == path.streams[-1]:
            path.lasts[-1] = None  # the stream itself goes on paying for this programme
            path.kept = str(row["condition"])
            return path
        if last is not None:
            path.gaps += list(range(last + 1, start))
        if stream in path.streams or start > HORIZON:
            return path
        path.streams.append(stream)
        path.starts.append(start)
        path.lasts.append(None)


def funding_cliffs(
    tables: Tables, municipality: str, *, as_of_year: int | None = None
) -> pl.DataFrame:
    """Each local programme of a municipality: its money, what takes over, the risk.

    See the module docstring for the rule. ``gap_years`` before ``as_of_year`` are dropped
    (they lie in the past).

    Parameters
    ----------
    tables : Tables
        The clean tables.
    municipality : str
        Code or name.
    as_of_year : int, keyword-only, optional
        The year of the briefing; earlier gap years are left out.

    Returns
    -------
    pl.DataFrame
        Validated against :class:`~azwa_analysis.schemas.FundingCliffSchema`; one row per
        programme (parts sharing its money folded in); empty for a municipality without local
        status data (nothing is guessed).

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> cliffs = funding_cliffs(load_tables(), "Beekdaelen")
    >>> cliffs.filter(pl.col("intervention_id") == "valpreventie")["risk"].item()
    'laag'
    """
    target = resolve_municipality(tables, municipality)
    azwa_start = _azwa_start(tables)
    names = dict(tables.streams.select("stream_id", "name").iter_rows())
    catalogue = tables.interventions.select("intervention_id", "name", "azwa_category")
    local = tables.local_status.filter(pl.col("municipality_code") == target.code).join(
        catalogue, on="intervention_id", how="left"
    )
    caveats = tables.local_caveats.filter(pl.col("municipality_code") == target.code)
    parts = _parts(tables, local)
    folded = {part for members in parts.values() for part, own in members if not own}
    rows: list[dict[str, object]] = []
    for row in local.iter_rows(named=True):
        if row["intervention_id"] in folded:
            continue
        rows.append(
            _judge(tables, row, parts.get(row["intervention_id"], []), caveats, azwa_start, names)
            | {"municipality_code": target.code}
        )
    frame = pl.DataFrame(rows, schema=_SCHEMA)
    if as_of_year is not None:
        frame = frame.with_columns(
            pl.col("gap_years").list.eval(pl.element().filter(pl.element() >= as_of_year))
        )
    frame = (
        frame.with_columns(
            pl.col("risk").replace_strict(RISK_ORDER, return_dtype=pl.Int64).alias("_order")
        )
        .sort("_order", "funding_ends_year", "name", nulls_last=True)
        .drop("_order")
    )
    return FundingCliffSchema.validate(frame)


def _parts(tables: Tables, local: pl.DataFrame) -> dict[str, list[tuple[str, bool]]]:
    """Per local programme: its parts, and for each whether it has a local row of its own with
    other money (then it is judged on its own)."""
    streams = dict(local.select("intervention_id", "funding_stream_id").iter_rows())
    result: dict[str, list[tuple[str, bool]]] = {}
    for programme, part in tables.programme_parts.select("programme_id", "part_id").iter_rows():
        if programme not in streams:
            continue
        own = part in streams and streams[part] != streams[programme]
        result.setdefault(programme, []).append((part, own))
    return result


def _judge(
    tables: Tables,
    row: dict[str, object],
    parts: list[tuple[str, bool]],
    caveats: pl.DataFrame,
    azwa_start: int | None,
    names: dict[str, str],
) -> dict[str, object]:
    category = str(row["azwa_category"])
    intervention = str(row["intervention_id"])
    outcome, outcome_nl = OUTCOMES[category]
    stream = row["funding_stream_id"]
    ends = row["funding_ends_year"]
    path = (
        _follow(tables.stream_successors, str(stream), ends, intervention, category)  # type: ignore[arg-type]
        if stream is not None
        else _Path(streams=[UNNAMED], starts=[None], lasts=[ends])  # type: ignore[list-item]
    )
    continues = path.ends is None and path.streams != [UNNAMED]
    if category in AZWA_PAID and azwa_start is not None and not continues:
        # the AZWA pays for D5, D6 and ontwikkelagenda 1 whatever pays now
        last = path.ends
        if last is not None:
            path.gaps += list(range(last + 1, azwa_start))
        taken = _follow(tables.stream_successors, "spuk_azwa", None, intervention, category)
        path.links += [AZWA_BASIS, *taken.links]
        path.streams += taken.streams
        path.starts += [azwa_start, *taken.starts[1:]]
        path.lasts += taken.lasts
        path.conditional = None
    gaps, bridges = _bridge(tables, intervention, sorted(set(path.gaps)), names)
    caveat = str(caveats["text"][0]) if caveats.height else None
    risk, reason, caveat_applied = _risk(path, category, gaps, caveat, names)
    for part, own in parts:
        if _category(tables, part) in AZWA_PAID:
            reason += f"; het onderdeel {_part_name(tables, part)} valt onder het AZWA" + (
                " (zie de eigen rij)" if own else ""
            )
    paid = [s for s in path.streams if s != UNNAMED]
    return {
        "intervention_id": intervention,
        "name": row["name"],
        "parts": [_name(tables, part) for part, _ in parts],
        "status": row["status"],
        "detail": row["detail"],
        "funding_source": row["funding_source"],
        "funding_stream_id": stream,
        "funding_ends_year": ends,
        "azwa_category": category,
        "azwa_outcome": outcome,
        "azwa_outcome_nl": outcome_nl,
        "chain": paid,
        "links": path.links,
        "successor_stream_id": path.streams[1] if len(path.streams) > 1 else None,
        "successor_from_year": path.starts[1] if len(path.starts) > 1 else None,
        "conditional_stream_id": path.conditional,
        "gap_years": gaps,
        "bridged_by": "; ".join(bridges) or None,
        "caveat": caveat if caveat_applied else None,
        "risk": risk,
        "reason_nl": reason,
        "source_document": row["source_document"],
        "source_location": row["source_location"],
        "source_quote": row["source_quote"],
    }


def _category(tables: Tables, intervention_id: str) -> str:
    rows = tables.interventions.filter(pl.col("intervention_id") == intervention_id)
    return str(rows["azwa_category"].item()) if rows.height else "none"


def _part_name(tables: Tables, part_id: str) -> str:
    """A part by the name its programme's source uses: 'Welzijn op Recept (WoR), in de
    catalogus Sociaal Verwijzen'."""
    name = _name(tables, part_id)
    quote = " ".join(
        tables.programme_parts.filter(pl.col("part_id") == part_id)["source_quote"].to_list()
    )
    rows = tables.interventions.filter(pl.col("intervention_id") == part_id)
    aliases = [a for a in (rows["aliases"].to_list()[0] or []) if a in quote] if rows.height else []
    if name in quote or not aliases:
        return name
    return f"{max(aliases, key=len)}, in de catalogus {name}"


def _name(tables: Tables, intervention_id: str) -> str:
    rows = tables.interventions.filter(pl.col("intervention_id") == intervention_id)
    return str(rows["name"].item()) if rows.height else intervention_id


def _bridge(
    tables: Tables, intervention: str, gaps: list[int], names: dict[str, str]
) -> tuple[list[int], list[str]]:
    """Gap years less those a stream earmarked for the programme covers."""
    overview = funding_overview(tables)
    funded = {
        (stream, year)
        for stream, year in overview.filter(pl.col("kind").is_in(["budget", "waarvan"]))
        .select("stream_id", "year")
        .unique()
        .iter_rows()
    }
    bridges: list[str] = []
    for bridge in tables.stream_targets.filter(pl.col("intervention_id") == intervention).iter_rows(
        named=True
    ):
        covered = [
            year
            for year in gaps
            if bridge["from_year"] <= year <= bridge["to_year"]
            and (bridge["stream_id"], year) in funded
        ]
        if covered:
            gaps = [year for year in gaps if year not in covered]
            years = ", ".join(str(year) for year in covered)
            bridges.append(f"{names.get(bridge['stream_id'], bridge['stream_id'])} ({years})")
    return gaps, bridges


def _risk(
    path: _Path, category: str, gaps: list[int], caveat: str | None, names: dict[str, str]
) -> tuple[str, str, bool]:
    """The rating, one Dutch phrase that gives its reason, and whether the municipality's own
    caveat raised it."""
    money = _money_nl(path, names) + (f" ({path.kept})" if path.kept else "")
    gap = f"; jaar zonder geld: {', '.join(str(y) for y in gaps)}" if gaps else ""
    if category == "D5 ontwikkelagenda 1":
        return "middel", f"{money}{gap}; ontwikkelagenda 1: incidenteel geld tot een besluit", False
    if path.conditional is not None:
        successor = names.get(path.conditional, path.conditional)
        return (
            "middel",
            f"{money}{gap}; {successor} neemt het over, maar betaalt alleen "
            "basisfunctionaliteiten en basisinfrastructuur: het gaat door als het in de "
            "regionale werkagenda past",
            False,
        )
    if len(path.streams) > 1 or category in AZWA_PAID:
        if gaps:
            return "middel", f"{money}{gap}", False
        if caveat is not None:
            return (
                "middel",
                f"{money}; voorbehoud in de eigen brief van de gemeente: ‘{caveat.rstrip('.')}’",
                True,
            )
        return "laag", money, False
    if path.ends is not None and path.ends < HORIZON:
        return "hoog", f"{money}; de bronnen noemen niets dat het overneemt", False
    if path.streams == [UNNAMED]:
        return "onbekend", "de bronnen noemen geen geldbron", False
    return "onbekend", f"{money}; geen einde en geen opvolger bekend", False


def _money_nl(path: _Path, names: dict[str, str]) -> str:
    """'Brede SPUK GALA tot en met 2026, dan SPUK AZWA 2027-2029 vanaf 2027, dan …'."""
    pieces = []
    for index, (stream, start, last) in enumerate(
        zip(path.streams, path.starts, path.lasts, strict=True)
    ):
        name = names.get(stream, stream) if stream != UNNAMED else "geld uit een niet genoemde bron"
        when = f" vanaf {start}" if start is not None else ""
        if last is not None and index == len(path.streams) - 1:
            when += f" tot en met {last}"
        elif last is not None and start is None:
            when = f" tot en met {last}"
        pieces.append(name + when)
    return "; dan ".join(pieces)


_SCHEMA: dict[str, pl.DataType] = {
    "municipality_code": pl.String(),
    "intervention_id": pl.String(),
    "name": pl.String(),
    "parts": pl.List(pl.String()),
    "status": pl.String(),
    "detail": pl.String(),
    "funding_source": pl.String(),
    "funding_stream_id": pl.String(),
    "funding_ends_year": pl.Int64(),
    "azwa_category": pl.String(),
    "azwa_outcome": pl.String(),
    "azwa_outcome_nl": pl.String(),
    "chain": pl.List(pl.String()),
    "links": pl.List(pl.String()),
    "successor_stream_id": pl.String(),
    "successor_from_year": pl.Int64(),
    "conditional_stream_id": pl.String(),
    "gap_years": pl.List(pl.Int64()),
    "bridged_by": pl.String(),
    "caveat": pl.String(),
    "risk": pl.String(),
    "reason_nl": pl.String(),
    "source_document": pl.String(),
    "source_location": pl.String(),
    "source_quote": pl.String(),
}
