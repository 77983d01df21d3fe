"""Extract a PDF, a Word file or an HTML page into numbered pages of lines.

What a page and a line are, and the normalisation rules, are in :mod:`._text`; the readers are
:mod:`._pdf`, :mod:`._docx` and :mod:`._html`. The file's content must be what its extension
says (checked on its first bytes).
"""

from __future__ import annotations

import zipfile
from importlib.metadata import version
from pathlib import Path
from typing import Final

from azwa_analysis.sources._docx import docx_pages
from azwa_analysis.sources._html import html_extractor, html_lines
from azwa_analysis.sources._pdf import pdf_extractor, pdf_pages
from azwa_analysis.sources._text import (
    RULES_VERSION,
    ContentMismatch,
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    Extraction,
    Kind,
    UnsupportedFormat,
)

SUFFIXES: Final[dict[str, Kind]] = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}


def _sniff(data: bytes) -> str:
    """What the bytes are: "pdf", "docx", "html", "zip", "ole" or "unknown"."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    return "unknown"


_DESCRIPTIONS: Final = {
    "pdf": "een PDF",
    "zip": "een zip-archief zonder word/document.xml",
    "ole": "een OLE2-bestand (oud .doc-formaat of een met wachtwoord versleuteld .docx)",
    "html": "HTML",
    "unknown": "geen PDF, Word of HTML",
}


def _check_content(path: Path, data: bytes, expected: Kind) -> None:
    found = _sniff(data)
    if found == "zip":
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise CorruptDocument(f"{path.name}: beschadigd zip-archief ({exc})") from exc
        if "word/document.xml" in names:
            found = "docx"
    if found == expected:
        return
    if expected == "docx" and found == "ole" and "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedDocument(f"{path.name}: Word-bestand met wachtwoord")
    what = _DESCRIPTIONS.get(found, found)
    raise ContentMismatch(f"{path.name}: extensie {path.suffix!r}, maar de inhoud is {what}")


def extract(path: Path) -> Extraction:
    """Extract ``path`` (.pdf, .docx, .html or .htm) into numbered pages of lines."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedFormat(f"{path.name}: alleen .pdf, .docx, .html en .htm")
    data = path.read_bytes()
    _check_content(path, data, kind)
    if kind == "pdf":
        return Extraction(pdf_pages(path), pdf_extractor(), "pdf", "pdf-page")
    if kind == "docx":
        pages, pagination = docx_pages(path)
        extractor = f"python-docx {version('python-docx')}; rules {RULES_VERSION}"
        result = Extraction(pages, extractor, "docx", pagination)
    else:
        result = Extraction((html_lines(path, data),), html_extractor(), "html", "single")
    if not any(result.pages):
        raise EmptyDocument(f"{path.name}: geen tekst gevonden")
    return result
