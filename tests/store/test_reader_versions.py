"""Reading an output written by an older schema version: read when it still fits, refused
with what to do when it does not."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.store import SchemaVersionError, read_table, rows_to_table, write_snapshot, writer

GOALS = [{"doc_id": "d1", "goal_id": "g1", "level": "namndmal", "title": "Mål", "ordinal": 1}]


def old_output(tmp_path: Path, monkeypatch, drop: str | None = None) -> Path:
    out = tmp_path / "parsed"
    monkeypatch.setattr(writer, "SCHEMA_VERSION", "1")
    snapshot = write_snapshot(out, {"goals": rows_to_table("goals", GOALS)}, {"parser_version": "0"})
    monkeypatch.undo()
    if drop:
        (path,) = (snapshot / "goals").glob("part-*.parquet")
        table = pq.read_table(path)
        pq.write_table(table.drop_columns([drop]).replace_schema_metadata(table.schema.metadata), path)
    return out


def test_older_version_that_fits_is_read(tmp_path: Path, monkeypatch):
    assert read_table(old_output(tmp_path, monkeypatch), "goals").title.tolist() == ["Mål"]


def test_older_version_that_does_not_fit_says_what_to_do(tmp_path: Path, monkeypatch):
    out = old_output(tmp_path, monkeypatch, drop="prefix")
    with pytest.raises(SchemaVersionError, match=r"schema version 1.*plans ingest --full") as err:
        read_table(out, "goals")
    assert "prefix" in str(err.value)
