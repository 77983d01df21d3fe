"""``azwa source add``: register a public document, or refuse it with a reason and write nothing.

The document is read (PDF, Word or HTML), its text extracted with page and line numbers, its
original put in the document store when it is not there yet, and a registration written into
``data/raw/sources/``. Refused, with a Dutch message: a file that is not what its name says, an
encrypted PDF, a PDF without a text layer, a duplicate (the same bytes as a registered
document), and a document whose bytes changed since it was registered under its name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from azwa_analysis._io import sha256_file
from azwa_analysis._paths import DataPaths
from azwa_analysis._vocab import AUTHORITIES
from azwa_analysis.sources._extract import extract
from azwa_analysis.sources._registry import (
    Registration,
    TextFacts,
    load_yaml,
    parse_registration,
    registration_files,
    registration_path,
    write_registration,
)
from azwa_analysis.sources._store import text_sha256
from azwa_analysis.sources._text import ExtractionError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL = re.compile(r"^https?://[^\s]+$")


class RegistrationError(Exception):
    """A document that cannot be registered; the message says why and what to do (Dutch)."""


@dataclass(frozen=True)
class DocumentFacts:
    """What a person states about a document when registering it."""

    title: str
    publisher: str
    date_published: str
    url: str
    authority: str
    short_title: str = ""
    licence: str = (
        "Openbaar overheidsdocument; hergebruik vrij (Wet hergebruik van overheidsinformatie)"
    )
    caveats: tuple[str, ...] = ()


def register(
    file: Path, facts: DocumentFacts, *, paths: DataPaths, today: dt.date | None = None
) -> tuple[Registration, Path]:
    """Register ``file``; returns the registration and the path it was written to.

    Raises
    ------
    RegistrationError
        For every reason the document cannot be registered; nothing is written then.
    """
    _check_facts(facts)
    if not file.is_file():
        raise RegistrationError(f"{file}: bestand niet gevonden")
    store = paths.store
    if store is None:
        raise RegistrationError(
            "geen documentenopslag: zet AZWA_DOCUMENTS of geef --documents MAP (de originelen "
            "staan buiten de repository)"
        )
    if not store.is_dir():
        raise RegistrationError(f"documentenopslag {store} bestaat niet of is geen map")
    checksum = sha256_file(file)
    _refuse_duplicates(paths, file.name, checksum)
    try:
        extraction = extract(file)
    except ExtractionError as error:
        raise RegistrationError(f"niet te registreren: {error}") from None
    registration = Registration(
        document=file.name,
        title=facts.title.strip(),
        short_title=(facts.short_title or facts.title).strip(),
        publisher=facts.publisher.strip(),
        date_published=facts.date_published,
        url=facts.url,
        kind=extraction.kind,
        authority=facts.authority,
        licence=facts.licence,
        date_accessed=(today or dt.date.today()).isoformat(),
        sha256=checksum,
        bytes=file.stat().st_size,
        text=TextFacts(
            sha256=text_sha256(extraction.pages),
            pages=len(extraction.pages),
            lines=sum(len(page) for page in extraction.pages),
            extractor=extraction.extractor,
            pagination=extraction.pagination,
        ),
        caveats=tuple(c.strip() for c in facts.caveats if c.strip()),
    )
    copied = _put_in_store(file, store, checksum)
    try:
        path = write_registration(paths.raw, registration)
    except OSError as error:
        if copied is not None:
            with contextlib.suppress(OSError):
                copied.unlink()
        raise RegistrationError(
            f"registratie niet te schrijven in {paths.sources}: {error.strerror}"
        ) from None
    return registration, path


def _check_facts(facts: DocumentFacts) -> None:
    for label, value in (
        ("--title", facts.title),
        ("--publisher", facts.publisher),
        ("--url", facts.url),
        ("--short-title", facts.short_title),
        *(("--caveat", c) for c in facts.caveats),
    ):
        if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
            raise RegistrationError(f"{label}: bevat onzichtbare of stuurtekens")
    for label, value in (("--title", facts.title), ("--publisher", facts.publisher)):
        if not value.strip():
            raise RegistrationError(f"{label} is leeg")
    if facts.date_published != "onbekend" and not _valid_date(facts.date_published):
        raise RegistrationError(
            f"--date '{facts.date_published}': geen datum; schrijf JJJJ-MM-DD, JJJJ-MM, JJJJ "
            "of 'onbekend'"
        )
    if not _URL.match(facts.url):
        raise RegistrationError(f"--url '{facts.url}': geen webadres (begint met https://)")
    if facts.authority not in AUTHORITIES:
        raise RegistrationError(
            f"--authority '{facts.authority}': kies uit {', '.join(AUTHORITIES)}"
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


def _refuse_duplicates(paths: DataPaths, name: str, checksum: str) -> None:
    for path in registration_files(paths.raw):
        data, problems = load_yaml(path.read_text(encoding="utf-8"), file=str(path))
        registration, problems = (
            (None, problems)
            if problems
            else parse_registration(data, file=str(path), name=path.name)
        )
        if registration is None:
            raise RegistrationError(
                f"{path} is geen geldige registratie ({problems[0].format()}); herstel die eerst"
            )
        if registration.sha256 == checksum:
            raise RegistrationError(
                f"{name}: dit document is al geregistreerd als {registration.document} "
                f"(zelfde sha256 {checksum[:12]}…)"
            )
        if registration.document == name:
            raise RegistrationError(
                f"{name}: de inhoud is veranderd sinds de registratie van "
                f"{registration.date_accessed} (sha256 nu {checksum[:12]}…, geregistreerd "
                f"{registration.sha256[:12]}…); registreer een nieuwe versie onder een "
                "nieuwe bestandsnaam"
            )
    if registration_path(paths.raw, name).exists():  # pragma: no cover - found above
        raise RegistrationError(f"{name} is al geregistreerd")


def _put_in_store(file: Path, store: Path, checksum: str) -> Path | None:
    """Copy the original into the store; None when it is there already (nothing copied)."""
    target = store / file.name
    if target.exists():
        if target.is_file() and sha256_file(target) == checksum:
            return None
        raise RegistrationError(
            f"de documentenopslag heeft al een ander bestand {file.name}; kies een andere "
            "bestandsnaam"
        )
    try:
        fd, tmp = tempfile.mkstemp(dir=store, prefix=f".{file.name}.", suffix=".tmp")
    except OSError as error:
        raise RegistrationError(
            f"kan niet schrijven in de documentenopslag {store}: {error.strerror}"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle, file.open("rb") as source:
            shutil.copyfileobj(source, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target
