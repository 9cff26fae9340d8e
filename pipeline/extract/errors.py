"""The one error type of the extract stage.

Extraction failures are expected (archives hold images, empty exports, odd encodings), so
they carry a short machine-readable ``code`` that the runner turns into a ``problems`` row,
and a human message naming the file and the reason.
"""

from __future__ import annotations

#: Codes used by the extract stage.
#: ``empty``: nothing but whitespace; ``binary``: not a text file; ``encoding``: the bytes
#: could not be decoded; ``io``: the file could not be read; ``unsupported``: unknown suffix;
#: ``ocr_missing``: a scan needs OCR and Tesseract (or its Swedish data) is not installed;
#: ``ocr``: Tesseract failed on a page; ``timeout``: the document's time ran out;
#: ``encrypted``: a PDF that needs a password; ``corrupt``: a damaged, truncated or fake PDF
#: (a PDF without pages is ``empty``).
CODES: frozenset[str] = frozenset(
    {
        "empty",
        "binary",
        "encoding",
        "io",
        "unsupported",
        "ocr_missing",
        "ocr",
        "timeout",
        "encrypted",
        "corrupt",
    }
)


class ExtractError(Exception):
    """An input that the extract stage cannot turn into a ``SourceDocument``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"ExtractError({self.code!r}, {self.message!r})"
