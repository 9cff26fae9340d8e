"""Read a PDF's text layer into ``PageWords``: words with their boxes, and the drawn lines.

Everything goes through pdfium (pypdfium2), 20-30 times faster on the shared plans than
pdfplumber, which interprets every glyph in pure Python. Text comes out of pdfium in one
call per page; words are its runs of non-space characters, placed by the boxes of their
first and last character, and only a word whose box looks wrong (its characters run
backwards, jump to another line or leave a gap) is looked at character by character. The
drawn lines come from ``pdf_rulings``, also from pdfium.

Boxes are pdfium's "loose" character boxes: the font's ascent to descent times the size,
so the words of a line share their top and bottom, as pdfplumber's do.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.extract.errors import ExtractError
from pipeline.extract.page import PageWords, Word
from pipeline.extract.pdf.document import (
    is_encrypted,
    load_page,
    looks_truncated,
    pdf_document,
    read_pdf_bytes,
)
from pipeline.extract.pdf.geometry import Matrix, PageFrame, apply, compose
from pipeline.extract.pdf.objects import IMAGE, TEXT, is_invisible_text, matrix, walk
from pipeline.extract.pdf.rulings import page_rulings

#: A word: a run of characters that are not white space, control characters or
#: non-characters. pdfium returns a hyphen that ends a line as U+FFFE, with no line break
#: after it ("jämställdhets\ufffeoch"), so that ends a word and becomes "-" again.
_WORD = re.compile(r"[^\s\x00-\x1f\x7f\ufffe\uffff]+\ufffe?|\ufffe")
_LINE_END_HYPHEN = "\ufffe"
#: pdfium's font weight from which a font counts as bold (regular fonts report ~400).
BOLD_WEIGHT = 600
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True)
class PageInfo:
    """What one page holds, for the choice between its text layer and OCR."""

    number: int  # 1-based
    width: float
    height: float
    text_chars: int  # characters of the text layer that are not white space
    image_cover: float  # share of the page under its largest image, 0-1
    invisible_text: bool  # all of its text is invisible: an OCR layer laid over a scan

    @property
    def has_text(self) -> bool:
        return self.text_chars > 0

    @property
    def image_only(self) -> bool:
        """A scan (or other picture) without a text layer: only OCR can read it."""
        return self.text_chars == 0 and self.image_cover > 0


@dataclass(frozen=True)
class PdfInfo:
    """A PDF that opens, page by page: enough to send each page to the text layer or to OCR."""

    path: str
    n_pages: int
    encrypted: bool  # encrypted, but readable without a password
    pages: tuple[PageInfo, ...]
    producer: str | None = None  # the Producer and Creator of the metadata ("ocrmypdf ...")
    creator: str | None = None
    warnings: tuple[str, ...] = ()  # readable, but something is off (a missing %%EOF)

    @property
    def text_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.has_text]

    @property
    def image_only_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.image_only]

    def page_has_text(self, number: int) -> bool:
        return self.pages[number - 1].has_text


def open_pdf(path: Path | str) -> PdfInfo:
    """Open the PDF and describe its pages; raises ``ExtractError`` (``encrypted``,
    ``corrupt``, ``empty``, ``io``) with a message naming the file and the reason."""
    path = Path(path)
    data = read_pdf_bytes(path)
    warnings = []
    if looks_truncated(data):
        warnings.append(f"{path}: no %%EOF at the end of the file; it may be truncated")
    with pdf_document(path, data) as doc:
        encrypted = is_encrypted(doc)
        if encrypted:
            warnings.append(f"{path}: encrypted with an owner password only; read without it")
        meta = _metadata(doc)
        pages = tuple(_page_info(load_page(doc, path, n), n) for n in range(1, len(doc) + 1))
    return PdfInfo(
        path=str(path),
        n_pages=len(pages),
        encrypted=encrypted,
        pages=pages,
        producer=meta.get("Producer") or None,
        creator=meta.get("Creator") or None,
        warnings=tuple(warnings),
    )


def page_has_text(path: Path | str, number: int) -> bool:
    """Does page ``number`` (1-based) carry a text layer? (``open_pdf`` answers for all pages.)"""
    return open_pdf(path).page_has_text(number)


def text_layer_words(
    path: Path | str, pages: Iterable[int] | None = None, *, rulings: bool = True
) -> list[PageWords]:
    """The words (and drawn lines) of ``pages`` (1-based; all when None), one ``PageWords``
    per page in the order asked; a page without text layer gets no words.

    Raises ``ExtractError`` like ``open_pdf``, and ``ValueError`` for a page number the
    document does not have.
    """
    path = Path(path)
    with pdf_document(path) as doc:
        n_pages = len(doc)
        numbers = list(range(1, n_pages + 1) if pages is None else pages)
        bad = [n for n in numbers if not 1 <= n <= n_pages]
        if bad:
            raise ValueError(f"{path}: no page {bad[0]} (the PDF has {n_pages})")
        out = []
        for number in numbers:
            page = load_page(doc, path, number)
            frame = PageFrame.of(page)
            out.append(
                PageWords(
                    number=number,
                    width=frame.width,
                    height=frame.height,
                    words=page_words(page, frame),
                    rulings=page_rulings(page, frame) if rulings else [],
                    reader="text",
                )
            )
            page.close()
    return out


def page_words(page: pdfium.PdfPage, frame: PageFrame | None = None) -> list[Word]:
    """The words of one page in pdfium's reading order (the content stream's, roughly)."""
    frame = frame or PageFrame.of(page)
    textpage = page.get_textpage()
    try:
        return _Words(textpage.raw, frame).all()
    finally:
        textpage.close()


class _Words:
    """Cuts one text page into words; holds the ctypes buffers its calls reuse."""

    def __init__(self, textpage: pdfium_c.FPDF_TEXTPAGE, frame: PageFrame) -> None:
        self.tp = textpage
        self.frame = frame
        self.rect = pdfium_c.FS_RECTF()
        self.rect_ref = ctypes.byref(self.rect)

    def all(self) -> list[Word]:
        tp, rect, ref = self.tp, self.rect, self.rect_ref
        n = pdfium_c.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        text = _page_text(tp, n)
        get_box, get_size = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize
        get_weight = pdfium_c.FPDFText_GetFontWeight
        frame = self.frame
        upright = frame.rotation == 0
        words: list[Word] = []
        # The hot loop (thousands of words a page): calls and attribute lookups kept few.
        for m in _WORD.finditer(text):
            start, end = m.span()
            get_box(tp, start, ref)
            left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
            size = get_size(tp, start)
            if end - start > 1:
                get_box(tp, end - 1, ref)
                height = top - bottom if top - bottom > 1.0 else 1.0
                if not (
                    rect.left >= left - 0.5
                    and abs(rect.bottom - bottom) <= 0.5 * height
                    and rect.right - left <= (end - start) * (size if size > height else height) * 1.5
                ) and _upright(tp, start):  # turned text runs up or down: trust pdfium's word
                    words.extend(self.split(text, start, end, size))
                    continue
                left = min(left, rect.left)
                bottom = min(bottom, rect.bottom)
                right = max(right, rect.right)
                top = max(top, rect.top)
            word = m.group()
            if word[-1] == _LINE_END_HYPHEN:
                word = word[:-1] + "-"
            if upright:
                x0, x1, y0, y1 = left - frame.left, right - frame.left, frame.top - top, frame.top - bottom
            else:
                x0, x1, y0, y1 = frame.box(left, bottom, right, top)
            weight = get_weight(tp, start)
            bold = weight >= BOLD_WEIGHT if weight > 0 else self.bold(start)
            words.append(Word(word, x0, x1, y0, y1, size=round(size, 2) or None, bold=bold))
        return words

    def box(self, i: int) -> tuple[float, float, float, float]:
        """The loose box of character ``i``: (left, bottom, right, top) in user space."""
        r = self.rect
        if not pdfium_c.FPDFText_GetLooseCharBox(self.tp, i, self.rect_ref):
            return 0.0, 0.0, 0.0, 0.0
        return r.left, r.bottom, r.right, r.top

    def split(self, text: str, start: int, end: int, size: float) -> list[Word]:
        """Character by character: a new word where the text jumps back, down or across a gap."""
        out = []
        run_start, prev = start, self.box(start)
        first = prev
        gap = max(1.0, 0.25 * size)
        for i in range(start + 1, end):
            box = self.box(i)
            height = max(prev[3] - prev[1], 1.0)
            if box[0] > prev[2] + gap or box[2] < prev[0] or abs(box[1] - prev[1]) > 0.5 * height:
                out.append(self.make(text[run_start:i], run_start, first, prev, size))
                run_start, first = i, box
            prev = box
        out.append(self.make(text[run_start:end], run_start, first, prev, size))
        return out

    def make(
        self,
        text: str,
        start: int,
        first: tuple[float, float, float, float],
        last: tuple[float, float, float, float],
        size: float,
    ) -> Word:
        x0, x1, top, bottom = self.frame.box(
            min(first[0], last[0]), min(first[1], last[1]), max(first[2], last[2]), max(first[3], last[3])
        )
        text = text.replace(_LINE_END_HYPHEN, "-")
        return Word(text, x0, x1, top, bottom, size=round(size, 2) or None, bold=self.bold(start))

    def bold(self, i: int) -> bool:
        weight = pdfium_c.FPDFText_GetFontWeight(self.tp, i)
        if weight > 0:
            return weight >= BOLD_WEIGHT
        return bool(_BOLD_NAME.search(_font_name(self.tp, i)))


def _upright(tp: pdfium_c.FPDF_TEXTPAGE, i: int) -> bool:
    """Is character ``i`` set on a (nearly) horizontal baseline, left to right?"""
    angle = pdfium_c.FPDFText_GetCharAngle(tp, i)
    return angle < 0 or (abs(math.sin(angle)) < 0.2 and math.cos(angle) > 0)


def _page_text(tp: pdfium_c.FPDF_TEXTPAGE, n: int) -> str:
    """All ``n`` characters, index for index (one call; per character if that fails)."""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = pdfium_c.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: 2 * max(got - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) == n:
        return text
    codes = (pdfium_c.FPDFText_GetUnicode(tp, i) for i in range(n))
    return "".join(chr(c) if 0 < c < 0x110000 and not 0xD800 <= c < 0xE000 else "\ufffd" for c in codes)


def _font_name(tp: pdfium_c.FPDF_TEXTPAGE, i: int) -> str:
    flags = ctypes.c_int()
    size = pdfium_c.FPDFText_GetFontInfo(tp, i, None, 0, ctypes.byref(flags))
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)
    pdfium_c.FPDFText_GetFontInfo(tp, i, buf, size, ctypes.byref(flags))
    return buf.value.decode("utf-8", errors="replace")


def _page_info(page: pdfium.PdfPage, number: int) -> PageInfo:
    frame = PageFrame.of(page)
    textpage = page.get_textpage()
    try:
        n = pdfium_c.FPDFText_CountChars(textpage.raw)
        text = _page_text(textpage.raw, n) if n > 0 else ""
        text_chars = sum(len(w) for w in _WORD.findall(text))
    finally:
        textpage.close()
    area = max(frame.width * frame.height, 1.0)
    cover = 0.0
    texts = invisible = 0
    for obj, kind, outer in walk(page.raw):
        if kind == TEXT:
            texts += 1
            invisible += is_invisible_text(obj)
        elif kind == IMAGE:
            cover = max(cover, _image_area(frame, compose(outer, matrix(obj))) / area)
    page.close()
    return PageInfo(
        number=number,
        width=frame.width,
        height=frame.height,
        text_chars=text_chars,
        image_cover=round(min(cover, 1.0), 3),
        invisible_text=texts > 0 and invisible == texts,
    )


def _image_area(frame: PageFrame, m: Matrix) -> float:
    """The area of the page an image covers (an image fills the unit square of its matrix)."""
    corners = [frame.point(*apply(m, x, y)) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    x0 = max(min(c[0] for c in corners), 0.0)
    x1 = min(max(c[0] for c in corners), frame.width)
    y0 = max(min(c[1] for c in corners), 0.0)
    y1 = min(max(c[1] for c in corners), frame.height)
    return max(x1 - x0, 0.0) * max(y1 - y0, 0.0)


def _metadata(doc: pdfium.PdfDocument) -> dict[str, str]:
    try:
        return doc.get_metadata_dict(skip_empty=True)
    except Exception:  # metadata is a nicety: a broken Info dictionary must not fail the file
        return {}


__all__ = [
    "ExtractError",
    "PageInfo",
    "PdfInfo",
    "open_pdf",
    "page_has_text",
    "page_words",
    "text_layer_words",
]
