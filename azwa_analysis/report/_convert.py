"""Pandoc (from pypandoc-binary) and Typst (the ``typst`` package): markdown to HTML, Word and
PDF, with no network and deterministic output (``SOURCE_DATE_EPOCH``)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path
from typing import Literal

from azwa_analysis._paths import PROJECT_ROOT

Format = Literal["html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "docx", "pdf")
TEMPLATES = PROJECT_ROOT / "reports" / "templates"


class ConversionError(RuntimeError):
    """Pandoc or Typst failed; the message carries their error output."""


def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def _pandoc(args: list[str], *, epoch: int, cwd: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    result = subprocess.run(
        [pandoc_path(), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ConversionError(f"pandoc faalde ({result.returncode}): {result.stderr.strip()}")


def metadata_args(metadata: dict[str, str]) -> list[str]:
    args: list[str] = []
    for key, value in metadata.items():
        args += ["-M", f"{key}={value}"]
    return args


def epoch_for(day: dt.date) -> int:
    """Timestamps inside the files (docx properties) are the as-of date, not 'now'."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def to_ast(markdown: Path, output: Path, *, metadata: dict[str, str], epoch: int) -> None:
    """Parse the markdown once into pandoc's JSON AST; every format is written from it."""
    _pandoc(
        [
            str(markdown),
            "-f",
            "markdown",
            "-t",
            "json",
            *metadata_args(metadata),
            "-o",
            str(output),
        ],
        epoch=epoch,
        cwd=markdown.parent,
    )


def with_png_images(ast: Path, output: Path) -> None:
    """The same AST with ``fig-*.svg`` figures pointing at their PNG twins (for Word)."""
    text = ast.read_text(encoding="utf-8")
    output.write_text(re.sub(r'"(fig-[0-9a-z-]+)\.svg"', r'"\1.png"', text), encoding="utf-8")


def to_html(ast: Path, output: Path, *, epoch: int) -> None:
    """One self-contained HTML file: CSS and images embedded, no external URLs."""
    _pandoc(
        [
            str(ast),
            "-f",
            "json",
            "-t",
            "html5",
            "--standalone",
            "--embed-resources",
            "--css",
            str(TEMPLATES / "briefing.css"),
            "--toc",
            "--toc-depth=2",
            "-M",
            "toc-title=Inhoud",
            "--resource-path",
            str(ast.parent),
            "-o",
            str(output),
        ],
        epoch=epoch,
        cwd=ast.parent,
    )


def to_docx(ast: Path, output: Path, *, epoch: int) -> None:
    """Word: headings as Word headings, real tables, embedded chart images (PNG)."""
    png_ast = ast.with_name(ast.stem + "-png.json")
    if not png_ast.exists():
        with_png_images(ast, png_ast)
    _pandoc(
        [
            str(png_ast),
            "-f",
            "json",
            "-t",
            "docx",
            "--resource-path",
            str(ast.parent),
            "-o",
            str(output),
        ],
        epoch=epoch,
        cwd=ast.parent,
    )


def to_pdf(ast: Path, output: Path, *, epoch: int) -> None:
    """PDF through Typst: pandoc writes Typst with our template (charts as SVG, sharp at any
    zoom), the typst package compiles it in-process."""
    source = ast.with_suffix(".typ")
    _pandoc(
        [
            str(ast),
            "-f",
            "json",
            "-t",
            "typst",
            "--standalone",
            "--template",
            str(TEMPLATES / "briefing.typ"),
            "-o",
            str(source),
        ],
        epoch=epoch,
        cwd=ast.parent,
    )
    import typst

    try:
        typst.compile(str(source), output=str(output), root=str(ast.parent))
    except Exception as error:  # typst raises its own error types
        raise ConversionError(f"typst faalde: {error}") from error


CONVERTERS = {"html": to_html, "docx": to_docx, "pdf": to_pdf}
