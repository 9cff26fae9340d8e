"""A "word" that Tesseract read across two text lines, the lines read again one by one.

Now and then Tesseract takes the first word of a table cell's first line and the one under
it for a single word: "Smtiga", two lines high and read with confidence 0, for "Samtliga"
over "termin." in the cell "Samtliga tillagningskök ska mäta matsvinn under två veckor per
/ termin."; sorted into lines by its middle, it lands between them and scrambles the cell
("två Smtiga ermin. tillagningskök ..."). Such a word is taller than the words around it
and unsure: its box is read again as a block of lines (``--psm 6``: "Samtliga" over
"termin."), and each word read joins the line it stands on.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

from PIL import Image

from pipeline.extract.ocr.engine import OcrWord
from pipeline.extract.ocr.page_image import encode_pgm

#: Tesseract's mode for a block of text (the word's box holds parts of two lines).
PSM = 6
# A word this many times as high as the page's typical word, read with less confidence
# than this, spans lines.
_TALL = 1.7
_UNSURE = 50.0
# Margin around the box read again (pixels).
_PAD = 8


def _height(word: OcrWord) -> float:
    return word.box[3] - word.box[1]


def tall_words(words: list[OcrWord]) -> list[int]:
    """Indices of the unsure words that are too tall for one line."""
    heights = [_height(w) for w in words if w.text.strip()]
    if len(heights) < 5:
        return []
    typical = statistics.median(heights)
    return [
        i
        for i, w in enumerate(words)
        if w.confidence < _UNSURE and _height(w) >= _TALL * typical and len(w.text) > 1
    ]


def _band(words: list[OcrWord]) -> tuple[float, float]:
    return min(w.box[1] for w in words), max(w.box[3] for w in words)


def reread(
    words: list[OcrWord], image: Image.Image, read: Callable[[bytes, str, int], list[OcrWord]], language: str
) -> list[OcrWord]:
    """``words`` with each word that spans lines replaced by a reading of its box as a block
    of lines; what was read of those lines inside the box before (the rest of the second
    word, "ermin.") goes with it. A new word joins the line whose height holds its middle;
    where one has none, the old reading stays."""
    out = list(words)
    for i in reversed(tall_words(words)):
        x0, top, x1, bottom = words[i].box
        inside = [
            j
            for j, w in enumerate(out)
            if j != i and top <= (w.box[1] + w.box[3]) / 2 <= bottom and w.box[0] < x1 and w.box[2] > x0
        ]
        bands: dict[tuple[int, int, int], tuple[float, float]] = {}
        for j, w in enumerate(out):
            if j != i and top <= (w.box[1] + w.box[3]) / 2 <= bottom:
                lo, hi = bands.get(w.line, (w.box[1], w.box[3]))
                bands[w.line] = (min(lo, w.box[1]), max(hi, w.box[3]))
        left, upper = max(0, int(x0) - _PAD), max(0, int(top) - _PAD)
        again = read(encode_pgm(image.crop((left, upper, int(x1) + _PAD, int(bottom) + _PAD))), language, PSM)
        new: list[OcrWord] = []
        for w in again:
            box = (w.box[0] + left, w.box[1] + upper, w.box[2] + left, w.box[3] + upper)
            middle = (box[1] + box[3]) / 2
            line = next((k for k, (lo, hi) in bands.items() if lo <= middle <= hi), None)
            if line is None or not w.text.strip():
                break
            new.append(OcrWord(w.text, box, w.confidence, line))
        else:
            if new:
                out = [w for j, w in enumerate(out) if j != i and j not in inside] + new
    return out
