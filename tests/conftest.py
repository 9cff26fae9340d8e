"""Shared fixtures: where ../shared is, and a helper that turns text into a SourceDocument."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pipeline.ingestion.runners import WORKERS_ENV
from pipeline.model import Line, SourceDocument

# The suite parses in this process unless a test names its workers (``--workers``,
# ``workers=``): a worker takes seconds of CPU to start (the interpreter, pyarrow, the rules,
# the Swedish pipeline), more than the small archives of most tests take to parse, and most
# tests are about what is parsed, not where. The pool (limits, crashes, kills, resuming, and
# the CLI's default pool in test_cli) has its own tests, which name their workers.
# ``PLANS_WORKERS=2 python -m pytest`` runs the whole suite through pools.
os.environ.setdefault(WORKERS_ENV, "0")

# Hypothesis' timing checks (a 200 ms deadline per example, "too slow" data generation)
# fail correct tests on a loaded machine (CI, a busy laptop); what the property tests
# check is behaviour, and a hang is caught by the worker limits, not by them.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def source_from_text(text: str, name: str = "doc.txt") -> SourceDocument:
    data = text.encode("utf-8")
    lines = [Line(t, i + 1) for i, t in enumerate(text.split("\n"))]
    return SourceDocument(name, hashlib.sha256(data).hexdigest(), "text", "text", lines)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip(f"{SHARED} not found: the shared corpus lies beside the project checkout")
    return SHARED


@pytest.fixture(scope="session")
def parsed_samples(tmp_path_factory) -> Path:
    """The bundled samples (data/raw) ingested once for the session."""
    from pipeline.ingestion import ingest

    out = tmp_path_factory.mktemp("parsed_samples")
    assert ingest(ROOT / "data" / "raw", out, progress=False).exit_code == 0
    return out


@pytest.fixture(scope="session")
def parsed_corpus(shared: Path, tmp_path_factory) -> Path:
    """The four text plans of ../shared/corpus (003 OCR-damaged) ingested as one batch."""
    from plans_dev.measure.linking import ingest_corpus

    return ingest_corpus(shared, tmp_path_factory.mktemp("parsed_corpus"))
