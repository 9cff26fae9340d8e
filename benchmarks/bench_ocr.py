"""OCR quality and speed on the scans of ../shared/corpus/pdf, against their clean originals.

    python benchmarks/bench_ocr.py quality [--stems 000 001 002] [--dpi 200 300] [--psm 3 4 6]
                                           [--deskew none image words]
    python benchmarks/bench_ocr.py skew    [--stems ...]
    python benchmarks/bench_ocr.py speed   [--stems 000] [--pages N]
    python benchmarks/bench_ocr.py tables  [--stems ...]
    python benchmarks/bench_ocr.py layers  [--stems ...]

``quality``: word error rate of ``ocr_pages`` per configuration, against the clean PDF's
text layer page by page, in two orders: Tesseract's reading order against pdfplumber's
``extract_text``, and line order (both sides through ``layout.page_lines``, as the pipeline
reads them, so line grouping of slanted words counts); plus how far OCR word boxes stand
from the same words in the clean PDF (median, points) and how much the words of one clean
line spread in height on the OCR page (mean of max-min, points).

``skew``: the skew each method measures against the page's true turn, found by fitting the
OCR words of the unstraightened scan onto the clean words.

``speed``: seconds per page of ``ocr_pages`` (all cores) against bare ``tesseract -l swe``
run page after page on the same pictures, in one run.

``tables``: table rows (``Line.cells``) that ``layout.document_lines`` reads from the OCR
pages, with the grid lines found in the scan and without them, against the rows it reads
from the clean PDF's text layer: rows whose cells all match.

``layers``: the English-OCR text layer of ``*-scan-ocr-eng.pdf`` as it is, after the repair
stage, and read again with Swedish Tesseract: WER of each against the clean text, and the
reading ``extract.ocr.choice`` keeps.
"""

from __future__ import annotations

import argparse
import itertools
import math
import shutil
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium

from pipeline.cores import ocr_workers
from pipeline.extract.layout.lines import page_lines
from pipeline.extract.ocr import pages as scan_ocr
from pipeline.extract.ocr import tesseract
from pipeline.extract.ocr.deskew import measure_skew
from pipeline.extract.ocr.page_image import page_image
from pipeline.extract.page import PageWords, Word
from plans_dev.measure.wer import ZERO, WerCounts, align, words

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"


def stem_paths(prefixes: list[str]) -> list[Path]:
    out = []
    for prefix in prefixes:
        clean = [p for p in sorted(CORPUS.glob(f"{prefix}_*.pdf")) if "-scan" not in p.name]
        out.extend(clean)
    return out


def scan_of(clean: Path, suffix: str = "-scan") -> Path:
    return clean.with_name(f"{clean.stem}{suffix}.pdf")


def plumber_pages(path: Path) -> list[PageWords]:
    """Text-layer words of every page (pdfplumber), for the reference and the OCR layers."""
    out = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            found = page.extract_words(keep_blank_chars=False, use_text_flow=True)
            ws = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in found]
            out.append(PageWords(n, float(page.width), float(page.height), ws))
    return out


def plumber_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def line_text(page: PageWords) -> str:
    return "\n".join(line.text for line in page_lines(page))


def reading_text(page: PageWords) -> str:
    return " ".join(w.text for w in page.words)


def wer(reference: str, hypothesis: str) -> WerCounts:
    ref = words(reference)
    return align(ref, words(hypothesis)).counts(len(ref))


def matched(clean: PageWords, read: PageWords) -> list[tuple[Word, Word]]:
    """Pairs of words that occur once on each page (a safe match by text)."""
    a = Counter(w.text for w in clean.words)
    b = Counter(w.text for w in read.words)
    by_text = {w.text: w for w in read.words if b[w.text] == 1}
    return [(w, by_text[w.text]) for w in clean.words if a[w.text] == 1 and w.text in by_text]


def middle(w: Word) -> tuple[float, float]:
    return ((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2)


def geometry(clean: PageWords, read: PageWords) -> tuple[list[float], list[float]]:
    """Distances of matched word middles, and the height spread of each clean line's words."""
    pairs = matched(clean, read)
    dists = [math.dist(middle(c), middle(r)) for c, r in pairs]
    lines: dict[int, list[float]] = {}
    for c, r in pairs:
        lines.setdefault(round(c.bottom), []).append(middle(r)[1])
    spreads = [max(ys) - min(ys) for ys in lines.values() if len(ys) >= 3]
    return dists, spreads


def percent_signs(clean: PageWords, read: PageWords) -> tuple[int, int]:
    """Per cent signs of the clean page, and how many of them the OCR words under them have."""
    signs = [w for w in clean.words if "%" in w.text]
    found = 0
    for sign in signs:
        x, y = middle(sign)
        under = [w for w in read.words if w.x0 - 1 <= x <= w.x1 + 1 and w.top - 2 <= y <= w.bottom + 2]
        found += any("%" in w.text for w in under)
    return len(signs), found


def quality(args: argparse.Namespace) -> None:
    print(
        "file  dpi psm deskew  language  erase reread%  WER(reading)  WER(lines)  pos.err(pt)  "
        "line spread(pt)  % read  s"
    )
    grid = [
        scan_ocr.Settings(dpi, psm, deskew, language, bool(erase), bool(reread))  # type: ignore[arg-type]
        for dpi, psm, deskew, language, erase, reread in itertools.product(
            args.dpi, args.psm, args.deskew, args.language, args.erase, args.reread
        )
    ]
    for clean_path in stem_paths(args.stems):
        scan = scan_of(clean_path)
        ref_texts = plumber_texts(clean_path)
        ref_pages = plumber_pages(clean_path)
        ref_lines = [line_text(p) for p in ref_pages]
        for settings in grid:
            t0 = time.perf_counter()
            read = scan_ocr.ocr_pages(scan, settings=settings)
            seconds = time.perf_counter() - t0
            by_reading = by_lines = ZERO
            dists: list[float] = []
            spreads: list[float] = []
            signs = signs_read = 0
            for ref_text, ref_line, ref_page, page in zip(ref_texts, ref_lines, ref_pages, read, strict=True):
                by_reading += wer(ref_text, reading_text(page))
                by_lines += wer(ref_line, line_text(page))
                d, s = geometry(ref_page, page)
                dists += d
                spreads += s
                n, found = percent_signs(ref_page, page)
                signs += n
                signs_read += found
            print(
                f"{clean_path.name[:3]}  {settings.dpi} {settings.psm:>3} {settings.deskew:<6}  "
                f"{settings.language:<8}  {'yes' if settings.erase_lines else 'no':<5} "
                f"{'yes' if settings.reread_percent else 'no':<7}  "
                f"{by_reading.rate:12.4f}  {by_lines.rate:10.4f}  "
                f"{statistics.median(dists):11.2f}  {statistics.mean(spreads):15.2f}  "
                f"{signs_read:>2}/{signs:<2}   {seconds:5.0f}",
                flush=True,
            )


def fitted_turn(clean: PageWords, read: PageWords) -> float | None:
    """The turn (degrees, as ``deskew`` counts it) that best maps clean middles onto OCR ones."""
    pairs = matched(clean, read)
    if len(pairs) < 10:
        return None
    cs = [middle(c) for c, _ in pairs]
    rs = [middle(r) for _, r in pairs]
    cx, cy = statistics.fmean(p[0] for p in cs), statistics.fmean(p[1] for p in cs)
    rx, ry = statistics.fmean(p[0] for p in rs), statistics.fmean(p[1] for p in rs)
    num = sum((a[0] - cx) * (b[1] - ry) - (a[1] - cy) * (b[0] - rx) for a, b in zip(cs, rs, strict=True))
    den = sum((a[0] - cx) * (b[0] - rx) + (a[1] - cy) * (b[1] - ry) for a, b in zip(cs, rs, strict=True))
    return math.degrees(math.atan2(num, den))


def skew(args: argparse.Namespace) -> None:
    errors: dict[str, list[float]] = {"projection": [], "word lines": []}
    for clean_path in stem_paths(args.stems):
        scan = scan_of(clean_path)
        ref_pages = plumber_pages(clean_path)
        read = scan_ocr.ocr_pages(scan, settings=scan_ocr.Settings(deskew="none"))
        tsv_read = _tsv_lines(scan)
        document = pdfium.PdfDocument(str(scan))
        for ref_page, page, lines in zip(ref_pages, read, tsv_read, strict=True):
            truth = fitted_turn(ref_page, page)
            picture = page_image(document[page.number - 1], page.number, 200)
            projection = measure_skew(picture.decoded(), picture.dpi)
            from_words = skew_from_lines(lines)
            if truth is None:
                continue
            errors["projection"].append(projection - truth)
            errors["word lines"].append(from_words - truth)
            print(
                f"{scan.name[:3]} p{page.number:<3} true {truth:+.3f}  projection {projection:+.2f}"
                f"  word lines {from_words:+.2f}"
            )
        document.close()
    for name, errs in errors.items():
        print(
            f"{name}: mean abs error {statistics.fmean(abs(e) for e in errs):.3f}°, "
            f"max {max(abs(e) for e in errs):.3f}°, bias {statistics.fmean(errs):+.3f}°"
        )


def skew_from_lines(lines: Sequence[Sequence[tuple[float, float, float, float]]]) -> float:
    """The skew from OCR word boxes ``(x0, top, x1, bottom)`` grouped into lines.

    The alternative to ``deskew.measure_skew``: free once Tesseract has read the page, no
    picture needed.

    Each line of three or more words gives the least-squares slope of its word middles;
    the median over lines (weighted by words) is robust to the odd line that is really two.
    """
    slopes: list[tuple[float, int]] = []
    for boxes in lines:
        if len(boxes) < 3:
            continue
        xs = np.array([(b[0] + b[2]) / 2 for b in boxes])
        ys = np.array([(b[1] + b[3]) / 2 for b in boxes])
        spread = xs - xs.mean()
        denom = float(np.dot(spread, spread))
        if denom <= 0:
            continue
        slopes.append((float(np.dot(spread, ys - ys.mean())) / denom, len(boxes)))
    if not slopes:
        return 0.0
    slopes.sort()
    half = sum(n for _, n in slopes) / 2
    seen = 0
    for slope, n in slopes:
        seen += n
        if seen >= half:
            return round(math.degrees(math.atan(slope)), 2)
    return 0.0  # unreachable


def _tesseract_path() -> str:
    """The Tesseract executable, run bare here to time it against the pipeline."""
    tesseract.TesseractCli().require()
    return shutil.which(tesseract.TESSERACT) or tesseract.TESSERACT


def _tsv_lines(scan: Path) -> list[list[list[tuple[float, float, float, float]]]]:
    executable = _tesseract_path()
    document = pdfium.PdfDocument(str(scan))
    out = []
    for i in range(len(document)):
        picture = page_image(document[i], i + 1, 200)
        read = tesseract.run_tesseract(
            executable, picture.ocr_bytes(), language="swe", psm=scan_ocr.PSM, dpi=picture.dpi
        )
        lines: dict[tuple[int, int, int], list[tuple[float, float, float, float]]] = {}
        for word in read:
            lines.setdefault(word.line, []).append(word.box)
        out.append(list(lines.values()))
    document.close()
    return out


def speed(args: argparse.Namespace) -> None:
    executable = _tesseract_path()
    for clean_path in stem_paths(args.stems):
        scan = scan_of(clean_path)
        document = pdfium.PdfDocument(str(scan))
        n = min(args.pages or len(document), len(document))
        pictures = [page_image(document[i], i + 1, args.dpi) for i in range(n)]
        blobs = [p.ocr_bytes() for p in pictures]
        document.close()
        bare = pipeline_s = 0.0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for blob, picture in zip(blobs, pictures, strict=True):
                command = [executable, "stdin", "stdout", "-l", args.language, "--psm", str(scan_ocr.PSM)]
                subprocess.run(
                    [*command, "--dpi", str(round(picture.dpi)), "tsv"],
                    input=blob,
                    capture_output=True,
                    check=True,
                    env=None if args.omp_default else tesseract.tesseract_env(),
                )
            bare += time.perf_counter() - t0
            t0 = time.perf_counter()
            settings = scan_ocr.Settings(dpi=args.dpi, deskew=args.deskew, language=args.language)
            scan_ocr.ocr_pages(scan, list(range(1, n + 1)), settings=settings, workers=args.workers)
            pipeline_s += time.perf_counter() - t0
        pages = n * args.repeat
        print(
            f"{scan.name}: {n} pages x {args.repeat}, -l {args.language}; bare tesseract, one after another "
            f"{'(OpenMP threads) ' if args.omp_default else ''}"
            f"{bare / pages:.2f} s/page; ocr_pages ({args.workers or ocr_workers()} workers, deskew "
            f"{args.deskew}) {pipeline_s / pages:.2f} s/page; ratio {pipeline_s / bare:.2f}"
        )


def table_rows(pages: list[PageWords]) -> Counter[tuple[str, ...]]:
    from pipeline.extract.layout.document import document_lines
    from pipeline.rules import load_rules

    return Counter(line.cells for line in document_lines(pages, load_rules()) if line.cells)


def tables(args: argparse.Namespace) -> None:
    from dataclasses import replace

    from pipeline.extract.pdf.text_layer import text_layer_words

    print("file  clean rows  right with scan lines  right without")
    for clean_path in stem_paths(args.stems):
        reference = table_rows(text_layer_words(clean_path))
        read = scan_ocr.ocr_pages(scan_of(clean_path))
        with_lines = table_rows(read)
        without = table_rows([replace(p, rulings=[]) for p in read])
        n = sum(reference.values())
        right_with = sum((reference & with_lines).values())
        right_without = sum((reference & without).values())
        print(f"{clean_path.name[:3]}  {n:10}  {right_with:21}  {right_without:13}", flush=True)
        if args.verbose:
            for row in (reference - with_lines).elements():
                print("   missed:", row)
            for row in (with_lines - reference).elements():
                print("   read:  ", row)


def layers(args: argparse.Namespace) -> None:
    from pipeline.extract.ocr.choice import better_reading, swedish_score
    from pipeline.extract.pdf.text_layer import text_layer_words
    from pipeline.repair.ocr import RepairContext, repair_text

    context = RepairContext.build()
    print("file  WER: layer  repaired  re-OCR(swe)  chosen   | pages: re-OCR chosen / layer chosen")
    for clean_path in stem_paths(args.stems):
        eng = scan_of(clean_path, "-scan-ocr-eng")
        ref_pages = text_layer_words(clean_path)
        layer_pages = text_layer_words(eng)
        read = scan_ocr.ocr_pages(eng)
        totals = {"layer": ZERO, "repaired": ZERO, "ocr": ZERO, "chosen": ZERO}
        kept = Counter()
        for ref_page, layer, again in zip(ref_pages, layer_pages, read, strict=True):
            ref = line_text(ref_page)
            layer_text = line_text(layer)
            repaired, _ = repair_text(layer_text, context)
            chosen = better_reading(layer, again)
            kept[chosen.reader] += 1
            chosen_text = line_text(chosen)
            if chosen is layer:
                chosen_text = repaired  # a kept layer goes on to the repair stage
            totals["layer"] += wer(ref, layer_text)
            totals["repaired"] += wer(ref, repaired)
            totals["ocr"] += wer(ref, line_text(again))
            totals["chosen"] += wer(ref, chosen_text)
            if args.verbose:
                print(
                    f"  p{layer.number}: layer {swedish_score(layer)}  ocr {swedish_score(again)}"
                    f"  -> {chosen.reader}"
                )
        print(
            f"{clean_path.name[:3]}  {totals['layer'].rate:10.4f} {totals['repaired'].rate:9.4f} "
            f"{totals['ocr'].rate:12.4f} {totals['chosen'].rate:8.4f}   | "
            f"{kept['ocr']} / {sum(kept.values()) - kept['ocr']}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("quality", "skew", "speed", "tables", "layers"):
        p = sub.add_parser(name)
        p.add_argument("--stems", nargs="+", default=["000", "001", "002"])
        p.add_argument("-v", "--verbose", action="store_true")
    sub.choices["quality"].add_argument("--dpi", nargs="+", type=int, default=[200, 300])
    sub.choices["quality"].add_argument("--psm", nargs="+", type=int, default=[3, 4, 6])
    sub.choices["quality"].add_argument("--deskew", nargs="+", default=["none", "image", "words"])
    sub.choices["quality"].add_argument("--language", nargs="+", default=["swe"])
    sub.choices["quality"].add_argument(
        "--reread", nargs="+", type=int, default=[1], help="1/0: per cent signs read again with eng"
    )
    sub.choices["quality"].add_argument(
        "--erase", nargs="+", type=int, default=[1], help="1/0: table lines painted over before OCR"
    )
    sub.choices["speed"].add_argument("--pages", type=int, default=None)
    sub.choices["speed"].add_argument("--repeat", type=int, default=1)
    sub.choices["speed"].add_argument("--dpi", type=int, default=scan_ocr.DPI)
    sub.choices["speed"].add_argument("--deskew", default=scan_ocr.DESKEW)
    sub.choices["speed"].add_argument("--workers", type=int, default=None)
    sub.choices["speed"].add_argument("--language", default="swe")
    sub.choices["speed"].add_argument(
        "--omp-default", action="store_true", help="bare tesseract without OMP_THREAD_LIMIT=1"
    )
    args = parser.parse_args()
    commands = {"quality": quality, "skew": skew, "speed": speed, "tables": tables, "layers": layers}
    commands[args.command](args)


if __name__ == "__main__":
    main()
