"""Text extraction and structuring of archived Swedish municipal plans (Verksamhetsplan).

Stages: extract -> repair -> segment -> tables -> normalize -> store. The public API:

- ``ingest(input_path, out_dir)`` parses every plan under a folder and writes the tables;
- ``read_table(parsed_dir, name)`` reads one output table as a pandas DataFrame;
- ``connect(parsed_dir)`` opens a DuckDB connection with a view per table, joined views and
  goals grouped across documents (``pipeline.catalog``);
- ``search(con, query)`` finds passages by concept in the lemma index of such a connection
  (``pipeline.catalog.search``).

They are imported on first use: a worker that imports ``pipeline.model`` runs this file
too, and need not load the ingestion, pandas or DuckDB for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pipeline.version import __version__, parser_version

if TYPE_CHECKING:
    from pipeline.catalog import connect
    from pipeline.catalog.search import search
    from pipeline.ingestion import ingest
    from pipeline.store import read_table

#: Where each function of the public API is defined.
_API = {
    "ingest": "pipeline.ingestion",
    "read_table": "pipeline.store",
    "connect": "pipeline.catalog",
    "search": "pipeline.catalog.search",
}


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value


__all__ = ["__version__", "connect", "ingest", "parser_version", "read_table", "search"]
