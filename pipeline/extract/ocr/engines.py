"""The OCR engines by name: ``ExtractOptions.ocr_engine`` chooses one.

Adding an engine is one module with a class that implements ``engine.OcrEngine`` and one
line here.

The default is decided here and nowhere else: Tesseract in-process (``tesserocr``) when its
binding imports and has the Swedish data, else the Tesseract command line, which needs no
build (a plain ``pip install`` without ``libtesseract-dev``). ``ExtractOptions`` takes the
resolved name, so a result's settings key names the engine that read it.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.extract.ocr.engine import OcrEngine
from pipeline.extract.ocr.tesseract import TesseractCli
from pipeline.extract.ocr.tesserocr_api import BINDING, TesserocrApi

#: The engine used unless the options name another: the binding where it is installed and
#: finds the Swedish data (a binding from a wheel bundles its own Tesseract, which may look
#: for data elsewhere), else the command line.
DEFAULT_ENGINE = "tesserocr" if BINDING and TesserocrApi().available() else "tesseract"

#: Engine name -> a function making the engine.
ENGINES: dict[str, Callable[[], OcrEngine]] = {
    "tesseract": TesseractCli,
    "tesserocr": TesserocrApi,
}


def ocr_engine(name: str) -> OcrEngine:
    """The engine registered under ``name``; ``ValueError`` naming the known ones otherwise."""
    try:
        make = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown OCR engine {name!r}; known: {', '.join(sorted(ENGINES))}") from None
    return make()
