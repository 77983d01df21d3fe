"""Word (.docx) text with python-docx: paragraphs and tables in document order, text boxes,
footnotes, and Word's own saved page breaks when they agree with its page count."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol, TypeAlias

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml

from azwa_analysis.sources._text import (
    CorruptDocument,
    Pagination,
    normalise_line,
    normalise_lines,
)

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_APP: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_SKIPPED: Final = frozenset(
    _W + name
    for name in (
        "del",
        "delText",
        "instrText",
        "delInstrText",
        "moveFrom",
        "rPr",
        "pPr",
        "tblPr",
        "trPr",
        "tcPr",
        "sectPr",
        "footnoteRef",
        "endnoteRef",
    )
) | {_MC + "Fallback"}


class _Element(Protocol):
    """The part of lxml's element interface used here (lxml ships no type information)."""

    tag: object
    text: str | None

    def get(self, key: str) -> str | None: ...

    def __iter__(self) -> Iterator[_Element]: ...


@dataclass(frozen=True, slots=True)
class _PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class _FootnoteRef:
    note_id: str


_Item: TypeAlias = str | _PageBreak | _FootnoteRef


class _DocxWalker:
    """Turns WordprocessingML block content into a stream of lines, page breaks and notes."""

    def __init__(self, split_pages: bool) -> None:
        self.split_pages = split_pages

    def blocks(self, parent: _Element) -> Iterator[_Item]:
        for child in _children(parent):
            tag = _tag(child)
            if tag == _W + "p":
                yield from self.paragraph(child)
            elif tag == _W + "tbl":
                yield from self.table(child)
            elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
                yield from self.blocks(child)

    def paragraph(self, p: _Element) -> Iterator[_Item]:
        parts: list[str] = []
        boxes: list[str] = []
        for item in self._inline(p, boxes):
            if isinstance(item, str):
                parts.append(item)
            elif isinstance(item, _PageBreak):
                yield from normalise_lines("".join(parts))
                parts.clear()
                yield item
            else:
                yield item
        yield from normalise_lines("".join(parts))
        yield from boxes

    def _inline(self, element: _Element, boxes: list[str]) -> Iterator[_Item]:
        for child in _children(element):
            tag = _tag(child)
            if tag in _SKIPPED:
                continue
            if tag == _W + "t":
                yield _text(child)
            elif tag in (_W + "tab", _W + "ptab"):
                yield "\t"
            elif tag in (_W + "br", _W + "cr"):
                yield "\n"
            elif tag == _W + "noBreakHyphen":
                yield "-"
            elif tag == _W + "lastRenderedPageBreak":
                if self.split_pages:
                    yield _PageBreak()
            elif tag == _W + "footnoteReference":
                yield _FootnoteRef(_attr(child, _W + "id"))
            elif tag == _W + "txbxContent":
                inner = _DocxWalker(split_pages=False)
                boxes.extend(item for item in inner.blocks(child) if isinstance(item, str))
            else:
                yield from self._inline(child, boxes)

    def table(self, tbl: _Element) -> Iterator[_Item]:
        for tr in _children(tbl):
            if _tag(tr) != _W + "tr":
                continue
            cells: list[str] = []
            notes: list[_FootnoteRef] = []
            page_break = False
            for tc in _cells(tr):
                if _continues_vertical_merge(tc):
                    cells.append("")
                    continue
                inner = _DocxWalker(split_pages=True)
                texts: list[str] = []
                for item in inner.blocks(tc):
                    if isinstance(item, str):
                        texts.append(item)
                    elif isinstance(item, _FootnoteRef):
                        notes.append(item)
                    else:
                        page_break = True
                cells.append(" ".join(texts))
            if page_break and self.split_pages:
                yield _PageBreak()
            yield from notes
            if any(cells):
                yield normalise_line(" | ".join(cells))


def _children(element: _Element) -> Iterator[_Element]:
    for child in element:
        if isinstance(child.tag, str):  # not a comment or processing instruction
            yield child


def _tag(element: _Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _attr(element: _Element, name: str) -> str:
    value = element.get(name)
    return value if isinstance(value, str) else ""


def _text(element: _Element) -> str:
    value = element.text
    return value if isinstance(value, str) else ""


def _cells(tr: _Element) -> Iterator[_Element]:
    for child in _children(tr):
        if _tag(child) == _W + "tc":
            yield child
        elif _tag(child) in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _cells(child)


def _continues_vertical_merge(tc: _Element) -> bool:
    for props in _children(tc):
        if _tag(props) == _W + "tcPr":
            for prop in _children(props):
                if _tag(prop) == _W + "vMerge":
                    return _attr(prop, _W + "val") in ("", "continue")
    return False


def _saved_page_count(document: docx.document.Document) -> int | None:
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            try:
                pages = ET.fromstring(part.blob).find(_APP + "Pages")
            except ET.ParseError:
                return None
            if pages is not None and pages.text and pages.text.strip().isdigit():
                return int(pages.text)
    return None


def _footnotes(document: docx.document.Document) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/footnotes"):
            continue
        root = parse_xml(rel.target_part.blob)
        for note in _children(root):
            if _tag(note) == _W + "footnote" and not _attr(note, _W + "type"):
                walker = _DocxWalker(split_pages=False)
                notes[_attr(note, _W + "id")] = [
                    item for item in walker.blocks(note) if isinstance(item, str)
                ]
    return notes


def docx_pages(path: Path) -> tuple[tuple[tuple[str, ...], ...], Pagination]:
    try:
        document = docx.Document(str(path))
        body = document.element.body
        notes = _footnotes(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        raise CorruptDocument(f"{path.name}: Word-bestand onleesbaar ({exc})") from exc
    # Word's saved pagination is used only if the breaks we split at give Word's page count.
    items = list(_DocxWalker(split_pages=True).blocks(body))
    breaks = sum(1 for item in items if isinstance(item, _PageBreak))
    split = breaks > 0 and _saved_page_count(document) == breaks + 1
    if not split:
        items = list(_DocxWalker(split_pages=False).blocks(body))
    pages: list[list[str]] = [[]]
    pending: list[str] = []
    numbers: dict[str, int] = {}

    def flush_notes() -> None:
        for note_id in pending:
            lines = notes.get(note_id, [])
            if lines:
                pages[-1].append(normalise_line(f"{numbers[note_id]} {lines[0]}"))
                pages[-1].extend(lines[1:])
        pending.clear()

    for item in items:
        if isinstance(item, str):
            pages[-1].append(item)
        elif isinstance(item, _FootnoteRef):
            if item.note_id not in numbers:
                numbers[item.note_id] = len(numbers) + 1
                pending.append(item.note_id)
        else:
            flush_notes()
            pages.append([])
    flush_notes()
    result = tuple(tuple(line for line in page if line) for page in pages)
    return result, ("word-rendered" if split else "single")
