"""Are the tables the same as an earlier commit's? Ingest the same inputs with both, compare.

A refactoring must not change what users get. This ingests each input folder twice, once with
the code of an earlier git ref (checked out into a temporary worktree) and once with the code
installed here, and compares every table row for row. Columns that say *when* or *with which
version* a run happened (``ingested_at``, ``parser_version``) are left out; everything else
must be equal.

    python benchmarks/compare_outputs.py --old fd1fce5
    python benchmarks/compare_outputs.py --old main~3 --inputs data/raw ../shared/corpus/pdf

Prints one line per table and input with the row counts and the verdict, and the wall time of
each run side by side; exits 1 when any table differs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plans_dev.outputs import compare_outputs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = ("data/raw", "../shared/corpus/text", "../shared/corpus/pdf")


def ingest(code_dir: Path | None, source: Path, out: Path, cwd: Path) -> float:
    """Run ``plans ingest`` with the code in code_dir (None: the installed code); its wall time."""
    env = dict(os.environ)
    if code_dir is not None:
        env["PYTHONPATH"] = str(code_dir)
        env["PLANS_RULES_DIR"] = str(code_dir / "rules")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "ingest", str(source), "--out", str(out), "-q"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest of {source} failed ({done.returncode}): {done.stderr.strip()}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument("--old", required=True, help="git ref of the code to compare against")
    parser.add_argument("--inputs", nargs="+", default=DEFAULT_INPUTS, help="folders to ingest")
    parser.add_argument("--keep", type=Path, help="keep the outputs here instead of a temporary folder")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="compare-outputs-"))
    work.mkdir(parents=True, exist_ok=True)
    old_code = work / "old-code"
    if not old_code.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old_code), args.old],
            check=True,
            capture_output=True,
        )
    differ = False
    try:
        for name in args.inputs:
            source = (ROOT / name).resolve()
            if not source.exists():
                print(f"{name}: not here, skipped")
                continue
            label = source.name
            t_old = ingest(old_code, source, work / "old" / label, cwd=work)
            t_new = ingest(None, source, work / "new" / label, cwd=work)
            print(f"{name}: old {t_old:.1f} s, new {t_new:.1f} s (new/old {t_new / t_old:.2f})")
            for v in compare_outputs(work / "old" / label, work / "new" / label):
                differ |= not v.same
                print(f"  {v.table:<14} {v.rows_old:>6} {v.rows_new:>6}  {v.difference or 'same'}")
    finally:
        if args.keep is None:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_code)])
    print("tables differ" if differ else "every table the same")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
