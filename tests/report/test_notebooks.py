"""The notebooks run end to end from the project environment and are committed clean."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from azwa_analysis._paths import PROJECT_ROOT, DataPaths
from azwa_analysis.report._notebooks import execute_notebook

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    """National overview, municipality deep-dive and data quality."""
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    """No outputs or execution counts in the repository."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], path.name
            assert cell.execution_count is None, path.name


def _text(notebook: nbformat.NotebookNode) -> str:
    parts: list[str] = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts.extend(str(v) for v in output.get("data", {}).values())
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path: Path, built: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell runs without error against freshly built data; charts come out as SVG."""
    monkeypatch.setenv("AZWA_DATA_DIR", str(built.root))
    executed = execute_notebook(path)
    output = _text(executed)
    assert "Traceback" not in output
    if "gemeente" in path.name or "overzicht" in path.name:
        assert "<svg" in output


@pytest.mark.slow
def test_deep_dive_for_a_municipality_without_local_data(
    built: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parameters are injected; a municipality without letters says what is unknown."""
    monkeypatch.setenv("AZWA_DATA_DIR", str(built.root))
    path = PROJECT_ROOT / "notebooks" / "02_gemeente_in_beeld.ipynb"
    executed = execute_notebook(path, parameters={"municipality": "GM0014", "as_of": "2026-01-15"})
    output = _text(executed)
    assert "Groningen (GM0014), peildatum 15 januari 2026" in output
    assert "Geen lokale gegevens voor Groningen" in output
