"""Pandoc (from pypandoc-binary) and Typst (the ``typst`` package): markdown to HTML, Word and
PDF, with no network and deterministic output (``SOURCE_DATE_EPOCH``)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Literal

import pypandoc
import typst

from azwa_analysis._paths import PROJECT_ROOT

Format = Literal["html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "docx", "pdf")
TEMPLATES = PROJECT_ROOT / "reports" / "templates"


class ConversionError(RuntimeError):
    """Pandoc or Typst failed; the message carries their error output."""


def pandoc_path() -> str:
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


def to_html(markdown: Path, output: Path, *, metadata: dict[str, str], epoch: int) -> None:
    """One self-contained HTML file: CSS and images embedded, no external URLs."""
    _pandoc(
        [
            str(markdown),
            "-f",
            "markdown",
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
            str(markdown.parent),
            *metadata_args(metadata),
            "-o",
            str(output),
        ],
        epoch=epoch,
        cwd=markdown.parent,
    )


def to_docx(markdown: Path, output: Path, *, metadata: dict[str, str], epoch: int) -> None:
    """Word: headings as Word headings, real tables, embedded chart images."""
    _pandoc(
        [
            str(markdown),
            "-f",
            "markdown",
            "-t",
            "docx",
            "--resource-path",
            str(markdown.parent),
            *metadata_args(metadata),
            "-o",
            str(output),
        ],
        epoch=epoch,
        cwd=markdown.parent,
    )


def to_pdf(markdown: Path, output: Path, *, metadata: dict[str, str], epoch: int) -> None:
    """PDF through Typst: pandoc writes Typst with our template, the typst package compiles."""
    source = markdown.with_suffix(".typ")
    _pandoc(
        [
            str(markdown),
            "-f",
            "markdown",
            "-t",
            "typst",
            "--standalone",
            "--template",
            str(TEMPLATES / "briefing.typ"),
            *metadata_args(metadata),
            "-o",
            str(source),
        ],
        epoch=epoch,
        cwd=markdown.parent,
    )
    try:
        typst.compile(str(source), output=str(output), root=str(markdown.parent))
    except Exception as error:  # typst raises its own error types
        raise ConversionError(f"typst faalde: {error}") from error


CONVERTERS = {"html": to_html, "docx": to_docx, "pdf": to_pdf}
