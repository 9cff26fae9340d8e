"""The drawn lines (table grids) of a scanned page, found in its straightened picture.

A text layer hands its table lines over as paths (``pdf_rulings``); a scan has them only
as pixels. ``layout`` reads a table's columns and rows from those lines where a page has
them, so the OCR reader finds them too: a line is a long run of dark pixels along a pixel
row (or column). Letters never make such runs, nor do grey cell shadings (they are lighter
than the ink threshold). The picture must be straight (``deskew``) first: a line turned by
half a degree leaves its pixel row every hundred pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from pipeline.extract.page import Ruling

#: Shortest horizontal and vertical line looked for, in points. A one-row table's side is
#: about 30 pt high; a tall letter ("l", "|" in a 14 pt heading) about 10 pt.
MIN_HORIZONTAL = 36.0
MIN_VERTICAL = 18.0
# Lines are thin: one pixel row of mid grey after scanning and straightening.
_INK = 170
# Pixel rows this close (and overlapping) are one line drawn thick or smeared by the scan.
_MERGE_ROWS = 3
# A gap this wide (pixels) in a run is scanner noise, not the line's end.
_MAX_GAP = 2
# Share of a block's pixels that must be ink for its row to be looked at closely.
_BLOCK_FILL = 0.75


def _bridge(dark: np.ndarray, gap: int) -> np.ndarray:
    """Gaps of up to ``gap`` pixels along the rows filled: a pixel with ink within ``gap``
    on its left and on its right becomes ink."""
    rows, width = dark.shape
    cs = np.zeros((rows, width + 2 * gap + 1), dtype=np.int32)
    np.cumsum(dark, axis=1, out=cs[:, gap + 1 : gap + 1 + width])
    cs[:, gap + 1 + width :] = cs[:, gap + width : gap + 1 + width]
    # cs[:, gap + 1 + x] is the ink up to and including x.
    x = np.arange(width)
    left = cs[:, gap + 1 + x] - cs[:, x] > 0  # ink in [x - gap, x]
    right = cs[:, 2 * gap + 1 + x] - cs[:, gap + x] > 0  # ink in [x, x + gap]
    return dark | (left & right)


def _runs(dark: np.ndarray, min_length: int) -> list[tuple[int, int, int]]:
    """``(row, start, end)`` of runs of ink along each row at least ``min_length`` long,
    small gaps bridged.

    Only rows that can hold such a run are looked at closely: a run that long covers two
    whole neighbouring blocks of ``min_length // 3`` pixels, which text rows (letters with
    gaps between) and the stems of tall letters (in the columns) hardly ever fill, and the
    rows beside such a row. That keeps a page at a few milliseconds.
    """
    block = max(1, min_length // 3)
    rows, width = dark.shape
    usable = width // block * block
    filled = dark[:, :usable].reshape(rows, -1, block).sum(axis=2, dtype=np.int32) >= _BLOCK_FILL * block
    strong = (filled[:, 1:] & filled[:, :-1]).any(axis=1)
    # and the rows beside them: the fainter edge of a line two pixels thick
    strong[1:] |= strong[:-1].copy()
    strong[:-1] |= strong[1:].copy()
    candidates = np.nonzero(strong)[0]
    if not len(candidates):
        return []
    near = _bridge(dark[candidates], _MAX_GAP)
    padded = np.zeros((len(candidates), width + 2), dtype=np.int8)
    padded[:, 1:-1] = near
    edges = np.diff(padded, axis=1)
    start_rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # same row-major order: ends pair with starts
    keep = ends - starts >= min_length
    found = candidates[start_rows[keep]]
    return list(zip(found.tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True))


@dataclass(frozen=True)
class PixelLine:
    """A drawn line in pixels: the rows (columns, for a vertical one) it covers, where it
    runs from and to along them, and the middle row it stands on."""

    horizontal: bool
    first: int
    last: int
    start: int
    end: int
    middle: float


def _lines(runs: list[tuple[int, int, int]], horizontal: bool) -> list[PixelLine]:
    """Runs on neighbouring rows that overlap, merged into lines."""
    open_lines: list[list[int]] = []  # [first row, last row, start, end, row sum, count]
    done: list[list[int]] = []
    for row, start, end in runs:  # in row order
        for line in open_lines:
            if row - line[1] <= _MERGE_ROWS and start < line[3] and end > line[2]:
                line[1] = row
                line[2], line[3] = min(line[2], start), max(line[3], end)
                line[4] += row
                line[5] += 1
                break
        else:
            open_lines.append([row, row, start, end, row, 1])
        done.extend(line for line in open_lines if row - line[1] > _MERGE_ROWS)
        open_lines = [line for line in open_lines if row - line[1] <= _MERGE_ROWS]
    done.extend(open_lines)
    return [PixelLine(horizontal, ln[0], ln[1], ln[2], ln[3], ln[4] / ln[5] + 0.5) for ln in done]


def find_lines(image: Image.Image, per_point: float) -> list[PixelLine]:
    """The drawn lines of a straight picture with ``per_point`` pixels to a point."""
    dark = np.asarray(image.convert("L")) < _INK
    horizontal = _lines(_runs(dark, round(MIN_HORIZONTAL * per_point)), horizontal=True)
    vertical = _lines(_runs(np.ascontiguousarray(dark.T), round(MIN_VERTICAL * per_point)), horizontal=False)
    return horizontal + vertical


def to_rulings(lines: list[PixelLine], scale: float) -> list[Ruling]:
    """The lines as ``Ruling``s in points (``scale``: points per pixel), top to bottom."""
    out = []
    for line in lines:
        along = (line.start * scale, line.end * scale)
        at = line.middle * scale
        out.append(Ruling(*along, at, at) if line.horizontal else Ruling(at, at, *along))
    return sorted(out, key=lambda r: (r.top, r.x0))


def erase_lines(image: Image.Image, lines: list[PixelLine], margin: int = 1) -> Image.Image:
    """The picture with its drawn lines painted over in the paper's colour.

    Tesseract reads a cell border as "|" or "I", and text standing on a border line can
    come out twice, once from each of two overlapping line guesses; without the lines it
    reads the cells as plain text.
    """
    if not lines:
        return image
    pixels = np.array(image.convert("L"))
    paper = int(np.median(pixels))
    for line in lines:
        across = slice(max(0, line.first - margin), line.last + margin + 1)
        along = slice(line.start, line.end)
        if line.horizontal:
            pixels[across, along] = paper
        else:
            pixels[along, across] = paper
    return Image.fromarray(pixels)


def image_rulings(image: Image.Image, width: float, height: float) -> list[Ruling]:
    """Horizontal (top == bottom) and vertical (x0 == x1) lines of a straight page picture,
    in points of a ``width`` x ``height`` page, top to bottom."""
    return to_rulings(find_lines(image, image.width / width), width / image.width)
