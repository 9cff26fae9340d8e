"""Text-input throughput: pages per second, and the share of time per stage.

    python benchmarks/bench_text.py [FILES_OR_DIRS ...] [--repeat N]

Defaults to the bundled samples (data/raw) and, when present, ../shared/corpus/text.
Each file is parsed ``--repeat`` times in this one process (rules loaded once, as in a batch);
writing Parquet is timed separately on the collected rows.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from pipeline.batch import discover
from pipeline.parse import STAGES, parse_document
from pipeline.rules import load_rules
from pipeline.store import rows_to_table, write_snapshot
from pipeline.store.rows import plan_rows
from pipeline.store.schema import TABLES
from pipeline.version import parser_version

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    inputs = args.inputs or [
        p for p in (ROOT / "data" / "raw", ROOT.parent / "shared" / "corpus" / "text") if p.exists()
    ]
    files = [f for p in inputs for f in discover(p) if f.suffix == ".txt"]
    rules = load_rules()
    timings: dict[str, float] = {}
    pages = docs = 0
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    version, now = parser_version(), datetime.now(UTC)
    start = time.perf_counter()
    for _ in range(args.repeat):
        for path in files:
            plan = parse_document(path, rules, timings)
            pages += plan.source.n_pages or 1
            docs += 1
            for name, table_rows in plan_rows(plan, version, now).items():
                rows[name].extend(table_rows)
    parse_seconds = time.perf_counter() - start
    t0 = time.perf_counter()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        write_snapshot(
            Path(tmp),
            {n: rows_to_table(n, r) for n, r in rows.items()},
            {"parser_version": version, "benchmark": True},
        )
    timings["store"] = time.perf_counter() - t0
    total = parse_seconds + timings["store"]

    print(f"files: {len(files)} x {args.repeat} = {docs} documents, {pages} pages")
    print(f"throughput: {pages / total:,.0f} pages/s, {docs / total:,.1f} documents/s ({total:.2f} s)")
    print("share of time per stage:")
    for stage in (*STAGES, "store"):
        seconds = timings.get(stage, 0.0)
        print(f"  {stage:<10} {seconds:8.3f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
