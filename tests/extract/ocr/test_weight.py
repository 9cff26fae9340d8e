"""Bold lines of a scan found by the thickness of their strokes: our own page, with a bold
heading between lines of body text, read by the real Tesseract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from test_ocr_pages import DPI, needs_tesseract, scan_pdf

from pipeline.extract.ocr import weight
from pipeline.extract.ocr.engine import OcrWord
from pipeline.extract.ocr.pages import ocr_pages

FONTS = Path("/usr/share/fonts/truetype/dejavu")
BODY = [
    "Enheten hanterar inkomna klagomål och synpunkter i enlighet med rutinen.",
    "Arbetet med att förbättra verksamheten är ständigt aktuellt för enheten.",
]
HEADING = "Avvikelser, lex Sarah och personalens medverkan i kvalitetsarbetet"
MORE = [
    "I enhetens introduktionsplan finns ett område om lex Sarah och rapporter.",
    "Samtliga medarbetare ska också gå en webbaserad utbildning under året.",
    "På arbetsplatsträffarna informeras medarbetarna om utredda avvikelser.",
]


def draw(lines: list[tuple[str, bool]]) -> Image.Image:
    size = round(11 / 72 * DPI)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), size=size)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), size=size)
    image = Image.new("L", (1500, 120 + 60 * len(lines)), 245)
    pen = ImageDraw.Draw(image)
    for i, (text, is_bold) in enumerate(lines):
        pen.text((90, 60 + 60 * i), text, fill=20, font=bold if is_bold else regular)
    noise = np.random.default_rng(3).normal(0, 10, size=(image.height, image.width))
    return Image.fromarray(np.clip(np.asarray(image, dtype=np.float64) + noise, 0, 255).astype(np.uint8))


@needs_tesseract
def test_the_bold_heading_of_a_scanned_page_is_bold(tmp_path: Path) -> None:
    page = draw([(t, False) for t in BODY] + [(HEADING, True)] + [(t, False) for t in MORE])
    [read] = ocr_pages(scan_pdf(tmp_path / "scan.pdf", [page]))
    bold = {w.text for w in read.words if w.bold}
    assert bold == set(HEADING.split())


def test_too_few_lines_give_no_measure() -> None:
    image = draw([(HEADING, True)])
    words = [OcrWord("Avvikelser,", (90.0, 60.0, 300.0, 90.0), 95.0, (1, 1, 1))]
    assert weight.bold_lines(words, image) == set()


@pytest.mark.parametrize("lines", [[(t, False) for t in BODY + MORE], [(t, True) for t in BODY + MORE]])
def test_a_page_set_all_in_one_weight_has_no_bold_line(lines: list[tuple[str, bool]]) -> None:
    image = draw(lines)
    words = [
        OcrWord(text, (90.0, 55.0 + 60 * i, 1400.0, 95.0 + 60 * i), 95.0, (1, 1, i + 1))
        for i, (text, _) in enumerate(lines)
    ]
    assert weight.bold_lines(words, image) == set()
