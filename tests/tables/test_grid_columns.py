"""The grid reader fills each model field from the column the rules assign it."""

from __future__ import annotations

import dataclasses

from pipeline.model import Line, TableBlock
from pipeline.rules import load_rules
from pipeline.tables.grid import grid_activities

RULES = load_rules()


def test_the_columns_follow_the_rules():
    table = TableBlock(
        "G1", "activity", [Line("", 1, 1, ("Införa digital signering", "2025-06-30", "2025-01-01"))]
    )
    columns = dict(RULES.table_columns)
    text, start, end = columns["activity"]
    columns["activity"] = (text, end, start)  # a template that prints the end date first
    (row,), _ = grid_activities(table, dataclasses.replace(RULES, table_columns=columns))
    assert (row.text, row.start_raw, row.end_raw) == ("Införa digital signering", "2025-01-01", "2025-06-30")
    (as_printed,), _ = grid_activities(table, RULES)
    assert (as_printed.start_raw, as_printed.end_raw) == ("2025-06-30", "2025-01-01")
