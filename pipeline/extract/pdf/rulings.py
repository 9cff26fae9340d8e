"""The drawn lines of a page (table grids), read from its path objects with pdfium.

pdfplumber finds the same lines (``page.edges``), but it interprets every glyph of the page
on the way, which costs as much as extracting the text (80-110 ms a page on the shared
plans); pdfium hands over the path objects directly, in well under a millisecond. That makes
it cheap to read the lines of every page, so a table that continues on a page without its
header still gets its grid.

What counts as a line: a straight, axis-parallel segment of a stroked path, an edge of a
filled rectangle (cell shading; pdfplumber reports those too), and a filled rectangle thinner
than ``THIN``, which is how Word draws its table borders; that one becomes the single line
along its middle. Paths with curves are icons, logos and rounded boxes, not grids.
"""

from __future__ import annotations

import ctypes
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.extract.page import Ruling
from pipeline.extract.pdf.geometry import Matrix, PageFrame, apply, compose
from pipeline.extract.pdf.objects import PATH, matrix, walk

#: Shorter segments are dots, ticks and pieces of drawn glyphs.
MIN_LENGTH = 2.0
#: A filled rectangle thinner than this (points) is a line drawn as a rectangle.
THIN = 2.0
#: How far (points) a segment may lean and still count as horizontal or vertical.
AXIS_TOLERANCE = 0.5

Point = tuple[float, float]
Segment = tuple[float, float, float, float]


def page_rulings(page: pdfium.PdfPage, frame: PageFrame) -> list[Ruling]:
    """Horizontal (top == bottom) and vertical (x0 == x1) lines, in page coordinates, top to bottom."""
    found: set[tuple[float, float, float, float]] = set()
    for obj, kind, outer in walk(page.raw):
        if kind != PATH:
            continue
        for x0, y0, x1, y1 in _segments(obj, compose(outer, matrix(obj))):
            ruling = _ruling(frame.point(x0, y0), frame.point(x1, y1))
            if ruling is not None:
                found.add(ruling)
    return [Ruling(x0, x1, top, bottom) for top, x0, bottom, x1 in sorted(found)]


def _ruling(a: Point, b: Point) -> tuple[float, float, float, float] | None:
    """``(top, x0, bottom, x1)`` of an axis-parallel segment, rounded so duplicates merge."""
    (xa, ya), (xb, yb) = a, b
    if abs(ya - yb) <= AXIS_TOLERANCE and abs(xa - xb) >= MIN_LENGTH:
        y = round((ya + yb) / 2, 2)
        return y, round(min(xa, xb), 2), y, round(max(xa, xb), 2)
    if abs(xa - xb) <= AXIS_TOLERANCE and abs(ya - yb) >= MIN_LENGTH:
        x = round((xa + xb) / 2, 2)
        return round(min(ya, yb), 2), x, round(max(ya, yb), 2), x
    return None


def _segments(obj: pdfium_c.FPDF_PAGEOBJECT, m: Matrix) -> list[Segment]:
    """The straight segments of a visible path without curves, in user space."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return []
    if not fill.value and not stroke.value:
        return []
    subpaths = _subpaths(obj, m)
    if subpaths is None:
        return []
    out: list[Segment] = []
    for pts in subpaths:
        if not stroke.value:
            if pts[-1] != pts[0]:
                pts.append(pts[0])  # filling closes a subpath
            thin = _thin_rectangle(pts)
            if thin is not None:
                out.append(thin)
                continue
        out.extend((*p, *q) for p, q in pairwise(pts))
    return out


def _subpaths(obj: pdfium_c.FPDF_PAGEOBJECT, m: Matrix) -> list[list[Point]] | None:
    """The path's points per subpath (a closed one ends at its start); None for curves."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[Point]] = []
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind not in (pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO):
            return None
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            return None
        point = apply(m, x.value, y.value)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            subpaths[-1].append(subpaths[-1][0])
    return subpaths


def _thin_rectangle(pts: list[Point]) -> Segment | None:
    """The middle line of an axis-parallel rectangle thinner than ``THIN``, else None."""
    if len(pts) not in (4, 5):
        return None
    xs = sorted({round(p[0], 2) for p in pts})
    ys = sorted({round(p[1], 2) for p in pts})
    if len(xs) != 2 or len(ys) != 2:
        return None
    (x0, x1), (y0, y1) = xs, ys
    if y1 - y0 < THIN <= x1 - x0:
        mid = (y0 + y1) / 2
        return x0, mid, x1, mid
    if x1 - x0 < THIN <= y1 - y0:
        mid = (x0 + x1) / 2
        return mid, y0, mid, y1
    return None
