"""Text extraction and structuring of archived Swedish municipal plans (Verksamhetsplan).

Stages: extract -> repair -> segment -> tables -> normalize -> store. The public API:

- ``ingest(input_path, out_dir)`` parses every plan under a folder and writes the tables;
- ``read_table(parsed_dir, name)`` reads one output table as a pandas DataFrame;
- ``connect(parsed_dir)`` opens a DuckDB connection with a view per table, joined views and
  goals grouped across documents (``pipeline.catalog``).
"""

from __future__ import annotations

__version__ = "0.1.0"


def parser_version() -> str:
    """The code version plus a fingerprint of the rules: output made by other rules differs."""
    from pipeline.rules import rules_fingerprint

    return f"{__version__}+rules.{rules_fingerprint()}"


def read_table(parsed_dir, name: str):
    """One output table (documents, goals, goal_sections, indicators, ...) as a DataFrame."""
    from pipeline.store import read_table as _read_table

    return _read_table(parsed_dir, name)


def connect(parsed_dir, *, link: bool = True):
    """A DuckDB connection over a parsed folder: a view per table, joined views, goal groups."""
    from pipeline.catalog import connect as _connect

    return _connect(parsed_dir, link=link)


from pipeline.batch import ingest  # noqa: E402  (needs parser_version above)

__all__ = ["__version__", "connect", "ingest", "parser_version", "read_table"]
