"""Test sets for the OCR repair stage: pairs of (damaged, clean) paragraphs.

Set 1 is real damage: the OCR output ``003`` of ``../shared`` against the clean plans of the
same year (``000``, ``001``). The committee's boilerplate recurs verbatim in every plan of a
year, so many paragraphs of 003 have a clean twin. Set 2 is synthetic damage (the model of
``plans_dev.synth.damage``, fitted on set 1) applied to a plan of another unit and year
(``002``, 2023), so that a repair tuned on set 1 is also tried on text it has not seen.

Pairing rule (set 1). A damaged paragraph is paired with the clean text that says the same
words, found by comparing word *skeletons* (``skeleton``): the damaged paragraph's N words
are compared position by position with every window of N consecutive words of a clean
plan's word stream (paragraph breaks of the clean plan do not matter: 000 and 001 mark
them too unreliably to be cut the same way). A pair is kept only if

- the window has the same number of words (by construction) and at least 90 % of the words
  are equal: same skeleton, and not one capitalised where the other is not ("Stadens" is no
  twin of "stadens" in mid-sentence), and
- the best window is unambiguous: every window with the best score says the same clean text.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from pipeline.extract import extract
from pipeline.lang.sv.fold import damage_skeleton
from pipeline.model import Line, SourceDocument
from pipeline.rules import Rules, load_rules
from pipeline.template.furniture import furniture_flags
from pipeline.text import collapse_ws, join_wrapped
from plans_dev.measure.wer import words
from plans_dev.paths import SAMPLES_DIR, SHARED
from plans_dev.synth.damage import DamageModel, damage_text, load_model

MIN_EQUAL = 0.90  # share of equal word skeletons for a pair to count
_MAX_CANDIDATES = 30  # windows verified per paragraph (the most promising by rare-word votes)
_RARE = 40  # a skeleton seen at most this often in a clean plan is an anchor


@dataclass(frozen=True)
class ParagraphPair:
    damaged: str
    clean: str
    source_damaged: str
    source_clean: str

    @property
    def n_words(self) -> int:
        """Reference words, as the WER counts them."""
        return len(words(self.clean))


# --- skeletons -------------------------------------------------------------------------

#: A word reduced so that its damaged and clean forms agree ("6kad"/"ökad" -> "k").
skeleton = damage_skeleton


# --- paragraphs ------------------------------------------------------------------------

_FOLD = str.maketrans("åäàáâöøóòéèêÅÄÀÁÂÖØÓÒÉÈÊ", "aaaaaooooeeeAAAAAOOOOEEE")
_DEBRIS = regex.compile(r"tj[a-z]nsteutl[a-z]tande\s*$", regex.IGNORECASE)  # "ety Tjansteutlatande"
_DEBRIS_MAX_LEN = 40


def fold(text: str) -> str:
    """å/ä -> a, ö -> o, é -> e: the form in which clean and damaged furniture look alike."""
    return text.translate(_FOLD)


@cache
def _folded_rules() -> Rules:
    rules = load_rules()
    return dataclasses.replace(
        rules,
        furniture_line=regex.compile(fold(rules.furniture_line.pattern), rules.furniture_line.flags),
        page_number=regex.compile(fold(rules.page_number.pattern), rules.page_number.flags),
    )


def furniture(lines: Sequence[str]) -> list[bool]:
    """Page furniture ("Sid 12 (22)", "start.stockholm", "Tjänsteutlåtande", an address), also
    in the damaged forms OCR gives it ("ety Tjansteutlatande", "gEnghOlmS Sid 15 (31)")."""
    folded = [Line(fold(text), i + 1) for i, text in enumerate(lines)]
    flags = furniture_flags(folded, _folded_rules())
    for i, line in enumerate(folded):
        stripped = line.text.strip()
        if not flags[i] and stripped and len(stripped) <= _DEBRIS_MAX_LEN and _DEBRIS.search(stripped):
            flags[i] = True
    return flags


def _marks_word_cuts(lines: Sequence[str]) -> bool:
    return SourceDocument("", "", "text", "text", [Line(t, i) for i, t in enumerate(lines)]).marks_word_cuts


def _interleaved(lines: Sequence[str]) -> bool:
    """Is (almost) every line of text followed by an empty line? (000, 001: then an empty line
    is layout, and only a line of spaces or two empty lines end a paragraph.)"""
    texts = [i for i, t in enumerate(lines[:-1]) if t.strip()]
    return len(texts) >= 10 and sum(lines[i + 1] == "" for i in texts) >= 0.8 * len(texts)


def paragraphs(lines: Sequence[str]) -> list[str]:
    """A document's paragraphs: lines joined (words cut at a line end healed), whitespace collapsed.

    A paragraph ends at a blank line and after a short line (one that stops well before the
    right margin: a heading, a list item, the last line of a paragraph), because 000-002 do
    not separate paragraphs by blank lines. Page furniture is dropped; a paragraph that a
    page break cut in two (no sentence end before the furniture, a lower-case word after
    it) is joined again.
    """
    lines = [line.rstrip("\r\n") for line in lines]
    flags = furniture(lines)
    interleaved = _interleaved(lines)
    marks = _marks_word_cuts(lines)
    lengths = [len(t.strip()) for t, f in zip(lines, flags, strict=True) if t.strip() and not f]
    if not lengths:
        return []
    full = statistics.quantiles(lengths, n=10)[-1] if len(lengths) >= 10 else max(lengths)
    short = 0.6 * full

    blocks: list[list[str]] = []
    current: list[str] = []
    open_end = False  # the last block ended at a blank line or furniture, not after a short line
    after_furniture = False
    empties = 0

    def close(short_end: bool) -> None:
        nonlocal current, open_end
        if current:
            blocks.append(current)
            current = []
            open_end = not short_end

    for text, is_furniture in zip(lines, flags, strict=True):
        if is_furniture:
            after_furniture = True
            continue
        if not text.strip():
            empties += 1
            if not interleaved or text != "" or empties >= 2:
                close(short_end=False)
            continue
        empties = 0
        if after_furniture:  # a page break: the paragraph before it may go on here
            if not current and blocks and open_end and _continues(blocks[-1][-1], text):
                current = blocks.pop()
            elif current and not _continues(current[-1], text):
                close(short_end=False)
        after_furniture = False
        current.append(text)
        if len(text.strip()) < short and not text.rstrip().endswith(("-", ",")):
            close(short_end=True)
    close(short_end=False)

    out = []
    for block in blocks:
        paragraph = collapse_ws(join_wrapped(block, marks))
        if paragraph:
            out.append(paragraph)
    return out


def _continues(previous: str, text: str) -> bool:
    """Does ``text`` go on with the sentence that ``previous`` left open (across a page break)?"""
    return not previous.rstrip().endswith((".", ":", "!", "?")) and text.strip()[:1].islower()


def read_lines(path: Path) -> list[str]:
    """A file's lines, decoded the way the pipeline decodes them."""
    return [line.text for line in extract(Path(path)).lines]


def read_text(path: Path) -> str:
    return "\n".join(read_lines(path))


# --- pairing ---------------------------------------------------------------------------


@dataclass
class _Stream:
    """A clean plan as one sequence of words, with an index from skeleton to positions."""

    name: str
    tokens: list[str]
    skeletons: list[str]
    cases: list[bool | None]
    where: dict[str, list[int]]

    @classmethod
    def of(cls, name: str, paras: Sequence[str]) -> _Stream:
        tokens = [token for p in paras for token in p.split()]
        skeletons = [skeleton(t) for t in tokens]
        where: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(skeletons):
            where[s].append(i)
        return cls(name, tokens, skeletons, [_case(t) for t in tokens], dict(where))


def _case(token: str) -> bool | None:
    """Is the word capitalised? ``None`` when it starts with no letter ("6kad", "|")."""
    return token[0].isupper() if token[:1].isalpha() else None


def _best_windows(tokens: list[str], stream: _Stream) -> list[tuple[int, int]]:
    """(matches, start) of the candidate windows of ``stream`` for a paragraph of ``tokens``."""
    n = len(tokens)
    skels = [skeleton(t) for t in tokens]
    cases = [_case(t) for t in tokens]
    anchors = [k for k, s in enumerate(skels) if 0 < len(stream.where.get(s, ())) <= _RARE]
    if not anchors:
        anchors = list(range(n))
    votes: dict[int, int] = defaultdict(int)
    for k in anchors:
        for q in stream.where.get(skels[k], ()):
            start = q - k
            if 0 <= start <= len(stream.tokens) - n:
                votes[start] += 1
    ranked = sorted(votes, key=lambda s: (-votes[s], s))[:_MAX_CANDIDATES]
    out = []
    for start in ranked:
        window = zip(
            skels, cases, stream.skeletons[start : start + n], stream.cases[start : start + n], strict=True
        )
        equal = sum(a == b and (ca is None or cb is None or ca == cb) for a, ca, b, cb in window)
        out.append((equal, start))
    return out


def pair_paragraphs(
    damaged: Sequence[str],
    clean: dict[str, Sequence[str]],
    source_damaged: str,
    min_equal: float = MIN_EQUAL,
) -> list[ParagraphPair]:
    """Pair each damaged paragraph with the clean text that says the same words (module docstring)."""
    streams = [_Stream.of(name, paras) for name, paras in clean.items()]
    pairs = []
    for paragraph in damaged:
        tokens = paragraph.split()
        n = len(tokens)
        if not n:
            continue
        found: list[tuple[int, str, str]] = []  # (equal, clean text, source)
        for stream in streams:
            for equal, start in _best_windows(tokens, stream):
                if equal >= min_equal * n:
                    found.append((equal, " ".join(stream.tokens[start : start + n]), stream.name))
        if not found:
            continue
        best = max(equal for equal, _, _ in found)
        texts = {(text, source) for equal, text, source in found if equal == best}
        if len({text for text, _ in texts}) != 1:
            continue  # ambiguous: windows that look alike say different things
        text, source = min(texts)
        pairs.append(ParagraphPair(paragraph, text, source_damaged, source))
    return pairs


# --- the two test sets -----------------------------------------------------------------


def corpus_file(prefix: str, shared: Path = SHARED) -> Path:
    """The file of ../shared/corpus/text whose name starts with ``prefix`` ("000", ...)."""
    found = sorted((shared / "corpus" / "text").glob(f"{prefix}_*.txt"))
    if not found:
        raise FileNotFoundError(f"{shared}/corpus/text/{prefix}_*.txt")
    return found[0]


def real_pairs(shared: Path = SHARED) -> list[ParagraphPair]:
    """Test set 1: paragraphs of the OCR output 003 with their clean twins in 000/001."""
    damaged_path = corpus_file("003", shared)
    clean_paths = [corpus_file(p, shared) for p in ("000", "001")]
    clean = {path.name: paragraphs(read_lines(path)) for path in clean_paths}
    return pair_paragraphs(paragraphs(read_lines(damaged_path)), clean, damaged_path.name)


def synthetic_pairs(
    clean_paragraphs: Sequence[str], model: DamageModel, seed: int, source: str = "clean"
) -> list[ParagraphPair]:
    """Test set 2: the damage model applied to clean paragraphs (paragraph i drawn from seed, i)."""
    pairs = []
    for i, paragraph in enumerate(clean_paragraphs):
        damaged = damage_text(paragraph, model, seed * 100_003 + i)
        pairs.append(ParagraphPair(damaged, paragraph, f"{source}#damage(seed={seed})", source))
    return pairs


def synthetic_set(
    shared: Path = SHARED, model: DamageModel | None = None, seed: int = 2023
) -> list[ParagraphPair]:
    """Test set 2 on 002 (another unit, 2023) with the committed damage model."""
    path = corpus_file("002", shared)
    paras = [p for p in paragraphs(read_lines(path)) if words(p)]
    return synthetic_pairs(paras, model or load_model(), seed, path.name)


# --- what the repair may learn from ---------------------------------------------------


def clean_samples() -> list[str]:
    """The bundled samples, except those made to look like OCR output ("..._ocr.txt")."""
    return [read_text(p) for p in sorted(SAMPLES_DIR.glob("*.txt")) if "ocr" not in p.stem.lower()]


def context_set1(shared: Path = SHARED) -> list[str]:
    """Clean plans of 003's year: 000 and 001."""
    return [read_text(corpus_file(p, shared)) for p in ("000", "001")]


def context_set2(shared: Path = SHARED) -> list[str]:
    """For 002 (2023): the other clean plans and the bundled samples, never 002 itself."""
    return context_set1(shared) + clean_samples()


def context_clean(prefix: str, shared: Path = SHARED) -> list[str]:
    """For the clean-plan check of ``prefix``: the other clean plans and the samples."""
    others = [read_text(corpus_file(p, shared)) for p in ("000", "001", "002") if p != prefix]
    return others + clean_samples()


def size(pairs: Sequence[ParagraphPair]) -> tuple[int, int]:
    """(pairs, reference words)."""
    return len(pairs), sum(p.n_words for p in pairs)
