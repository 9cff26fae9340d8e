"""What a user's folders can hold must not stop a run, lose their files, or leave work
running: one test per hole found by trying to break the ingest (issue 11), each on real
files, names, links and FIFOs made here, each checking that nothing outside the output
changed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.ingestion import ingest
from pipeline.ingestion.outdir import MARKER
from pipeline.ingestion.paths import bytes_of
from pipeline.store import read_table

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "fritidsgard_2025.txt"
NON_UTF8 = os.fsdecode(b"Plan_H\xe4gersten.txt")  # cp1252 "ä": not UTF-8


def state_of(folder: Path) -> dict[bytes, tuple[str, bytes]]:
    """Every name under ``folder`` (links not followed) with what it is: to see that a run
    changed nothing there."""
    out: dict[bytes, tuple[str, bytes]] = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(folder)):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                out[path] = ("link", os.readlink(path))
            elif os.path.isfile(path):
                with open(path, "rb") as fh:
                    out[path] = ("file", hashlib.sha256(fh.read()).digest())
            else:
                out[path] = ("other", b"")
    return out


@pytest.fixture
def plans_folder(tmp_path: Path) -> Path:
    raw = tmp_path / "archive"
    raw.mkdir()
    text = FIXTURE.read_text(encoding="utf-8")
    (raw / "good.txt").write_text(text, encoding="utf-8")
    (raw / NON_UTF8).write_text(text.replace("Axelsberg", "Västertorp"), encoding="utf-8")
    (raw / os.fsdecode(b"Bilaga_H\xe4gersten.xlsx")).write_bytes(b"x\n")
    return raw


def plans(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


# 1 -------------------------------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_read_kept_faithfully_and_recognised_next_run(
    plans_folder: Path, tmp_path: Path
):
    before = state_of(plans_folder)
    out = tmp_path / "out"
    summary = ingest(plans_folder, out, workers=0, progress=False)
    assert (summary.documents, summary.failed, summary.exit_code) == (2, 0, 0)
    docs = read_table(out, "documents")
    (stored,) = [p for p in docs.source_path if p.startswith("Plan_")]
    assert stored == "Plan_H\\xe4gersten.txt"  # readable, and the exact bytes come back:
    assert bytes_of(stored) == b"Plan_H\xe4gersten.txt"
    problems = read_table(out, "problems")
    assert problems.source_path.tolist() == ["Bilaga_H\\xe4gersten.xlsx"]
    assert problems.code.tolist() == ["unsupported_format"]
    again = ingest(plans_folder, out, workers=0, progress=False)
    assert (again.parsed, again.unchanged, again.moved, again.written) == (0, 2, 0, False)
    assert state_of(plans_folder) == before


# 2 -------------------------------------------------------------------------------------------


def test_a_folder_of_the_users_is_refused_and_left_as_it_was(plans_folder: Path, tmp_path: Path):
    out = tmp_path / "my documents"
    for name in ("_work", "_snapshots", "_cache"):
        (out / name).mkdir(parents=True)
        (out / name / "precious.txt").write_text("mine")
    (out / "notes.txt").write_text("mine too")
    before = state_of(out)
    proc = plans("ingest", str(plans_folder), "--out", str(out), "--workers", "0")
    assert proc.returncode == 2 and "not made by plans ingest" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert state_of(out) == before


def test_an_empty_folder_is_taken_and_marked_as_ours(plans_folder: Path, tmp_path: Path):
    out = tmp_path / "empty"
    out.mkdir()
    assert main(["ingest", str(plans_folder), "--out", str(out), "--workers", "0", "-q"]) == 0
    assert (out / MARKER).is_file()
    assert main(["ingest", str(plans_folder), "--out", str(out), "--workers", "0", "-q"]) == 0


# 3 -------------------------------------------------------------------------------------------


def test_out_that_is_the_archive_a_file_or_unwritable_is_one_line_and_exit_2(
    plans_folder: Path, tmp_path: Path
):
    before = state_of(plans_folder)
    for out in (plans_folder, tmp_path, plans_folder / "good.txt", plans_folder / "good.txt" / "sub"):
        proc = plans("ingest", str(plans_folder), "--out", str(out), "--workers", "0")
        assert proc.returncode == 2, (out, proc.stderr)
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert state_of(plans_folder) == before
    if Path("/sys/kernel").is_dir():  # sysfs: no folder can be made there, not even by root
        proc = plans("ingest", str(plans_folder), "--out", "/sys/plans_out", "--workers", "0")
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1
        assert proc.stderr.startswith("plans ingest: --out /sys/plans_out: cannot be created: ")
    if os.geteuid() != 0:  # root writes into read-only folders
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        proc = plans("ingest", str(plans_folder), "--out", str(locked / "out"), "--workers", "0")
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


# 4 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("planted", ["_lock", "_work", "_cache", "_snapshots", MARKER, "_work/results"])
def test_a_link_planted_in_the_output_is_never_followed(plans_folder: Path, tmp_path: Path, planted: str):
    out = tmp_path / "out"
    assert main(["ingest", str(plans_folder), "--out", str(out), "--workers", "0", "-q"]) == 0
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    (victim / "results").mkdir()
    (victim / "results" / "keep.pkl").write_text("not yours")
    (victim / "file.txt").write_text("not yours either")
    target = victim / "file.txt" if planted in ("_lock", MARKER) else victim
    path = out / planted
    path.parent.mkdir(exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        import shutil

        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)
    before = state_of(victim)
    (plans_folder / "good.txt").write_text(FIXTURE.read_text(encoding="utf-8") + "\nÄndrad.\n")
    proc = plans("ingest", str(plans_folder), "--out", str(out), "--workers", "0", "--full")
    assert proc.returncode == 2 and "symbolic link" in proc.stderr and "Traceback" not in proc.stderr
    assert state_of(victim) == before


# 8 -------------------------------------------------------------------------------------------


def test_links_loops_and_fifos_are_warned_about_and_every_failure_is_logged_with_new_ones_counted(
    plans_folder: Path, tmp_path: Path
):
    (plans_folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (plans_folder / "loop.txt").symlink_to(plans_folder / "loop.txt")
    (plans_folder / "folder_link").symlink_to(tmp_path)  # would make the walk leave the archive
    os.mkfifo(plans_folder / "pipe.txt")  # reading it would block the run forever
    (plans_folder / "copy.txt").write_bytes((plans_folder / "good.txt").read_bytes())
    (plans_folder / "empty.txt").write_bytes(b"")
    before = state_of(plans_folder)
    out = tmp_path / "out"
    proc = plans("ingest", str(plans_folder), "--out", str(out), "--workers", "1", "--log-format", "json")
    assert proc.returncode == 1, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    logged = {(e["source_path"], e["code"]) for e in events if e["event"] == "problem"}
    assert logged == {
        ("Bilaga_H\\xe4gersten.xlsx", "unsupported_format"),
        ("good.txt", "duplicate_content"),  # the copy sorts first and keeps the rows
        ("dangling.txt", "broken_link"),
        ("loop.txt", "broken_link"),
        ("folder_link", "not_a_file"),
        ("pipe.txt", "not_a_file"),
        ("empty.txt", "empty"),
    }
    table = read_table(out, "problems")
    assert set(zip(table.source_path, table.code, strict=True)) == logged
    summary = events[-1]
    assert (summary["event"], summary["failed"], summary["new_failed"]) == ("summary", 1, 1)

    again = plans("ingest", str(plans_folder), "--out", str(out), "--workers", "1", "--log-format", "json")
    summary = json.loads(again.stdout.splitlines()[-1])
    assert (again.returncode, summary["failed"], summary["new_failed"]) == (1, 1, 0)  # nothing new
    (plans_folder / "empty2.txt").write_bytes(b" \n")
    third = plans("ingest", str(plans_folder), "--out", str(out), "--workers", "1", "--log-format", "json")
    summary = json.loads(third.stdout.splitlines()[-1])
    assert (third.returncode, summary["failed"], summary["new_failed"]) == (1, 2, 1)
    (plans_folder / "empty2.txt").unlink()
    assert state_of(plans_folder) == before


def test_error_events_carry_their_code(plans_folder: Path, tmp_path: Path):
    proc = plans("ingest", str(plans_folder), "--out", str(plans_folder), "--log-format", "json")
    (event,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert (proc.returncode, event["event"], event["code"]) == (2, "error", "output_is_input")


def test_abbreviated_options_are_usage_errors(plans_folder: Path, tmp_path: Path):
    assert main(["ingest", str(plans_folder), "--out", str(tmp_path / "o"), "--ful"]) == 2
    assert not (tmp_path / "o").exists()


def test_report_of_a_corrupt_output_is_one_line(plans_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert main(["ingest", str(plans_folder), "--out", str(out), "--workers", "0", "-q"]) == 0
    for part in (out / "_current").resolve().rglob("*.parquet"):
        part.write_bytes(b"PAR1 this is not parquet any more")
    proc = plans("report", "--parsed", str(out), "--out", str(tmp_path / "report.html"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_repair_into_a_closed_pipe_ends_quietly(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text(FIXTURE.read_text(encoding="utf-8") * 50, encoding="utf-8")
    env = dict(os.environ)
    command = f"{sys.executable} -m pipeline.cli repair {big} | head -n 1"
    proc = subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


# 9 -------------------------------------------------------------------------------------------


def test_runs_from_different_working_directories_agree(plans_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    before = state_of(plans_folder)
    first = plans("ingest", "archive", "--out", "out", "--workers", "0", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    second = plans("ingest", "../../archive", "--out", str(out), "--workers", "0", cwd=elsewhere)
    assert second.returncode == 0, second.stderr
    assert "0 parsed" in second.stdout and "0 moved" in second.stdout and "2 unchanged" in second.stdout
    assert sorted(read_table(out, "documents").source_path) == ["Plan_H\\xe4gersten.txt", "good.txt"]
    run_info = json.loads((out / "_current" / "_run.json").read_text())
    assert run_info["root"] == str(plans_folder)
    assert state_of(plans_folder) == before


def test_files_the_pipeline_did_not_make_inside_its_output_are_not_deleted(
    plans_folder: Path, tmp_path: Path
):
    out = tmp_path / "out"
    assert main(["ingest", str(plans_folder), "--out", str(out), "--workers", "0", "-q"]) == 0
    mine = [out / "_work" / "results" / "notes.txt", out / "_work" / "mine.txt", out / "_snapshots" / "keep"]
    for path in mine:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("mine")
    for _ in range(3):  # three runs that write: the oldest snapshots are pruned, the spool emptied
        (plans_folder / "good.txt").write_text((plans_folder / "good.txt").read_text() + "\nMer.\n")
        assert main(["ingest", str(plans_folder), "--out", str(out), "--workers", "0", "-q"]) == 0
    assert all(path.read_text() == "mine" for path in mine)
    assert len([p for p in (out / "_snapshots").iterdir() if p.name != "keep"]) == 2


def test_a_disk_that_fills_up_during_the_write_is_one_line_and_the_tables_stay_whole(
    plans_folder: Path, tmp_path: Path
):
    import resource

    out = tmp_path / "out"
    assert main(["ingest", str(plans_folder), "--out", str(out), "--workers", "0", "-q"]) == 0
    before = read_table(out, "goals")
    (plans_folder / "good.txt").write_text((plans_folder / "good.txt").read_text() + "\nMer.\n")

    def small_disk() -> None:  # writes past 4 KB fail with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    command = [sys.executable, "-m", "pipeline.cli", "ingest", str(plans_folder), "--out", str(out)]
    proc = subprocess.run(
        [*command, "--workers", "0", "--log-format", "json"],
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
    )
    (event,) = [json.loads(line) for line in proc.stdout.splitlines() if '"error"' in line]
    assert (proc.returncode, event["code"]) == (2, "os_error")
    assert "Traceback" not in proc.stderr
    assert read_table(out, "goals").equals(before)
