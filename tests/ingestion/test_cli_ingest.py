"""``plans ingest`` as cron runs it: quiet off a terminal but for one summary line, JSON
logs on request, a progress bar on request, exit status 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "fritidsgard_2025.txt"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    text = FIXTURE.read_text(encoding="utf-8")
    (raw / "good.txt").write_text(text, encoding="utf-8")
    (raw / "other.txt").write_text(text.replace("Axelsberg", "Västertorp"), encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "notes.xlsx").write_bytes(b"PK\x03\x04")
    return raw


def plans(*args: str) -> subprocess.CompletedProcess:
    """The command as cron runs it: no terminal, output captured."""
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True)


def test_off_a_terminal_only_the_summary_line(batch: Path, tmp_path: Path):
    proc = plans("ingest", str(batch), "--out", str(tmp_path / "out"), "--workers", "1")
    assert proc.returncode == 1  # empty.txt failed
    assert proc.stderr == ""
    (line,) = proc.stdout.splitlines()
    assert line.startswith("2 documents read, 1 failed (1 new);") and "this run: 3 parsed" in line


def test_json_log_one_object_per_line(batch: Path, tmp_path: Path):
    out = tmp_path / "out"
    proc = plans("ingest", str(batch), "--out", str(out), "--workers", "1", "--log-format", "json")
    assert proc.returncode == 1 and proc.stderr == ""
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events[0]["event"] == "start" and events[0]["files"] == 4 and events[0]["to_parse"] == 3
    assert events[-1]["event"] == "summary"
    summary = events[-1]
    assert (summary["documents"], summary["failed"], summary["exit_status"], summary["written"]) == (
        2,
        1,
        1,
        True,
    )
    problems = [e for e in events if e["event"] == "problem"]
    assert [(Path(p["source_path"]).name, p["code"]) for p in problems] == [
        ("empty.txt", "empty"),
        ("notes.xlsx", "unsupported_format"),  # discover problems too (logged when new)
    ]
    again = plans("ingest", str(batch), "--out", str(out), "--log-format", "json")
    (start, summary) = [json.loads(line) for line in again.stdout.splitlines()]
    assert (start["to_parse"], summary["parsed"], summary["written"], summary["exit_status"]) == (
        0,
        0,
        False,
        1,
    )


def test_progress_bar_with_rate_and_eta_on_request(batch: Path, tmp_path: Path):
    proc = plans("ingest", str(batch), "--out", str(tmp_path / "out"), "--workers", "1", "--progress")
    assert "doc/s" in proc.stderr or "s/doc" in proc.stderr
    assert "<" in proc.stderr  # tqdm's "elapsed<remaining"
    assert len(proc.stdout.splitlines()) == 1


def test_notices_go_to_stderr_and_quiet_hides_them(batch: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(batch), "--out", str(out), "--workers", "0"]) == 1
    (out / "_current").resolve().joinpath("_manifest.parquet").unlink()
    capsys.readouterr()
    assert main(["ingest", str(batch), "--out", str(out), "--workers", "0"]) == 1
    assert "no manifest" in capsys.readouterr().err
    (out / "_current").resolve().joinpath("_manifest.parquet").unlink()
    assert main(["ingest", str(batch), "--out", str(out), "--workers", "0", "-q"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "" and len(captured.out.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [["--workers", "-1"], ["--timeout", "x"], ["--log-format", "xml"], ["--memory-limit", "-5"]],
)
def test_bad_options_exit_2(batch: Path, tmp_path: Path, args: list[str], capsys):
    assert main(["ingest", str(batch), "--out", str(tmp_path / "out"), *args]) == 2
    assert not (tmp_path / "out").exists()


def test_output_that_is_not_ours_exits_2_and_is_left_alone(batch: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    (out / "goals").mkdir(parents=True)
    assert main(["ingest", str(batch), "--out", str(out), "--workers", "0"]) == 2
    assert "refusing to write or delete anything" in capsys.readouterr().err
    assert (out / "goals").is_dir() and not (out / "goals").is_symlink()
    assert sorted(p.name for p in out.iterdir()) == ["goals"]  # refused before any work
