"""En dashes that Tesseract reads as hyphens, told apart by their length in the picture:
our own generated lines ("dag 1–14", "i åldern 16–18 år" beside dates and a phone number),
read by the real Tesseract at the scans' 200 dpi."""

from __future__ import annotations

from dataclasses import replace
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


def _ink_box(image: Image.Image) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = Image.eval(image, lambda v: 255 - v).point(lambda v: 255 * (v > 127)).getbbox()
    return float(x0), float(top), float(x1 - 1), float(bottom - 1)


def test_a_long_dash_that_cannot_be_measured_is_taken_for_a_stroke() -> None:
    dash, year = draw(["—"]).crop((80, 40, 300, 90)), draw(["2026"]).crop((80, 40, 300, 90))
    image = Image.new("L", (500, 50), 250)
    image.paste(dash, (0, 0))
    image.paste(year, (250, 0))
    # No word on its line reaches both above and below: no em to measure it by.
    x0, top, x1, bottom = _ink_box(dash)
    words = [
        OcrWord("—", (x0, top, x1, bottom), 60.0, (1, 1, 1)),
        OcrWord("2026", (250.0, 5.0, 330.0, 35.0), 95.0, (1, 1, 1)),
    ]
    assert [w.text for w in dashes.restore(words, image)] == ["_", "2026"]


def test_a_dash_with_no_ink_under_it_is_a_painted_over_line() -> None:
    # Shared scan 001: Tesseract read "—" where an erased table line had been, between the
    # words of an indicator's cell ("efter — inkommet"); its box holds nothing.
    image = draw(["Andel avhysningar"])
    x0, top, x1, bottom = _ink_box(image)
    words = [
        OcrWord("Andel avhysningar", (x0, top, x1, bottom), 95.0, (1, 1, 1)),
        OcrWord("—", (x1 + 40, top + 10, x1 + 80, top + 14), 40.0, (1, 1, 1)),
        OcrWord("—", (x0, top, x1, bottom), 40.0, (1, 1, 1)),  # over ink: measured as before
    ]
    assert [w.text for w in dashes.restore(words, image)][1:] == ["_", "—"]


@needs_tesseract
@pytest.mark.parametrize("font", [f for f in FONTS if f.exists()], ids=lambda f: f.stem)
def test_a_spaced_hyphen_that_cannot_be_measured_is_an_en_dash(font: Path) -> None:
    # No word of the line reaches below the baseline: no em to measure the dash by; between
    # two words it is an en dash (a spaced hyphen is not Swedish typography). Shared scan 000.
    pen_font = ImageFont.truetype(str(font), size=round(11 / 72 * DPI))
    image = Image.new("L", (1500, 160), 245)
    ImageDraw.Draw(image).text((90, 60), "Välfärdsbrott – ett hot mot demokratin", fill=20, font=pen_font)
    read = TesseractCli().read(encode_pgm(image), language="swe", psm=4, dpi=DPI)
    assert read[1].text in ("-", "–", "—")
    read[1] = replace(read[1], text="-")  # as the scan read it
    words = [w.text for w in dashes.restore(read, image)]
    assert words[:3] == ["Välfärdsbrott", "–", "ett"]


@needs_tesseract
def test_a_dash_is_measured_by_its_ink_between_the_words_not_by_its_box() -> None:
    # Shared scan 002 with its English layer: the engine's box held 4 pixels of an en dash
    # ("klimatpositivt – genom"), which measured as a hyphen.
    pen_font = ImageFont.truetype(str(FONTS[0]), size=round(11 / 72 * DPI))
    image = Image.new("L", (1500, 160), 245)
    ImageDraw.Draw(image).text((90, 60), "klimatpositivt – genom minskade utsläpp", fill=20, font=pen_font)
    read = TesseractCli().read(encode_pgm(image), language="swe", psm=4, dpi=DPI)
    assert read[1].text in ("-", "–")
    x0, top, x1, bottom = read[1].box
    middle = (x0 + x1) / 2
    read[1] = replace(read[1], text="-", box=(middle - 2, top, middle + 2, bottom))
    assert [w.text for w in dashes.restore(read, image)][:3] == ["klimatpositivt", "–", "genom"]
