"""The steward's input forms: what a sheet holds, in Dutch, and how each column is read.

A form is the spreadsheet face of a raw table. Headers are Dutch (with the raw column name
accepted too), enumerations show Dutch labels that map to the codes the schemas use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from azwa_analysis._vocab import ADVISER_PART_LABELS, LOCAL_STATUS_LABELS

Kind = Literal["text", "code", "choice", "year", "amount", "date"]


@dataclass(frozen=True)
class Column:
    """One column of a form."""

    name: str  # raw/schema column name
    header: str  # Dutch header in the template
    kind: Kind
    help: str
    required: bool = True
    choices: str | None = None  # name of a choice list (filled from the data)
    labels: dict[str, str] = field(default_factory=dict)  # Dutch label → code
    max_length: int = 300
    min_length: int = 0
    multiline: bool = False  # a text with paragraphs: line feeds allowed (Alt+Enter in Excel)


@dataclass(frozen=True)
class Form:
    """A sheet: its name, the raw file kind it becomes, its columns and its key."""

    kind: str
    sheet: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def by_header(self) -> dict[str, Column]:
        """Headers (Dutch or raw, case-insensitive) → column."""
        mapping: dict[str, Column] = {}
        for column in self.columns:
            mapping[column.header.casefold()] = column
            mapping[column.name.casefold()] = column
        return mapping


STATUS_LABELS = {label: code for code, label in LOCAL_STATUS_LABELS.items()}
PART_LABELS = {label: code for code, label in ADVISER_PART_LABELS.items()}

MUNICIPALITY = Column(
    "municipality_code",
    "Gemeentecode",
    "code",
    "CBS-code van uw gemeente, bijvoorbeeld GM1954.",
    choices="gemeenten",
)

LOCAL_STATUS = Form(
    kind="lokale_stand",
    sheet="Lokale stand",
    title="Lokale stand van interventies",
    key=("municipality_code", "intervention_id"),
    columns=(
        MUNICIPALITY,
        Column(
            "intervention_id",
            "Interventie",
            "choice",
            "Kies de interventie uit de lijst (de catalogus van het project).",
            choices="interventies",
        ),
        Column(
            "status",
            "Status",
            "choice",
            "geïmplementeerd, pilot, in voorbereiding of niet geïmplementeerd.",
            choices="status",
            labels=STATUS_LABELS,
        ),
        Column(
            "detail",
            "Toelichting",
            "text",
            "Waar en hoeveel, bijvoorbeeld 'in 5 kernen' of '7 basisscholen'.",
            required=False,
        ),
        Column(
            "funding_source",
            "Financieringsbron",
            "text",
            "Waaruit het nu betaald wordt, zoals u het zou noemen.",
            required=False,
        ),
        Column(
            "funding_stream_id",
            "Stroom",
            "choice",
            "De financieringsstroom uit de lijst, als die bekend is.",
            required=False,
            choices="stromen",
        ),
        Column(
            "funding_ends_year",
            "Laatste jaar financiering",
            "year",
            "Laatste jaar waarin er geld is (bijv. 2026 als het na 2026 stopt).",
            required=False,
        ),
        Column(
            "source",
            "Bron",
            "text",
            "Waar dit op berust: nota, besluit, brief (met datum of kenmerk).",
            max_length=300,
            min_length=3,  # StewardLocalStatusSchema.source: the build refuses shorter
        ),
    ),
)

OFFICIAL = Form(
    kind="officiele_bedragen",
    sheet="Officiële bedragen",
    title="Officiële bedragen per stroom en jaar",
    key=("municipality_code", "stream_id", "year"),
    columns=(
        MUNICIPALITY,
        Column(
            "stream_id",
            "Stroom",
            "choice",
            "De financieringsstroom uit de lijst.",
            choices="stromen",
        ),
        Column("year", "Jaar", "year", "Het jaar waarop het bedrag betrekking heeft."),
        Column(
            "amount_eur",
            "Bedrag (€)",
            "amount",
            "Het bedrag in hele euro's, zonder 'mln' (bijv. 402255 of € 402.255).",
        ),
        Column(
            "document",
            "Beschikking of circulaire",
            "text",
            "Het document met het bedrag, met kenmerk en datum.",
        ),
        Column("supplied_by", "Aangeleverd door", "text", "Naam of functie, en gemeente."),
        Column("supplied_on", "Datum aanlevering", "date", "Datum, bijvoorbeeld 22-11-2026."),
    ),
)

REGION = Form(
    kind="iza_regio",
    sheet="IZA-regio",
    title="De IZA-regio van de gemeente",
    key=("municipality_code",),
    columns=(
        MUNICIPALITY,
        Column(
            "region_id",
            "IZA-regio",
            "choice",
            "De IZA-regio (samenwerkingsregio) waarvoor een mandaatgemeente de SPUK IZA ontvangt; "
            "kies uit de lijst.",
            choices="regios",
        ),
        Column(
            "source",
            "Bron",
            "text",
            "Waar dit op berust: regioplan, convenant, besluit (met datum of kenmerk).",
            max_length=300,
            min_length=3,
        ),
    ),
)

ADVISER = Form(
    kind="adviseurstekst",
    sheet="Toelichting adviseur",
    title="Toelichting van de adviseur voor de raadsinformatiebrief",
    key=("municipality_code", "part"),
    columns=(
        MUNICIPALITY,
        Column(
            "part",
            "Onderdeel",
            "choice",
            "Het onderdeel van de raadsinformatiebrief: Aanleiding, Standpunt van het college, "
            "Vervolg of Vraag aan de raad; kies uit de lijst, één rij per onderdeel.",
            choices="onderdelen",
            labels=PART_LABELS,
        ),
        Column(
            "text",
            "Tekst",
            "text",
            "Uw eigen tekst in gewoon Nederlands, 20 tot 2000 tekens; een nieuwe alinea met "
            "Alt+Enter. Geen opmaak: tekens als * en # blijven staan zoals ze zijn.",
            max_length=2000,
            min_length=20,  # StewardAdviserTextSchema.text: the build refuses shorter
            multiline=True,
        ),
        Column(
            "author",
            "Auteur",
            "text",
            "Wie de tekst schreef: naam, functie (bijv. 'J. de Vries, beleidsadviseur').",
            max_length=120,
            min_length=3,
        ),
        Column(
            "written_on",
            "Datum",
            "date",
            "Datum waarop de tekst geschreven is, bijvoorbeeld 22-11-2026.",
        ),
    ),
)

FORMS: tuple[Form, ...] = (LOCAL_STATUS, OFFICIAL, REGION, ADVISER)


def form_for_sheet(name: str) -> Form | None:
    folded = name.strip().casefold()
    for form in FORMS:
        if folded in (form.sheet.casefold(), form.kind):
            return form
    return None


def form_for_headers(headers: list[str]) -> Form | None:
    """The form whose required headers all appear (for CSV files, which have no sheet name)."""
    folded = {h.strip().casefold() for h in headers if h}
    best: Form | None = None
    best_hits = 0
    for form in FORMS:
        mapping = form.by_header()
        required = [c for c in form.columns if c.required]
        hits = sum(1 for h in folded if h in mapping)
        if all(c.header.casefold() in folded or c.name.casefold() in folded for c in required):
            return form
        if hits > best_hits:  # the form most of the headers belong to
            best, best_hits = form, hits
    return best
