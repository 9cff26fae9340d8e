"""The OCR engine's word confidences kept in the output: a document's mean and its doubtful
words, from the real engine on page pictures drawn here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter
from test_ocr_pages import LINES, draw_page, needs_tesseract, scan_pdf

from pipeline.extract import extract
from pipeline.extract.ocr.confidence import DoubtSettings, ocr_quality
from pipeline.extract.ocr.pages import ocr_pages
from pipeline.extract.page import PageWords, Word


def word(text: str, confidence: float | None, x0: float = 10.0, top: float = 10.0) -> Word:
    return Word(text, x0, x0 + 30, top, top + 10, confidence=confidence)


def test_doubtful_words_are_the_least_confident_of_each_ocr_page() -> None:
    words = [word("säker", 95), word("osäker", 41, top=50), word("kanske", 55, top=20)]
    words += [word("—", 5), word("x", 30)]
    ocr = PageWords(2, 595, 842, words, reader="ocr")
    text_layer = PageWords(1, 595, 842, [word("lager", None)], reader="text")
    quality = ocr_quality([text_layer, ocr], DoubtSettings(threshold=60, per_page=2))
    assert quality.mean == pytest.approx((95 + 41 + 55 + 5 + 30) / 5)
    # The two least confident words with a letter or digit, in reading order on the page.
    assert [(w.page, w.word, w.confidence) for w in quality.doubtful] == [(2, "x", 30.0), (2, "osäker", 41.0)]


def test_pages_without_ocr_have_no_confidence() -> None:
    quality = ocr_quality([PageWords(1, 595, 842, [word("text", None)], reader="text")])
    assert quality.mean is None and quality.doubtful == []


@pytest.mark.parametrize("bad", [{"threshold": -1}, {"threshold": 101}, {"per_page": -1}])
def test_settings_out_of_range_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        DoubtSettings(**bad)


def _smudged(image: Image.Image) -> Image.Image:
    """The picture with its lower half blurred and washed out, as a bad copy makes it."""
    half = image.height // 2
    lower = image.crop((0, half, image.width, image.height)).filter(ImageFilter.GaussianBlur(3.2))
    washed = np.asarray(lower, dtype=np.float64) * 0.35 + 255 * 0.65
    out = image.copy()
    out.paste(Image.fromarray(washed.astype(np.uint8)), (0, half))
    return out


@needs_tesseract
def test_a_smudged_part_of_a_page_gives_the_doubtful_words(tmp_path: Path) -> None:
    clean = scan_pdf(tmp_path / "clean.pdf", [draw_page(LINES, angle=0)])
    smudged = scan_pdf(tmp_path / "smudged.pdf", [_smudged(draw_page(LINES, angle=0))])
    [clean_page] = ocr_pages(clean)
    [smudged_page] = ocr_pages(smudged)
    sure, unsure = ocr_quality([clean_page]), ocr_quality([smudged_page])
    assert sure.mean is not None and unsure.mean is not None
    assert sure.mean > unsure.mean
    assert len(unsure.doubtful) > len(sure.doubtful)
    threshold = DoubtSettings().threshold
    half = smudged_page.height / 2
    for doubt in unsure.doubtful:
        assert doubt.confidence < threshold
        # Boxes in points from the top-left corner: on the page, and in the smudged half.
        assert 0 <= doubt.x0 < doubt.x1 <= smudged_page.width
        assert half - 10 <= doubt.top < doubt.bottom <= smudged_page.height


@needs_tesseract
def test_extracting_a_scan_keeps_its_mean_confidence_and_doubtful_words(tmp_path: Path) -> None:
    path = scan_pdf(tmp_path / "smudged.pdf", [_smudged(draw_page(LINES, angle=0))])
    source = extract(path)
    assert source.extraction == "pdf_ocr"
    assert source.ocr_confidence is not None and 0 < source.ocr_confidence < 100
    assert source.doubtful_words and all(w.page == 1 for w in source.doubtful_words)
