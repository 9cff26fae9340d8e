"""The package's shape, asserted from its import graph (read from the source, not by importing).

- the stages meet only through the document model: no module of one stage imports another
  stage (shared modules such as ``pipeline.model``, ``pipeline.rules``, ``pipeline.lang`` are
  not stages);
- no import cycles anywhere in ``pipeline/``, function-level imports included;
- the installed package imports nothing from the development package or its dependencies.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"

#: The stages of one document's way through the pipeline, each a subpackage.
STAGES = frozenset({"extract", "repair", "segment", "tables", "normalize", "store"})
#: What the stages share: the document model, the rules, errors, the Swedish language layer,
#: what plan lines mean, the linking keys (made by normalize, compared by the catalog).
SHARED = frozenset({"model", "rules", "errors", "text", "cores", "version", "lang", "template", "link"})
#: What the installed package must never import: dev code and its dependencies.
DEV_ONLY = ("plans_dev", "reportlab", "pytest", "hypothesis")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The modules (of ``modules``, or outside names as written) that one file imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # ``from pipeline.x import y`` imports the module pipeline.x.y when there is one
            submodules = {f"{target}.{alias.name}" for alias in node.names} & modules
            found.update(submodules or {target})
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(f) for f in files}
    return {module_name(f): imports_of(f, modules) for f in files}


def part_of(module: str, parts: frozenset[str]) -> str | None:
    names = module.split(".")
    return names[1] if len(names) > 1 and names[1] in parts else None


def stage_of(module: str) -> str | None:
    return part_of(module, STAGES)


def test_the_graph_is_read(graph):
    """A guard for the tests below: the reader sees the package and its imports."""
    assert "pipeline.model" in graph
    assert "pipeline.model" in graph["pipeline.segment"]


def test_no_stage_imports_another_stage(graph):
    crossings = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in targets
        if stage_of(module) and stage_of(target) and stage_of(module) != stage_of(target)
    )
    assert crossings == []


def test_shared_modules_import_no_stage(graph):
    assert {part_of(m, SHARED) for m in graph} - {None} == SHARED  # every shared part is there
    crossings = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in targets
        if part_of(module, SHARED) and stage_of(target)
    )
    assert crossings == []


def test_no_import_cycles(graph):
    internal = {m: {t for t in ts if t in graph and t != m} for m, ts in graph.items()}
    try:
        tuple(TopologicalSorter(internal).static_order())
    except CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")


def test_no_module_imports_the_root(graph):
    """The root is the users' facade; a module that imports it imports everything."""
    importers = [module for module, targets in graph.items() if "pipeline" in targets]
    assert importers in ([], ["pipeline"])


def test_the_package_imports_no_dev_code(graph):
    offending = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in targets
        if target.split(".")[0] in DEV_ONLY
    )
    assert offending == []


def test_importing_every_module_loads_no_dev_code():
    """What the static reading cannot see (imports made by what we import), checked live."""
    names = sorted(module_name(f) for f in PACKAGE.rglob("*.py") if "__main__" not in f.name)
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {DEV_ONLY!r}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
