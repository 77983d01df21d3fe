"""Small documents made by the tests: PDFs with a text layer (or without), encrypted PDFs, Word
files and HTML pages, so that registration can be tested without the document store."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from pypdf import PdfReader, PdfWriter


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A minimal PDF whose pages show the given lines in Helvetica (a real text layer)."""
    objects: list[bytes] = []
    font = len(pages) * 2 + 3
    kids = []
    for index, lines in enumerate(pages):
        page_id, content_id = 3 + index * 2, 4 + index * 2
        kids.append(f"{page_id} 0 R")
        stream = "BT /F1 11 Tf 14 TL 72 760 Td " + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        stream += " ET"
        data = stream.encode("cp1252")
        page = (
            f"{page_id} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content_id} 0 R >> endobj\n"
        )
        objects.append(page.encode())
        objects.append(
            f"{content_id} 0 obj << /Length {len(data)} >> stream\n".encode()
            + data
            + b"\nendstream endobj\n"
        )
    tree = f"2 0 obj << /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >> endobj\n"
    head = [b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n", tree.encode()]
    tail = [
        f"{font} 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        "/Encoding /WinAnsiEncoding >> endobj\n".encode()
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for obj in [*head, *objects, *tail]:
        offsets.append(len(body))
        body += obj
    xref = len(body)
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += (
        f"trailer << /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return body


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    path.write_bytes(pdf_bytes(pages))
    return path


def write_encrypted_pdf(path: Path, pages: list[list[str]]) -> Path:
    reader = PdfReader(io.BytesIO(pdf_bytes(pages)))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="geheim", owner_password="geheim", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def write_html(path: Path, body: str) -> Path:
    path.write_text(
        "<!doctype html><html><head><title>t</title></head><body>"
        "<nav><a href='/'>Menu</a><a href='/x'>Inloggen</a></nav>"
        f"<main>{body}</main><footer>Cookies en privacy</footer></body></html>",
        encoding="utf-8",
    )
    return path
