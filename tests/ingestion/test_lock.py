"""One writer per output: a second ingest is refused while one runs, and the lock of a dead
run is recognised (the kernel drops an flock with its process)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.ingestion.lock import LOCK_FILE, LockInfo, OutputLock, parse_lock_info

HOLD = "import sys, time; from pipeline.ingestion.lock import OutputLock; OutputLock(sys.argv[1]).acquire(); print('locked', flush=True); time.sleep(120)"  # noqa: E501


def hold_lock(out: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_ingest_is_refused_and_told_who_holds_the_lock(archive: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    holder = hold_lock(out)
    try:
        assert main(["ingest", str(archive), "--out", str(out), "-q"]) == 2
        err = capsys.readouterr().err
        assert f"pid {holder.pid}" in err and "another ingest" in err
        assert not (out / "_current").exists()  # nothing was written
    finally:
        holder.kill()
        holder.wait()


def test_lock_of_a_killed_run_is_recognised_and_taken_over(archive: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    holder = hold_lock(out)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert main(["ingest", str(archive), "--out", str(out), "--workers", "0"]) == 0
    captured = capsys.readouterr()
    assert f"pid {holder.pid}" in captured.err and "ended without finishing" in captured.err
    assert "12 documents read" in captured.out
    assert (out / LOCK_FILE).read_bytes() == b""  # a clean end clears the holder


def test_concurrent_real_runs_one_writes_the_other_is_refused(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(archive), "--out", str(out), "--workers", "1"]
    first = subprocess.Popen([*cmd, "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while parse_lock_info((out / LOCK_FILE).read_bytes() if (out / LOCK_FILE).exists() else b"") is None:
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.01)
    second = subprocess.run([*cmd, "--log-format", "json"], capture_output=True, text=True)
    assert second.returncode == 2
    (event,) = [json.loads(line) for line in second.stdout.splitlines()]
    assert event["event"] == "error" and f"pid {first.pid}" in event["message"]
    assert first.wait(60) == 0 and "12 documents read" in first.stdout.read()


def test_lock_info_round_trip():
    info = LockInfo(123, "host", "2026-01-01T00:00:00+00:00", "plans ingest a --out b")
    assert parse_lock_info(json.dumps(info.__dict__).encode()) == info


@given(st.binary(max_size=300))
def test_lock_info_parser_rejects_garbage_without_crashing(data: bytes):
    info = parse_lock_info(data)
    assert info is None or (isinstance(info, LockInfo) and info.pid > 0)


@given(
    st.dictionaries(
        st.sampled_from(["pid", "host", "started", "command", "x"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=20), st.booleans(), st.lists(st.integers())),
    )
)
def test_lock_info_parser_checks_field_types(raw: dict):
    info = parse_lock_info(json.dumps(raw).encode())
    if info is not None:
        assert isinstance(info.pid, int) and info.pid > 0 and isinstance(info.host, str)


def test_lock_is_exclusive_within_one_process_too(tmp_path: Path):
    with OutputLock(tmp_path):
        second = OutputLock(tmp_path)
        try:
            second.acquire()
        except Exception as exc:
            assert "another ingest" in str(exc)
        else:
            raise AssertionError("a second lock on the same output was granted")
