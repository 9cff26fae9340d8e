"""The page pictures of the report site: each page of a PDF (text layer or scan) rendered once
with pdfium, and each frame of an image scan (TIFF, PNG, JPEG) scaled, to a small PNG named by
a hash of what it shows, so that a rebuild renders only pages it has not rendered before.

A picture is grey in 16 levels: print stays sharp and legible, and zlib packs it small (about
35 KB an A4 page of text, 15 KB a scanned one) and fast (about 25 ms a page). WebP was tried
and is larger for rendered text at a legible quality and 5 to 20 times slower to encode
(0.1-0.7 s a page), which an archive of 100,000 pages cannot afford.

A picture's name hashes the document's content hash, the page number and the rendering
settings, so an unchanged document finds its pictures under the same names; a changed one
(another hash) gets new ones. The page's size in PDF points is kept with it: the boxes of the
tables (points, top-left origin) are drawn over the picture in that coordinate system.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from pipeline.errors import Code, PlansError
from pipeline.extract.ocr.images import ScanFrames, frame_count, open_image
from pipeline.extract.pdf.document import pdf_document, read_pdf_bytes
from pipeline.extract.pdf.geometry import PageFrame
from pipeline.extract.source_bytes import read_source_bytes

#: Pixels per PDF point of a page picture: an A4 page is 714 pixels wide, enough to read the
#: words under a box, small enough for an archive.
SCALE = 1.2
#: Grey levels of a picture: fewer shrinks the file, text stays legible at 16.
LEVELS = 16
_POSTERIZE = [min(255, v // (256 // LEVELS) * (255 // (LEVELS - 1))) for v in range(256)]
#: Part of every picture's name: a change of the settings renders every page again.
_SETTINGS = f"png-{SCALE}-{LEVELS}"


@dataclass(frozen=True)
class PagePicture:
    """One rendered page: its file (under the site's pictures folder) and size in points."""

    number: int
    name: str
    width: float
    height: float

    def as_json(self) -> list:
        return [self.number, self.name, round(self.width, 2), round(self.height, 2)]

    @classmethod
    def from_json(cls, item: list) -> PagePicture:
        return cls(int(item[0]), str(item[1]), float(item[2]), float(item[3]))


def picture_name(source_sha256: str, number: int) -> str:
    key = f"{source_sha256}:{number}:{_SETTINGS}".encode()
    return hashlib.sha256(key).hexdigest()[:20] + ".png"


class SourceChangedError(PlansError, ValueError):
    """The file at the document's path is no longer the one that was read."""

    code = Code.REPORT_SOURCE_CHANGED


def render_pdf_pages(path: Path, source_sha256: str, folder: Path) -> list[PagePicture]:
    """Every page of the PDF at ``path`` as a picture in ``folder`` (a picture already there
    is kept as it is). Raises ``ExtractError`` for a PDF that does not open, and
    ``SourceChangedError`` when the file's content is not the one the tables were read from."""
    data = read_pdf_bytes(path)
    _check_unchanged(path, data, source_sha256)
    out = []
    with pdf_document(path, data) as doc:
        for index in range(len(doc)):
            page = doc[index]
            try:
                frame = PageFrame.of(page)
                name = picture_name(source_sha256, index + 1)
                target = folder / name
                if not target.is_file():
                    _save(page.render(scale=SCALE, grayscale=True).to_pil().convert("L"), target)
                out.append(PagePicture(index + 1, name, frame.width, frame.height))
            finally:
                page.close()
    return out


def render_image_pages(path: Path, source_sha256: str, folder: Path) -> list[PagePicture]:
    """Every frame of the image scan at ``path`` as a picture in ``folder``, at the page size
    in points OCR gave it (so the stored boxes fit). Raises as ``render_pdf_pages`` does."""
    _check_unchanged(path, read_source_bytes(path), source_sha256)
    out = []
    with open_image(path) as image:
        frames = ScanFrames(path, image, round(72 * SCALE))
        for number in range(1, frame_count(path, image) + 1):
            name = picture_name(source_sha256, number)
            target = folder / name
            frame = frames(number)
            if not target.is_file():
                size = (max(1, round(frame.width * SCALE)), max(1, round(frame.height * SCALE)))
                _save(frame.decoded().resize(size, Image.Resampling.LANCZOS), target)
            out.append(PagePicture(number, name, frame.width, frame.height))
    return out


def _check_unchanged(path: Path, data: bytes, source_sha256: str) -> None:
    if hashlib.sha256(data).hexdigest() != source_sha256:
        raise SourceChangedError(f"{path}: the file changed since it was read; run ingest again")


def _save(image: Image.Image, target: Path) -> None:
    """Written under a temporary name and renamed: a picture is whole or not there."""
    tmp = target.with_name(f".{target.name}.tmp")
    image.point(_POSTERIZE).save(tmp, format="PNG", compress_level=6)
    tmp.replace(target)


__all__ = ["PagePicture", "SourceChangedError", "picture_name", "render_image_pages", "render_pdf_pages"]
