"""A corpus of malformed steward files: each one is reported (rule, row) and imports nothing.

The cases are in ``tests/steward/corpus/``: ``files.py`` (the file, its sheets and headers),
``values.py`` (rows and cells) and ``adviser.py`` (the adviser's sheet); each names the rule and
row its issue must have."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from azwa_analysis import Tables, load_tables
from azwa_analysis._issues import ValidationIssue
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean import run
from azwa_analysis.steward import Scope, import_file, write_template
from tests.conftest import copy_data
from tests.steward.corpus._makers import Case
from tests.steward.corpus.adviser import ADVISER_CASES
from tests.steward.corpus.files import FILE_CASES
from tests.steward.corpus.values import VALUE_CASES

CASES: list[Case] = [*FILE_CASES, *VALUE_CASES, *ADVISER_CASES]


def _state(paths: DataPaths) -> dict[str, str]:
    """sha256 of every file under data/raw and data/clean."""
    return {
        str(path.relative_to(paths.root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in (paths.raw, paths.clean)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _says_how_to_fix(issue: ValidationIssue) -> bool:
    """A hint, or a rule that itself says what to write ('…; schrijf 1.234', 'moet tussen …')."""
    return bool(issue.hint) or "; " in issue.rule or " moet " in issue.rule


@dataclass(frozen=True)
class Corpus:
    paths: DataPaths
    tables: Tables
    template: Path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """One built copy of the data for the whole corpus, and the template prefilled for GM1954."""
    paths = copy_data(tmp_path_factory.mktemp("corpus"))
    run(paths)
    tables = load_tables(paths)
    template = write_template(
        tables, tmp_path_factory.mktemp("template") / "sjabloon.xlsx", municipality="GM1954"
    )
    return Corpus(paths, tables, template)


def test_corpus_has_at_least_40_distinct_cases() -> None:
    """The corpus covers at least 40 different malformed inputs, each with its own id."""
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


def test_the_prefilled_template_itself_imports_cleanly(corpus: Corpus) -> None:
    """The starting point of the XLSX cases is valid, so each case's issue is its own edit."""
    from azwa_analysis.steward import validate_file

    assert validate_file(corpus.template, corpus.tables).ok


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_input_is_reported_and_changes_nothing(
    case: Case, corpus: Corpus, tmp_path: Path
) -> None:
    """The import refuses the file with a Dutch rule (at the right row) that says how to fix
    it, and writes nothing."""
    path = tmp_path / case.file
    case.make(path, corpus.template)
    before = _state(corpus.paths)
    result = import_file(
        path, corpus.tables, paths=corpus.paths, supplied_by="corpus", scope=Scope(("GM1954",))
    )
    assert result.written == ()
    assert _state(corpus.paths) == before
    issues = result.validation.issues
    matching = [i for i in issues if case.rule in i.rule and i.row == case.row]
    assert matching, [i.format() for i in issues]
    assert all(i.file == case.file for i in matching)
    assert all(_says_how_to_fix(i) for i in issues), [i.format() for i in issues]
    if case.hint is not None:
        assert any(case.hint in (i.hint or "") for i in matching), [i.format() for i in matching]
