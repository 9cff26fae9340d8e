"""Legacy Word (.doc) and RTF files: converted to .docx by LibreOffice headless in the
worker (``libreoffice``), then read by the .docx reader. A password-protected file is found
before LibreOffice sees it (it would wait for a password).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.options import ExtractOptions
from pipeline.extract.source_bytes import read_source_bytes
from pipeline.extract.structured.docx import read_converted
from pipeline.model import SourceDocument


def read_legacy(path: Path, options: ExtractOptions) -> SourceDocument:
    """The reader of ``pipeline.extract.readers`` for .doc and .rtf."""
    path = Path(path)
    data = read_source_bytes(path)
    return read_converted(path, data, path.suffix.lower().lstrip(".") or "doc", options)
