"""The OCR engines by name: ``ExtractOptions.ocr_engine`` chooses one.

Adding an engine is one module with a class that implements ``engine.OcrEngine`` and one
line here.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.extract.ocr.engine import OcrEngine
from pipeline.extract.ocr.tesseract import TesseractCli

#: The engine used unless the options name another.
DEFAULT_ENGINE = "tesseract"

#: Engine name -> a function making the engine.
ENGINES: dict[str, Callable[[], OcrEngine]] = {
    "tesseract": TesseractCli,
}


def ocr_engine(name: str) -> OcrEngine:
    """The engine registered under ``name``; ``ValueError`` naming the known ones otherwise."""
    try:
        make = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown OCR engine {name!r}; known: {', '.join(sorted(ENGINES))}") from None
    return make()
