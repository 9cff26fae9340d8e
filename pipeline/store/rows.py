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


def plan_rows(plan: ParsedPlan, parser_version: str, ingested_at: datetime) -> dict[str, list[dict]]:
    doc = {"doc_id": plan.doc_id}
    run = {"parser_version": parser_version, "ingested_at": ingested_at}
    return {
        "documents": [schema_row(DOCUMENTS, (plan, plan.source, plan.metadata), run)],
        "goals": [schema_row(GOALS, (g,), doc) for g in plan.goals],
        "goal_sections": [schema_row(GOAL_SECTIONS, (s,), doc) for s in plan.goal_sections],
        "indicators": [schema_row(INDICATORS, (i,), doc) for i in plan.indicators],
        "activities": [schema_row(ACTIVITIES, (a,), doc) for a in plan.activities],
        "sections": [schema_row(SECTIONS, (s,), doc) for s in plan.sections],
        "table_blocks": [schema_row(TABLE_BLOCKS, (t,), doc) for t in plan.tables],
        "repairs": [schema_row(REPAIRS, (r,), {**doc, "line": r.lineno}) for r in plan.repairs],
        "problems": [problem_row(p) for p in plan.problems],
    }


def problem_row(problem: Problem) -> dict:
    return schema_row(PROBLEMS, (problem,), {})
