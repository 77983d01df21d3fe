"""``azwa source add|list|show``: register public documents, list them, show their text with
the page and line numbers that citations use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from azwa_analysis.cli import DocumentsOption, app, data_paths

source_app = typer.Typer(
    help="Brondocumenten: registreren (PDF, Word, HTML), tonen en opzoeken.",
    no_args_is_help=True,
)
app.add_typer(source_app, name="source")


@source_app.command("add")
def source_add(
    file: Annotated[Path, typer.Argument(help="Het document: .pdf, .docx of .html.")],
    title: Annotated[str, typer.Option("--title", help="Titel van het document.")],
    publisher: Annotated[str, typer.Option("--publisher", help="Uitgever (organisatie).")],
    date: Annotated[
        str, typer.Option("--date", help="Publicatiedatum: JJJJ-MM-DD, JJJJ-MM, JJJJ of onbekend.")
    ],
    url: Annotated[str, typer.Option("--url", help="Webadres van het origineel.")],
    authority: Annotated[
        str,
        typer.Option(
            "--authority",
            help="Gezag: regeling, ministerie, akkoord, vng, gemeente of overig.",
        ),
    ],
    short_title: Annotated[
        str, typer.Option("--short-title", help="Korte titel voor voetnoten.")
    ] = "",
    caveat: Annotated[
        list[str] | None,
        typer.Option("--caveat", help="Voorbehoud bij de tekst (mag vaker), bijv. OCR-fouten."),
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")
    ] = None,
    documents: DocumentsOption = None,
) -> None:
    """Registreer een openbaar document (PDF, Word, HTML) in data/raw/sources/.

    De tekst wordt uitgelezen met pagina- en regelnummers, het origineel komt in de
    documentenopslag. Bij een fout wordt niets geschreven.
    """
    from azwa_analysis.sources import DocumentFacts, RegistrationError, register

    facts = DocumentFacts(
        title=title,
        publisher=publisher,
        date_published=date,
        url=url,
        authority=authority,
        short_title=short_title,
        caveats=tuple(caveat or ()),
    )
    try:
        registration, path = register(file, facts, paths=data_paths(data_dir, documents))
    except RegistrationError as error:
        typer.echo(f"Fout: {error}. Er is niets geschreven.", err=True)
        raise typer.Exit(code=1) from None
    text = registration.text
    typer.echo(
        f"Geregistreerd: {registration.document} ({registration.kind}, {text.pages} pagina's, "
        f"{text.lines} regels, {text.extractor}) in {path}"
    )


@source_app.command("list")
def source_list(
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")
    ] = None,
    documents: DocumentsOption = None,
) -> None:
    """Toon de geregistreerde documenten en of de opslag ze heeft."""
    from azwa_analysis.sources import (
        parse_registrations,
        read_stored,
        registration_files,
        store_checksums,
    )

    paths = data_paths(data_dir, documents)
    texts = {
        p.relative_to(paths.raw).as_posix(): p.read_text(encoding="utf-8")
        for p in registration_files(paths.raw)
    }
    registrations, problems = parse_registrations(texts)
    stored = read_stored(registrations, paths.store, store_checksums(registrations, paths.store))
    for name, registration in sorted(registrations.items(), key=lambda i: i[1].date_published):
        typer.echo(
            f"{registration.date_published:<10}  {registration.authority:<10}  "
            f"{stored[name].state:<12}  {name}"
        )
    for problem in problems:
        typer.echo(f"- {problem.format()}", err=True)
    if problems:
        raise typer.Exit(code=1)


@source_app.command("show")
def source_show(
    document: Annotated[str, typer.Argument(help="Bestandsnaam van het document in de opslag.")],
    page: Annotated[
        int | None, typer.Option("--page", "-p", min=1, help="Alleen deze pagina.")
    ] = None,
    find: Annotated[
        str | None, typer.Option("--find", help="Alleen regels met deze tekst.")
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")
    ] = None,
    documents: DocumentsOption = None,
) -> None:
    """Toon de tekst van een document met pagina- en regelnummers, zoals citaten ze noemen."""
    from azwa_analysis.sources import ExtractionError, extract, fold_whitespace

    paths = data_paths(data_dir, documents)
    path = paths.documents / document if document.endswith(".txt") else None
    if path is None and paths.store is not None:
        path = paths.store / document
    if path is None or not path.is_file() or "/" in document:
        typer.echo(f"Fout: {document} staat niet in data/raw/documents of de opslag.", err=True)
        raise typer.Exit(code=2)
    try:
        pages = (
            (tuple(path.read_text(encoding="utf-8").splitlines()),)
            if path.suffix == ".txt"
            else extract(path).pages
        )
    except ExtractionError as error:
        typer.echo(f"Fout: {error}", err=True)
        raise typer.Exit(code=1) from None
    wanted = fold_whitespace(find) if find else None
    for number, lines in enumerate(pages, start=1):
        if page is not None and number != page:
            continue
        for line_number, text in enumerate(lines, start=1):
            if wanted is None or wanted in text:
                where = f"{number}:{line_number}" if len(pages) > 1 else str(line_number)
                typer.echo(f"{where:>8}  {_printable(text)}")


def _printable(text: str) -> str:
    """Text for a terminal: control characters shown as escapes, never sent raw."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
