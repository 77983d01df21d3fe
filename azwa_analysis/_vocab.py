"""Controlled vocabularies shared by the schemas, the analyses and the briefing.

Each vocabulary is a tuple (the allowed values, in display order) with a ``Literal`` type beside
it, and where a council member reads the value, a Dutch label.
"""

from __future__ import annotations

from typing import Final, Literal

AGREEMENTS: Final = ("IZA", "GALA", "AZWA", "HLO", "Preventieakkoord", "other")
Agreement = Literal["IZA", "GALA", "AZWA", "HLO", "Preventieakkoord", "other"]

AZWA_CATEGORIES: Final = (
    "D5 basisfunctionaliteit",
    "D5 ontwikkelagenda 1",
    "ontwikkelagenda 2",
    "D6 basisinfrastructuur",
    "none",
)

LEEFGEBIEDEN: Final = (
    "Mentale gezondheid",
    "Vitaal ouder worden",
    "Leefstijl",
    "Kansrijk opgroeien",
    "Gezondheidsachterstanden",
)

INTERVENTION_KINDS: Final = (
    "ketenaanpak",
    "basisfunctionaliteit",
    "ontwikkelagenda",
    "basisinfrastructuur",
    "spuk_component",
    "iza_programme",
    "local_programme",
    "other",
)

FUNDING_STATUSES: Final = ("structural", "incidental", "unknown")

LINE_KINDS: Final = ("budget", "cap", "reduction", "historic", "exclusion")

RULE_KINDS: Final = ("generic_cut", "carry_over", "cofinancing", "demand")

LOCAL_STATUSES: Final = ("implemented", "pilot", "in_preparation", "not_implemented", "unknown")
LOCAL_STATUS_LABELS: Final = {
    "implemented": "geïmplementeerd",
    "pilot": "pilot",
    "in_preparation": "in voorbereiding",
    "not_implemented": "niet geïmplementeerd",
    "unknown": "onbekend",
}

#: The parts of a council briefing that only the municipality's own policy adviser can write
#: (a steward's sheet 'Toelichting adviseur'), in the order the briefing gives them.
ADVISER_PARTS: Final = ("aanleiding", "standpunt", "vervolg", "raad")
AdviserPart = Literal["aanleiding", "standpunt", "vervolg", "raad"]
ADVISER_PART_LABELS: Final = {
    "aanleiding": "Aanleiding",
    "standpunt": "Standpunt van het college",
    "vervolg": "Vervolg",
    "raad": "Vraag aan de raad",
}

ACTORS: Final = (
    "gemeente",
    "regio",
    "VNG",
    "VWS",
    "zorgverzekeraars",
    "GGD",
    "kabinet",
    "BO IZA",
    "Zorginstituut",
    "NZa",
    "SER",
    "partijen",
    "RIVM",
    "Tweede Kamer",
)

EVENT_KINDS: Final = (
    "signature",
    "decision",
    "deadline",
    "milestone",
    "condition",
    "funding_start",
    "funding_end",
    "health_goal",
    "publication",
    "meeting",
)
#: What each kind of timeline event is, in Dutch (the data dictionary and the briefing use it).
EVENT_KIND_LABELS: Final = {
    "signature": "ondertekening",
    "decision": "besluit",
    "deadline": "deadline",
    "milestone": "mijlpaal",
    "condition": "voorwaarde bij de start van geld of een plan (geen deadline)",
    "funding_start": "begin van geld",
    "funding_end": "einde van geld (laatste jaar)",
    "health_goal": "gezondheidsdoel",
    "publication": "publicatie",
    "meeting": "overleg",
}

PRECISIONS: Final = ("day", "month", "quarter", "half", "year")
Precision = Literal["day", "month", "quarter", "half", "year"]

NATIONAL: Final = "national"

#: How much a document's word weighs when documents state the same figure differently, from
#: most to least authoritative: a regulation or decision, then a letter of a ministry (or its
#: agency), a signed agreement, a VNG letter, a municipal letter; the newest wins among equals.
AUTHORITIES: Final = ("regeling", "ministerie", "akkoord", "vng", "gemeente", "overig")
Authority = Literal["regeling", "ministerie", "akkoord", "vng", "gemeente", "overig"]
AUTHORITY_LABELS: Final = {
    "regeling": "regeling of besluit",
    "ministerie": "brief of publicatie van een ministerie (of zijn uitvoeringsorganisatie)",
    "akkoord": "ondertekend akkoord",
    "vng": "brief of publicatie van de VNG",
    "gemeente": "brief van een gemeente",
    "overig": "overig",
}

DOCUMENT_KINDS: Final = ("txt", "pdf", "docx", "html")
#: Where a document's text is: in the repository (the seeds), in the document store, or absent.
AVAILABILITIES: Final = ("repository", "opslag", "ontbreekt")

#: Who receives an official amount: a municipality, or a region (through its mandaatgemeente).
RECIPIENT_KINDS: Final = ("gemeente", "regio")

#: How a row of the funding overview counts: in the totals, or as part of another stream's amount.
OVERVIEW_ROLES: Final = ("telt", "waarvan")

#: What a figure stated in several documents is, against the current one (see clean/_figures.py).
FIGURE_STATUSES: Final = ("geldend", "bevestigd", "vervangen", "tegenstrijdig")

#: Who receives money under a distribution key, and which key (see data/raw/allocation_keys.csv).
KEY_RECIPIENTS: Final = ("gemeente", "regio", "geen")
KEYS: Final = ("brede_spuk", "spuk_iza", "geen")
