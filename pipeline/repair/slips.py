"""Letters the Swedish OCR model misread as others of much the same shape, put back where
the lexicon says so, every change recorded.

A page read with Tesseract's Swedish model keeps its å/ä/ö (so ``damage`` finds nothing to
repair), but a blurred letter can still come out as a neighbour of its shape: "n" as "h"
("stadsdelshämndens"), "rn" as "m", a capital I as a small l ("Al-verktyget"). Such a word
is unknown to the lexicon, or known only as a compound hunspell allows ("stadsdels" +
"hämndens"), while one slip away (``rules/ocr_slips.toml``) lies the word printed. What the
document itself says decides first: a spelling one slip away that the same document reads
at least twice (and more often than the word) is taken; a short word (four letters,
"ftam" for "fram") is put back only so. Otherwise a word the lexicon knows
is kept, and an unknown one becomes the most frequent listed spelling one slip away.
A word in the word lists (wordfreq, the batch, the additions) is never changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.model import Repair
from pipeline.repair.ocr import RepairContext
from pipeline.rules import rules_toml

_WORD = regex.compile(r"\p{L}+")


@dataclass(frozen=True)
class Slips:
    table: dict[str, tuple[str, ...]]
    confirmable: dict[str, tuple[str, ...]]  # ``table`` and the slips only the document may confirm
    min_length: int
    min_length_confirmed: int
    max_slips: int
    acronym: regex.Pattern


@cache
def load_slips() -> Slips:
    data = rules_toml("ocr_slips.toml")
    table = {read: tuple(printed) for read, printed in data["slips"].items()}
    confirmable = dict(table)
    for read, printed in data["confirmed_slips"].items():
        confirmable[read] = confirmable.get(read, ()) + tuple(printed)
    return Slips(
        table,
        confirmable,
        int(data["scoring"]["min_length"]),
        int(data["scoring"]["min_length_confirmed"]),
        int(data["scoring"]["max_slips"]),
        regex.compile(data["acronym"]["pattern"]),
    )


def _one_slip_away(word: str, table: dict[str, tuple[str, ...]]) -> set[str]:
    out = set()
    for read, printed in table.items():
        start = word.find(read)
        while start >= 0:
            for letters in printed:
                out.add(word[:start] + letters + word[start + len(read) :])
            start = word.find(read, start + 1)
    return out


def _variants(word: str, slips: Slips, table: dict[str, tuple[str, ...]]) -> set[str]:
    found = {word}
    for _ in range(slips.max_slips):
        found |= {v for w in found for v in _one_slip_away(w, table)}
    found.discard(word)
    return found


def _case_like(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def document_words(texts: Iterable[str]) -> Counter[str]:
    """How often each (lower-case) word occurs in a document's texts."""
    return Counter(w.lower() for text in texts for w in _WORD.findall(text))


def fix_slips(
    text: str, context: RepairContext, document: Counter[str] | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with its slipped words put back, and the (read, printed) pairs. ``document``:
    the words of the whole document (``document_words``)."""
    slips = load_slips()
    lexicon = context.lexicon
    changes: list[tuple[str, str]] = []

    def acronym(match: regex.Match) -> str:
        fixed = match.group(1).replace("l", "I")
        changes.append((match.group(1), fixed))
        return fixed

    text = slips.acronym.sub(acronym, text)

    def word(match: regex.Match) -> str:
        read = match.group()
        lower = read.lower()
        if len(read) < slips.min_length_confirmed or read.isupper() or lexicon.listed(lower):
            return read
        short = len(read) < slips.min_length
        if short and lexicon.known(lower):
            return read
        variants = [v for v in _variants(lower, slips, slips.table) if v.lower() == v]
        seen = document or Counter()
        confirmable = [v for v in _variants(lower, slips, slips.confirmable) if v.lower() == v]
        confirmed = [v for v in confirmable if seen[v] >= 2 and seen[v] > seen[lower]]
        if short and not confirmed:  # too many neighbours: only the document's word will do
            return read
        if confirmed:
            choice = max(confirmed, key=lambda v: (seen[v], lexicon.log_prob(v), v))
        elif lexicon.known(lower):
            return read
        else:
            listed = [v for v in variants if lexicon.listed(v)]
            if not listed:
                return read
            choice = max(listed, key=lambda v: (lexicon.log_prob(v), v))
        best = _case_like(read, choice)
        changes.append((read, best))
        return best

    return _WORD.sub(word, text), changes


def repair_slips(
    text: str, context: RepairContext, document: Counter[str], lineno: int, page: int | None
) -> tuple[str, list[Repair]]:
    """``fix_slips`` with each change as a ``Repair`` (rule ``ocr_slip``)."""
    fixed, changes = fix_slips(text, context, document)
    return fixed, [Repair(lineno, page, read, printed, "ocr_slip") for read, printed in changes]
