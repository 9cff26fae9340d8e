"""Where documents are parsed by default: ``$PLANS_WORKERS``, else every core."""

from __future__ import annotations

import pytest

from pipeline.cores import available_cores
from pipeline.ingestion.pool import Limits
from pipeline.ingestion.runners import WORKERS_ENV, InProcessRunner, PoolRunner, default_workers, make_runner


@pytest.mark.parametrize(("value", "expected"), [("3", 3), ("0", 0), (" 2 ", 2)])
def test_the_environment_sets_the_default_workers(monkeypatch, value: str, expected: int):
    monkeypatch.setenv(WORKERS_ENV, value)
    assert default_workers() == expected


@pytest.mark.parametrize("value", [None, "", "all", "-1", "1.5"])
def test_without_a_number_the_default_is_every_core(monkeypatch, value: str | None):
    if value is None:
        monkeypatch.delenv(WORKERS_ENV, raising=False)
    else:
        monkeypatch.setenv(WORKERS_ENV, value)
    assert default_workers() == available_cores()


def test_zero_parses_in_this_process_and_an_explicit_number_wins(monkeypatch):
    monkeypatch.setenv(WORKERS_ENV, "0")
    assert isinstance(make_runner(None, Limits(), "ingest_traps:echo", None), InProcessRunner)
    runner = make_runner(1, Limits(), "ingest_traps:echo", None)
    try:
        assert isinstance(runner, PoolRunner) and runner.pool.size == 1
    finally:
        runner.close()
