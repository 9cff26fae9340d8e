"""Shared fixtures: where ../shared is, and a helper that turns text into a SourceDocument."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.model import Line, SourceDocument

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
