"""Walk a page's content objects (text, paths, images), inside form XObjects too.

Scanners and OCR tools often wrap the page image in a form XObject, and some producers draw
table grids inside one, so a walk over the top level alone would miss them. Each object comes
with the matrix of the forms around it; its own matrix (``matrix``) is relative to that.
All calls go to the raw pdfium API: these loops run over every object of a page.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import pypdfium2.raw as pdfium_c

from pipeline.extract.pdf.geometry import IDENTITY, Matrix, compose

TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
PATH = pdfium_c.FPDF_PAGEOBJ_PATH
IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
FORM = pdfium_c.FPDF_PAGEOBJ_FORM

#: Forms nested deeper than this are ignored (a cycle guard; real files nest one or two).
MAX_DEPTH = 8


def walk(page_raw: pdfium_c.FPDF_PAGE) -> Iterator[tuple[pdfium_c.FPDF_PAGEOBJECT, int, Matrix]]:
    """Yield ``(object, type, matrix of the enclosing forms)`` for every non-form object."""
    stack: list[tuple[object, bool, Matrix, int]] = [(page_raw, False, IDENTITY, 0)]
    while stack:
        container, is_form, outer, depth = stack.pop()
        if is_form:
            count = pdfium_c.FPDFFormObj_CountObjects(container)
            get = pdfium_c.FPDFFormObj_GetObject
        else:
            count = pdfium_c.FPDFPage_CountObjects(container)
            get = pdfium_c.FPDFPage_GetObject
        for i in range(max(count, 0)):
            obj = get(container, i)
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == FORM:
                if depth < MAX_DEPTH:
                    stack.append((obj, True, compose(outer, matrix(obj)), depth + 1))
            else:
                yield obj, kind, outer


def matrix(obj: pdfium_c.FPDF_PAGEOBJECT) -> Matrix:
    """The object's own matrix (for a path: its points to the enclosing space)."""
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def is_invisible_text(obj: pdfium_c.FPDF_PAGEOBJECT) -> bool:
    """Text drawn in render mode 3 (neither filled nor stroked): the OCR layer over a scan."""
    return pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
