"""Registrations: what the repository knows of a public document it does not hold.

A registration is ``data/raw/sources/<file name>.yml``: title, publisher, date, address, kind,
how authoritative it is, the sha256 of the original and of the text extracted from it, and the
extractor and its version, so that page and line numbers are reproducible. The original lives
in the document store (``AZWA_DOCUMENTS``), outside the repository: owid/etl's snapshot
pattern, metadata and checksums in git, files in a store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from azwa_analysis._io import write_bytes_atomic
from azwa_analysis._issues import ValidationIssue
from azwa_analysis._vocab import AUTHORITIES, DOCUMENT_KINDS

#: Registrations live in this folder under data/raw.
FOLDER: Final = "sources"
SUFFIX: Final = ".yml"
_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]*\.(pdf|docx|html|htm)$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_REQUIRED: Final = (
    "document",
    "title",
    "short_title",
    "publisher",
    "date_published",
    "url",
    "kind",
    "authority",
    "licence",
    "date_accessed",
    "sha256",
    "bytes",
    "text",
)
_TEXT_REQUIRED: Final = ("sha256", "pages", "lines", "extractor", "pagination")


@dataclass(frozen=True)
class TextFacts:
    """What the extraction gave: enough to know the same text is read again."""

    sha256: str
    pages: int
    lines: int
    extractor: str
    pagination: str


@dataclass(frozen=True)
class Registration:
    """One registered document (see the module docstring)."""

    document: str
    title: str
    short_title: str
    publisher: str
    date_published: str
    url: str
    kind: str
    authority: str
    licence: str
    date_accessed: str
    sha256: str
    bytes: int
    text: TextFacts
    caveats: tuple[str, ...] = field(default=())

    def to_yaml(self) -> str:
        data = asdict(self)
        data["caveats"] = list(self.caveats)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def registration_path(raw: Path, document: str) -> Path:
    """``data/raw/sources/<document>.yml``."""
    return raw / FOLDER / f"{document}{SUFFIX}"


def registration_files(raw: Path) -> list[Path]:
    """Every registration under ``raw``, sorted."""
    return sorted((raw / FOLDER).glob(f"*{SUFFIX}"))


def write_registration(raw: Path, registration: Registration) -> Path:
    """Write the registration atomically; returns its path."""
    path = registration_path(raw, registration.document)
    write_bytes_atomic(path, registration.to_yaml().encode("utf-8"))
    return path


def parse_registration(
    data: object, *, file: str, name: str
) -> tuple[Registration | None, list[ValidationIssue]]:
    """Check a loaded registration; the registration when it is sound, and every problem.

    ``name`` is the file name of the registration (``<document>.yml``): the document it
    registers must be the one it names.
    """
    if not isinstance(data, Mapping):
        return None, [
            ValidationIssue.whole_file(
                file, "geen registratie (verwacht sleutels als title, sha256, text)"
            )
        ]
    issues: list[ValidationIssue] = []

    def bad(key: str, value: object, rule: str, hint: str | None = None) -> None:
        issues.append(
            ValidationIssue(file, None, key, None if value is None else str(value), rule, hint)
        )

    for key in _REQUIRED:
        if data.get(key) in (None, ""):
            bad(key, None, "verplicht veld ontbreekt")
    text = data.get("text")
    if isinstance(text, Mapping):
        for key in _TEXT_REQUIRED:
            if text.get(key) in (None, ""):
                bad(f"text.{key}", None, "verplicht veld ontbreekt")
    elif text is not None:
        bad("text", text, "moet de sleutels sha256, pages, lines, extractor, pagination hebben")
    document = str(data.get("document", ""))
    if document and not _NAME.match(document):
        bad("document", document, "geen bestandsnaam van een PDF, Word- of HTML-bestand")
    if document and f"{document}{SUFFIX}" != name:
        bad("document", document, f"hoort bij registratiebestand {document}{SUFFIX}, niet {name}")
    for key in ("sha256",):
        if data.get(key) and not _SHA.match(str(data[key])):
            bad(key, data[key], "geen sha256 (64 hexadecimale tekens)")
    if isinstance(text, Mapping) and text.get("sha256") and not _SHA.match(str(text["sha256"])):
        bad("text.sha256", text["sha256"], "geen sha256 (64 hexadecimale tekens)")
    if data.get("kind") and data["kind"] not in DOCUMENT_KINDS:
        bad("kind", data["kind"], f"kies uit {', '.join(DOCUMENT_KINDS)}")
    if data.get("authority") and data["authority"] not in AUTHORITIES:
        bad("authority", data["authority"], f"kies uit {', '.join(AUTHORITIES)}")
    for key in ("date_published", "date_accessed"):
        value = data.get(key)
        if value not in (None, "", "onbekend") and not _valid_date(str(value)):
            bad(key, value, "geen datum (JJJJ-MM-DD, JJJJ-MM, JJJJ of onbekend)")
    for key in ("bytes",):
        if data.get(key) is not None and not (isinstance(data[key], int) and data[key] > 0):
            bad(key, data[key], "moet een positief geheel getal zijn")
    caveats = data.get("caveats") or []
    if not isinstance(caveats, list) or not all(isinstance(c, str) for c in caveats):
        bad("caveats", caveats, "moet een lijst van teksten zijn")
    if issues:
        return None, issues
    assert isinstance(text, Mapping)
    return (
        Registration(
            document=document,
            title=str(data["title"]),
            short_title=str(data["short_title"]),
            publisher=str(data["publisher"]),
            date_published=str(data["date_published"]),
            url=str(data["url"]),
            kind=str(data["kind"]),
            authority=str(data["authority"]),
            licence=str(data["licence"]),
            date_accessed=str(data["date_accessed"]),
            sha256=str(data["sha256"]),
            bytes=int(data["bytes"]),
            text=TextFacts(
                sha256=str(text["sha256"]),
                pages=int(text["pages"]),
                lines=int(text["lines"]),
                extractor=str(text["extractor"]),
                pagination=str(text["pagination"]),
            ),
            caveats=tuple(caveats),
        ),
        [],
    )


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def load_yaml(text: str, *, file: str) -> tuple[Any, list[ValidationIssue]]:
    """YAML text as data, or an issue naming the file and the line of the syntax error."""
    try:
        return yaml.safe_load(text), []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = None if mark is None else int(mark.line) + 1
        problem = getattr(error, "problem", None) or "onleesbare YAML"
        return None, [
            ValidationIssue(
                file,
                row,
                None,
                None,
                f"geen geldige YAML: {problem}",
                "herstel het bestand of registreer het document opnieuw",
            )
        ]


def parse_registrations(
    texts: Mapping[str, str], *, raw_prefix: str = "data/raw/"
) -> tuple[dict[str, Registration], list[ValidationIssue]]:
    """The registrations that parse, by document name, and the problems of the others."""
    registrations: dict[str, Registration] = {}
    issues: list[ValidationIssue] = []
    for relative, text in sorted(texts.items()):
        file = raw_prefix + relative
        data, problems = load_yaml(text, file=file)
        if not problems:
            registration, problems = parse_registration(
                data, file=file, name=relative.rpartition("/")[2]
            )
            if registration is not None:
                registrations[registration.document] = registration
        issues.extend(problems)
    return registrations, issues
