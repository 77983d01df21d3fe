"""Quarto documents without Quarto: read a ``.qmd`` into a notebook, and turn an executed
notebook back into pandoc markdown — the same steps ``quarto render`` takes with the Jupyter
engine (knitr-style ``#|`` cell options, ``output: asis``, ``fig-cap``, a ``parameters`` cell).
"""

from __future__ import annotations

import base64
import copy
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from azwa_analysis.report import _inline as inline

if TYPE_CHECKING:
    import nbformat

_CHUNK = re.compile(r"^```\{python\}[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_OPTION = re.compile(r"^#\|\s?(.*)$")

ImageKind = Literal["svg", "png"]


class RenderError(RuntimeError):
    """A cell of the briefing failed; the message names the cell and the error."""


@dataclass(frozen=True)
class QmdDocument:
    """A parsed Quarto document: front matter and cells (markdown or python with options)."""

    front_matter: dict[str, Any]
    notebook: nbformat.NotebookNode


def read_qmd(path: Path) -> QmdDocument:
    """Parse a ``.qmd`` file into front matter and an (unexecuted) notebook of its own (the
    caller may change it); a batch parses the file once, not once per document."""
    stat = path.stat()
    parsed = _parse_qmd(path.resolve(), stat.st_mtime_ns, stat.st_size)
    return QmdDocument(copy.deepcopy(parsed.front_matter), copy.deepcopy(parsed.notebook))


@functools.lru_cache(maxsize=8)
def _parse_qmd(path: Path, mtime_ns: int, size: int) -> QmdDocument:
    import nbformat

    text = path.read_text(encoding="utf-8")
    front: dict[str, Any] = {}
    if text.startswith("---"):
        _, header, text = text.split("---", 2)
        loaded = yaml.safe_load(header)
        front = loaded if isinstance(loaded, dict) else {}
    cells = []
    position = 0
    for match in _CHUNK.finditer(text):
        before = text[position : match.start()].strip("\n")
        if before.strip():
            cells.append(nbformat.v4.new_markdown_cell(before))
        body = match["body"]
        options_lines: list[str] = []
        code_lines: list[str] = []
        for line in body.splitlines():
            option = _OPTION.match(line)
            if option and not code_lines:
                options_lines.append(option.group(1))
            else:
                code_lines.append(line)
        options = yaml.safe_load("\n".join(options_lines)) or {}
        metadata: dict[str, Any] = {"quarto": options}
        if "tags" in options:
            metadata["tags"] = list(options["tags"])
        cells.append(
            nbformat.v4.new_code_cell("\n".join(code_lines).strip("\n"), metadata=metadata)
        )
        position = match.end()
    rest = text[position:].strip("\n")
    if rest.strip():
        cells.append(nbformat.v4.new_markdown_cell(rest))
    _evaluate_inline(cells)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return QmdDocument(front, notebook)


def _evaluate_inline(cells: list[Any]) -> None:
    """Inline expressions of a markdown cell are evaluated at the start of the next code cell
    (a code cell of their own after the last markdown cell), marked ``azwa-inline``."""
    import nbformat

    pending: list[str] = []
    for cell in cells:
        if cell.cell_type == "markdown":
            pending += inline.expressions(cell.source)
        elif pending:
            cell.source = inline.evaluation_source(pending) + "\n" + cell.source
            cell.metadata["azwa-inline"] = True
            pending = []
    if pending:
        cells.append(
            nbformat.v4.new_code_cell(
                inline.evaluation_source(pending), metadata={"azwa-inline": True}
            )
        )


def to_markdown(
    notebook: nbformat.NotebookNode,
    *,
    image_dir: Path,
    image_kinds: tuple[ImageKind, ...] = ("svg",),
) -> str:
    """Pandoc markdown of an executed notebook; figures are written to ``image_dir``.

    ``output: asis`` cells contribute their printed text as markdown; a cell with a ``label``
    and an image output becomes a figure with its ``fig-cap``. Each figure is written once per
    requested kind (``fig-x.svg``, ``fig-x.png``); the markdown refers to the first kind.
    Errors in a cell raise :class:`RenderError`.
    """
    mimes = {"svg": "image/svg+xml", "png": "image/png"}
    parts: list[str] = []
    # each markdown cell's inline results come from the next code cell that carries them
    results: list[dict[str, dict[str, Any]]] = [{} for _ in notebook.cells]
    ahead: dict[str, dict[str, Any]] = {}
    for index in range(len(notebook.cells) - 1, -1, -1):
        cell = notebook.cells[index]
        if cell.cell_type == "code" and cell.metadata.get("azwa-inline"):
            ahead = inline.results_of(cell.get("outputs", []))
        results[index] = ahead
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            try:
                parts.append(inline.substitute(cell.source, results[index]))
            except (KeyError, ValueError) as error:
                raise RenderError(f"tekst {index + 1} van de briefing: {error}") from error
            continue
        options = cell.metadata.get("quarto", {})
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                raise RenderError(
                    f"cel {index + 1} van de briefing faalde: {output.ename}: {output.evalue}"
                )
        if options.get("output") == "asis":
            text = "".join(
                o.get("text", "")
                for o in cell.outputs
                if o.output_type == "stream" and o.get("name") == "stdout"
            )
            parts.append(text.strip("\n"))
            continue
        for output in cell.outputs:
            data = output.get("data", {})
            if not all(mimes[kind] in data for kind in image_kinds):
                continue
            label = str(options.get("label", f"fig-cel-{index + 1}"))
            for kind in image_kinds:
                payload = data[mimes[kind]]
                if kind == "svg":
                    (image_dir / f"{label}.svg").write_text(payload, encoding="utf-8")
                else:
                    (image_dir / f"{label}.png").write_bytes(base64.b64decode(payload))
            caption = str(options.get("fig-cap", ""))
            parts.append(f"![{caption}]({label}.{image_kinds[0]}){{#{label}}}")
    return "\n\n".join(p for p in parts if p) + "\n"
