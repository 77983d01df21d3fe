"""The command line as a hostile user meets it: every input error exit 1, misuse exit 2, never a
crash; outputs checked before any work and never over an input; nothing printed steers the
terminal; files made with the process's umask; workers bounded by cores and memory."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azwa_analysis import Tables
from azwa_analysis._paths import DataPaths
from azwa_analysis.report._jobs import RenderResult
from azwa_analysis.report._workers import plan_workers, usable_cores
from azwa_analysis.steward import write_template
from tests._fuzz import fuzzing
from tests.steward._helpers import LOCAL_HEADER, invoke, write

FUZZ = fuzzing(80)


@pytest.fixture
def no_rendering(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """`azwa render` up to the renderer: the call is recorded, nothing is rendered."""
    calls: list[dict[str, object]] = []

    def fake(codes, **options):  # type: ignore[no-untyped-def]
        calls.append({"codes": list(codes), **options})
        return [RenderResult(code, code, "overgeslagen") for code in codes]

    monkeypatch.setattr("azwa_analysis.report._render.render_briefings", fake)
    return calls


@pytest.fixture(scope="module")
def template(tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template prefilled for Beekdaelen (a valid workbook to point commands at)."""
    return write_template(
        tables, tmp_path_factory.mktemp("cli") / "beekdaelen.xlsx", municipality="GM1954"
    )


def _copy_built(built: DataPaths, target: Path) -> DataPaths:
    shutil.copytree(built.root, target / "data")
    return DataPaths(target / "data")


# ----------------------------------------------------------------------------- terminal


def test_control_sequences_in_a_cell_are_shown_not_obeyed(tmp_path: Path, built: DataPaths) -> None:
    """ESC[2J (clear screen), a bell and a right-to-left override in a cell and a file name
    reach the table report as visible escapes."""
    path = write(
        tmp_path / "stand\x1b[31m.csv",
        f"{LOCAL_HEADER}\nGM1954;Valpreventie;pi\x1b[2Jlot\x07;;;;;Nota \u202e2026\n",
    )
    result = invoke("validate", str(path), "--data-dir", str(built.root))
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert "\u202e" not in result.output
    assert "\\x1b[2J" in result.output
    json_report = invoke("validate", str(path), "--format", "json", "--data-dir", str(built.root))
    assert "\x1b" not in json_report.output


def test_a_usage_error_through_the_entry_point_is_exit_2_and_escaped() -> None:
    """`azwa render --jobs $'\\e[2J'` as a user types it: exit 2, Dutch prefix, no ESC."""
    result = subprocess.run(
        [sys.executable, "-m", "azwa_analysis.cli", "render", "--jobs", "\x1b[2J", "--all"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "Fout:" in result.stderr
    assert "Traceback" not in result.stderr


# ----------------------------------------------------------------------------- never overwrite


def test_validate_never_overwrites_its_input(template: Path, built: DataPaths) -> None:
    """`azwa validate x.xlsx --format html --out x.xlsx`: exit 2, the workbook unchanged."""
    before = template.read_bytes()
    for out in (str(template), str(template.parent / "." / template.name)):
        result = invoke(
            "validate",
            str(template),
            "--format",
            "html",
            "--out",
            out,
            "--data-dir",
            str(built.root),
        )
        assert result.exit_code == 2
        assert "zou invoer overschrijven" in result.output
    link = template.parent / "link.xlsx"
    link.symlink_to(template)
    result = invoke("validate", str(template), "--out", str(link), "--data-dir", str(built.root))
    assert result.exit_code == 2
    assert template.read_bytes() == before


@pytest.mark.parametrize("where", ["folder", "read-only-folder", "read-only-file", "data"])
def test_unwritable_or_forbidden_targets_are_refused_before_any_work(
    template: Path, built: DataPaths, tmp_path: Path, where: str
) -> None:
    """`--out` a folder, a file in a read-only folder, a read-only file, or a file inside the
    data folder: exit 2 with a Dutch message, for validate and template alike."""
    locked = tmp_path / "alleen_lezen"
    locked.mkdir()
    target = {
        "folder": tmp_path,
        "read-only-folder": locked / "rapport.xlsx",
        "read-only-file": tmp_path / "oud.xlsx",
        "data": built.clean / "rapport.xlsx",
    }[where]
    if where == "read-only-file":
        target.write_bytes(b"oud")
        target.chmod(0o444)
    locked.chmod(0o555)
    try:
        for args in (
            ["validate", str(template), "--format", "html", "--out", str(target)],
            ["template", "--out", str(target)],
        ):
            result = invoke(*args, "--data-dir", str(built.root))
            assert result.exit_code == 2, (args, result.output)
            assert "Fout: --out" in result.output
    finally:
        locked.chmod(0o755)
    assert not (built.clean / "rapport.xlsx").exists()


def test_format_table_with_out_writes_the_table(tmp_path: Path, built: DataPaths) -> None:
    """`--format table --out f` writes the table to f instead of ignoring --out."""
    path = write(tmp_path / "stand.csv", f"{LOCAL_HEADER}\nGM9999;Valpreventie;pilot;;;;;Nota\n")
    out = tmp_path / "rapport.txt"
    result = invoke("validate", str(path), "--out", str(out), "--data-dir", str(built.root))
    assert result.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "onbekende gemeentecode GM9999" in text
    assert "Probleem" in text
    assert "GM9999" not in result.output


# ----------------------------------------------------------------------------- damaged clean


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete"])
def test_a_damaged_clean_table_says_run_build(
    built: DataPaths, tmp_path: Path, template: Path, damage: str
) -> None:
    """A truncated, overwritten or missing data/clean/*.parquet: validate, template, render
    and import say 'voer azwa build uit' with exit 1, never 'Interne fout'."""
    data = _copy_built(built, tmp_path)
    target = data.clean / "municipalities.parquet"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:100])
    elif damage == "garbage":
        target.write_bytes(b"PAR1" + bytes(1000))
    else:
        target.unlink()
    commands = [
        ["validate", str(template)],
        ["template", "--out", str(tmp_path / "x.xlsx")],
        ["render", "-m", "GM1954", "--format", "html", "--out", str(tmp_path / "out")],
        ["import", str(template), "--door", "Piet", "-g", "GM1954"],
    ]
    for args in commands:
        result = invoke(*args, "--data-dir", str(data.root))
        assert result.exit_code == 1, (args, result.output)
        assert "azwa build" in result.output
        assert "Interne fout" not in result.output


# ----------------------------------------------------------------------------- render misuse


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-m", "¹"], "Onbekende gemeente"),
        (["-m", "9" * 5000], "Onbekende gemeente"),
        (["-m", ""], "Onbekende gemeente"),
        (["-m", "GM1954", "--as-of", "0001-01-01"], "--as-of 0001-01-01 ligt buiten"),
        (["-m", "GM1954", "--as-of", "9999-12-31"], "ligt buiten"),
        (["-m", "GM1954", "--format", "html,xls"], "onbekend formaat xls"),
        (["-m", "GM1954", "--jobs", "0"], ""),
    ],
    ids=["superscript", "5000-digits", "empty", "year-1", "year-9999", "format", "jobs-0"],
)
def test_render_misuse_exits_2_before_any_kernel_starts(
    built: DataPaths,
    tmp_path: Path,
    no_rendering: list[dict[str, object]],
    args: list[str],
    message: str,
) -> None:
    """Bad municipalities, reference dates and formats: exit 2 with a Dutch message."""
    result = invoke("render", *args, "--out", str(tmp_path / "out"), "--data-dir", str(built.root))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert no_rendering == []


@pytest.mark.parametrize("where", ["file", "read-only", "data"])
def test_render_out_that_cannot_be_written_is_refused_before_the_kernel(
    built: DataPaths, tmp_path: Path, no_rendering: list[dict[str, object]], where: str
) -> None:
    """`render --out` a file, a read-only folder or data/clean: refused in Dutch before any
    kernel starts."""
    target = {"file": tmp_path / "f.txt", "read-only": tmp_path / "ro", "data": built.clean}[where]
    if where == "file":
        target.write_text("x")
    if where == "read-only":
        target.mkdir()
        target.chmod(0o555)
    try:
        result = invoke(
            "render", "-m", "GM1954", "--out", str(target), "--data-dir", str(built.root)
        )
    finally:
        if where == "read-only":
            target.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert "Fout: --out" in result.output
    assert no_rendering == []


def test_render_dedupes_formats_and_resolves_a_relative_data_dir(
    built: DataPaths,
    tmp_path: Path,
    no_rendering: list[dict[str, object]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--format html,html` asks for HTML once; a relative `--data-dir` reaches the renderer
    (and so the kernels, which run elsewhere) as an absolute path."""
    monkeypatch.chdir(built.root.parent)
    result = invoke(
        "render",
        "-m",
        "GM1954",
        "--format",
        "html,HTML, html",
        "--out",
        str(tmp_path / "out"),
        "--data-dir",
        built.root.name,
    )
    assert result.exit_code == 0, result.output
    [call] = no_rendering
    assert call["formats"] == ["html"]
    data = call["data"]
    assert isinstance(data, DataPaths)
    assert data.root.is_absolute()
    assert data.root == built.root


# ----------------------------------------------------------------------------- workers


def test_jobs_default_to_the_usable_cores_and_are_capped(
    built: DataPaths, tmp_path: Path, no_rendering: list[dict[str, object]]
) -> None:
    """Without --jobs the renderer gets the usable cores (CPU affinity); --jobs 1000 is capped
    at them, and the command says so."""
    cores = len(os.sched_getaffinity(0))
    assert usable_cores() == cores
    common = ["render", "--all", "--out", str(tmp_path / "out"), "--data-dir", str(built.root)]
    assert invoke(*common).exit_code == 0
    assert invoke(*common, "--jobs", "1000").exit_code == 0
    first, capped = no_rendering
    assert first["jobs"] == plan_workers(None, municipalities=342).workers <= cores
    assert capped["jobs"] == first["jobs"]
    result = invoke(*common, "--jobs", "1000")
    assert "--jobs 1000 begrensd tot" in result.output


def test_workers_are_capped_by_memory_and_by_the_municipalities() -> None:
    """Little memory means fewer workers (said why); one municipality needs one worker."""
    low = plan_workers(None, municipalities=342, cores=8, memory_gib=1.0)
    assert low.workers == 1
    assert low.note is not None
    assert "GiB geheugen beschikbaar" in low.note
    assert plan_workers(4, municipalities=1, cores=8, memory_gib=64.0).workers == 1
    assert plan_workers(4, municipalities=1, cores=8, memory_gib=64.0).note is None


# ----------------------------------------------------------------------------- umask


def test_files_are_made_with_the_process_umask(
    data_copy: DataPaths, tmp_path: Path, template: Path
) -> None:
    """Under umask 022: the template, a report, an imported submission and data/clean are
    readable by others (0644 files, 0755 folders), not 0600 and 0700."""
    from azwa_analysis.clean import run

    old = os.umask(0o022)
    try:
        run(data_copy)
        out = tmp_path / "t.xlsx"
        assert (
            invoke("template", "--out", str(out), "--data-dir", str(data_copy.root)).exit_code == 0
        )
        report = tmp_path / "r.html"
        invoke(
            "validate",
            str(out),
            "--format",
            "html",
            "--out",
            str(report),
            "--data-dir",
            str(data_copy.root),
        )
        source = write(tmp_path / "s.csv", f"{LOCAL_HEADER}\nGM1954;Valpreventie;pilot;;;;;Nota\n")
        result = invoke(
            "import",
            str(source),
            "--door",
            "Piet",
            "-g",
            "GM1954",
            "--data-dir",
            str(data_copy.root),
        )
        assert result.exit_code == 0, result.output
    finally:
        os.umask(old)
    files = [out, report, *data_copy.clean.iterdir(), *(data_copy.raw / "imports").rglob("*")]
    for path in files:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))
    assert stat.S_IMODE(data_copy.clean.stat().st_mode) == 0o755


# ----------------------------------------------------------------------------- fuzz


_anything = st.text(max_size=30) | st.sampled_from(
    ["¹", "٣", "9" * 5000, "GM1954", "Beekdaelen", "-1", "0", "1e9", "\x1b[2J", "html,html"]
)


@FUZZ
@given(
    municipality=_anything,
    as_of=_anything | st.dates().map(lambda d: d.isoformat()),
    formats=_anything | st.sampled_from(["html", "html,docx,pdf", "pdf,pdf", ",", "HTML"]),
    jobs=st.integers(min_value=-5, max_value=10**6).map(str) | _anything,
)
def test_any_render_arguments_end_in_exit_0_1_or_2(
    built: DataPaths,
    tmp_path: Path,
    no_rendering: list[dict[str, object]],
    municipality: str,
    as_of: str,
    formats: str,
    jobs: str,
) -> None:
    """Random -m, --as-of, --format and --jobs: a Dutch message and exit 0, 1 or 2; never an
    exception, a traceback or an unescaped control character."""
    result = invoke(
        "render",
        "-m",
        municipality,
        "--as-of",
        as_of,
        "--format",
        formats,
        "--jobs",
        jobs,
        "--out",
        str(tmp_path / "out"),
        "--data-dir",
        str(built.root),
    )
    assert result.exit_code in (0, 1, 2)
    assert "Interne fout" not in result.output
    if result.exit_code == 0:
        assert no_rendering
