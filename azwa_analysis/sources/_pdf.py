"""PDF text with pypdfium2: each page read whole (``get_text_bounded``), hyphens kept."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2  # type: ignore[import-untyped]

from azwa_analysis.sources._text import (
    MIN_CHARS_PER_PAGE,
    RULES_VERSION,
    CorruptDocument,
    EncryptedDocument,
    NoTextLayer,
    normalise_lines,
)

#: pdfium marks a hyphen that ends a line with U+0002 (or U+FFFE) and joins the next line.
_PDFIUM_HYPHEN = re.compile("[\x02\ufffe]")


def pdf_extractor() -> str:
    return (
        f"pypdfium2 {pypdfium2.PYPDFIUM_INFO} (pdfium {pypdfium2.PDFIUM_INFO}); "
        f"rules {RULES_VERSION}"
    )


def pdf_pages(path: Path) -> tuple[tuple[str, ...], ...]:
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        if exc.err_code == pypdfium2.raw.FPDF_ERR_PASSWORD:
            raise EncryptedDocument(f"{path.name}: PDF met wachtwoord") from exc
        raise CorruptDocument(f"{path.name}: pdfium kan het bestand niet lezen ({exc})") from exc
    pages: list[tuple[str, ...]] = []
    try:
        for index in range(len(document)):
            try:
                page = document[index]
            except pypdfium2.PdfiumError as exc:
                raise CorruptDocument(f"{path.name}: pagina {index + 1} onleesbaar") from exc
            try:
                textpage = page.get_textpage()
                try:
                    raw = str(textpage.get_text_bounded())
                finally:
                    textpage.close()
            finally:
                page.close()
            pages.append(tuple(normalise_lines(_PDFIUM_HYPHEN.sub("-\n", raw))))
    finally:
        document.close()
    if all(
        sum(len(line) - line.count(" ") for line in page) < MIN_CHARS_PER_PAGE for page in pages
    ):
        raise NoTextLayer(
            f"{path.name}: geen tekstlaag (minder dan {MIN_CHARS_PER_PAGE} tekens op elk van "
            f"de {len(pages)} pagina's); eerst OCR nodig"
        )
    return tuple(pages)
