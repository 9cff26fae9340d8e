"""Repair stage: make damaged text read as it was written, and record every change.

Every line: mojibake (UTF-8 read as cp1252/latin-1, once or twice, through ftfy), Unicode
normalisation, and characters that PDF exports print in place of ordinary ones.
Pages that an OCR pass damaged (``damage.measure``): words with lost å/ä/ö restored from
the lexicon and the context of clean text (``ocr``). A clean page is not touched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from pipeline.model import Line, Repair, SourceDocument
from pipeline.repair import hyphens
from pipeline.repair.characters import replace_characters
from pipeline.repair.damage import Damage, measure
from pipeline.repair.mojibake import fix_mojibake, redecode
from pipeline.repair.ocr import RepairContext, repair_line
from pipeline.rules import Rules, load_rules

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


def _redecode_leftovers(lines: list[Line], repairs: list[Repair]) -> None:
    """In a document with mojibake, lines ftfy left alone are read back too."""
    for i, line in enumerate(lines):
        if not line.text.isascii():
            fixed = redecode(line.text)
            if fixed is not None and fixed != line.text:
                repairs.append(Repair(line.lineno, line.page, line.text, fixed, "mojibake_redecode"))
                lines[i] = replace(line, text=fixed)


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
    lines = []
    for line in source.lines:
        text = line.text
        for fix in (fix_mojibake, lambda t: replace_characters(t, rules)):
            fixed, rule = fix(text)
            if fixed != text:
                repairs.append(Repair(line.lineno, line.page, text, fixed, rule))
                text = fixed
        lines.append(replace(line, text=text) if text != line.text else line)
    if any(r.rule == "mojibake_ftfy" for r in repairs):
        _redecode_leftovers(lines, repairs)

    if hyphens.candidates(lines):
        repairs.extend(hyphens.join_hyphenated(lines, (context or default_context()).lexicon.known))

    damage = measure("\n".join(line.text for line in lines))
    if damage.score > 0 or force:
        for group in _pages(lines):
            page_damage = measure("\n".join(lines[i].text for i in group))
            if not (force or page_damage.damaged or (damage.damaged and page_damage.letters < 400)):
                continue
            ctx = context or default_context()
            for i in group:
                line = lines[i]
                fixed, made = repair_line(line.text, ctx, line.lineno, line.page)
                if made:
                    repairs.extend(made)
                    lines[i] = replace(line, text=fixed)
    return Repaired(replace(source, lines=lines), repairs, damage)


__all__ = ["RepairContext", "Repaired", "default_context", "repair"]
