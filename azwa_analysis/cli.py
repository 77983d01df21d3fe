"""The ``azwa`` command: one entry point for every job.

Messages are Dutch (the users are policy advisers and data stewards). Exit codes: 0 success,
1 the input has errors, 2 the command was misused.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, cast

import typer

from azwa_analysis._issues import InputError

app = typer.Typer(
    name="azwa",
    help="Analyse van IZA, GALA, AZWA en HLO voor gemeenten: data bouwen, controleren en "
    "raadsinformatiebrieven maken.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail_on_input(error: InputError) -> None:
    typer.echo(
        f"Fout: {len(error.issues)} probleem/problemen in de invoer; data/clean is niet gewijzigd.",
        err=True,
    )
    for issue in error.issues:
        typer.echo(f"- {issue.format()}", err=True)
    raise typer.Exit(code=1)


@app.command()
def build(
    force: Annotated[
        bool, typer.Option("--force", help="Ook bouwen als alles actueel is.")
    ] = False,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")
    ] = None,
) -> None:
    """Controleer alle ruwe tabellen en schrijf data/clean/ (alles of niets)."""
    from azwa_analysis._io import NotWritableError
    from azwa_analysis._paths import DataPaths
    from azwa_analysis.clean import run

    paths = DataPaths.default() if data_dir is None else DataPaths(data_dir)
    try:
        result = run(paths, force=force)
    except InputError as error:
        _fail_on_input(error)
        return
    except NotWritableError as error:
        typer.echo(f"Fout: {error}; data/clean is niet gewijzigd.", err=True)
        raise typer.Exit(code=2) from None
    typer.echo(result.message)
    for name, rows in sorted(result.row_counts.items()):
        typer.echo(f"  {name:<24} {rows:>5} rijen")


@app.command()
def checksum(
    files: Annotated[list[Path], typer.Argument(help="Ruwe bestanden met een .meta.yml ernaast.")],
) -> None:
    """Zet het controlegetal (sha256) in de herkomstbestanden na een gecontroleerde wijziging."""
    from azwa_analysis._io import MissingSidecarError, reseal

    for path in files:
        if not path.is_file():
            typer.echo(f"Fout: {path} bestaat niet.", err=True)
            raise typer.Exit(code=2)
        try:
            changed = reseal(path)
        except MissingSidecarError as error:
            typer.echo(f"Fout: {error}", err=True)
            raise typer.Exit(code=2) from None
        typer.echo(f"{path}: {'bijgewerkt' if changed else 'ongewijzigd'}")


@app.command()
def dictionary(
    check: Annotated[
        bool, typer.Option("--check", help="Alleen controleren of het actueel is.")
    ] = False,
) -> None:
    """Schrijf docs/data_dictionary.md uit de schema's (of controleer het met --check)."""
    from azwa_analysis.clean._dictionary import (
        DICTIONARY_PATH,
        dictionary_is_current,
        write_dictionary,
    )

    if check:
        if not dictionary_is_current():
            typer.echo(
                "docs/data_dictionary.md is verouderd: voer 'azwa dictionary' uit.", err=True
            )
            raise typer.Exit(code=1)
        typer.echo("docs/data_dictionary.md is actueel.")
        return
    write_dictionary()
    typer.echo(f"{DICTIONARY_PATH} geschreven.")


@app.command()
def render(
    municipality: Annotated[
        list[str] | None,
        typer.Option("--municipality", "-m", help="Gemeentecode of -naam; mag vaker."),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Alle 342 gemeenten.")] = False,
    formats: Annotated[
        str, typer.Option("--format", help="Komma-gescheiden: html,docx,pdf.")
    ] = "html,docx,pdf",
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Peildatum JJJJ-MM-DD (standaard: vandaag).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Uitvoermap.")] = Path("reports/out"),
    engine: Annotated[
        str, typer.Option("--engine", help="auto (Quarto als die er is), quarto of builtin.")
    ] = "auto",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parallelle werkers.")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Ook als niets veranderde.")] = False,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")
    ] = None,
) -> None:
    """Maak raadsinformatiebrieven (HTML, Word, PDF) voor een of alle gemeenten."""
    import datetime as dt
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from azwa_analysis._paths import DataPaths
    from azwa_analysis._tables import TablesNotBuiltError, load_tables
    from azwa_analysis.analysis._municipality import UnknownMunicipalityError, resolve_municipality
    from azwa_analysis.report._convert import FORMATS, Format
    from azwa_analysis.report._qmd import RenderError
    from azwa_analysis.report._render import Engine, render_briefings

    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        typer.echo(
            f"Fout: onbekend formaat {', '.join(unknown) or '(leeg)'}; kies uit "
            f"{', '.join(FORMATS)}.",
            err=True,
        )
        raise typer.Exit(code=2)
    if engine not in ("auto", "quarto", "builtin"):
        typer.echo("Fout: --engine moet auto, quarto of builtin zijn.", err=True)
        raise typer.Exit(code=2)
    if bool(municipality) == all_:
        typer.echo("Fout: geef --municipality (een of meer) óf --all.", err=True)
        raise typer.Exit(code=2)
    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        typer.echo(f"Fout: --as-of '{as_of}' is geen datum (JJJJ-MM-DD).", err=True)
        raise typer.Exit(code=2) from None
    paths = DataPaths.default() if data_dir is None else DataPaths(data_dir)
    try:
        tables = load_tables(paths)
    except TablesNotBuiltError as error:
        typer.echo(f"Fout: {error}", err=True)
        raise typer.Exit(code=1) from None
    if all_:
        codes = tables.municipalities["municipality_code"].to_list()
    else:
        try:
            codes = list(
                dict.fromkeys(resolve_municipality(tables, m).code for m in municipality or [])
            )
        except UnknownMunicipalityError as error:
            typer.echo(f"Fout: {error}", err=True)
            raise typer.Exit(code=2) from None

    start = time.perf_counter()
    failures = []
    counts = {"gemaakt": 0, "overgeslagen": 0, "mislukt": 0}
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
        disable=len(codes) == 1,
    ) as progress:
        task = progress.add_task("Briefings", total=len(codes))

        def done(result):  # type: ignore[no-untyped-def]
            counts[result.status] += 1
            if result.status == "mislukt":
                failures.append(result)
            progress.update(task, advance=1, description=f"{result.code} {result.status}")

        try:
            results = render_briefings(
                codes,
                as_of=day,
                formats=cast(list[Format], chosen),
                out_dir=out,
                engine=cast(Engine, engine),
                jobs=jobs,
                force=force,
                data=paths,
                on_result=done,
            )
        except RenderError as error:
            typer.echo(f"Fout: {error}", err=True)
            raise typer.Exit(code=2) from None
    seconds = time.perf_counter() - start
    for result in results:
        if len(results) <= 5 and result.status != "mislukt":
            for name in result.files:
                typer.echo(f"  {out / result.code / name}")
    typer.echo(
        f"Klaar in {seconds:.1f} s: {counts['gemaakt']} gemaakt, {counts['overgeslagen']} "
        f"overgeslagen (ongewijzigd), {counts['mislukt']} mislukt. Peildatum {day.isoformat()}."
    )
    for failure in failures:
        typer.echo(f"- {failure.code} {failure.name}: {failure.error}", err=True)
    if failures:
        raise typer.Exit(code=1)


@app.command()
def template(
    out: Annotated[Path, typer.Option("--out", help="Het Excel-bestand dat wordt gemaakt.")],
    municipality: Annotated[
        str | None,
        typer.Option("--municipality", "-m", help="Vul de huidige gegevens van deze gemeente in."),
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")
    ] = None,
) -> None:
    """Maak het Excel-invoersjabloon (lokale stand, officiële bedragen)."""
    from azwa_analysis.analysis._municipality import UnknownMunicipalityError, resolve_municipality
    from azwa_analysis.steward import write_template

    tables = _tables_or_exit(data_dir)
    if out.suffix.lower() != ".xlsx":
        typer.echo("Fout: --out moet eindigen op .xlsx.", err=True)
        raise typer.Exit(code=2)
    code = None
    if municipality:
        try:
            code = resolve_municipality(tables, municipality).code
        except UnknownMunicipalityError as error:
            typer.echo(f"Fout: {error}", err=True)
            raise typer.Exit(code=2) from None
    write_template(tables, out, municipality=code)
    typer.echo(f"Sjabloon geschreven: {out}" + (f" (vooraf ingevuld voor {code})" if code else ""))


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="CSV- of XLSX-bestanden.")],
    output_format: Annotated[
        str, typer.Option("--format", help="table (standaard), json of html.")
    ] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", help="Schrijf het rapport naar dit bestand.")
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")
    ] = None,
) -> None:
    """Controleer aangeleverde bestanden; meldt elk probleem met bestand, rij, kolom en oplossing.

    Exitcode 0: in orde; 1: de invoer bevat fouten; 2: de opdracht is verkeerd gebruikt.
    """
    from azwa_analysis.steward import validate_file
    from azwa_analysis.steward._report import report_html, report_json, report_table

    if output_format not in ("table", "json", "html"):
        typer.echo("Fout: --format moet table, json of html zijn.", err=True)
        raise typer.Exit(code=2)
    if out is not None and (out.is_dir() or not out.parent.is_dir()):
        typer.echo(f"Fout: --out {out} is geen bestand in een bestaande map.", err=True)
        raise typer.Exit(code=2)
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        typer.echo(f"Fout: bestand niet gevonden: {', '.join(missing)}", err=True)
        raise typer.Exit(code=2)
    tables = _tables_or_exit(data_dir)
    issues = []
    for path in paths:
        issues.extend(validate_file(path, tables).issues)
    names = [p.name for p in paths]
    if output_format == "table":
        report_table(issues, files=names)
    else:
        text = (
            report_json(issues, files=names)
            if output_format == "json"
            else report_html(issues, files=names)
        )
        if out is None:
            typer.echo(text)
        else:
            from azwa_analysis._io import write_bytes_atomic

            write_bytes_atomic(out, text.encode("utf-8"))
            typer.echo(f"Rapport geschreven: {out}")
    raise typer.Exit(code=1 if issues else 0)


@app.command(name="import")
def import_(
    path: Annotated[Path, typer.Argument(help="Het ingevulde sjabloon (.xlsx) of een .csv.")],
    supplied_by: Annotated[
        str, typer.Option("--door", help="Wie levert aan (naam of functie, gemeente).")
    ],
    build_after: Annotated[
        bool, typer.Option("--build", help="Daarna meteen azwa build uitvoeren.")
    ] = False,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")
    ] = None,
) -> None:
    """Lees een aanlevering in: alleen als alles klopt, als nieuw bestand in data/raw/imports/."""
    from azwa_analysis._paths import DataPaths
    from azwa_analysis.steward import import_file
    from azwa_analysis.steward._parse import check_text
    from azwa_analysis.steward._report import report_table

    if not path.is_file():
        typer.echo(f"Fout: bestand niet gevonden: {path}", err=True)
        raise typer.Exit(code=2)
    try:
        supplied_by = check_text(supplied_by, max_length=120)
    except ValueError as error:
        typer.echo(f"Fout: --door: {error}", err=True)
        raise typer.Exit(code=2) from None
    paths = DataPaths.default() if data_dir is None else DataPaths(data_dir)
    tables = _tables_or_exit(data_dir)
    result = import_file(path, tables, paths=paths, supplied_by=supplied_by)
    if not result.validation.ok:
        report_table(result.validation.issues, files=[path.name])
        typer.echo("Niets ingelezen: los de problemen op en probeer opnieuw.", err=True)
        raise typer.Exit(code=1)
    for written in result.written:
        typer.echo(f"Ingelezen: {written}")
    if build_after:
        build(force=False, data_dir=data_dir)
    else:
        typer.echo("Voer 'azwa build' uit om de aanlevering in data/clean op te nemen.")


def _tables_or_exit(data_dir: Path | None):  # type: ignore[no-untyped-def]
    from azwa_analysis._paths import DataPaths
    from azwa_analysis._tables import TablesNotBuiltError, load_tables

    try:
        return load_tables(DataPaths.default() if data_dir is None else DataPaths(data_dir))
    except TablesNotBuiltError as error:
        typer.echo(f"Fout: {error}", err=True)
        raise typer.Exit(code=1) from None


def main() -> None:
    """Console entry point: no Python traceback reaches a user.

    Expected errors are handled in the commands; anything else becomes a short Dutch message
    (set ``AZWA_DEBUG=1`` to see the traceback) and exit code 3.
    """
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        if os.environ.get("AZWA_DEBUG"):
            raise
        typer.echo(
            f"Interne fout ({type(error).__name__}): {error}\n"
            "Dit is een fout in azwa-analysis, niet in uw invoer. Meld het met de opdracht die u "
            "gaf; met AZWA_DEBUG=1 ziet u de technische details.",
            err=True,
        )
        sys.exit(3)


if __name__ == "__main__":
    main()
