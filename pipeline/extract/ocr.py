"""Scanned pages to positioned words, with Tesseract.

Each page's picture (``page_image``) is straightened (``deskew``) and piped to the
``tesseract`` command, whose TSV output gives every word with its box and confidence; the
boxes become PDF points from the page's top-left corner, so the words fit the same
``PageWords`` the text-layer reader fills.

Pages are read in parallel, one single-threaded Tesseract process per core: Tesseract's
own OpenMP threads gain nothing on a page this size and, competing for the cores, made it
six times slower here. pdfium, which is not thread-safe, runs in the calling thread only;
it fetches the next pictures while the pool reads.

Defaults (``DPI``, ``PSM``, ``DESKEW``) were chosen by word error rate against the text
layer of the clean originals of ``../shared/corpus/pdf/*-scan.pdf``; see
``benchmarks/bench_ocr.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium

from pipeline.extract.deskew import MIN_CORRECTION, measure_skew, straighten, straighten_box
from pipeline.extract.errors import ExtractError
from pipeline.extract.page import PageWords, Ruling, Word
from pipeline.extract.page_image import PageImage, encode_pgm, page_image
from pipeline.extract.pdf_document import load_page, pdf_document
from pipeline.extract.scan_rulings import image_rulings

#: The Tesseract executable (a name looked up on PATH, or a path).
TESSERACT = "tesseract"
#: Tesseract's language data for Swedish.
LANGUAGE = "swe"
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-swe"
#: Resolution pages without a usable embedded scan are rendered at.
DPI = 200
#: Tesseract page segmentation mode: 4 = one column of lines of varying size (3, full
#: layout analysis, read the same words but split tables into blocks; 6 lost more words).
PSM = 4
Deskew = Literal["image", "words", "none"]
#: "image": turn the picture straight before OCR; "words": turn the word boxes after it.
DESKEW: Deskew = "image"


def tesseract_env() -> dict[str, str]:
    """The environment Tesseract runs in: single-threaded, the pool gives the parallelism."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _resolve() -> str | None:
    return shutil.which(TESSERACT)


def _languages(executable: str) -> frozenset[str]:
    return _list_languages(executable, os.environ.get("TESSDATA_PREFIX"))


@cache
def _list_languages(executable: str, tessdata: str | None) -> frozenset[str]:
    try:
        done = subprocess.run(
            [executable, "--list-langs"], capture_output=True, text=True, timeout=30, env=tesseract_env()
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    # Tesseract 5 lists on stdout, 4 on stderr; the first line is a heading.
    lines = (done.stdout + "\n" + done.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("List of"))


def tesseract_available() -> bool:
    """Is Tesseract installed, with its Swedish data?"""
    executable = _resolve()
    return executable is not None and LANGUAGE in _languages(executable)


def require_tesseract() -> str:
    """The Tesseract executable's path, or ``ExtractError("ocr_missing")`` saying what to install."""
    executable = _resolve()
    if executable is None:
        raise ExtractError(
            "ocr_missing", f"scanned pages need OCR, but the OCR engine is not installed: {INSTALL_HINT}"
        )
    if LANGUAGE not in _languages(executable):
        raise ExtractError(
            "ocr_missing",
            f"scanned pages need OCR, but the OCR engine has no Swedish data ({LANGUAGE!r}): {INSTALL_HINT}",
        )
    return executable


class _DeadlinePassed(Exception):
    pass


def run_tesseract(
    executable: str, image: bytes, *, dpi: float, psm: int = PSM, timeout: float | None = None
) -> str:
    """Tesseract's TSV for one encoded picture (read from stdin: no temporary files)."""
    args = [executable, "stdin", "stdout", "-l", LANGUAGE, "--psm", str(psm), "--dpi", str(round(dpi)), "tsv"]
    try:
        done = subprocess.run(args, input=image, capture_output=True, timeout=timeout, env=tesseract_env())
    except subprocess.TimeoutExpired as exc:
        raise _DeadlinePassed from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractError("ocr", f"tesseract failed (exit {done.returncode}): {' '.join(message[-2:])}")
    return done.stdout.decode("utf-8", "replace")


@dataclass(frozen=True)
class TsvWord:
    """A word of Tesseract's TSV, in pixels of the picture it read."""

    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom
    confidence: float
    line: tuple[int, int, int]  # block, paragraph, line


def parse_tsv(tsv: str) -> list[TsvWord]:
    """The words (level 5 rows with text) of Tesseract's TSV output, in its reading order."""
    out = []
    for row in tsv.split("\n")[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue
        text = fields[11].strip()
        if not text:
            continue
        left, top, width, height = (int(v) for v in fields[6:10])
        line = (int(fields[2]), int(fields[3]), int(fields[4]))
        out.append(TsvWord(text, (left, top, left + width, top + height), float(fields[10]), line))
    return out


def ocr_image(
    executable: str,
    picture: PageImage,
    *,
    psm: int = PSM,
    deskew: Deskew = DESKEW,
    deadline: float | None = None,
) -> PageWords:
    """One page's words from its picture, boxes in points from the page's top-left corner."""
    data = None
    angle = 0.0
    rulings: list[Ruling] = []
    if deskew != "none":
        image = picture.decoded()
        angle = measure_skew(image, picture.dpi)
        straight = straighten(image, angle, fast=deskew == "words")
        rulings = image_rulings(straight, picture.width, picture.height)
        if deskew == "image" and abs(angle) >= MIN_CORRECTION:
            data = encode_pgm(straight)
            angle = 0.0  # the picture Tesseract reads is straight
    if data is None:
        data = picture.tesseract_bytes()
    timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
    words = parse_tsv(run_tesseract(executable, data, dpi=picture.dpi, psm=psm, timeout=timeout))
    boxes = [w.box for w in words]
    if angle:
        center = (picture.pixel_width / 2, picture.pixel_height / 2)
        boxes = [straighten_box(box, angle, center) for box in boxes]
    sx = picture.width / picture.pixel_width
    sy = picture.height / picture.pixel_height
    out = [
        Word(w.text, x0 * sx, x1 * sx, top * sy, bottom * sy, confidence=w.confidence)
        for w, (x0, top, x1, bottom) in zip(words, boxes, strict=True)
    ]
    if rulings:
        out = drop_rule_strokes(out, rulings)
    return PageWords(picture.number, picture.width, picture.height, out, rulings, reader="ocr")


# What Tesseract reads a table's vertical line as.
_STROKES = frozenset("|Il1[]!/")


def drop_rule_strokes(words: list[Word], rulings: list[Ruling]) -> list[Word]:
    """Words that are a drawn vertical line read as a letter ("|", "I"), left out.

    Such a "word" is all strokes and its box holds the line; a real "I" in a cell keeps
    its distance from the cell's border.
    """
    verticals = [r for r in rulings if r.x0 == r.x1]

    def on_a_line(word: Word) -> bool:
        middle = (word.top + word.bottom) / 2
        return any(
            word.x0 - 1 <= r.x0 <= word.x1 + 1 and r.top - 2 <= middle <= r.bottom + 2 for r in verticals
        )

    return [w for w in words if not (set(w.text) <= _STROKES and on_a_line(w))]


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ocr_pages(
    path: Path | str,
    pages: list[int] | None = None,
    *,
    dpi: int = DPI,
    psm: int = PSM,
    deskew: Deskew = DESKEW,
    workers: int | None = None,
    deadline: float | None = None,
) -> list[PageWords]:
    """OCR the given pages (1-based; all when ``None``) of a PDF: one ``PageWords`` per
    page, in the order asked. Opening errors are ``pdf_document``'s.

    ``deadline`` is a ``time.monotonic()`` value: when it passes, running Tesseract
    processes are stopped and ``ExtractError("timeout")`` names the first unfinished page.
    """
    path = Path(path)
    try:
        executable = require_tesseract()
    except ExtractError as exc:
        raise ExtractError(exc.code, f"{path}: {exc.message}") from None
    with pdf_document(path) as document:
        numbers = list(range(1, len(document) + 1)) if pages is None else list(pages)
        bad = [n for n in numbers if not 1 <= n <= len(document)]
        if bad:
            raise ValueError(f"{path}: no page {bad[0]} (the PDF has {len(document)})")
        return _run(document, executable, numbers, path, dpi, psm, deskew, workers, deadline)


def _run(
    document: pdfium.PdfDocument,
    executable: str,
    numbers: list[int],
    path: Path,
    dpi: int,
    psm: int,
    deskew: Deskew,
    workers: int | None,
    deadline: float | None,
) -> list[PageWords]:
    workers = max(1, workers or _default_workers())
    done: dict[int, PageWords] = {}
    pending: dict[Future[PageWords], int] = {}

    def stop() -> ExtractError:
        reached = min((n for n in numbers if n not in done), default=numbers[-1])
        return ExtractError(
            "timeout",
            f"{path}: OCR stopped by the deadline at page {reached} "
            f"({len(done)} of {len(numbers)} pages read)",
        )

    def collect(block_until_one: bool) -> None:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        finished, _ = wait(pending, timeout=timeout if block_until_one else 0, return_when=FIRST_COMPLETED)
        for future in finished:
            number = pending.pop(future)
            try:
                done[number] = future.result()
            except _DeadlinePassed:
                raise stop() from None
            except ExtractError as exc:
                raise ExtractError(exc.code, f"{path}: page {number}: {exc.message}") from exc
        if block_until_one and not finished:
            raise stop()

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr")
    try:
        for number in numbers:
            # Keep a few pictures ready ahead of the pool, not the whole document in memory.
            while len(pending) >= 2 * workers:
                collect(block_until_one=True)
            if deadline is not None and time.monotonic() >= deadline:
                raise stop()
            page = load_page(document, path, number)
            picture = page_image(page, number, dpi)
            page.close()
            future = pool.submit(ocr_image, executable, picture, psm=psm, deskew=deskew, deadline=deadline)
            pending[future] = number
        while pending:
            collect(block_until_one=True)
    finally:
        # Running Tesseract processes end by their own timeout at the deadline.
        pool.shutdown(wait=True, cancel_futures=True)
    return [done[n] for n in numbers]
