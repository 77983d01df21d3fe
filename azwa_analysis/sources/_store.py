"""The document store: the folder outside the repository that holds registered originals.

Its place is ``AZWA_DOCUMENTS`` (or a command's ``--documents``); tests and CI point it at
``../shared/sources``. The store is optional: without it, every registered document is absent,
its quotes cannot be checked, and the build says how many it left unchecked.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from azwa_analysis._io import sha256_file
from azwa_analysis.sources._extract import extract
from azwa_analysis.sources._quotes import Pages
from azwa_analysis.sources._registry import Registration
from azwa_analysis.sources._text import Extraction, ExtractionError

State = Literal["aanwezig", "ontbreekt", "gewijzigd", "andere tekst", "onleesbaar"]


@dataclass(frozen=True)
class StoredDocument:
    """What the store holds of one registered document."""

    document: str
    state: State
    #: The document's pages of lines, when it is present and reads as registered.
    pages: Pages | None = None
    detail: str = ""


def text_sha256(pages: Pages) -> str:
    """The sha256 of extracted text: lines joined by newlines, pages by form feeds.

    Examples
    --------
    >>> text_sha256((("a", "b"), ("c",)))[:12]
    '854e10b7afd9'
    """
    text = "\f".join("\n".join(page) for page in pages)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_checksums(
    registrations: Mapping[str, Registration], store: Path | None
) -> dict[str, str | None]:
    """Per registered document the sha256 of its file in the store (None when absent): what
    the build's fingerprint records, so that adding or changing the store rebuilds."""
    return {
        name: (
            sha256_file(store / name) if store is not None and (store / name).is_file() else None
        )
        for name in sorted(registrations)
    }


def read_stored(
    registrations: Mapping[str, Registration],
    store: Path | None,
    checksums: Mapping[str, str | None],
) -> dict[str, StoredDocument]:
    """Every registered document as the store holds it: present (with its text), absent,
    changed since it was registered, or reading as other text than registered."""
    out: dict[str, StoredDocument] = {}
    for name, registration in sorted(registrations.items()):
        checksum = checksums.get(name)
        if store is None or checksum is None:
            out[name] = StoredDocument(name, "ontbreekt")
            continue
        if checksum != registration.sha256:
            out[name] = StoredDocument(
                name,
                "gewijzigd",
                detail=f"sha256 {checksum[:12]}… in de opslag, {registration.sha256[:12]}… "
                "geregistreerd",
            )
            continue
        try:
            extraction = _extract_cached(store / name, checksum)
        except ExtractionError as error:
            out[name] = StoredDocument(name, "onleesbaar", detail=str(error))
            continue
        if text_sha256(extraction.pages) != registration.text.sha256:
            out[name] = StoredDocument(
                name,
                "andere tekst",
                detail=f"uitgelezen met {extraction.extractor}; geregistreerd met "
                f"{registration.text.extractor}",
            )
            continue
        out[name] = StoredDocument(name, "aanwezig", extraction.pages)
    return out


@functools.lru_cache(maxsize=64)
def _extract_cached(path: Path, checksum: str) -> Extraction:
    """Extraction per file and checksum: a test session builds many times from one store."""
    return extract(path)
