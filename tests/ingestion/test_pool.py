"""The worker pool and the ingest around it: a document that hangs, kills its worker or
needs too much memory is stopped and recorded, and the others are parsed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from archives import make_archive

from pipeline.cores import available_cores
from pipeline.ingestion import Limits, ingest
from pipeline.ingestion.pool import CRASHED, MEMORY, TIMEOUT, PoolError, WorkerPool
from pipeline.store import read_table

HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def traps_importable(monkeypatch):
    """Worker processes find ``ingest_traps`` (they inherit the environment)."""
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(HERE), path) if p))


def test_pool_stops_hung_crashed_and_hungry_items_and_goes_on():
    items = [("value", 1), ("hang", None), ("value", 2), ("crash", None), ("hog", None)]
    items += [("value", n) for n in range(3, 8)]
    started = time.monotonic()
    with WorkerPool(2, Limits(timeout=3, memory_mb=3000), "ingest_traps:echo") as pool:
        outcomes = dict(pool.run(items))
    assert time.monotonic() - started < 30
    assert {i: o.failure for i, o in outcomes.items() if not o.ok} == {1: TIMEOUT, 3: CRASHED, 4: MEMORY}
    assert [outcomes[i].value for i in (0, 2, *range(5, 10))] == [1, 2, 3, 4, 5, 6, 7]
    assert "SIGKILL" in outcomes[3].message and "3 s" in outcomes[1].message


def test_pool_sends_state_once_to_every_worker_and_again_when_it_changes():
    with WorkerPool(2, Limits(), "ingest_traps:echo") as pool:
        pool.set_state("context", "first")
        assert {o.value for _, o in pool.run([("state", "context")] * 4)} == {"first"}
        pool.set_state("context", "second")
        assert {o.value for _, o in pool.run([("state", "context")] * 4)} == {"second"}
        assert len({o.value for _, o in pool.run([("pid", None)] * 6)}) <= 2  # workers are reused


def test_pool_starts_a_worker_for_every_so_many_items():
    # A few items run on one worker (a start costs seconds of CPU); many spread over all.
    with WorkerPool(2, Limits(), "ingest_traps:echo", items_per_worker=4) as pool:
        assert len({o.value for _, o in pool.run([("pid_after", 1.5)] * 3)}) == 1
    with WorkerPool(2, Limits(), "ingest_traps:echo", items_per_worker=1) as pool:
        assert len({o.value for _, o in pool.run([("pid_after", 1.5)] * 3)}) == 2


def test_pool_that_cannot_start_workers_says_so():
    with (
        pytest.raises(PoolError, match="exit before they start"),
        WorkerPool(1, Limits(), "no_such_module_anywhere:handle") as pool,
    ):
        list(pool.run([("value", 1)]))


def test_ingest_records_hung_and_crashed_documents_and_parses_the_rest(tmp_path: Path):
    archive = tmp_path / "archive"
    plans = make_archive(archive, 5, seed=21, damaged_every=0)
    shutil.copy(plans[0], archive / "hang_plan.txt")
    shutil.copy(plans[1], archive / "crash_plan.txt")
    (archive / "hang_plan.txt").write_text(plans[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (archive / "crash_plan.txt").write_text(plans[1].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    out = tmp_path / "out"
    limits = Limits(timeout=4, memory_mb=4096)
    summary = ingest(archive, out, workers=2, limits=limits, handler="ingest_traps:handle", progress=False)
    assert (summary.documents, summary.failed, summary.exit_code) == (5, 2, 1)
    problems = read_table(out, "problems")
    codes = {Path(p).name: c for p, c in zip(problems.source_path, problems.code, strict=True)}
    assert codes == {"hang_plan.txt": TIMEOUT, "crash_plan.txt": CRASHED}
    # The same limits give the same answer: the failures are remembered, not retried...
    again = ingest(archive, out, workers=2, limits=limits, handler="ingest_traps:handle", progress=False)
    assert (again.parsed, again.failed) == (0, 2)
    # ...but other limits try those two again.
    other = Limits(timeout=3, memory_mb=4096)
    retry = ingest(archive, out, workers=2, limits=other, handler="ingest_traps:handle", progress=False)
    assert (retry.parsed, retry.failed) == (2, 2)


def test_memory_limit_stops_a_real_document_that_is_too_big(tmp_path: Path):
    """150 MB of plan text does not fit in 1000 MB of address space (about 0.4 GB of which
    the interpreter, its libraries and the lexicon take); a plan of normal size does."""
    archive = tmp_path / "archive"
    archive.mkdir()
    text = (HERE.parent / "fixtures" / "fritidsgard_2025.txt").read_text(encoding="utf-8")
    (archive / "huge.txt").write_text(text * ((150 * 1024 * 1024) // len(text.encode())), encoding="utf-8")
    shutil.copy(HERE.parent / "fixtures" / "fritidsgard_2025.txt", archive / "small.txt")
    summary = ingest(archive, tmp_path / "out", workers=1, limits=Limits(60, 1000), progress=False)
    assert (summary.documents, summary.failed) == (1, 1)
    problems = read_table(tmp_path / "out", "problems")
    assert problems.code.tolist() == [MEMORY] and "1000 MB" in problems.message[0]


@pytest.mark.parametrize("size", [1, 2, 4])
def test_workers_share_the_cores_for_ocr(size: int):
    # Each worker's OCR runs its pages on its share of the cores, not on all of them.
    with WorkerPool(size, Limits(), "ingest_traps:echo") as pool:
        shares = {o.value for _, o in pool.run([("ocr_workers", None)] * size)}
    assert shares == {max(1, available_cores() // size)}
