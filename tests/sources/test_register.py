"""Registering a document: what is written, and every refusal (with nothing written)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from azwa_analysis._paths import DataPaths
from azwa_analysis.cli import app
from azwa_analysis.sources import DocumentFacts, RegistrationError, register
from tests.sources._documents import (
    write_docx,
    write_encrypted_pdf,
    write_html,
    write_pdf,
)

FACTS = DocumentFacts(
    title="Brief over de middelen",
    publisher="Ministerie van VWS",
    date_published="2026-04-22",
    url="https://www.rijksoverheid.nl/documenten/brief",
    authority="ministerie",
)


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "opslag").mkdir()
    return DataPaths(tmp_path / "data", store=tmp_path / "opslag")


def _state(*folders: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_pdf_is_registered_with_its_text_facts_and_put_in_the_store(
    paths: DataPaths, tmp_path: Path
) -> None:
    """The registration names title, publisher, date, address, kind, both checksums and the
    extractor; the original lands in the store."""
    source = write_pdf(tmp_path / "brief.pdf", [["Regel een", "Regel twee € 80.000"], ["Twee"]])
    registration, path = register(source, FACTS, paths=paths)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path == paths.raw / "sources" / "brief.pdf.yml"
    assert (data["kind"], data["text"]["pages"], data["text"]["lines"]) == ("pdf", 2, 3)
    assert data["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert data["text"]["extractor"].startswith("pypdfium2 ")
    assert data["url"] == FACTS.url
    assert paths.store is not None
    assert (paths.store / "brief.pdf").read_bytes() == source.read_bytes()
    assert registration.short_title == FACTS.title


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("notitie.docx", lambda p: write_docx(p, ["Eerste alinea", "Tweede alinea"])),
        ("pagina.html", lambda p: write_html(p, "<h1>Titel</h1><p>De tekst.</p>")),
    ],
)
def test_word_and_html_are_read_too(paths: DataPaths, tmp_path: Path, name: str, make) -> None:  # type: ignore[no-untyped-def]
    """Word through python-docx, HTML through a parser that drops navigation and footer."""
    registration, _ = register(make(tmp_path / name), FACTS, paths=paths)
    assert registration.kind == name.rpartition(".")[2]
    assert registration.text.lines == 2


def _refused(paths: DataPaths, source: Path, message: str, facts: DocumentFacts = FACTS) -> None:
    assert paths.store is not None
    before = _state(paths.root, paths.store)
    with pytest.raises(RegistrationError) as caught:
        register(source, facts, paths=paths)
    assert message in str(caught.value)
    assert _state(paths.root, paths.store) == before


def test_a_file_that_is_not_what_its_name_says_is_refused(paths: DataPaths, tmp_path: Path) -> None:
    """HTML saved as .pdf."""
    source = tmp_path / "brief.pdf"
    source.write_text("<html><body>Geen PDF</body></html>", encoding="utf-8")
    _refused(paths, source, "maar de inhoud is HTML")


def test_an_encrypted_pdf_is_refused(paths: DataPaths, tmp_path: Path) -> None:
    """A PDF that needs a password cannot be read, so not cited."""
    source = write_encrypted_pdf(tmp_path / "geheim.pdf", [["Vertrouwelijke tekst van de brief"]])
    _refused(paths, source, "PDF met wachtwoord")


def test_a_pdf_without_a_text_layer_is_refused(paths: DataPaths, tmp_path: Path) -> None:
    """A scan without OCR has nothing to quote."""
    source = write_pdf(tmp_path / "scan.pdf", [[], []])
    _refused(paths, source, "geen tekstlaag")


def test_the_same_bytes_twice_are_refused(paths: DataPaths, tmp_path: Path) -> None:
    """A duplicate under another name is named after the registered one."""
    first = write_pdf(tmp_path / "brief.pdf", [["Regel een van de brief", "Regel twee"]])
    register(first, FACTS, paths=paths)
    copy = tmp_path / "kopie.pdf"
    copy.write_bytes(first.read_bytes())
    _refused(paths, copy, "al geregistreerd als brief.pdf")


def test_a_document_whose_bytes_changed_since_registration_is_refused(
    paths: DataPaths, tmp_path: Path
) -> None:
    """The same name with other bytes: a new version needs a new name."""
    source = write_pdf(tmp_path / "brief.pdf", [["Regel een van de brief", "Regel twee"]])
    register(source, FACTS, paths=paths)
    write_pdf(source, [["Regel een van de brief", "Regel twee, gewijzigd"]])
    _refused(paths, source, "de inhoud is veranderd sinds de registratie")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date_published": "22-04-2026"}, "--date"),
        ({"url": "www.vng.nl"}, "--url"),
        ({"authority": "minister"}, "--authority"),
        ({"title": "  "}, "--title is leeg"),
        ({"title": "Brief\u200b"}, "onzichtbare"),
    ],
)
def test_bad_facts_are_refused_before_anything_is_read(
    paths: DataPaths, tmp_path: Path, change: dict[str, str], message: str
) -> None:
    """Date, address, authority and text are checked first."""
    source = write_pdf(tmp_path / "brief.pdf", [["Regel een van de brief", "Regel twee"]])
    facts = DocumentFacts(**{**FACTS.__dict__, **change})
    _refused(paths, source, message, facts)


def test_without_a_store_nothing_is_registered(tmp_path: Path) -> None:
    """The originals live outside the repository: a store is needed to register."""
    (tmp_path / "data" / "raw").mkdir(parents=True)
    paths = DataPaths(tmp_path / "data", store=None)
    source = write_pdf(tmp_path / "brief.pdf", [["Regel een van de brief", "Regel twee"]])
    with pytest.raises(RegistrationError, match="geen documentenopslag"):
        register(source, FACTS, paths=paths)
    assert not (tmp_path / "data" / "raw" / "sources").exists()


def test_cli_add_show_and_refuse(paths: DataPaths, tmp_path: Path) -> None:
    """`azwa source add` exits 0 and says what it registered; `show` prints page:line; a
    refusal exits 1 in Dutch and says nothing was written."""
    source = write_pdf(
        tmp_path / "brief.pdf", [["Regel een van de brief aan de gemeenten"], ["Tweede pagina"]]
    )
    assert paths.store is not None
    common = ["--data-dir", str(paths.root), "--documents", str(paths.store)]
    runner = CliRunner()
    added = runner.invoke(
        app,
        [
            "source",
            "add",
            str(source),
            "--title",
            "Brief",
            "--publisher",
            "VWS",
            "--date",
            "2026-04",
            "--url",
            "https://example.nl/brief.pdf",
            "--authority",
            "ministerie",
            *common,
        ],
    )
    assert added.exit_code == 0, added.output
    assert "Geregistreerd: brief.pdf (pdf, 2 pagina's, 2 regels" in added.output
    shown = runner.invoke(app, ["source", "show", "brief.pdf", "--page", "2", *common])
    assert shown.exit_code == 0
    assert shown.output.split() == ["2:1", "Tweede", "pagina"]
    again = runner.invoke(
        app,
        [
            "source",
            "add",
            str(source),
            "--title",
            "Brief",
            "--publisher",
            "VWS",
            "--date",
            "2026-04",
            "--url",
            "https://example.nl/brief.pdf",
            "--authority",
            "ministerie",
            *common,
        ],
    )
    assert again.exit_code == 1
    assert "al geregistreerd" in again.output
    assert "Er is niets geschreven" in again.output
