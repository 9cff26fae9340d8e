"""Archives of our own synthetic plans (some OCR-damaged), and a table comparison."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.store import TABLES, read_table
from pipeline.synth.__main__ import doc_seed
from pipeline.synth.damage import damage_text, load_model
from pipeline.synth.render import render_text
from pipeline.synth.spec import random_plan

#: Columns that say when a row was made, not what it holds.
RUN_TIME_COLUMNS = {"documents": ["ingested_at"]}


def make_archive(folder: Path, n: int, seed: int, damaged_every: int = 4) -> list[Path]:
    """``n`` synthetic plans in ``folder`` (two sub-folders), every ``damaged_every``-th one
    with synthetic OCR damage (so it is repaired with what the clean ones teach)."""
    model = load_model()
    paths = []
    for i in range(n):
        doc = doc_seed(seed, i)
        text = render_text(random_plan(doc), doc)
        if damaged_every and i % damaged_every == damaged_every - 1:
            text = damage_text(text, model, doc)
        path = folder / f"unit{i % 2}" / f"plan_{seed}_{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def tables_of(out: Path) -> dict[str, pd.DataFrame]:
    frames = {}
    for name in TABLES:
        frame = read_table(out, name)
        frames[name] = frame.drop(columns=RUN_TIME_COLUMNS.get(name, []))
    return frames


def assert_same_tables(out: Path, expected: Path) -> None:
    """Every table of ``out`` equals the one of ``expected``, row for row (run-time columns aside)."""
    got, want = tables_of(out), tables_of(expected)
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], want[name], obj=f"table {name}")
