"""Store stage: the output tables as atomic Parquet snapshots, and reading them back."""

from __future__ import annotations

from pipeline.store.reader import SchemaVersionError, current_snapshot, read_table, table_dir
from pipeline.store.schema import SCHEMA_VERSION, TABLES
from pipeline.store.writer import (
    OutputDirError,
    SchemaMismatchError,
    check_output_dir,
    conform,
    rows_to_table,
    write_snapshot,
)

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "OutputDirError",
    "SchemaMismatchError",
    "SchemaVersionError",
    "check_output_dir",
    "conform",
    "current_snapshot",
    "read_table",
    "rows_to_table",
    "table_dir",
    "write_snapshot",
]
