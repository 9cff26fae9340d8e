"""Which of two readings of a page is the better Swedish: its text layer or a fresh OCR.

Archived scans often carry a text layer from an OCR pass without Swedish, which read
å/ä/ö as a/o/e or as stand-ins ("6kad", "s&rbara"). When such a page is read again with
Tesseract's Swedish model, the two readings are scored as Swedish text and the better one
is kept:

- the share of its words the lexicon knows (``lang.sv.lexicon``; a word that lost its
  å/ä/ö is mostly unknown, "atgarder", "forskola"),
- less the OCR damage of its text (``lang.sv.damage``: too few å/ä/ö, stand-ins in words),
- scaled by coverage, so that a reading that lost half the page's words cannot win by
  the few it kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.page import PageWords
from pipeline.lang.sv.damage import measure
from pipeline.lang.sv.fold import strip_edges
from pipeline.lang.sv.lexicon import Lexicon

# How much full damage (score 1) takes off the share of known words.
DAMAGE_WEIGHT = 0.5
# The text layer is kept unless the OCR reading scores this much better: it has exact
# positions and is what the document itself says.
MARGIN = 0.02

_LETTER = regex.compile(r"\p{L}")


@cache
def _lexicon() -> Lexicon:
    return Lexicon()


@dataclass(frozen=True)
class SwedishScore:
    words: int  # words with letters
    known: int  # of those, words the lexicon knows
    damage: float  # lang.sv.damage score of the page's text, 0 clean .. 1 damaged

    @property
    def known_share(self) -> float:
        return self.known / self.words if self.words else 0.0

    @property
    def value(self) -> float:
        """Known share less the damage penalty (before coverage)."""
        return self.known_share - DAMAGE_WEIGHT * self.damage

    def __str__(self) -> str:
        return f"{self.known}/{self.words} known, damage {self.damage:.2f}, value {self.value:.3f}"


def swedish_score(page: PageWords) -> SwedishScore:
    """How Swedish a page's words read."""
    lexicon = _lexicon()
    words = known = 0
    for word in page.words:
        token = strip_edges(word.text)
        if not _LETTER.search(token):
            continue  # numbers, dashes, bullets say nothing about the language
        words += 1
        known += lexicon.known(token.lower())
    text = " ".join(w.text for w in page.words)
    return SwedishScore(words, known, measure(text).score)


def _covered(score: SwedishScore, other: SwedishScore) -> float:
    most = max(score.words, other.words)
    coverage = min(1.0, score.words / most) if most else 0.0
    return score.value * coverage


def better_reading(text_layer: PageWords, ocr: PageWords | None = None) -> PageWords:
    """The reading of a page to keep: the OCR one when it reads clearly better Swedish."""
    if ocr is None:
        return text_layer
    layer_score, ocr_score = swedish_score(text_layer), swedish_score(ocr)
    if _covered(ocr_score, layer_score) > _covered(layer_score, ocr_score) + MARGIN:
        return ocr
    return text_layer
