"""The package's shape: one folder per stage, dependencies one way, small modules.

The stages in order (see docs/architecture.md): the shared modules at the top of the package
and ``schemas/``, then ``sources/`` → ``clean/`` → ``analysis/`` and ``steward/`` (side by side,
neither imports the other) → ``report/``; ``cli.py`` and ``__init__.py`` may import anything.
A module may import its own stage, the shared modules and earlier stages, never a later one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from azwa_analysis._paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "azwa_analysis"
#: A stage's rank: a module may import only stages of a lower rank, or its own stage.
RANKS = {"shared": 0, "sources": 1, "clean": 2, "analysis": 3, "steward": 3, "report": 4}
FACE = ("azwa_analysis", "azwa_analysis.cli")
MAX_LINES = 500
MAX_SHARED_MODULES = 8


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> str:
    """``azwa_analysis.clean._load`` → ``clean``; top-level modules and schemas are shared."""
    parts = module.split(".")
    if module in FACE or module.startswith("azwa_analysis.cli."):
        return "face"
    if len(parts) >= 2 and parts[1] in RANKS:
        return parts[1]
    return "shared"


def _type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in (
        "TYPE_CHECKING",
        "typing.TYPE_CHECKING",
    )


def imports(path: Path, *, runtime_only: bool = False) -> Iterator[tuple[int, str]]:
    """(line, module) of every import of the package in ``path``, at any depth (imports inside
    functions count: they are how a module defers a dependency, not how it avoids one)."""

    def walk(node: ast.AST) -> Iterator[ast.AST]:
        for child in ast.iter_child_nodes(node):
            if runtime_only and _type_checking_block(child):
                continue
            yield child
            yield from walk(child)

    for node in walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
            # `from azwa_analysis.report import _figures` imports the module _figures
            names += [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                if name.startswith("azwa_analysis") and _is_module(name):
                    yield node.lineno, name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("azwa_analysis"):
                    yield node.lineno, alias.name


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    return (PACKAGE / relative).with_suffix(".py").is_file() or (
        PACKAGE / relative / "__init__.py"
    ).is_file()


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_stages_are_folders() -> None:
    """Every stage named in RANKS exists as a folder with an ``__init__.py``."""
    for name in RANKS:
        if name != "shared":
            assert (PACKAGE / name / "__init__.py").is_file(), name


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_later_stage(path: Path) -> None:
    """A module imports its own stage, the shared modules and earlier stages only; analysis
    and steward stand side by side and do not import each other."""
    own = stage(module_name(path))
    if own == "face":
        return
    wrong = []
    for line, target in imports(path):
        other = stage(target)
        if other == own:
            continue
        if other == "face" or RANKS[other] >= RANKS[own]:
            wrong.append(f"line {line}: {own} imports {target} ({other})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles_between_modules() -> None:
    """At run time no module imports itself through others (imports needed only for type
    checking are left out: they never run)."""
    graph = {
        module_name(path): {target for _, target in imports(path, runtime_only=True)}
        for path in SOURCES
    }
    for module, targets in graph.items():
        # `from azwa_analysis.report import _figures` runs report/__init__ first; a package's
        # own __init__ importing its submodules is not a cycle.
        graph[module] = {t for t in targets if t in graph and not module.startswith(t + ".")}
    cycles = _cycles(graph)
    assert not cycles, cycles


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a two-module loop is found, a chain is not."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_a_back_import_is_caught(tmp_path: Path) -> None:
    """The stage rule sees an import inside a function as well as at the top."""
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from azwa_analysis.report import Briefing\n")
    assert [stage(target) for _, target in imports(module)] == ["report"]


@pytest.mark.parametrize(
    "path",
    [*SOURCES, *sorted((PROJECT_ROOT / "tests").rglob("*.py"))],
    ids=lambda p: str(p.relative_to(PROJECT_ROOT)),
)
def test_no_file_is_over_500_lines(path: Path) -> None:
    """Small modules: a file past ~500 lines is asking to be split."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_the_top_level_holds_the_face_the_command_line_and_a_few_shared_modules() -> None:
    """Besides ``__init__.py`` and ``cli.py``, at most eight small shared modules."""
    shared = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "cli.py"))
    assert len(shared) <= MAX_SHARED_MODULES, shared
