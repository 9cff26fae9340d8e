"""Scanned pages to positioned words, with an OCR engine (``engine``; Tesseract by default).

For each page: its picture (``page_image``: the scan as stored, or a rendering), the skew
measured and the picture turned straight (``deskew``), the table lines found in it
(``scan_rulings``) and painted over, the engine's words, a line the engine read twice read
again (``overlap``), the per cent signs the Swedish model misses read again (``percent``),
the bold lines found by their strokes (``weight``), and table lines read as letters ("|")
dropped. Word boxes become PDF points from the page's top-left corner, so the words fit the same
``PageWords`` the text-layer reader fills.

Pages are read in parallel, one single-threaded engine run per core. pdfium, which
is not thread-safe, runs in the calling thread only: it fetches the next pictures while
the pool reads. Image files (``ocr.images``) come in through ``ocr_pictures`` with their
frames as the pictures: one OCR path for scans, whatever holds them.

The defaults were chosen by word error rate against the text layer of the clean originals
of ``../shared/corpus/pdf/*-scan.pdf`` (``benchmarks/bench_ocr.py``): 200 dpi (the scans'
own; 300 read 5 % fewer words wrong at 1.5 times the time; 150, 0.75 of the pixels, 2.0 times
as many), psm 4, deskew "image".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium
from PIL import Image

from pipeline.cores import ocr_workers
from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.ocr import dashes, overlap, percent, tall, weight
from pipeline.extract.ocr.deskew import measure_skew, straighten, straighten_box
from pipeline.extract.ocr.engine import SWEDISH, OcrEngine, OcrTimeout, OcrWord
from pipeline.extract.ocr.engines import DEFAULT_ENGINE, ocr_engine
from pipeline.extract.ocr.page_image import PageImage, encode_pgm, page_image
from pipeline.extract.ocr.scan_rulings import erase_lines, find_lines, to_rulings
from pipeline.extract.page import PageWords, Ruling, Word
from pipeline.extract.pdf.document import load_page, pdf_document

#: Resolution pages are read at (a scan of about this resolution is read as stored).
DPI = 200
#: Tesseract page segmentation mode: 4 = one column of lines of varying size. 3 (full
#: layout analysis) read the same words but split tables into blocks; 6 (one block, without
#: Tesseract's block finding) read as many words right on 14 pages of the shared scans at 3 %
#: less engine time, but lost sections of our own generated scans (F1 1.000 to 0.870,
#: ``python -m plans_dev.measure.formats --formats tif --n-tiff 4 --seed 7373``) and was sure
#: of smudged words.
PSM = 4
Deskew = Literal["image", "words", "none"]
#: "image": turn the picture straight before OCR; "words": turn the word boxes after it
#: (equal word error rate; "words" skips 0.1 s of turning a page but reads it slanted).
DESKEW: Deskew = "image"


@dataclass(frozen=True)
class Settings:
    """How pages are read; the defaults are the measured best."""

    dpi: int = DPI
    psm: int = PSM
    deskew: Deskew = DESKEW
    language: str = SWEDISH  # the engine's language data (Tesseract's -l)
    erase_lines: bool = True  # table lines painted over before OCR (deskew "image" only)
    reread_percent: bool = True  # needs the engine's "eng" data; skipped without it


def ocr_image(
    engine: OcrEngine, picture: PageImage, settings: Settings = Settings(), *, deadline: float | None = None
) -> PageWords:
    """One page's words from its picture, boxes in points from the page's top-left corner."""
    clock = _Clock()
    data = None
    angle = 0.0
    rulings: list[Ruling] = []
    image: Image.Image | None = None
    if settings.deskew != "none":
        image = picture.decoded()
        clock.lap("decode")
        angle = measure_skew(image, picture.dpi)
        straight = straighten(image, angle, fast=settings.deskew == "words")
        clock.lap("deskew")
        lines = find_lines(straight, picture.pixel_width / picture.width)
        rulings = to_rulings(lines, picture.width / picture.pixel_width)
        if settings.deskew == "image":
            if settings.erase_lines:
                straight = erase_lines(straight, lines)
            if straight is not image:  # else the picture as stored will do
                image, data = straight, encode_pgm(straight)
            angle = 0.0  # the picture Tesseract reads is straight
        clock.lap("lines")
    if data is None:
        data = picture.ocr_bytes()

    def read(encoded: bytes, language: str, psm: int) -> list[OcrWord]:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        return engine.read(encoded, language=language, psm=psm, dpi=picture.dpi, timeout=timeout)

    words = read(data, settings.language, settings.psm)
    clock.lap("engine")
    words = overlap.reread(words, image or picture.decoded(), read, settings.language)
    if tall.tall_words(words):
        words = tall.reread(words, image or picture.decoded(), read, settings.language)
    clock.lap("rereads")
    if settings.reread_percent and percent.LANGUAGE in engine.languages():
        words = percent.reread(words, image or picture.decoded(), read)
    clock.lap("english")
    if any(dashes.is_candidate(w) for w in words):
        words = dashes.restore(words, image or picture.decoded())
    bold = weight.bold_lines(words, image or picture.decoded())
    clock.lap("marks")
    boxes = [w.box for w in words]
    if angle:
        center = (picture.pixel_width / 2, picture.pixel_height / 2)
        boxes = [straighten_box(box, angle, center) for box in boxes]
    sx = picture.width / picture.pixel_width
    sy = picture.height / picture.pixel_height
    out = [
        Word(w.text, x0 * sx, x1 * sx, top * sy, bottom * sy, bold=w.line in bold, confidence=w.confidence)
        for w, (x0, top, x1, bottom) in zip(words, boxes, strict=True)
    ]
    if rulings:
        out = drop_rule_strokes(out, rulings)
    clock.lap("words")
    return PageWords(picture.number, picture.width, picture.height, out, rulings, "ocr", clock.seconds)


#: The steps of reading a page, as ``PageWords.seconds`` names them: the picture decoded
#: ("decode"), its skew measured and taken out ("deskew"), its table lines found and painted
#: over ("lines"), the engine's read of the page ("engine"), the second reads of lines read
#: twice and words two lines high ("rereads"), the English re-read of doubtful per cent
#: tokens ("english"), the dashes measured and the bold lines found ("marks"), and the boxes
#: turned into points ("words").
STEPS = ("decode", "deskew", "lines", "engine", "rereads", "english", "marks", "words")


class _Clock:
    """This thread's CPU seconds per step (the pages are read in parallel, so wall time would
    count the other threads' work too)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.thread_time()

    def lap(self, step: str) -> None:
        now = time.thread_time()
        self.seconds[step] = self.seconds.get(step, 0.0) + now - self._last
        self._last = now


# What OCR reads a table's vertical line as.
_STROKES = frozenset("|Il1[]!/")


def drop_rule_strokes(words: list[Word], rulings: list[Ruling]) -> list[Word]:
    """Words that are a drawn vertical line read as a letter ("|", "I"), left out, and a
    "|" glued to a word at a line ("|Periodicitet") cut off.

    Such a "word" is all strokes and its box holds the line; a real "I" in a cell keeps
    its distance from the cell's border.
    """
    verticals = [r for r in rulings if r.x0 == r.x1]

    def lines_in(word: Word) -> bool:
        middle = (word.top + word.bottom) / 2
        return any(
            word.x0 - 1 <= r.x0 <= word.x1 + 1 and r.top - 2 <= middle <= r.bottom + 2 for r in verticals
        )

    out = []
    for word in words:
        if not lines_in(word):
            out.append(word)
        elif set(word.text) <= _STROKES:
            continue
        elif word.text[0] == "|" or word.text[-1] == "|":
            out.append(_strip_bars(word))
        else:
            out.append(word)
    return out


def _strip_bars(word: Word) -> Word:
    text = word.text.strip("|")
    share = (word.x1 - word.x0) / len(word.text)
    left = len(word.text) - len(word.text.lstrip("|"))
    right = len(word.text) - len(word.text.rstrip("|"))
    return Word(
        text,
        word.x0 + left * share,
        word.x1 - right * share,
        word.top,
        word.bottom,
        word.size,
        word.bold,
        word.confidence,
    )


def ocr_pages(
    path: Path | str,
    pages: list[int] | None = None,
    *,
    settings: Settings = Settings(),
    engine: OcrEngine | None = None,
    workers: int | None = None,
    deadline: float | None = None,
) -> list[PageWords]:
    """OCR the given pages (1-based; all when ``None``) of a PDF: one ``PageWords`` per
    page, in the order asked. Opening errors are ``pdf_document``'s.

    ``engine``: the OCR engine (default: Tesseract). ``workers``: engine runs at once
    (default: one per core). ``deadline`` is a ``time.monotonic()`` value: when it passes,
    running engine runs are stopped and ``ExtractError(Code.TIMEOUT)`` names the file and the
    first unfinished page.
    """
    path = Path(path)
    engine = _ready_engine(engine, settings, path)
    with pdf_document(path) as document:
        numbers = list(range(1, len(document) + 1)) if pages is None else list(pages)
        bad = [n for n in numbers if not 1 <= n <= len(document)]
        if bad:
            raise ValueError(f"{path}: no page {bad[0]} (the PDF has {len(document)})")
        return _run(
            _pdf_pictures(document, path, settings.dpi), engine, numbers, path, settings, workers, deadline
        )


def _pdf_pictures(document: pdfium.PdfDocument, path: Path, dpi: int) -> Callable[[int], PageImage]:
    def picture(number: int) -> PageImage:
        page = load_page(document, path, number)
        try:
            return page_image(page, number, dpi)
        finally:
            page.close()

    return picture


def ocr_pictures(
    path: Path | str,
    numbers: list[int],
    picture_of: Callable[[int], PageImage],
    *,
    settings: Settings = Settings(),
    engine: OcrEngine | None = None,
    workers: int | None = None,
    deadline: float | None = None,
) -> list[PageWords]:
    """OCR pages whose pictures ``picture_of(number)`` gives (an image file's frames), the same
    way as a PDF's scanned pages: one ``PageWords`` per number, in order. ``picture_of`` runs
    in the calling thread only, one or two pictures ahead of the engine runs."""
    path = Path(path)
    engine = _ready_engine(engine, settings, path)
    return _run(picture_of, engine, numbers, path, settings, workers, deadline)


def _ready_engine(engine: OcrEngine | None, settings: Settings, path: Path) -> OcrEngine:
    """``engine`` (default: the default engine), checked to have the language; a missing one
    is an error naming the file."""
    engine = engine or ocr_engine(DEFAULT_ENGINE)
    try:
        engine.require(settings.language)
    except ExtractError as exc:
        raise ExtractError(exc.code, f"{path}: {exc.message}") from None
    return engine


def _run(
    picture_of: Callable[[int], PageImage],
    engine: OcrEngine,
    numbers: list[int],
    path: Path,
    settings: Settings,
    workers: int | None,
    deadline: float | None,
) -> list[PageWords]:
    workers = max(1, workers or ocr_workers())
    done: dict[int, PageWords] = {}
    pending: dict[Future[PageWords], int] = {}

    def stop() -> ExtractError:
        reached = min((n for n in numbers if n not in done), default=numbers[-1])
        return ExtractError(
            Code.TIMEOUT,
            f"{path}: OCR stopped by the deadline at page {reached} "
            f"({len(done)} of {len(numbers)} pages read)",
        )

    def collect() -> None:
        """Wait for at least one page (until the deadline) and keep what is done."""
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        finished, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
        if not finished:
            raise stop()
        for future in finished:
            number = pending.pop(future)
            try:
                done[number] = future.result()
            except OcrTimeout:
                raise stop() from None
            except ExtractError as exc:
                raise ExtractError(exc.code, f"{path}: page {number}: {exc.message}") from exc

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr")
    try:
        for number in numbers:
            # Keep a few pictures ready ahead of the pool, not the whole document in memory.
            while len(pending) >= 2 * workers:
                collect()
            if deadline is not None and time.monotonic() >= deadline:
                raise stop()
            picture = picture_of(number)
            pending[pool.submit(ocr_image, engine, picture, settings, deadline=deadline)] = number
        while pending:
            collect()
    finally:
        # Running engine runs end by their own timeout at the deadline.
        pool.shutdown(wait=True, cancel_futures=True)
    return [done[n] for n in numbers]


__all__ = [
    "DESKEW",
    "DPI",
    "PSM",
    "STEPS",
    "Settings",
    "drop_rule_strokes",
    "ocr_image",
    "ocr_pages",
    "ocr_pictures",
]
