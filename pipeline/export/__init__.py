"""Exports of a parsed folder for people without Python: ``export`` (CSV, Excel, Parquet) and
the data dictionary (``dictionary``)."""

from __future__ import annotations

from pipeline.export.dictionary import Column, describe, dictionary_markdown
from pipeline.export.write import FORMATS, export

__all__ = ["FORMATS", "Column", "describe", "dictionary_markdown", "export"]
