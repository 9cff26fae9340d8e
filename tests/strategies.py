"""Hypothesis strategies shared by the property tests: real input, mutated."""

from __future__ import annotations

from hypothesis import strategies as st

LINE_EDITS = ("drop", "dup", "swap", "cut", "join", "insert")


@st.composite
def mutated_lines(draw, lines: list[str], max_edits: int, extra_edits: tuple[str, ...] = ()) -> list[str]:
    """``lines`` after up to ``max_edits`` random edits: lines dropped, doubled, swapped, cut
    in two, joined, random text inserted, and any ``extra_edits`` ("strip": trailing space
    lost; "glyph": an OCR icon glyph put before the line)."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, max_edits))):
        op = draw(st.sampled_from(LINE_EDITS + extra_edits))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            k = draw(st.integers(0, len(lines[i])))
            lines[i : i + 1] = [lines[i][:k], lines[i][k:]]
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + lines[i + 1]]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=80)))
        elif op == "strip":
            lines[i] = lines[i].rstrip()
        elif op == "glyph":
            lines[i] = draw(st.sampled_from(("|", "¢", "c", "€", "¥J"))) + " " + lines[i]
    return lines
