"""The data steward's commands: ``azwa template``, ``validate``, ``import`` and ``cleanup``
(see the README's "Data stewards")."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from azwa_analysis.cli import DataDir, _check_target, _fail, _say, app, build, data_paths

if TYPE_CHECKING:
    from azwa_analysis._paths import DataPaths
    from azwa_analysis._tables import Tables


@app.command()
def template(
    out: Annotated[Path, typer.Option("--out", help="Het Excel-bestand dat wordt gemaakt.")],
    municipality: Annotated[
        str | None,
        typer.Option("--municipality", "-m", help="Vul de huidige gegevens van deze gemeente in."),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Maak het Excel-invoersjabloon (lokale stand, officiële bedragen)."""
    from azwa_analysis.analysis._municipality import UnknownMunicipalityError, resolve_municipality
    from azwa_analysis.steward import write_template

    if out.suffix.lower() != ".xlsx":
        _fail("--out moet eindigen op .xlsx.", 2)
    paths = data_paths(data_dir)
    _check_target(out, kind="file", inputs=[paths.root])
    tables = _tables_or_exit(paths)
    code = None
    if municipality:
        try:
            code = resolve_municipality(tables, municipality).code
        except UnknownMunicipalityError as error:
            _fail(str(error), 2)
    write_template(tables, out, municipality=code)
    _say(f"Sjabloon geschreven: {out}" + (f" (vooraf ingevuld voor {code})" if code else ""))


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="CSV- of XLSX-bestanden.")],
    output_format: Annotated[
        str, typer.Option("--format", help="table (standaard), json of html.")
    ] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", help="Schrijf het rapport naar dit bestand.")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Controleer aangeleverde bestanden; meldt elk probleem met bestand, rij, kolom en oplossing.

    Exitcode 0: in orde; 1: de invoer bevat fouten; 2: de opdracht is verkeerd gebruikt.
    """
    from azwa_analysis.steward import validate_file
    from azwa_analysis.steward._report import report_html, report_json, report_table, report_text

    if output_format not in ("table", "json", "html"):
        _fail("--format moet table, json of html zijn.", 2)
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        _fail(f"bestand niet gevonden: {', '.join(missing)}", 2)
    data = data_paths(data_dir)
    if out is not None:
        _check_target(out, kind="file", inputs=[*paths, data.root])
    tables = _tables_or_exit(data)
    issues = []
    for path in paths:
        issues.extend(validate_file(path, tables).issues)
    names = [p.name for p in paths]
    if output_format == "table" and out is None:
        report_table(issues, files=names)
        raise typer.Exit(code=1 if issues else 0)
    reports = {"table": report_text, "json": report_json, "html": report_html}
    text = reports[output_format](issues, files=names)
    if out is None:
        _say(text)
    else:
        from azwa_analysis._io import write_bytes_atomic

        write_bytes_atomic(out, text.encode("utf-8"))
        _say(f"Rapport geschreven: {out} ({len(issues)} probleem/problemen)")
    raise typer.Exit(code=1 if issues else 0)


@app.command(name="import")
def import_(
    path: Annotated[Path, typer.Argument(help="Het ingevulde sjabloon (.xlsx) of een .csv.")],
    supplied_by: Annotated[
        str, typer.Option("--door", help="Wie levert aan (naam of functie, gemeente).")
    ],
    municipalities: Annotated[
        list[str] | None,
        typer.Option(
            "--gemeente",
            "-g",
            help="De gemeente waarvan het bestand de volledige stand is (code of naam); mag "
            "vaker. Rijen voor andere gemeenten worden geweigerd.",
        ),
    ] = None,
    national: Annotated[
        bool,
        typer.Option(
            "--landelijk",
            help="Een landelijk bestand: vervangt de stand van elke gemeente met rijen erin.",
        ),
    ] = False,
    build_after: Annotated[
        bool, typer.Option("--build", help="Daarna meteen azwa build uitvoeren.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Lees een aanlevering in: alleen als alles klopt, als één nieuwe aanlevering in
    data/raw/imports/ (alles of niets)."""
    from azwa_analysis._io import NotWritableError
    from azwa_analysis.analysis._municipality import UnknownMunicipalityError, resolve_municipality
    from azwa_analysis.steward import Scope, import_file
    from azwa_analysis.steward._parse import check_text
    from azwa_analysis.steward._report import report_table

    if not path.is_file():
        _fail(f"bestand niet gevonden: {path}", 2)
    try:
        supplied_by = check_text(supplied_by, max_length=120, min_length=2)
    except ValueError as error:
        _fail(f"--door: {str(error).replace(' — ', '; ')}", 2)
    if national == bool(municipalities):
        _fail(
            "zeg voor wie het bestand is: --gemeente GM1954 (mag vaker) voor de gemeente(n) "
            "waarvan het de volledige stand is, of --landelijk voor een landelijk bestand.",
            2,
        )
    paths = data_paths(data_dir)
    tables = _tables_or_exit(paths)
    try:
        codes = [resolve_municipality(tables, m).code for m in municipalities or []]
    except UnknownMunicipalityError as error:
        _fail(f"--gemeente: {error}", 2)
    scope = Scope(tuple(dict.fromkeys(codes)), national=national)
    try:
        result = import_file(path, tables, paths=paths, supplied_by=supplied_by, scope=scope)
    except NotWritableError as error:
        _fail(f"{error}. Niets ingelezen.", 2)
    except OSError as error:
        _fail(f"schrijven mislukt ({error.strerror}: {error.filename}). Niets ingelezen.", 1)
    if not result.validation.ok:
        report_table(result.validation.issues, files=[path.name])
        _say("Niets ingelezen: los de problemen op en probeer opnieuw.", err=True)
        raise typer.Exit(code=1)
    _say(f"Ingelezen als één aanlevering: {result.folder} ({len(result.written)} bestand(en))")
    for replacement in result.replaced:
        _say(f"  {replacement.format()}")
    if build_after:
        build(force=False, data_dir=paths.root, documents=paths.store)
    else:
        _say("Voer 'azwa build' uit om de aanlevering in data/clean op te nemen.")


@app.command()
def cleanup(data_dir: DataDir = None) -> None:
    """Zet onvolledige aanleveringen (een afgebroken of beschadigde import) opzij in
    data/quarantaine/; er wordt niets gewist."""
    from azwa_analysis._io import NotWritableError
    from azwa_analysis.steward import quarantine_incomplete

    paths = data_paths(data_dir)
    try:
        done = quarantine_incomplete(paths)
    except NotWritableError as error:
        _fail(str(error), 2)
    for source, target in done.moved:
        _say(f"Opzijgezet: {source} → {target}")
    _say(
        f"{len(done.moved)} onvolledige aanlevering(en) opzijgezet."
        if done.moved
        else "Geen onvolledige aanleveringen gevonden."
    )


def _tables_or_exit(paths: DataPaths) -> Tables:
    from azwa_analysis._tables import TablesNotBuiltError, load_tables

    try:
        return load_tables(paths)
    except TablesNotBuiltError as error:
        _fail(str(error), 1)
