"""What a PDF page holds, whatever read it: words with their boxes.

Both readers fill this: the text layer (pdfium, ``pdf.text_layer``) and an OCR engine on a
page image (``ocr.pages``). ``layout`` turns pages into the ``Line``s every later stage
reads: running text in reading order, page headers and footers left out, table rows with
their cells. Coordinates are PDF points from the top-left corner of the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float | None = None  # font size, where the reader knows it
    bold: bool = False
    confidence: float | None = None  # OCR confidence 0-100, where the reader knows it


@dataclass(frozen=True)
class Ruling:
    """A drawn line (table grid) from the text layer; horizontal when top == bottom."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PageWords:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    reader: str = "text"  # "text" (text layer), "ocr" (an OCR engine), "text_repaired"
    # OCR only: seconds (thread CPU time) each step of reading the page took, by step name
    # (``ocr.pages.STEPS``), so a benchmark can show where a page's time goes.
    seconds: dict[str, float] = field(default_factory=dict)
