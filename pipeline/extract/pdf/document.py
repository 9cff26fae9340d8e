"""Open a PDF with pdfium, or say in one clear ``ExtractError`` why it cannot be read.

pdfium is used through its raw API here because pypdfium2's ``PdfDocument`` treats a PDF
without pages as a load failure and then reports a stale error code (the code of whatever
failed before), which would call an empty PDF "password-protected". The file is read into
memory once: pdfium reads lazily from the buffer, the tail is checked for truncation, and
the bytes are needed for the content hash anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError

#: A PDF starts with this within its first KiB (readers tolerate a little junk before it).
PDF_HEADER = b"%PDF-"
#: ... and ends with this within its last KiB; a file without it was cut short.
PDF_EOF = b"%%EOF"


def read_pdf_bytes(path: Path) -> bytes:
    """The file's bytes; ``io`` and ``empty`` errors name the file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ExtractError(Code.IO, f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if not data:
        raise ExtractError(Code.EMPTY, f"{path}: the file is empty (0 bytes)")
    return data


def looks_truncated(data: bytes) -> bool:
    """No ``%%EOF`` near the end: the download or copy stopped early."""
    return PDF_EOF not in data[-1024:]


@contextmanager
def pdf_document(path: Path, data: bytes | None = None) -> Iterator[pdfium.PdfDocument]:
    """The open document (closed on exit); raises ``ExtractError`` when it cannot be opened.

    Codes: ``encrypted`` (needs a password), ``corrupt`` (not a PDF, damaged or truncated),
    ``empty`` (no pages, or a 0-byte file), ``io``.
    """
    if data is None:
        data = read_pdf_bytes(path)
    if not data:
        raise ExtractError(Code.EMPTY, f"{path}: the file is empty (0 bytes)")
    raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not raw:
        raise _load_error(path, data, pdfium_c.FPDF_GetLastError())
    if pdfium_c.FPDF_GetPageCount(raw) < 1:
        pdfium_c.FPDF_CloseDocument(raw)
        raise ExtractError(Code.EMPTY, f"{path}: the PDF has no pages")
    doc = pdfium.PdfDocument(raw)
    try:
        yield doc  # this frame keeps ``data`` alive: pdfium reads from it until the close
    finally:
        doc.close()


def load_page(doc: pdfium.PdfDocument, path: Path, number: int) -> pdfium.PdfPage:
    """Page ``number`` (1-based); a page pdfium cannot load makes the file ``corrupt``."""
    try:
        return doc[number - 1]
    except pdfium.PdfiumError as exc:
        raise ExtractError(
            Code.CORRUPT, f"{path}: page {number} cannot be read; the file is damaged or truncated"
        ) from exc


def is_encrypted(doc: pdfium.PdfDocument) -> bool:
    """Encrypted but open: an owner password only restricts printing or copying."""
    return pdfium_c.FPDF_GetSecurityHandlerRevision(doc.raw) != -1


def _load_error(path: Path, data: bytes, code: int) -> ExtractError:
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ExtractError(Code.ENCRYPTED, f"{path}: the PDF is password-protected; decrypt it first")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        reason = "is encrypted with a security handler pdfium does not support; decrypt it first"
        return ExtractError(Code.ENCRYPTED, f"{path}: the PDF {reason}")
    if code == pdfium_c.FPDF_ERR_FILE:
        return ExtractError(Code.IO, f"{path}: cannot be read")
    if PDF_HEADER not in data[:1024]:
        return ExtractError(Code.CORRUPT, f"{path}: not a PDF (no %PDF header)")
    if looks_truncated(data):
        return ExtractError(Code.CORRUPT, f"{path}: the PDF is truncated or damaged (no %%EOF at its end)")
    return ExtractError(
        Code.CORRUPT, f"{path}: the PDF is damaged and cannot be opened (pdfium error {code})"
    )
