"""A text line that Tesseract read twice, read again as one line.

Now and then Tesseract's layout analysis splits one line of text into two overlapping
"lines" and reads each: "ukfrånvaro dag 1-1 5 HN as fram av ertia" over "Sjukfrå dag
1-14 3,5 % Tas fi Tertial" for the table row "Sjukfrånvaro dag 1-14 | 3,5 % | Tas fram av |
Tertial". Sorted into lines by position, both readings land on the same row, every word
twice. Two lines that share most of their height and overlap side by side are one line:
their strip of the picture is read again as a single line (``--psm 7``) and its words
replace both readings. Overlap is counted word on word: a date under a page header, whose
line box a tall logo stretches, shares the header line's height but none of its words.
"""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image

from pipeline.extract.ocr.engine import OcrWord
from pipeline.extract.ocr.page_image import encode_pgm

#: Tesseract's mode for a picture holding one line of text.
PSM = 7
# Two words overlap when they share this much of the smaller one's area; two lines when
# this share of the shorter one's words overlap a word of the other (and at least two).
_SHARED_AREA = 0.3
_SHARED_WORDS = 0.3
# Margin around the strip read again (pixels).
_PAD = 8

Box = tuple[float, float, float, float]


def _box(words: list[OcrWord]) -> Box:
    return (
        min(w.box[0] for w in words),
        min(w.box[1] for w in words),
        max(w.box[2] for w in words),
        max(w.box[3] for w in words),
    )


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _words_overlap(a: Box, b: Box) -> bool:
    width, height = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    return width > 0 and height > 0 and width * height > _SHARED_AREA * min(_area(a), _area(b))


def _overlap(a: list[OcrWord], b: list[OcrWord]) -> bool:
    """Do two lines lie over each other, word on word?"""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    hits = sum(any(_words_overlap(w.box, v.box) for v in longer) for w in shorter)
    return hits >= max(2, _SHARED_WORDS * len(shorter))


def doubled_lines(words: list[OcrWord]) -> list[list[tuple[int, int, int]]]:
    """Groups of line keys (block, paragraph, line) that are one line read twice."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    boxes = {key: _box(ws) for key, ws in lines.items()}
    keys = sorted(boxes, key=lambda k: boxes[k][1])
    groups: list[list[tuple[int, int, int]]] = []
    grouped: set[tuple[int, int, int]] = set()
    for i, key in enumerate(keys):
        if key in grouped:
            continue
        group = [key]
        for other in keys[i + 1 :]:
            if boxes[other][1] > boxes[key][3]:
                break  # sorted by top: no later line reaches up to this one
            if other not in grouped and _overlap(lines[key], lines[other]):
                group.append(other)
        if len(group) > 1:
            groups.append(group)
            grouped.update(group)
    return groups


def reread(
    words: list[OcrWord], image: Image.Image, read: Callable[[bytes, str, int], list[OcrWord]], language: str
) -> list[OcrWord]:
    """``words`` with every line read twice replaced by one reading of its strip.

    ``read(encoded_picture, language, psm)`` runs the OCR engine; ``image`` is the picture the
    words' boxes refer to.
    """
    groups = doubled_lines(words)
    if not groups:
        return words
    replaced: dict[tuple[int, int, int], list[OcrWord]] = {}
    dropped: set[tuple[int, int, int]] = set()
    for group in groups:
        members = [w for w in words if w.line in group]
        x0, top, x1, bottom = _box(members)
        left, upper = max(0, int(x0) - _PAD), max(0, int(top) - _PAD)
        strip = image.crop((left, upper, int(x1) + _PAD, int(bottom) + _PAD))
        again = read(encode_pgm(strip), language, PSM)
        if not again:
            continue
        replaced[group[0]] = [
            OcrWord(
                w.text,
                (w.box[0] + left, w.box[1] + upper, w.box[2] + left, w.box[3] + upper),
                w.confidence,
                group[0],
            )
            for w in again
        ]
        dropped.update(group)
    out: list[OcrWord] = []
    for word in words:
        if word.line in replaced:
            out.extend(replaced.pop(word.line))
        elif word.line not in dropped:
            out.append(word)
    return out
