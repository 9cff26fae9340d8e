"""Word bigrams of clean text: which reading of a damaged word fits between its neighbours.

Many damaged words are real words in both spellings (stod/stöd, ar/är/år, vara/våra); a
lexicon cannot choose, the neighbours can. The model is learnt from the clean plans of the
same batch (the same committee text recurs across units and years).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable

import regex

# Words, and numbers and per cent signs as one pseudo-word each ("80 % År"): they are
# context too.
_WORD = regex.compile(r"\p{L}[\p{L}\-]*|\d+(?:[,.]\d+)?|%")
NUMBER = "<num>"
_ALPHA = 2.0


def context_word(token: str) -> str:
    """The form a token takes in the bigram model."""
    return NUMBER if token[:1].isdigit() else token.lower()


def tokens(text: str) -> list[str]:
    return [context_word(w) for w in _WORD.findall(text)]


class Bigrams:
    def __init__(self) -> None:
        self.unigrams: Counter[str] = Counter()
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self._total = 0

    def add_text(self, text: str) -> None:
        for line in text.split("\n\n"):
            words = tokens(line)
            self.unigrams.update(words)
            self.bigrams.update(itertools.pairwise(words))

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Bigrams:
        model = cls()
        for text in texts:
            model.add_text(text)
        return model.freeze()

    @property
    def total(self) -> int:
        return self._total

    def freeze(self) -> Bigrams:
        """Fix the totals once all text is in (call before scoring)."""
        self._total = sum(self.unigrams.values())
        return self

    def association(self, left: str | None, word: str, right: str | None) -> float:
        """log10 evidence that ``word`` stands between ``left`` and ``right``: how much more
        likely the word is after ``left`` and before ``right`` than anywhere (pointwise mutual
        information with Dirichlet smoothing, so an unseen pair costs more the better the
        neighbour is known). 0 when the neighbours were never seen."""
        total = self._total
        if not total:
            return 0.0
        p_word = (self.unigrams[word] + 1) / (total + len(self.unigrams) + 1)
        score = 0.0
        for pair, other in (((left, word), left), ((word, right), right)):
            if other is None:
                continue
            n_other = self.unigrams[other]
            if not n_other:
                continue
            p_given = (self.bigrams[pair] + _ALPHA * p_word) / (n_other + _ALPHA)
            score += math.log10(p_given / p_word)
        return score
