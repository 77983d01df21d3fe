"""Extracted text: the rules that make lines, the errors of extraction, and the result
(:class:`Extraction`): reproducible text, with page and line numbers, of a registered source
document.

``extract(path)`` turns a PDF, a Word ``.docx`` or an HTML page into an :class:`Extraction`:
pages of lines, so that a fact can be cited as (document, page, line, short verbatim quote)
and the quote checked against the cited line. The same file with the same library versions
gives byte-identical lines; ``Extraction.extractor`` names those versions and the version of
the rules below (``RULES_VERSION``), so a change in either shows in the registration.

Pages
    PDF: the physical page of the file, 1-based (not the printed page number: the AZWA is
    stored as two-page spreads, so PDF page 10 carries printed pages 18 and 19).
    Word: the pagination Word saved in the file (``w:lastRenderedPageBreak``), used only when
    it agrees with the page count Word wrote in ``docProps/app.xml``; otherwise the whole
    document is one page (``pagination == "single"``).
    HTML: one page.

Lines (the same rules for every kind)
    1. The text is put in Unicode NFC.
    2. It is split at line breaks (``str.splitlines``: LF, CR, CRLF, VT, FF, U+2028, ...).
    3. PDF only: pdfium replaces a hyphen that ends a line by U+0002 and joins the next line
       onto it; that marker becomes ``-`` plus a line break again, so lines are the lines on
       the page and the hyphen stays visible, as printed.
    4. The Latin ligatures U+FB00-U+FB06 are spelt out (``ﬁ`` -> ``fi``).
    5. Invisible characters are removed: soft hyphen U+00AD, zero-width space U+200B,
       word joiner U+2060, BOM U+FEFF, the noncharacter U+FFFE and control characters.
    6. Every run of white space (space, tab, no-break space U+00A0, U+2000-U+200A, U+202F,
       U+3000, ...) becomes one space; leading and trailing space is removed.
    7. Lines left empty are dropped: blank lines are layout, not text, and differ from one
       extractor to the next. A page without text stays a page (an empty tuple).
    Quotes, dashes and the euro sign are kept as they are (’ “ ” – €).

Word
    Body paragraphs and tables in document order (content controls included), text boxes
    after the paragraph that anchors them (the DrawingML copy, not the VML fallback),
    footnotes at the end of the page of their first reference as ``<n> <text>``. A table row is
    one line, its cells joined by `` | ``; a cell's paragraphs are joined by a space; a cell
    continuing a vertical merge is empty; a row whose cells are all empty is dropped. Tracked
    deletions, field codes, headers, footers and automatic list numbers are not text here.

HTML
    The content root is ``<main>`` (or ``role="main"``), else the ``<article>`` with most text,
    else the element holding the most paragraph text. Within it scripts, styles, navigation,
    form controls, hidden elements (``hidden``, ``aria-hidden``, ``visually-hidden``, ...) and
    boilerplate blocks (cookie, consent, share, social, breadcrumb, menu, ...) are dropped.
    Block elements become lines, ``<br>`` breaks a line, a table row is one line with cells
    joined by `` | ``. When the root holds no ``<h1>``, the page's first visible ``<h1>``
    becomes the first line (both sites put the title outside ``<main>``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

Kind: TypeAlias = Literal["pdf", "docx", "html"]
Pagination: TypeAlias = Literal["pdf-page", "word-rendered", "single"]

RULES_VERSION: Final = "1"
MIN_CHARS_PER_PAGE: Final = 20
"""A PDF none of whose pages has this many non-space characters has no usable text layer."""


class ExtractionError(Exception):
    """A document that cannot be turned into cited lines."""


class UnsupportedFormat(ExtractionError):
    """The file extension is not one of .pdf, .docx, .html or .htm."""


class ContentMismatch(ExtractionError):
    """The file's content (its magic bytes) does not match its extension."""


class EncryptedDocument(ExtractionError):
    """A PDF that needs a password, or a password-protected Word file."""


class CorruptDocument(ExtractionError):
    """The file claims the right format but cannot be parsed."""


class EmptyDocument(ExtractionError):
    """The document parses but holds no text."""


class NoTextLayer(EmptyDocument):
    """A PDF without a usable text layer: probably a scan that needs OCR first."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """The lines of a document, page by page; page and line numbers are 1-based."""

    pages: tuple[tuple[str, ...], ...]
    extractor: str
    kind: Kind
    pagination: Pagination

    def line(self, page: int, line: int) -> str:
        """The text of line ``line`` on page ``page`` (both 1-based)."""
        if page < 1 or line < 1:
            raise IndexError(f"pagina {page}, regel {line}: nummers beginnen bij 1")
        return self.pages[page - 1][line - 1]

    def numbered(self) -> Iterator[str]:
        """Every line as ``p<page> l<line> | <text>``."""
        for page_number, lines in enumerate(self.pages, start=1):
            for line_number, text in enumerate(lines, start=1):
                yield f"p{page_number} l{line_number} | {text}"

    def find(self, fragment: str) -> list[tuple[int, int]]:
        """(page, line) of every line containing ``fragment`` (normalised like the lines)."""
        wanted = normalise_line(fragment)
        return [
            (page_number, line_number)
            for page_number, lines in enumerate(self.pages, start=1)
            for line_number, text in enumerate(lines, start=1)
            if wanted and wanted in text
        ]


_LIGATURES: Final = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_INVISIBLE: Final = re.compile("[\u00ad\u200b\u2060\ufeff\ufffe\x00-\x08\x0e-\x1f\x7f-\x9f]")
_WHITESPACE: Final = re.compile(r"\s+")


def normalise_line(text: str) -> str:
    """One line by rules 1 and 4-6 (the caller has split the lines)."""
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES)
    text = _INVISIBLE.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


def normalise_lines(text: str) -> list[str]:
    """Text split into lines by rules 1, 2 and 4-7."""
    text = unicodedata.normalize("NFC", text)
    lines = (normalise_line(raw) for raw in text.splitlines())
    return [line for line in lines if line]
