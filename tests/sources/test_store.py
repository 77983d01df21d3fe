"""The document store and the build: quotes of registered documents are checked where the store
holds them, counted where it does not, and a changed original stops the build."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from azwa_analysis._io import reseal
from azwa_analysis._issues import InputError
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean import UnverifiedQuotesError, run
from azwa_analysis.sources import DocumentFacts, register
from tests.sources._documents import write_pdf

FACTS = DocumentFacts(
    title="Brief",
    publisher="VWS",
    date_published="2026-04-22",
    url="https://example.nl/brief.pdf",
    authority="ministerie",
)
QUOTE_ROW = {
    "statement_id": "proefbrief_uitspraak",
    "text": "Een uitspraak uit de proefbrief.",
    "source_document": "proefbrief.pdf",
    "source_location": "2:1",
    "source_quote": "De middelen komen vanaf 2027",
    "note": "",
}


@pytest.fixture
def registered(data_copy: DataPaths, tmp_path: Path) -> DataPaths:
    """A data copy with one registered two-page letter and a statement quoting its page 2."""
    store = tmp_path / "opslag"
    store.mkdir()
    if data_copy.store is not None:  # the real documents too, so only the test letter differs
        for original in data_copy.store.iterdir():
            (store / original.name).symlink_to(original)
    paths = data_copy.with_store(store)
    source = write_pdf(
        tmp_path / "proefbrief.pdf",
        [["Eerste pagina van de brief"], ["De middelen komen vanaf 2027 bij gemeenten"]],
    )
    register(source, FACTS, paths=paths)
    _add_statement(paths, QUOTE_ROW)
    return paths


def _add_statement(paths: DataPaths, row: dict[str, str]) -> None:
    table = paths.raw / "statements.csv"
    text = table.read_text(encoding="utf-8")
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\n").writerow(row)
    table.write_text(text + buffer.getvalue(), encoding="utf-8")
    reseal(table)


def test_quotes_of_a_document_in_the_store_are_checked(registered: DataPaths) -> None:
    """With the store, the registered letter's quote is verified: nothing unverified."""
    result = run(registered)
    assert "proefbrief.pdf" not in result.unverified


def test_a_wrong_quote_in_a_registered_document_fails(registered: DataPaths) -> None:
    """The quote must stand on the cited page and line."""
    _add_statement(
        registered,
        {**QUOTE_ROW, "statement_id": "proefbrief_fout", "source_location": "1:1"},
    )
    with pytest.raises(InputError) as caught:
        run(registered)
    assert any("citaat staat niet letterlijk" in i.rule for i in caught.value.issues)


def test_without_the_store_quotes_are_counted_not_failed_unless_strict(
    registered: DataPaths,
) -> None:
    """No store: the build succeeds and says how many quotes it could not check; --strict
    refuses and leaves data/clean as it was."""
    absent = registered.with_store(None)
    result = run(absent)
    assert result.unverified["proefbrief.pdf"] == 1
    assert "citaten niet gecontroleerd" in result.unverified_message
    manifest = (absent.clean / "manifest.json").read_bytes()
    with pytest.raises(UnverifiedQuotesError):
        run(absent, strict=True, force=True)
    assert (absent.clean / "manifest.json").read_bytes() == manifest


def test_a_document_changed_in_the_store_stops_the_build(registered: DataPaths) -> None:
    """Other bytes under the registered name: the citations can no longer be trusted."""
    assert registered.store is not None
    write_pdf(registered.store / "proefbrief.pdf", [["Andere tekst"], ["Andere pagina twee"]])
    with pytest.raises(InputError) as caught:
        run(registered)
    assert any("veranderd sinds de registratie" in i.rule for i in caught.value.issues)


def test_adding_the_store_rebuilds(registered: DataPaths, tmp_path: Path) -> None:
    """A build without the store, then with it: the second build checks the quotes (the store
    is part of what the build depends on)."""
    assert registered.store is not None
    elsewhere = tmp_path / "elders"
    shutil.move(registered.store, elsewhere)
    first = run(registered.with_store(None))
    assert "proefbrief.pdf" in first.unverified
    second = run(registered.with_store(elsewhere))
    assert second.built
    assert "proefbrief.pdf" not in second.unverified
