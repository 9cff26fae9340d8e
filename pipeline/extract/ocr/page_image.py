"""A PDF page as the grayscale picture OCR reads.

A scanned page is usually one image filling the page; then that image is taken as it is
stored (no resampling, so OCR sees the scanner's own pixels, and a JPEG goes to Tesseract
undecoded). Any other page is rendered with pdfium at the requested resolution.

pdfium is not thread-safe: call these from one thread only.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

# An embedded image is taken as stored when its resolution is within these factors of the
# requested one; coarser ones are rendered up, finer ones down (OCR gains nothing from them).
NATIVE_RANGE = (0.95, 2.0)
# How far (points) an image may fall short of the page box and still count as full-page.
_FULL_PAGE_SLACK = 2.0
# Colour spaces whose JPEG Tesseract reads as stored (gray and RGB).
_PLAIN_COLORSPACES = {pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_DEVICERGB}


@dataclass
class PageImage:
    """A page's picture: encoded bytes an OCR engine reads, or a decoded image, plus its scale."""

    number: int  # 1-based
    width: float  # page size in points
    height: float
    pixel_width: int
    pixel_height: int
    encoded: bytes | None = None  # JPEG as stored in the PDF
    image: Image.Image | None = None  # grayscale ("L")
    source: str = "render"  # "embedded" (the page's own image) or "render"

    @property
    def dpi(self) -> float:
        return self.pixel_width / self.width * 72

    def decoded(self) -> Image.Image:
        """The picture as a grayscale PIL image (decoding the JPEG if need be)."""
        if self.image is None:
            assert self.encoded is not None
            with Image.open(io.BytesIO(self.encoded)) as im:
                self.image = im.convert("L")
        return self.image

    def ocr_bytes(self) -> bytes:
        """What an OCR engine reads: the JPEG as stored, or an uncompressed PGM."""
        if self.encoded is not None:
            return self.encoded
        return encode_pgm(self.decoded())


def encode_pgm(image: Image.Image) -> bytes:
    """An uncompressed PGM: OCR engines read it, and writing it costs nothing (PNG ~0.1 s)."""
    out = io.BytesIO()
    image.save(out, "PPM")
    return out.getvalue()


def _full_page_image(page: pdfium.PdfPage) -> pdfium.PdfImage | None:
    """The page's only image object, when it covers the whole page upright; else None.

    Besides the image the page may hold text and forms of text only: an OCR layer is
    invisible text, which some tools (OCRmyPDF) put in a form XObject. ``get_objects``
    walks into forms, so their contents are checked too.
    """
    images = []
    for obj in page.get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and obj.level == 0:
            images.append(obj)
        elif obj.type not in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM):
            return None
    if len(images) != 1 or page.get_rotation():
        return None
    image = images[0]
    a, b, c, d, _, _ = image.get_matrix().get()
    if b or c or a <= 0 or d <= 0:
        return None
    left, bottom, right, top = image.get_bounds()
    width, height = page.get_size()
    if left > _FULL_PAGE_SLACK or bottom > _FULL_PAGE_SLACK:
        return None
    if right < width - _FULL_PAGE_SLACK or top < height - _FULL_PAGE_SLACK:
        return None
    return image


def page_image(page: pdfium.PdfPage, number: int, dpi: int) -> PageImage:
    """The picture of one page: its own full-page image when that has about ``dpi``, else
    a rendering at ``dpi``."""
    width, height = page.get_size()
    embedded = _full_page_image(page)
    if embedded is not None:
        px_w, px_h = embedded.get_px_size()
        low, high = NATIVE_RANGE
        if low * dpi <= px_w / width * 72 <= high * dpi:
            meta = embedded.get_metadata()
            filters = embedded.get_filters()
            if filters == ["DCTDecode"] and meta.colorspace in _PLAIN_COLORSPACES:
                data = bytes(embedded.get_data(decode_simple=False))
                return PageImage(number, width, height, px_w, px_h, encoded=data, source="embedded")
            try:
                image = embedded.get_bitmap(render=False).to_pil().convert("L")
            except (pdfium.PdfiumError, ValueError):  # a pixel format PIL does not take
                image = None
            if image is not None:
                return PageImage(number, width, height, px_w, px_h, image=image, source="embedded")
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    image = bitmap.to_pil().convert("L")
    return PageImage(number, width, height, image.width, image.height, image=image)
