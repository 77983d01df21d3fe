"""Markdown that survives pandoc into HTML, Word and Typst: escaped text, pipe tables,
footnotes with sources."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

from azwa_analysis._periods import MONTHS_NL

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
    #: Citations shown in a table's own source list (not as footnotes), for the quotes.
    _listed: dict[Citation, None] = field(default_factory=dict)

    def table(self) -> TableSources:
        """Sources for one table: marks in its cells and a short list under it (footnotes in
        table cells cost Typst a new layout of the whole table per note)."""
        return TableSources(self)

    def listed(self, citations: Iterable[Citation]) -> None:
        """Quote these citations in the appendix too (a table's sources, marked in the table)."""
        for citation in citations:
            self._listed[citation] = None

    def short(self, citations: Iterable[Citation]) -> str:
        """Document and place, short: ``VNG-ledenbrief AZWA (juli 2025), r. 159; r. 175``."""
        by_document: dict[str, list[Citation]] = {}
        for citation in citations:
            by_document.setdefault(citation.document, []).append(citation)
        parts: list[str] = []
        for document, group in by_document.items():
            if not document:
                parts.extend(md_escape(c.quote) for c in group)
                continue
            places = "; ".join(_place(document, c.location) for c in group)
            parts.append(f"{self.title(document)}, {places}")
        return "; ".join(parts)

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
        return self.cite([_citation(row)])

    def cite_frame(self, frame: pl.DataFrame) -> str:
        """One footnote for all distinct sources of a frame."""
        return self.cite(frame_citations(frame))

    def definitions(self) -> str:
        """All footnote definitions, in order of first use, short: document and place; the
        quotes are in :meth:`quotes_md`."""
        lines = [f"[^{key}]: {self.short(citations)}." for citations, key in self._keys.items()]
        return "\n\n".join(lines) + ("\n" if lines else "")

    def title(self, document: str) -> str:
        """A document's short title, in italics; a steward's submission by its date."""
        if document.startswith("imports/"):
            stamp = document.split("/")[1][:8]
            when = f"{int(stamp[6:8])} {MONTHS_NL[int(stamp[4:6]) - 1]} {stamp[:4]}"
            return f"*Aanlevering van {when}*"
        return f"*{md_escape(self.titles.get(document, document))}*"

    def quotes_md(self, order: Sequence[str]) -> str:
        """Every cited quote, grouped by document (in ``order``, then the rest), sorted by
        place: the appendix behind the short footnotes."""
        by_document: dict[str, set[Citation]] = {}
        everything = [c for citations in self._keys for c in citations] + list(self._listed)
        for citation in everything:
            if citation.document:
                by_document.setdefault(citation.document, set()).add(citation)
        ranked = [d for d in order if d in by_document] + sorted(
            d for d in by_document if d not in order
        )
        blocks: list[str] = []
        for document in ranked:
            items = sorted(by_document[document], key=lambda c: (_place_key(c.location), c.quote))
            lines = [f"{self.title(document)}", ""]
            lines += [f"- {_place(document, c.location)}: “{md_escape(c.quote)}”" for c in items]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"


def place_nl(location: str) -> str:
    """``159`` → ``r. 159``; ``13:41-44`` → ``p. 13, r. 41–44``; ``3:50-4:2`` → ``p. 3, r. 50 –
    p. 4, r. 2``; a steward's row number → ``rij 2``.

    Examples
    --------
    >>> place_nl("4:20-21"), place_nl("56-62")
    ('p. 4, r. 20–21', 'r. 56–62')
    """
    if ":" not in location:
        return "r. " + location.replace("-", "–")
    first, _, last = location.partition("-")
    page, line = first.split(":")
    text = f"p. {page}, r. {line}"
    if not last:
        return text
    if ":" in last:
        end_page, end_line = last.split(":")
        return f"{text} – p. {end_page}, r. {end_line}"
    return f"{text}–{last}"


def _place(document: str, location: str) -> str:
    return f"rij {location}" if document.startswith("imports/") else place_nl(location)


def _place_key(location: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", location)) or (0,)


def tidy(markdown: str) -> str:
    """No line break between '€' and its amount, nor before 'mln' or '%'."""
    return markdown.replace("€ ", "€\u00a0").replace(" mln", "\u00a0mln").replace(" %", "\u00a0%")


@dataclass
class TableSources:
    """The sources of one table: ``^1^`` marks in its cells, and under the table one line per
    source (the same sources get the same number)."""

    notes: SourceNotes
    _numbers: dict[tuple[Citation, ...], int] = field(default_factory=dict)

    def mark(self, citations: Iterable[Citation]) -> str:
        unique = tuple(dict.fromkeys(citations))
        if not unique:
            return ""
        number = self._numbers.setdefault(unique, len(self._numbers) + 1)
        self.notes.listed(unique)
        return f"^{number}^"

    def mark_row(self, row: dict[str, object]) -> str:
        return self.mark([_citation(row)])

    def mark_frame(self, frame: pl.DataFrame) -> str:
        return self.mark(frame_citations(frame))

    def citations(self) -> tuple[Citation, ...]:
        """Every citation marked in this table (for a copy of the table in another briefing)."""
        return tuple(dict.fromkeys(c for cs in self._numbers for c in cs))

    def md(self) -> str:
        """'Bronnen: ^1^ … ^2^ …' (empty without sources)."""
        if not self._numbers:
            return ""
        items = " ".join(
            f"^{number}^ {self.notes.short(citations)}."
            for citations, number in self._numbers.items()
        )
        return f"*Bronnen bij de tabel:* {items}\n"


def frame_citations(frame: pl.DataFrame) -> list[Citation]:
    """The distinct sources of a frame's rows, in order (plain Python: a polars ``unique`` per
    cited cell cost a briefing 40 ms)."""
    rows = zip(
        frame["source_document"].to_list(),
        frame["source_location"].to_list(),
        frame["source_quote"].to_list(),
        strict=True,
    )
    return [Citation(*row) for row in dict.fromkeys(rows)]


def _citation(row: dict[str, object]) -> Citation:
    return Citation(
        str(row["source_document"]), str(row["source_location"]), str(row["source_quote"])
    )
