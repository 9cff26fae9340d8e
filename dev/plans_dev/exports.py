"""Export-invariance harness: the same plans through every text exporter available here.

    python -m plans_dev.exports --n 200 --seed 13 --out DIR [--only NAME,...] [--workers 2]
                                [--generation numbered]

Our own synthetic plans are rendered to PDF (ruled and unruled tables), turned into text by
each exporter (poppler's ``pdftotext`` in its default and ``-layout`` modes, pdfplumber's
``extract_text``, pypdfium2's text page, and a Word-style export with tab-separated cells
built from the plan model), each set is ingested with ``plans ingest`` and scored against
the exact gold with ``plans eval``'s scorer. One line per exporter: F1 of goals,
goal_sections, indicators and activities. A parser that reads one exporter's text only
shows here as a low row.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from plans_dev.synth.__main__ import doc_seed
from plans_dev.synth.gold import gold_of
from plans_dev.synth.pdf import render_pdf
from plans_dev.synth.spec import random_plan
from plans_dev.synth.tabbed import render_tabbed
from plans_dev.synth.templates import DEFAULT, GENERATIONS, random_older_plan
from plans_dev.synth.unruled import render_unruled_pdf

SCORED = ("goals", "goal_sections", "indicators", "activities")


def _pdftotext(*flags: str) -> Callable[[Path, Path], None]:
    def export(pdf: Path, out: Path) -> None:
        subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", str(pdf), str(out)], check=True)

    return export


def _pdfplumber(pdf: Path, out: Path) -> None:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        out.write_text("\n".join(page.extract_text() or "" for page in doc.pages) + "\n", encoding="utf-8")


def _pdfium(pdf: Path, out: Path) -> None:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
    text = "\n".join(p.replace("\r\n", "\n").replace("\r", "\n") for p in pages)
    out.write_text(text + "\n", encoding="utf-8")


#: Text exporters of a ruled PDF: name -> (pdf, out .txt).
PDF_EXPORTERS: dict[str, Callable[[Path, Path], None]] = {
    "pdftotext": _pdftotext(),
    "pdftotext_layout": _pdftotext("-layout"),
    "pdfplumber": _pdfplumber,
    "pypdfium2": _pdfium,
}
#: Every input set the harness scores.
SETS = ("pdf_ruled", "pdf_unruled", *PDF_EXPORTERS, "word_tabs", "unruled_pdftotext")


def _make_one(args: tuple[Path, int, int, tuple[str, ...], str]) -> None:
    out, seed, i, sets, generation = args
    name = f"plan_{seed}_{i:04d}"
    doc = doc_seed(seed, i)
    spec = random_plan(doc, ocr=False) if generation == DEFAULT else random_older_plan(doc)
    gold = out / "gold" / f"{name}.gold.json"
    text = json.dumps(gold_of(spec, f"{name}.pdf"), ensure_ascii=False, indent=1)
    gold.write_text(text + "\n", encoding="utf-8")
    ruled = out / "pdf_ruled" / f"{name}.pdf"
    unruled = out / "pdf_unruled" / f"{name}.pdf"
    render_pdf(spec, ruled, doc)
    if "pdf_unruled" in sets or "unruled_pdftotext" in sets:
        render_unruled_pdf(spec, unruled, doc)
    for exporter, export in PDF_EXPORTERS.items():
        if exporter in sets:
            export(ruled, out / exporter / f"{name}.txt")
    if "unruled_pdftotext" in sets:
        PDF_EXPORTERS["pdftotext"](unruled, out / "unruled_pdftotext" / f"{name}.txt")
    if "word_tabs" in sets:
        (out / "word_tabs" / f"{name}.txt").write_text(render_tabbed(spec, doc), encoding="utf-8")


def generate(
    out: Path, n: int, seed: int, sets: tuple[str, ...], workers: int, generation: str = DEFAULT
) -> None:
    for d in ("gold", "pdf_ruled", "pdf_unruled", *sets):
        (out / d).mkdir(parents=True, exist_ok=True)
    jobs = [(out, seed, i, sets, generation) for i in range(n)]
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_make_one, jobs, chunksize=4))


def score(out: Path, name: str, workers: int) -> dict[str, float]:
    """Ingest one set with the CLI and score it against the gold: F1 per table."""
    from pipeline.evaluate import evaluate

    parsed = out / "parsed" / name
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(out / name), "--out", str(parsed)]
    cmd += ["--workers", str(workers), "-q", "--full"]
    subprocess.run(cmd, check=False, env=os.environ.copy(), capture_output=True)
    report = evaluate(out / "gold", parsed)
    tables = report.tables
    return {t: tables[t].f1 for t in SCORED}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m plans_dev.exports", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=200, help="plans per exporter")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--only", help="comma-separated sets (default: all): " + ",".join(SETS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-generate", action="store_true", help="score what --out already holds")
    ap.add_argument(
        "--generation",
        choices=sorted(GENERATIONS),
        default=DEFAULT,
        help="the generation of the template the plans are printed in (default: the current one)",
    )
    args = ap.parse_args(argv)
    sets = tuple(args.only.split(",")) if args.only else SETS
    if not args.no_generate:
        generate(args.out, args.n, args.seed, sets, args.workers, args.generation)
    print(f"{'set':<20}" + "".join(f"{t:>15}" for t in SCORED))
    worst = 1.0
    for name in sets:
        f1 = score(args.out, name, args.workers)
        worst = min(worst, *f1.values())
        print(f"{name:<20}" + "".join(f"{f1[t]:>15.3f}" for t in SCORED), flush=True)
    print(f"n={args.n} seed={args.seed} generation={args.generation} worst F1 {worst:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
