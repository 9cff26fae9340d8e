"""The package root: a facade over the stages, importable without cycles or heavy imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pipeline
from pipeline.catalog import connect
from pipeline.ingestion import ingest
from pipeline.store import read_table
from pipeline.version import __version__, parser_version

PACKAGE = Path(pipeline.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imported_at_import_time(tree: ast.Module, modules: set[str]) -> set[str]:
    """The package modules a module imports when it is imported: its top-level imports, not
    those inside functions (run later) or under ``TYPE_CHECKING`` (never run)."""
    found: set[str] = set()
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and not (
            _is_type_checking(node)
        ):
            pending.extend(ast.iter_child_nodes(node))
    return found & modules


def _import_graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    return {
        name: _imported_at_import_time(ast.parse(path.read_text(encoding="utf-8")), modules) - {name}
        for name, path in paths.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph, as the modules along it, or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        for target in sorted(graph[node]):
            found = visit(target, [*path, node])
            if found:
                return found
        done.add(node)
        return None

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return None


def test_the_package_imports_without_cycles():
    graph = _import_graph()
    assert "pipeline.ingestion.run" in graph and "pipeline.version" in graph["pipeline.ingestion.run"]
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_of_the_package_imports_the_root():
    graph = _import_graph()
    assert [name for name, targets in graph.items() if "pipeline" in targets] == []


def test_the_root_is_the_public_api():
    assert pipeline.ingest is ingest
    assert pipeline.read_table is read_table
    assert pipeline.connect is connect
    assert pipeline.__version__ == __version__
    assert pipeline.parser_version() == parser_version()
    assert parser_version().startswith(f"{__version__}+rules.")
    assert set(pipeline.__all__) == {"__version__", "connect", "ingest", "parser_version", "read_table"}


def test_importing_the_model_loads_neither_the_ingestion_nor_duckdb():
    """A worker imports the stages; the root must not pull in the whole package with them."""
    code = (
        "import sys, pipeline.model; "
        "print(sorted(m for m in ('duckdb', 'pandas', 'pipeline.ingestion', 'pipeline.catalog') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
