"""Eval scores per input format on our own plans, generated with their gold, ingested and
evaluated as the real plans are.

    python -m plans_dev.measure.formats [--n 30] [--n-legacy 20] [--n-tiff 4] [--seed 4242]
        [--formats docx,odt,html,doc,rtf,tif] [--keep DIR]

Prints, per format, precision/recall/F1 of goals, goal_sections, indicators, activities and
sections, the indicator target accuracy, and the furniture hits (expected: none).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

TABLES = ("goals", "goal_sections", "indicators", "activities", "sections")


def measure(fmt: str, n: int, seed: int, work: Path) -> str:
    from pipeline.evaluate import evaluate
    from pipeline.ingestion import ingest
    from plans_dev.synth.__main__ import doc_seed
    from plans_dev.synth.formats import write_format_document

    raw, gold, parsed = work / fmt / "raw", work / fmt / "gold", work / fmt / "parsed"
    raw.mkdir(parents=True)
    gold.mkdir(parents=True)
    for i in range(n):
        write_format_document(raw, f"{fmt}_{seed}_{i}", fmt, doc_seed(seed, i), gold)
    start = time.perf_counter()
    summary = ingest(raw, parsed, progress=False)
    seconds = time.perf_counter() - start
    report = evaluate(gold, parsed)
    scores = report.tables
    cells = " ".join(f"{scores[t].f1:.3f}" for t in TABLES)
    target = report.fields.get("indicators.target_raw")
    target_text = "-" if target is None or target.accuracy is None else f"{target.accuracy:.3f}"
    furniture = report.furniture_count
    return f"{fmt:5} {n:4d} {summary.failed:6d} {cells}  {target_text:>6}  {furniture:9d}  {seconds / n:6.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m plans_dev.measure.formats", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--n-legacy", type=int, default=20)
    ap.add_argument("--n-tiff", type=int, default=4)
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--formats", default="docx,odt,html,doc,rtf,tif")
    ap.add_argument("--keep", type=Path, help="keep the generated plans and tables here")
    args = ap.parse_args(argv)
    counts = {"doc": args.n_legacy, "rtf": args.n_legacy, "tif": args.n_tiff}
    print("F1 per table; target: indicators.target_raw accuracy; s/doc: ingest seconds per document")
    columns = " ".join(f"{t[:5]:>5}" for t in TABLES)
    print(f"{'fmt':5} {'docs':>4} {'failed':>6} {columns}  target  furniture  s/doc")
    with tempfile.TemporaryDirectory(prefix="measure-formats-") as tmp:
        work = args.keep or Path(tmp)
        for fmt in args.formats.split(","):
            print(measure(fmt, counts.get(fmt, args.n), args.seed, work), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
