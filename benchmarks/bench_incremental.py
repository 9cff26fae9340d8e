"""The nightly run at archive scale: what a full run, a no-op and a 1 % change cost.

    python benchmarks/bench_incremental.py [--n 1000] [--change 0.01] [--workers 2] [--archive DIR]
        [--out DIR] [--no-reference] [--timeline FILE]

(``--archive DIR`` keeps the generated plans: a later run with the same ``--n`` reuses them,
so ``--n 100000`` need generate them once. ``--no-reference`` leaves out the ``--full`` run
to compare with, ``--timeline FILE`` appends each run's progress and memory every 30 s: for
a run too long to wait for.)

Generates ``--n`` synthetic plans (``plans_dev.synth.archive``, every 4th OCR-damaged, so
that the repair context matters), then runs ``plans ingest`` as operations do (a fresh
process each time) and reports, side by side in one run:

- the full run into an empty output: seconds, peak memory (the parent and all its workers,
  sampled every 0.1 s), bytes written;
- a no-op re-run;
- a re-run after changing ``--change`` of the files (clean and damaged ones alike: a line
  added, as a revised plan would): its seconds and bytes written as a share of the full
  run's, and how many documents it parsed and repaired again;
- a ``--full`` run over the changed archive into the same output (the same repair context),
  whose tables must equal the incremental run's row for row.

Bytes written are the sizes of the files under the output that the run created or modified
(a file carried into the new snapshot by a hard link is not written again).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "dev")]

from plans_dev.outputs import compare_outputs  # noqa: E402
from plans_dev.synth.archive import write_archive  # noqa: E402

SEED = 1717
#: Seconds between the lines of ``--timeline``.
TIMELINE_EVERY = 30


class PeakMemory:
    """The largest summed resident memory of a process and its descendants, sampled;
    with ``timeline``, a line every ``TIMELINE_EVERY`` seconds there (seconds, CPU seconds of
    the run, resident MB of the parent, largest worker and all, results in the spool): how far
    a long run got."""

    def __init__(
        self, pid: int, every: float = 0.1, timeline: Path | None = None, out: Path | None = None
    ) -> None:
        self.pid, self.every = pid, every
        self.parent = self.workers = self.total = 0
        self.timeline, self.out = timeline, out
        self._started = time.perf_counter()
        self._logged = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                parent = root.memory_info().rss
                children = [c.memory_info().rss for c in root.children(recursive=True)]
            except psutil.Error:
                children, parent = [], 0
            self.parent = max(self.parent, parent)
            self.workers = max(self.workers, max(children, default=0))
            self.total = max(self.total, parent + sum(children))
            if self.timeline is not None and time.perf_counter() - self._logged >= TIMELINE_EVERY:
                self._log(parent, children)
            self._stop.wait(self.every)

    def _log(self, parent: int, children: list[int]) -> None:
        self._logged = time.perf_counter()
        try:
            root = psutil.Process(self.pid)
            cpu = sum(sum(p.cpu_times()[:2]) for p in [root, *root.children(recursive=True)])
        except psutil.Error:
            cpu = 0.0
        spool = self.out / "_work" / "results" if self.out else None
        spooled = len(os.listdir(spool)) if spool and spool.is_dir() else 0
        with open(self.timeline, "a", encoding="utf-8") as fh:
            fh.write(
                f"{self._logged - self._started:8.0f} s {cpu:8.0f} CPU s  parent {parent / 2**20:6.0f} MB  "
                f"largest worker {max(children, default=0) / 2**20:5.0f} MB  "
                f"all {(parent + sum(children)) / 2**20:6.0f} MB  "
                f"spooled results {spooled}\n"
            )

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ingest(
    archive: Path, out: Path, *extra: str, timeline: Path | None = None
) -> tuple[float, dict, PeakMemory, int]:
    """Run ``plans ingest``; its seconds, JSON summary (with ``cpu_seconds``: the CPU time of
    the run and its workers, what a loaded machine does not inflate), peak memory and bytes
    written."""
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(archive), "--out", str(out)]
    cmd += ["--log-format", "json"]
    started_ns = time.time_ns()
    started, cpu = time.perf_counter(), cpu_of_children()
    proc = subprocess.Popen([*cmd, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = PeakMemory(proc.pid, timeline=timeline, out=out)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    peak.stop()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}): {stdout[-2000:]} {stderr[-2000:]}")
    summary = json.loads(stdout.splitlines()[-1])
    summary["cpu_seconds"] = cpu_of_children() - cpu
    return seconds, summary, peak, written_since(out, started_ns)


def written_since(out: Path, since_ns: int) -> int:
    total = 0
    for dirpath, _, files in os.walk(out):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            if st.st_mtime_ns >= since_ns:
                total += st.st_size
    return total


def du(folder: Path) -> int:
    """Bytes of the files under ``folder``, each file once (hard links counted once)."""
    seen, total = set(), 0
    for dirpath, _, files in os.walk(folder):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


def change(archive: Path, share: float) -> list[Path]:
    """Add a line to every ``1/share``-th plan (in name order, so clean and damaged alike)."""
    paths = sorted(archive.rglob("*.txt"))
    step = max(1, round(1 / share))
    changed = paths[step // 2 :: step]
    for path in changed:
        data = path.read_bytes()
        encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            encoding, text = "cp1252", data.decode("cp1252")
        revised = text.rstrip("\n") + "\nReviderad efter nämndens beslut i december.\n"
        path.write_bytes(revised.encode(encoding))
    return changed


def describe(label: str, seconds: float, summary: dict, peak: PeakMemory, written: int) -> str:
    stages = ", ".join(f"{k} {v:.1f}" for k, v in summary.get("stage_seconds", {}).items())
    return (
        f"{label:24} {seconds:7.1f} s ({summary['cpu_seconds']:6.1f} CPU s)  "
        f"peak {peak.total / 2**20:6.0f} MB (parent {peak.parent / 2**20:.0f}, "
        f"largest worker {peak.workers / 2**20:.0f})  written {written / 2**20:7.1f} MB  "
        f"parsed {summary.get('parsed', 0):5d}  parts written {summary.get('parts_written', 0)}, "
        f"linked {summary.get('parts_linked', 0)}  [{stages}]"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--change", type=float, default=0.01)
    ap.add_argument("--workers", default="2")
    ap.add_argument("--archive", type=Path, help="where to generate (default: a temporary folder)")
    ap.add_argument("--full-only", action="store_true", help="the full run only (memory and speed at scale)")
    ap.add_argument(
        "--no-reference",
        action="store_true",
        help="no --full run to compare with (at 100,000 plans: another full run)",
    )
    ap.add_argument("--out", type=Path, help="where to ingest (default: a temporary folder)")
    ap.add_argument("--timeline", type=Path, help="append a line on each run's progress here every 30 s")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        archive = args.archive or Path(tmp) / "archive"
        started = time.perf_counter()
        if len(list(archive.rglob("*.txt"))) != args.n:  # a kept --archive of this size is reused
            shutil.rmtree(archive, ignore_errors=True)
            write_archive(archive, args.n, SEED, damaged_every=4, folders=max(1, args.n // 100))
        seconds = time.perf_counter() - started
        print(f"archive: {args.n} plans, every 4th damaged, generated in {seconds:.0f} s")
        out = args.out or Path(tmp) / "out"
        workers = ("--workers", args.workers)
        timeline = args.timeline
        if timeline:
            timeline.open("a").write("full run\n")
        full = ingest(archive, out, *workers, timeline=timeline)
        print(describe("full run", *full))
        size = sum(f.stat().st_size for f in (out / "_current").resolve().rglob("*") if f.is_file())
        print(
            f"  {args.n / full[0]:.1f} docs/s; snapshot {size / 2**20:.1f} MB in "
            f"{full[1].get('parts_written', 0)} parts; whole output {du(out) / 2**20:.1f} MB"
        )
        if args.full_only:
            return 0
        noop = ingest(archive, out, *workers)
        print(describe("no-op re-run", *noop))
        changed = change(archive, args.change)
        if timeline:
            timeline.open("a").write(f"{len(changed)} files changed\n")
        incremental = ingest(archive, out, *workers, timeline=timeline)
        print(describe(f"{len(changed)} files changed", *incremental))
        if args.no_reference:
            print(
                f"\nincremental / full: time {incremental[0] / full[0]:.3f} (CPU "
                f"{incremental[1]['cpu_seconds'] / full[1]['cpu_seconds']:.3f}), bytes written "
                f"{incremental[3] / max(full[3], 1):.3f}; no-op {noop[0]:.2f} s; "
                "not compared with a --full run"
            )
            return 0
        reference = Path(tmp) / "reference"
        shutil.copytree(out, reference, symlinks=True)
        again = ingest(archive, reference, *workers, "--full")
        print(describe("--full, same context", *again))
        verdicts = compare_outputs(out, reference)
        differ = [v for v in verdicts if not v.same]
        print(
            f"\nincremental / full: time {incremental[0] / full[0]:.3f} (CPU "
            f"{incremental[1]['cpu_seconds'] / full[1]['cpu_seconds']:.3f}), bytes written "
            f"{incremental[3] / max(full[3], 1):.3f}; no-op {noop[0]:.2f} s; peak memory full run "
            f"{full[2].total / 2**20:.0f} MB; tables equal to the --full run: "
            f"{'yes' if not differ else 'NO: ' + ', '.join(v.table for v in differ)}"
        )
    return 0 if not differ else 1


if __name__ == "__main__":
    raise SystemExit(main())
