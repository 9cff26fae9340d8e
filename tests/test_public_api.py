"""The package root: the public API, a facade that imports nothing heavy (the import graph's
shape is asserted in test_architecture.py)."""

from __future__ import annotations

import subprocess
import sys

import pipeline
from pipeline.catalog import connect
from pipeline.catalog.search import search
from pipeline.ingestion import ingest
from pipeline.store import read_table
from pipeline.version import __version__, parser_version


def test_the_root_is_the_public_api():
    assert pipeline.ingest is ingest
    assert pipeline.read_table is read_table
    assert pipeline.connect is connect
    assert pipeline.search is search
    assert pipeline.__version__ == __version__
    assert pipeline.parser_version() == parser_version()
    assert parser_version().startswith(f"{__version__}+rules.")
    assert set(pipeline.__all__) == {
        "__version__",
        "connect",
        "ingest",
        "parser_version",
        "read_table",
        "search",
    }


def test_importing_the_model_loads_neither_the_ingestion_nor_duckdb():
    """A worker imports the stages; the root must not pull in the whole package with them."""
    code = (
        "import sys, pipeline.model; "
        "print(sorted(m for m in ('duckdb', 'pandas', 'pipeline.ingestion', 'pipeline.catalog') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
