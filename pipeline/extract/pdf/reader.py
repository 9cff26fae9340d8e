"""PDFs: which reader each page gets, and the document they make together.

Per page:

- a good text layer is read as it is (fast, exact);
- a page without text (a scan) is read by Tesseract with the Swedish model;
- a page whose text layer is bad OCR (an old pass that lost å/ä/ö: ``lang.sv.damage``) is,
  in ``auto`` mode, read again by Tesseract when it is installed and the two readings
  are compared as Swedish text; the better one is kept. Without Tesseract, or in ``never``
  mode, the damaged layer is kept and the repair stage restores its words.

``SourceDocument.extraction`` says which path the document took: ``pdf_text``,
``pdf_ocr``, ``pdf_text_repaired`` (a damaged layer kept for repair), or several of them
joined with "+" when pages differ.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from pipeline.extract.errors import ExtractError
from pipeline.extract.layout import document_lines, page_lines
from pipeline.extract.page import PageWords
from pipeline.lang.sv.damage import measure
from pipeline.model import SourceDocument
from pipeline.rules import Rules, load_rules

OCR_MODES = ("auto", "never", "always")
# A page with fewer characters of text than this has no usable text layer.
MIN_PAGE_CHARS = 20
# Pages that take longer than this in all (seconds) are not waited for.
DEFAULT_TIME_LIMIT = 600.0


def _page_text(page: PageWords) -> str:
    return "\n".join(line.text for line in page_lines(page))


def _reader_label(readers: set[str]) -> str:
    return "+".join(f"pdf_{r}" if i == 0 else r for i, r in enumerate(sorted(readers)))


def extract_pdf(
    path: Path,
    ocr: str = "auto",
    rules: Rules | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> SourceDocument:
    """Read a PDF into lines; raises ExtractError for what cannot be read."""
    from pipeline.extract import ocr as tesseract
    from pipeline.extract.ocr_choice import better_reading
    from pipeline.extract.pdf_text import open_pdf, text_layer_words

    if ocr not in OCR_MODES:
        raise ValueError(f"ocr mode must be one of {OCR_MODES}, not {ocr!r}")
    rules = rules or load_rules()
    path = Path(path)
    deadline = time.monotonic() + time_limit if time_limit else None
    data = path.read_bytes()
    info = open_pdf(path)
    pages = text_layer_words(path)
    wanted: list[int] = []  # pages to read with Tesseract
    damaged: set[int] = set()
    for page in pages:
        text = _page_text(page)
        if ocr == "always" or len(text.strip()) < MIN_PAGE_CHARS:
            wanted.append(page.number)
        elif measure(text).damaged:
            damaged.add(page.number)
            if ocr == "auto":
                wanted.append(page.number)
    ocr_pages: dict[int, PageWords] = {}
    if wanted and ocr != "never":
        if not tesseract.tesseract_available():
            if any(len(_page_text(pages[n - 1]).strip()) < MIN_PAGE_CHARS for n in wanted):
                raise ExtractError(
                    "ocr_missing",
                    f"{path}: pages without a text layer need OCR, and the OCR engine is not "
                    "installed: apt-get install tesseract-ocr tesseract-ocr-swe",
                )
        else:
            for page in tesseract.ocr_pages(path, wanted, deadline=deadline):
                ocr_pages[page.number] = page
    readers: set[str] = set()
    chosen: list[PageWords] = []
    for page in pages:
        read = ocr_pages.get(page.number)
        if read is not None and page.number in damaged and ocr == "auto":
            read = better_reading(page, read)
        if read is None and page.number in damaged:
            page.reader = "text_repaired"
            read = page
        read = read or page
        readers.add(read.reader)
        chosen.append(read)
    lines = document_lines(chosen, rules)
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format="pdf",
        extraction=_reader_label(readers) if readers else "pdf_text",
        lines=lines,
        encoding=None,
        n_pages=info.n_pages,
    )
