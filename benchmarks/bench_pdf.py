"""Whole-pipeline speed per PDF variant, next to the bare readers, in one run.

    python benchmarks/bench_pdf.py [--stems 000 001 002] [--variants text scan scan-ocr-eng synth-tif]
                                   [--engine tesserocr tesseract] [--pages]
                                   [--set NAME=VALUE ...] [--synth 3] [--seed 9191]
                                   [--against CHECKOUT ...]

For each variant of the plans in ../shared/corpus/pdf: seconds per page of the whole
pipeline (``pipeline.parse.parse_document``: extract, repair, segment, tables, normalize)
next to seconds per page of the bare tool on the same files: ``pdfplumber``'s
``page.extract_text()`` for text layers, ``tesseract -l swe`` page after page on the
same page images for scans (and, for scans, also one single-threaded tesseract per core
at once). Targets: text layers at most 1.0x, scans at most 1.0x of one tesseract per core (issue 14).

For scans the pipeline runs once per ``--engine`` (default: every OCR engine installed),
and each line gives CPU seconds per page too (this process and its children: the CLI
engine's tesseract processes and the bare tool's), so the in-process binding and the
command line are compared on the same pages in one run. Each pipeline line is followed by
the CPU seconds per page of its stages after extraction (repair, segment, tables, normalize).

The ``synth-tif`` variant does the same on ``--synth`` of our own plans generated as
multi-page TIFF scans (``plans_dev.synth``, seed ``--seed``; needs ``dev`` on PYTHONPATH):
the pipeline reads each file, bare tesseract its frames.

``--set tessedit_do_invert=1`` runs each engine once more with those Tesseract variables
set over the project's own (``ocr.tesseract_settings.VARIABLES``), in the same run: how a
setting was chosen, and how to try the next one.

``--against CHECKOUT ...`` runs the pipeline of other checkouts (a plain copy of an earlier
commit, ``git archive REV | tar -x -C DIR``) on the same pages in the same run, each and
this checkout in a child process of its own, timed alike: a change's speed-up measured side
by side on the same busy machine.

``--pages`` reads the scans once more, page by page, and prints for each page its words,
their mean confidence and how many are doubtful (``ocr.confidence``), and the CPU seconds of
each step of reading it (``ocr.pages.STEPS``: decode, deskew, lines, engine, rereads,
english, marks, words) with the
engine's milliseconds per word: where the next bottleneck is. (With the command-line engine
the engine's own process is not in its thread's time.)
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
VARIANTS = {"text": "", "scan": "-scan", "scan-ocr-eng": "-scan-ocr-eng"}
SYNTH = "synth-tif"


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_pdfplumber(path: Path) -> tuple[float, int]:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        n = len(pdf.pages)
    return time.perf_counter() - start, n


def page_pictures(path: Path, dpi: int = 200) -> list:
    """The pages as the bare tool gets them: a PDF's rendered in grey at ``dpi``, an image
    file's frames as stored."""
    from PIL import Image, ImageSequence

    if path.suffix.lower() != ".pdf":
        with Image.open(path) as image:
            return [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def bare_tesseract(path: Path, dpi: int = 200, parallel: bool = False) -> tuple[float, int, float]:
    """Render every page (not timed) and run tesseract -l swe on each, one after another;
    or, ``parallel``, one single-threaded tesseract per core at once, the best the bare
    tool does on this machine (its own threads lose to that on a busy one)."""
    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for i, image in enumerate(page_pictures(path, dpi)):
            target = Path(tmp) / f"p{i}.png"
            image.save(target)
            images.append(target)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"} if parallel else None

        def read(image: Path) -> None:
            command = ["tesseract", str(image), "stdout", "-l", "swe"]
            subprocess.run(command, capture_output=True, check=True, env=env)

        start, cpu = time.perf_counter(), cpu_seconds()
        with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) if parallel else 1) as pool:
            list(pool.map(read, images))
        return time.perf_counter() - start, len(images), cpu_seconds() - cpu


def synth_scans(folder: Path, n: int, seed: int) -> list[Path]:
    """``n`` of our own generated plans as multi-page TIFF scans (``plans_dev.synth``), in
    ``folder``."""
    from plans_dev.synth.__main__ import doc_seed
    from plans_dev.synth.formats import write_format_document

    return [
        write_format_document(folder, f"tif_{seed}_{i}", "tif", doc_seed(seed, i), None) for i in range(n)
    ]


def pipeline_time(
    path: Path, engine: str | None = None, stages: dict[str, float] | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds of the whole pipeline on ``path``, OCR by ``engine`` (default:
    the default engine); the seconds of the stages after extraction added to ``stages``."""
    from pipeline.extract import ExtractOptions, extract
    from pipeline.parse import parse_source

    options = ExtractOptions() if engine is None else ExtractOptions(ocr_engine=engine)
    start, cpu = time.perf_counter(), cpu_seconds()
    parse_source(extract(path, options), timings=stages)
    return time.perf_counter() - start, cpu_seconds() - cpu


def checkout_time(checkout: Path, path: Path, engine: str) -> tuple[float, float]:
    """Wall and CPU seconds of the whole pipeline of another ``checkout`` (its ``pipeline``,
    ``dev`` and ``rules``) on ``path``, measured as ``pipeline_time`` measures this one, in a
    child process (its lexicon loaded before the clock starts)."""
    env = {
        **os.environ,
        "PYTHONPATH": f"{checkout}{os.pathsep}{checkout / 'dev'}",
        "PLANS_RULES_DIR": str(checkout / "rules"),
    }
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(path), "--engine", engine]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=checkout)
    wall, cpu = done.stdout.split()[-2:]
    return float(wall), float(cpu)


def child(path: Path, engine: str) -> None:
    """``checkout_time``'s child: the pipeline of the checkout on PYTHONPATH, once."""
    from pipeline.repair import default_context

    default_context()
    wall, cpu = pipeline_time(path, engine)
    print(wall, cpu)


@contextmanager
def tesseract_variables(changes: dict[str, str]) -> Iterator[None]:
    """Tesseract's variables changed by ``changes`` for the block (both engines read them
    on each run; the binding loads APIs with them)."""
    from pipeline.extract.ocr.tesseract_settings import VARIABLES

    before = dict(VARIABLES)
    VARIABLES.update(changes)
    try:
        yield
    finally:
        VARIABLES.clear()
        VARIABLES.update(before)


def installed_engines() -> list[str]:
    from pipeline.extract.ocr.engines import ENGINES

    return [name for name, make in ENGINES.items() if make().available()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stems", nargs="*", default=["000", "001", "002"])
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), help=f"also {SYNTH}")
    parser.add_argument("--synth", type=int, default=3, help=f"plans generated for {SYNTH}")
    parser.add_argument("--seed", type=int, default=9191, help=f"seed of the {SYNTH} plans")
    parser.add_argument("--engine", nargs="*", default=None, help="OCR engines (default: all installed)")
    parser.add_argument("--pages", action="store_true", help="per-page steps, words and confidence of scans")
    parser.add_argument(
        "--set", nargs="*", default=[], metavar="NAME=VALUE", help="Tesseract variables to compare"
    )
    parser.add_argument(
        "--against",
        nargs="*",
        type=Path,
        default=[],
        metavar="CHECKOUT",
        help="other checkouts whose pipeline runs on the same pages in the same run (each and "
        "this one in a child process)",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.engine[0])
        return
    changes = dict(item.split("=", 1) for item in args.set)
    from pipeline.repair import default_context

    default_context()  # the lexicon loads once per process, not per document
    for variant in args.variants:
        if variant == "text":
            text_layers(args.stems)
        else:
            engines = args.engine or installed_engines()
            if variant == SYNTH:
                with tempfile.TemporaryDirectory(prefix="bench-synth-") as tmp:
                    paths = synth_scans(Path(tmp), args.synth, args.seed)
                    scans(variant, paths, engines, changes, args.against)
                continue
            scans(variant, [_path(stem, variant) for stem in args.stems], engines, changes, args.against)
            if args.pages:
                for engine in engines:
                    per_page(variant, args.stems, engine)


def _path(stem: str, variant: str) -> Path:
    folder = SHARED / "corpus" / "pdf"
    if variant == "text":
        (path,) = [p for p in folder.glob(f"{stem}_*.pdf") if "-scan" not in p.name]
    else:
        (path,) = folder.glob(f"{stem}_*{VARIANTS[variant]}.pdf")
    return path


def text_layers(stems: list[str]) -> None:
    ours = bare = 0.0
    pages = 0
    for stem in stems:
        path = _path(stem, "text")
        seconds, n = bare_pdfplumber(path)
        bare += seconds
        pages += n
        ours += pipeline_time(path)[0]
    print(
        f"{'text':<13} {pages:3d} pages  pipeline {ours / pages:.3f} s/page  "
        f"bare pdfplumber extract_text {bare / pages:.3f} s/page  ratio {ours / bare:.2f}x"
    )


def scans(
    variant: str,
    paths: list[Path],
    engines: list[str],
    changes: dict[str, str] | None = None,
    against: list[Path] | None = None,
) -> None:
    """Bare tesseract (one after another; one per core) and the pipeline with each engine
    (and again with the Tesseract variables ``changes``; and, for each checkout in
    ``against``, that checkout's pipeline next to this one's, each in a child process), on
    the same pages, each as wall and CPU seconds per page."""
    rows: dict[str, list[float]] = {}  # name -> [wall, cpu]
    changed = " ".join(f"-c {k}={v}" for k, v in (changes or {}).items())
    runs = [(engine, "") for engine in engines] + [(engine, changed) for engine in engines if changed]
    stages: dict[str, dict[str, float]] = {f"{engine} {c}".strip(): {} for engine, c in runs}
    pages = 0
    for path in paths:
        seconds, n, cpu = bare_tesseract(path)
        pages += n
        measured = {"bare tesseract -l swe, one after another": (seconds, cpu)}
        parallel, _, parallel_cpu = bare_tesseract(path, parallel=True)
        measured["bare tesseract -l swe, one per core"] = (parallel, parallel_cpu)
        for engine, c in runs:
            with tesseract_variables(changes if c else {}):
                label = f"{engine} {c}".strip()
                measured[f"pipeline --ocr-engine {label}"] = pipeline_time(path, engine, stages[label])
        for engine in engines if against else []:
            for checkout in [ROOT, *against]:
                name = f"pipeline --ocr-engine {engine} of {checkout.name} (child)"
                measured[name] = checkout_time(checkout, path, engine)
        for name, (wall, cpu) in measured.items():
            total = rows.setdefault(name, [0.0, 0.0])
            total[0] += wall
            total[1] += cpu
    base_wall, base_cpu = rows["bare tesseract -l swe, one per core"]
    names = ", ".join(p.stem for p in paths)
    print(f"{variant}: {pages} pages ({names}); ratios against one bare tesseract per core")
    for name, (wall, cpu) in rows.items():
        print(
            f"  {name:<60} {wall / pages:6.3f} s/page  {cpu / pages:6.3f} CPU s/page  "
            f"wall {wall / base_wall:.2f}x  CPU {cpu / base_cpu:.2f}x"
        )
        engine = name.removeprefix("pipeline --ocr-engine ")
        if engine in stages:
            after = "  ".join(f"{k} {v / pages:.3f}" for k, v in stages[engine].items())
            print(f"    after extraction, s/page: {after}")


def per_page(variant: str, stems: list[str], engine: str) -> None:
    """Each page's words, confidence and CPU seconds per reading step, read by ``engine``."""
    from pipeline.extract.ocr.confidence import ocr_quality
    from pipeline.extract.ocr.engines import ocr_engine
    from pipeline.extract.ocr.pages import STEPS, ocr_pages

    print(f"{variant} page by page, --ocr-engine {engine} (CPU seconds of the page's thread)")
    header = " ".join(f"{s:>7}" for s in STEPS)
    print(f"  {'page':<10} {'words':>5} {'conf':>5} {'doubt':>5}  {header}  ms/word")
    totals = dict.fromkeys(STEPS, 0.0)
    n_words = n_pages = 0
    for stem in stems:
        for page in ocr_pages(_path(stem, variant), engine=ocr_engine(engine)):
            quality = ocr_quality([page])
            words = len(page.words)
            steps = " ".join(f"{page.seconds.get(s, 0.0):7.3f}" for s in STEPS)
            per_word = 1000 * page.seconds.get("engine", 0.0) / max(1, words)
            mean = f"{quality.mean:5.1f}" if quality.mean is not None else "    -"
            doubt = len(quality.doubtful)
            print(f"  {stem}/{page.number:<6} {words:5d} {mean} {doubt:5d}  {steps}  {per_word:7.2f}")
            for s in STEPS:
                totals[s] += page.seconds.get(s, 0.0)
            n_words += words
            n_pages += 1
    steps = " ".join(f"{totals[s] / max(1, n_pages):7.3f}" for s in STEPS)
    per_word = 1000 * totals["engine"] / max(1, n_words)
    print(f"  {'mean':<10} {n_words / max(1, n_pages):5.0f} {'':>5} {'':>5}  {steps}  {per_word:7.2f}")


if __name__ == "__main__":
    main()
