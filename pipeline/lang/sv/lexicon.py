"""The Swedish lexicon: repair restores words against it, extract scores OCR readings by it.

Two sources, both installed locally (nothing is downloaded at run time):

- wordfreq's Swedish list: 340,000 words with frequencies, but few compounds;
- hunspell-sv (Debian ``hunspell-sv``, Python binding ``hunspell``): knows compounds and
  inflections ("kompetensutvecklingsplanen"), answers yes/no only.

plus ``rules/lexicon_additions.txt`` and the words of the clean plans in the same batch.
The index maps a word's *skeleton* (``fold.skeleton``: lower-case, å/ä→a, ö→o, é→e) to the words that share
it, so that all readings of a damaged word are one lookup away.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from functools import cache
from pathlib import Path

from pipeline.lang.sv.fold import SKELETON, skeleton
from pipeline.rules import rules_word_list

HUNSPELL_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/local/share/hunspell")


@cache
def _hunspell():
    """The hunspell-sv checker, or None (then compounds unknown to wordfreq go unrepaired)."""
    try:
        import hunspell
    except ImportError:
        return None
    for base in (os.environ.get("PLANS_HUNSPELL_DIR"), *HUNSPELL_DIRS):
        if base and Path(base, "sv_SE.dic").exists():
            return hunspell.HunSpell(str(Path(base, "sv_SE.dic")), str(Path(base, "sv_SE.aff")))
    return None


@cache
def _wordfreq() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("sv", wordlist="best")


@cache
def _additions() -> tuple[str, ...]:
    return tuple(rules_word_list("lexicon_additions.txt"))  # optional: () without the file


@cache
def _diacritic_index() -> dict[str, tuple[str, ...]]:
    """Skeleton -> words with å/ä/ö/é that have it (the words a damaged word may stand for)."""
    index: dict[str, list[str]] = {}
    for word in _wordfreq():
        if word != word.translate(SKELETON):
            index.setdefault(skeleton(word), []).append(word)
    for word in _additions():
        index.setdefault(skeleton(word), []).append(word.lower())
    return {k: tuple(v) for k, v in index.items()}


class Lexicon:
    """Word knowledge: is a word Swedish, how frequent is it, what may a damaged word be."""

    def __init__(self, batch_counts: Counter[str] | None = None):
        self.freq = _wordfreq()
        self.hunspell = _hunspell()
        self.batch = batch_counts or Counter()
        self.batch_total = sum(self.batch.values())
        self._known: dict[str, bool] = {}
        # Batch words with diacritics join the index (their own vocabulary: names, compounds).
        self.batch_index: dict[str, set[str]] = {}
        for word in self.batch:
            if word != word.translate(SKELETON):
                self.batch_index.setdefault(skeleton(word), set()).add(word)
        self.additions = frozenset(w.lower() for w in _additions())

    def listed(self, word: str) -> bool:
        """Is this spelling in the word lists (wordfreq, the batch, the additions)? Fast."""
        return word in self.freq or word in self.batch or word in self.additions

    def known(self, word: str) -> bool:
        """Is this (lower-case) spelling a Swedish word?"""
        hit = self._known.get(word)
        if hit is None:
            hit = (
                word in self.freq
                or word in self.batch
                or word in self.additions
                or (self.hunspell is not None and len(word) > 1 and self._hunspell_knows(word))
            )
            self._known[word] = hit
        return hit

    def _hunspell_knows(self, word: str) -> bool:
        # Proper nouns are capitalised in hunspell's dictionary ("Älvsjö").
        return bool(self.hunspell.spell(word) or self.hunspell.spell(word[:1].upper() + word[1:]))

    def readings(self, skel: str) -> set[str]:
        """Words with diacritics whose skeleton is ``skel``. (The index is built on the first
        call: half a second a process, which documents without damage never need.)"""
        out = set(_diacritic_index().get(skel, ()))
        out |= self.batch_index.get(skel, set())
        return out

    def log_prob(self, word: str) -> float:
        """log10 of the word's probability, from wordfreq and the clean plans of the batch."""
        general = self.freq.get(word, 0.0)
        local = self.batch[word] / self.batch_total if self.batch_total else 0.0
        p = 0.5 * general + 0.5 * local if self.batch_total else general
        if p <= 0:
            p = self._compound_prob(word) if self.known(word) else 1e-11
        return math.log10(p)

    def _compound_prob(self, word: str) -> float:
        """A compound unknown to the word list is about as common as its head (its longest
        known final part), a thousand times rarer: "folkparksvägen" beats "folkparksvågen"."""
        for start in range(1, len(word) - 2):
            head = self.freq.get(word[start:])
            if head:
                return max(head * 1e-3, 1e-10)
        return 1e-10
