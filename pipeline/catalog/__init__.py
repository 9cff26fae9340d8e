"""A query catalog over a parsed folder: DuckDB views of every table, joined views, goal groups.

``connect(parsed_dir)`` opens an in-memory DuckDB connection with

- one view per output table (``documents``, ``goals``, ``indicators``, ...), with the columns
  of this code's schema (older files get the newer columns as nulls);
- the joined views of ``pipeline.catalog.views`` (``goal_paths``, ``indicators_full``,
  ``activities_full``, ``document_quality``);
- ``goal_groups`` and ``goal_links`` (``pipeline.catalog.linking``; tables of the connection,
  computed when it opens): the same goal across documents, Nämndmål with edited wording included.

Examples, run by the tests: ``docs/querying.md``.

The views read the snapshot that was current when ``connect`` was called, so every view sees
the same run even if an ingest switches ``_current`` meanwhile. Only DuckDB's built-in
Parquet reader is used: nothing is downloaded.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.catalog.linking import link_goals
from pipeline.catalog.views import JOINED_VIEWS
from pipeline.store.reader import current_snapshot, table_dir
from pipeline.store.schema import TABLES

__all__ = ["JOINED_VIEWS", "TABLE_VIEWS", "connect", "link_goals", "parsed_dir_for_notebooks"]

#: The views with one output table each.
TABLE_VIEWS: tuple[str, ...] = tuple(TABLES)

_ROOT = Path(__file__).resolve().parents[2]


def connect(parsed_dir: str | Path, *, link: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table, the joined views and, when
    ``link``, the goal groups (``link_goals`` with the thresholds of ``rules/linking.toml``)."""
    parsed_dir = Path(parsed_dir)
    base = current_snapshot(parsed_dir) or parsed_dir
    con = duckdb.connect(":memory:")
    for name, schema in TABLES.items():
        con.execute(_table_view_sql(name, schema, table_dir(base, name)))
    for sql in JOINED_VIEWS.values():
        con.execute(sql)
    if link:
        link_goals(con)
    return con


def _table_view_sql(name: str, schema: pa.Schema, directory: Path) -> str:
    files = sorted(directory.glob("*.parquet"))
    if not files:
        columns = ", ".join(f"CAST(NULL AS {_sql_type(f.type)}) AS {f.name}" for f in schema)
        return f"CREATE OR REPLACE VIEW {name} AS SELECT {columns} WHERE false"
    present = set(pq.read_schema(files[0]).names)
    columns = ", ".join(
        f.name if f.name in present else f"CAST(NULL AS {_sql_type(f.type)}) AS {f.name}" for f in schema
    )
    listed = ", ".join(_quote(str(f)) for f in files)
    return f"CREATE OR REPLACE VIEW {name} AS SELECT {columns} FROM read_parquet([{listed}])"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_type(t: pa.DataType) -> str:
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "VARCHAR"
    if pa.types.is_int32(t):
        return "INTEGER"
    if pa.types.is_int64(t):
        return "BIGINT"
    if pa.types.is_floating(t):
        return "DOUBLE"
    if pa.types.is_date(t):
        return "DATE"
    if pa.types.is_timestamp(t):
        return "TIMESTAMPTZ" if t.tz else "TIMESTAMP"
    if pa.types.is_list(t):
        return f"{_sql_type(t.value_type)}[]"
    raise TypeError(f"no DuckDB type for {t}")


def parsed_dir_for_notebooks(default: str | Path = "data/parsed", raw: str | Path = "data/raw") -> Path:
    """The parsed folder a notebook reads: ``$PLANS_PARSED``, else ``default`` (relative to the
    project), made from the bundled samples in ``raw`` first if it does not exist yet."""
    override = os.environ.get("PLANS_PARSED")
    if override:
        return Path(override)
    parsed = Path(default) if Path(default).is_absolute() else _ROOT / default
    if not (parsed / "documents").exists():
        from pipeline.ingestion import ingest

        ingest(Path(raw) if Path(raw).is_absolute() else _ROOT / raw, parsed, progress=False)
    return parsed
