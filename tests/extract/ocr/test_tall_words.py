"""A "word" Tesseract read across two lines of a table cell, read again as a block.

Our own example (tif_6464_3, page 4): the cell "Samtliga tillagningskök ska mäta matsvinn
under två veckor per / termin." came out with "Smtiga" two lines high (confidence 0) over
"ermin.", and the cell read "två Smtiga ermin. tillagningskök ..."."""

from __future__ import annotations

from PIL import Image

from pipeline.extract.ocr import tall
from pipeline.extract.ocr.engine import OcrWord

LINE_1, LINE_2 = (2, 2, 7), (2, 2, 8)


def w(text: str, x0: float, top: float, x1: float, bottom: float, conf: float, line) -> OcrWord:
    return OcrWord(text, (x0, top, x1, bottom), conf, line)


PAGE = [
    w("Smtiga", 215, 692, 315, 739, 0, LINE_1),
    w("tillagningskök", 326, 692, 488, 715, 91, LINE_1),
    w("ska", 498, 692, 535, 711, 96, LINE_1),
    w("mäta", 546, 692, 603, 711, 93, LINE_1),
    w("matsvinn", 615, 692, 720, 711, 91, LINE_1),
    w("per", 940, 697, 978, 715, 96, LINE_1),
    w("ermin.", 223, 726, 297, 740, 82, LINE_2),
]


def test_a_word_two_lines_high_is_read_again_and_its_parts_join_their_lines():
    asked = []

    def read(picture: bytes, language: str, psm: int) -> list[OcrWord]:
        asked.append(psm)
        # The box (215-315 x 692-739, 8 px margin) read as a block: two lines.
        return [w("Samtliga", 8, 8, 108, 31, 95, (1, 1, 1)), w("termin.", 8, 37, 90, 56, 96, (1, 1, 2))]

    out = tall.reread(PAGE, Image.new("L", (1654, 2339), 255), read, "swe")
    assert asked == [6]
    line_1 = sorted((x for x in out if x.line == LINE_1), key=lambda x: x.box[0])
    line_2 = [x.text for x in out if x.line == LINE_2]
    assert [x.text for x in line_1] == ["Samtliga", "tillagningskök", "ska", "mäta", "matsvinn", "per"]
    assert line_2 == ["termin."]


def test_a_sure_or_ordinary_word_is_left_alone():
    sure = [PAGE[0].__class__("Samtliga", PAGE[0].box, 96.0, LINE_1), *PAGE[1:]]
    assert tall.tall_words(sure) == []
    assert tall.tall_words(PAGE) == [0]


def test_the_old_reading_stays_when_a_new_word_stands_on_no_line():
    def read(picture: bytes, language: str, psm: int) -> list[OcrWord]:
        return [w("Samtliga", 8, 300, 108, 320, 95, (1, 1, 1))]

    assert tall.reread(PAGE, Image.new("L", (1654, 2339), 255), read, "swe") == PAGE
