"""Malformed rows of the adviser's sheet ('Toelichting adviseur'): parts, and the text rules
that still hold for a text in which a line feed is allowed."""

from __future__ import annotations

import datetime as dt

from tests.steward.corpus._makers import (
    ADVISER_HEADER,
    Case,
    adviser,
    adviser_row,
    text,
    workbook,
)

ADVISER_CASES: list[Case] = [
    Case(
        "unknown-adviser-part",
        "onderdeel.csv",
        text(ADVISER_HEADER, adviser(part="Vraag aan raad")),
        "onbekende waarde",
        2,
        hint="bedoelde u Vraag aan de raad?",
    ),
    Case(
        "adviser-part-unlike-any",
        "onderdeel_onbekend.csv",
        text(ADVISER_HEADER, adviser(part="Besluit")),
        "onbekende waarde",
        2,
        hint="kies uit Aanleiding, Standpunt van het college, Vervolg, Vraag aan de raad",
    ),
    Case(
        "duplicate-adviser-part",
        "onderdeel_dubbel.csv",
        text(ADVISER_HEADER, adviser(), adviser(part="aanleiding")),
        "dubbele regel (zelfde als rij 2)",
        3,
    ),
    Case(
        "adviser-text-too-long",
        "tekst_lang.csv",
        text(ADVISER_HEADER, adviser(text="Het college licht de keuze toe. " * 70)),
        "tekst is te lang (2239 tekens; maximaal 2000)",
        2,
    ),
    Case(
        "adviser-text-too-short",
        "tekst_kort.csv",
        text(ADVISER_HEADER, adviser(text="Zie bijlage.")),
        "tekst is te kort (12 tekens; minimaal 20)",
        2,
    ),
    Case(
        "html-in-adviser-text",
        "tekst_html.csv",
        text(ADVISER_HEADER, adviser(text="<p>De raad vroeg om de stand van het AZWA.</p>")),
        "tekst bevat < of > (HTML)",
        2,
    ),
    Case(
        "tab-in-adviser-text",
        "tekst_tab.csv",
        text(ADVISER_HEADER, adviser(text="De raad vroeg\tom de stand van het AZWA.")),
        "onzichtbare stuurtekens",
        2,
    ),
    Case(
        "zero-width-space-in-adviser-text",
        "tekst_zero_width.csv",
        text(ADVISER_HEADER, adviser(text="De raad vroeg om de\u200b stand van het AZWA.")),
        "onzichtbare opmaaktekens",
        2,
    ),
    Case(
        "line-break-in-adviser-author",
        "auteur_regel.csv",
        text(
            ADVISER_HEADER,
            adviser(author='"J. de Vries,\nbeleidsadviseur"'),
            adviser(part="Vervolg"),
        ),
        "onzichtbare stuurtekens",
        2,
    ),
    Case(
        "xlsx-adviser-text-starting-with-plus",
        "tekst_plus.xlsx",
        workbook(adviser_row(text="+ meer geld voor preventie in de wijken")),
        "tekst begint met =, +, - of @",
        2,
    ),
    Case(
        "xlsx-adviser-date-before-2015",
        "tekst_datum.xlsx",
        workbook(adviser_row(on=dt.date(2014, 12, 31))),
        "datum moet tussen 01-01-2015 en 31-12-2040 liggen",
        2,
    ),
]
