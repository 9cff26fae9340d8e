"""A parsed plan as rows of the output tables.

The columns are the schema's (``schema.py``): a row takes each column from the model object
that has a field of that name, so that a new column is one field in the model and one in the
schema. Only what the model holds under another name, or not at all, is given here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
from pipeline.store.writer import SchemaMismatchError, columns_to_table


def schema_row(schema: pa.Schema, sources: tuple[object, ...], given: Mapping[str, Any]) -> dict[str, Any]:
    """One row of ``schema``: each column from ``given``, else from the first of ``sources``
    with an attribute of the column's name."""
    columns = schema_columns(schema, [sources], {name: [value] for name, value in given.items()})
    return {name: values[0] for name, values in columns.items()}


def schema_columns(
    schema: pa.Schema, rows: Sequence[tuple[object, ...]], given: Mapping[str, list]
) -> dict[str, list]:
    """The columns of ``schema`` for ``rows`` of model objects (the rows of one table hold
    objects of the same kinds): each column from ``given`` (one value a row), else from the
    first object of a row with an attribute of the column's name, read column by column."""
    columns: dict[str, list] = {}
    for name in schema.names:
        if name in given:
            columns[name] = given[name]
        elif rows:
            at = next((k for k, source in enumerate(rows[0]) if hasattr(source, name)), None)
            if at is None:
                kinds = ", ".join(type(s).__name__ for s in rows[0])
                raise SchemaMismatchError(f"column {name!r}: not a field of {kinds}, and not given")
            columns[name] = [getattr(row[at], name) for row in rows]
        else:
            columns[name] = []
    return columns


#: Columns of ``documents`` filled across the run's documents (``pipeline.derive``), not by one plan.
_DERIVED_LATER = {"plan_id": None, "preferred": None, "copy_rank": None}


def output_id(doc_id: str, local_id: str | None) -> str | None:
    """The id a goal, section or table row has in the tables: its id within the document
    (``G3``, ``S2``, ``I4`` for the 4th indicator row)
    prefixed by the document's, so that ids are unique across the whole output and a join on
    ``goal_id`` alone is right; stable for as long as the document's content is."""
    return None if local_id is None else f"{doc_id}-{local_id}"


def plan_columns(plan: ParsedPlan, parser_version: str, ingested_at: datetime) -> dict[str, dict[str, list]]:
    """The plan's tables as columns (``schema_columns``): what ``plan_row_tables`` makes tables of."""
    doc_id = plan.doc_id

    def ids(local_ids: Iterable[str | None]) -> list[str | None]:
        return [output_id(doc_id, i) for i in local_ids]

    def table(schema: pa.Schema, objects: Sequence[object], **given: list) -> dict[str, list]:
        doc = [doc_id] * len(objects)
        return schema_columns(schema, [(o,) for o in objects], {"doc_id": doc, **given})

    def by_goal(schema: pa.Schema, objects: Sequence[Any], **given: list) -> dict[str, list]:
        return table(schema, objects, goal_id=ids(o.goal_id for o in objects), **given)

    run = {"parser_version": parser_version, "ingested_at": ingested_at, **_DERIVED_LATER}
    goals, indicators, activities = plan.goals, plan.indicators, plan.activities
    return {
        "documents": schema_columns(
            DOCUMENTS, [(plan, plan.source, plan.metadata)], {k: [v] for k, v in run.items()}
        ),
        "goals": by_goal(GOALS, goals, parent_goal_id=ids(g.parent_goal_id for g in goals)),
        "goal_sections": by_goal(GOAL_SECTIONS, plan.goal_sections),
        "indicators": by_goal(
            INDICATORS,
            indicators,
            indicator_id=ids(f"I{i.ordinal}" for i in indicators),
            placed_by_plans=[False] * len(indicators),  # decided across the run's plans (pipeline.derive)
            table_id=ids(i.table_id for i in indicators),
        ),
        "activities": by_goal(
            ACTIVITIES,
            activities,
            activity_id=ids(f"A{a.ordinal}" for a in activities),
            table_id=ids(a.table_id for a in activities),
        ),
        "sections": table(SECTIONS, plan.sections, section_id=ids(s.section_id for s in plan.sections)),
        "table_blocks": by_goal(TABLE_BLOCKS, plan.tables, table_id=ids(t.table_id for t in plan.tables)),
        "repairs": table(REPAIRS, plan.repairs, line=[r.lineno for r in plan.repairs]),
        "ocr_doubtful_words": table(OCR_DOUBTFUL_WORDS, plan.source.doubtful_words),
        "problems": schema_columns(PROBLEMS, [(p,) for p in plan.problems], {}),
    }


def plan_row_tables(plan: ParsedPlan, parser_version: str, ingested_at: datetime) -> dict[str, pa.Table]:
    """The plan's rows as tables, built column by column (no dict per row)."""
    return {
        name: columns_to_table(name, columns, len(next(iter(columns.values()))))
        for name, columns in plan_columns(plan, parser_version, ingested_at).items()
    }


def plan_rows(plan: ParsedPlan, parser_version: str, ingested_at: datetime) -> dict[str, list[dict]]:
    """The plan's rows as dicts, one per row (``plan_columns`` turned round)."""
    return {
        name: [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]
        for name, columns in plan_columns(plan, parser_version, ingested_at).items()
    }


def problem_row(problem: Problem) -> dict:
    return schema_row(PROBLEMS, (problem,), {})
