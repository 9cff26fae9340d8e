"""From PDF user space to the page coordinates of ``PageWords``.

pdfium reports boxes in PDF user space: origin at the bottom left of the media box, y up,
page rotation not applied. ``PageWords`` wants what a reader sees: points from the top-left
corner of the visible page (the crop box), y down, after ``/Rotate``. Text boxes and drawn
lines both go through ``PageFrame`` so they stay in register.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

#: An affine PDF matrix ``(a, b, c, d, e, f)``: x' = a x + c y + e, y' = b x + d y + f.
Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def compose(outer: Matrix, inner: Matrix) -> Matrix:
    """The matrix that applies ``inner`` first, then ``outer`` (a form's content inside the form)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@dataclass(frozen=True)
class PageFrame:
    """The visible page: its crop box in user space and its rotation (0, 90, 180, 270)."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int = 0

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> PageFrame:
        left, bottom, right, top = page.get_cropbox()
        return cls(left, bottom, right, top, page.get_rotation() % 360)

    @property
    def width(self) -> float:
        w, h = self.right - self.left, self.top - self.bottom
        return h if self.rotation in (90, 270) else w

    @property
    def height(self) -> float:
        w, h = self.right - self.left, self.top - self.bottom
        return w if self.rotation in (90, 270) else h

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point as (x from the left, y from the top) of the page as displayed."""
        r = self.rotation
        if r == 0:
            return x - self.left, self.top - y
        if r == 90:  # displayed turned clockwise: the left edge becomes the top
            return y - self.bottom, x - self.left
        if r == 180:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A user-space rectangle as ``(x0, x1, top, bottom)`` on the displayed page."""
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
