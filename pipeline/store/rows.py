"""A parsed plan as rows of the output tables.

The columns are the schema's (``schema.py``): a row takes each column from the model object
that has a field of that name, so that a new column is one field in the model and one in the
schema. Only what the model holds under another name, or not at all, is given here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pyarrow as pa

from pipeline.model import ParsedPlan, Problem
from pipeline.store.schema import (
    ACTIVITIES,
    DOCUMENTS,
    GOAL_SECTIONS,
    GOALS,
    INDICATORS,
    OCR_DOUBTFUL_WORDS,
    PROBLEMS,
    REPAIRS,
    SECTIONS,
    TABLE_BLOCKS,
)
from pipeline.store.writer import SchemaMismatchError


def schema_row(schema: pa.Schema, sources: tuple[object, ...], given: Mapping[str, Any]) -> dict[str, Any]:
    """One row of ``schema``: each column from ``given``, else from the first of ``sources``
    with an attribute of the column's name."""
    row: dict[str, Any] = {}
    for name in schema.names:
        if name in given:
            row[name] = given[name]
            continue
        for source in sources:
            if hasattr(source, name):
                row[name] = getattr(source, name)
                break
        else:
            kinds = ", ".join(type(s).__name__ for s in sources)
            raise SchemaMismatchError(f"column {name!r}: not a field of {kinds}, and not given")
    return row


#: Columns of ``documents`` filled across the run's documents (``pipeline.derive``), not by one plan.
_DERIVED_LATER = {"plan_id": None, "preferred": None, "copy_rank": None}


def output_id(doc_id: str, local_id: str | None) -> str | None:
    """The id a goal, section or table row has in the tables: its id within the document
    (``G3``, ``S2``, ``I4`` for the 4th indicator row)
    prefixed by the document's, so that ids are unique across the whole output and a join on
    ``goal_id`` alone is right; stable for as long as the document's content is."""
    return None if local_id is None else f"{doc_id}-{local_id}"


def plan_rows(plan: ParsedPlan, parser_version: str, ingested_at: datetime) -> dict[str, list[dict]]:
    doc = {"doc_id": plan.doc_id}
    run = {"parser_version": parser_version, "ingested_at": ingested_at, **_DERIVED_LATER}

    def goal(local_id: str | None) -> dict:
        return {**doc, "goal_id": output_id(plan.doc_id, local_id)}

    return {
        "documents": [schema_row(DOCUMENTS, (plan, plan.source, plan.metadata), run)],
        "goals": [
            schema_row(
                GOALS, (g,), {**goal(g.goal_id), "parent_goal_id": output_id(plan.doc_id, g.parent_goal_id)}
            )
            for g in plan.goals
        ],
        "goal_sections": [schema_row(GOAL_SECTIONS, (s,), goal(s.goal_id)) for s in plan.goal_sections],
        "indicators": [
            schema_row(
                INDICATORS,
                (i,),
                {
                    **goal(i.goal_id),
                    "indicator_id": output_id(plan.doc_id, f"I{i.ordinal}"),
                    "placed_by_plans": False,  # decided across the run's plans (pipeline.derive)
                    "table_id": output_id(plan.doc_id, i.table_id),
                },
            )
            for i in plan.indicators
        ],
        "activities": [
            schema_row(
                ACTIVITIES,
                (a,),
                {
                    **goal(a.goal_id),
                    "activity_id": output_id(plan.doc_id, f"A{a.ordinal}"),
                    "table_id": output_id(plan.doc_id, a.table_id),
                },
            )
            for a in plan.activities
        ],
        "sections": [
            schema_row(SECTIONS, (s,), {**doc, "section_id": output_id(plan.doc_id, s.section_id)})
            for s in plan.sections
        ],
        "table_blocks": [
            schema_row(
                TABLE_BLOCKS, (t,), {**goal(t.goal_id), "table_id": output_id(plan.doc_id, t.table_id)}
            )
            for t in plan.tables
        ],
        "repairs": [schema_row(REPAIRS, (r,), {**doc, "line": r.lineno}) for r in plan.repairs],
        "ocr_doubtful_words": [schema_row(OCR_DOUBTFUL_WORDS, (w,), doc) for w in plan.source.doubtful_words],
        "problems": [problem_row(p) for p in plan.problems],
    }


def problem_row(problem: Problem) -> dict:
    return schema_row(PROBLEMS, (problem,), {})
