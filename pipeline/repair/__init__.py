"""Repair stage: make damaged text read as it was written, and record every change.

For now: mojibake (UTF-8 read as cp1252/latin-1, once or twice) through ftfy, Unicode
normalisation, and characters that PDF exports print in place of ordinary ones.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.model import Repair, SourceDocument
from pipeline.repair.characters import replace_characters
from pipeline.repair.mojibake import fix_mojibake
from pipeline.rules import Rules, load_rules


def repair(source: SourceDocument, rules: Rules | None = None) -> tuple[SourceDocument, list[Repair]]:
    """The document with repaired lines, and the list of repairs made (line by line)."""
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
    return replace(source, lines=lines), repairs
