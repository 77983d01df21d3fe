"""The source documents: read from their folder, and described one row each from their
provenance sidecars (the clean ``documents`` table)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl


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
) -> pl.DataFrame:
    """One row per source document, from its provenance sidecar.

    ``sidecars`` and ``checksums`` are keyed by the path under ``data/raw``
    (``documents/<name>``), as the build reads them.
    """
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
                "licence": str(meta.get("licence", "onbekend")),
                "sha256": checksums.get(f"documents/{name}", ""),
                "lines": len(lines),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "document": pl.String,
            "title": pl.String,
            "short_title": pl.String,
            "producer": pl.String,
            "date_published": pl.String,
            "licence": pl.String,
            "sha256": pl.String,
            "lines": pl.Int64,
        },
    )
