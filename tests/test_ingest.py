"""Batch behaviour of ingest: what happens to files that are not plans or break the parser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

import pipeline
from pipeline import batch

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "fritidsgard_2025.txt"


def test_unsupported_and_duplicate_files_are_warnings(tmp_path: Path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    shutil.copy(FIXTURE, raw / "a.txt")
    shutil.copy(FIXTURE, raw / "sub" / "copy_of_a.txt")
    (raw / "notes.xlsx").write_bytes(b"PK\x03\x04")
    (raw / ".hidden.txt").write_text("ignored", encoding="utf-8")
    summary = pipeline.ingest(raw, tmp_path / "out", progress=False)
    assert (summary.files, summary.documents, summary.failed, summary.exit_code) == (3, 1, 0, 0)
    problems = pd.read_parquet(tmp_path / "out" / "problems")
    assert sorted(problems.code) == ["duplicate_content", "unsupported_format"]
    assert set(problems.severity) == {"warning"}


def test_a_parser_bug_in_one_file_does_not_stop_the_batch(tmp_path: Path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(FIXTURE, raw / "good.txt")
    (raw / "trigger.txt").write_text(FIXTURE.read_text(encoding="utf-8") + "\nÖvrigt\n", encoding="utf-8")
    real = batch.parse_source

    def buggy(source, *args, **kwargs):
        if source.source_path.endswith("trigger.txt"):
            raise ZeroDivisionError("simulated parser bug")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(batch, "parse_source", buggy)
    # In-process (workers=0), so that the patched parser is the one that runs.
    summary = pipeline.ingest(raw, tmp_path / "out", progress=False, workers=0)
    assert (summary.documents, summary.failed, summary.exit_code) == (1, 1, 1)
    problems = pipeline.read_table(tmp_path / "out", "problems")
    (row,) = problems.itertuples()
    assert (
        row.code == "internal_error" and "trigger.txt" in row.message and "ZeroDivisionError" in row.message
    )
    assert len(pipeline.read_table(tmp_path / "out", "goals")) == 6


def test_rows_reference_their_documents_and_goals(tmp_path: Path):
    pipeline.ingest(FIXTURE, tmp_path / "out", progress=False)
    docs = pipeline.read_table(tmp_path / "out", "documents")
    goals = pipeline.read_table(tmp_path / "out", "goals")
    (doc,) = docs.itertuples()
    assert doc.doc_id == doc.source_sha256[:16] and doc.extraction == "text" and doc.n_pages == 9
    for table in ("goal_sections", "indicators", "activities"):
        frame = pipeline.read_table(tmp_path / "out", table)
        assert set(frame.doc_id) == {doc.doc_id}
        assert set(frame.goal_id) <= set(goals.goal_id)
    indicators = pipeline.read_table(tmp_path / "out", "indicators")
    assert indicators.period.tolist() == ["år", "tertial", "kvartal"]
    assert indicators.target_value.tolist()[:2] == [90.0, 25.0]
    assert indicators.target_unit[0] == "%" and pd.isna(indicators.target_unit[1])
