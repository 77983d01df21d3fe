"""Execute a notebook with papermill-style parameters (used by tests and the briefing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import nbformat


def inject_parameters(notebook: nbformat.NotebookNode, parameters: dict[str, Any]) -> None:
    """Insert a cell after the one tagged ``parameters`` that overrides its values (papermill's
    convention: the original defaults stay visible, the injected cell is tagged
    ``injected-parameters``)."""
    import nbformat

    if not parameters:
        return
    lines = [
        f"{name} = {json.dumps(value, ensure_ascii=False)}" for name, value in parameters.items()
    ]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    for index, existing in enumerate(notebook.cells):
        if "parameters" in existing.get("metadata", {}).get("tags", []):
            notebook.cells.insert(index + 1, cell)
            return
    notebook.cells.insert(0, cell)


def execute_notebook(
    path: Path,
    *,
    parameters: dict[str, Any] | None = None,
    timeout: int = 600,
    cwd: Path | None = None,
) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel and return the executed notebook (raises on error)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    inject_parameters(notebook, parameters or {})
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd or path.parent)}},
    )
    client.execute()
    return notebook
