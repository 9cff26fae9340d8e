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
    ]
)

SECTIONS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("section_id", _str, nullable=False),
        pa.field("path", pa.list_(_str), nullable=False),
        pa.field("text", _str, nullable=False),
        pa.field("page", _int),
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
    ]
)

# The lemma index (``pipeline.index.terms``): one row per word of the searchable text, stop
# words and non-words left out. The largest table, so it holds only what search needs: where
# the word is (``source``: the table of the row, and that row's own ids: goal_id, section_id,
# ordinal), its place in the text (token ``position``, character ``start``), lemma and form.
# Parquet dictionary-encodes the repeating strings.
TERMS = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        # the table of the row: goals | goal_sections | indicators | activities | sections
        pa.field("source", _str, nullable=False),
        pa.field("goal_id", _str),
        pa.field("section_id", _str),
        pa.field("ordinal", _int),  # the row's ordinal (goal_sections, indicators, activities, goals)
        pa.field("position", _int, nullable=False),
        pa.field("start", _int, nullable=False),
        pa.field("lemma", _str, nullable=False),
        pa.field("surface", _str, nullable=False),  # the word as written, lower case
        pa.field("page", _int),
    ]
)

# Themes of goals (``pipeline.index.themes``, vocabulary in ``rules/themes.toml``): one row per
# goal, theme, vocabulary phrase and table where the phrase was found (the goal's title, its
# sections, indicators or activities), at its first occurrence there.
GOAL_THEMES = pa.schema(
    [
        pa.field("doc_id", _str, nullable=False),
        pa.field("goal_id", _str, nullable=False),
        pa.field("theme", _str, nullable=False),
        pa.field("phrase", _str, nullable=False),
        pa.field("matched", _str, nullable=False),
        pa.field("source", _str, nullable=False),
        pa.field("page", _int),
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
    "terms": TERMS,
    "goal_themes": GOAL_THEMES,
    "repairs": REPAIRS,
    "problems": PROBLEMS,
}
