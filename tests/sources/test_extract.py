"""Extraction on the registered documents (from the store) and on bad input made on the fly.

Tests that read the originals need the document store (``../shared/sources``); without it they
are skipped, visibly, and under CI they fail.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pypdf
import pypdfium2  # type: ignore[import-untyped]
import pytest

from azwa_analysis.sources._extract import SUFFIXES, extract
from azwa_analysis.sources._text import (
    ContentMismatch,
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    NoTextLayer,
    UnsupportedFormat,
    normalise_line,
    normalise_lines,
)

_STORE = os.environ.get("AZWA_DOCUMENTS")
SOURCES = Path(_STORE) if _STORE else Path("/nonexistent")
SPUK = SOURCES / "nat_vws_spuk_iza_brede_spuk_mandaatgemeente_2025.pdf"
DOCX = SOURCES / "nat_azwa_format_werkagenda_d5_2026.docx"


@pytest.fixture(autouse=True)
def _need_the_store(request: pytest.FixtureRequest) -> None:
    """Skip (or under CI fail) a test that reads the originals when the store is absent."""
    if request.node.name.startswith(
        (
            "test_normalisation",
            "test_zip_",
            "test_encrypted_docx",
            "test_corrupt_pdf",
            "test_html_in_wrong",
            "test_empty_html",
        )
    ):
        return
    if not SPUK.is_file():
        message = "documentenopslag ontbreekt (AZWA_DOCUMENTS / ../shared/sources)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def test_normalisation_rules() -> None:
    raw = "a\u00a0b\tc  \u00ad\u200bd\ufb01n\r\n\r\n  e\u2009f  \n\u000c"
    assert normalise_lines(raw) == ["a b c dfin", "e f"]
    assert normalise_line("e\u0301") == "\u00e9"  # NFC


def test_spuk_bijlage_2a_rows_on_one_line() -> None:
    result = extract(SPUK)
    assert result.kind == "pdf"
    assert result.line(4, 32) == "Aa en Hunze € 401.280,00 € 341.674,00"
    assert result.find("Nederwetten € 317.174,00 € 270.061,00") == [(9, 23)]
    assert result.line(9, 22) == "Nuenen, Gerwen en"


def test_hyphen_at_line_end_stays_and_keeps_lines() -> None:
    iza = extract(SOURCES / "nat_iza_2022_integraal_zorgakkoord.pdf")
    assert iza.line(19, 13).endswith("financi-")
    assert all("\x02" not in line for page in iza.pages for line in page)


def test_docx_pages_tables_textboxes_footnotes() -> None:
    result = extract(DOCX)
    assert result.pagination == "word-rendered"
    assert len(result.pages) == 23
    assert result.line(6, 2) == "IST / SOLL / GAP | Onderdelen | Uitwerking"
    assert result.line(5, 5) == "Financierders:"
    assert result.line(3, 27).startswith("2 Het financiële plan is optioneel")


@pytest.mark.parametrize(
    ("name", "first", "absent"),
    [
        ("nat_dusi_spuk_iza_2023_2026.html", "Specifieke uitkering IZA-doelen 2023-2026", "Menu"),
        (
            "nat_vng_azwa_faq_middelen.html",
            "Welke middelen zijn beschikbaar in het AZWA en hoe worden deze middelen verdeeld?",
            "Delen via",
        ),
    ],
)
def test_html_main_text_without_navigation(name: str, first: str, absent: str) -> None:
    result = extract(SOURCES / name)
    lines = result.pages[0]
    assert lines[0] == first
    assert not any(absent in line for line in lines)
    assert not any(word in " ".join(lines) for word in ("Kruimelpad", "Sitemap", "Privacy"))


def test_deterministic() -> None:
    for path in sorted(SOURCES.iterdir()):
        if path.suffix in SUFFIXES:
            assert extract(path) == extract(path)


def _copy(tmp_path: Path, source: Path, name: str) -> Path:
    target = tmp_path / name
    target.write_bytes(source.read_bytes())
    return target


@pytest.mark.parametrize(
    ("source", "name"),
    [
        (SOURCES / "nat_vng_azwa_faq_middelen.html", "page.pdf"),
        (SPUK, "letter.docx"),
        (DOCX, "format.html"),
        (SPUK, "letter.html"),
    ],
)
def test_content_mismatch(tmp_path: Path, source: Path, name: str) -> None:
    with pytest.raises(ContentMismatch):
        extract(_copy(tmp_path, source, name))


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hallo")
    with pytest.raises(ContentMismatch, match=r"zonder word/document\.xml"):
        extract(path)


def test_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat):
        extract(_copy(tmp_path, SPUK, "letter.txt"))


def test_encrypted_pdf_needs_password(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=SOURCES / "nat_azwa_2026_cw31_kamerbrief.pdf")
    writer.encrypt(user_password="geheim", owner_password="eigenaar", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(EncryptedDocument):
        extract(path)


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=SOURCES / "nat_azwa_2026_cw31_kamerbrief.pdf")
    writer.encrypt(user_password="", owner_password="eigenaar", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    plain = extract(SOURCES / "nat_azwa_2026_cw31_kamerbrief.pdf")
    assert extract(path).pages == plain.pages


def test_encrypted_docx(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(ole + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(EncryptedDocument):
        extract(path)


def test_scan_without_text_layer(tmp_path: Path) -> None:
    document = pypdfium2.PdfDocument(str(SPUK))
    image = document[0].render(scale=1).to_pil()
    document.close()
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF")
    with pytest.raises(NoTextLayer):
        extract(path)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + hashlib.sha256(b"x").digest() * 100)
    with pytest.raises(CorruptDocument):
        extract(path)


def test_truncated_docx(tmp_path: Path) -> None:
    path = tmp_path / "half.docx"
    path.write_bytes(DOCX.read_bytes()[:200_000])
    with pytest.raises(CorruptDocument):
        extract(path)


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    path = tmp_path / "broken.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(CorruptDocument):
        extract(path)


def test_html_in_wrong_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><meta charset="utf-8"><body><p>caf\xe9</p></body></html>')
    with pytest.raises(CorruptDocument):
        extract(path)


def test_empty_html(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"<!DOCTYPE html><html><body><nav>menu</nav></body></html>")
    with pytest.raises(EmptyDocument):
        extract(path)


def test_docx_without_saved_page_count_is_one_page(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/app.xml":
                data = data.replace(b"<Pages>23</Pages>", b"<Pages>7</Pages>")
            target.writestr(item, data)
    path = tmp_path / "repaged.docx"
    path.write_bytes(buffer.getvalue())
    result = extract(path)
    assert result.pagination == "single"
    assert len(result.pages) == 1
    paged = extract(DOCX)
    assert sorted(result.pages[0]) == sorted(line for page in paged.pages for line in page)
