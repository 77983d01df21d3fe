"""Baseline helper: turn one executed notebook into HTML, Word and PDF in a fresh process, the
way a user's script would after papermill (the same conversion code as our engine)."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from azwa_analysis.report._convert import Converter, epoch_for
from azwa_analysis.report._qmd import to_markdown


def main() -> None:
    executed, out_dir, name = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    notebook = nbformat.read(executed, as_version=4)
    start = time.perf_counter()
    epoch = epoch_for(dt.date(2026, 11, 22))
    with tempfile.TemporaryDirectory() as tmp, Converter() as converter:
        work = Path(tmp)
        markdown = work / "b.md"
        markdown.write_text(
            to_markdown(notebook, image_dir=work, image_kinds=("svg", "png")), encoding="utf-8"
        )
        converter.convert(
            markdown,
            {fmt: out_dir / f"b.{fmt}" for fmt in ("html", "docx", "pdf")},
            metadata={
                "title": "Raadsinformatiebrief",
                "municipality": name,
                "asof": "22 november 2026",
            },
            epoch=epoch,
        )
    print(f"conversions {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
