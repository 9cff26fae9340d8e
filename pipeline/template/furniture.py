"""Page furniture: the header and footer lines of a plan's pages, told by the rules.

"Tjänsteutlåtande", "Sid 12 (22)", "start.stockholm", an address, a phone number: lines
that stand on every page and are no part of the plan. The extract stage leaves them out of
laid-out pages, the segment stage out of text exports; both ask this module.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import regex

from pipeline.lang.sv.fold import skeleton
from pipeline.model import Line
from pipeline.rules import Rules
from pipeline.template.lines import Kind, classify
from pipeline.text import collapse_ws

_DATE = regex.compile(r"\d{4}-\d{2}-\d{2}")
# A layout export prints a page header's pieces on one line, far apart ("Tjänsteutlåtande
# <spaces> Sid 4 (11)"): a line whose pieces are all furniture is furniture.
_WIDE_GAP = regex.compile(r"\s{4,}")


def is_furniture(stripped: str, rules: Rules) -> bool:
    """Does the furniture rules' pattern or the page-number pattern match this (stripped) line,
    or each of its pieces printed far apart?"""
    if not stripped:
        return False
    if _WIDE_GAP.search(stripped):
        return all(_is_furniture_piece(piece, rules) for piece in _WIDE_GAP.split(stripped))
    return _is_furniture_piece(stripped, rules)


def _is_furniture_piece(stripped: str, rules: Rules) -> bool:
    if not stripped or len(stripped) > max(rules.furniture_max_len, rules.page_number_max_len):
        return False
    if len(stripped) <= rules.furniture_max_len and rules.furniture_line.match(stripped):
        return True
    return len(stripped) <= rules.page_number_max_len and rules.page_number.search(stripped) is not None


@cache
def _header_words(rules: Rules) -> frozenset[str]:
    """The first words of the tables' column headers: a table that opens a page stands
    beside its header furniture at many page breaks."""
    return frozenset(c.header for columns in rules.table_columns.values() for c in columns)


def _furniture_sides(flags: list[bool], lines: list[Line], i: int) -> int:
    """On how many sides of line i (0-2) is the nearest non-blank line furniture?"""
    sides = 0
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text.strip():
            j += step
        sides += 0 <= j < len(lines) and flags[j]
    return sides


def _blocks(flags: list[bool], lines: list[Line]) -> int:
    """How many runs of furniture lines (blank lines inside a run) the text holds."""
    runs, inside = 0, False
    for flag, line in zip(flags, lines, strict=True):
        if flag and not inside:
            runs += 1
        inside = flag or (inside and not line.text.strip())
    return runs


def furniture_flags(lines: list[Line], rules: Rules) -> list[bool]:
    """Which lines are page furniture: those the patterns know, and short lines that stand
    between furniture lines at several page breaks with the same text, or next to furniture
    at half of them (a street address or a logo no pattern knows). Headings and dates never
    count as repeated furniture, nor do a table's column headers."""
    flags = [is_furniture(line.text.strip(), rules) for line in lines]
    if not any(flags):
        return flags
    between: Counter = Counter()
    beside: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        text = collapse_ws(line.text)
        if not text or flags[i] or len(text) > rules.furniture_repeated_max_len or _DATE.search(text):
            continue
        sides = _furniture_sides(flags, lines, i)  # first: most lines stand beside no furniture
        if (
            sides
            and classify(text, rules).kind is Kind.TEXT
            and skeleton(text.split()[0]) not in _header_words(rules)
        ):
            beside.setdefault(text, []).append(i)
            between[text] += sides == 2
    # Beside furniture on one side only (the address line that opens a footer, after the
    # page's last text), the same line must come back at half the page breaks: a value or
    # a word that happens to end two pages of a long plan does not.
    often = max((_blocks(flags, lines) + 1) // 2, rules.furniture_repeated_min)
    for text, where in beside.items():
        if between[text] >= rules.furniture_repeated_min or len(where) >= often:
            for i in where:
                flags[i] = True
    return flags
