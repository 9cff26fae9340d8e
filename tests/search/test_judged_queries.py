"""Acceptance: the judged queries of judged_queries.toml on ../shared/corpus plus the samples
(``python -m plans_dev.measure.search`` prints the same figures). Measured: precision 0.977,
recall 0.974 over 305 wanted (plan, form) pairs of 18 queries."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from plans_dev.measure.search import evaluate_search, format_search, ingest_judged_plans, load_judgements


@pytest.fixture(scope="module")
def report(shared: Path, tmp_path_factory):
    parsed = ingest_judged_plans(shared, tmp_path_factory.mktemp("judged"))
    return evaluate_search(pipeline.connect(parsed, link=False), load_judgements())


def test_judged_queries_precision_and_recall(report):
    summary = format_search(report, verbose=True)
    assert len(report.queries) >= 15, summary
    assert report.precision >= 0.95, summary
    assert report.recall >= 0.90, summary


def test_every_judged_plan_file_exists(shared: Path):
    from plans_dev.paths import SAMPLES_DIR

    names = {p.name for p in (shared / "corpus" / "text").glob("*.txt")} | {
        p.name for p in SAMPLES_DIR.glob("*.txt")
    }
    for judgement in load_judgements():
        assert set(judgement["expected"]) <= names, judgement["query"]
