"""The output contract: one explicit pyarrow schema per table, kept in this one place.

Bump ``SCHEMA_VERSION`` whenever a column is added, removed or changes meaning; it is
stored in every Parquet file's metadata so that readers can tell what they have. The rows
are built from these schemas (``rows.py``): a column takes the model field of its name, so a
new column is a field here and one in ``pipeline.model``.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "4"

_str = pa.string()
_int = pa.int32()

#: Where a row was read on its ``page``: four plain columns rather than one struct, so that a
#: notebook filters and draws with them as they are (``WHERE page = 3 AND top < 200``, pandas
#: columns) in DuckDB, pandas and Polars alike. PDF points (1/72 inch) from the page's top-left
#: corner, y downwards, as the page is shown; an item over several lines is the union of their
#: boxes on its first page. Null for readers without positions (text exports, Word, HTML).
BOX_COLUMNS = ("x0", "top", "x1", "bottom")
_BOX = [pa.field(name, pa.float32()) for name in BOX_COLUMNS]

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("source_path", _str, nullable=False),
        pa.field("source_sha256", _str, nullable=False),
        pa.field("source_format", _str, nullable=False),
        pa.field("extraction", _str, nullable=False),
        pa.field("district", _str),
        pa.field("unit", _str),
        pa.field("plan_type", _str),
        pa.field("plan_year", _int),
        pa.field("dnr", _str),
        # Where each metadata value was found: "document", "path" or "catalogue" (null with it).
        pa.field("district_source", _str),
        pa.field("unit_source", _str),
        pa.field("plan_type_source", _str),
        pa.field("plan_year_source", _str),
        pa.field("dnr_source", _str),
        pa.field("n_pages", _int),
        pa.field("damage_score", pa.float64()),
        # The template generation the plan follows (the name of a rules/templates/*.toml file).
        pa.field("template", _str),
        pa.field("parser_version", _str, nullable=False),
        pa.field("ingested_at", pa.timestamp("us", tz="UTC"), nullable=False),
    ]
)

GOALS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("goal_id", _str, nullable=False),
        pa.field("parent_goal_id", _str),
        pa.field("level", _str, nullable=False),
        pa.field("code", _str),
        pa.field("prefix", _str),
        pa.field("title", _str, nullable=False),
        pa.field("goal_key", _str),
        pa.field("ordinal", _int, nullable=False),
        pa.field("page", _int),
        *_BOX,
    ]
)

GOAL_SECTIONS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("goal_id", _str, nullable=False),
        pa.field("kind", _str, nullable=False),
        pa.field("ordinal", _int, nullable=False),
        pa.field("text", _str, nullable=False),
        pa.field("page", _int),
        *_BOX,
    ]
)

#: One row per indicator or activity table: the block a row's ``table_id`` names.
TABLE_BLOCKS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("table_id", _str),
        pa.field("goal_id", _str),
        pa.field("kind", _str, nullable=False),
        pa.field("page", _int),
        *_BOX,
    ]
)

INDICATORS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("goal_id", _str),
        pa.field("ordinal", _int, nullable=False),
        pa.field("name", _str, nullable=False),
        pa.field("indicator_key", _str),
        pa.field("target_raw", _str),
        pa.field("target_value", pa.float64()),
        pa.field("target_unit", _str),
        pa.field("kf_target_raw", _str),
        pa.field("kf_target_value", pa.float64()),
        pa.field("kf_target_unit", _str),
        pa.field("period", _str),
        pa.field("comment", _str),
        pa.field("page", _int),
        pa.field("incomplete", pa.bool_()),
        pa.field("raw_text", _str),
        pa.field("table_id", _str),
        *_BOX,
    ]
)

ACTIVITIES = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("goal_id", _str),
        pa.field("ordinal", _int, nullable=False),
        pa.field("text", _str, nullable=False),
        pa.field("start_date", pa.date32()),
        pa.field("end_date", pa.date32()),
        pa.field("page", _int),
        pa.field("incomplete", pa.bool_()),
        pa.field("raw_text", _str),
        pa.field("table_id", _str),
        *_BOX,
    ]
)

SECTIONS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("section_id", _str, nullable=False),
        pa.field("path", pa.list_(_str), nullable=False),
        pa.field("text", _str, nullable=False),
        pa.field("page", _int),
        *_BOX,
    ]
)

PROBLEMS = pa.schema(
    [
        pa.field("source_path", _str, nullable=False),
        pa.field("doc_id", _str),
        pa.field("stage", _str, nullable=False),
        pa.field("severity", _str, nullable=False),
        pa.field("code", _str, nullable=False),
        pa.field("message", _str, nullable=False),
    ]
)

REPAIRS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("page", _int),
        pa.field("line", _int, nullable=False),
        pa.field("original", _str, nullable=False),
        pa.field("replacement", _str, nullable=False),
        pa.field("rule", _str, nullable=False),
        pa.field("score", pa.float64()),
        *_BOX,  # the repaired line's
    ]
)

#: Every output table, in the order they are written.
TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "goals": GOALS,
    "goal_sections": GOAL_SECTIONS,
    "indicators": INDICATORS,
    "activities": ACTIVITIES,
    "sections": SECTIONS,
    "table_blocks": TABLE_BLOCKS,
    "repairs": REPAIRS,
    "problems": PROBLEMS,
}
