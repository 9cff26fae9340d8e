"""How sure the OCR engine was: a document's mean word confidence and its doubtful words.

Why: a scan's text can be wrong where nothing downstream notices (a digit in a target, a
letter in a name). The engine's own word confidence points at those places; the output
keeps the few words below a threshold (``ocr_doubtful_words``) and one mean per document
(``documents.ocr_confidence``), not every word's: the archive is millions of pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.extract.page import PageWords
from pipeline.model import DoubtfulWord


@dataclass(frozen=True)
class DoubtSettings:
    """Which words count as doubtful, and how many of them a page keeps at most."""

    #: Words read below this confidence (Tesseract's 0-100) are doubtful. Clean 200 dpi
    #: scans read most words above 90; below 60 the word is wrong more often than not.
    threshold: float = 60.0
    #: The most doubtful words kept per page (the least confident first): a page of noise
    #: (a photo, a stain) must not fill the table.
    per_page: int = 50

    def __post_init__(self) -> None:
        if not 0 <= self.threshold <= 100:
            raise ValueError(f"threshold must be within 0-100, not {self.threshold}")
        if self.per_page < 0:
            raise ValueError(f"per_page must not be negative, not {self.per_page}")


@dataclass(frozen=True)
class OcrQuality:
    """What the engine's confidences say about the OCR-read pages of one document."""

    mean: float | None  # mean word confidence; None when no word has one
    doubtful: list[DoubtfulWord]


def ocr_quality(pages: Iterable[PageWords], settings: DoubtSettings = DoubtSettings()) -> OcrQuality:
    """The mean confidence and the doubtful words of the pages an OCR engine read (the
    others' words have no confidence and are not counted)."""
    total = 0.0
    count = 0
    doubtful: list[DoubtfulWord] = []
    for page in pages:
        if page.reader != "ocr":
            continue
        low = []
        for word in page.words:
            if word.confidence is None or word.confidence < 0:  # -1: no recognised text
                continue
            total += word.confidence
            count += 1
            if word.confidence < settings.threshold and any(c.isalnum() for c in word.text):
                low.append(word)
        low.sort(key=lambda w: w.confidence)
        doubtful.extend(
            DoubtfulWord(
                page.number,
                w.text,
                round(float(w.confidence), 1),
                round(w.x0, 1),
                round(w.top, 1),
                round(w.x1, 1),
                round(w.bottom, 1),
            )
            for w in sorted(low[: settings.per_page], key=lambda w: (w.top, w.x0))
        )
    return OcrQuality(total / count if count else None, doubtful)
