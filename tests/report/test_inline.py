"""Quarto's inline expressions in the built-in engine: what Quarto does with each kind of
value (quarto-cli, src/core/jupyter/jupyter-inline.ts), and a document rendered end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from azwa_analysis._paths import DataPaths
from azwa_analysis.report._inline import Markdown, as_markdown, expressions, substitute
from azwa_analysis.report._qmd import read_qmd
from azwa_analysis.report._render import render_briefings


def test_expressions_are_found_once_each_in_order() -> None:
    text = "A `{python} x` b `{python}  y.z ` c `{python} x` and `not {python} this`"
    assert expressions(text) == ["x", "y.z"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"text/plain": "2027"}, "2027"),  # a number as it prints
        ({"text/plain": "'Beekdaelen'"}, "Beekdaelen"),  # a string without its quotes
        ({"text/plain": "'*x* (1.5)'"}, r"\*x\* \(1\.5\)"),  # … and escaped
        ({"text/plain": "'x'", "text/markdown": "*x*[^1]"}, "*x*[^1]"),  # markdown wins
        ({"text/plain": "'x'", "text/html": "<b>x</b>"}, "`<b>x</b>`{=html}"),
        ({"text/plain": "True"}, "True"),
    ],
)
def test_each_kind_of_result_is_written_as_quarto_writes_it(
    data: dict[str, str], expected: str
) -> None:
    assert as_markdown({"expr": "e", "data": data}) == expected


def test_a_failed_expression_names_itself() -> None:
    with pytest.raises(ValueError, match=r"`t.nergens` faalde: AttributeError"):
        substitute(
            "`{python} t.nergens`",
            {"t.nergens": {"expr": "t.nergens", "error": "AttributeError: x"}},
        )


def test_markdown_values_carry_their_markup() -> None:
    value = Markdown("**vet**[^b1]")
    assert value._repr_markdown_() == "**vet**[^b1]"
    assert value == "**vet**[^b1]"


def test_the_qmd_reader_evaluates_inline_code_before_the_next_cell(tmp_path: Path) -> None:
    """The expressions of a text go to the start of the next code cell (after everything
    before them, as in Quarto); after the last code cell they get a cell of their own."""
    qmd = tmp_path / "doc.qmd"
    qmd.write_text(
        "---\ntitle: t\n---\n\n```{python}\nx = 1\n```\n\nWaarde `{python} x`.\n\n"
        "```{python}\nx = 2\n```\n\nNu `{python} x`.\n",
        encoding="utf-8",
    )
    cells = read_qmd(qmd).notebook.cells
    code = [c for c in cells if c.cell_type == "code"]
    assert len(code) == 3
    assert code[1].source.splitlines()[0].endswith("evaluate(['x'])")
    assert code[1].source.splitlines()[1] == "x = 2"
    assert code[2].metadata["azwa-inline"] is True


def test_a_document_with_inline_code_renders_like_quarto(built: DataPaths, tmp_path: Path) -> None:
    """Values in the text: a plain string is escaped, a Markdown value keeps its markup and
    footnote, a number prints; a later reassignment does not change an earlier value."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "templates").mkdir()
    qmd = folder / "briefing.qmd"
    qmd.write_text(
        "---\ntitle: Proef\n---\n\n"
        "```{python}\n#| tags: [parameters]\nmunicipality = 'GM1954'\nas_of = '2026-11-29'\n```\n\n"
        "```{python}\nfrom azwa_analysis.report import Briefing\n"
        "b = Briefing.create(municipality, as_of)\nt = b.text\nn = 1\n```\n\n"
        "Gemeente `{python} t.gemeente` (`{python} 'a*b'`), jaar `{python} n`.\n\n"
        "Geld: `{python} t.kern_geld`\n\n"
        "```{python}\nn = 2\n```\n\n"
        "```{python}\n#| output: asis\nprint(b.notes.definitions())\n```\n",
        encoding="utf-8",
    )
    [result] = render_briefings(
        ["GM1954"],
        as_of=dt.date(2026, 11, 29),
        formats=("html",),
        out_dir=tmp_path / "out",
        engine="builtin",
        data=built,
        template=qmd,
    )
    assert result.status == "gemaakt", result.error
    text = (tmp_path / "out" / "GM1954" / "GM1954-briefing.md").read_text(encoding="utf-8")
    assert "Gemeente Beekdaelen (a\\*b), jaar 1." in text
    assert "Geld: Beekdaelen ontvangt in 2026 officieel € 571.739" in text.replace("\u00a0", " ")
    assert "[^b1]" in text
    assert "[^b1]: " in text
    assert "{python}" not in text
