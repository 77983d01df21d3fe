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
) -> str:
    """A pandoc pipe table (header, alignment row, rows); cells are escaped unless told not.

    ``align`` holds ``l``/``r``/``c`` per column (default: left).
    """
    columns = frame.columns
    alignment = list(align) if align is not None else ["l"] * len(columns)
    marks = {"l": ":---", "r": "---:", "c": ":---:"}

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return md_escape(text) if escape else text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "| " + " | ".join(md_escape(c) for c in columns) + " |",
        "|" + "|".join(marks[a] for a in alignment) + "|",
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

    def cite_row(self, row: dict[str, object]) -> str:
        """Cite a row that has ``source_document``, ``source_location``, ``source_quote``."""
        return self.cite([Citation(str(row["source_document"]), str(row["source_location"]),
                                   str(row["source_quote"]))])

    def cite_frame(self, frame: pl.DataFrame) -> str:
        """One footnote for all distinct sources of a frame."""
        rows = frame.select("source_document", "source_location", "source_quote").unique(
            maintain_order=True
        )
        return self.cite(Citation(*row) for row in rows.iter_rows())

    def definitions(self) -> str:
        """All footnote definitions, in order of first use."""
        lines: list[str] = []
        for citations, key in self._keys.items():
            parts = []
            for c in citations:
                title = self.titles.get(c.document, c.document)
                parts.append(
                    f"{md_escape(title)}, regel {md_escape(c.location)}: "
                    f"“{md_escape(c.quote)}” (bestand {md_escape(c.document)})"
                )
            lines.append(f"[^{key}]: " + "; ".join(parts) + ".")
        return "\n\n".join(lines) + ("\n" if lines else "")

    def __len__(self) -> int:
        return len(self._keys)
