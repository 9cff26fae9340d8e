"""Seconds per document per input format, next to the bare library reading it, in one run.

    python benchmarks/bench_formats.py [--n 20] [--n-tiff 2] [--seed 9090] [--formats docx,...] [--repeat 1]

Our own plans are generated in every format (``plans_dev.synth.formats``; not timed), then
each document is read, side by side and in turn:

- ``reader``: the pipeline's reader (``pipeline.extract.extract``: the file to lines);
- ``pipeline``: the whole pipeline (``pipeline.parse.parse_document``: extract, repair,
  segment, tables, normalize);
- ``bare``: the library alone: python-docx opening the document and iterating its paragraphs'
  and tables' text (.docx); odfpy loading it and walking every element's text (.odt);
  selectolax parsing the page and iterating every node's text (.html); LibreOffice
  ``soffice --headless --convert-to docx`` of the file (.doc, .rtf); ``tesseract -l swe``
  on each TIFF frame, one after another (.tif).

The ratio is reader / bare (target for digital formats: at most 1.5x) and pipeline / bare.
Times are CPU seconds (this process's and those of the programs it ran and waited for:
LibreOffice, tesseract), which other load on a shared machine disturbs far less than wall
time; still one pass varies, so ``--repeat k`` reads the documents k times, bare, reader and
pipeline in turn each time, and keeps each one's fastest pass (the same for all three, so
the ratio stays a fair one).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "dev")]


def bare_docx(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    _ = cell.text
        else:
            _ = block.text


def bare_odt(path: Path) -> None:
    from odf import teletype
    from odf.opendocument import load

    document = load(str(path))
    stack = [document.text]
    while stack:
        node = stack.pop()
        for child in node.childNodes:
            if child.nodeType == child.ELEMENT_NODE:
                if child.qname[1] in ("p", "h"):
                    _ = teletype.extractText(child)
                else:
                    stack.append(child)


def bare_html(path: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(path.read_bytes())
    for node in tree.body.traverse(include_text=True):
        _ = node.text_content if node.tag == "-text" else node.tag


def bare_soffice(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "docx",
             "--outdir", tmp, str(path)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip


def bare_tesseract(path: Path) -> None:
    from PIL import Image, ImageSequence

    with tempfile.TemporaryDirectory() as tmp, Image.open(path) as image:
        for k, frame in enumerate(ImageSequence.Iterator(image)):
            target = Path(tmp) / f"p{k}.png"
            frame.convert("L").save(target)
            subprocess.run(["tesseract", str(target), "-", "-l", "swe", "--psm", "4"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


BARE: dict[str, Callable[[Path], None]] = {
    "docx": bare_docx,
    "odt": bare_odt,
    "html": bare_html,
    "doc": bare_soffice,
    "rtf": bare_soffice,
    "tif": bare_tesseract,
}


def cpu_seconds() -> float:
    """CPU seconds of this process and of the child processes it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(function: Callable[[Path], object], paths: list[Path]) -> float:
    start = cpu_seconds()
    for path in paths:
        function(path)
    return (cpu_seconds() - start) / len(paths)


def main(argv: list[str] | None = None) -> int:
    from pipeline.extract import extract
    from pipeline.parse import parse_document
    from plans_dev.synth.__main__ import doc_seed
    from plans_dev.synth.formats import write_format_document

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20, help="documents per digital format")
    ap.add_argument("--n-legacy", type=int, default=5, help="documents per .doc/.rtf (LibreOffice ~2 s each)")
    ap.add_argument("--n-tiff", type=int, default=2, help="TIFF documents (OCR ~2-3 s a page)")
    ap.add_argument("--seed", type=int, default=9090)
    ap.add_argument("--formats", default="docx,odt,html,doc,rtf,tif")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the documents; the fastest one counts")
    args = ap.parse_args(argv)
    counts = {"doc": args.n_legacy, "rtf": args.n_legacy, "tif": args.n_tiff}
    head = ("format", "docs", "bare s/doc", "reader s/doc", "ratio", "pipeline s/doc", "ratio")
    print("CPU seconds per document")
    print("{:7} {:>4} {:>11} {:>13} {:>6} {:>15} {:>6}".format(*head))
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        for fmt in args.formats.split(","):
            if fmt in ("doc", "rtf") and shutil.which("soffice") is None:
                print(f"{fmt:7} skipped: LibreOffice is not installed")
                continue
            out = Path(tmp) / fmt
            out.mkdir()
            n = counts.get(fmt, args.n)
            paths = [
                write_format_document(out, f"{fmt}_{i}", fmt, doc_seed(args.seed, i), None) for i in range(n)
            ]
            extract(paths[0])  # warm: imports, rules, lexicon
            parse_document(paths[0])
            bare = reader = whole = float("inf")
            for _ in range(max(args.repeat, 1)):
                bare = min(bare, timed(BARE[fmt], paths))
                reader = min(reader, timed(extract, paths))
                whole = min(whole, timed(parse_document, paths))
            ratios = f"{reader / bare:5.2f}x {whole:15.5f} {whole / bare:5.2f}x"
            print(f"{fmt:7} {n:4d} {bare:11.5f} {reader:13.5f} {ratios}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
