"""En dashes that Tesseract reads as hyphens, told apart by their length in the picture:
our own generated lines ("dag 1–14", "i åldern 16–18 år" beside dates and a phone number),
read by the real Tesseract at the scans' 200 dpi."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.extract.ocr import dashes
from pipeline.extract.ocr.engine import OcrWord
from pipeline.extract.ocr.page_image import encode_pgm
from pipeline.extract.ocr.tesseract import TesseractCli

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 200
LINES = [
    "Korttidssjukfrånvaro dag 1–14",
    "Barn i åldern 16–18 år, start 2025-01-01",
    "Telefon 08-508 100 00",
]

needs_tesseract = pytest.mark.skipif(
    not TesseractCli().available() or not FONT.exists(), reason="Tesseract with Swedish data is not installed"
)


def draw(lines: list[str]) -> Image.Image:
    font = ImageFont.truetype(str(FONT), size=round(10 / 72 * DPI))
    image = Image.new("L", (1400, 100 + 60 * len(lines)), 250)
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        pen.text((90, 50 + 60 * i), line, fill=15, font=font)
    return image


@needs_tesseract
def test_en_dashes_read_as_hyphens_are_restored_and_hyphens_kept() -> None:
    image = draw(LINES)
    words = TesseractCli().read(encode_pgm(image), language="swe", psm=4, dpi=DPI)
    read = [w.text for w in words]
    # The damage itself: Tesseract prints a hyphen for the en dash.
    assert "1-14" in read or "1–14" in read
    fixed = [w.text for w in dashes.restore(words, image)]
    assert "1–14" in fixed
    assert "16–18" in fixed
    assert "2025-01-01" in fixed  # a date's hyphens stay
    assert "08-508" in fixed  # and a phone number's


def _word(image: Image.Image, text: str) -> OcrWord:
    return OcrWord(text, (0.0, 0.0, float(image.width - 1), float(image.height - 1)), 90.0, (1, 1, 1))


def test_a_hyphen_is_kept_where_the_strokes_do_not_match_the_text() -> None:
    image = draw(["1–14"]).crop((80, 40, 200, 90))
    # Two hyphens in the text but one stroke on the page: nothing is changed.
    assert dashes.restore([_word(image, "1-1-4")], image)[0].text == "1-1-4"
    # A hyphen not between digits is not looked at.
    assert not dashes.is_candidate(_word(image, "kris-"))
    assert dashes.restore([_word(image, "1-14")], image)[0].text == "1–14"


FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
]
# Lines with a lone dash, and the dash printed.
LONE = {
    "- Riktad kompetensutveckling för alla medarbetare": "-",
    "– Riktad kompetensutveckling för alla medarbetare": "–",
    "programmet - Till exempel genom dialog med föreningarna": "-",
    "programmet – Till exempel genom dialog med föreningarna": "–",
    "perioden 2025 — 2026 gäller planen för nämnden": "—",
}


@needs_tesseract
@pytest.mark.parametrize("font", [f for f in FONTS if f.exists()], ids=lambda f: f.stem)
def test_a_lone_dash_becomes_the_dash_its_length_says(font: Path) -> None:
    pen_font = ImageFont.truetype(str(font), size=round(11 / 72 * DPI))
    lines = list(LONE)
    image = Image.new("L", (1500, 120 + 70 * len(lines)), 245)
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        pen.text((90, 70 + 70 * i), line, fill=20, font=pen_font)
    words = dashes.restore(TesseractCli().read(encode_pgm(image), language="swe", psm=4, dpi=DPI), image)
    by_line: dict[tuple[int, int, int], list[str]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word.text)
    read = [[t for t in texts if t in ("-", "–", "—")] for _, texts in sorted(by_line.items())]
    assert read == [[dash] for dash in LONE.values()]


def test_a_long_dash_that_cannot_be_measured_is_taken_for_a_stroke() -> None:
    image = draw(["— 2026"]).crop((80, 40, 300, 90))
    # No word on its line reaches both above and below: no em to measure it by.
    words = [
        OcrWord("—", (10.0, 20.0, 40.0, 24.0), 60.0, (1, 1, 1)),
        OcrWord("2026", (50.0, 5.0, 120.0, 35.0), 95.0, (1, 1, 1)),
        OcrWord("-", (130.0, 20.0, 140.0, 24.0), 60.0, (1, 1, 1)),
    ]
    assert [w.text for w in dashes.restore(words, image)] == ["_", "2026", "-"]
