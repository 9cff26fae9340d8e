"""Scans kept as images (.tif/.tiff with one frame per page, .png, .jpg/.jpeg): each frame
a page, read by the same OCR path as a PDF's scanned pages (``pages.ocr_pictures``: deskew,
table lines, the Swedish model) and laid out by the same ``layout``.

A frame's resolution comes from the file (a scanner writes it); without one the page is
taken to be A4 wide. Frames far from the OCR resolution are resampled to it. Before any
frame is decoded its pixel count is checked against what the worker's memory limit
(``RLIMIT_AS``) allows, so a decompression bomb is an ``image_too_large`` problem and not a
dead worker.
"""

from __future__ import annotations

import hashlib
import resource
import struct
import time
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.layout.document import document_lines
from pipeline.extract.ocr.confidence import ocr_quality
from pipeline.extract.ocr.engines import ocr_engine
from pipeline.extract.ocr.page_image import PageImage
from pipeline.extract.ocr.pages import Settings, ocr_pictures
from pipeline.extract.options import ExtractOptions
from pipeline.extract.source_bytes import read_source_bytes
from pipeline.model import SourceDocument
from pipeline.rules import load_rules

#: Pixels a frame may have at most, whatever the memory (a 600 dpi A3 page has 70 million).
MAX_PIXELS = 150_000_000
#: Bytes of memory a frame's pixel takes while it is read (grayscale copies: decoded,
#: straightened, lines erased, encoded for the engine) with room to spare.
BYTES_PER_PIXEL = 8
#: Width of an A4 page in points: the page size of a frame that does not say its resolution.
A4_WIDTH = 595.0
#: Resolutions taken as they are (within these factors of the OCR resolution).
NATIVE_RANGE = (0.95, 2.0)
#: What PIL raises on a damaged file (a flipped byte in a header can make any of these).
DAMAGED_IMAGE: tuple[type[Exception], ...] = (
    UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, TypeError, KeyError, IndexError,
    struct.error, ZeroDivisionError, OverflowError, MemoryError,
)  # fmt: skip
_FORMATS = {"TIFF": "tiff", "PNG": "png", "JPEG": "jpeg", "MPO": "jpeg"}


def max_pixels() -> int:
    """The most pixels a frame may have under this process's address-space limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return MAX_PIXELS
    return min(MAX_PIXELS, soft // BYTES_PER_PIXEL)


def read_image(path: Path, options: ExtractOptions) -> SourceDocument:
    """The reader of ``pipeline.extract.readers`` for image scans."""
    path = Path(path)
    deadline = time.monotonic() + options.time_limit if options.time_limit else None
    data = read_source_bytes(path)
    if options.ocr == "never":
        raise ExtractError(
            Code.UNSUPPORTED, f"{path}: an image is read only by OCR, which --ocr never turns off"
        )
    settings = Settings()
    with open_image(path) as image:
        frames = frame_count(path, image)
        pages = ocr_pictures(
            path,
            list(range(1, frames + 1)),
            ScanFrames(path, image, settings.dpi),
            settings=settings,
            engine=ocr_engine(options.ocr_engine),
            deadline=deadline,
        )
        fmt = _FORMATS.get(image.format or "", (image.format or "image").lower())
    lines = document_lines(pages, load_rules())
    if not any(line.text.strip() for line in lines):
        raise ExtractError(Code.EMPTY, f"{path}: OCR found no text on the image's {frames} page(s)")
    quality = ocr_quality(pages)
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format=fmt,
        extraction="image_ocr",
        lines=lines,
        n_pages=frames,
        ocr_confidence=quality.mean,
        doubtful_words=quality.doubtful,
    )


def open_image(path: Path) -> Image.Image:
    """The image at ``path``, opened lazily (frames are decoded by ``ScanFrames``, each within
    ``max_pixels``); ``ExtractError`` for a file that is not a readable image."""
    try:
        with warnings.catch_warnings():
            # Our own bound (``max_pixels``) decides, frame by frame, before decoding.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path)
    except Image.DecompressionBombError as exc:
        raise ExtractError(Code.IMAGE_TOO_LARGE, f"{path}: {exc}") from exc
    except DAMAGED_IMAGE as exc:
        raise ExtractError(Code.CORRUPT, f"{path}: not a readable image: {exc}") from exc


def frame_count(path: Path, image: Image.Image) -> int:
    try:
        frames = int(getattr(image, "n_frames", 1))
    except DAMAGED_IMAGE as exc:
        raise ExtractError(Code.CORRUPT, f"{path}: a damaged image: {exc}") from exc
    if frames < 1:
        raise ExtractError(Code.EMPTY, f"{path}: the image has no frames")
    return frames


class ScanFrames:
    """Frame ``number`` (1-based) as a grayscale picture near ``dpi`` with its page size in
    points (what OCR reads, and what the report shows); runs in the calling thread."""

    def __init__(self, path: Path, image: Image.Image, dpi: int) -> None:
        self.path = path
        self.image = image
        self.dpi = dpi
        self.limit = max_pixels()

    def __call__(self, number: int) -> PageImage:
        path, image = self.path, self.image
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                image.seek(number - 1)
            width, height = image.size
            if width * height > self.limit:
                raise ExtractError(
                    Code.IMAGE_TOO_LARGE,
                    f"{path}: page {number} is {width} x {height} pixels, more than the "
                    f"{self.limit:,} the memory limit allows",
                )
            frame = (
                ImageOps.exif_transpose(image.convert("L")) if image.format == "JPEG" else image.convert("L")
            )
        except Image.DecompressionBombError as exc:
            raise ExtractError(Code.IMAGE_TOO_LARGE, f"{path}: page {number}: {exc}") from exc
        except DAMAGED_IMAGE as exc:
            raise ExtractError(Code.CORRUPT, f"{path}: page {number} cannot be decoded: {exc}") from exc
        dpi = _resolution(image.info.get("dpi"), frame.width)
        low, high = NATIVE_RANGE
        if not low * self.dpi <= dpi <= high * self.dpi:
            scale = self.dpi / dpi
            size = (max(1, round(frame.width * scale)), max(1, round(frame.height * scale)))
            frame = frame.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)
            dpi = self.dpi
        points = 72.0 / dpi
        return PageImage(
            number,
            frame.width * points,
            frame.height * points,
            frame.width,
            frame.height,
            image=frame,
            source="image",
        )


def _resolution(info: object, pixel_width: int) -> float:
    """The frame's resolution as stored, else the one that makes it an A4 page wide."""
    try:
        dpi = float(info[0])  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if not 50 <= dpi <= 2400:
        dpi = pixel_width / A4_WIDTH * 72
    return dpi
