"""The installed package stands without the development package: importing what a user
imports loads neither ``plans_dev`` nor reportlab, and no module of ``pipeline`` names it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pipeline

#: What users import: the API, the command line, the query layer, evaluation, the report, ingest.
USER_MODULES = (
    "pipeline",
    "pipeline.cli",
    "pipeline.catalog",
    "pipeline.evaluate",
    "pipeline.report",
    "pipeline.ingestion",
)


def test_user_imports_load_no_dev_code():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in USER_MODULES)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('plans_dev', 'reportlab')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_no_pipeline_module_imports_plans_dev():
    package = Path(pipeline.__file__).parent
    for path in package.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert not [line for line in lines if "import plans_dev" in line or "from plans_dev" in line], path
