"""Markdown that survives pandoc into HTML, Word and Typst: escaped text, pipe tables,
footnotes with sources."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

# Characters with a meaning in pandoc markdown (and '<', '>' and '&', which would let raw HTML
# through to the HTML output).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>&~^$@])")


def md_escape(text: str) -> str:
    """Escape text from data so pandoc shows it literally (no markup, no raw HTML).

    Examples
    --------
    >>> md_escape("<script>alert(1)</script> *x*")
    '\\\\<script\\\\>alert\\\\(1\\\\)\\\\</script\\\\> \\\\*x\\\\*'
    """
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


def pipe_table(
    frame: pl.DataFrame,
    *,
    align: Sequence[str] | None = None,
    escape: bool = True,
    caption: str | None = None,
    widths: Sequence[int] | None = None,
) -> str:
    """A pandoc pipe table (header, alignment row, rows); cells are escaped unless told not.

    ``align`` holds ``l``/``r``/``c`` per column (default: left). ``widths`` are relative column
    widths: pandoc takes them from the number of dashes in the alignment row when that row is
    wider than 72 characters, so the row is drawn at least 100 characters wide.
    """
    columns = frame.columns
    alignment = list(align) if align is not None else ["l"] * len(columns)
    weights = list(widths) if widths is not None else [1] * len(columns)
    scale = max(1, -(-100 // sum(weights)))  # at least 100 dashes in all

    def mark(kind: str, weight: int) -> str:
        dashes = "-" * max(3, weight * scale)
        return {"l": ":" + dashes, "r": dashes + ":", "c": ":" + dashes + ":"}[kind]

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return md_escape(text) if escape else text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "| " + " | ".join(md_escape(c) for c in columns) + " |",
        "|" + "|".join(mark(a, w) for a, w in zip(alignment, weights, strict=True)) + "|",
    ]
    for row in frame.iter_rows():
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    table = "\n".join(lines)
    if caption:
        table += f"\n\n: {md_escape(caption)}"
    return table + "\n"


@dataclass(frozen=True)
class Citation:
    """One source reference: document, line(s), quote."""

    document: str
    location: str
    quote: str


@dataclass
class SourceNotes:
    """Collects footnotes; the same citation set gets the same footnote everywhere.

    ``cite`` returns the footnote marker (``[^b3]``); :meth:`definitions` writes the notes,
    with document titles from the ``documents`` table.
    """

    titles: dict[str, str]
    prefix: str = "b"
    _keys: dict[tuple[Citation, ...], str] = field(default_factory=dict)

    def cite(self, citations: Iterable[Citation]) -> str:
        unique = tuple(dict.fromkeys(citations))
        if not unique:
            return ""
        key = self._keys.get(unique)
        if key is None:
            key = f"{self.prefix}{len(self._keys) + 1}"
            self._keys[unique] = key
        return f"[^{key}]"

    def cite_data(self, description: str) -> str:
        """A footnote that names a data file rather than a document quote (for figures from
        the municipality tables)."""
        return self.cite([Citation("", "", description)])

    def cite_row(self, row: dict[str, object]) -> str:
        """Cite a row that has ``source_document``, ``source_location``, ``source_quote``."""
        return self.cite(
            [
                Citation(
                    str(row["source_document"]),
                    str(row["source_location"]),
                    str(row["source_quote"]),
                )
            ]
        )

    def cite_frame(self, frame: pl.DataFrame) -> str:
        """One footnote for all distinct sources of a frame."""
        rows = frame.select("source_document", "source_location", "source_quote").unique(
            maintain_order=True
        )
        return self.cite(Citation(*row) for row in rows.iter_rows())

    def definitions(self) -> str:
        """All footnote definitions, in order of first use; citations of one document are
        grouped: ``VNG-ledenbrief AZWA (juli 2025), r. 159: “…”; r. 175: “…”.``"""
        lines: list[str] = []
        for citations, key in self._keys.items():
            by_document: dict[str, list[Citation]] = {}
            for citation in citations:
                by_document.setdefault(citation.document, []).append(citation)
            parts: list[str] = []
            for document, group in by_document.items():
                if not document:
                    parts.extend(md_escape(c.quote) for c in group)
                    continue
                title = md_escape(self.titles.get(document, document))
                quotes = "; ".join(
                    f"r. {md_escape(c.location)}: “{md_escape(c.quote)}”" for c in group
                )
                parts.append(f"{title}, {quotes}")
            lines.append(f"[^{key}]: " + " — ".join(parts) + ".")
        return "\n\n".join(lines) + ("\n" if lines else "")
