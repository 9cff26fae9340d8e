"""The plan's words as data: the lemma index (``terms``) and the themes of its goals
(``goal_themes``), both from one tokenisation and lemmatisation of the searchable text of a
parsed plan (``PlanTokens``, with the Swedish spaCy pipeline of ``pipeline.lang.sv.nlp``).
Not a stage: it reads the finished model."""

from __future__ import annotations

import pyarrow as pa

from pipeline.index.passages import Passage, PlanTokens, passages
from pipeline.index.terms import terms_table
from pipeline.index.themes import themes_table
from pipeline.model import ParsedPlan

__all__ = ["INDEX_TABLES", "Passage", "PlanTokens", "index_tables", "passages"]

#: The output tables made here (the others are the plan's rows, ``pipeline.store.rows``).
INDEX_TABLES: tuple[str, ...] = ("terms", "goal_themes")


def index_tables(plan: ParsedPlan) -> dict[str, pa.Table]:
    """``terms`` and ``goal_themes`` of one plan."""
    found = passages(plan)
    tokens = PlanTokens.of(found)
    return {"terms": terms_table(plan.doc_id, tokens), "goal_themes": themes_table(plan.doc_id, tokens)}
