"""One batch of malformed PDFs from public test suites plus good plans: time, memory, result.

    python benchmarks/bench_wild_pdf.py [--workers 2] [--timeout 60] [--memory-limit 4096] [--ocr auto]
                                        [--limit N]

The archive is made in a temporary folder from ``../shared/corpus/wild-pdf/*.pdf`` (copies)
and the good plans: ``data/raw/*.txt`` and the text-layer PDFs of ``../shared/corpus/pdf``.
It runs ``plans ingest`` as cron would and prints the seconds, the peak resident memory of
any one process of the run (the ingest or a worker, from ``RUSAGE_CHILDREN``), the exit
status, the ``problems`` rows by code, and whether every malformed PDF has an ``error`` row
and every good plan its ``documents`` row. Expected: exit 1, no file unaccounted for.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WILD = SHARED / "corpus" / "wild-pdf"


def make_archive(folder: Path, limit: int | None = None) -> tuple[list[str], list[str]]:
    """Copy the wild PDFs and the good plans into ``folder``; return (wild names, good names)."""
    wild_dir, good_dir = folder / "wild", folder / "good"
    wild_dir.mkdir(parents=True)
    good_dir.mkdir()
    wild = sorted(WILD.glob("*.pdf"))[:limit]
    for path in wild:
        shutil.copy(path, wild_dir / path.name)
    good = sorted((ROOT / "data" / "raw").glob("*.txt"))
    good += sorted(p for p in (SHARED / "corpus" / "pdf").glob("*.pdf") if "-scan" not in p.name)
    for path in good:
        shutil.copy(path, good_dir / path.name)
    return [f"wild/{p.name}" for p in wild], [f"good/{p.name}" for p in good]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--memory-limit", type=int, default=4096)
    parser.add_argument("--ocr", choices=("auto", "never", "always"), default="auto")
    parser.add_argument("--limit", type=int, default=None, help="only the first N wild PDFs")
    args = parser.parse_args()
    if not WILD.is_dir():
        print(f"{WILD}: not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        archive, out = Path(tmp) / "archive", Path(tmp) / "out"
        wild, good = make_archive(archive, args.limit)
        command = [
            sys.executable, "-m", "pipeline.cli", "ingest", str(archive), "--out", str(out),
            "--workers", str(args.workers), "--timeout", str(args.timeout),
            "--memory-limit", str(args.memory_limit), "--ocr", args.ocr,
        ]  # fmt: skip
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"files: {len(wild)} malformed PDFs + {len(good)} good plans")
        print(f"exit status: {proc.returncode}")
        print(f"seconds: {seconds:.1f}")
        print(f"peak RSS of one process: {peak_mb:.0f} MB")
        print(proc.stdout.strip() or proc.stderr.strip())
        if proc.returncode == 2:
            return 1
        import pipeline

        problems = pipeline.read_table(out, "problems")
        documents = pipeline.read_table(out, "documents")
        errors = set(problems[problems.severity == "error"].source_path)
        codes = collections.Counter(problems.code)
        print("problems rows:", len(problems), dict(sorted(codes.items())))
        unaccounted = [name for name in wild if name not in errors and name not in set(documents.source_path)]
        missing_good = [name for name in good if name not in set(documents.source_path)]
        print(f"malformed PDFs without an error row: {unaccounted or 'none'}")
        print(f"good plans without a documents row: {missing_good or 'none'}")
        for name in wild:
            if name in set(documents.source_path):
                print(f"  read as a plan: {name}")
        by_file = problems.drop_duplicates("source_path").set_index("source_path").code
        if os.environ.get("VERBOSE"):
            for name in wild:
                print(f"  {name}: {by_file.get(name, '-')}")
        return 0 if not unaccounted and not missing_good and proc.returncode == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
