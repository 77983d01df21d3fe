"""Quotes: every transcribed fact carries a short verbatim quote and the lines it stands on;
these functions find the cited text and check that the quote is in it."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from azwa_analysis._issues import ROW, ValidationIssue


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends.

    Examples
    --------
    >>> fold_whitespace("  € 127\\n  miljoen ")
    '€ 127 miljoen'
    """
    return " ".join(text.split())


def cited_text(lines: list[str], location: str) -> str | None:
    """The whitespace-folded text of the cited 1-based line (range); None if out of range."""
    start_text, _, end_text = location.partition("-")
    start, end = int(start_text), int(end_text or start_text)
    if start < 1 or end < start or end > len(lines):
        return None
    return fold_whitespace(" ".join(lines[start - 1 : end]))


def check_quotes(
    frame: pl.DataFrame, documents: Mapping[str, list[str]], *, file: str
) -> list[ValidationIssue]:
    """Every ``source_quote`` occurs, whitespace-folded, within its cited lines."""
    issues: list[ValidationIssue] = []
    for row in frame.select(ROW, "source_document", "source_location", "source_quote").iter_rows(
        named=True
    ):
        document, location, quote = (
            row["source_document"],
            row["source_location"],
            row["source_quote"],
        )
        if document is None or location is None or quote is None:
            continue  # the schema reports the empty cell
        if document.startswith("imports/"):
            continue  # a steward's submission: its 'bron' is the quote, checked at import
        if document not in documents:
            issues.append(
                ValidationIssue(
                    file,
                    row[ROW],
                    "source_document",
                    document,
                    "brondocument bestaat niet in data/raw/documents/",
                    "gebruik de bestandsnaam van een document in die map",
                )
            )
            continue
        text = cited_text(documents[document], location)
        if text is None:
            issues.append(
                ValidationIssue(
                    file,
                    row[ROW],
                    "source_location",
                    location,
                    f"regel(s) bestaan niet in {document} ({len(documents[document])} regels)",
                )
            )
        elif fold_whitespace(quote) not in text:
            issues.append(
                ValidationIssue(
                    file,
                    row[ROW],
                    "source_quote",
                    quote,
                    f"citaat staat niet letterlijk in {document} regel {location}",
                    "kopieer het citaat exact uit het document of corrigeer het regelnummer",
                )
            )
    return issues
