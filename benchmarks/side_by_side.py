"""Speed against a reference commit, measured side by side in one run.

    python benchmarks/side_by_side.py [--ref a9e4f7e] [--rounds 3] [--repeat 5] [--only ingest --plans 500]

Checks the reference out into a temporary worktree and times, alternately with the code
there and the code here (each round runs both, so load on the machine hits both alike):
``text``, text parsing in pages per second (``benchmarks/bench_text.py``: the bundled samples
and ../shared/corpus/text), and ``pdf``, whole-pipeline seconds per page of the text PDFs in
../shared/corpus/pdf (``parse_document``: extract, repair, segment, tables, normalize).
Prints the median of each and the ratio here/reference (target: within 1.2x, i.e. text
pages/s at least 0.83 of the reference, PDF seconds per page at most 1.2 of it).

``rows`` times what a worker does with a text plan besides parsing it, too: parse and make its
rows (``pipeline.ingestion.work.plan_tables``: the tables, and since issue 15 the lemma index
and goal themes), in pages per second over the same files, warm (the first document, which
loads the rules and the Swedish pipeline once per worker process, is timed apart and printed).

``ingest`` runs ``pipeline.ingest`` in one process (``workers=0``) over ``--plans`` generated
text plans (``plans_dev.synth.archive``, every 4th OCR-damaged) into an empty output: the
whole job (rules and Swedish pipeline loaded, parse, repair with the batch's context, rows,
lemma index, derived tables, Parquet written), in documents per CPU second (CPU time: what
the job costs, less disturbed than wall time by other load on the machine).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

PDF_TIMING = """
import sys, time
from pathlib import Path
from pipeline.parse import parse_document
from pipeline.rules import load_rules
files = sorted(p for p in Path(sys.argv[1]).glob("*.pdf") if "scan" not in p.name)
rules = load_rules()
best = None
for _ in range(int(sys.argv[2])):
    pages, start = 0, time.perf_counter()
    for path in files:
        pages += parse_document(path, rules).source.n_pages or 1
    took = (time.perf_counter() - start) / pages
    best = took if best is None else min(best, took)
print(f"seconds per page: {best:.5f}")
"""


ROWS_TIMING = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from pipeline.ingestion.work import plan_tables
from pipeline.parse import parse_document
from pipeline.rules import load_rules
files = sorted(p for folder in sys.argv[2:] for p in Path(folder).glob("*.txt"))
rules, now = load_rules(), datetime.now(UTC)
start = time.perf_counter()
plan_tables(parse_document(files[0], rules), "bench", now)
first = time.perf_counter() - start
best = None
for _ in range(int(sys.argv[1])):
    pages, start = 0, time.perf_counter()
    for path in files:
        plan = parse_document(path, rules)
        plan_tables(plan, "bench", now)
        pages += plan.source.n_pages or 1
    rate = pages / (time.perf_counter() - start)
    best = rate if best is None else max(best, rate)
print(f"first document: {first:.2f} s")
print(f"throughput: {best:.2f} pages/s")
"""


def _env(code: Path) -> dict[str, str]:
    env = os.environ.copy()
    env["PYTHONPATH"] = f"{code}{os.pathsep}{code / 'dev'}"
    env["PLANS_RULES_DIR"] = str(code / "rules")
    return env


INGEST_TIMING = """
import sys, tempfile, time
t = time.process_time()
import pipeline
with tempfile.TemporaryDirectory() as out:
    result = pipeline.ingest(sys.argv[1], out, progress=False, workers=0)
took = time.process_time() - t
print(f"documents per CPU second: {int(sys.argv[2]) / took:.3f}")
"""


def _run(code: Path, bench: str, repeat: int, archive: Path | None = None, plans: int = 0) -> float:
    if bench == "text":
        cmd = [sys.executable, str(code / "benchmarks" / "bench_text.py"), "--repeat", str(repeat)]
        cmd += [str(ROOT / "data" / "raw"), *([str(SHARED / "corpus" / "text")] if SHARED.exists() else [])]
        pattern = r"throughput: ([\d,.]+) pages/s"
    elif bench == "rows":
        cmd = [sys.executable, "-c", ROWS_TIMING, str(repeat), str(ROOT / "data" / "raw")]
        cmd += [str(SHARED / "corpus" / "text")] if SHARED.exists() else []
        pattern = r"throughput: ([\d,.]+) pages/s"
    elif bench == "ingest":
        cmd = [sys.executable, "-c", INGEST_TIMING, str(archive), str(plans)]
        pattern = r"documents per CPU second: ([\d.]+)"
    else:
        cmd = [sys.executable, "-c", PDF_TIMING, str(SHARED / "corpus" / "pdf"), str(repeat)]
        pattern = r"seconds per page: ([\d.]+)"
    out = subprocess.run(cmd, env=_env(code), cwd=code, capture_output=True, text=True, check=True).stdout
    match = re.search(pattern, out)
    if match is None:
        raise SystemExit(f"no figure in the output of {cmd}:\n{out}")
    return float(match[1].replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="a9e4f7e")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", choices=("text", "rows", "pdf", "ingest"))
    ap.add_argument("--plans", type=int, default=500, help="generated plans of the ingest bench")
    args = ap.parse_args(argv)
    benches = (
        [args.only]
        if args.only
        else ["text", "rows", *(["pdf"] if (SHARED / "corpus" / "pdf").exists() else [])]
    )
    with tempfile.TemporaryDirectory() as tmp:
        ref, archive = Path(tmp) / "ref", Path(tmp) / "archive"
        if "ingest" in benches:
            from plans_dev.synth.archive import write_archive

            write_archive(archive, args.plans, seed=15015)
        add = ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(ref), args.ref]
        subprocess.run(add, check=True, capture_output=True)
        try:
            for bench in benches:
                here, there = [], []
                for _ in range(args.rounds):
                    there.append(_run(ref, bench, args.repeat, archive, args.plans))
                    here.append(_run(ROOT, bench, args.repeat, archive, args.plans))
                h, t = statistics.median(here), statistics.median(there)
                unit = {"pdf": "s/page", "ingest": "docs/cpu-s"}.get(bench, "pages/s")
                print(
                    f"{bench:5} reference {t:10.4f} {unit}  here {h:10.4f} {unit}  here/reference {h / t:.3f}"
                )
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(ref)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
