"""Drawn lines found in a scan's picture (``ocr.scan_rulings``): property tests on pictures
drawn here, lines among letter-sized blots."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.ocr.scan_rulings import _MAX_GAP, _bridge, _runs

WIDTH, HEIGHT = 420, 300


def every_row(dark: np.ndarray, min_length: int) -> list[tuple[int, int, int]]:
    """``_runs`` without its shortcut: every row looked at closely."""
    near = _bridge(dark, _MAX_GAP)
    padded = np.zeros((dark.shape[0], dark.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = near
    out = []
    for row, edges in enumerate(np.diff(padded, axis=1)):
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        out += [(row, int(a), int(b)) for a, b in zip(starts, ends, strict=True) if b - a >= min_length]
    return out


line = st.tuples(
    st.integers(0, HEIGHT - 4),  # row
    st.integers(0, WIDTH - 1),  # start
    st.integers(0, WIDTH),  # length (cut at the edge)
    st.integers(1, 3),  # thickness
    st.lists(st.integers(0, WIDTH - 1), max_size=4),  # scanner gaps: a pixel, at least 8 apart
)
# A letter: a stem or a bowl in a cell of a 16 x 32 grid, apart from its neighbours by more
# than a scanner gap.
blot = st.tuples(
    st.integers(0, HEIGHT // 32), st.integers(0, WIDTH // 16), st.integers(2, 12), st.integers(4, 28)
)


def draw(lines: list, blots: list) -> np.ndarray:
    dark = np.zeros((HEIGHT, WIDTH), dtype=bool)
    for row, column, width, height in blots:
        dark[32 * row : 32 * row + height, 16 * column : 16 * column + width] = True
    for row, start, length, thickness, gaps in lines:
        dark[row : row + thickness, start : start + length] = True
        kept = sorted(gaps)
        for gap in [g for i, g in enumerate(kept) if i == 0 or g - kept[i - 1] >= 8]:
            dark[row : row + thickness, gap] = False
    return dark


@settings(max_examples=150, deadline=None)
@given(
    st.lists(line, max_size=6),
    st.lists(blot, max_size=60),
    st.integers(30, 140),
    st.booleans(),
)
def test_runs_are_those_of_every_row(lines: list, blots: list, min_length: int, across: bool) -> None:
    """The shortcut (rows that fill two neighbouring blocks, and their neighbours) finds every
    run a look at every row finds: lines drawn whole or with scanner gaps, one to three pixels
    thick, among letter-sized blots, along the rows or (transposed) the columns. (Ink broken
    more finely than that, a dotted rule, is below the blocks' fill by design.)"""
    dark = draw(lines, blots)
    if across:
        dark = np.ascontiguousarray(dark.T)
    assert _runs(dark, min_length) == every_row(dark, min_length)
