"""Extract stage: turn an input file into a ``SourceDocument`` of lines.

``extract`` picks the reader by file suffix (``readers``); how it reads is an
``ExtractOptions``. Every failure is an ``ExtractError`` with a code, so the runner can
record it as a problem and go on with the next file.

By input kind: ``text`` (text exports, their encoding), ``pdf`` (the text layer and the
reader that chooses per page), ``ocr`` (scanned pages, through an OCR engine), ``layout``
(positioned words of a page to lines and table rows).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.options import ExtractOptions
from pipeline.extract.readers import reader_for, supported_suffixes
from pipeline.model import SourceDocument


def extract(path: Path, options: ExtractOptions | None = None) -> SourceDocument:
    """Extract one input file, choosing the reader by its suffix (default options: ``ExtractOptions()``)."""
    path = Path(path)
    reader = reader_for(path)
    if reader is None:
        suffix = path.suffix.lower()
        raise ExtractError(
            Code.UNSUPPORTED,
            f"{path}: unsupported file type {suffix or '(no suffix)'!r}; "
            f"supported: {', '.join(sorted(supported_suffixes()))}",
        )
    return reader.load()(path, options or ExtractOptions())


__all__ = ["ExtractError", "ExtractOptions", "extract", "supported_suffixes"]
