"""Page furniture and page numbers in a text stream.

A text export of a PDF mixes each page's header and footer ("Tjänsteutlåtande",
"Sid 12 (22)", "start.stockholm", an address, a phone number) into the running text, often
in the middle of a paragraph. This module drops those lines and gives every remaining line
the page it most likely stood on:

- a form feed from the extractor (``Line.page`` already set) is authoritative;
- a "Sid N (M)" header sets the page to N and the page count to M;
- otherwise a block of furniture, or a line that starts with a single space right after a
  non-blank line (some extractors indent the first line of each page), starts a new page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import regex

from pipeline.model import Line
from pipeline.rules import Rules
from pipeline.segment.lines import Kind, classify
from pipeline.text import collapse_ws

_DATE = regex.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class PagedText:
    lines: list[Line]  # furniture removed, pages assigned
    n_pages: int | None
    furniture: list[Line]  # what was removed, for the record


def is_furniture(stripped: str, rules: Rules) -> bool:
    if not stripped or len(stripped) > max(rules.furniture_max_len, rules.page_number_max_len):
        return False
    if len(stripped) <= rules.furniture_max_len and rules.furniture_line.match(stripped):
        return True
    return len(stripped) <= rules.page_number_max_len and rules.page_number.search(stripped) is not None


def _between_furniture(flags: list[bool], lines: list[Line], i: int) -> bool:
    """Are the nearest non-blank lines before and after line i both furniture?"""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text.strip():
            j += step
        if not (0 <= j < len(lines) and flags[j]):
            return False
    return True


def furniture_flags(lines: list[Line], rules: Rules) -> list[bool]:
    """Which lines are page furniture: those the patterns know, and short lines that stand
    between furniture lines at several page breaks with the same text (a street address or
    a logo no pattern knows). Headings and dates never count as repeated furniture."""
    flags = [is_furniture(line.text.strip(), rules) for line in lines]
    if not any(flags):
        return flags
    beside: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        text = collapse_ws(line.text)
        if (
            text
            and not flags[i]
            and len(text) <= rules.furniture_repeated_max_len
            and not _DATE.search(text)
            and _between_furniture(flags, lines, i)
            and classify(text, rules).kind is Kind.TEXT
        ):
            beside.setdefault(text, []).append(i)
    counts = Counter({text: len(where) for text, where in beside.items()})
    for text, count in counts.items():
        if count >= rules.furniture_repeated_min:
            for i in beside[text]:
                flags[i] = True
    return flags


def _starts_page(raw: str, previous_raw: str | None) -> bool:
    """The page-start hint: one leading space on a line that directly follows text."""
    return (
        len(raw) > 1
        and raw[0] == " "
        and not raw[1].isspace()
        and previous_raw is not None
        and previous_raw.strip() != ""
    )


def strip_page_furniture(lines: list[Line], rules: Rules) -> PagedText:
    has_form_feeds = any(line.page is not None for line in lines)
    page = 1
    n_pages: int | None = None
    kept: list[Line] = []
    removed: list[Line] = []
    in_furniture_block = False
    block_had_number = False
    previous_raw: str | None = None

    flags = furniture_flags(lines, rules)
    for line, furniture in zip(lines, flags, strict=True):
        stripped = line.text.strip()
        if furniture:
            removed.append(line)
            number = rules.page_number.search(stripped)
            if number and not has_form_feeds:
                page = int(number["page"])
                n_pages = max(n_pages or 0, int(number["pages"]))
                block_had_number = True
            in_furniture_block = True
            previous_raw = None
            continue

        if has_form_feeds:
            page = line.page or page
        elif stripped:
            if in_furniture_block:
                if not block_had_number and kept:
                    page += 1
                in_furniture_block = False
                block_had_number = False
            elif _starts_page(line.text, previous_raw):
                page += 1
        kept.append(replace(line, page=page))
        previous_raw = line.text

    if has_form_feeds:
        n_pages = max((line.page or 1) for line in lines) if lines else None
    elif n_pages is None and kept:
        n_pages = max(line.page or 1 for line in kept)
    return PagedText(kept, n_pages, removed)
