"""Checks across rows and tables that a single schema cannot express.

Every function takes frames (and document texts) and returns a list of
:class:`~azwa_analysis._issues.ValidationIssue`; none raises. Row numbers are those a steward sees
(header = row 1), taken from the ``_row`` column the loader adds.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from azwa_analysis._issues import ROW, ValidationIssue
from azwa_analysis._vocab import NATIONAL
from azwa_analysis.sources import fold_whitespace


def check_reference(
    frame: pl.DataFrame,
    column: str,
    allowed: Iterable[str],
    *,
    file: str,
    target: str,
    list_column: bool = False,
    ignore: Iterable[str] = (),
) -> list[ValidationIssue]:
    """Every (non-null) value of ``column`` exists in ``allowed``."""
    known = set(allowed)
    skip = set(ignore)
    issues: list[ValidationIssue] = []
    for row_number, value in frame.select(ROW, column).iter_rows():
        values = (value or []) if list_column else ([] if value is None else [value])
        for item in values:
            if item not in known and item not in skip:
                issues.append(
                    ValidationIssue(
                        file,
                        row_number,
                        column,
                        item,
                        f"onbekende verwijzing naar {target}",
                        _suggest(item, known),
                    )
                )
    return issues


def _suggest(value: str, known: set[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.6)
    return f"bedoelde u {' of '.join(close)}?" if close else None


def check_scope(
    frame: pl.DataFrame, municipality_codes: Iterable[str], *, file: str, column: str = "scope"
) -> list[ValidationIssue]:
    """``scope`` is 'national' or an existing municipality code."""
    return check_reference(
        frame, column, municipality_codes, file=file, target="gemeente", ignore=[NATIONAL]
    )


def check_subtotals(funding: pl.DataFrame, *, file: str) -> list[ValidationIssue]:
    """Every printed subtotal equals the sum of its children, per document, year and scope.

    A subtotal that the source does not print for a year (or for the structural column) is not
    checked for that year: the check compares printed figures only, it does not invent totals.
    """
    key = ["source_document", "scope", "year", "structural"]
    children = (
        funding.filter(pl.col("parent_component_id").is_not_null())
        .group_by([*key, "parent_component_id"])
        .agg(
            pl.col("amount_eur").sum().alias("children_sum"),
            pl.col("component_id").sort().alias("children"),
            pl.col(ROW).min().alias("first_child_row"),
        )
    )
    parents = funding.filter(pl.col("is_subtotal")).select(
        *key, pl.col("component_id").alias("parent_component_id"), "amount_eur", ROW
    )
    joined = children.join(parents, on=[*key, "parent_component_id"], how="left", nulls_equal=True)
    issues: list[ValidationIssue] = []
    for row in joined.iter_rows(named=True):
        when = "structureel" if row["structural"] else str(row["year"])
        if row["amount_eur"] is None:
            continue  # no printed subtotal for this year or column: nothing to check against
        elif row["amount_eur"] != row["children_sum"]:
            issues.append(
                ValidationIssue(
                    file,
                    row[ROW],
                    "amount_eur",
                    str(row["amount_eur"]),
                    f"subtotaal {row['parent_component_id']} ({when}) is niet de som van "
                    f"{', '.join(row['children'])} ({row['children_sum']})",
                    "controleer de overgenomen bedragen tegen de tabel in het brondocument",
                )
            )
    return issues


def check_unique_aliases(interventions: pl.DataFrame, *, file: str) -> list[ValidationIssue]:
    """No name or alias (case-insensitive) points at two interventions."""
    seen: dict[str, str] = {}
    issues: list[ValidationIssue] = []
    for row in interventions.select(ROW, "intervention_id", "name", "aliases").iter_rows(
        named=True
    ):
        for label in [row["name"], *(row["aliases"] or [])]:
            if label is None:
                continue
            folded = fold_whitespace(label).casefold()
            owner = seen.setdefault(folded, row["intervention_id"])
            if owner != row["intervention_id"]:
                issues.append(
                    ValidationIssue(
                        file,
                        row[ROW],
                        "aliases",
                        label,
                        f"naam of alias hoort al bij interventie {owner}",
                        "een naam mag maar naar één interventie verwijzen",
                    )
                )
    return issues


def amount_renderings(amount: int) -> set[str]:
    """The ways a document may print ``amount`` euros: ``127`` (mln), ``89,3`` (mln),
    ``80.000``, ``80.000,00``, ``80000``, ``1,1`` (mln) ….

    Examples
    --------
    >>> sorted(amount_renderings(89_300_000))
    ['89,3', '89.300.000', '89.300.000,00', '89300000']
    """
    dotted = f"{amount:,}".replace(",", ".")
    forms = {str(amount), dotted, f"{dotted},00"}
    if amount % 100_000 == 0 and amount >= 100_000:
        millions = amount / 1_000_000
        text = f"{millions:.1f}".replace(".", ",").removesuffix(",0")
        forms.add(text)
    return forms


def check_amounts_quoted(funding: pl.DataFrame, *, file: str) -> list[ValidationIssue]:
    """Every amount appears, as a number the document prints, in the row's own quote.

    A wrong transcription (89,3 typed as 98300000) then fails even where no subtotal covers it.
    """
    import re

    issues: list[ValidationIssue] = []
    for row_number, amount, quote in funding.select(ROW, "amount_eur", "source_quote").iter_rows():
        if amount is None or quote is None:
            continue
        numbers = set(re.findall(r"\d+(?:[.,]\d+)*", quote))
        if not numbers & amount_renderings(amount):
            issues.append(
                ValidationIssue(
                    file,
                    row_number,
                    "amount_eur",
                    str(amount),
                    "bedrag staat niet in het citaat (als mln, met punten of als cijfers)",
                    "controleer het bedrag of neem het getal op in source_quote",
                )
            )
    return issues


def check_names_match(
    allocations: pl.DataFrame, municipalities: pl.DataFrame, *, file: str
) -> list[ValidationIssue]:
    """A municipality's name as the document prints it is its name in the municipality table,
    or that name without its province suffix (``Beek`` for ``Beek (L.)``); the code and the
    printed name cannot then point at different municipalities.

    ``municipalities`` is the raw table (``gemeentecode``, ``gemeentenaam``).
    """
    names = dict(municipalities.select("gemeentecode", "gemeentenaam").iter_rows())
    issues: list[ValidationIssue] = []
    rows = allocations.filter(pl.col("recipient_kind") == "gemeente").select(
        ROW, "recipient", "name_in_source"
    )
    for row, code, printed in rows.iter_rows():
        official = names.get(code)
        if official is None:
            continue  # the reference check reports an unknown code
        if fold_whitespace(printed) not in (official, _without_province(official)):
            issues.append(
                ValidationIssue(
                    file,
                    row,
                    "name_in_source",
                    printed,
                    f"naam past niet bij gemeentecode {code} ({official})",
                    "controleer de gemeentecode bij deze naam",
                )
            )
    return issues


def _without_province(name: str) -> str:
    """``Bergen (L.)`` → ``Bergen``."""
    head, _, tail = name.rpartition(" (")
    return head if head and tail.endswith(")") else name
