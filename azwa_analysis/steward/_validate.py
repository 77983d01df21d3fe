"""Validate a steward's file against the forms and the project's data; every problem at once."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from azwa_analysis._format import format_number
from azwa_analysis._issues import ValidationIssue
from azwa_analysis._tables import Tables
from azwa_analysis.steward._forms import FORMS, Column, Form, form_for_headers, form_for_sheet
from azwa_analysis.steward._parse import (
    check_text,
    check_visible,
    parse_amount,
    parse_date,
    parse_year,
)
from azwa_analysis.steward._read import Sheet, read_file


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text).strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class Lookups:
    """What a cell may refer to, from the clean tables."""

    municipalities: dict[str, str]  # code → name
    merged: dict[str, tuple[str, str, str]]  # old code → (old name, new code, new name)
    interventions: dict[str, str]  # folded id/name/alias → id
    intervention_names: dict[str, str]  # id → name
    streams: dict[str, str]  # folded id/name → id
    stream_names: dict[str, str]  # id → name
    regions: dict[str, str]  # folded id/name → id
    region_names: dict[str, str]  # id → name

    @classmethod
    def from_tables(cls, tables: Tables) -> Lookups:
        interventions: dict[str, str] = {}
        for row in tables.interventions.iter_rows(named=True):
            for label in [row["intervention_id"], row["name"], *row["aliases"]]:
                interventions.setdefault(_fold(label), row["intervention_id"])
        streams: dict[str, str] = {}
        for row in tables.streams.iter_rows(named=True):
            streams[_fold(row["stream_id"])] = row["stream_id"]
            streams[_fold(row["name"])] = row["stream_id"]
        regions: dict[str, str] = {}
        for row in tables.iza_regions.iter_rows(named=True):
            regions[_fold(row["region_id"])] = row["region_id"]
            regions[_fold(row["name"])] = row["region_id"]
        return cls(
            municipalities=dict(
                tables.municipalities.select("municipality_code", "name").iter_rows()
            ),
            merged={
                r["old_code"]: (r["old_name"], r["new_code"], r["new_name"])
                for r in tables.mergers.iter_rows(named=True)
            },
            interventions=interventions,
            intervention_names=dict(
                tables.interventions.select("intervention_id", "name").iter_rows()
            ),
            streams=streams,
            stream_names=dict(tables.streams.select("stream_id", "name").iter_rows()),
            regions=regions,
            region_names=dict(tables.iza_regions.select("region_id", "name").iter_rows()),
        )


@dataclass
class FormData:
    """Validated rows of one form in one file: values by schema column, with their rows."""

    form: Form
    file: str
    sheet: str | None
    rows: list[dict[str, Any]]


@dataclass
class Validation:
    issues: list[ValidationIssue]
    data: list[FormData]

    @property
    def ok(self) -> bool:
        return not self.issues


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    if index >= 18278:  # beyond Excel's last column (ZZZ); a CSV can be wider
        return str(index + 1)
    return str(get_column_letter(index + 1))


def validate_file(path: Path, tables: Tables, *, display: str | None = None) -> Validation:
    """Read and check one steward file; returns every issue and the parsed rows."""
    name = display or path.name
    read = read_file(path, display=name)
    issues = list(read.issues)
    lookups = Lookups.from_tables(tables)
    data: list[FormData] = []
    for sheet in read.sheets:
        form = form_for_sheet(sheet.name) if sheet.name else form_for_headers(sheet.header)
        if form is None and sheet.name is not None and not any(sheet.header) and not sheet.rows:
            continue  # an empty extra sheet
        if form is None:
            issues.append(
                ValidationIssue(
                    name,
                    sheet.header_row,
                    None,
                    None,
                    "onbekend blad of onbekende kolommen"
                    if sheet.name
                    else "kolommen niet herkend",
                    "gebruik het invoersjabloon (azwa template) met de bladen "
                    + ", ".join(f"'{form.sheet}'" for form in FORMS),
                    sheet=sheet.name,
                )
            )
            continue
        earlier = next((d.sheet for d in data if d.form is form), None)
        if earlier is not None:  # the import would keep only one of the two as the full state
            issues.append(
                ValidationIssue.whole_file(
                    name,
                    f"dit formulier staat ook op blad '{earlier}'",
                    "zet alle regels op één blad",
                    sheet=sheet.name,
                )
            )
            continue
        form_issues, rows = _validate_sheet(sheet, form, lookups, file=name)
        issues.extend(form_issues)
        data.append(FormData(form, name, sheet.name, rows))
    if not issues and not any(d.rows for d in data):
        issues.append(
            ValidationIssue.whole_file(
                name,
                "geen gegevensrijen (alleen kopregels)",
                "vul minstens één rij in",
            )
        )
    return Validation(limit_issues(issues), [d for d in data if d.rows])


#: How often one problem (same file, sheet, column and rule, row numbers aside) is listed
#: before the rest is counted in one line: a report a steward can read.
SAME_PROBLEM_SHOWN = 20


def limit_issues(
    issues: list[ValidationIssue], *, shown: int = SAME_PROBLEM_SHOWN
) -> list[ValidationIssue]:
    """The first ``shown`` issues of each kind, then one issue that counts the others.

    Examples
    --------
    >>> same = [ValidationIssue("f.csv", n, "Jaar", "x", f"fout in rij {n}") for n in range(2, 6)]
    >>> [i.rule for i in limit_issues(same, shown=2)]
    ['fout in rij 2', 'fout in rij 3', 'en nog 2 keer hetzelfde probleem: fout in rij 2']
    """
    seen: Counter[tuple[object, ...]] = Counter()
    first: dict[tuple[object, ...], ValidationIssue] = {}
    kept: list[ValidationIssue] = []
    for issue in issues:
        key = (issue.file, issue.sheet, issue.column, re.sub(r"\d+", "#", issue.rule))
        seen[key] += 1
        if seen[key] <= shown:
            kept.append(issue)
            first.setdefault(key, issue)
    for kind, count in seen.items():
        if count > shown:
            issue = first[kind]
            kept.append(
                ValidationIssue(
                    issue.file,
                    None,
                    issue.column,
                    None,
                    f"en nog {format_number(count - shown)} keer hetzelfde probleem: {issue.rule}",
                    issue.hint,
                    sheet=issue.sheet,
                )
            )
    return kept


def _validate_sheet(
    sheet: Sheet, form: Form, lookups: Lookups, *, file: str
) -> tuple[list[ValidationIssue], list[dict[str, Any]]]:
    issues: list[ValidationIssue] = []
    mapping = form.by_header()
    positions: dict[str, int] = {}
    for index, header in enumerate(sheet.header):
        if not header:
            continue
        column = mapping.get(header.strip().casefold())
        if column is None:
            issues.append(
                ValidationIssue(
                    file,
                    sheet.header_row,
                    f"{header} (kolom {_letter(index)})",
                    None,
                    "onbekende kolom",
                    "verwijder de kolom of gebruik de kopjes uit het sjabloon",
                    sheet=sheet.name,
                )
            )
        elif column.name in positions:
            issues.append(
                ValidationIssue(
                    file,
                    sheet.header_row,
                    f"{header} (kolom {_letter(index)})",
                    None,
                    "kolom staat er twee keer in",
                    "verwijder een van de twee kolommen",
                    sheet=sheet.name,
                )
            )
        else:
            positions[column.name] = index
    for column in form.columns:
        if column.required and column.name not in positions:
            issues.append(
                ValidationIssue(
                    file,
                    sheet.header_row,
                    column.header,
                    None,
                    "verplichte kolom ontbreekt",
                    f"voeg de kolom '{column.header}' toe",
                    sheet=sheet.name,
                )
            )
    if issues:
        return issues, []
    data_rows = [
        (n, cells)
        for n, cells in sheet.rows
        if any(c is not None and str(c).strip() for c in cells)
    ]
    if not data_rows:
        return [], []  # an empty form; the file as a whole must have rows (see caller)
    codes_in_file = Counter(
        str(cells[positions["municipality_code"]]).strip().upper()
        for _, cells in data_rows
        if positions["municipality_code"] < len(cells) and cells[positions["municipality_code"]]
    )
    parsed_rows: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], int] = {}
    used = set(positions.values())
    for number, cells in data_rows:
        values: dict[str, Any] = {"_row": number}
        row_ok = True
        for index, cell in enumerate(cells):
            if index not in used and cell is not None and str(cell).strip():
                issues.append(
                    ValidationIssue(
                        file,
                        number,
                        f"kolom {_letter(index)}",
                        _show(cell),
                        "waarde in een kolom zonder kopje",
                        "zet de waarde in de juiste kolom; staat er een scheidingsteken (; of ,) "
                        "in een tekst, zet die tekst dan tussen aanhalingstekens",
                        sheet=sheet.name,
                    )
                )
                row_ok = False
        for column in form.columns:
            position = positions.get(column.name)
            raw = cells[position] if position is not None and position < len(cells) else None
            where = (
                f"{column.header} (kolom {_letter(position)})"
                if position is not None
                else column.header
            )
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if column.required:
                    issues.append(
                        ValidationIssue(
                            file,
                            number,
                            where,
                            None,
                            "verplicht veld is leeg",
                            column.help,
                            sheet=sheet.name,
                        )
                    )
                    row_ok = False
                values[column.name] = None
                continue
            try:
                values[column.name] = _parse(column, raw, lookups, codes_in_file)
            except ValueError as error:
                message, _, hint = str(error).partition(" — ")
                issues.append(
                    ValidationIssue(
                        file, number, where, _show(raw), message, hint or None, sheet=sheet.name
                    )
                )
                row_ok = False
        if not row_ok:
            continue
        key = tuple(values[k] for k in form.key)
        if key in seen:
            issues.append(
                ValidationIssue(
                    file,
                    number,
                    ", ".join(c.header for c in form.columns if c.name in form.key),
                    " / ".join(str(k) for k in key),
                    f"dubbele regel (zelfde als rij {seen[key]})",
                    "houd één regel per combinatie over",
                    sheet=sheet.name,
                )
            )
            continue
        seen[key] = number
        parsed_rows.append(values)
    return issues, parsed_rows


def _show(raw: object) -> str:
    return raw.isoformat() if hasattr(raw, "isoformat") else str(raw)


def _parse(column: Column, raw: object, lookups: Lookups, codes_in_file: Counter[str]) -> Any:
    if isinstance(raw, str):
        check_visible(raw)
    if column.kind == "year":
        return parse_year(raw)
    if column.kind == "amount":
        return parse_amount(raw)
    if column.kind == "date":
        return parse_date(raw)
    text = check_text(
        raw,
        max_length=column.max_length,
        min_length=column.min_length,
        multiline=column.multiline,
    )
    if column.kind == "text":
        return text
    if column.kind == "code":
        return _municipality(text, lookups, codes_in_file)
    if column.labels:
        options = {_fold(k): code for label, code in column.labels.items() for k in (label, code)}
        labels = {code: label for label, code in column.labels.items()}
        every = f"kies uit {', '.join(column.labels)}"
        return _choose(text, options, labels, "waarde", otherwise=every)
    if column.choices == "interventies":
        return _choose(text, lookups.interventions, lookups.intervention_names, "interventie")
    if column.choices == "stromen":
        return _choose(text, lookups.streams, lookups.stream_names, "stroom")
    if column.choices == "regios":
        return _choose(text, lookups.regions, lookups.region_names, "regio")
    return text


def _choose(
    text: str,
    options: dict[str, str],
    names: dict[str, str],
    what: str,
    *,
    otherwise: str | None = None,
) -> str:
    """The code ``text`` names (folded), or an error naming the nearest names as the hint
    (``otherwise`` when none is near)."""
    folded = _fold(text)
    if folded in options:
        return options[folded]
    close = difflib.get_close_matches(folded, list(options), n=3, cutoff=0.6)
    labels = list(dict.fromkeys(names[options[c]] for c in close))
    hint = (
        f"bedoelde u {' of '.join(labels)}?"
        if labels
        else otherwise or f"kies een {what} uit de lijst"
    )
    raise ValueError(f"onbekende {what} — {hint}")


def _municipality(text: str, lookups: Lookups, codes_in_file: Counter[str]) -> str:
    code = text.strip().upper().replace(" ", "")
    if re.fullmatch(r"[0-9]{1,4}", code):  # not isdigit(): '¹' and 5,000 digits break int()
        code = f"GM{int(code):04d}"
    if code in lookups.municipalities:
        return code
    if code in lookups.merged:
        old_name, new_code, new_name = lookups.merged[code]
        raise ValueError(
            f"gemeentecode {code} ({old_name}) bestaat niet meer na een "
            f"herindeling — gebruik {new_code} {new_name}"
        )
    by_name = {_fold(name): c for c, name in lookups.municipalities.items()}
    if _fold(text) in by_name:
        found = by_name[_fold(text)]
        raise ValueError(f"dit is een gemeentenaam, geen code — gebruik {found}")
    known = [c for c, _ in codes_in_file.most_common() if c in lookups.municipalities]
    candidates = known or difflib.get_close_matches(
        code, list(lookups.municipalities), n=1, cutoff=0.6
    )
    hint = (
        f"bedoelde u {candidates[0]} {lookups.municipalities[candidates[0]]}?"
        if candidates
        else "gebruik de CBS-code, bijvoorbeeld GM1954"
    )
    raise ValueError(f"onbekende gemeentecode {code} — {hint}")


def rows_frame(data: FormData) -> pl.DataFrame:
    """The validated rows as a frame with the form's columns (and ``_row``)."""
    columns = ["_row", *[c.name for c in data.form.columns]]
    return pl.DataFrame(
        [{c: row.get(c) for c in columns} for row in data.rows], schema=_schema(data.form)
    )


def _schema(form: Form) -> dict[str, pl.DataType]:
    types: dict[str, pl.DataType] = {"_row": pl.Int64()}
    for column in form.columns:
        types[column.name] = {"year": pl.Int64(), "amount": pl.Int64(), "date": pl.Date()}.get(
            column.kind, pl.String()
        )
    return types
