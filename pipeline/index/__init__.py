"""The plan's words as data: the lemma index (``terms``) and the themes of its goals
(``goal_themes``), both from one run of the Swedish spaCy pipeline (``pipeline.lang.sv.nlp``)
over the searchable text of a parsed plan. Not a stage: it reads the finished model."""

from __future__ import annotations

import pyarrow as pa

from pipeline.index.passages import Passage, passages
from pipeline.index.terms import terms_table
from pipeline.index.themes import themes_table
from pipeline.lang.sv.nlp import swedish
from pipeline.model import ParsedPlan

__all__ = ["INDEX_TABLES", "Passage", "index_tables", "passages"]

#: The output tables made here (the others are the plan's rows, ``pipeline.store.rows``).
INDEX_TABLES: tuple[str, ...] = ("terms", "goal_themes")


def index_tables(plan: ParsedPlan) -> dict[str, pa.Table]:
    """``terms`` and ``goal_themes`` of one plan."""
    found = passages(plan)
    docs = list(swedish().pipe(p.text for p in found))
    return {
        "terms": terms_table(plan.doc_id, found, docs),
        "goal_themes": themes_table(plan.doc_id, found, docs),
    }
