"""PDF text-layer speed: our pdfium reader against pdfplumber, in milliseconds per page.

    python benchmarks/bench_pdf_text.py [PDF_FILES_OR_DIRS ...] [--repeat N]

Defaults to ../shared/corpus/pdf. Columns: ``ours`` is ``open_pdf`` plus ``text_layer_words``
(words and the drawn lines of every page); ``plumber`` is bare
``pdfplumber.open(f).pages[i].extract_text()``; ``edges`` is what pdfplumber would add for
the grid lines of the pages with a table header (``page.edges``), the design pdfium replaced.
Each figure is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from pipeline.extract.errors import ExtractError
from pipeline.extract.pdf.text_layer import open_pdf, text_layer_words

ROOT = Path(__file__).resolve().parent.parent
TABLE_WORDS = ("Indikator", "Aktivitet")


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def ours(path: Path) -> None:
    open_pdf(path)
    text_layer_words(path)


def plumber_text(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def plumber_edges(path: Path, numbers: list[int]) -> None:
    with pdfplumber.open(path, pages=numbers or None) as pdf:
        for page in pdf.pages if numbers else []:
            _ = page.edges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    inputs = args.inputs or [ROOT.parent / "shared" / "corpus" / "pdf"]
    files = sorted(f for p in inputs for f in ([p] if p.is_file() else p.glob("*.pdf")))
    print(f"{'file':40} {'pages':>5} {'ours':>8} {'plumber':>8} {'speed-up':>8} {'edges':>8}")
    totals = [0, 0.0, 0.0]
    for f in files:
        try:
            pages = text_layer_words(f)
        except ExtractError as exc:
            print(f"{f.name:40} {exc.code}: {exc.message}")
            continue
        n = len(pages)
        tables = [p.number for p in pages if any(w.text in TABLE_WORDS for w in p.words)]
        t_ours = best_of(args.repeat, lambda f=f: ours(f))
        t_plumber = best_of(args.repeat, lambda f=f: plumber_text(f))
        t_edges = best_of(args.repeat, lambda f=f, t=tables: plumber_edges(f, t))
        totals[0] += n
        totals[1] += t_ours
        totals[2] += t_plumber
        print(
            f"{f.name:40} {n:5d} {1000 * t_ours / n:8.2f} {1000 * t_plumber / n:8.2f} "
            f"{t_plumber / t_ours:7.0f}x {1000 * t_edges / n:8.2f}"
        )
    n, t_ours, t_plumber = totals
    if n:
        ms_ours, ms_plumber = 1000 * t_ours / n, 1000 * t_plumber / n
        print(f"{'all':40} {n:5d} {ms_ours:8.2f} {ms_plumber:8.2f} {t_plumber / t_ours:7.0f}x")
    print("ms per page; edges: pdfplumber's page.edges on the table pages, spread over all pages")


if __name__ == "__main__":
    main()
