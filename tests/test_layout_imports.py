"""The package's layout contract: no import circles (module-level or deferred imports alike)."""
from __future__ import annotations

import ast
from pathlib import Path

import warta

ROOT = Path(warta.__file__).resolve().parent


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """Every warta module ``path`` imports, at any depth of the file (deferred imports count)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            subs = {f"{base}.{a.name}" for a in node.names}
            found.update(subs & modules)
            if not subs <= modules:      # names taken from the module itself, not its submodules
                found.add(base)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in ROOT.rglob("*.py")}
    modules = set(files)
    return {name: _imports(path, name, modules) for name, path in files.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_layout_imports_graph_sees_known_edges():
    graph = import_graph()
    assert "warta.analyse.doc" in graph["warta.analyse.pipeline"]
    assert "warta.runner" in graph["warta.api"]


def test_layout_imports_have_no_circles():
    graph = import_graph()
    # the top-level package re-exports its public surface: edges into ``warta`` itself are
    # ``from warta import __version__`` and say nothing about layout
    graph = {m: {d for d in deps if d != "warta"} for m, deps in graph.items()}
    assert _cycles(graph) == []


def test_layout_runner_knows_no_engine():
    graph = import_graph()
    assert not any(d.startswith("warta.distributed") for d in graph["warta.runner"])
