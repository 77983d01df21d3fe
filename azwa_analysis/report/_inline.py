"""Quarto's inline expressions (`` `{python} expr` ``) for the built-in engine.

Quarto evaluates each inline expression in the kernel after the code that precedes it and puts
the result into the markdown: a value with a markdown representation as markdown, HTML as raw
HTML, LaTeX as raw LaTeX, and anything else by its text representation — a quoted string
without its quotes and with markdown's special characters escaped (quarto-cli,
``src/core/jupyter/jupyter-inline.ts``). The built-in engine does the same: the expressions of
a markdown cell are evaluated at the start of the next code cell (so after everything before
them, as in Quarto) and their results travel back as one display output of a private type.
"""

from __future__ import annotations

import re
from typing import Any

#: An inline expression: one backtick, ``{python}``, the code, one backtick.
INLINE = re.compile(r"`\{python\}[ \t]+([^`\n]+?)[ \t]*`")
MIME = "application/vnd.azwa.inline+json"
_MARKDOWN, _HTML, _LATEX, _PLAIN = "text/markdown", "text/html", "text/latex", "text/plain"
_WANTED = frozenset((_MARKDOWN, _HTML, _LATEX, _PLAIN))
#: What Quarto escapes in a quoted text result.
_ESCAPE = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")


class Markdown(str):
    """Text that an inline expression (or a notebook) shows as markdown, not as a string."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return str(self)


def expressions(markdown: str) -> list[str]:
    """The inline expressions of a markdown cell, in order (duplicates once)."""
    return list(dict.fromkeys(match.group(1) for match in INLINE.finditer(markdown)))


def evaluation_source(exprs: list[str]) -> str:
    """A line of code that evaluates ``exprs`` in the kernel and sends their results back
    (it binds no name in the document's namespace)."""
    return f'__import__("azwa_analysis.report._inline", fromlist=["evaluate"]).evaluate({exprs!r})'


def evaluate(exprs: list[str]) -> None:  # pragma: no cover - runs inside the kernel
    """Evaluate each expression in the user's namespace; display the results (or errors)."""
    from IPython import get_ipython
    from IPython.display import display

    shell = get_ipython()
    results: list[dict[str, Any]] = []
    for expr in exprs:
        try:
            value = eval(expr, shell.user_ns)
            # Only the four representations Quarto looks at: the others (PNG, SVG, JSON, …)
            # are not asked for.
            data, _ = shell.display_formatter.format(value, include=_WANTED)
            wanted = {k: v for k, v in data.items() if k in _WANTED}
            results.append({"expr": expr, "data": wanted})
        except Exception as error:  # reported by the renderer with the expression
            results.append({"expr": expr, "error": f"{type(error).__name__}: {error}"})
    display({MIME: results}, raw=True)


def results_of(outputs: list[Any]) -> dict[str, dict[str, Any]]:
    """The inline results carried by a code cell's outputs, by expression."""
    found: dict[str, dict[str, Any]] = {}
    for output in outputs:
        for result in output.get("data", {}).get(MIME, []):
            found[result["expr"]] = result
    return found


def as_markdown(result: dict[str, Any]) -> str:
    """Quarto's rule for one result; raises ``ValueError`` for an expression that failed."""
    if "error" in result:
        raise ValueError(f"inline-expressie `{result['expr']}` faalde: {result['error']}")
    data = result["data"]
    if _MARKDOWN in data:
        return str(data[_MARKDOWN])
    if _HTML in data:
        return f"`{data[_HTML]}`{{=html}}"
    if _LATEX in data:
        return f"`{data[_LATEX]}`{{=tex}}"
    text = str(data.get(_PLAIN, ""))
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return _ESCAPE.sub(r"\\\1", text[1:-1])
    return text


def substitute(markdown: str, results: dict[str, dict[str, Any]]) -> str:
    """Replace every inline expression of ``markdown`` by its result."""
    return INLINE.sub(lambda match: as_markdown(results[match.group(1)]), markdown)
