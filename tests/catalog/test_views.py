"""The joined views name their per-level columns after the declared goal levels."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from pipeline.catalog.views import JOINED_VIEWS
from pipeline.model import GOAL_LEVELS
from pipeline.store.schema import TABLES


def _catalog(goals: list[dict]) -> duckdb.DuckDBPyConnection:
    """The joined views over one document whose goals are ``goals``; other tables empty."""
    rows = {
        "documents": [
            {
                "doc_id": "d",
                "source_path": "d.txt",
                "source_sha256": "0" * 64,
                "source_format": "text",
                "extraction": "text",
                "unit": "Enheten",
                "plan_year": 2026,
                "parser_version": "test",
                "ingested_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            }
        ],
        "goals": goals,
    }
    con = duckdb.connect()
    for name, schema in TABLES.items():
        con.register(name, pa.Table.from_pylist(rows.get(name, []), schema=schema))
    for sql in JOINED_VIEWS.values():
        con.execute(sql)
    return con


def _chain() -> list[dict]:
    """One goal at each level, each under the one before."""
    return [
        {
            "doc_id": "d",
            "goal_id": f"G{n}",
            "parent_goal_id": f"G{n - 1}" if n > 1 else None,
            "level": level.name,
            "code": str(n) if level.is_kf else None,
            "title": f"Mål {n}",
            "goal_key": f"{level.key_prefix}:{n}",
            "ordinal": n,
        }
        for n, level in enumerate(GOAL_LEVELS, start=1)
    ]


def test_goal_paths_has_each_ancestor_by_its_level():
    con = _catalog(_chain())
    cursor = con.execute("SELECT * FROM goal_paths WHERE goal_id = ?", [f"G{len(GOAL_LEVELS)}"])
    row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    for n, level in enumerate(GOAL_LEVELS, start=1):
        assert row[f"{level.column}_goal_id"] == f"G{n}"
        assert row[f"{level.column}_title"] == f"Mål {n}"
        if level.is_kf:
            assert row[f"{level.column}_code"] == str(n)
        else:
            assert row[f"{level.column}_key"] == f"{level.key_prefix}:{n}"
    innermost_kf = max(n for n, level in enumerate(GOAL_LEVELS, start=1) if level.is_kf)
    assert row["kf_nearest_code"] == str(innermost_kf)
    assert row["depth"] == len(GOAL_LEVELS) - 1


def test_the_full_views_carry_the_level_columns_of_goal_paths():
    con = _catalog(_chain())
    paths = set(con.table("goal_paths").columns)
    level_columns = {c for c in paths if any(c.startswith(f"{lv.column}_") for lv in GOAL_LEVELS)}
    for view in ("indicators_full", "activities_full"):
        columns = set(con.table(view).columns)
        # KF goals are named by code and title there; the other levels carry their goal too.
        missing = {c for c in level_columns - columns if not c.endswith("_goal_id")}
        assert missing == set(), view
