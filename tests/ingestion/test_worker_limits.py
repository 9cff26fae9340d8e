"""A document's limits hold for everything its work starts: on a timeout the worker's whole
process group dies (helpers are looked up in /proc afterwards), a helper's CPU counts
against the time limit, and running out of memory in any layer is ``memory_limit``."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipeline.ingestion import Limits
from pipeline.ingestion.pool import MEMORY, TIMEOUT, WorkerPool

HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def traps_importable(monkeypatch):
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(HERE), path) if p))


def running(pid: int) -> bool:
    """Is ``pid`` alive (a zombie waiting for PID 1 to reap it is not)?"""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def wait_until_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not running(pid):
            return True
        time.sleep(0.1)
    return not running(pid)


def read_pid(path: Path, seconds: float = 20) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.read_text():
            return int(path.read_text())
        time.sleep(0.05)
    raise AssertionError(f"{path} never written")


def test_a_timed_out_document_takes_the_helpers_it_started_with_it(tmp_path: Path):
    pid_file = tmp_path / "helper.pid"
    with WorkerPool(1, Limits(timeout=2, memory_mb=0), "ingest_traps:echo") as pool:
        outcomes = dict(pool.run([("helper_then_hang", str(pid_file)), ("value", 7)]))
        helper = read_pid(pid_file)
        assert outcomes[0].failure == TIMEOUT and outcomes[1].value == 7  # the next item ran
        # The helper (an untied ``sleep 600``) was in the worker's process group: gone at once.
        assert wait_until_gone(helper, 5), f"helper {helper} still runs after its worker timed out"


def test_a_helpers_cpu_is_bounded_by_the_time_limit_even_after_the_call(tmp_path: Path):
    pid_file = tmp_path / "busy.pid"
    with WorkerPool(1, Limits(timeout=2, memory_mb=0), "ingest_traps:echo") as pool:
        ((_, outcome),) = list(pool.run([("busy_helper", str(pid_file))]))
        helper = outcome.value
        assert running(helper)  # the call returned; the helper spins on, inside the worker's limit
        # RLIMIT_CPU of the document (inherited): SIGXCPU after about 2 s of its own CPU.
        assert wait_until_gone(helper, 60), f"helper {helper} outlived the document's CPU limit"


def test_a_helper_dies_with_its_worker_even_when_the_pool_does_not_kill_its_group(tmp_path: Path):
    pid_file = tmp_path / "busy.pid"
    with WorkerPool(1, Limits(timeout=0, memory_mb=0), "ingest_traps:echo") as pool:
        ((_, outcome),) = list(pool.run([("busy_helper", str(pid_file))]))
        helper = outcome.value
        (worker,) = pool._workers
        os.kill(worker.proc.pid, 9)  # only the worker, as the OOM killer would
        worker.proc.wait()
        assert wait_until_gone(helper, 5)  # PR_SET_PDEATHSIG


def test_running_out_of_memory_in_any_layer_is_memory_limit():
    items = [("abort", None), ("wrapped_malloc", None), ("hog", None), ("value", 1)]
    with WorkerPool(1, Limits(timeout=30, memory_mb=1500), "ingest_traps:echo") as pool:
        outcomes = dict(pool.run(items))
    assert [outcomes[i].failure for i in range(3)] == [MEMORY, MEMORY, MEMORY]
    assert outcomes[3].value == 1
    assert all("1500 MB" in outcomes[i].message for i in range(3))


def test_a_decompression_bomb_and_a_2000_page_pdf_are_rows_and_the_batch_goes_on(tmp_path: Path, capsys):
    from pdf_bombs import flate_bomb, many_pages

    from pipeline.cli import main
    from pipeline.store import read_table

    archive = tmp_path / "archive"
    archive.mkdir()
    flate_bomb(archive / "bomb.pdf")  # 350 KB that inflate to 1.6 GB
    many_pages(archive / "long.pdf", 2000)
    plan = Path(__file__).resolve().parents[1] / "fixtures" / "fritidsgard_2025.txt"
    (archive / "plan.txt").write_bytes(plan.read_bytes())
    out = tmp_path / "out"
    args = ["ingest", str(archive), "--out", str(out), "--workers", "2", "--memory-limit", "1200"]
    assert main([*args, "--timeout", "120", "-q"]) == 1
    capsys.readouterr()
    problems = read_table(out, "problems").set_index("source_path")
    assert problems.loc["bomb.pdf", "code"] == "memory_limit"
    assert problems.loc["long.pdf", "severity"] == "error"
    assert problems.loc["long.pdf", "code"] not in ("internal_error", "worker_crashed")
    assert read_table(out, "documents").source_path.tolist() == ["plan.txt"]


def processes_with(marker: str) -> list[int]:
    """Live processes whose environment holds ``marker`` (inherited from the run under test)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker.encode() in environ and running(int(entry.name)):
            found.append(int(entry.name))
    return found


def test_an_ocr_document_stopped_by_its_time_limit_leaves_no_tesseract_running(shared: Path, tmp_path: Path):
    import shutil
    import subprocess
    import sys
    import uuid

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    scan = next((shared / "corpus" / "pdf").glob("*-scan.pdf"))
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(scan, archive / scan.name)
    marker = f"PLANS_TEST_RUN={uuid.uuid4().hex}"
    env = dict(os.environ, PLANS_TEST_RUN=marker.split("=")[1])
    command = [sys.executable, "-m", "pipeline.cli", "ingest", str(archive), "--out", str(tmp_path / "out")]
    run = subprocess.Popen(
        [*command, "--workers", "1", "--timeout", "4", "--ocr", "always", "--ocr-engine", "tesseract"],
        env=env,
    )
    seen_ocr = False
    while run.poll() is None:  # tesseract runs under the worker while the document is read
        seen_ocr |= any(
            "tesseract" in Path(f"/proc/{pid}/comm").read_text() for pid in processes_with(marker)
        )
        time.sleep(0.2)
    assert run.returncode == 1
    assert seen_ocr, "the document never reached OCR: the test proves nothing"
    assert wait_until_gone_all(marker, 1), processes_with(marker)  # killed, not left to finish


def wait_until_gone_all(marker: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not processes_with(marker)


def test_a_2000_page_plan_under_a_small_memory_limit_is_memory_limit(shared: Path, tmp_path: Path, capsys):
    import pypdfium2 as pdfium

    from pipeline.cli import main
    from pipeline.store import read_table

    plan = pdfium.PdfDocument(str(shared / "corpus" / "pdf" / "000_4797d9be75bc0101.pdf"))
    long = pdfium.PdfDocument.new()
    while len(long) < 2000:  # a real plan's pages again and again: 2,000 pages of goals and tables
        long.import_pages(plan, list(range(len(plan))))
    archive = tmp_path / "archive"
    archive.mkdir()
    long.save(str(archive / "long.pdf"))
    out = tmp_path / "out"
    args = ["ingest", str(archive), "--out", str(out), "--workers", "1", "--memory-limit", "1000"]
    assert main([*args, "--timeout", "300", "-q"]) == 1
    capsys.readouterr()
    (row,) = read_table(out, "problems").itertuples()
    assert (row.source_path, row.code) == ("long.pdf", "memory_limit")  # not internal_error
