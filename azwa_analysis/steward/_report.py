"""Validation reports a steward can act on: a terminal table, JSON, or an HTML page to forward.

Text from the input is always escaped in HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence

from azwa_analysis._issues import ValidationIssue

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


def report_table(issues: Sequence[ValidationIssue], *, files: Sequence[str]) -> None:
    """Print a table to the terminal (rich)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(emoji=False)  # show the input as it is: no markup, no :emoji: codes
    if not issues:
        console.print(f"Geen problemen gevonden in {escape(', '.join(files))}.")
        return
    table = Table(title=f"{len(issues)} probleem/problemen", show_lines=True)
    for column in COLUMNS:
        table.add_column(column, overflow="fold")
    for issue in issues:
        table.add_row(*[escape(cell) for cell in _cells(issue)])
    console.print(table)
