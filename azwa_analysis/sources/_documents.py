"""The source documents: the plain-text seeds in ``data/raw/documents/`` and the registered
documents whose originals are in the store; the clean ``documents`` table describes both."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from azwa_analysis._periods import parse_period
from azwa_analysis.sources._registry import Registration
from azwa_analysis.sources._store import StoredDocument

_SCHEMA: dict[str, Any] = {
    "document": pl.String,
    "title": pl.String,
    "short_title": pl.String,
    "producer": pl.String,
    "date_published": pl.String,
    "date": pl.Date,
    "authority": pl.String,
    "kind": pl.String,
    "availability": pl.String,
    "url": pl.String,
    "licence": pl.String,
    "sha256": pl.String,
    "pages": pl.Int64,
    "lines": pl.Int64,
    "extractor": pl.String,
    "caveats": pl.List(pl.String),
}


def read_documents(folder: Path) -> dict[str, list[str]]:
    """Every plain-text source document in ``folder``, as its lines (cited 1-based)."""
    return {
        path.name: path.read_text(encoding="utf-8").splitlines()
        for path in sorted(folder.glob("*.txt"))
    }


def documents_table(
    documents: Mapping[str, list[str]],
    sidecars: Mapping[str, dict[str, Any]],
    checksums: Mapping[str, str],
    registrations: Mapping[str, Registration] | None = None,
    stored: Mapping[str, StoredDocument] | None = None,
) -> pl.DataFrame:
    """One row per source document: the seeds from their provenance sidecars (keyed by the
    path under ``data/raw``, ``documents/<name>``), the registered documents from their
    registrations and what the store holds of them."""
    rows = []
    for name, lines in sorted(documents.items()):
        meta = sidecars.get(f"documents/{name}", {})
        rows.append(
            {
                "document": name,
                "title": str(meta.get("title", name)),
                "short_title": str(meta.get("short_title", meta.get("title", name))),
                "producer": str(meta.get("producer", "onbekend")),
                "date_published": str(meta.get("date_published", "onbekend")),
                "date": _first_day(str(meta.get("date", ""))),
                "authority": str(meta.get("authority", "overig")),
                "kind": "txt",
                "availability": "repository",
                "url": None,
                "licence": str(meta.get("licence", "onbekend")),
                "sha256": checksums.get(f"documents/{name}", ""),
                "pages": 1,
                "lines": len(lines),
                "extractor": "platte tekst",
                "caveats": [str(c) for c in meta.get("caveats", []) or []],
            }
        )
    for name, registration in sorted((registrations or {}).items()):
        state = (stored or {}).get(name)
        rows.append(
            {
                "document": name,
                "title": registration.title,
                "short_title": registration.short_title,
                "producer": registration.publisher,
                "date_published": registration.date_published,
                "date": _first_day(registration.date_published),
                "authority": registration.authority,
                "kind": registration.kind,
                "availability": "opslag"
                if state is not None and state.state == "aanwezig"
                else "ontbreekt",
                "url": registration.url,
                "licence": registration.licence,
                "sha256": registration.sha256,
                "pages": registration.text.pages,
                "lines": registration.text.lines,
                "extractor": registration.text.extractor,
                "caveats": list(registration.caveats),
            }
        )
    return pl.DataFrame(rows, schema=_SCHEMA)


def _first_day(period: str) -> Any:
    try:
        return parse_period(period).start
    except ValueError:
        return None
