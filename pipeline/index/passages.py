"""The searchable text of a plan, one passage per row of the tables that hold text, named by
that row's own ids as the tables give them (``output_id``), so a term or theme joins back to
its row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, IS_ALPHA, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc

from pipeline.lang.sv.nlp import lemma_hashes, swedish
from pipeline.model import ParsedPlan
from pipeline.store.rows import output_id


@dataclass(frozen=True)
class Passage:
    source: str  # the table of the row: goals | goal_sections | indicators | activities | sections
    text: str
    goal_id: str | None = None
    section_id: str | None = None
    ordinal: int | None = None
    page: int | None = None


def passages(plan: ParsedPlan) -> list[Passage]:
    """Goal titles, goal sections, indicator names, activities and narrative sections."""

    def out(local_id: str | None) -> str | None:
        return output_id(plan.doc_id, local_id)

    found = [Passage("goals", g.title, out(g.goal_id), None, g.ordinal, g.page) for g in plan.goals]
    found += [
        Passage("goal_sections", s.text, out(s.goal_id), None, s.ordinal, s.page) for s in plan.goal_sections
    ]
    found += [Passage("indicators", i.name, out(i.goal_id), None, i.ordinal, i.page) for i in plan.indicators]
    found += [Passage("activities", a.text, out(a.goal_id), None, a.ordinal, a.page) for a in plan.activities]
    found += [Passage("sections", s.text, None, out(s.section_id), None, s.page) for s in plan.sections]
    return [p for p in found if p.text]


@dataclass(frozen=True)
class PlanTokens:
    """Every token of a plan's passages in one array, with the passage each stands in and its
    number there: what terms and themes read. The passages are tokenised by the Swedish
    pipeline's tokenizer and lemmatised for the whole plan at once (``lemma_hashes``): the
    same lemmas as the pipeline's, without its pass per passage (most of the index's cost for
    plans of many short rows)."""

    LOWER, LEMMA, IS_ALPHA, IDX, LENGTH = range(5)  # the columns of ``values``

    passages: Sequence[Passage]
    docs: Sequence[Doc]  # tokens only: ``with_lemmas`` sets a passage's lemmas where needed
    values: np.ndarray  # token -> the columns above (uint64)
    passage: np.ndarray  # token -> index of its passage
    position: np.ndarray  # token -> its number within the passage (0-based)
    first: np.ndarray  # passage -> index of its first token

    @classmethod
    def of(cls, found: Sequence[Passage]) -> PlanTokens:
        docs = list(swedish().tokenizer.pipe(p.text for p in found))
        # LOWER twice: the second is the LEMMA column's place, filled for the whole plan below
        arrays = [doc.to_array([LOWER, LOWER, IS_ALPHA, IDX, LENGTH]).reshape(-1, 5) for doc in docs]
        lengths = np.array([len(a) for a in arrays], dtype=np.int64)
        first = np.cumsum(lengths) - lengths
        values = np.concatenate(arrays) if arrays else np.zeros((0, 5), np.uint64)
        values[:, cls.LEMMA] = lemma_hashes(values[:, cls.LOWER])
        passage = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        return cls(found, docs, values, passage, np.arange(len(values)) - first[passage], first)

    def with_lemmas(self, i: int) -> Doc:
        """Passage ``i``'s doc with its lemmas set (for matchers on ``LEMMA``)."""
        doc = self.docs[i]
        if len(doc):
            rows = self.values[self.first[i] : self.first[i] + len(doc), self.LEMMA]
            doc.from_array([LEMMA], rows.reshape(-1, 1))
        return doc
