"""Turn what a user types (``GM1954``, ``1954``, ``beekdaelen``, an old merged name) into a
municipality of the current division."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from azwa_analysis._tables import Tables

#: Longer than any municipality's name (the longest has 27 characters).
MAX_QUERY = 100


class UnknownMunicipalityError(ValueError):
    """The input matches no municipality; the message suggests close matches."""


@dataclass(frozen=True)
class Municipality:
    """A municipality of the 2025 division.

    ``merged_from`` names the old municipality when the user typed a merged-away code or name.
    """

    code: str
    name: str
    province: str
    inhabitants: int
    merged_from: str | None = None

    @property
    def label(self) -> str:
        """``Beekdaelen (GM1954)``."""
        return f"{self.name} ({self.code})"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ")


def resolve_municipality(tables: Tables, query: str) -> Municipality:
    """Find a municipality by code or name; merged-away ones resolve to their successor.

    Raises
    ------
    UnknownMunicipalityError
        Dutch message with up to three suggestions.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> tables = load_tables()
    >>> resolve_municipality(tables, "beekdaelen").code
    'GM1954'
    >>> resolve_municipality(tables, "GM0398").name  # Heerhugowaard merged in 2022
    'Dijk en Waard'
    """
    by_code, by_name, merged, merged_names = _lookups(tables)
    text = query.strip()
    if not text or len(text) > MAX_QUERY:
        raise UnknownMunicipalityError(
            f"Onbekende gemeente: geef een gemeentecode (GM1954) of -naam van hoogstens "
            f"{MAX_QUERY} tekens (kreeg {len(text)} tekens)."
        )
    code = text.upper()
    if re.fullmatch(r"[0-9]{1,4}", code):  # not isdigit(): that also accepts '¹', which
        code = f"GM{int(code):04d}"  # int() refuses
    if code in by_code:
        return _make(by_code[code])
    if code in merged:
        old = merged[code]
        return _make(by_code[old["new_code"]], f"{old['old_name']} ({old['old_code']})")
    folded = _fold(text)
    if folded in by_name:
        return _make(by_name[folded])
    if folded in merged_names:
        old = merged_names[folded]
        return _make(by_code[old["new_code"]], f"{old['old_name']} ({old['old_code']})")
    names = {
        _fold(row["name"]): f"{row['name']} ({row['municipality_code']})"
        for row in by_code.values()
    }
    close = difflib.get_close_matches(folded, list(names), n=3, cutoff=0.6)
    hint = f" Bedoelde u {' of '.join(names[c] for c in close)}?" if close else ""
    raise UnknownMunicipalityError(
        f"Onbekende gemeente '{query}': geen gemeentecode of -naam uit de indeling 2025.{hint}"
    )


_Rows = dict[str, dict[str, Any]]


def _lookups(tables: Tables) -> tuple[_Rows, _Rows, _Rows, _Rows]:
    """Code and folded-name indexes of municipalities and mergers, built once per bundle (a
    briefing resolves its municipality in every analysis)."""

    def build() -> tuple[_Rows, _Rows, _Rows, _Rows]:
        by_code = {
            row["municipality_code"]: row for row in tables.municipalities.iter_rows(named=True)
        }
        merged = {row["old_code"]: row for row in tables.mergers.iter_rows(named=True)}
        return (
            by_code,
            {_fold(row["name"]): row for row in by_code.values()},
            merged,
            {_fold(row["old_name"]): row for row in merged.values()},
        )

    return tables.memoised(("municipality-lookups",), build)


def _make(row: dict[str, object], merged_from: str | None = None) -> Municipality:
    return Municipality(
        code=str(row["municipality_code"]),
        name=str(row["name"]),
        province=str(row["province"]),
        inhabitants=int(row["inhabitants"]),  # type: ignore[call-overload]
        merged_from=merged_from,
    )
