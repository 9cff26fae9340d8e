"""Archives of our own synthetic plans (some OCR-damaged), and a table comparison."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.store import TABLES, read_table
from plans_dev.synth.archive import write_archive

#: Columns that say when a row was made, not what it holds.
RUN_TIME_COLUMNS = {"documents": ["ingested_at"]}


def make_archive(folder: Path, n: int, seed: int, damaged_every: int = 4) -> list[Path]:
    """``n`` synthetic plans in two sub-folders, every ``damaged_every``-th one OCR-damaged."""
    return write_archive(folder, n, seed, damaged_every, folders=2)


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
