"""Kill a real ``plans ingest`` process (SIGKILL) at many points of an incremental run: after
every kill the tables are exactly those before the run or those after it, and the next run
ends with the tables of an uninterrupted run.

Kills are chained: a run is killed, the next one (which resumes from the spool) is killed
again, and so on, before a last run may finish. The kill points, seeded: a random delay from
the start (start-up, scan, planning, first results), after a random number of documents
parsed by that run (results reaching the spool), and at moments of the write phase found by
watching the output directory (a half-written snapshot, a snapshot written but not yet
current, the switch just made).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from archives import make_archive, tables_of

from pipeline.ingestion import ingest
from pipeline.store import TABLES

SEED = 20260301
CHAINS = 3


def cli(archive: Path, out: Path, workers: int) -> list[str]:
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(archive), "--out", str(out), "--prune"]
    return [*cmd, "--workers", str(workers)]


def copy_output(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


def same(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> bool:
    for name in TABLES:
        try:
            pd.testing.assert_frame_equal(got[name], want[name])
        except AssertionError:
            return False
    return True


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    """An archive that changes between two runs (plans added, edited, moved, copied, deleted;
    damaged ones among them), the output of the first run, and the tables before and after."""
    root = tmp_path_factory.mktemp("kill")
    archive = root / "archive"
    plans = make_archive(archive, 24, seed=31)
    before_out = root / "before"
    ingest(archive, before_out, workers=0, progress=False)
    make_archive(archive / "new", 6, seed=32)
    for path in plans[:2]:
        path.write_text(
            path.read_text(encoding="utf-8") + "\nÖvrigt\nTillagt i efterhand.\n", encoding="utf-8"
        )
    plans[4].unlink()
    plans[5].unlink()
    shutil.move(plans[6], archive / "new" / "moved.txt")
    shutil.copy(plans[8], archive / "a_copy.txt")
    reference = root / "reference"
    ingest(archive, reference, workers=0, full=True, progress=False)
    before, after = tables_of(before_out), tables_of(reference)
    assert not same(before, after)
    return archive, before_out, before, after


def run_until(cmd: list[str], stop: Callable[[], bool]) -> bool:
    """Run ``cmd``; SIGKILL it as soon as ``stop()`` says so. True if it was killed."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        if stop():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.001)
    assert proc.returncode == 0
    return False


def after_delay(seconds: float) -> Callable[[], bool]:
    deadline = time.monotonic() + seconds
    return lambda: time.monotonic() >= deadline


def after_results(out: Path, n: int) -> Callable[[], bool]:
    """True once this run has put ``n`` more results into the spool."""
    spool = out / "_work" / "results"
    known = set(spool.glob("*.pkl")) if spool.exists() else set()
    return lambda: len(set(spool.glob("*.pkl")) - known) >= n


def on_event(out: Path, event: str) -> Callable[[], bool]:
    snapshots = out / "_snapshots"
    current = os.readlink(out / "_current")
    known = set(os.listdir(snapshots))

    def new_snapshots() -> set[str]:
        return set(os.listdir(snapshots)) - known

    checks = {
        "snapshot half written": lambda: any(n.endswith(".partial") for n in new_snapshots()),
        "snapshot written, not current": lambda: (
            any(not n.endswith(".partial") for n in new_snapshots())
            and os.readlink(out / "_current") == current
        ),
        "just switched": lambda: os.readlink(out / "_current") != current,
    }
    return checks[event]


EVENTS = ("snapshot half written", "snapshot written, not current", "just switched")


def kill_points(rng: random.Random) -> list[list[tuple[str, object]]]:
    """Per chain: a delay, a count of results, a write-phase event (9 points in all; each
    write-phase event once, chains alternating one and two workers)."""
    chains = []
    for event in EVENTS[:CHAINS]:
        chains.append(
            [
                ("delay", round(rng.uniform(0.1, 2.5), 2)),
                ("results", rng.randint(1, 8)),
                ("event", event),
            ]
        )
    return chains


def stop_for(out: Path, kind: str, value) -> Callable[[], bool]:
    if kind == "delay":
        return after_delay(value)
    if kind == "results":
        return after_results(out, value)
    return on_event(out, value)


def test_killed_runs_leave_before_or_after_and_the_next_run_finishes(setting, tmp_path: Path):
    archive, before_out, before, after = setting
    chains = kill_points(random.Random(SEED))
    killed, states = [], {"before": 0, "after": 0}
    for n, chain in enumerate(chains):
        out = copy_output(before_out, tmp_path / f"out{n}")
        workers = 1 + n % 2  # one worker process, or two
        for kind, value in chain:
            if run_until(cli(archive, out, workers), stop_for(out, kind, value)):
                killed.append((kind, value))
            now = tables_of(out)
            state = "before" if same(now, before) else "after" if same(now, after) else None
            assert state, (
                f"chain {n}: after a kill at {kind} {value!r} the tables are neither before nor after"
            )
            states[state] += 1
        assert not run_until(cli(archive, out, workers), lambda: False)
        assert same(tables_of(out), after), f"chain {n}: the run after the kills did not end like a full run"
        assert not list((out / "_snapshots").glob("*.partial")) and len(os.listdir(out / "_snapshots")) <= 2
        assert not (out / "_work").exists() or not any((out / "_work").rglob("*.pkl"))
    points = sum(len(chain) for chain in chains)
    print(f"{len(killed)} of {points} runs killed; states after the kills: {states}")
    assert len(killed) >= points - 2, f"only {len(killed)} of {points} runs were killed before they ended"
    assert states["before"] and states["after"]  # kills landed on both sides of the switch
