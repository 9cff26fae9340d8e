"""Table text as it comes from a text export: fragments of cells, one per line.

A cell that wraps continues on the next line. Most exports end every line with a space; a
line that does not, followed by a lower-case line, was cut inside a word ("nämnd/styrel" +
"se"), so the two are joined without a space.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Line
from pipeline.rules import Rules


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


def trailing_space_convention(lines: list[Line]) -> bool:
    """Does this export end (almost) every line with a space?"""
    texts = [ln.text for ln in lines if ln.text.strip()]
    return bool(texts) and sum(t.endswith(" ") for t in texts) >= 0.8 * len(texts)


def join_fragments(frags: list[Fragment], trailing_spaces: bool) -> str:
    """Fragments joined into one string; inner double spaces survive, mid-word cuts are healed."""
    out = ""
    for i, frag in enumerate(frags):
        if i == 0:
            out = frag.text
            continue
        previous = frags[i - 1]
        cut_in_word = trailing_spaces and not previous.raw.endswith(" ") and frag.text[:1].islower()
        out += ("" if cut_in_word else " ") + frag.text
    return out


def strip_glyph(text: str, rules: Rules) -> str:
    """Drop an icon glyph (or its OCR remains) printed before a row's first word."""
    head, _, rest = text.partition(" ")
    if rest and head in rules.glyphs and rest[:1].isupper():
        return rest.lstrip()
    return text
