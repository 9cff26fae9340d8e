"""Whole-pipeline speed per PDF variant, next to the bare readers, in one run.

    python benchmarks/bench_pdf.py [--stems 000 001 002] [--variants text scan scan-ocr-eng]

For each variant of the plans in ../shared/corpus/pdf: seconds per page of the whole
pipeline (``pipeline.parse.parse_document``: extract, repair, segment, tables, normalize)
next to seconds per page of the bare tool on the same files: ``pdfplumber``'s
``page.extract_text()`` for text layers, ``tesseract -l swe`` page after page on the
same page images for scans (and, for scans, also one single-threaded tesseract per core
at once). Targets: text layers at most 1.0x, scans at most 1.1x.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
VARIANTS = {"text": "", "scan": "-scan", "scan-ocr-eng": "-scan-ocr-eng"}


def bare_pdfplumber(path: Path) -> tuple[float, int]:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        n = len(pdf.pages)
    return time.perf_counter() - start, n


def bare_tesseract(path: Path, dpi: int = 200, parallel: bool = False) -> tuple[float, int]:
    """Render every page (not timed) and run tesseract -l swe on each, one after another;
    or, ``parallel``, one single-threaded tesseract per core at once, the best the bare
    tool does on this machine (its own threads lose to that on a busy one)."""
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        document = pdfium.PdfDocument(str(path))
        images = []
        for i, page in enumerate(document):
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            target = Path(tmp) / f"p{i}.png"
            image.save(target)
            images.append(target)
        document.close()
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"} if parallel else None

        def read(image: Path) -> None:
            command = ["tesseract", str(image), "stdout", "-l", "swe"]
            subprocess.run(command, capture_output=True, check=True, env=env)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) if parallel else 1) as pool:
            list(pool.map(read, images))
        return time.perf_counter() - start, len(images)


def pipeline_time(path: Path) -> float:
    from pipeline.parse import parse_document

    start = time.perf_counter()
    parse_document(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stems", nargs="*", default=["000", "001", "002"])
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS))
    args = parser.parse_args()
    from pipeline.repair import default_context

    default_context()  # the lexicon loads once per process, not per document
    for variant in args.variants:
        ours = bare = bare_parallel = 0.0
        pages = 0
        for stem in args.stems:
            (path,) = (
                (SHARED / "corpus" / "pdf").glob(f"{stem}_*{VARIANTS[variant]}.pdf")
                if variant != "text"
                else [p for p in (SHARED / "corpus" / "pdf").glob(f"{stem}_*.pdf") if "-scan" not in p.name]
            )
            seconds, n = bare_pdfplumber(path) if variant == "text" else bare_tesseract(path)
            bare += seconds
            pages += n
            if variant != "text":
                bare_parallel += bare_tesseract(path, parallel=True)[0]
            ours += pipeline_time(path)
        tool = "pdfplumber extract_text" if variant == "text" else "tesseract -l swe"
        print(
            f"{variant:<13} {pages:3d} pages  pipeline {ours / pages:.3f} s/page  "
            f"bare {tool} {bare / pages:.3f} s/page  ratio {ours / bare:.2f}x"
        )
        if bare_parallel:
            print(
                f"{'':<13} {'':9}  bare {tool}, one single-threaded process per core "
                f"{bare_parallel / pages:.3f} s/page  ratio {ours / bare_parallel:.2f}x"
            )


if __name__ == "__main__":
    main()
