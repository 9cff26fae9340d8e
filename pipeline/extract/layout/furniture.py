"""Page furniture on laid-out pages: what stands in the top or bottom band of the page with
the same text (digits aside) on most pages, or what the furniture rules know
(``pipeline.template.furniture``). It is left out; the page number comes from the page.
"""

from __future__ import annotations

from collections import Counter

import regex

from pipeline.extract.layout.lines import TextLine
from pipeline.extract.page import PageWords
from pipeline.lang.sv.fold import skeleton
from pipeline.rules import Rules
from pipeline.template.furniture import is_furniture

# Top and bottom bands of a page where headers and footers stand (share of the height).
BAND = 0.11
_DIGITS = regex.compile(r"\d+")


def _furniture_key(line: TextLine) -> str:
    return _DIGITS.sub("#", skeleton(line.text))


def _in_band(line: TextLine, page: PageWords) -> bool:
    return line.bottom < BAND * page.height or line.top > (1 - BAND) * page.height


def furniture_keys(pages: list[PageWords], lines_by_page: list[list[TextLine]]) -> set[str]:
    """Texts (digits as #) that stand in a page's top or bottom band on most pages."""
    counts: Counter[str] = Counter()
    for page, lines in zip(pages, lines_by_page, strict=True):
        counts.update({_furniture_key(line) for line in lines if _in_band(line, page)})
    need = max(2, len(pages) // 2)
    return {key for key, n in counts.items() if n >= need} if len(pages) >= 2 else set()


def is_page_furniture(line: TextLine, page: PageWords, repeated: set[str], rules: Rules) -> bool:
    """Is ``line`` furniture: in a band with a text of ``repeated`` (``furniture_keys``), or
    known to the furniture rules?"""
    if _in_band(line, page) and _furniture_key(line) in repeated:
        return True
    return is_furniture(line.text.strip(), rules)
