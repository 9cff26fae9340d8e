"""A normal install works: the wheel built from the source carries the package and its rules.

Built as users build it (``python -m build``: an sdist, then the wheel from that sdist), from a
copy of the source so the checkout is not touched, installed into a fresh virtual environment
(``--system-site-packages`` lends it the dependencies, so nothing is downloaded; the wheel's
own ``pipeline`` comes first), run from a folder outside the checkout on the bundled samples
and on a PDF: the tables equal those of the editable install.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plans_dev.outputs import compare_outputs

ROOT = Path(__file__).resolve().parents[1]
SHARED_PDF = ROOT.parent / "shared" / "corpus" / "pdf"


def _source_copy(dest: Path) -> Path:
    """What an sdist is made from, copied: the project files git knows, without build debris."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("pipeline", "rules"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = _source_copy(tmp_path_factory.mktemp("source"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    env = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env)], check=True)
    subprocess.run(
        [env / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    return env


def test_the_wheel_holds_every_package_and_every_rules_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "pipeline").rglob("__init__.py")}
    assert {f"{p}/__init__.py" for p in packages} <= names
    rules = {p.name for p in (ROOT / "rules").iterdir() if p.suffix in (".toml", ".txt")}
    assert rules and {f"pipeline/rules_data/{name}" for name in rules} <= names
    assert not [n for n in names if n.startswith(("plans_dev/", "tests/", "rules/"))]


def test_the_installed_wheel_is_the_one_imported(venv, tmp_path):
    done = subprocess.run(
        [venv / "bin" / "python", "-c", "import pipeline.rules as r; print(r.__file__, r.rules_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    module, rules = done.stdout.split()
    assert module.startswith(str(venv)) and rules.startswith(str(venv))


@pytest.mark.parametrize("source", ["samples", "pdf"])
def test_the_wheel_ingests_like_the_editable_install(venv, tmp_path, source):
    if source == "samples":
        archive = ROOT / "data" / "raw"
    else:
        pdfs = sorted(p for p in SHARED_PDF.glob("*.pdf") if "scan" not in p.name)[:1]
        if not pdfs:
            pytest.skip("../shared/corpus/pdf is not here")
        archive = tmp_path / "pdf"
        archive.mkdir()
        shutil.copy2(pdfs[0], archive / pdfs[0].name)
    outputs = {}
    commands = {"wheel": [venv / "bin" / "plans"], "editable": [sys.executable, "-m", "pipeline.cli"]}
    for name, plans in commands.items():
        out = tmp_path / name
        done = subprocess.run(
            [*plans, "ingest", archive, "--out", out, "-q"], cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        outputs[name] = out
    verdicts = compare_outputs(outputs["editable"], outputs["wheel"])
    assert verdicts and all(v.same for v in verdicts), verdicts
    assert any(v.table == "goals" and v.rows_new > 0 for v in verdicts)
