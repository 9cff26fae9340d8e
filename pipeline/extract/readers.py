"""The readers by file suffix: what ``extract`` reads, and how.

Adding a format is one module with a function ``(path, options) -> SourceDocument`` and
one line in ``READERS``. Readers are named ``"module:function"`` and imported when first
used, so reading text never loads the PDF and OCR libraries.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.options import ExtractOptions
from pipeline.model import SourceDocument

ReadFunction = Callable[[Path, ExtractOptions], SourceDocument]


@dataclass(frozen=True)
class Reader:
    """One input format."""

    name: str  # the format, as a result's settings key names it ("text", "pdf")
    function: str  # "module:function" reading a file: (path, options) -> SourceDocument
    uses_ocr: bool = False  # do the OCR options change what it reads?

    def load(self) -> ReadFunction:
        module, _, name = self.function.partition(":")
        return getattr(importlib.import_module(module), name)

    def settings(self, options: ExtractOptions) -> str:
        """What a file's result depends on besides its bytes and the parser version."""
        return f"{self.name}|{options.settings_key()}" if self.uses_ocr else self.name


TEXT = Reader("text", "pipeline.extract.text.reader:read_text")
PDF = Reader("pdf", "pipeline.extract.pdf.reader:read_pdf", uses_ocr=True)
DOCX = Reader("docx", "pipeline.extract.structured.docx:read_docx")
ODT = Reader("odt", "pipeline.extract.structured.odt:read_odt")
HTML = Reader("html", "pipeline.extract.structured.html:read_html")
LEGACY = Reader("legacy", "pipeline.extract.structured.legacy:read_legacy")
IMAGE = Reader("image", "pipeline.extract.ocr.images:read_image", uses_ocr=True)

#: Suffix (lower case) -> reader.
READERS: dict[str, Reader] = {
    ".txt": TEXT,
    ".text": TEXT,
    ".pdf": PDF,
    ".docx": DOCX,
    ".odt": ODT,
    ".html": HTML,
    ".htm": HTML,
    ".doc": LEGACY,
    ".rtf": LEGACY,
    ".tif": IMAGE,
    ".tiff": IMAGE,
    ".png": IMAGE,
    ".jpg": IMAGE,
    ".jpeg": IMAGE,
}


def supported_suffixes() -> frozenset[str]:
    """The file suffixes (lower case) ``extract`` can read."""
    return frozenset(READERS)


def reader_for(path: Path | str) -> Reader | None:
    """The reader of a file, by its suffix; None when no reader takes it."""
    return READERS.get(Path(path).suffix.lower())
