"""Repair stage: make damaged text read as it was written, and record every change.

Every line: mojibake (UTF-8 read as cp1252/latin-1, once or twice, through ftfy), Unicode
normalisation, and characters that PDF exports print in place of ordinary ones.
Pages that an OCR pass damaged (``damage.measure``): words with lost å/ä/ö restored from
the lexicon and the context of clean text (``ocr``). A clean page is not touched.
Text an OCR engine read (``SourceDocument.extraction`` names it): words with a letter read
as another of its shape ("stadshämndens") put back where the lexicon knows them (``slips``).
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

import regex

from pipeline.lang.sv.damage import Damage, measure
from pipeline.lang.sv.mojibake import fix_mojibake, redecode, suspect_characters
from pipeline.model import Line, Repair, SourceDocument
from pipeline.repair import hyphens
from pipeline.repair.characters import replace_characters
from pipeline.repair.ocr import RepairContext, repair_line
from pipeline.repair.slips import document_words, repair_slips
from pipeline.rules import Rules, load_rules

# Combining marks: a letter and its accent stored apart (not NFC).
_NOT_NFC = regex.compile(r"\p{M}")
# Text exports carry no page breaks: damage is judged over blocks of this many lines.
BLOCK_LINES = 60


@dataclass
class Repaired:
    source: SourceDocument
    repairs: list[Repair]
    damage: Damage  # of the whole document, before repair


@cache
def default_context() -> RepairContext:
    """Lexicon only, for a damaged document repaired without clean plans beside it."""
    return RepairContext.build()


def _pages(lines: list[Line]) -> list[list[int]]:
    """Line indices grouped by page (or by block of lines where pages are unknown)."""
    groups: dict[object, list[int]] = {}
    for i, line in enumerate(lines):
        key = line.page if line.page is not None else ("block", i // BLOCK_LINES)
        groups.setdefault(key, []).append(i)
    return list(groups.values())


def _lines_to_fix(lines: list[Line], rules: Rules) -> list[int]:
    """The lines that hold a character mojibake is made of, one the character map replaces,
    or one not in NFC: found in one pass over the whole text, so that a clean document
    costs almost nothing here."""
    whole = "\n".join(line.text for line in lines)
    if whole.isascii():
        return []
    starts = list(itertools.accumulate((len(line.text) + 1 for line in lines), initial=0))
    hits = {m.start() for m in suspect_characters(rules).finditer(whole)}
    if not unicodedata.is_normalized("NFC", whole):
        hits |= {m.start() for m in _NOT_NFC.finditer(whole)}
    return sorted({bisect.bisect_right(starts, pos) - 1 for pos in hits})


def _rewrite(line: Line, fix: Callable[[str], str]) -> Line:
    """The line with ``fix`` applied to its text, or, for a table row, to each of its cells
    (the row keeps its cells, and its text follows them)."""
    if line.cells is None:
        text = fix(line.text)
        return line if text == line.text else replace(line, text=text)
    cells = tuple(fix(cell) for cell in line.cells)
    return line if cells == line.cells else replace(line, text="  ".join(cells), cells=cells)


def _redecode_leftovers(lines: list[Line], repairs: list[Repair]) -> None:
    """In a document with mojibake, lines ftfy left alone are read back too."""
    for i, line in enumerate(lines):
        if not line.text.isascii():
            fixed = redecode(line.text)
            if fixed is not None and fixed != line.text:
                repairs.append(Repair(line.lineno, line.page, line.text, fixed, "mojibake_redecode"))
                lines[i] = _rewrite(line, lambda t: redecode(t) or t)


def repair(
    source: SourceDocument,
    rules: Rules | None = None,
    context: RepairContext | None = None,
    force: bool = False,
) -> Repaired:
    """The document with repaired lines, the repairs made (line by line), and its damage.
    ``force`` repairs words on every page, whatever the damage check says."""
    rules = rules or load_rules()
    repairs: list[Repair] = []
    lines = list(source.lines)
    for i in _lines_to_fix(lines, rules):
        line = lines[i]

        def fix_characters(text: str, line: Line = line) -> str:
            for fix in (fix_mojibake, lambda t: replace_characters(t, rules)):
                fixed, rule = fix(text)
                if fixed != text:
                    repairs.append(Repair(line.lineno, line.page, text, fixed, rule))
                    text = fixed
            return text

        lines[i] = _rewrite(line, fix_characters)
    if any(r.rule == "mojibake_ftfy" for r in repairs):
        _redecode_leftovers(lines, repairs)

    # Exports that end every line with a space mark cut words themselves (segment joins
    # them); the others (OCR output) get their hyphenated words joined here.
    if not source.marks_word_cuts and hyphens.candidates(lines):
        repairs.extend(hyphens.join_hyphenated(lines, (context or default_context()).lexicon.known))
    if any("\ufffe" in line.text or "och" in line.text for line in lines):
        repairs.extend(hyphens.restore_removed_hyphens(lines, (context or default_context()).lexicon.known))

    if "ocr" in source.extraction:
        ctx = context or default_context()
        seen = document_words(line.text for line in lines)
        for i, line in enumerate(lines):

            def fix_slips(text: str, line: Line = line, ctx: RepairContext = ctx) -> str:
                fixed, made = repair_slips(text, ctx, seen, line.lineno, line.page)
                repairs.extend(made)
                return fixed

            lines[i] = _rewrite(line, fix_slips)

    damage = measure("\n".join(line.text for line in lines))
    if damage.score > 0 or force:
        for group in _pages(lines):
            page_damage = measure("\n".join(lines[i].text for i in group))
            if not (force or page_damage.damaged or (damage.damaged and page_damage.letters < 400)):
                continue
            ctx = context or default_context()
            for i in group:
                line = lines[i]

                def fix_words(text: str, line: Line = line, ctx: RepairContext = ctx) -> str:
                    fixed, made = repair_line(text, ctx, line.lineno, line.page)
                    repairs.extend(made)
                    return fixed

                lines[i] = _rewrite(line, fix_words)
    boxes = {line.lineno: line.box for line in lines if line.box is not None}
    if boxes:  # where each repair stands on its page: its line's box
        for made in repairs:
            made.box = boxes.get(made.lineno)
    return Repaired(replace(source, lines=lines), repairs, damage)


__all__ = ["RepairContext", "Repaired", "default_context", "repair"]
