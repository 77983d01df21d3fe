"""Validation reports a steward can act on: a terminal table, JSON, or an HTML page to forward.

Text from the input is always escaped: in HTML as entities, on a terminal as visible escapes.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from azwa_analysis._format import printable
from azwa_analysis._issues import ValidationIssue

if TYPE_CHECKING:
    from rich.console import Console

COLUMNS = ("Bestand", "Blad", "Rij", "Kolom", "Waarde", "Probleem", "Oplossing")


def _cells(issue: ValidationIssue) -> list[str]:
    return [
        issue.file,
        issue.sheet or "",
        "" if issue.row is None else str(issue.row),
        issue.column or "",
        issue.value or "",
        issue.rule,
        issue.hint or "",
    ]


def report_json(issues: Sequence[ValidationIssue], *, files: Sequence[str]) -> str:
    return json.dumps(
        {
            "files": list(files),
            "ok": not issues,
            "count": len(issues),
            "issues": [i.to_dict() for i in issues],
        },
        ensure_ascii=False,
        indent=2,
    )


def report_html(
    issues: Sequence[ValidationIssue], *, files: Sequence[str], when: dt.datetime | None = None
) -> str:
    """A self-contained HTML page; every value from the input is escaped."""
    moment = (when or dt.datetime.now()).strftime("%d-%m-%Y %H:%M")
    files_html = ", ".join(html.escape(f) for f in files)
    if issues:
        head = "".join(f"<th>{c}</th>" for c in COLUMNS)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in _cells(i)) + "</tr>"
            for i in issues
        )
        body = (
            f"<p>{len(issues)} probleem/problemen gevonden. Los ze op en controleer "
            f"opnieuw.</p><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
    else:
        body = "<p>Geen problemen gevonden: het bestand kan worden ingelezen.</p>"
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        "<title>Controle invoer azwa-analysis</title><style>body{font-family:Arial,sans-serif;"
        "margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:4px 6px;"
        "vertical-align:top;font-size:14px}th{background:#e8eef5}</style></head><body>"
        f"<h1>Controle van de invoer</h1><p>Bestanden: {files_html}<br>Gecontroleerd op "
        f"{moment}</p>{body}</body></html>\n"
    )


def report_table(
    issues: Sequence[ValidationIssue], *, files: Sequence[str], console: Console | None = None
) -> None:
    """Print a table to the terminal (rich). Input text is shown as it is: no markup, no
    :emoji: codes, and control or invisible characters as escapes (``\x1b``), never obeyed."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console(emoji=False)

    def cell(text: str) -> str:
        return escape(printable(text, newlines=False))

    if not issues:
        console.print(f"Geen problemen gevonden in {cell(', '.join(files))}.")
        return
    table = Table(title=f"{len(issues)} probleem/problemen", show_lines=True)
    for column in COLUMNS:
        table.add_column(column, overflow="fold")
    for issue in issues:
        table.add_row(*[cell(text) for text in _cells(issue)])
    console.print(table)


def report_text(issues: Sequence[ValidationIssue], *, files: Sequence[str]) -> str:
    """The terminal table as plain text, for ``--format table --out``."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, emoji=False, width=160, color_system=None, force_terminal=False)
    report_table(issues, files=files, console=console)
    return buffer.getvalue()
