"""A query catalog over a parsed folder: DuckDB views of every table, joined views, goal groups.

``connect(parsed_dir)`` opens an in-memory DuckDB connection with

- one view per output table (``documents``, ``goals``, ``indicators``, ...), with the columns
  of this code's schema (older files get the newer columns as nulls). Each plan counts once:
  the document views hold only each plan's preferred copy (``documents.preferred``, see
  ``plans``), and the views of their rows only that copy's rows. ``<table>_all`` views hold
  every copy; ``connect(..., all_copies=True)`` makes the plain views hold them too;
- the joined views of ``pipeline.catalog.views`` (``goal_paths``, ``indicators_full``,
  ``activities_full``, ``document_quality``, ``kf_coverage``);
- ``goal_groups`` and ``goal_links`` (``pipeline.catalog.linking``; tables of the connection,
  computed when it opens): the same goal across documents, Nämndmål with edited wording included.

Examples, run by the tests: ``docs/querying.md``.

The views read the snapshot that was current when ``connect`` was called, so every view sees
the same run even if an ingest switches ``_current`` meanwhile. Only DuckDB's built-in
Parquet reader is used: nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.catalog.linking import link_goals
from pipeline.catalog.views import JOINED_VIEWS
from pipeline.store.reader import current_snapshot, table_dir
from pipeline.store.schema import DERIVED_TABLES, TABLES

__all__ = ["JOINED_VIEWS", "PER_COPY", "TABLE_VIEWS", "connect", "link_goals"]

#: The views with one output table each.
TABLE_VIEWS: tuple[str, ...] = tuple(TABLES)
#: Tables whose rows belong to a document: their plain views hold the preferred copies' rows.
PER_COPY: tuple[str, ...] = tuple(n for n in TABLES if "doc_id" in TABLES[n].names and n != "problems")


def connect(
    parsed_dir: str | Path, *, link: bool = True, all_copies: bool = False
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table, the joined views and, when
    ``link``, the goal groups (``link_goals`` with the thresholds of ``rules/linking.toml``).

    The plain views count each plan once (its preferred copy); ``all_copies``: every
    document, as the ``<table>_all`` views always do."""
    parsed_dir = Path(parsed_dir)
    base = current_snapshot(parsed_dir) or parsed_dir
    con = duckdb.connect(":memory:")
    for name, schema in TABLES.items():
        if name not in PER_COPY:
            con.execute(_table_view_sql(name, schema, _optional_table_dir(base, name)))
            continue
        con.execute(_table_view_sql(f"{name}_all", schema, _optional_table_dir(base, name)))
        con.execute(_copies_view_sql(name, all_copies))
    for sql in JOINED_VIEWS.values():
        con.execute(sql)
    if link:
        link_goals(con)
    return con


def _copies_view_sql(name: str, all_copies: bool) -> str:
    """The plain view of a per-document table: the preferred copies' rows (or every row)."""
    if all_copies:
        where = ""
    elif name == "documents":
        where = " WHERE coalesce(preferred, true)"  # files older than plan identity: every document
    else:
        where = " WHERE doc_id IN (SELECT doc_id FROM documents)"
    return f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {name}_all{where}"


def _optional_table_dir(base: Path, name: str) -> Path | None:
    """The table's folder; None for a derived table an older output does not have."""
    if name in DERIVED_TABLES and not (base / name).exists():
        return None
    return table_dir(base, name)


def _table_view_sql(name: str, schema: pa.Schema, directory: Path | None) -> str:
    files = sorted(directory.glob("*.parquet")) if directory is not None else []
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
    if pa.types.is_boolean(t):
        return "BOOLEAN"
    if pa.types.is_floating(t):
        return "DOUBLE"
    if pa.types.is_date(t):
        return "DATE"
    if pa.types.is_timestamp(t):
        return "TIMESTAMPTZ" if t.tz else "TIMESTAMP"
    if pa.types.is_list(t):
        return f"{_sql_type(t.value_type)}[]"
    raise TypeError(f"no DuckDB type for {t}")
