"""The Word reference document and the Typst template, on a small document through the
converter: A4 pages, the header and footer fields, the styles a clerk edits, a PDF that poppler
reads without complaint, and amounts that keep "€" with their number."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from azwa_analysis._paths import PROJECT_ROOT
from azwa_analysis.report._convert import TEMPLATES, Converter, Format, epoch_for
from tests._tools import need

AS_OF = dt.date(2026, 11, 29)
NBSP = "\u00a0"
KOPREGEL = "Gemeente Beekdaelen · 29 november 2026"
MARKDOWN = f"""::: {{custom-style="Kopregel"}}
{KOPREGEL}
:::

## Middelen

Beekdaelen ontvangt €{NBSP}80.000 in 2026.[^1]

| Onderdeel | Leefgebied | Stand |
|:----------------------|:-------------------------|:------------|
| D5 basisfunctionaliteit | Gezondheidsachterstanden | onbekend |

[^1]: VWS-brief, r. 4:57.
"""
METADATA = {
    "title": "Raadsinformatiebrief gezondheid en welzijn",
    "subtitle": "Stand van zaken",
    "lang": "nl-NL",
    "municipality": "Beekdaelen",
    "asof": "29 november 2026",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _convert(folder: Path, markdown: str) -> dict[str, Path]:
    """Word and PDF from ``markdown``; the Typst source stays beside it (brief.typ)."""
    source = folder / "brief.md"
    source.write_text(markdown, encoding="utf-8")
    outputs: dict[Format, Path] = {fmt: folder / f"brief.{fmt}" for fmt in ("docx", "pdf")}
    with Converter() as converter:
        converter.convert(source, outputs, metadata=METADATA, epoch=epoch_for(AS_OF))
    return {"docx": outputs["docx"], "pdf": outputs["pdf"], "typ": folder / "brief.typ"}


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _convert(tmp_path_factory.mktemp("brief"), MARKDOWN)


def _part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as archive:
        return archive.read(name).decode("utf-8")


def _xml(docx: Path, name: str) -> ET.Element:
    return ET.fromstring(_part(docx, name))


def _related(docx: Path, kind: str) -> list[str]:
    """The parts the document's section refers to as its header or footer."""
    rels = _xml(docx, "word/_rels/document.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    references = _xml(docx, "word/document.xml").iter(f"{W}{kind}Reference")
    return [f"word/{targets[reference.get(f'{R}id')]}" for reference in references]


def _text(element: ET.Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _kopregel(docx: Path) -> str:
    """The text of the first paragraph in the style Kopregel ('' when there is none)."""
    for paragraph in _xml(docx, "word/document.xml").iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "Kopregel":
            return _text(paragraph)
    return ""


def test_docx_page_is_a4_with_margins(brief: dict[str, Path]) -> None:
    """The section's page size is A4 in twips (11906 × 16838), with margins of 2 cm or more."""
    section = _xml(brief["docx"], "word/document.xml").find(f"{W}body/{W}sectPr")
    assert section is not None
    size = section.find(f"{W}pgSz")
    margins = section.find(f"{W}pgMar")
    assert size is not None
    assert margins is not None
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    for side in ("top", "bottom", "left", "right"):
        assert int(margins.get(f"{W}{side}", "0")) >= 1134, side


def test_docx_header_shows_the_kopregel_on_every_page(brief: dict[str, Path]) -> None:
    """The header holds a STYLEREF field on the style Kopregel; the document's Kopregel
    paragraph carries the municipality and the date."""
    (header,) = _related(brief["docx"], "header")
    fields = [i.text or "" for i in _xml(brief["docx"], header).iter(f"{W}instrText")]
    assert [f.split("\\")[0].strip() for f in fields] == ['STYLEREF "Kopregel"']
    assert _kopregel(brief["docx"]) == KOPREGEL


def test_docx_footer_counts_pages(brief: dict[str, Path]) -> None:
    """'Pagina X van Y' with PAGE and NUMPAGES fields."""
    (footer,) = _related(brief["docx"], "footer")
    xml = _xml(brief["docx"], footer)
    assert [(i.text or "").strip() for i in xml.iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
    assert re.fullmatch(r"Pagina \d+ van \d+", _text(xml))


def test_docx_has_the_styles_a_clerk_edits(brief: dict[str, Path]) -> None:
    """Body text, headings 1-3, title, subtitle, footnotes, captions, Kopregel (small, grey),
    a table style with borders, Calibri and Dutch as the defaults."""
    styles = _part(brief["docx"], "word/styles.xml")
    names = {name.lower() for name in re.findall(r'<w:name w:val="([^"]+)"', styles)}
    wanted = {"normal", "body text", "title", "subtitle", "footnote text", "caption", "table"}
    wanted |= {"heading 1", "heading 2", "heading 3", "kopregel"}
    assert wanted <= names
    table = re.search(r'<w:style [^>]*w:styleId="Table".*?</w:style>', styles, re.DOTALL)
    assert table is not None
    assert "<w:tblBorders>" in table[0]
    assert 'w:val="single"' in table[0]
    kopregel = re.search(r'<w:style [^>]*w:styleId="Kopregel".*?</w:style>', styles, re.DOTALL)
    assert kopregel is not None
    assert '<w:sz w:val="16" />' in kopregel[0]
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.DOTALL)
    assert defaults is not None
    assert 'w:ascii="Calibri"' in defaults[0]
    assert 'w:val="nl-NL"' in defaults[0]


def test_docx_without_a_kopregel_gets_one_from_the_metadata(tmp_path: Path) -> None:
    """An older briefing without the Kopregel div still gets a header text, not Word's
    'Error! No text of specified style'."""
    outputs = _convert(tmp_path, MARKDOWN.split(":::\n\n", 1)[1])
    assert _kopregel(outputs["docx"]) == KOPREGEL


def test_amounts_keep_the_no_break_space(brief: dict[str, Path]) -> None:
    """'€' and the number stay on one line: U+00A0 in Word, `~` (Typst's no-break space) in
    the Typst source."""
    assert f"€{NBSP}80.000" in _part(brief["docx"], "word/document.xml")
    typst = brief["typ"].read_text(encoding="utf-8")
    assert "€~80.000" in typst or f"€{NBSP}80.000" in typst


def test_pdf_reads_cleanly_and_is_a4_with_its_title(brief: dict[str, Path]) -> None:
    """pdfinfo prints nothing on stderr (Typst's /Suspects entry is blanked out), and reports
    A4, the title and the as-of date; the PDF stays tagged."""
    result = subprocess.run(
        [need("pdfinfo"), str(brief["pdf"])], capture_output=True, text=True, check=True
    )
    assert result.stderr == ""
    info = {
        key.strip(): value.strip()
        for key, value in (line.split(":", 1) for line in result.stdout.splitlines())
    }
    assert info["Title"] == METADATA["title"]
    assert info["Page size"].endswith("(A4)")
    assert info["Tagged"] == "yes"
    assert "Author" not in info


def test_pdf_metadata_is_dutch_and_dated_the_as_of_day(brief: dict[str, Path]) -> None:
    """Language nl-NL in the catalogue; creation date the as-of date; no Suspects entry."""
    from pypdf import PdfReader

    reader = PdfReader(brief["pdf"])
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl-NL"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/Suspects" not in catalog["/MarkInfo"]
    assert reader.metadata is not None
    assert reader.metadata.creation_date is not None
    assert reader.metadata.creation_date.date() == AS_OF


def test_the_typst_pdf_leaves_out_the_kopregel_its_header_prints(brief: dict[str, Path]) -> None:
    """Typst prints municipality and date in its page header from the metadata, so the body
    does not repeat the Kopregel line."""
    assert KOPREGEL not in brief["typ"].read_text(encoding="utf-8")
    assert "Gemeente $municipality$" in (TEMPLATES / "briefing.typ").read_text(encoding="utf-8")


def test_reference_docx_is_what_its_script_makes(tmp_path: Path) -> None:
    """reports/templates/reference.docx is generated by scripts/make_reference_docx.py: the
    committed file has the same parts, byte for byte, as a fresh run (after a pandoc upgrade,
    run the script again)."""
    fresh = tmp_path / "reference.docx"
    subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "make_reference_docx.py"), "--out", fresh],
        check=True,
        capture_output=True,
    )
    with zipfile.ZipFile(fresh) as new, zipfile.ZipFile(TEMPLATES / "reference.docx") as old:
        assert new.namelist() == old.namelist()
        for name in new.namelist():
            assert new.read(name) == old.read(name), name


def test_quarto_project_uses_the_reference_doc_and_valid_typst_options() -> None:
    """Real Quarto: Word takes the same reference document; the Typst format has no
    `section-numbering: none` (not a Typst numbering pattern; Quarto numbers nothing by
    default) and is A4."""
    project = yaml.safe_load((PROJECT_ROOT / "reports" / "_quarto.yml").read_text("utf-8"))
    docx, typst = project["format"]["docx"], project["format"]["typst"]
    assert (PROJECT_ROOT / "reports" / docx["reference-doc"]).resolve() == (
        TEMPLATES / "reference.docx"
    ).resolve()
    assert typst.get("section-numbering") in (None, False)
    assert typst["papersize"] == "a4"
    assert (PROJECT_ROOT / "reports" / typst["include-in-header"]).is_file()
