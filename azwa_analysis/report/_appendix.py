"""The briefing's appendices: where the sources differ, the words used, and the sources with
every quote behind the short footnotes."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import polars as pl

from azwa_analysis._format import format_eur_mln
from azwa_analysis._periods import MONTHS_NL, format_date_nl
from azwa_analysis.report._markdown import md_escape

if TYPE_CHECKING:
    from azwa_analysis.report._briefing import Briefing


def reconciliation_md(briefing: Briefing) -> str:
    report = briefing.tables.reconciliation
    differ = report.filter(pl.col("status") != "overeenstemming")
    intro = (
        f"Op {report.height} punten noemen twee bronnen hetzelfde bedrag; op "
        f"{report.height - differ.height} daarvan stemmen ze overeen. Waar ze verschillen, is "
        "niets gecorrigeerd:"
    )
    if differ.is_empty():
        return intro.removesuffix(":") + ".\n"
    lines = [intro, ""]
    for row in differ.iter_rows(named=True):
        lines.append(
            f"- {md_escape(row['description'])}: {format_eur_mln(row['left_eur'])} tegenover "
            f"{format_eur_mln(row['right_eur'])} "
            f"(verschil {format_eur_mln(row['difference_eur'])})."
        )
    return "\n".join(lines) + "\n"


def glossary_md(briefing: Briefing) -> str:
    """The terms of the glossary that the briefing uses (its text so far, and the template's
    own wording when the template is beside the document)."""
    text = " ".join(briefing.written)
    template = _template_text()
    glossary = briefing.tables.glossary.sort(pl.col("term").str.to_lowercase())
    # The template is the same for every municipality: its terms are looked up once.
    in_template = briefing.tables.memoised(
        ("glossary-template", template),
        lambda: frozenset(t for t in glossary["term"].to_list() if _uses(template, t)),
    )
    rows = [
        (term, meaning)
        for term, meaning in glossary.iter_rows()
        if term in in_template or _uses(text, term)
    ]
    if not rows:
        return "Deze brief gebruikt geen afkortingen.\n"
    return "\n".join(f"**{md_escape(t)}**\n: {md_escape(m)}\n" for t, m in rows)


def _uses(text: str, term: str) -> bool:
    r"""Whether ``text`` has ``term`` as a word of its own: not inside a longer word, and not
    after a hyphen (``SPUK-middelen`` uses SPUK; ``pre-D5`` does not use D5). The same as the
    regex ``(?<![\w-])term(?!\w)``, found with ``str.find``: a regex with a lookbehind tries
    every position of the 40 kB briefing, 0.4 ms per term.

    >>> _uses("de SPUK-middelen", "SPUK"), _uses("SPUKS", "SPUK"), _uses("x-D5 en D6", "D5")
    (True, False, False)
    """
    start = text.find(term)
    while start != -1:
        end = start + len(term)
        if (start == 0 or not _is_word_char(text[start - 1], hyphen=True)) and (
            end == len(text) or not _is_word_char(text[end], hyphen=False)
        ):
            return True
        start = text.find(term, start + 1)
    return False


def _is_word_char(char: str, *, hyphen: bool) -> bool:
    r"""``\w`` of Python's ``re`` (letters, digits, underscore), or also ``-``."""
    return char.isalnum() or char == "_" or (hyphen and char == "-")


def _template_text() -> str:
    from azwa_analysis.report._jobs import QMD

    try:
        return QMD.read_text(encoding="utf-8")
    except OSError:
        return ""


def sources_md(briefing: Briefing) -> str:
    """The documents cited, with their date in Dutch, and every quote, by document."""
    notes = briefing.notes
    documents = briefing.tables.documents
    lines = ["De brondocumenten:", ""]
    for row in documents.iter_rows(named=True):
        lines.append(
            f"- *{md_escape(row['short_title'])}*: {md_escape(row['title'])}. "
            f"{md_escape(row['producer'])}, {dutch_date(row['date_published'])}."
        )
    lines += [
        "",
        "De citaten achter de voetnoten en de bronnen bij de tabellen, per document en plaats "
        "(r. is regel, p. is pagina):",
        "",
        notes.quotes_md(documents["document"].to_list()),
        notes.definitions(),
    ]
    return "\n".join(lines)


def dutch_date(text: str) -> str:
    """'2022-12-23' → '23 december 2022'; '2025-07 (na …)' → 'juli 2025 (na …)';
    'onbekend' → 'datum onbekend'.

    Examples
    --------
    >>> dutch_date("2025-07 (na het VNG-bestuursbesluit)")  # escaped for Markdown
    'juli 2025 \\\\(na het VNG-bestuursbesluit\\\\)'
    >>> dutch_date("onbekend")
    'datum onbekend'
    """
    text = str(text)
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        return md_escape(format_date_nl(day) + text[match.end() :])
    match = re.match(r"^(\d{4})-(\d{2})", text)
    if match:
        return md_escape(f"{MONTHS_NL[int(match[2]) - 1]} {match[1]}{text[match.end() :]}")
    if text.strip() == "onbekend":
        return "datum onbekend"
    return md_escape(text)
