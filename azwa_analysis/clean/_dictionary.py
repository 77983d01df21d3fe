"""The data dictionary, generated from the schemas so it cannot drift from them."""

from __future__ import annotations

import pandera.polars as pa

from azwa_analysis._io import write_bytes_atomic
from azwa_analysis._issues import translate_check
from azwa_analysis._paths import PROJECT_ROOT
from azwa_analysis._tables import CLEAN_SCHEMAS
from azwa_analysis.clean._load import RAW_TABLES

DICTIONARY_PATH = PROJECT_ROOT / "docs" / "data_dictionary.md"

_HEADER = """# Datawoordenboek

Gegenereerd uit de pandera-schema's in `azwa_analysis/schemas/` met `azwa dictionary`; niet met
de hand bewerken (een test faalt als dit bestand achterloopt op de schema's).

Schone tabellen staan in `data/clean/<tabel>.parquet`; de ruwe invoer in `data/raw/` (zie
`data/raw/FORMAT.md` voor de overnameregels). Kolommen met *afgeleid* staan niet in het ruwe
bestand: `azwa build` berekent ze.
"""


def render_dictionary() -> str:
    """Markdown for every clean table and every raw input table."""
    parts = [_HEADER, "## Schone tabellen (data/clean/)\n"]
    for name, model in CLEAN_SCHEMAS.items():
        parts.append(_render_model(f"`{name}`", model))
    parts.append("## Ruwe invoer (data/raw/)\n")
    for table in RAW_TABLES:
        if table.model in CLEAN_SCHEMAS.values():
            parts.append(f"- `{table.path}`: schema {table.model.__name__} (zie boven).\n")
    parts.append("")
    for table in RAW_TABLES:
        if table.model not in CLEAN_SCHEMAS.values():
            parts.append(_render_model(f"`{table.path}`", table.model))
    return "\n".join(parts).rstrip() + "\n"


def _render_model(title: str, model: type[pa.DataFrameModel]) -> str:
    schema = model.to_schema()
    lines = [f"### {title} — {schema.description or model.__name__}", ""]
    doc = " ".join((model.__doc__ or "").split())
    if doc:
        lines += [doc, ""]
    lines += [f"Schema: `{model.__name__}` (strikt: geen andere kolommen).", ""]
    lines += ["| kolom | type | leeg toegestaan | beschrijving | regels |", "|---|---|---|---|---|"]
    for name, column in schema.columns.items():
        rules = [translate_check(str(check.error or check.name)) for check in column.checks]
        if column.unique:
            rules.append("uniek")
        if (column.metadata or {}).get("derived"):
            rules.append("afgeleid")
        lines.append(
            f"| `{name}` | {column.dtype} | {'ja' if column.nullable else 'nee'} | "
            f"{_cell(column.description or '')} | {_cell('; '.join(rules))} |"
        )
    table_rules = [check.description or check.name for check in schema.checks]
    if table_rules:
        lines += ["", "Tabelregels:", *[f"- {_cell(str(rule))}" for rule in table_rules]]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def dictionary_is_current() -> bool:
    """True when docs/data_dictionary.md is what the schemas generate now."""
    current = DICTIONARY_PATH.read_text(encoding="utf-8") if DICTIONARY_PATH.exists() else ""
    return current == render_dictionary()


def write_dictionary() -> None:
    """Regenerate docs/data_dictionary.md from the schemas."""
    write_bytes_atomic(DICTIONARY_PATH, render_dictionary().encode("utf-8"))
