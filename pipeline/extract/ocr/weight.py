"""Which lines of a scanned page are set in bold, from the thickness of their strokes.

Why: the text layer tells the layout which lines are bold (a heading, in the plans'
templates; ``Line.bold``), OCR does not, and a heading that is long or ends in a comma
("Avvikelser, lex Sarah och personalens medverkan i kvalitetsarbetet") is then read as
running text. A bold line's stems are thicker: the mean length of its horizontal runs of
ink, over the page's median line, is 0.94-1.05 for body text and 1.8-2.4 for bold
headings in our scans at 200 dpi, 1.6 for DejaVu Sans Bold drawn clean (a page header
with a logo reaches 1.5: page furniture, left out by the layout anyway).
"""

from __future__ import annotations

import statistics

import numpy as np
from PIL import Image

from pipeline.extract.ocr.engine import OcrWord

# Darker than this counts as ink (0 black .. 255 white).
_DARK = 128
#: A line whose strokes are this many times as thick as the page's median line is bold.
BOLD_RATIO = 1.4
#: Fewer lines than this on a page give no median to measure against.
MIN_LINES = 5

Key = tuple[int, int, int]


def _stroke(ink: np.ndarray) -> float | None:
    """Mean length of the horizontal runs of ink (a stem's width), or None without ink."""
    runs = int(np.count_nonzero(ink[:, 1:] & ~ink[:, :-1])) + int(np.count_nonzero(ink[:, 0]))
    return np.count_nonzero(ink) / runs if runs else None


def bold_lines(words: list[OcrWord], image: Image.Image) -> set[Key]:
    """The lines (``OcrWord.line``) of ``image`` whose strokes are bold."""
    boxes: dict[Key, list[float]] = {}
    for word in words:
        x0, top, x1, bottom = word.box
        box = boxes.setdefault(word.line, [x0, top, x1, bottom])
        box[0], box[1] = min(box[0], x0), min(box[1], top)
        box[2], box[3] = max(box[2], x1), max(box[3], bottom)
    if len(boxes) < MIN_LINES:
        return set()
    gray = np.asarray(image.convert("L") if image.mode != "L" else image)
    strokes: dict[Key, float] = {}
    for key, (x0, top, x1, bottom) in boxes.items():
        ink = gray[max(0, int(top)) : int(bottom) + 1, max(0, int(x0)) : int(x1) + 1] < _DARK
        if ink.size and (stroke := _stroke(ink)) is not None:
            strokes[key] = stroke
    if len(strokes) < MIN_LINES:
        return set()
    median = statistics.median(strokes.values())
    return {key for key, stroke in strokes.items() if stroke >= BOLD_RATIO * median}
