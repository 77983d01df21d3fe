"""The ``azwa`` command: one entry point for every job.

Messages are Dutch (the users are policy advisers and data stewards). Exit codes: 0 success,
1 the input has errors, 2 the command was misused (an unknown option value, or a target that
cannot or may not be written: checked before any work), 3 a bug in azwa-analysis. Everything
printed passes :func:`~azwa_analysis._format.printable`: text from the input can never steer
the terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

import typer

from azwa_analysis._format import dutch_usage, printable
from azwa_analysis._issues import InputError

if TYPE_CHECKING:
    from azwa_analysis._paths import DataPaths

app = typer.Typer(
    name="azwa",
    help="Analyse van IZA, GALA, AZWA en HLO voor gemeenten: data bouwen, controleren en "
    "raadsinformatiebrieven maken.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _say(text: str, *, err: bool = False) -> None:
    """Print a line; control characters from the input are shown, never obeyed."""
    typer.echo(printable(text), err=err)


def _fail(message: str, code: int) -> NoReturn:
    _say(f"Fout: {message}", err=True)
    raise typer.Exit(code=code)


def _fail_on_input(error: InputError) -> None:
    _say(
        f"Fout: {len(error.issues)} probleem/problemen in de invoer; data/clean is niet gewijzigd.",
        err=True,
    )
    for issue in error.issues:
        _say(f"- {issue.format()}", err=True)
    raise typer.Exit(code=1)


DocumentsOption = Annotated[
    Path | None,
    typer.Option(
        "--documents",
        help="Documentenopslag met de originelen van geregistreerde documenten "
        "(standaard: $AZWA_DOCUMENTS).",
    ),
]


def data_paths(data_dir: Path | None, documents: Path | None = None) -> DataPaths:
    """The data folder (and document store) as absolute paths: a relative ``--data-dir`` means
    the same folder to the briefing kernels, which run in another working directory."""
    from azwa_analysis._paths import DataPaths

    paths = DataPaths.default() if data_dir is None else DataPaths(data_dir)
    if documents is not None:
        paths = paths.with_store(documents)
    paths = paths.with_root(paths.root.resolve())
    return paths if paths.store is None else paths.with_store(paths.store.resolve())


def _check_target(target: Path, *, kind: str, inputs: list[Path]) -> None:
    """Refuse, before any work, an output that cannot be written or would overwrite an input
    (exit 2)."""
    from azwa_analysis._io import NotWritableError, check_not_input, check_writable

    try:
        check_writable(target, kind=kind)
        check_not_input(target, inputs)
    except NotWritableError as error:
        _fail(f"--out: {error}", 2)


DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Datamap (standaard: ./data).")]


@app.command()
def build(
    force: Annotated[
        bool, typer.Option("--force", help="Ook bouwen als alles actueel is.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Mislukt als een citaat niet te controleren is (document ontbreekt)."
        ),
    ] = False,
    data_dir: DataDir = None,
    documents: DocumentsOption = None,
) -> None:
    """Controleer alle ruwe tabellen en schrijf data/clean/ (alles of niets)."""
    from azwa_analysis._io import NotWritableError
    from azwa_analysis.clean import UnverifiedQuotesError, run

    try:
        result = run(data_paths(data_dir, documents), force=force, strict=strict)
    except InputError as error:
        _fail_on_input(error)
        return
    except NotWritableError as error:
        _fail(f"{error}; data/clean is niet gewijzigd.", 2)
    except UnverifiedQuotesError as error:
        _fail(f"(--strict) {error}; data/clean is niet gewijzigd.", 1)
    _say(result.message)
    for name, rows in sorted(result.row_counts.items()):
        _say(f"  {name:<24} {rows:>5} rijen")
    if result.unverified:
        _say(result.unverified_message)


@app.command()
def checksum(
    files: Annotated[list[Path], typer.Argument(help="Ruwe bestanden met een .meta.yml ernaast.")],
) -> None:
    """Zet het controlegetal (sha256) in de herkomstbestanden na een gecontroleerde wijziging."""
    from azwa_analysis._io import MissingSidecarError, UnreadableFileError, reseal

    for path in files:
        if not path.is_file():
            _fail(f"{path} bestaat niet.", 2)
        try:
            changed = reseal(path)
        except MissingSidecarError as error:
            _fail(str(error), 2)
        except UnreadableFileError as error:
            _fail(str(error), 1)
        _say(f"{path}: {'bijgewerkt' if changed else 'ongewijzigd'}")


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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Parallelle werkers (standaard: de bruikbare processorkernen; begrensd door "
            "kernen en geheugen).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ook als niets veranderde.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Maak raadsinformatiebrieven (HTML, Word, PDF) voor een of alle gemeenten."""
    import datetime as dt
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from azwa_analysis._tables import TablesNotBuiltError, load_tables
    from azwa_analysis.analysis._municipality import UnknownMunicipalityError, resolve_municipality
    from azwa_analysis.report._convert import FORMATS, Format
    from azwa_analysis.report._qmd import RenderError
    from azwa_analysis.report._render import AS_OF_FIRST, AS_OF_LAST, Engine, render_briefings
    from azwa_analysis.report._workers import plan_workers

    chosen = list(dict.fromkeys(f.strip().lower() for f in formats.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        _fail(
            f"onbekend formaat {', '.join(unknown) or '(leeg)'}; kies uit {', '.join(FORMATS)}.", 2
        )
    if engine not in ("auto", "quarto", "builtin"):
        _fail("--engine moet auto, quarto of builtin zijn.", 2)
    if bool(municipality) == all_:
        _fail("geef --municipality (een of meer) óf --all.", 2)
    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        _fail(f"--as-of '{as_of}' is geen datum (JJJJ-MM-DD).", 2)
    if not AS_OF_FIRST <= day <= AS_OF_LAST:
        _fail(
            f"--as-of {day.isoformat()} ligt buiten {AS_OF_FIRST.year}–{AS_OF_LAST.year}, de "
            "jaren waarover de akkoorden gaan.",
            2,
        )
    paths = data_paths(data_dir)
    _check_target(out, kind="folder", inputs=[paths.raw, paths.clean])
    try:
        tables = load_tables(paths)
    except TablesNotBuiltError as error:
        _fail(str(error), 1)
    if all_:
        codes = tables.municipalities["municipality_code"].to_list()
    else:
        try:
            codes = list(
                dict.fromkeys(resolve_municipality(tables, m).code for m in municipality or [])
            )
        except UnknownMunicipalityError as error:
            _fail(str(error), 2)
    plan = plan_workers(jobs, municipalities=len(codes))
    if plan.note:
        _say(f"Let op: {plan.note}.", err=True)

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
                jobs=plan.workers,
                force=force,
                data=paths,
                on_result=done,
            )
        except RenderError as error:
            _fail(str(error), 2)
    seconds = time.perf_counter() - start
    for result in results:
        if len(results) <= 5 and result.status != "mislukt":
            for name in result.files:
                _say(f"  {out / result.code / name}")
    _say(
        f"Klaar in {seconds:.1f} s: {counts['gemaakt']} gemaakt, {counts['overgeslagen']} "
        f"overgeslagen (ongewijzigd), {counts['mislukt']} mislukt. Peildatum {day.isoformat()}; "
        f"{plan.workers} werker(s)."
    )
    for failure in failures:
        _say(f"- {failure.code} {failure.name}: {failure.error}", err=True)
    if failures:
        raise typer.Exit(code=1)


def main() -> None:
    """Console entry point: no Python traceback reaches a user.

    Usage errors exit 2 with the message (escaped); expected errors are handled in the
    commands; a file that cannot be read or written becomes a Dutch message and exit 1;
    anything else a short Dutch message (set ``AZWA_DEBUG=1`` to see the traceback) and
    exit 3.
    """
    try:
        code = app(standalone_mode=False)
    except (KeyboardInterrupt, typer.Abort):
        sys.exit(130)
    except typer.TyperException as error:  # a usage error: unknown option, bad value
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        _say(f"Fout: {dutch_usage(message)} (zie azwa --help)", err=True)
        sys.exit(int(getattr(error, "exit_code", 2)))
    except OSError as error:
        if os.environ.get("AZWA_DEBUG"):
            raise
        _say(f"Fout: {error.strerror or error} ({error.filename or 'bestand'}).", err=True)
        sys.exit(1)
    except Exception as error:
        if os.environ.get("AZWA_DEBUG"):
            raise
        _say(
            f"Interne fout ({type(error).__name__}): {error}\n"
            "Dit is een fout in azwa-analysis, niet in uw invoer. Meld het met de opdracht die u "
            "gaf; met AZWA_DEBUG=1 ziet u de technische details.",
            err=True,
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)


from azwa_analysis.cli import _source, _steward  # noqa: E402,F401  (register their commands)

if __name__ == "__main__":
    main()
