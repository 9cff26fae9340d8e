"""Words an OCR pass damaged: lost å/ä/ö and their stand-ins, restored from a lexicon and
context, every change recorded.

For each word of a damaged text the readings are the lexicon's words that the damaged
spelling may stand for under the confusions in ``rules/ocr_confusions.toml`` ("6kad" ->
"ökad", "hemtjéanst" -> "hemtjänst", "ar" -> "ar"/"är"/"år"). Each reading is scored

    log10 P(word)  +  context_weight * association(left, word, right)  -  confusion cost

where P comes from wordfreq and the clean plans of the batch, the association from word
bigrams of those plans (``ngram.Bigrams``), and the cost from the confusion table. A word
that is already correct Swedish keeps its spelling unless another reading wins by
``keep_known_margin``. Words the lexicon does not know are tried in spellings generated
from the confusion table and checked with hunspell, which knows compounds.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter

import regex

from pipeline.lang.sv.fold import SKELETON, skeleton
from pipeline.lang.sv.lexicon import Lexicon
from pipeline.model import Repair
from pipeline.repair.ngram import Bigrams, context_word, tokens
from pipeline.rules import StandIns, load_rules, rules_toml

_YEARS = regex.compile(r"\b((?:19|20)\d{2})((?:19|20)\d{2})\b")
# Codes, not words: "T1", "NIS2", "H2", "ESF".
_CODE = regex.compile(r"^[\p{Lu}\d]+$")
# Words rarer than this (wordfreq frequency) may be damaged forms of common ones ("fdr").
RARE_WORD = 1e-5
Table = dict[str, tuple[tuple[str, ...], float]]


@dataclass(frozen=True)
class Confusions:
    strong: dict[str, tuple[tuple[str, ...], float]]
    weak: dict[str, tuple[tuple[str, ...], float]]
    vowels: dict[str, tuple[tuple[str, ...], float]]  # the weak a and o
    rare: dict[str, tuple[tuple[str, ...], float]]  # the other weak stand-ins (d, b, ...)
    rare_and_strong: dict[str, tuple[tuple[str, ...], float]]
    tokens: dict[str, str]
    token: regex.Pattern  # a word as OCR prints it (``token_pattern``)
    keep_known_margin: float
    context_weight: float
    max_variants: int


@cache
def load_confusions() -> Confusions:
    data = rules_toml("ocr_confusions.toml")

    def table(name: str) -> dict[str, tuple[tuple[str, ...], float]]:
        return {k: (tuple(v["to"]), float(v["cost"])) for k, v in data[name].items()}

    scoring = data["scoring"]
    # Words are repaired in lower case; the upper-case entries document the table.
    weak = {k: v for k, v in table("weak").items() if k == k.lower()}
    return Confusions(
        strong={k: v for k, v in table("strong").items() if k == k.lower()},
        weak=weak,
        vowels={k: v for k, v in weak.items() if k in ("a", "o")},
        rare={k: v for k, v in weak.items() if k not in ("a", "o")},
        rare_and_strong={
            **{k: v for k, v in weak.items() if k not in ("a", "o")},
            **{k: v for k, v in table("strong").items() if k == k.lower()},
        },
        tokens=dict(data["tokens"]),
        token=token_pattern(load_rules().stand_ins),
        keep_known_margin=float(scoring["keep_known_margin"]),
        context_weight=float(scoring["context_weight"]),
        max_variants=int(scoring["max_variants"]),
    )


def token_pattern(stand_ins: StandIns) -> regex.Pattern:
    """A word as OCR prints it: letters with the symbol stand-ins for å/ä/ö inside ("6kad",
    "s&rbara", "@ldreomsorgen", "mOjligt"), not starting with a digit unless letters follow
    directly; a lone "|" or "&" (a word of its own: "I", "är"); numbers and per cent signs
    as context only ("80 % År"). The symbols come from the rules (``[stand_ins]``)."""
    inside = regex.escape("".join(sorted(stand_ins.word_symbols & stand_ins.letters.keys())))
    before = regex.escape("".join(sorted(stand_ins.word_symbols)))
    alone = regex.escape("".join(sorted(stand_ins.fold_tokens)))
    return regex.compile(
        rf"(?P<word>(?<![\p{{L}}\d{before}])[\p{{L}}{inside}\d]*\p{{L}}[\p{{L}}{inside}\d]*"
        rf"(?![\p{{L}}\d{inside}])|(?<!\S)[{alone}](?=\s))"
        r"|(?P<other>\d+(?:[,.]\d+)?|%)"
    )


@dataclass
class RepairContext:
    """What repair learns from: the lexicon and the bigrams of clean text."""

    lexicon: Lexicon
    bigrams: Bigrams
    confusions: Confusions = field(default_factory=load_confusions)
    _choice_cache: dict = field(default_factory=dict)
    _readings_cache: dict = field(default_factory=dict)
    _parts_cache: dict = field(default_factory=dict)

    @classmethod
    def build(cls, clean_texts: Iterable[str] = ()) -> RepairContext:
        return cls.from_bigrams(Bigrams.from_texts(clean_texts))

    @classmethod
    def from_bigrams(cls, bigrams: Bigrams) -> RepairContext:
        """From bigrams gathered elsewhere (a batch adds its clean documents one by one)."""
        bigrams.freeze()
        return cls(Lexicon(Counter(bigrams.unigrams)), bigrams)


def _case_like(model: str, word: str) -> str:
    """``word`` in the case pattern of the damaged ``model`` (Title, UPPER or lower)."""
    letters = [c for c in model if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _cheapest(word: str, table: Table, limit: int) -> list[tuple[str, float]]:
    """The ``limit`` cheapest spellings the lower-cased damaged word may stand for under
    ``table``: each character (or two-character stand-in such as "éa") is itself or one of
    its readings. A beam over positions, so a pair and its two single characters both count.
    """
    moves_at: list[list[tuple[int, str, float]]] = []
    ambiguous = False
    for pos, ch in enumerate(word):
        moves: list[tuple[int, str, float]] = []
        if ch in table:
            to, cost = table[ch]
            moves.extend((1, t, cost) for t in to)
            if ch.isalpha() and ch != "é":
                moves.append((1, ch, 0.0))
        else:
            moves.append((1, ch, 0.0))
        pair = word[pos : pos + 2]
        if len(pair) == 2 and pair in table:
            to, cost = table[pair]
            moves.extend((2, t, cost) for t in to)
        ambiguous = ambiguous or len(moves) > 1 or moves[0][1] != ch
        moves_at.append(moves)
    if not ambiguous:
        return [(word, 0.0)]
    beams: list[dict[str, float]] = [{} for _ in range(len(word) + 1)]
    beams[0][""] = 0.0
    for pos, moves in enumerate(moves_at):
        beam = beams[pos]
        if not beam:
            continue
        states = beam.items() if len(beam) <= limit else heapq.nsmallest(limit, beam.items(), itemgetter(1))
        for text, cost in states:
            for step, letters, extra in moves:
                nxt, key = beams[pos + step], text + letters
                total = cost + extra
                if total < nxt.get(key, 99.0):
                    nxt[key] = total
    return sorted(beams[-1].items(), key=itemgetter(1))[:limit]


def _skeleton_readings(word: str, ctx: RepairContext) -> dict[str, float]:
    """Known words the damaged (lower-case) word may stand for, with the confusion cost of each.

    A known word without stand-ins is read only as itself or as the words that differ
    from it in å/ä/ö (one lookup in the skeleton index). Otherwise the strong stand-ins
    (6, &, é, ...) are spelt out first, then the rare weak ones (d or b for ö, ...); for
    each spelling the index gives its å/ä/ö readings. Only when that finds nothing are the
    a/o positions spelt out too and checked with hunspell, which knows compounds.
    """
    cached = ctx._readings_cache.get(word)
    if cached is not None:
        return cached
    out = _find_readings(word, ctx)
    ctx._readings_cache[word] = out
    return out


def _find_readings(word: str, ctx: RepairContext) -> dict[str, float]:
    conf = ctx.confusions
    lex = ctx.lexicon
    out: dict[str, float] = {}

    def add(spelling: str, cost: float, check_compounds: bool = False) -> None:
        # Spellings are checked against the word lists; hunspell (slow on the many
        # spellings that are no word) only for the few cheapest, where compounds hide.
        plain = spelling.translate(SKELETON)
        if lex.listed(spelling) or (check_compounds and lex.known(spelling)):
            out[spelling] = min(out.get(spelling, 99.0), cost)
        for reading in lex.readings(plain):
            extra = _restoration_cost(spelling, reading, conf)
            if extra is not None:
                out[reading] = min(out.get(reading, 99.0), cost + extra)

    strong = any(ch in conf.strong for ch in word)
    if not strong and lex.known(word):
        add(word, 0.0, check_compounds=True)
        if lex.freq.get(word, 0.0) >= RARE_WORD and len(word) > 2:
            return out
        # A rare or two-letter word ("fdr", "dr") may be a common one damaged ("för", "är").
        for spelling, cost in _cheapest(word, conf.rare_and_strong, 24):
            if spelling != word:
                add(spelling, cost)
        return out
    for n, (spelling, cost) in enumerate(_cheapest(word, conf.strong, 16)):
        add(spelling, cost, check_compounds=n < 4)
    if not out:
        for spelling, cost in _cheapest(word, conf.rare_and_strong, 24):
            add(spelling, cost)
    if not out:
        out.update(_compound_readings(word, ctx))
    return out


def _part_readings(part: str, ctx: RepairContext) -> list[str]:
    """Readings of one part of a compound, from wordfreq and the batch only (no hunspell),
    cheapest and then most frequent first. A first part may end in the linking s."""
    cached = ctx._parts_cache.get(part)
    if cached is None:
        cached = ctx._parts_cache[part] = _find_part_readings(part, ctx)
    return cached


def _find_part_readings(part: str, ctx: RepairContext) -> list[str]:
    conf, lex = ctx.confusions, ctx.lexicon
    found: dict[str, float] = {}
    for spelling, cost in _cheapest(part, conf.rare_and_strong, 8):
        if spelling in lex.freq or spelling in lex.batch:
            found[spelling] = min(found.get(spelling, 99.0), cost)
        for reading in lex.readings(spelling.translate(SKELETON)):
            extra = _restoration_cost(spelling, reading, conf)
            if extra is not None:
                found[reading] = min(found.get(reading, 99.0), cost + extra)
    if not found and part.endswith("s") and len(part) > 4:
        return [reading + "s" for reading in _part_readings(part[:-1], ctx)]
    return sorted(found, key=lambda w: (found[w], -lex.freq.get(w, 0.0)))[:3]


def _compound_readings(word: str, ctx: RepairContext, limit: int = 3, depth: int = 0) -> dict[str, float]:
    """Readings of a damaged compound ("rambestéliningens"): split it in two where both
    parts have readings in the index, join them, and let hunspell (which knows compounds)
    confirm the whole. A few dictionary lookups instead of hundreds of hunspell calls over
    every spelling. The cost is that of restoring the letters that changed."""
    lex, conf = ctx.lexicon, ctx.confusions
    if lex.hunspell is None or len(word) < (5 if depth else 7):
        return {}
    found: dict[str, float] = {}
    for i in range(2, len(word) - 2):
        left = _part_readings(word[:i], ctx)
        right = _part_readings(word[i:], ctx) if left else []
        if left and not right and depth == 0:
            # A three-part compound: the rest is a compound of its own.
            right = list(_compound_readings(word[i:], ctx, limit=2, depth=1))
        for lw in left:
            for rw in right:
                joined = lw + rw
                if joined != word and joined not in found and (depth or lex.known(joined)):
                    changed = sum(a != b for a, b in zip(word, joined, strict=False))
                    found[joined] = changed * max(c for _, c in conf.vowels.values())
        if len(found) >= limit:
            break
    return found


def _restoration_cost(spelling: str, reading: str, conf: Confusions) -> float | None:
    """Cost of reading ``spelling`` as ``reading``: one weak cost per restored letter."""
    if len(spelling) != len(reading):
        return None
    cost = 0.0
    for a, b in zip(spelling, reading, strict=True):
        if a == b:
            continue
        to, c = conf.weak.get(a, ((), 0.0))
        if b not in to:
            return None
        cost += c
    return cost


def _choose(word: str, left: str | None, right: str | None, ctx: RepairContext) -> tuple[str, float] | None:
    """The best reading of a damaged (lower-case) word between its neighbours, with its
    score margin over keeping the word as it is; None when nothing better is known."""
    readings = _skeleton_readings(word, ctx)
    if not readings or (len(readings) == 1 and word in readings):
        return None  # nothing to choose: most words of any text
    key = (word, left, right)
    if key in ctx._choice_cache:
        return ctx._choice_cache[key]
    conf = ctx.confusions
    lex, grams = ctx.lexicon, ctx.bigrams

    def score(reading: str, cost: float) -> float:
        return lex.log_prob(reading) + conf.context_weight * grams.association(left, reading, right) - cost

    scored = sorted(((score(r, c), r) for r, c in readings.items()), reverse=True)
    best_score, best = scored[0]
    result = None
    if best != word:
        if word in readings:
            margin = best_score - score(word, readings[word])
            if margin >= conf.keep_known_margin:
                result = (best, margin)
        else:
            runner_up = scored[1][0] if len(scored) > 1 else best_score - 9
            result = (best, best_score - runner_up)
    ctx._choice_cache[key] = result
    return result


def _provisional(word: str, ctx: RepairContext) -> str:
    """A word's best reading without context, to serve as a neighbour's context."""
    choice = _choose(word, None, None, ctx)
    return choice[0] if choice else word


def repair_line(
    line: str, ctx: RepairContext, lineno: int = 0, page: int | None = None
) -> tuple[str, list[Repair]]:
    """One line with its damaged words restored, and the repairs made.

    Each word is chosen between its already repaired left neighbour and the provisional
    (context-free) reading of its right neighbour.
    """
    conf = ctx.confusions
    spans = [(m.start(), m.end(), m.group(), m["word"] is not None) for m in conf.token.finditer(line)]
    context = [context_word(t) if not is_word else t.lower() for _, _, t, is_word in spans]
    out = []
    repairs: list[Repair] = []
    last = 0
    left: str | None = None
    for i, (start, end, token, is_word) in enumerate(spans):
        out.append(line[last:start])
        last = end
        if not is_word:
            out.append(token)
            left = context[i]
            continue
        replacement = conf.tokens.get(token)
        score = None
        if replacement is None and not _CODE.match(token):
            lower = token.lower()
            readings = _skeleton_readings(lower, ctx)
            choice = None
            right = context[i + 1] if i + 1 < len(spans) else None
            if readings and not (len(readings) == 1 and lower in readings):
                # The right neighbour's context-free reading, only when there is a choice.
                if right is not None and spans[i + 1][3]:
                    right = _provisional(right, ctx)
                choice = _choose(lower, left, right, ctx)
            if token[:2].istitle() and token[0] == "I" and not ctx.lexicon.known(lower):
                # A capital I printed for a small l ("Iokalen" for "lokalen").
                as_l = _choose("l" + lower[1:], left, right, ctx) or ("l" + lower[1:], 9.0)
                if ctx.lexicon.known(as_l[0]):
                    choice = as_l
            if choice is not None:
                model = token
                i_for_l = token[:2].istitle() and token[0] == "I" and choice[0][0] == "l"
                if _inner_capitals(token) or i_for_l:
                    model = lower  # capitals inside a word, or the I for l, are OCR noise
                replacement = _case_like(model, choice[0])
                score = round(choice[1], 3)
        if replacement is not None and replacement != token:
            repairs.append(Repair(lineno, page, token, replacement, "ocr_word", score))
            out.append(replacement)
            left = replacement.lower()
        else:
            out.append(token)
            left = token.lower()
    out.append(line[last:])
    text = "".join(out)
    fixed = _YEARS.sub(_year_span, text)
    if fixed != text:
        repairs.append(Repair(lineno, page, text, fixed, "ocr_year_span", None))
    return fixed, repairs


def _inner_capitals(token: str) -> bool:
    return token[:1].islower() and any(c.isupper() for c in token[1:])


def _year_span(match: regex.Match) -> str:
    first, second = int(match[1]), int(match[2])
    return f"{match[1]}-{match[2]}" if 0 < second - first <= 30 else match.group()


def repair_text(text: str, context: RepairContext | None = None) -> tuple[str, list[Repair]]:
    """A damaged text with its words restored, line breaks kept, and the repairs made."""
    ctx = context or RepairContext.build()
    lines = text.split("\n")
    repairs: list[Repair] = []
    out = []
    for n, line in enumerate(lines, start=1):
        fixed, made = repair_line(line, ctx, n)
        out.append(fixed)
        repairs.extend(made)
    return "\n".join(out), repairs


__all__ = ["RepairContext", "load_confusions", "repair_line", "repair_text", "skeleton", "tokens"]
