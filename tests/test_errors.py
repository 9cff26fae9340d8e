"""The codes of ``pipeline.errors`` are the only ones the package uses, all of them are used,
the docs list them as declared, and every error class of the package carries one."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import PROBLEM_CODES, Code, PlansError, RunNotStarted
from pipeline.ingestion import ingest
from pipeline.ingestion.run import InputMissingError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"
REGISTRY = PACKAGE / "errors.py"

#: Calls that take a code, and where: (position, keyword).
CODE_ARGUMENTS = {
    "Problem": (3, "code"),
    "ExtractError": (0, "code"),
    "_problem": (0, "code"),
    "Outcome": (None, "failure"),
}
_PROBLEM_STAGE, _PROBLEM_SEVERITY = (1, "stage"), (2, "severity")


def _modules() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{node.lineno}"


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _argument(call: ast.Call, position: int | None, keyword: str) -> ast.expr | None:
    if position is not None and len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _named_code(node: ast.AST) -> str | None:
    """``X`` of a ``Code.X`` expression."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code":
        return node.attr
    return None


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_codes_are_snake_case_and_problem_codes_say_where_they_come_from():
    for code in Code:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code), code
        assert code.name == code.upper() and code.meaning
        assert (code.severity in ("error", "warning")) == bool(code.stages), code
    assert len(PROBLEM_CODES) == len({str(c) for c in PROBLEM_CODES})


def _code_arguments():
    """Every call that takes a code, with the expression it passes: (where, callee, call, argument)."""
    for path, tree in _modules().items():
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and _callee(call) in CODE_ARGUMENTS:
                argument = _argument(call, *CODE_ARGUMENTS[_callee(call)])
                if argument is not None:
                    yield _where(path, call), _callee(call), call, argument


def _disagreement(name: str, call: ast.Call, code: Code) -> str | None:
    """How a call contradicts what the registry says of ``code`` (stage, severity), if it does."""
    if name == "ExtractError" and "extract" not in code.stages:
        return f"Code.{code.name} is not a code of the extract stage"
    if name != "Problem":
        return None
    stage, severity = (_literal(_argument(call, *where)) for where in (_PROBLEM_STAGE, _PROBLEM_SEVERITY))
    if stage is not None and stage not in code.stages:
        return f"stage {stage!r} is not one of Code.{code.name}'s {code.stages}"
    if severity is not None and severity != code.severity:
        return f"Code.{code.name} is declared as {code.severity!r}, not {severity!r}"
    return None


def test_code_arguments_name_a_declared_code_and_agree_with_its_stage_and_severity():
    wrong = []
    for where, name, call, argument in _code_arguments():
        if isinstance(argument, ast.Constant | ast.JoinedStr):
            wrong.append(f"{where}: {name} with a literal code; name it Code.X")
            continue
        declared = _named_code(argument)
        if declared is None:
            continue  # passed on (exc.code, outcome.failure): checked where it is made
        if declared not in Code.__members__:
            wrong.append(f"{where}: Code.{declared} is not declared")
        elif (why := _disagreement(name, call, Code[declared])) is not None:
            wrong.append(f"{where}: {why}")
    assert not wrong, "\n".join(wrong)


def test_every_code_named_is_declared_and_every_declared_code_is_used():
    named: dict[str, list[str]] = {}
    for path, tree in _modules().items():
        if path == REGISTRY:
            continue
        for node in ast.walk(tree):
            declared = _named_code(node)
            if declared is not None:
                named.setdefault(declared, []).append(_where(path, node))
    undeclared = {name: where for name, where in named.items() if name not in Code.__members__}
    assert not undeclared, f"named but not declared in pipeline/errors.py: {undeclared}"
    unused = sorted(set(Code.__members__) - set(named))
    assert not unused, f"declared in pipeline/errors.py but used nowhere: {unused}"


def _error_classes() -> list[type[BaseException]]:
    found = []
    for path, tree in _modules().items():
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.bases:
                cls = getattr(importlib.import_module(module), node.name)
                if issubclass(cls, BaseException):
                    found.append(cls)
    return found


def test_every_error_class_of_the_package_derives_from_plans_error_with_a_code():
    classes = _error_classes()
    assert len(classes) >= 10
    for cls in classes:
        assert issubclass(cls, PlansError), cls
        if cls not in (PlansError, RunNotStarted) and cls.__name__ != "ExtractError":  # a code each
            assert isinstance(cls.code, Code), cls


def test_docs_list_the_problem_codes_as_declared():
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text.split("## Problem codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| (.+?) \| `(error|warning)` \| (.+?) \|$", section, re.M)
    documented = [(code, stages, severity, meaning) for code, stages, severity, meaning in rows]
    declared = [(str(c), ", ".join(f"`{s}`" for s in c.stages), c.severity, c.meaning) for c in PROBLEM_CODES]
    assert documented == declared


def test_a_missing_input_is_a_run_that_did_not_happen(tmp_path: Path, capsys):
    missing = tmp_path / "missing"
    assert main(["ingest", str(missing), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"plans ingest: {missing}: no such file or folder\n"
    assert not (tmp_path / "out").exists()
    with pytest.raises(FileNotFoundError) as caught:  # what callers of ``ingest`` caught before
        ingest(missing, tmp_path / "out")
    assert isinstance(caught.value, InputMissingError) and caught.value.code == "input_missing"
