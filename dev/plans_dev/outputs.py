"""Two outputs of ``plans ingest`` compared table by table: did a change alter what users get?

Used by the packaging test (a wheel install against the editable one) and by
``benchmarks/compare_outputs.py`` (the code of an earlier commit against the current code).
Columns that say *when* or *with which version* a run happened are left out; every other
value must be equal, row for row, whatever the order the rows were written in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: Columns that record when and by which version a run happened, not what it read.
RUN_COLUMNS = frozenset({"ingested_at", "parser_version"})


@dataclass(frozen=True)
class TableVerdict:
    table: str
    rows_old: int
    rows_new: int
    difference: str | None  # None: the same

    @property
    def same(self) -> bool:
        return self.difference is None


def table_names(parsed: Path) -> set[str]:
    current = Path(parsed) / "_current"
    return {p.name for p in current.iterdir() if p.is_dir() and not p.name.startswith("_")}


def comparable(parsed: Path, table: str) -> pd.DataFrame:
    """A table without the run columns, as strings, in a stable row order."""
    frame = pd.read_parquet(Path(parsed) / "_current" / table)
    frame = frame[[c for c in frame.columns if c not in RUN_COLUMNS]].astype(str)
    return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)


def compare_table(old: Path, new: Path, table: str) -> TableVerdict:
    a, b = comparable(old, table), comparable(new, table)
    if list(a.columns) != list(b.columns):
        difference = f"columns {list(a.columns)} != {list(b.columns)}"
    elif a.equals(b):
        difference = None
    else:
        diff = a.merge(b, how="outer", indicator=True).query("_merge != 'both'")
        difference = f"{len(diff)} rows differ, e.g. {diff.head(2).to_dict('records')}"
    return TableVerdict(table, len(a), len(b), difference)


def compare_outputs(old: Path, new: Path) -> list[TableVerdict]:
    """One verdict per table of either output; a table only one of them has differs."""
    old_tables, new_tables = table_names(old), table_names(new)
    verdicts = []
    for table in sorted(old_tables | new_tables):
        if table in old_tables and table in new_tables:
            verdicts.append(compare_table(old, new, table))
        else:
            verdicts.append(TableVerdict(table, -1, -1, "in one output only"))
    return verdicts
