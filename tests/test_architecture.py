"""The import contract: layers point one way (cli -> api -> bot -> index -> corpus) and no package imports itself
in a circle. Imports under ``TYPE_CHECKING`` and inside functions count: grimp reads every import statement, so a
cycle hidden that way is still a cycle."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
# Highest first: each may import those after it, never those before it.
LAYERS = ("cli", "api", "bot", "index", "corpus")

# Cycles known when this check was written, each one to be broken by the package restructuring (issue 13). Each
# entry is the set of modules in one cycle. An entry that no longer matches a cycle fails the test too, so the
# list is emptied as they go: it may shrink, never grow.
KNOWN_CYCLES: frozenset[frozenset[str]] = frozenset()


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*LAYERS, cache_dir=None)


def _strongly_connected(nodes: set[str], edges: dict[str, set[str]]) -> Iterator[frozenset[str]]:
    """Tarjan's algorithm, iterative: every group of modules that reach one another (a cycle) of two or more."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    yield frozenset(group)


def _cycles(graph: grimp.ImportGraph, package: str) -> set[frozenset[str]]:
    nodes = {m for m in graph.modules if m == package or m.startswith(package + ".")}
    edges = {m: graph.find_modules_directly_imported_by(m) & nodes for m in nodes}
    return set(_strongly_connected(nodes, edges))


def test_layers_import_only_downwards(graph: grimp.ImportGraph) -> None:
    illegal = graph.find_illegal_dependencies_for_layers(layers=LAYERS)
    assert not illegal, [f"{d.importer} -> {d.imported}: {d.routes}" for d in illegal]


@pytest.mark.parametrize("package", LAYERS)
def test_no_new_import_cycles_inside_a_package(graph: grimp.ImportGraph, package: str) -> None:
    new = _cycles(graph, package) - KNOWN_CYCLES
    assert not new, [sorted(c) for c in new]


def test_known_cycles_still_exist_or_are_struck_off(graph: grimp.ImportGraph) -> None:
    found = set().union(*(_cycles(graph, p) for p in LAYERS))
    gone = KNOWN_CYCLES - found
    assert not gone, f"these cycles are broken: remove them from KNOWN_CYCLES: {[sorted(c) for c in gone]}"


def test_cycle_finder_sees_a_function_local_import() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")  # e.g. inside a function or under TYPE_CHECKING
    graph.add_import(importer="pkg.b", imported="pkg.c")
    assert _cycles(graph, "pkg") == {frozenset({"pkg.a", "pkg.b"})}


def test_cycles_under_type_checking_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "cyclepkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from cyclepkg import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyclepkg import a\n\n"
        "def later():\n    from cyclepkg import a\n    return a\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("cyclepkg", cache_dir=None)
    assert _cycles(graph, "cyclepkg") == {frozenset({"cyclepkg.a", "cyclepkg.b"})}


def _imported_modules(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


@pytest.mark.parametrize("folder", ["cli", "bench", "bot", "index", "corpus"])
def test_route_modules_are_imported_only_by_the_api(folder: str) -> None:
    # The routes are the HTTP edge: the service they call lives below them, where the CLI and the bench call it too.
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / folder).rglob("*.py")
        for name in _imported_modules(path)
        if name == "api.routes" or name.startswith("api.routes.")
    )
    assert not offenders
