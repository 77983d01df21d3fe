"""Raw files that cannot be read as what they should be: an input error with file and row, never
a crash; and a data folder the build may not write is refused before any work."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azwa_analysis._io import (
    NotWritableError,
    UnreadableFileError,
    read_sidecar,
    sha256_file,
    write_sidecar,
)
from azwa_analysis._issues import InputError
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean import run
from azwa_analysis.clean._load import read_csv_text
from azwa_analysis.clean._parse import parse_table
from azwa_analysis.clean._process import validate_frame
from azwa_analysis.schemas import StreamSchema
from tests._fuzz import EDITS, corrupt, fuzzing
from tests.steward._helpers import invoke

STREAMS = Path(__file__).resolve().parents[2] / "data" / "raw" / "streams.csv"
FUZZ = fuzzing(150)


def _replace_raw(paths: DataPaths, relative: str, data: bytes) -> None:
    """Put ``data`` in a raw file and reseal it, as if a reviewer had accepted the change."""
    path = paths.raw / relative
    path.write_bytes(data)
    meta = read_sidecar(path)
    meta["sha256"] = sha256_file(path)
    write_sidecar(path, meta)


def _streams_with(line: str) -> bytes:
    lines = STREAMS.read_bytes().split(b"\n")
    lines.insert(3, line.encode("utf-8") if line else b"")
    return b"\n".join(lines)


@pytest.mark.parametrize(
    ("data", "row", "rule"),
    [
        (_streams_with('x,"Naam zonder einde,GALA,beschrijving'), 4, "aanhalingsteken"),
        (_streams_with("x,Te weinig,GALA"), 4, "rij heeft 3 cellen"),
        (STREAMS.read_bytes().replace(b"Brede SPUK", b"Brede \xff SPUK", 1), 2, "geen UTF-8"),
        (b"", None, "bestand is leeg"),
        (b"   \n\n", None, "bestand is leeg"),
    ],
    ids=["unclosed-quote", "ragged-line", "non-utf8-byte", "no-content", "blank-lines"],
)
def test_a_raw_csv_that_cannot_be_read_is_an_input_error(
    data_copy: DataPaths, data: bytes, row: int | None, rule: str
) -> None:
    """An unclosed quote, a ragged line, a byte that is not UTF-8 or an empty file: the build
    names file, row and rule in Dutch (exit 1), and the command shows no polars advice."""
    _replace_raw(data_copy, "streams.csv", data)
    with pytest.raises(InputError) as caught:
        run(data_copy)
    mine = [i for i in caught.value.issues if i.file.endswith("streams.csv") and rule in i.rule]
    assert mine, caught.value
    assert mine[0].row == row
    result = invoke("build", "--data-dir", str(data_copy.root))
    assert result.exit_code == 1
    assert rule in result.output
    assert "polars" not in result.output.lower()


def test_a_sidecar_that_is_not_yaml_is_named_with_its_line(data_copy: DataPaths) -> None:
    """Invalid YAML in a sidecar: the message names the sidecar and its line, not
    '<unicode string>'."""
    sidecar = data_copy.raw / "streams.csv.meta.yml"
    sidecar.write_text("title: Stromen\nproducer: [niet gesloten\nsha256: x\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        run(data_copy)
    [issue] = [i for i in caught.value.issues if "YAML" in i.rule]
    assert issue.file.endswith("streams.csv.meta.yml")
    assert issue.row is not None
    assert "<unicode string>" not in str(caught.value)
    assert invoke("build", "--data-dir", str(data_copy.root)).exit_code == 1


def test_a_read_only_clean_folder_is_refused_before_any_work(data_copy: DataPaths) -> None:
    """`azwa build` with a read-only data/clean: refused with a Dutch message, data/clean as it
    was, and no data/.clean-staging-* left behind."""
    run(data_copy)
    before = {p.name: p.read_bytes() for p in data_copy.clean.iterdir()}
    meta = read_sidecar(data_copy.raw / "streams.csv")
    meta["title"] = "Stromen (gewijzigd)"
    write_sidecar(data_copy.raw / "streams.csv", meta)
    data_copy.clean.chmod(0o555)
    try:
        with pytest.raises(NotWritableError, match="alleen-lezen"):
            run(data_copy)
        result = invoke("build", "--data-dir", str(data_copy.root))
        assert result.exit_code == 2
        assert "alleen-lezen" in result.output
        assert {p.name: p.read_bytes() for p in data_copy.clean.iterdir()} == before
        assert not list(data_copy.root.glob(".clean-staging-*"))
    finally:
        data_copy.clean.chmod(0o755)


@FUZZ
@given(edits=EDITS)
def test_damaged_raw_csv_bytes_are_issues_never_exceptions(
    tmp_path: Path, edits: list[tuple[str, int, int]]
) -> None:
    """Random damage to a raw table's bytes: reading, parsing and validating it report
    issues; nothing raises but the Dutch 'not UTF-8' error."""
    path = tmp_path / "streams.csv"
    path.write_bytes(corrupt(STREAMS.read_bytes(), edits))
    try:
        text = read_csv_text(path)
    except UnreadableFileError as error:
        problem: UnreadableFileError | None = error
    else:
        problem = None
    if problem is not None:
        assert problem.line is not None
        return
    frame, issues = parse_table(text, StreamSchema, file="streams.csv")
    validate_frame(frame, StreamSchema, file="streams.csv", reported=issues)
    assert all(issue.rule for issue in issues)


@FUZZ
@given(text=st.text(max_size=200) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_any_sidecar_text_reads_or_is_a_dutch_error(tmp_path: Path, text: str) -> None:
    """Whatever a sidecar holds, reading it gives a dict or an error that names the file."""
    path = tmp_path / "x.csv"
    path.write_bytes(b"a\n")
    (tmp_path / "x.csv.meta.yml").write_bytes(text.encode("utf-8", "surrogatepass"))
    message = ""
    try:
        assert isinstance(read_sidecar(path), dict)
    except UnreadableFileError as error:
        message = str(error)
    if message:
        assert "x.csv.meta.yml" in message
        assert "<unicode string>" not in message


def test_fuzz_inputs_are_what_the_build_reads() -> None:
    """The fuzzed file is the shipped one (its checksum is the one in its sidecar)."""
    digest = hashlib.sha256(STREAMS.read_bytes()).hexdigest()
    assert read_sidecar(STREAMS)["sha256"] == digest
