"""Formats without fixed pages (Word, OpenDocument, HTML): pages stay unknown, never estimated."""

from __future__ import annotations

from pipeline.model import Line
from pipeline.rules import load_rules
from pipeline.segment.pages import strip_page_furniture

LINES = [
    Line("Inledning", 1),
    Line("Tjänsteutlåtande", 2),
    Line("Sid 2 (5)", 3),
    Line("Enheten arbetar med trygghet.", 4),
    Line(" Nästa sida börjar här.", 5),
]


def test_pages_are_estimated_for_text_exports() -> None:
    paged = strip_page_furniture(LINES, load_rules())
    assert paged.n_pages == 5 and [ln.page for ln in paged.lines][-1] is not None


def test_pages_stay_unknown_without_fixed_pages() -> None:
    paged = strip_page_furniture(LINES, load_rules(), estimate_pages=False)
    assert paged.n_pages is None and {ln.page for ln in paged.lines} == {None}
    assert "Sid 2 (5)" in [ln.text for ln in paged.furniture]
