"""What the scan path needs from an OCR engine, whatever binding provides it.

The scan path (``pages``) asks an engine three things: is it installed with the language
data a page needs (and if not, what to install), which languages it has (the per cent
re-read needs English), and the words it reads in one picture, each with its box in the
picture's pixels, its confidence and the line it belongs to. ``engines`` names the
engines there are; the Tesseract command line (``tesseract``) is the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pipeline.errors import Code, PlansError

#: The language plans are read in (ISO 639-2, as Tesseract names its data).
SWEDISH = "swe"


@dataclass(frozen=True)
class OcrWord:
    """A word an engine read, in pixels of the picture it read."""

    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom
    confidence: float  # 0-100
    line: tuple[int, int, int]  # block, paragraph, line: words of one line share it


class OcrTimeout(PlansError):
    """The engine was stopped because the time given to it ran out."""

    code = Code.TIMEOUT


class OcrEngine(Protocol):
    """An OCR engine. ``psm`` is a page segmentation mode in Tesseract's numbering (4: one
    column of lines, 6: one block, 7: one line), which the scan path chooses per picture."""

    #: What to install to get the engine and its Swedish data (shown when it is missing).
    install_hint: str

    def available(self, language: str) -> bool:
        """Is the engine installed, with data for ``language``?"""
        ...

    def require(self, language: str) -> None:
        """Return if ``available``, else raise ``ExtractError(Code.OCR_MISSING)`` saying what to
        install."""
        ...

    def languages(self) -> frozenset[str]:
        """The language data the engine has."""
        ...

    def read(
        self, picture: bytes, *, language: str, psm: int, dpi: float, timeout: float | None = None
    ) -> list[OcrWord]:
        """The words in one encoded picture (JPEG, PGM, PNG), in reading order. Raises
        ``OcrTimeout`` when ``timeout`` (seconds) passes first, ``ExtractError(Code.OCR)`` when
        the engine fails. Called from several threads at once."""
        ...
