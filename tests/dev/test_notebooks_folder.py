"""The notebooks' parsed folder: ``$PLANS_PARSED`` when set, else the default, made once."""

from __future__ import annotations

from pathlib import Path

import pipeline
from pipeline.store import current_snapshot
from plans_dev.notebooks import parsed_dir_for_notebooks
from plans_dev.paths import SAMPLES_DIR


def test_notebooks_read_plans_parsed_or_make_the_default_folder(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PLANS_PARSED", str(tmp_path / "given"))
    assert parsed_dir_for_notebooks() == tmp_path / "given"
    monkeypatch.delenv("PLANS_PARSED")
    default = tmp_path / "parsed"
    assert parsed_dir_for_notebooks(default) == default
    snapshot = current_snapshot(default)
    documents = pipeline.connect(default).execute("SELECT count(*) FROM documents").fetchall()[0][0]
    assert documents == len(list(SAMPLES_DIR.glob("*.txt")))
    assert parsed_dir_for_notebooks(default) == default
    assert current_snapshot(default) == snapshot  # made once, then read
