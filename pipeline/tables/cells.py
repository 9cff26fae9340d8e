"""Table text as it comes from a text export: fragments of cells, one per line.

A cell that wraps continues on the next line; see ``pipeline.text.join_wrapped`` for how
wrapped lines are joined.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.model import Line
from pipeline.rules import Rules
from pipeline.text import join_wrapped

#: A table's comment row ("Kommentar: ..."), its text in ``rest``.
COMMENT = regex.compile(r"^Kommentar\s*:?\s*(?P<rest>.*)$", regex.IGNORECASE)
#: A cell's text that ends a sentence (a comment or a name, not a value).
SENTENCE_END = regex.compile(r"[.!?]$")


@dataclass(frozen=True)
class Fragment:
    text: str  # stripped, inner spacing kept (a double space marks an empty cell)
    raw: str
    block: int  # index of the run of non-blank lines it belongs to
    line: Line


def fragments(lines: list[Line]) -> list[Fragment]:
    out: list[Fragment] = []
    block = 0
    previous_blank = False
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            previous_blank = True
            continue
        if previous_blank and out:
            block += 1
        previous_blank = False
        out.append(Fragment(stripped, line.text, block, line))
    return out


def join_fragments(frags: list[Fragment], marks_word_cuts: bool) -> str:
    """Fragments joined into one string; inner double spaces survive, cut words are healed."""
    return join_wrapped([f.raw for f in frags], marks_word_cuts)


def strip_glyph(text: str, rules: Rules) -> str:
    """Drop an icon glyph (or its OCR remains) printed before a row's first word, and put back
    a first letter OCR misread ("| varje" -> "I varje"): a row's text opens with a capital."""
    head, _, rest = text.partition(" ")
    if rest and head in rules.glyphs and rest[:1].isupper():
        return rest.lstrip()
    letter = rules.row_start_letters.get(head)
    if rest and letter and rest[:1].islower():
        return f"{letter} {rest.lstrip()}"
    return text


def strip_stray_glyph(text: str, rules: Rules) -> str:
    """Drop a symbol glyph an OCR pass left at the start of a row's later line ("¢ upplever"):
    the icon stood beside the whole row. Letter glyphs ("c", "v") stay: there they may be words."""
    stripped = text.lstrip()
    head, _, rest = stripped.partition(" ")
    if rest.strip() and head in rules.glyphs and not head.isalpha():
        return rest
    return text
