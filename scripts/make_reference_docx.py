"""Make reports/templates/reference.docx, the Word reference document of the briefings.

Pandoc (and Quarto's ``reference-doc``) takes the styles, the page set-up, the header and the
footer of a reference document; its body is ignored. This script starts from pandoc's own
default (``pandoc -o x.docx --print-default-data-file reference.docx``, from pypandoc-binary)
and changes it with the standard library only, so it can be regenerated after a pandoc
upgrade and reviewed as code:

- A4 (11906 × 16838 twips), margins 2 cm left and right, 2.6 cm top, 2.2 cm bottom;
- a header with a ``STYLEREF "Kopregel"`` field: it shows the text of the briefing's first
  paragraph in the style *Kopregel* (``::: {custom-style="Kopregel"}`` in the markdown,
  e.g. "Gemeente Beekdaelen · 29 november 2026") on every page, so one reference document
  serves every municipality;
- a footer "Pagina X van Y" (``PAGE`` and ``NUMPAGES`` fields);
- calm styles a clerk can edit: Calibri 10.5 pt, Dutch (nl-NL) language, headings in the
  briefing's blue, small footnotes and captions, tables with thin borders and a shaded
  header row, and the paragraph style *Kopregel* (small, grey).

Style names stay Word's built-in names (Word shows "Heading 1" as "Kop 1" in Dutch), because
pandoc finds its styles by those names.

    uv run --no-sync python scripts/make_reference_docx.py            # writes the template
    uv run --no-sync python scripts/make_reference_docx.py --out x.docx
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "reports" / "templates" / "reference.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NAMESPACES = f'xmlns:w="{W}" xmlns:r="{R}"'
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

FONT = "Calibri"
BLUE = "154273"  # the briefing's blue, as in briefing.css and briefing.typ
GREY = "595959"
RULE = "A6A6A6"
#: A4 in twips (1/20 pt) and the margins: 2 cm = 1134, 2.6 cm = 1474, 2.2 cm = 1247.
PAGE = {"w": 11906, "h": 16838}
MARGINS = {"top": 1474, "right": 1134, "bottom": 1247, "left": 1134, "header": 680, "footer": 567}
TEXT_WIDTH = PAGE["w"] - MARGINS["left"] - MARGINS["right"]
HEADER_ID, FOOTER_ID = "rIdKopregel", "rIdPagina"
KOPREGEL_FIELD = 'STYLEREF "Kopregel" \\* MERGEFORMAT'
#: Entries written with this time, so the file only changes when its content does.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _fonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _paragraph_style(
    style_id: str,
    name: str,
    *,
    based_on: str | None = "Normal",
    next_style: str | None = None,
    custom: bool = False,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
) -> str:
    custom_attr = ' w:customStyle="1"' if custom else ""
    default_attr = ' w:default="1"' if style_id == "Normal" else ""
    parent = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    following = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style {NAMESPACES} w:type="paragraph"{default_attr}{custom_attr} '
        f'w:styleId="{style_id}"><w:name w:val="{name}"/>{parent}{following}{extra}'
        f"<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _heading(level: int, *, size: int, before: int, after: int, rule: bool = False) -> str:
    border = (
        f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="{BLUE}"/></w:pBdr>'
        if rule
        else ""
    )
    return _paragraph_style(
        f"Heading{level}",
        f"heading {level}",
        next_style="BodyText",
        extra=f'<w:link w:val="Heading{level}Char"/><w:uiPriority w:val="9"/>',
        ppr=f'<w:keepNext/><w:keepLines/>{border}<w:spacing w:before="{before}" w:after="{after}"/>'
        f'<w:outlineLvl w:val="{level - 1}"/>',
        rpr=f'{_fonts()}<w:b/><w:bCs/><w:color w:val="{BLUE}"/>{_size(size)}',
    )


def _table_style() -> str:
    line = f'w:val="single" w:sz="4" w:space="0" w:color="{RULE}"'
    borders = "".join(
        f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:style {NAMESPACES} w:type="table" w:default="1" w:styleId="Table">'
        '<w:name w:val="Table"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:rPr>{_size(18)}</w:rPr>"
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E8EEF5"/>'
        '<w:vAlign w:val="bottom"/></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )


def _styles() -> dict[str, str]:
    """The styles this template sets, by style id (replacing pandoc's or added)."""
    grey_small = f'<w:color w:val="{GREY}"/>{_size(16)}'
    caption_rpr = f'<w:i/><w:iCs/><w:color w:val="404040"/>{_size(18)}'
    return {
        # Word hyphenates (settings.xml) only where a paragraph style allows it: in Compact,
        # the style of table cells, so long words break with a hyphen in narrow columns.
        "Normal": _paragraph_style(
            "Normal", "Normal", based_on=None, ppr="<w:suppressAutoHyphens/>"
        ),
        "BodyText": _paragraph_style(
            "BodyText",
            "Body Text",
            extra='<w:link w:val="BodyTextChar"/>',
            ppr='<w:spacing w:before="60" w:after="60"/>',
        ),
        "Compact": _paragraph_style(
            "Compact",
            "Compact",
            based_on="BodyText",
            custom=True,
            ppr='<w:suppressAutoHyphens w:val="0"/><w:spacing w:before="0" w:after="40"/>',
        ),
        "Title": _paragraph_style(
            "Title",
            "Title",
            next_style="Subtitle",
            extra='<w:link w:val="TitleChar"/><w:uiPriority w:val="10"/>',
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="80" w:line="240" '
            'w:lineRule="auto"/><w:jc w:val="left"/>',
            rpr=f'{_fonts()}<w:b/><w:bCs/><w:color w:val="{BLUE}"/>{_size(36)}',
        ),
        "Subtitle": _paragraph_style(
            "Subtitle",
            "Subtitle",
            next_style="BodyText",
            extra='<w:link w:val="SubtitleChar"/><w:uiPriority w:val="11"/>',
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="200"/><w:jc w:val="left"/>',
            rpr=f'<w:color w:val="{GREY}"/>{_size(24)}',
        ),
        "Kopregel": _paragraph_style(
            "Kopregel",
            "Kopregel",
            next_style="BodyText",
            custom=True,
            ppr='<w:spacing w:before="0" w:after="160"/>',
            rpr=grey_small,
        ),
        "Heading1": _heading(1, size=32, before=360, after=120),
        "Heading2": _heading(2, size=26, before=320, after=120, rule=True),
        "Heading3": _heading(3, size=22, before=220, after=80),
        "FootnoteText": _paragraph_style(
            "FootnoteText",
            "Footnote Text",
            next_style="FootnoteText",
            ppr='<w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/>',
            rpr=_size(16),
        ),
        "Caption": _paragraph_style(
            "Caption",
            "Caption",
            ppr='<w:spacing w:before="60" w:after="200"/>',
            rpr=caption_rpr,
        ),
        "ImageCaption": _paragraph_style(
            "ImageCaption", "Image Caption", based_on="Caption", custom=True
        ),
        "TableCaption": _paragraph_style(
            "TableCaption",
            "Table Caption",
            based_on="Caption",
            custom=True,
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="60"/>',
        ),
        "Header": _paragraph_style(
            "Header",
            "header",
            ppr=f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:before="0" w:after="0"/>',
            rpr=grey_small,
        ),
        "Footer": _paragraph_style(
            "Footer",
            "footer",
            ppr=f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:before="0" w:after="0"/>',
            rpr=grey_small,
        ),
        "Table": _table_style(),
        "Hyperlink": (
            f'<w:style {NAMESPACES} w:type="character" w:styleId="Hyperlink">'
            '<w:name w:val="Hyperlink"/><w:basedOn w:val="BodyTextChar"/>'
            f'<w:rPr><w:color w:val="{BLUE}"/><w:u w:val="single"/></w:rPr></w:style>'
        ),
    }


def _field(instruction: str, shown: str) -> str:
    """A complex field: Word computes it when it lays out the page; ``shown`` is the cached
    result for readers that do not."""
    run = "<w:r><w:rPr><w:noProof/></w:rPr>{}</w:r>"
    return (
        run.format('<w:fldChar w:fldCharType="begin"/>')
        + run.format(f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>')
        + run.format('<w:fldChar w:fldCharType="separate"/>')
        + run.format(f'<w:t xml:space="preserve">{shown}</w:t>')
        + run.format('<w:fldChar w:fldCharType="end"/>')
    )


def _text(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def header_xml() -> str:
    """The municipality and the as-of date: the briefing's own Kopregel paragraph."""
    rule = f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {NAMESPACES}>'
        f'<w:p><w:pPr><w:pStyle w:val="Header"/>{rule}</w:pPr>'
        f"{_field(KOPREGEL_FIELD, '')}"
        "</w:p></w:hdr>"
    )


def footer_xml() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {NAMESPACES}>'
        '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="right"/></w:pPr>'
        f"{_text('Pagina ')}{_field('PAGE', '1')}{_text(' van ')}{_field('NUMPAGES', '1')}"
        "</w:p></w:ftr>"
    )


def section_xml() -> str:
    margins = " ".join(f'w:{side}="{twips}"' for side, twips in MARGINS.items())
    return (
        f"<w:sectPr {NAMESPACES}>"
        f'<w:headerReference w:type="default" r:id="{HEADER_ID}"/>'
        f'<w:footerReference w:type="default" r:id="{FOOTER_ID}"/>'
        '<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>'
        f'<w:pgSz w:w="{PAGE["w"]}" w:h="{PAGE["h"]}"/>'
        f'<w:pgMar {margins} w:gutter="0"/><w:cols w:space="708"/>'
        "</w:sectPr>"
    )


def _register(xml: bytes) -> None:
    """Keep the part's own namespace prefixes when ElementTree writes it back."""
    for prefix, uri in re.findall(rb'xmlns(?::(\w+))?="([^"]+)"', xml):
        ET.register_namespace(prefix.decode(), uri.decode())


def _serialise(root: ET.Element) -> bytes:
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body


def styles(xml: bytes) -> bytes:
    _register(xml)
    root = ET.fromstring(xml)
    defaults = root.find(f"{{{W}}}docDefaults")
    assert defaults is not None, "styles.xml zonder docDefaults"
    defaults.clear()
    defaults.extend(
        ET.fromstring(
            f"<w:docDefaults {NAMESPACES}><w:rPrDefault><w:rPr>{_fonts()}{_size(21)}"
            '<w:lang w:val="nl-NL" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        )
    )
    wanted = _styles()
    for index, style in enumerate(list(root)):
        style_id = style.get(f"{{{W}}}styleId")
        if style_id in wanted:
            root.remove(style)
            root.insert(index, ET.fromstring(wanted.pop(style_id)))
    for added in wanted.values():  # styles pandoc's default lacks
        root.append(ET.fromstring(added))
    return _serialise(root)


def document(xml: bytes) -> bytes:
    """A4 with the header and footer; a Kopregel paragraph first, so the reference document
    opened on its own shows what the header does."""
    _register(xml)
    root = ET.fromstring(xml)
    body = root.find(f"{{{W}}}body")
    assert body is not None, "document.xml zonder body"
    old = body.find(f"{{{W}}}sectPr")
    assert old is not None, "document.xml zonder sectPr"
    body.remove(old)
    sample = (
        f'<w:p {NAMESPACES}><w:pPr><w:pStyle w:val="Kopregel"/></w:pPr>'
        f"{_text('Gemeente Voorbeeld · 1 januari 2026')}</w:p>"
    )
    body.insert(0, ET.fromstring(sample))
    body.append(ET.fromstring(section_xml()))
    return _serialise(root)


def relationships(xml: bytes) -> bytes:
    _register(xml)
    root = ET.fromstring(xml)
    for rel_id, kind, target in (
        (HEADER_ID, "header", "header1.xml"),
        (FOOTER_ID, "footer", "footer1.xml"),
    ):
        ET.SubElement(
            root,
            f"{{{PACKAGE_RELS}}}Relationship",
            {"Id": rel_id, "Type": f"{R}/{kind}", "Target": target},
        )
    return _serialise(root)


def content_types(xml: bytes) -> bytes:
    _register(xml)
    root = ET.fromstring(xml)
    for part, kind in (("header1.xml", "header"), ("footer1.xml", "footer")):
        ET.SubElement(
            root,
            f"{{{CONTENT_TYPES}}}Override",
            {"PartName": f"/word/{part}", "ContentType": f"{WML}.{kind}+xml"},
        )
    return _serialise(root)


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"verwacht één keer {old!r} in pandocs referentiedocument"
    return text.replace(old, new)


def settings(xml: bytes) -> bytes:
    text = xml.decode("utf-8")
    text = _replace_once(
        text, '<w:themeFontLang w:val="en-US" />', '<w:themeFontLang w:val="nl-NL" />'
    )
    text = _replace_once(text, '<w:decimalSymbol w:val="." />', '<w:decimalSymbol w:val="," />')
    text = _replace_once(text, '<w:listSeparator w:val="," />', '<w:listSeparator w:val=";" />')
    hyphenation = '<w:autoHyphenation/><w:consecutiveHyphenLimit w:val="2"/><w:doNotHyphenateCaps/>'
    tab = '<w:defaultTabStop w:val="720" />'
    return _replace_once(text, tab, tab + hyphenation).encode("utf-8")


def theme(xml: bytes) -> bytes:
    """Calibri for the theme's heading and body fonts (pandoc's default is Aptos)."""
    text = xml.decode("utf-8")
    text = re.sub(
        r'(<a:majorFont>\s*<a:latin typeface=")[^"]*(" panose=")[^"]*"',
        r'\g<1>Calibri Light\g<2>020F0302020204030204"',
        text,
    )
    text = re.sub(
        r'(<a:minorFont>\s*<a:latin typeface=")[^"]*(" panose=")[^"]*"',
        r'\g<1>Calibri\g<2>020F0502020204030204"',
        text,
    )
    return text.encode("utf-8")


EDITS = {
    "word/styles.xml": styles,
    "word/document.xml": document,
    "word/_rels/document.xml.rels": relationships,
    "[Content_Types].xml": content_types,
    "word/settings.xml": settings,
    "word/theme/theme1.xml": theme,
}


def pandoc_default(pandoc: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "default.docx"
        subprocess.run(
            [pandoc, "-o", str(path), "--print-default-data-file", "reference.docx"], check=True
        )
        return path.read_bytes()


def build(default: bytes) -> dict[str, bytes]:
    """The parts of the reference document, in order, from pandoc's default."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "default.docx"
        source.write_bytes(default)
        with zipfile.ZipFile(source) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
    missing = set(EDITS) - set(parts)
    assert not missing, f"pandocs referentiedocument mist {sorted(missing)}"
    for name, edit in EDITS.items():
        parts[name] = edit(parts[name])
    parts["word/header1.xml"] = header_xml().encode("utf-8")
    parts["word/footer1.xml"] = footer_xml().encode("utf-8")
    return parts


def write(parts: dict[str, bytes], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TARGET, help=f"default: {TARGET}")
    parser.add_argument("--pandoc", help="pandoc binary (default: pypandoc-binary's)")
    args = parser.parse_args(argv)
    pandoc = args.pandoc
    if pandoc is None:
        import pypandoc

        pandoc = str(pypandoc.get_pandoc_path())
    write(build(pandoc_default(pandoc)), args.out)
    print(f"geschreven: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
