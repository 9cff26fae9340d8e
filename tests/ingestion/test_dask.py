"""The Dask path: the same archive parsed on a ``distributed.LocalCluster`` (two worker
processes) gives the tables of a local run, damaged documents and their repair included."""

from __future__ import annotations

from pathlib import Path

import pytest
from archives import assert_same_tables

from pipeline.cli import main
from pipeline.ingestion import dask_runner, ingest

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_dask_run_equals_local_run(archive: Path, tmp_path: Path, cluster):
    (archive / "empty.txt").write_bytes(b"")
    (archive / "notes.xlsx").write_bytes(b"PK\x03\x04")
    local = tmp_path / "local"
    ingest(archive, local, workers=2, progress=False)
    on_dask = tmp_path / "dask"
    summary = ingest(archive, on_dask, scheduler=cluster.scheduler_address, progress=False)
    assert "Dask cluster" in summary.runner and "2 workers" in summary.runner
    assert (summary.documents, summary.failed, summary.parsed) == (12, 1, 13)
    assert_same_tables(on_dask, local)


def test_scheduler_from_the_environment_and_incremental_on_dask(
    archive: Path, tmp_path: Path, cluster, monkeypatch, capsys
):
    out = tmp_path / "out"
    monkeypatch.setenv("PLANS_SCHEDULER", cluster.scheduler_address)
    assert main(["ingest", str(archive), "--out", str(out), "-q"]) == 0
    assert "12 documents read" in capsys.readouterr().out
    (archive / "unit0" / "plan_5_000.txt").unlink()
    assert main(["ingest", str(archive), "--out", str(out), "-q", "--prune"]) == 0
    assert "11 documents read" in capsys.readouterr().out
    reference = tmp_path / "reference"
    ingest(archive, reference, workers=0, progress=False)
    assert_same_tables(out, reference)


def test_unreachable_scheduler_is_a_clear_error(archive: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", 2.0)
    code = main(["ingest", str(archive), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
    assert not (tmp_path / "out" / "_current").exists()
