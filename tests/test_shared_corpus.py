"""Acceptance on the real plans in ../shared: the thresholds of the output contract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.ingestion import ingest
from pipeline.store.schema import TABLES

THRESHOLDS = {"goals": 0.99, "indicators": 0.98, "activities": 0.99, "goal_sections": 0.97, "furniture": 0}
TEXT_FIELDS = {
    "goals": ["title"],
    "goal_sections": ["text"],
    "indicators": ["name", "comment"],
    "activities": ["text"],
    "sections": ["text"],
}


@pytest.fixture(scope="module")
def parsed(shared: Path, tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for gold in (shared / "gold").glob("*.gold.json"):
        stem = gold.name.removesuffix(".gold.json")
        shutil.copy(shared / "corpus" / "text" / f"{stem}.txt", raw)
    out = tmp_path_factory.mktemp("parsed")
    summary = ingest(raw, out, progress=False)
    assert summary.exit_code == 0
    return out


def test_eval_meets_thresholds_on_gold(shared: Path, parsed: Path):
    report = evaluate(shared / "gold", parsed)
    assert not report.unmatched_gold
    assert report.failures(THRESHOLDS) == []


def test_metadata_found_in_the_documents(shared: Path, parsed: Path):
    report = evaluate(shared / "gold", parsed)
    for field in ("district", "unit", "plan_type", "plan_year", "dnr"):
        assert report.value(f"metadata.{field}") == 1.0, field


def test_no_page_furniture_in_text_fields(parsed: Path):
    import pandas as pd
    import regex

    furniture = regex.compile(r"Tjänsteutlåtande|Sid \d+ \(\d+\)|start\.stockholm|\b08-?508|\b0850\d{6}")
    for table, columns in TEXT_FIELDS.items():
        frame = pd.read_parquet(parsed / table)
        for column in columns:
            hits = [t for t in frame[column].dropna() if furniture.search(t)]
            assert hits == [], (table, column, hits[:2])


def test_every_table_written_with_its_schema(parsed: Path):
    import pyarrow.dataset as ds

    for name, schema in TABLES.items():
        assert ds.dataset(parsed / name).schema.remove_metadata().equals(schema), name


def test_damaged_plan_is_read_without_failing(shared: Path, tmp_path: Path):
    """003 is OCR-damaged (repaired in a later stage); it must still parse without errors."""
    summary = ingest(next((shared / "corpus" / "text").glob("003_*.txt")), tmp_path / "out", progress=False)
    assert summary.exit_code == 0
    assert summary.documents == 1
