"""En dashes that OCR read as hyphens, told apart by their length on the page.

Tesseract prints "-" for both the hyphen and the en dash of a range ("dag 1–14", "i åldern
16–18 år"), so its text cannot say which was printed; the picture can. An en dash is about
as long as a digit is tall (half an em), a hyphen a third of an em: measured in the scans of
our plans, a hyphen between digits is 0.33–0.36 of the digits' height ("2025-01-01",
"08-508"), an en dash 0.5 ("1-14"). Only a dash between two digits is looked at (where
both signs occur), and only where the word's picture has as many flat strokes as the word
has hyphens, so each stroke is known to be its hyphen; anything else keeps its text.

A dash standing alone between words (a list item's "- ", a "programmet - till" aside, a
"2025 — 2026" range) is read by Tesseract as any of the three; its length against an em
says which was printed. The em is the height of the line's tallest word that reaches both
above the x-height and below the baseline ("gäller", "Program"): in the fonts plans are set in
(DejaVu, Liberation, sans and serif) at 200 dpi, a hyphen is 0.27-0.28 of it, an en dash
0.40-0.59, an em dash 0.90-1.07; a longer stroke is a drawn line. A hyphen between two words
that cannot be measured so (no such word on its line, or between the bands) is an en dash:
a spaced hyphen is not Swedish typography. An en or em dash on a line without such a word,
and any dash with no ink under it, is a piece or the ghost of a table's line painted over:
it is taken for a stroke ("_", which the layout drops).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import regex
from PIL import Image

from pipeline.extract.ocr.engine import OcrWord

EN_DASH = "\u2013"
EM_DASH = "\u2014"
_DASHES = frozenset(("-", EN_DASH, EM_DASH))
#: A lone dash's length over its line's median word height: the band of each dash (above
#: the hyphen's, below the em dash's, in between the en dash's; outside every band, kept).
HYPHEN_MAX = 0.34
EN_DASH_BAND = (0.37, 0.78)
EM_DASH_MIN = 0.85
#: A lone stroke longer than this many ems is a drawn line, no dash: written as "_", a
#: stroke the layout drops.
STROKE_MIN = 1.6
# A word that reaches above the x-height (a capital, a digit, an ascender) and below the
# baseline (a descender) is about an em high.
_ABOVE = regex.compile(r"[\p{Lu}\dbdfhklt]")
_BELOW = regex.compile(r"[gjpqy]")
# A hyphen between two digits: the only place looked at.
_DIGIT_HYPHEN = regex.compile(r"(?<=\d)-(?=\d)")
# Pixels above and below a lone dash's box where its ink is looked for too.
_MARGIN = 2
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
    return word.text in _DASHES or bool(_hyphens(word.text))


def _lone_dash(length: float) -> str | None:
    """The dash a lone stroke of ``length`` (in ems) is."""
    if length <= HYPHEN_MAX:
        return "-"
    if EN_DASH_BAND[0] <= length <= EN_DASH_BAND[1]:
        return EN_DASH
    if length >= STROKE_MIN:
        return "_"
    if length >= EM_DASH_MIN:
        return EM_DASH
    return None


def _gap(words: list[OcrWord], i: int) -> tuple[int, int, int, int]:
    """Where dash ``i``'s ink is looked for: between the words beside it on its line (the
    engine's box of a dash may hold only part of it), a few pixels above and below its box."""
    word = words[i]
    x0, top, x1, bottom = (round(v) for v in word.box)
    if i and words[i - 1].line == word.line:
        x0 = min(x0, round(words[i - 1].box[2]) + 1)
    if i + 1 < len(words) and words[i + 1].line == word.line:
        x1 = max(x1, round(words[i + 1].box[0]) - 1)
    return x0, top - _MARGIN, x1 + 1, bottom + _MARGIN + 1


def _restore_lone(words: list[OcrWord], image: Image.Image) -> list[OcrWord]:
    """The words with each dash that stands alone made the dash its length on the page says."""
    ems: dict[tuple[int, int, int], float] = {}
    ends: dict[tuple[int, int, int], tuple[int, int]] = {}  # a line's first and last word
    for i, word in enumerate(words):
        if _ABOVE.search(word.text) and _BELOW.search(word.text):
            ems[word.line] = max(ems.get(word.line, 0.0), word.box[3] - word.box[1])
        first, _ = ends.get(word.line, (i, i))
        ends[word.line] = (first, i)
    out = list(words)
    gray = image.convert("L") if image.mode != "L" else image
    for i, word in enumerate(words):
        if word.text not in _DASHES:
            continue
        runs = _glyph_runs(np.asarray(gray.crop(_gap(words, i))) < _DARK)
        if not runs:  # no ink where it stands: the ghost of a table line painted over
            out[i] = replace(word, text="_")
            continue
        em = ems.get(word.line)
        if not em and word.text != "-":  # a long stroke not known to be a dash: a drawn line's piece
            out[i] = replace(word, text="_")
            continue
        dash = _lone_dash(runs[0][0] / em) if em and len(runs) == 1 else None
        if dash is None and word.text == "-" and ends[word.line][0] < i < ends[word.line][1]:
            # Not measured, between two words: a hyphen standing there is not Swedish
            # typography, an en dash is ("Välfärdsbrott – ett hot", no em on its line).
            dash = EN_DASH
        if dash is not None and dash != word.text:
            out[i] = replace(word, text=dash)
    return out


def restore(words: list[OcrWord], image: Image.Image) -> list[OcrWord]:
    """The words with each hyphen between digits that is printed as long as an en dash
    made one ("1-14" -> "1–14"), and each lone dash made the one its length says."""
    out = _restore_lone(words, image)
    for i, word in enumerate(out):
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
