"""Cover page and table of contents: read for metadata, never parsed as the plan's body.

The body starts after the last table-of-contents entry when there is a table of contents
(on the page of its heading, where pages are known, any line ending in a page number is one);
otherwise at the first heading, if what stands before it looks like a cover page (a Dnr,
"Handläggare", "Verksamhetsplan 2026" on a line of its own, ...). Text before the first
heading that does not look like a cover page is kept as body.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.model import Line
from pipeline.rules import Rules
from pipeline.template.lines import Kind, classify
from pipeline.text import collapse_ws

_COVER_SIGNS = regex.compile(
    r"^(?:Dnr\b|Handläggare\b|Till\b|Telefon\b|Verksamhets(?:plan|berättelse)\s+(?:år\s+)?\d{4}$"
    r"|Tjänsteutlåtande$|Bilaga\b)",
    regex.IGNORECASE,
)
# How far into a document a table of contents may start.
_TOC_SEARCH_LINES = 400
# A line ending in a page number. On the page of the "Innehållsförteckning" heading (pages
# known: PDFs, scans) every such line is an entry: OCR reads dot leaders as letters
# ("rr rr KK ss 3"), which the rules' leader pattern cannot know.
_ENDS_IN_PAGE_NUMBER = regex.compile(r"[\s.]\d{1,3}\s*$")


@dataclass
class Split:
    front: list[Line]
    body: list[Line]


def _toc_end(lines: list[Line], rules: Rules) -> int | None:
    """Index just past the table of contents, or None when there is none."""
    start = None
    entries = []
    for i, line in enumerate(lines[:_TOC_SEARCH_LINES]):
        text = collapse_ws(line.text)
        if start is None and rules.toc_heading.match(text):
            start = i
        if rules.toc_entry.search(text):
            entries.append(i)
    if start is None and len(entries) < 3:
        return None
    page = lines[start].page if start is not None else None
    if page is not None:
        on_page = [
            i
            for i, line in enumerate(lines[start + 1 : _TOC_SEARCH_LINES], start + 1)
            if line.page == page and _ENDS_IN_PAGE_NUMBER.search(line.text)
        ]
        entries = sorted({*entries, *on_page})
    after = [i for i in entries if start is None or i > start]
    if not after:
        return start + 1 if start is not None else None
    # The table of contents is the run of entries after its heading: stop at the first gap
    # of more than a few lines without an entry (the body has begun).
    last = after[0]
    for i in after[1:]:
        non_blank_between = sum(1 for ln in lines[last + 1 : i] if ln.text.strip())
        if non_blank_between > 3:
            break
        last = i
    return last + 1


def split_front_matter(lines: list[Line], rules: Rules) -> Split:
    end = _toc_end(lines, rules)
    if end is not None:
        return Split(lines[:end], lines[end:])
    for i, line in enumerate(lines):
        kind = classify(line.text, rules).kind
        if kind in (Kind.GOAL, Kind.NARRATIVE_1):
            before = lines[:i]
            if any(_COVER_SIGNS.match(collapse_ws(ln.text)) for ln in before):
                return Split(before, lines[i:])
            break
    return Split([], lines)
