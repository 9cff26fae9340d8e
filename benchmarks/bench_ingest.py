"""Archive-scale ingest: full-run throughput with 1 and 2 workers, and the cost of a no-op re-run.

    python benchmarks/bench_ingest.py [--n 5000] [--archive DIR] [--workers 1,2] [--repeat 2]

Generates ``--n`` synthetic plans (``plans_dev.synth.archive``: varied units, years, layouts
and encodings, every 5th OCR-damaged) into ``--archive`` (kept and reused when it already
holds them), then times the ``plans ingest`` command as operations run it (a fresh process,
``--full`` into an empty output) with each worker count, ``--repeat`` times each, and then a
re-run over the unchanged archive (which must parse and write nothing). Reports documents
per second, the speed-up of 2 workers over 1, and the no-op time and its share of a full run.
Timings on a shared machine are noisy: read the spread of the repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plans_dev.synth.archive import write_archive

SEED = 2026


def generate(archive: Path, n: int) -> None:
    marker = archive / ".generated"
    if marker.exists() and marker.read_text() == f"{n} {SEED}":
        print(f"archive: {archive} ({n} plans, reused)")
        return
    shutil.rmtree(archive, ignore_errors=True)
    started = time.perf_counter()
    write_archive(archive, n, SEED, damaged_every=5, folders=50)
    marker.write_text(f"{n} {SEED}")
    size = sum(p.stat().st_size for p in archive.rglob("*.txt")) / 1e6
    print(
        f"archive: {archive} ({n} plans, {size:.0f} MB, generated in {time.perf_counter() - started:.0f} s)"
    )


def _burn(n: int) -> float:
    started = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - started


def available_cores(n: int = 20_000_000) -> float:
    """How many cores this process really gets now: the same busy loop alone and twice in
    parallel. On a shared machine this bounds any speed-up, so it is printed beside them."""
    from concurrent.futures import ProcessPoolExecutor

    one = _burn(n)
    with ProcessPoolExecutor(2) as pool:
        started = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        two = time.perf_counter() - started
    return round(2 * one / two, 2)


def ingest(archive: Path, out: Path, *extra: str) -> tuple[float, dict]:
    """Run the command; return its wall time and its JSON summary (with ``cpu_seconds``: the
    CPU time of the command and its worker processes)."""
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "ingest",
        str(archive),
        "--out",
        str(out),
        "--log-format",
        "json",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([*cmd, *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}): {proc.stdout[-2000:]} {proc.stderr[-2000:]}")
    summary = json.loads(proc.stdout.splitlines()[-1])
    summary["cpu_seconds"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--archive", type=Path, default=Path(tempfile.gettempdir()) / "plans-bench-archive")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    generate(args.archive, args.n)
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
        f"cores available to a busy loop: {available_cores()}"
    )

    full: dict[int, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        for workers in (int(w) for w in args.workers.split(",")):
            for _ in range(args.repeat):
                shutil.rmtree(out, ignore_errors=True)
                seconds, summary = ingest(args.archive, out, "--full", "--workers", str(workers))
                assert summary["parsed"] >= args.n and summary["documents"] == args.n, summary
                full.setdefault(workers, []).append(seconds)
                cpu = summary["cpu_seconds"]
                stages = ", ".join(f"{k} {v:.1f} s" for k, v in summary["stage_seconds"].items())
                print(
                    f"full ingest, {workers} worker(s): {seconds:6.1f} s, {args.n / seconds:5.1f} docs/s; "
                    f"CPU {cpu:.0f} s ({1000 * cpu / args.n:.1f} ms/doc, {cpu / seconds:.2f} cores busy); "
                    f"{stages}; load {os.getloadavg()[0]:.1f}, cores available after it: {available_cores()}"
                )
        noop = []
        for _ in range(max(3, args.repeat)):
            seconds, summary = ingest(args.archive, out)
            assert summary["parsed"] == 0 and not summary["written"], summary
            noop.append(seconds)
            stages = ", ".join(f"{k} {v:.2f} s" for k, v in summary["stage_seconds"].items())
            print(f"no-op re-run: {seconds:.2f} s (in the command: {stages}; the rest is start-up)")

    print("\nsummary")
    best = {w: min(times) for w, times in full.items()}
    for workers, times in full.items():
        rates = ", ".join(f"{args.n / t:.1f}" for t in times)
        print(f"  {workers} worker(s): best {args.n / best[workers]:.1f} docs/s (runs: {rates})")
    if 1 in best and 2 in best:
        print(f"  speed-up 2 workers / 1 worker: {best[1] / best[2]:.2f}x (best runs)")
    fastest = min(best.values())
    median_noop = statistics.median(noop)
    print(
        f"  no-op re-run over {args.n} unchanged files: median {median_noop:.2f} s (min {min(noop):.2f} s), "
        f"{100 * median_noop / fastest:.1f} % of the fastest full run ({fastest:.1f} s)"
    )


if __name__ == "__main__":
    main()
