"""En dashes that OCR read as hyphens, told apart by their length on the page.

Tesseract prints "-" for both the hyphen and the en dash of a range ("dag 1–14", "i åldern
16–18 år"), so its text cannot say which was printed; the picture can. An en dash is about
as long as a digit is tall (half an em), a hyphen a third of an em: measured in the scans of
our plans, a hyphen between digits is 0.33–0.36 of the digits' height ("2025-01-01",
"08-508"), an en dash 0.5 ("1-14"). Only a dash between two digits is looked at (where
both signs occur), and only where the word's picture has as many flat strokes as the word
has hyphens, so each stroke is known to be its hyphen; anything else keeps its text.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import regex
from PIL import Image

from pipeline.extract.ocr.engine import OcrWord

EN_DASH = "\u2013"
# A hyphen between two digits: the only place looked at.
_DIGIT_HYPHEN = regex.compile(r"(?<=\d)-(?=\d)")
# Darker than this counts as ink (0 black .. 255 white).
_DARK = 128
# A dash is a flat stroke: at most this share of the word's tallest glyph high, and at
# least this many times as long as it is high.
_FLAT = 0.3
_LONG = 1.5
# A stroke at least this share of the digits' height long is an en dash (hyphen ~0.35,
# en dash ~0.5).
EN_DASH_LENGTH = 0.43


def _glyph_runs(ink: np.ndarray) -> list[tuple[int, int]]:
    """(width, height) of the ink between empty columns, left to right."""
    cols = np.concatenate([ink.any(axis=0), [False]])
    runs: list[tuple[int, int]] = []
    start = None
    for x, has_ink in enumerate(cols):
        if has_ink and start is None:
            start = x
        elif not has_ink and start is not None:
            rows = np.flatnonzero(ink[:, start:x].any(axis=1))
            runs.append((x - start, int(rows[-1] - rows[0] + 1)))
            start = None
    return runs


def dash_lengths(word: OcrWord, image: Image.Image) -> list[float] | None:
    """Each flat stroke's length over the height of the word's tallest glyph, left to right,
    or None when the word holds no ink."""
    x0, top, x1, bottom = (round(v) for v in word.box)
    gray = image.convert("L") if image.mode != "L" else image
    crop = np.asarray(gray.crop((x0, top, x1 + 1, bottom + 1))) < _DARK
    runs = _glyph_runs(crop)
    if not runs:
        return None
    tall = max(h for _, h in runs)
    return [w / tall for w, h in runs if h <= _FLAT * tall and w >= _LONG * h]


def _hyphens(text: str) -> list[int]:
    """Where the word's hyphens stand, when every one of them is between digits."""
    hyphens = [m.start() for m in _DIGIT_HYPHEN.finditer(text)]
    return hyphens if text.count("-") == len(hyphens) else []


def is_candidate(word: OcrWord) -> bool:
    return bool(_hyphens(word.text))


def restore(words: list[OcrWord], image: Image.Image) -> list[OcrWord]:
    """The words with each hyphen between digits that is printed as long as an en dash
    made one ("1-14" -> "1–14")."""
    out = list(words)
    for i, word in enumerate(words):
        hyphens = _hyphens(word.text)
        if not hyphens:
            continue
        lengths = dash_lengths(word, image)
        if lengths is None or len(lengths) != len(hyphens):
            continue
        text = list(word.text)
        for pos, length in zip(hyphens, lengths, strict=True):
            if length >= EN_DASH_LENGTH:
                text[pos] = EN_DASH
        if (fixed := "".join(text)) != word.text:
            out[i] = replace(word, text=fixed)
    return out
