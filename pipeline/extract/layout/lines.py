"""A page's positioned words grouped into text lines, top to bottom.

A word joins the line whose vertical middle it shares. OCR output is cleaned of what the
grid and typography leave in it: strokes glued to words ("|Periodicitet"), a bullet read as
"«", a spaced en dash read as "-".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from pipeline.extract.page import PageWords, Word
from pipeline.model import Box

# Grid strokes that OCR reads as characters: "|Periodicitet", "år = 2026".
_STROKES = regex.compile(r"^[|=_—–\[\]]+|[|=_\[\]]+$")
_LONE_DASHES = frozenset("–—")


@dataclass
class TextLine:
    words: list[Word]
    page: int

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def box(self) -> Box:
        """(x0, top, x1, bottom) of its words, in points from the page's top-left corner."""
        words = self.words
        return (
            min(w.x0 for w in words), min(w.top for w in words),
            max(w.x1 for w in words), max(w.bottom for w in words),
        )  # fmt: skip

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def lines_box(lines: list[TextLine]) -> Box:
    """The box round all of ``lines`` (of one page)."""
    boxes = [line.box for line in lines]
    return (
        min(b[0] for b in boxes), min(b[1] for b in boxes),
        max(b[2] for b in boxes), max(b[3] for b in boxes),
    )  # fmt: skip


def _without_strokes(words: list[Word]) -> list[Word]:
    """Words with the grid strokes OCR glued to them removed; bare strokes dropped. A lone
    en or em dash stays: the OCR path measured it as one (``ocr.dashes``)."""
    out = []
    for word in words:
        if word.text in _LONE_DASHES:
            out.append(word)
            continue
        text = _STROKES.sub("", word.text)
        if text:
            out.append(word if text == word.text else replace(word, text=text))
    return out


def page_lines(page: PageWords) -> list[TextLine]:
    """Words grouped into lines: a word joins the line whose vertical middle it shares."""
    ocr = page.reader == "ocr"
    source = _without_strokes(page.words) if ocr else page.words
    words = sorted(source, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in words:
        middle = (word.top + word.bottom) / 2
        for line in reversed(lines[-3:]):
            ref = line[0]
            if ref.top - 1 <= middle <= ref.bottom + 1:
                line.append(word)
                break
        else:
            lines.append([word])
    out = [TextLine(sorted(line, key=lambda w: w.x0), page.number) for line in lines]
    return [_typography(line) for line in out] if ocr else out


# OCR reads typography as plain characters: a bullet "•" as "«", "»" or both ("»«"). (Which
# dash a spaced one is, the OCR path tells by its length: ``ocr.dashes``.)
_OCR_BULLET = regex.compile(r"[«»]{1,2}")


def _typography(line: TextLine) -> TextLine:
    words = list(line.words)
    if _OCR_BULLET.fullmatch(words[0].text) and len(words) > 1:
        words[0] = replace(words[0], text="•")
    return TextLine(words, line.page)
