"""Word error rate: how far a text is from its reference, and what a repair changed.

The repair stage is judged by three numbers on pairs of (damaged, clean) paragraphs: the
WER before repair, the WER after, and the share of words that were right before and wrong
after ("made wrong"). The last one matters most: a repair that breaks correct words is worse
than one that leaves damage alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import regex

# Punctuation and symbols around a word are not part of it, except the characters OCR prints
# in place of letters ("&r" for "är", "| varje" for "I varje", "¢kar" for "ökar").
_EDGE = regex.compile(r"^[[\p{P}\p{S}]--[&@|¢€¥£$%§#+]]+|[[\p{P}\p{S}]--[&@|¢€¥£$%§#+]]+$", regex.VERSION1)


def words(text: str) -> list[str]:
    """Whitespace tokens with surrounding punctuation stripped, case kept; empty tokens dropped."""
    out = []
    for token in text.split():
        word = _EDGE.sub("", token)
        if word:
            out.append(word)
    return out


class Op(Enum):
    EQUAL = "equal"
    SUB = "sub"
    INS = "ins"  # a word of the hypothesis that the reference does not have
    DEL = "del"  # a word of the reference that the hypothesis lost


@dataclass(frozen=True)
class Step:
    """One step of an alignment; ``ref``/``hyp`` are indices, ``None`` on the side that has no word."""

    op: Op
    ref: int | None
    hyp: int | None


@dataclass(frozen=True)
class Alignment:
    steps: tuple[Step, ...]

    @property
    def distance(self) -> int:
        return sum(step.op is not Op.EQUAL for step in self.steps)

    def counts(self, n_ref: int) -> WerCounts:
        subs = sum(step.op is Op.SUB for step in self.steps)
        ins = sum(step.op is Op.INS for step in self.steps)
        dels = sum(step.op is Op.DEL for step in self.steps)
        return WerCounts(n_ref, subs + ins + dels, subs, ins, dels)

    def correct_ref_positions(self) -> set[int]:
        """Reference positions whose word the hypothesis has right."""
        return {step.ref for step in self.steps if step.op is Op.EQUAL and step.ref is not None}


def align(ref: Sequence[str], hyp: Sequence[str]) -> Alignment:
    """Levenshtein alignment (unit costs) of two word sequences.

    Ties are broken the same way every time (match/substitute before delete before insert,
    from the end), so that equal inputs give equal alignments.
    """
    n, m = len(ref), len(hyp)
    # dist[i][j]: distance between ref[:i] and hyp[:j]
    dist = [list(range(m + 1))]
    for i in range(1, n + 1):
        row = [i] + [0] * m
        prev = dist[i - 1]
        r = ref[i - 1]
        for j in range(1, m + 1):
            diag = prev[j - 1] + (r != hyp[j - 1])
            up = prev[j] + 1
            left = row[j - 1] + 1
            row[j] = min(diag, up, left)
        dist.append(row)
    steps: list[Step] = []
    i, j = n, m
    while i or j:
        here = dist[i][j]
        if i and j and here == dist[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            op = Op.EQUAL if ref[i - 1] == hyp[j - 1] else Op.SUB
            steps.append(Step(op, i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and here == dist[i - 1][j] + 1:
            steps.append(Step(Op.DEL, i - 1, None))
            i -= 1
        else:
            steps.append(Step(Op.INS, None, j - 1))
            j -= 1
    steps.reverse()
    return Alignment(tuple(steps))


@dataclass(frozen=True)
class WerCounts:
    """Errors of one hypothesis against its reference; add them up over many paragraphs."""

    n_ref: int
    errors: int
    substitutions: int
    insertions: int
    deletions: int

    @property
    def rate(self) -> float:
        return self.errors / self.n_ref if self.n_ref else float(self.errors > 0)

    def __add__(self, other: WerCounts) -> WerCounts:
        return WerCounts(
            self.n_ref + other.n_ref,
            self.errors + other.errors,
            self.substitutions + other.substitutions,
            self.insertions + other.insertions,
            self.deletions + other.deletions,
        )


ZERO = WerCounts(0, 0, 0, 0, 0)


@dataclass(frozen=True)
class RepairScore:
    """What a repair did to one text (or, summed, to a test set)."""

    before: WerCounts
    after: WerCounts
    made_wrong: int  # reference words right in the damaged text and wrong after repair

    @property
    def n_ref(self) -> int:
        return self.before.n_ref

    @property
    def wer_before(self) -> float:
        return self.before.rate

    @property
    def wer_after(self) -> float:
        return self.after.rate

    @property
    def made_wrong_rate(self) -> float:
        return self.made_wrong / self.n_ref if self.n_ref else 0.0

    def __add__(self, other: RepairScore) -> RepairScore:
        return RepairScore(
            self.before + other.before, self.after + other.after, self.made_wrong + other.made_wrong
        )


EMPTY_SCORE = RepairScore(ZERO, ZERO, 0)


def wer(reference: str, hypothesis: str) -> WerCounts:
    ref = words(reference)
    return align(ref, words(hypothesis)).counts(len(ref))


def compare(reference: str, damaged: str, repaired: str) -> RepairScore:
    """WER before and after repair, and how many reference words the repair made wrong."""
    ref = words(reference)
    before = align(ref, words(damaged))
    after = align(ref, words(repaired))
    made_wrong = len(before.correct_ref_positions() - after.correct_ref_positions())
    return RepairScore(before.counts(len(ref)), after.counts(len(ref)), made_wrong)


def total(scores: Sequence[RepairScore]) -> RepairScore:
    out = EMPTY_SCORE
    for score in scores:
        out = out + score
    return out
