"""PDFs: which reader each page gets, and the document they make together.

Per page:

- a good text layer is read as it is (fast, exact);
- a page without text (a scan) is read by the OCR engine (``ExtractOptions.ocr_engine``,
  Tesseract by default) with the Swedish model;
- a page whose text layer is bad OCR (an old pass that lost å/ä/ö: ``lang.sv.damage``) is,
  in ``auto`` mode, read again by the OCR engine when it is installed and the two readings
  are compared as Swedish text; the better one is kept. Without the engine, or in ``never``
  mode, the damaged layer is kept and the repair stage restores its words.

``SourceDocument.extraction`` says which path the document took: ``pdf_text``,
``pdf_ocr``, ``pdf_text_repaired`` (a damaged layer kept for repair), or several of them
joined with "+" when pages differ.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.layout.document import document_lines
from pipeline.extract.layout.lines import page_lines
from pipeline.extract.options import ExtractOptions
from pipeline.extract.page import PageWords
from pipeline.lang.sv.damage import measure
from pipeline.model import SourceDocument
from pipeline.rules import Rules, load_rules

# A page with fewer characters of text than this has no usable text layer.
MIN_PAGE_CHARS = 20


def _page_text(page: PageWords) -> str:
    return "\n".join(line.text for line in page_lines(page))


def _reader_label(readers: set[str]) -> str:
    return "+".join(f"pdf_{r}" if i == 0 else r for i, r in enumerate(sorted(readers)))


def _pages_to_read(pages: list[PageWords], ocr: str) -> tuple[list[int], set[int]]:
    """The pages to read with OCR, and the pages whose text layer is OCR damage."""
    wanted: list[int] = []
    damaged: set[int] = set()
    for page in pages:
        text = _page_text(page)
        if ocr == "always" or len(text.strip()) < MIN_PAGE_CHARS:
            wanted.append(page.number)
        elif measure(text).damaged:
            damaged.add(page.number)
            if ocr == "auto":
                wanted.append(page.number)
    return wanted, damaged


def _ocr_pages(
    path: Path, pages: list[PageWords], wanted: list[int], options: ExtractOptions, deadline: float | None
) -> dict[int, PageWords]:
    """The OCR readings of the wanted pages; none when the engine is missing and every wanted
    page has a text layer to fall back on (else ``ExtractError(Code.OCR_MISSING)``)."""
    from pipeline.extract.ocr.engines import ocr_engine
    from pipeline.extract.ocr.pages import Settings, ocr_pages

    if not wanted or options.ocr == "never":
        return {}
    engine = ocr_engine(options.ocr_engine)
    settings = Settings()
    if not engine.available(settings.language):
        if any(len(_page_text(pages[n - 1]).strip()) < MIN_PAGE_CHARS for n in wanted):
            raise ExtractError(
                Code.OCR_MISSING,
                f"{path}: pages without a text layer need OCR, and the OCR engine is not "
                f"installed: {engine.install_hint}",
            )
        return {}
    read = ocr_pages(path, wanted, settings=settings, engine=engine, deadline=deadline)
    return {page.number: page for page in read}


def read_pdf(path: Path, options: ExtractOptions | None = None, rules: Rules | None = None) -> SourceDocument:
    """Read a PDF into lines; raises ExtractError for what cannot be read."""
    from pipeline.extract.ocr.choice import better_reading
    from pipeline.extract.ocr.confidence import ocr_quality
    from pipeline.extract.pdf.text_layer import open_pdf, text_layer_words

    options = options or ExtractOptions()
    rules = rules or load_rules()
    path = Path(path)
    deadline = time.monotonic() + options.time_limit if options.time_limit else None
    data = path.read_bytes()
    info = open_pdf(path)
    pages = text_layer_words(path)
    wanted, damaged = _pages_to_read(pages, options.ocr)
    ocr_pages = _ocr_pages(path, pages, wanted, options, deadline)
    readers: set[str] = set()
    chosen: list[PageWords] = []
    for page in pages:
        read = ocr_pages.get(page.number)
        if read is not None and page.number in damaged and options.ocr == "auto":
            read = better_reading(page, read)
        if read is None and page.number in damaged:
            page.reader = "text_repaired"
            read = page
        read = read or page
        readers.add(read.reader)
        chosen.append(read)
    lines = document_lines(chosen, rules)
    quality = ocr_quality(chosen)
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format="pdf",
        extraction=_reader_label(readers) if readers else "pdf_text",
        lines=lines,
        encoding=None,
        n_pages=info.n_pages,
        ocr_confidence=quality.mean,
        doubtful_words=quality.doubtful,
    )
