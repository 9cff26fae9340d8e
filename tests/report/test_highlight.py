"""Repaired words marked in place, everything else escaped."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.report.highlight import Highlighter, changed_words


def test_word_repairs_are_marked_with_what_stood_there():
    mark = Highlighter([("Hégerstens", "Hägerstens", "ocr_word"), ("for", "för", "ocr_word")])
    out = mark("Hägerstens hemtjänst arbetar för att")
    assert out.count("<mark") == 2
    assert 'title="repaired from &#x27;Hégerstens&#x27; (ocr_word, 1×)"' in out
    assert ">för</mark>" in out
    assert mark.marked == 2


def test_only_whole_words_are_marked():
    mark = Highlighter([("for", "för", "ocr_word")])
    assert "<mark" not in mark("förvaltningen förebygger")
    assert mark("för, för.").count("<mark") == 2


def test_line_repairs_mark_the_words_that_changed():
    assert changed_words("\uf0b7 12 mars, Bagarmossen", "• 12 mars, Bagarmossen") == [("\uf0b7", "•")]
    assert changed_words("GÃ¶r det", "Gör det") == [("GÃ¶r", "Gör")]
    assert changed_words("same line", "same line") == []
    mark = Highlighter([("\uf0b7 12 mars", "• 12 mars", "character_map")])
    assert "<mark" in mark("• 12 mars") and "12 mars" in mark("• 12 mars")


def test_text_is_escaped_and_marks_cannot_be_injected():
    mark = Highlighter([("<b>", "<script>", "ocr_word")])
    out = mark('<script>alert("x")</script> & "quotes"')
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out


@settings(deadline=None)
@given(st.text(max_size=200), st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), max_size=5))
def test_marking_never_changes_the_text(text: str, repairs: list[tuple[str, str]]):
    mark = Highlighter([(a, b, "ocr_word") for a, b in repairs])
    stripped = re.sub(r"<mark [^>]*>|</mark>", "", mark(text))
    assert html.unescape(stripped) == text
