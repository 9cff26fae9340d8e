"""Rows are built from the schema: every column of a table, taken from the model field of its name."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline.index import INDEX_TABLES
from pipeline.model import Goal, Repair
from pipeline.parse import parse_document
from pipeline.store import TABLES, rows_to_table
from pipeline.store.rows import plan_rows, schema_row
from pipeline.store.schema import BOX_COLUMNS, DERIVED_TABLES, GOALS, REPAIRS
from pipeline.store.writer import SchemaMismatchError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "fritidsgard_2025.txt"
NOW = dt.datetime(2026, 3, 1, 2, 15, tzinfo=dt.UTC)
GOAL = Goal("G1", None, "namndmal", None, None, "Alla barn har en meningsfull fritid", 1, 3, "nm:abc")


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return plan_rows(parse_document(FIXTURE), "0.1.0+rules.test", NOW)


def test_every_table_has_rows_with_exactly_its_schema_columns(rows):
    assert list(rows) == [name for name in TABLES if name not in DERIVED_TABLES + INDEX_TABLES]
    for name, table_rows in rows.items():
        assert table_rows or name in ("problems", "repairs", "ocr_doubtful_words"), name
        for row in table_rows:
            assert list(row) == TABLES[name].names, name
        assert rows_to_table(name, table_rows).num_rows == len(table_rows)


def test_columns_come_from_the_model_fields_of_their_name(rows):
    (doc,) = rows["documents"]
    assert (doc["parser_version"], doc["ingested_at"], doc["source_format"]) == (
        "0.1.0+rules.test",
        NOW,
        "text",
    )
    goal = rows["goals"][0]
    assert goal["doc_id"] == doc["doc_id"] and goal["level"] and goal["title"]
    for row in rows["indicators"]:
        assert "period_raw" not in row  # a field the schema does not hold


@dataclasses.dataclass
class ThemedGoal(Goal):
    """A goal as the model would hold it with one more field."""

    theme: str | None = None


def test_a_column_added_to_the_schema_is_taken_from_the_model():
    wider = GOALS.append(pa.field("theme", pa.string()))
    goal = ThemedGoal(**dataclasses.asdict(GOAL), theme="Fritid")
    row = schema_row(wider, (goal,), {"doc_id": "d"})
    fields = {name: value for name, value in dataclasses.asdict(GOAL).items() if name != "box"}
    assert row == {"doc_id": "d", **fields, **dict.fromkeys(BOX_COLUMNS), "theme": "Fritid"}
    assert list(row) == wider.names
    with pytest.raises(SchemaMismatchError, match="'theme'"):
        schema_row(wider, (GOAL,), {"doc_id": "d"})


def test_columns_the_model_names_otherwise_are_given():
    repair = Repair(lineno=12, page=2, original="vard", replacement="vård", rule="ocr_word", score=0.9)
    row = schema_row(REPAIRS, (repair,), {"doc_id": "d", "line": repair.lineno})
    assert row == {
        "doc_id": "d",
        "page": 2,
        "line": 12,
        "original": "vard",
        "replacement": "vård",
        "rule": "ocr_word",
        "score": 0.9,
        **dict.fromkeys(BOX_COLUMNS),
    }
    with pytest.raises(SchemaMismatchError, match="'line'"):
        schema_row(REPAIRS, (repair,), {"doc_id": "d"})


def test_goal_and_section_ids_are_unique_across_documents_and_prefixed_by_the_document(rows):
    doc_id = rows["documents"][0]["doc_id"]
    goal_ids = {r["goal_id"] for r in rows["goals"]}
    assert all(g.startswith(f"{doc_id}-") for g in goal_ids)
    assert {r["parent_goal_id"] for r in rows["goals"]} - {None} <= goal_ids
    assert {r["goal_id"] for r in rows["indicators"] + rows["activities"]} - {None} <= goal_ids
    assert all(r["section_id"].startswith(f"{doc_id}-") for r in rows["sections"])
    for table, column in (("indicators", "indicator_id"), ("activities", "activity_id")):
        ids = [r[column] for r in rows[table]]
        assert len(set(ids)) == len(ids) and all(i.startswith(f"{doc_id}-") for i in ids)
