"""Is a text damaged by OCR that lost å/ä/ö? Measured, per document and per page.

Two signs, both cheap character counts (no lexicon needed, so checking a clean plan
costs almost nothing):

- the share of letters that are å/ä/ö: about 5 % in Swedish running text, near 0 where an
  OCR pass without Swedish data read them as a/o/e;
- stand-ins inside words: digits and &, @, ¢, é between letters ("6kad", "s&rbara"); the
  characters are ``rules/ocr_confusions.toml``'s ``[stand_ins]``.

The score is 0 for clean text and 1 for text where the letters are gone; a page with too
few letters to tell is judged by its stand-ins alone. Text that is not Swedish at all
(hardly any "och", "att", "som", ...) scores 0: there is nothing to restore.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline.rules import StandIns, load_rules

# Swedish function words as they read with or without their diacritics.
_FUNCTION = regex.compile(
    r"\b(?:och|att|som|for|för|med|till|ar|är|pa|på|av|en|ett|det|den|ska|har)\b", regex.I
)
# Swedish running text has about 5 % å/ä/ö; below this share letters are missing.
EXPECTED_SHARE = 0.04
# Stand-ins in this share of words mean full damage.
STANDIN_SATURATION = 0.02
# Fewer letters than this and the share of å/ä/ö says nothing.
MIN_LETTERS = 400
DAMAGED = 0.5
# A share of å/ä/ö (of all characters but spaces) that only undamaged Swedish text reaches.
CLEARLY_CLEAN = 0.025


@cache
def _stand_in_pattern(stand_ins: StandIns) -> regex.Pattern:
    """A stand-in inside a word ("6kad", "s&rbara"): the measured ones after a letter or before
    two lower-case letters, the letter-like ones ("é") beside a letter."""
    signs = "".join(regex.escape(c) for c in sorted(stand_ins.measured))
    like = "".join(regex.escape(c) for c in sorted(stand_ins.letter_like))
    return regex.compile(
        rf"(?<=\p{{L}})[{signs}]|[{signs}](?=\p{{Ll}}{{2}})|(?<=\p{{L}})[{like}]|[{like}](?=\p{{L}})"
    )


@dataclass(frozen=True)
class Damage:
    score: float  # 0 clean .. 1 damaged
    letters: int
    swedish_share: float
    standin_rate: float

    @property
    def damaged(self) -> bool:
        return self.score >= DAMAGED


_NOT_LETTERS = str.maketrans("", "", " \t\n\r\f0123456789.,:;!?-–—()[]%/\"'”’*•+=<>§&@")


def measure(text: str) -> Damage:
    # A first look with str.count only (fast C loops): text with plenty of å/ä/ö is clean,
    # whatever else it holds, and is done here.
    swedish = sum(text.count(c) for c in "åäöÅÄÖ")
    rough_letters = len(text) - text.count(" ") - text.count("\n")
    if rough_letters >= 2 * MIN_LETTERS and swedish >= CLEARLY_CLEAN * rough_letters:
        return Damage(0.0, rough_letters, round(swedish / rough_letters, 4), 0.0)
    letters = len(text.translate(_NOT_LETTERS))
    share = swedish / letters if letters else 0.0
    words = max(1, len(text.split()))
    standins = len(_stand_in_pattern(load_rules().stand_ins).findall(text)) / words
    standin_score = min(1.0, standins / STANDIN_SATURATION)
    if letters >= MIN_LETTERS and len(_FUNCTION.findall(text)) < 0.05 * words:
        return Damage(0.0, letters, round(share, 4), round(standins, 4))
    deficit = max(0.0, 1.0 - share / EXPECTED_SHARE) if letters >= MIN_LETTERS else 0.0
    # Both signs must agree a little: a text with no å/ä/ö and no stand-ins is not Swedish
    # OCR damage (English, a list of numbers), and a few stand-ins in clean text are noise.
    score = max(min(deficit, 0.5 + standin_score), standin_score * (1.0 - share / EXPECTED_SHARE))
    return Damage(round(min(1.0, max(0.0, score)), 3), letters, round(share, 4), round(standins, 4))
