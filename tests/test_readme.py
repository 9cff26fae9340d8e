"""The README's examples run as printed (against the bundled samples)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pipeline

ROOT = Path(__file__).resolve().parent.parent


def test_readme_python_examples_run(tmp_path: Path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert blocks
    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    os.symlink(ROOT / "data" / "raw", work / "data" / "raw")
    monkeypatch.chdir(work)
    pipeline.ingest("data/raw", "data/parsed", progress=False)
    for block in blocks:
        exec(compile(block.replace(".show()", ".fetchall()"), "README.md", "exec"), {})
