"""Quotes: every transcribed fact carries a short verbatim quote and the lines it stands on;
these functions find the cited text and check that the quote is in it.

A location is a line or a range of lines, ``12`` or ``159-163``, in a document of one page (the
five plain-text seed documents, an HTML page), or a page and line, ``4:57`` or ``13:41-44`` or
``3:50-4:2``, in a document of several pages (a registered PDF or Word file): page and line
numbers as ``azwa source show`` prints them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import TypeAlias

import polars as pl

from azwa_analysis._issues import ROW, ValidationIssue

#: A document's text: pages of lines (one page for a plain-text document).
Pages: TypeAlias = tuple[tuple[str, ...], ...]

_LOCATION = re.compile(r"^(?:(?P<p1>\d+):)?(?P<l1>\d+)(?:-(?:(?P<p2>\d+):)?(?P<l2>\d+))?$")


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends.

    Examples
    --------
    >>> fold_whitespace("  € 127\\n  miljoen ")
    '€ 127 miljoen'
    """
    return " ".join(text.split())


def parse_location(location: str, *, pages: int) -> tuple[int, int, int, int]:
    """(first page, first line, last page, last line) of a cited location, all 1-based.

    Raises
    ------
    ValueError
        With a Dutch message when the text is no location, or names no page in a document of
        several pages.

    Examples
    --------
    >>> parse_location("159-163", pages=1)
    (1, 159, 1, 163)
    >>> parse_location("3:50-4:2", pages=14)
    (3, 50, 4, 2)
    >>> parse_location("13:41-44", pages=14)
    (13, 41, 13, 44)
    """
    match = _LOCATION.match(location.strip())
    if match is None:
        raise ValueError("geen plaats: schrijf regel of bereik (12, 12-14) of pagina:regel (4:57)")
    first_page = int(match["p1"]) if match["p1"] else None
    if first_page is None and match["p2"]:
        raise ValueError("noem de pagina aan het begin van het bereik (3:50-4:2)")
    if first_page is None:
        if pages > 1:
            raise ValueError(f"het document heeft {pages} pagina's: noem de pagina (pagina:regel)")
        first_page = 1
    last_page = int(match["p2"]) if match["p2"] else first_page
    first_line = int(match["l1"])
    last_line = int(match["l2"]) if match["l2"] else first_line
    return first_page, first_line, last_page, last_line


def cited_text(pages: Pages | list[str], location: str) -> str | None:
    """The whitespace-folded text of the cited lines; None if they are not in the document.

    ``pages`` is a document's pages of lines, or (for a plain-text document) its list of lines.

    Examples
    --------
    >>> cited_text((("a", "b"), ("c", "d")), "1:2-2:1")
    'b c'
    >>> cited_text(["x", "y", "z"], "2-3")
    'y z'
    """
    if isinstance(pages, list):
        pages = (tuple(pages),)
    try:
        first_page, first_line, last_page, last_line = parse_location(location, pages=len(pages))
    except ValueError:
        return None
    if not 1 <= first_page <= last_page <= len(pages):
        return None
    if first_line < 1 or first_line > len(pages[first_page - 1]):
        return None
    if last_line < 1 or last_line > len(pages[last_page - 1]):
        return None
    if first_page == last_page and last_line < first_line:
        return None
    lines: list[str] = []
    for page in range(first_page, last_page + 1):
        start = first_line if page == first_page else 1
        end = last_line if page == last_page else len(pages[page - 1])
        lines.extend(pages[page - 1][start - 1 : end])
    return fold_whitespace(" ".join(lines))


def _where(pages: Pages | list[str]) -> str:
    if isinstance(pages, list) or len(pages) == 1:
        return f"{len(pages[0]) if not isinstance(pages, list) else len(pages)} regels"
    return f"{len(pages)} pagina's"


def check_quotes(
    frame: pl.DataFrame,
    documents: Mapping[str, Pages | list[str]],
    *,
    file: str,
    absent: Collection[str] = (),
) -> list[ValidationIssue]:
    """Every ``source_quote`` occurs, whitespace-folded, within its cited lines.

    A document named in ``absent`` is registered but not in the document store: its quotes
    cannot be checked here and are skipped (:func:`unverified_quotes` counts them).
    """
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
        if document in absent:
            continue
        if document not in documents:
            issues.append(
                ValidationIssue(
                    file,
                    row[ROW],
                    "source_document",
                    document,
                    "brondocument bestaat niet: niet in data/raw/documents/ en niet "
                    "geregistreerd in data/raw/sources/",
                    "gebruik de bestandsnaam van een document daar, of registreer het met "
                    "'azwa source add'",
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
                    f"plaats bestaat niet in {document} ({_where(documents[document])})",
                    "schrijf regel of bereik (12, 12-14), of bij meer pagina's pagina:regel "
                    "(4:57, 13:41-44); 'azwa source show' toont de nummers",
                )
            )
        elif fold_whitespace(quote) not in text:
            issues.append(
                ValidationIssue(
                    file,
                    row[ROW],
                    "source_quote",
                    quote,
                    f"citaat staat niet letterlijk in {document} op {location}",
                    "kopieer het citaat exact uit het document of corrigeer de plaats",
                )
            )
    return issues


def unverified_quotes(frame: pl.DataFrame, absent: Collection[str]) -> dict[str, int]:
    """Per absent document, how many rows of ``frame`` cite it (their quotes went unchecked)."""
    if not absent or frame.is_empty():
        return {}
    counts = (
        frame.filter(pl.col("source_document").is_in(list(absent)))
        .group_by("source_document")
        .len()
    )
    return {str(name): int(count) for name, count in counts.iter_rows()}
