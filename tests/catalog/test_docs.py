"""The examples of docs/querying.md run as printed, in order, against the bundled samples."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pipeline

ROOT = Path(__file__).resolve().parents[2]


def test_querying_examples_run(tmp_path: Path, monkeypatch, capsys):
    text = (ROOT / "docs" / "querying.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 6
    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    os.symlink(ROOT / "data" / "raw", work / "data" / "raw")
    monkeypatch.chdir(work)
    pipeline.ingest("data/raw", "data/parsed", progress=False)
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "docs/querying.md", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "Hemtjänsten i Bagarmossen" in printed  # the sick-leave target of the samples
    assert "activities run all year" in printed
