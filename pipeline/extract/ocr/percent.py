"""Per cent signs that the Swedish model misses, read again with the English one.

Tesseract's Swedish model (the ``tesseract-ocr-swe`` data) does not read "%" in these
plans: "80 %" comes out as "80 AN", "7,9 Yo", "100 2", "12 4", or glued, "2,80". The
English model reads those signs right, but reading whole pages with "swe+eng" doubled the
word error rate (English spellings win elsewhere). So only the doubtful tokens are read
again: a short, low-confidence token right after a number, a low-confidence number, a
low-confidence token of letters and digits ("P4" for "25"), a number with its sign read as
"/0" ("78/0"), and a number with unread ink
right after it ("100" where the page has "100 %"), cut out of the page picture. All of
them go to Tesseract on one sheet, one per row, so a
page costs one extra (small) run, and only pages with such a token pay it. A token is
replaced only where English reads "%" (or the same number and "%"; or, for letters and
digits, a number).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import regex
from PIL import Image

from pipeline.extract.ocr.engine import OcrWord
from pipeline.extract.ocr.page_image import encode_pgm

#: The model that knows the sign (installed with ``tesseract-ocr``).
LANGUAGE = "eng"
#: The sheet is read as one block of text (4, one column, found no text on it).
PSM = 6
# A number as it stands before a per cent sign: "80", "7,9", "1.5", "<10".
_NUMBER = regex.compile(r"^[<>≤≥~]?\d+(?:[,.]\d+)?$")
_PERCENT = regex.compile(r"^%+$")
# A number misread as letters and digits in a value cell ("P4" for "25"), read again too.
_MIXED = regex.compile(r"^(?=.*\d)(?=.*\p{L})[\p{L}\d]{2,3}$")
# A number with its "%" glued on and read as "/0" ("78/0"): never a value (a zero
# denominator), read again whatever the confidence.
_SLASH_ZERO = regex.compile(r"^[<>≤≥~]?\d+(?:[,.]\d+)?/[0oO°]$")
_NUMBER_PERCENT = regex.compile(r"^(?P<number>[<>≤≥~]?\d+(?:[,.]\d+)?)%+$")
# Tesseract is sure of real words after a number ("2026 ska"); its misreadings of "%" it
# gives 2-65.
MAX_CONFIDENCE = 80.0
MAX_LENGTH = 3
# Margin around a cut-out token and the white between rows of the sheet (pixels).
_PAD = 6
_GAP = 30
# Ink after a number: looked for up to this many line heights to its right; darker than
# _DARK counts, and a sign covers at least _MIN_INK of a height-by-height square.
_INK_REACH = 1.6
_DARK = 128
_MIN_INK = 0.08


Box = tuple[float, float, float, float]


def candidates(words: list[OcrWord], image: Image.Image | None = None) -> dict[int, Box]:
    """The words (indices in Tesseract's reading order) that may be a misread "%", or a
    number with one glued to it or left unread beside it, each with the box to read again."""
    out: dict[int, Box] = {}
    for i, word in enumerate(words):
        if image is not None and (box := _unread_ink(words, i, image)) is not None:
            out[i] = box  # "100" and ink after it that Tesseract did not read: "100 %"
            continue
        if _SLASH_ZERO.match(word.text):
            out[i] = word.box  # "78/0": "78 %"
            continue
        if word.confidence >= MAX_CONFIDENCE:
            continue
        if (_NUMBER.match(word.text) and len(word.text) >= 2) or _MIXED.match(word.text):
            out[i] = word.box  # "2,80": "2,8 %" read as one number; "P4": "25"
            continue
        before = words[i - 1] if i else None
        if before is None or word.line != before.line or not _NUMBER.match(before.text):
            continue
        height = word.box[3] - word.box[1]
        if len(word.text) <= MAX_LENGTH and word.box[0] - before.box[2] < 2.5 * height:
            out[i] = word.box
    return out


def _unread_ink(words: list[OcrWord], i: int, image: Image.Image) -> Box | None:
    """The box of number ``i`` widened over the ink right after it that no word covers (a
    per cent sign Tesseract dropped), or None when there is none."""
    word = words[i]
    if not _NUMBER.match(word.text):
        return None
    x0, top, x1, bottom = word.box
    height = bottom - top
    reach = x1 + _INK_REACH * height
    for other in words:
        if other is not word and other.box[0] >= x1 - 1 and other.box[1] < bottom and other.box[3] > top:
            reach = min(reach, other.box[0] - 1)
    if reach - x1 < 0.5 * height:
        return None
    strip = np.asarray(image.crop((int(x1) + 2, int(top), int(reach), int(bottom))).convert("L")) < _DARK
    if strip.size == 0:
        return None
    columns = np.flatnonzero(strip.any(axis=0))
    # A sign is a blob of some size; specks and a stroke of a cell's border are not.
    if strip.sum() < _MIN_INK * height * height or len(columns) < 0.3 * height:
        return None
    return (x0, top, x1 + 2 + columns[-1] + 1, bottom)


def sheet(
    image: Image.Image, boxes: list[tuple[float, float, float, float]]
) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The tokens cut out of ``image`` and stacked on a white sheet; each one's row span."""
    crops = [image.crop((b[0] - _PAD, b[1] - _PAD, b[2] + _PAD, b[3] + _PAD)) for b in boxes]
    width = max(c.width for c in crops) + 2 * _GAP
    height = sum(c.height + _GAP for c in crops) + _GAP
    out = Image.new("L", (int(width), int(height)), 255)
    rows = []
    y = _GAP
    for crop in crops:
        out.paste(crop, (_GAP, y))
        rows.append((y, y + crop.height))
        y += crop.height + _GAP
    return out, rows


def reread(
    words: list[OcrWord], image: Image.Image, read: Callable[[bytes, str, int], list[OcrWord]]
) -> list[OcrWord]:
    """``words`` with each misread "%" put right.

    ``read(encoded_picture, language, psm)`` runs the OCR engine (the caller's, with its
    deadline); ``image`` is the picture the words' boxes refer to.
    """
    found = candidates(words, image)
    if not found:
        return words
    picture, rows = sheet(image, list(found.values()))
    texts: dict[int, list[str]] = {}
    for word in read(encode_pgm(picture), LANGUAGE, PSM):
        middle = (word.box[1] + word.box[3]) / 2
        for k, (top, bottom) in enumerate(rows):
            if top - _GAP / 2 <= middle <= bottom + _GAP / 2:
                texts.setdefault(k, []).append(word.text)
    out: list[OcrWord] = []
    answers = dict(zip(found, (" ".join(texts.get(k, [])) for k in range(len(found))), strict=True))
    for i, word in enumerate(words):
        answer = answers.get(i)
        if answer is None:
            out.append(word)
        elif _MIXED.match(word.text) and _NUMBER.match(answer):
            out.append(OcrWord(answer, word.box, word.confidence, word.line))
        elif _PERCENT.match(answer):
            out.append(OcrWord("%", word.box, word.confidence, word.line))
        elif (glued := _NUMBER_PERCENT.match(answer.replace(" ", ""))) and word.text.startswith(
            glued["number"]
        ):
            out.extend(_split(word, glued["number"], found[i]))
        else:
            out.append(word)
    return out


def _split(word: OcrWord, number: str, box: Box) -> list[OcrWord]:
    """A number with a glued "%" as the two words it is; the sign about 1.5 digits wide."""
    x0, top, x1, bottom = box
    cut = x0 + (x1 - x0) * len(number) / (len(number) + 1.5)
    return [
        OcrWord(number, (x0, top, cut, bottom), word.confidence, word.line),
        OcrWord("%", (cut, top, x1, bottom), word.confidence, word.line),
    ]
