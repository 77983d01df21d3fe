"""HTML text with BeautifulSoup and lxml: the main content, without navigation, menus,
cookie banners, share blocks or hidden elements; block elements become lines."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path
from typing import Final

from bs4 import BeautifulSoup
from bs4.element import CData, NavigableString, Tag

from azwa_analysis.sources._text import (
    RULES_VERSION,
    CorruptDocument,
    EmptyDocument,
    normalise_line,
    normalise_lines,
)

_META_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_DROPPED_TAGS: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "nav",
        "button",
        "input",
        "select",
        "textarea",
        "option",
        "dialog",
        "head",
    }
)
_DROPPED_ROLES: Final = frozenset(
    {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar"}
)
_HIDDEN_CLASSES: Final = frozenset(
    {
        "hidden",
        "visually-hidden",
        "visuallyhidden",
        "sr-only",
        "screen-reader-only",
        "element-invisible",
        "invisible",
        "d-none",
    }
)
_BOILERPLATE: Final = re.compile(
    r"(?:^|[-_])(?:cookies?|consent|gdpr|share|sharing|social|breadcrumbs?|skip|skiplinks?"
    r"|menu|popup|modal|newsletter)(?:[-_]|$)",
    re.I,
)
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK_TAGS: Final = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "legend",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "ul",
    }
)


def html_extractor() -> str:
    return (
        f"beautifulsoup4 {version('beautifulsoup4')} + lxml {version('lxml')}; "
        f"rules {RULES_VERSION}"
    )


def _decode_html(path: Path, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, data = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        match = _META_CHARSET.search(data[:4096])
        encoding = match.group(1).decode("ascii").lower() if match else "utf-8"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise CorruptDocument(f"{path.name}: niet te lezen als {encoding} ({exc})") from exc


def _class_tokens(tag: Tag) -> list[str]:
    value = tag.get("class")
    if isinstance(value, str):
        return value.split()
    return list(value) if value else []


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    if _HIDDEN_STYLE.search(str(tag.get("style", ""))):
        return True
    return any(token.lower() in _HIDDEN_CLASSES for token in _class_tokens(tag))


def _is_dropped(tag: Tag) -> bool:
    if tag.name in _DROPPED_TAGS or _is_hidden(tag):
        return True
    if str(tag.get("role", "")).lower() in _DROPPED_ROLES:
        return True
    names = [*_class_tokens(tag), str(tag.get("id", ""))]
    return any(_BOILERPLATE.search(name) for name in names if name)


def _text_length(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _content_root(soup: BeautifulSoup) -> Tag:
    mains = [
        t
        for t in soup.find_all(True)
        if isinstance(t, Tag) and (t.name == "main" or str(t.get("role", "")).lower() == "main")
    ]
    if mains:
        return max(mains, key=_text_length)
    articles = [t for t in soup.find_all("article") if isinstance(t, Tag)]
    if articles:
        return max(articles, key=_text_length)
    scores: dict[int, tuple[int, Tag]] = {}
    for p in soup.find_all("p"):
        parent = p.parent
        if isinstance(p, Tag) and isinstance(parent, Tag):
            old = scores.get(id(parent), (0, parent))[0]
            scores[id(parent)] = (old + _text_length(p), parent)
    if scores:
        return max(scores.values(), key=lambda pair: pair[0])[1]
    body = soup.body
    if body is None:
        raise EmptyDocument("HTML zonder <body>")
    return body


def _visible(tag: Tag) -> bool:
    return not any(_is_dropped(t) for t in (tag, *tag.parents) if isinstance(t, Tag))


class _HtmlLines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        line = normalise_line("".join(self.current))
        if line:
            self.lines.append(line)
        self.current.clear()

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) in (NavigableString, CData):
                    self.current.append(str(child))
            elif isinstance(child, Tag) and not _is_dropped(child):
                self.element(child)

    def element(self, tag: Tag) -> None:
        if tag.name == "br":
            self.flush()
        elif tag.name == "tr":
            self.flush()
            cells = []
            for cell in tag.find_all(["td", "th"], recursive=False):
                if isinstance(cell, Tag) and not _is_dropped(cell):
                    inner = _HtmlLines()
                    inner.walk(cell)
                    inner.flush()
                    cells.append(" ".join(inner.lines))
            if any(cells):
                self.lines.append(normalise_line(" | ".join(cells)))
        elif tag.name == "pre":
            self.flush()
            self.lines.extend(normalise_lines(tag.get_text()))
        elif tag.name in _BLOCK_TAGS:
            self.flush()
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)


def html_lines(path: Path, data: bytes) -> tuple[str, ...]:
    soup = BeautifulSoup(_decode_html(path, data), "lxml")
    root = _content_root(soup)
    collector = _HtmlLines()
    if root.find("h1") is None:
        for h1 in soup.find_all("h1"):
            if isinstance(h1, Tag) and _visible(h1):
                collector.lines.append(normalise_line(h1.get_text(" ")))
                break
    collector.walk(root)
    collector.flush()
    return tuple(line for line in collector.lines if line)
