"""Tesseract in-process through its C API (the ``tesserocr`` binding) as an OCR engine
(``engine.OcrEngine``).

Why: the command line (``tesseract.TesseractCli``) starts a process per picture, loads the
Swedish model each time (0.085 s here; the Swedish page takes 1.5-3 s) and round-trips every page through
an encoded picture on stdin and TSV on stdout. Here a model is loaded once per
concurrent engine run in a worker process and kept (``_api``), the pixels are handed over
in memory (``SetImageBytes``: no temporary file, no re-encoding) and the words come from Tesseract's
result iterator, with the same fields, numbering and order the CLI's TSV gives. The
English re-read of doubtful per cent tokens (``percent``) goes through the same ``read``,
so it runs on a second cached API loaded with ``eng``.

Tesseract runs single-threaded, as the CLI does (``OMP_THREAD_LIMIT=1``, set before the
library is loaded: OpenMP reads it once); the scan path's parallelism is one engine run
per core, and the binding releases the GIL while it recognises.

The binding is optional (the ``ocr-api`` extra; it builds against ``libtesseract-dev``):
``BINDING`` says whether it imports, and ``engines`` makes it the default engine only then.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import Any

from PIL import Image

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.ocr.engine import SWEDISH, OcrTimeout, OcrWord
from pipeline.extract.ocr.tesseract_settings import VARIABLES

# Before the library (and its OpenMP runtime) is loaded: single-threaded, like the CLI.
os.environ["OMP_THREAD_LIMIT"] = "1"

try:
    import tesserocr
except ImportError:  # not installed, or built against a libtesseract that is gone
    tesserocr = None

#: Does the binding import (and so can this engine run)?
BINDING: bool = tesserocr is not None
INSTALL_HINT = (
    "apt-get install libtesseract-dev tesseract-ocr-swe && pip install 'plan-pipeline[ocr-api]' "
    "(or use --ocr-engine tesseract)"
)

# Loaded APIs not in use, by (data folder, language, Tesseract variables): kept for the life
# of the process, so a worker loads a model once, not once per document (the scan path makes
# a new thread pool for each). A TessBaseAPI is not safe to share between threads: each read
# takes one out.
_idle: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[Any]] = {}
_lock = threading.Lock()


def tessdata() -> str:
    """The folder of language data: ``TESSDATA_PREFIX`` as it is now (the binding reads it
    only once, when imported; the CLI on every run), else the library's own."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    return os.path.join(prefix, "") if prefix else _library_tessdata()


@cache
def _library_tessdata() -> str:
    return tesserocr.get_languages()[0]


@contextmanager
def _api(language: str) -> Iterator[Any]:
    """An API with ``language`` loaded and ``tesseract_settings.VARIABLES`` set, this thread's
    alone until the block ends (an idle one, else a new one), then kept for the next read."""
    key = (tessdata(), language, tuple(sorted(VARIABLES.items())))
    with _lock:
        idle = _idle.setdefault(key, [])
        api = idle.pop() if idle else None
    if api is None:
        api = tesserocr.PyTessBaseAPI(path=key[0], lang=language, variables=dict(key[2]))
    try:
        yield api
    finally:
        api.Clear()  # the picture's pixels and results are not kept between reads
        with _lock:
            idle.append(api)


def binding_languages() -> frozenset[str]:
    """The language data the binding finds (empty without the binding)."""
    if tesserocr is None:
        return frozenset()
    return _languages(tessdata())


@cache
def _languages(path: str) -> frozenset[str]:
    return frozenset(tesserocr.get_languages(path)[1])


def _pixels(picture: bytes) -> tuple[bytes, int, int, int]:
    """The picture's raw pixels, width, height and bytes per pixel (grey or RGB)."""
    image = Image.open(BytesIO(picture))
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB" if image.mode in ("RGBA", "P", "CMYK") else "L")
    return image.tobytes(), image.width, image.height, 1 if image.mode == "L" else 3


def words_of(api: Any) -> list[OcrWord]:
    """The words of the API's last recognition, numbered as Tesseract's TSV numbers them
    (block from 1; paragraph from 1 in its block; line from 1 in its paragraph)."""
    ril = tesserocr.RIL
    out: list[OcrWord] = []
    iterator = api.GetIterator()
    if iterator is None:
        return out
    block = paragraph = line = 0
    # Iterating the words (not ``iterate_level``) so that starts of blocks, paragraphs and
    # lines can be seen on the word that starts them.
    while True:
        if not iterator.Empty(ril.WORD):
            if iterator.IsAtBeginningOf(ril.BLOCK):
                block, paragraph, line = block + 1, 0, 0
            if iterator.IsAtBeginningOf(ril.PARA):
                paragraph, line = paragraph + 1, 0
            if iterator.IsAtBeginningOf(ril.TEXTLINE):
                line += 1
            text = (iterator.GetUTF8Text(ril.WORD) or "").strip()
            box = iterator.BoundingBox(ril.WORD)
            if text and box is not None:
                confidence = iterator.Confidence(ril.WORD)
                out.append(OcrWord(text, tuple(box), confidence, (block, paragraph, line)))
        if not iterator.Next(ril.WORD):
            return out


@dataclass(frozen=True)
class TesserocrApi:
    """Tesseract's C API through ``tesserocr`` as an ``OcrEngine``."""

    install_hint: str = INSTALL_HINT

    def available(self, language: str = SWEDISH) -> bool:
        return language in binding_languages()

    def require(self, language: str = SWEDISH) -> None:
        if tesserocr is None:
            raise ExtractError(
                Code.OCR_MISSING,
                f"scanned pages need OCR, but the Tesseract binding (tesserocr) is not installed: "
                f"{self.install_hint}",
            )
        if language not in binding_languages():
            raise ExtractError(
                Code.OCR_MISSING,
                f"scanned pages need OCR, but the OCR engine has no Swedish data ({language!r}): "
                f"{self.install_hint}",
            )

    def languages(self) -> frozenset[str]:
        return binding_languages()

    def read(
        self, picture: bytes, *, language: str, psm: int, dpi: float, timeout: float | None = None
    ) -> list[OcrWord]:
        self.require(language)
        start = time.monotonic()
        if timeout is not None and timeout <= 0:
            raise OcrTimeout
        try:
            pixels, width, height, depth = _pixels(picture)
        except OSError as exc:
            raise ExtractError(Code.OCR, f"tesserocr could not read the picture: {exc}") from exc
        with _api(language) as api:
            api.SetPageSegMode(psm)
            # ``pixels`` stays referenced until recognition is done: Tesseract does not copy it.
            api.SetImageBytes(pixels, width, height, depth, width * depth)
            api.SetSourceResolution(round(dpi))
            # Tesseract's own deadline (ETEXT_DESC): it stops between words, where the CLI's
            # process is killed; 0 means none, so a timeout is at least 1 ms.
            limit = 0 if timeout is None else max(1, round((timeout - (time.monotonic() - start)) * 1000))
            if api.Recognize(limit):
                return words_of(api)
        if timeout is not None and time.monotonic() - start >= timeout:
            raise OcrTimeout
        raise ExtractError(Code.OCR, "tesserocr failed to recognise the picture")
