"""A problem found in an input, said so that a data steward can act on it."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandera.errors
import polars as pl

from azwa_analysis._format import printable
from azwa_analysis.schemas._common import SOURCE_COLUMNS

#: The header is line 1 of a CSV file: data row ``i`` (0-based) is line ``i + HEADER_LINES + 1``.
HEADER_LINES = 1
#: The column a loader adds to a parsed table: each row's number as a spreadsheet shows it.
ROW = "_row"


@dataclass(frozen=True)
class ValidationIssue:
    """One problem: where (file, sheet, row, column), what (value), which rule, how to fix.

    ``row`` is the row number as the steward sees it in a spreadsheet (the header is row 1);
    ``None`` when the problem concerns the whole file or a column.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    hint: str | None = None
    sheet: str | None = None

    @classmethod
    def whole_file(
        cls, file: str, rule: str, hint: str | None = None, *, sheet: str | None = None
    ) -> ValidationIssue:
        """A problem with the file (or a sheet) as a whole: no row, column or value."""
        return cls(file, None, None, None, rule, hint, sheet=sheet)

    def format(self) -> str:
        """One Dutch line: ``bestand, rij 3, kolom 'jaar': waarde '20x6' — regel. Oplossing``."""
        where = [self.file]
        if self.sheet:
            where.append(f"blad '{self.sheet}'")
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        text = ", ".join(where) + ": "
        if self.value is not None:
            text += f"waarde '{_short(self.value)}' — "
        text += self.rule
        if self.hint:
            text += f". {self.hint[:1].upper()}{self.hint[1:]}"
        return printable(text, newlines=False)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class InputError(Exception):
    """Raised when inputs break rules; carries every issue found, not only the first."""

    def __init__(self, issues: Iterable[ValidationIssue]):
        self.issues = tuple(issues)
        lines = "\n".join(f"- {issue.format()}" for issue in self.issues)
        super().__init__(f"{len(self.issues)} probleem/problemen in de invoer:\n{lines}")


def _short(value: str, limit: int = 80) -> str:
    flat = printable(value, newlines=False)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_CHECK_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    (r"^isin\((.*)\)$", "waarde niet toegestaan; kies uit {0}"),
    (r"^str_matches\('(.*)'\)$", "voldoet niet aan het patroon {0}"),
    (r"^greater_than_or_equal_to\((.*)\)$", "moet minstens {0} zijn"),
    (r"^less_than_or_equal_to\((.*)\)$", "mag hoogstens {0} zijn"),
    (r"^in_range\((.*), (.*)\)$", "moet tussen {0} en {1} liggen"),
    (r"^str_length\((.*), (.*)\)$", "lengte moet tussen {0} en {1} tekens liggen"),
    (r"^field_uniqueness$", "waarde komt vaker voor; moet uniek zijn"),
    (r"^not_nullable$", "verplicht veld is leeg"),
)


def translate_check(check: str) -> str:
    """Turn a pandera check name into a Dutch rule.

    Examples
    --------
    >>> translate_check("greater_than_or_equal_to(0)")
    'moet minstens 0 zijn'
    """
    for pattern, template in _CHECK_TRANSLATIONS:
        match = re.match(pattern, check)
        if match:
            return template.format(*match.groups())
    return check


def issues_from_schema_errors(
    error: pandera.errors.SchemaErrors,
    *,
    file: str,
    row_numbers: pl.Series | None = None,
    descriptions: dict[str, str] | None = None,
) -> list[ValidationIssue]:
    """Convert pandera's failure cases into issues with spreadsheet row numbers.

    ``row_numbers`` maps the frame's 0-based index to the row a steward sees; without it the
    row is ``index + 2`` (a header line, then 1-based rows). ``descriptions`` maps a custom
    check's name to its description, used as the rule text.
    """
    cases = error.failure_cases
    issues: list[ValidationIssue] = []
    for case in cases.iter_rows(named=True):
        index = case.get("index")
        row: int | None = None
        if index is not None:
            row = (
                int(row_numbers[int(index)])
                if row_numbers is not None
                else int(index) + HEADER_LINES + 1
            )
        check = str(case["check"])
        rule = (descriptions or {}).get(check) or translate_check(check)
        column: str | None = case["column"] if case["schema_context"] == "Column" else None
        value = case["failure_case"]
        if case["schema_context"] != "Column" and value is not None:
            # Whole-row checks report the row as JSON: keep it short and readable.
            with contextlib.suppress(ValueError, AttributeError):
                value = ", ".join(
                    f"{k}={v}"
                    for k, v in json.loads(value).items()
                    if v is not None and k not in SOURCE_COLUMNS
                )
        if check == "column_in_schema":
            rule, column, value = "onbekende kolom", str(value), None
        elif check == "column_in_dataframe":
            rule, column, value = "verplichte kolom ontbreekt", str(value), None
        issues.append(
            ValidationIssue(
                file=file,
                row=row,
                column=column,
                value=None if value is None else str(value),
                rule=rule,
            )
        )
    return issues
