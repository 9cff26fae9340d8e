"""Extract stage: turn an input file into a ``SourceDocument`` of lines.

``extract`` picks the reader by file suffix; every failure is an ``ExtractError`` with a
code, so the runner can record it as a problem and go on with the next file.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.encoding import decode_bytes
from pipeline.extract.errors import ExtractError
from pipeline.extract.text import read_text_file
from pipeline.model import SourceDocument

TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text"})
#: File suffixes (lower case) that ``extract`` can read.
SUPPORTED_SUFFIXES: frozenset[str] = TEXT_SUFFIXES | {".pdf"}


def extract(path: Path, ocr: str = "auto") -> SourceDocument:
    """Extract one input file, choosing the reader by its suffix. ``ocr`` (auto, never,
    always) says when PDF pages are read with Tesseract."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text_file(path)
    if suffix == ".pdf":
        from pipeline.extract.pdf import extract_pdf

        return extract_pdf(path, ocr)
    raise ExtractError(
        Code.UNSUPPORTED,
        f"{path}: unsupported file type {suffix or '(no suffix)'!r}; "
        f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}",
    )


__all__ = ["SUPPORTED_SUFFIXES", "ExtractError", "decode_bytes", "extract", "read_text_file"]
