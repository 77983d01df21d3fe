"""Stage 4, report: what people read. Charts and Dutch display tables (for the notebooks and
the briefings), the briefing's content from the clean tables and the analyses, and the render
engine that turns ``reports/briefing.qmd`` into HTML, Word and PDF, with Quarto or without it.

- content: ``_briefing.py`` (the :class:`Briefing` and its key message), ``_sections.py``,
  ``_figures.py``, ``_markdown.py`` (footnotes, tables), ``_charts.py``, ``_display.py``;
- rendering: ``_render.py`` (one municipality or all), ``_jobs.py`` (fingerprints, skip the
  unchanged), ``_kernel.py`` (warm Jupyter kernels), ``_qmd.py`` (the Quarto document as a
  notebook, and its output as markdown), ``_convert.py`` and ``convert_server.lua`` (pandoc and
  Typst), ``_notebooks.py`` (parameters, executing notebooks).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from azwa_analysis.report._briefing import Briefing, warm_up
    from azwa_analysis.report._figures import Figure

__all__ = ["Briefing", "Figure", "warm_up"]

_LAZY = {"Briefing": "_briefing", "warm_up": "_briefing", "Figure": "_figures"}


def __getattr__(name: str) -> Any:
    # The briefing content pulls in Altair; the renderer's planning does not need it.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"azwa_analysis.report.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'azwa_analysis.report' has no attribute {name!r}")
