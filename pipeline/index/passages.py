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
from pipeline.text import one_for_one


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


#: What stands between two passages in a plan's doc: a token of its own (whitespace), never
#: part of a word or a phrase of either.
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class PlanTokens:
    """Every token of a plan's passages in one array, with the passage each stands in and its
    number there: what terms and themes read. The passages are tokenised by the Swedish
    pipeline's tokenizer as one doc, a ``SEPARATOR`` between two (one call, not one a
    passage: the calls were most of the tokenizer's time), and lemmatised for the whole plan
    at once (``lemma_hashes``): the same tokens and lemmas as the pipeline gives each passage."""

    LOWER, LEMMA, IS_ALPHA, IDX, LENGTH = range(5)  # the columns of ``values``; IDX within the passage

    passages: Sequence[Passage]
    doc: Doc  # the passages and their separators; lemmas set only by ``with_lemmas``
    token: np.ndarray  # token -> its index in ``doc``
    values: np.ndarray  # token -> the columns above (uint64)
    passage: np.ndarray  # token -> index of its passage
    position: np.ndarray  # token -> its number within the passage (0-based)
    first: np.ndarray  # passage -> index of its first token

    @classmethod
    def of(cls, found: Sequence[Passage]) -> PlanTokens:
        doc, starts = _plan_doc([one_for_one(p.text) for p in found])  # a lone surrogate stops spaCy
        # LOWER twice: the second is the LEMMA column's place, filled for the whole plan below
        values = doc.to_array([LOWER, LOWER, IS_ALPHA, IDX, LENGTH]).reshape(-1, 5)
        at = values[:, cls.IDX].astype(np.int64)
        passage = np.searchsorted(starts, at, side="right") - 1
        ends = starts + np.array([len(p.text) for p in found], dtype=np.int64)
        token = np.flatnonzero(at < ends[passage]) if len(found) else np.zeros(0, np.int64)
        values, passage = values[token], passage[token]
        values[:, cls.IDX] -= starts[passage].astype(np.uint64)
        values[:, cls.LEMMA] = lemma_hashes(values[:, cls.LOWER])
        lengths = np.bincount(passage, minlength=len(found))
        first = np.cumsum(lengths) - lengths
        return cls(found, doc, token, values, passage, np.arange(len(values)) - first[passage], first)

    def with_lemmas(self) -> Doc:
        """The plan's doc with its tokens' lemmas set (for matchers on ``LEMMA``); a match in it
        never spans two passages (``SEPARATOR``)."""
        lemmas = np.zeros(len(self.doc), dtype=np.uint64)
        lemmas[self.token] = self.values[:, self.LEMMA]
        if len(self.doc):
            self.doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return self.doc

    def index_of(self, doc_tokens: np.ndarray) -> np.ndarray:
        """The tokens (indices into ``values``) that are the given tokens of ``doc``."""
        return np.searchsorted(self.token, doc_tokens)


def _plan_doc(texts: Sequence[str]) -> tuple[Doc, np.ndarray]:
    """``texts`` as one doc, ``SEPARATOR`` between two, and where each starts in it. Joined
    text is tokenised as each text alone only where no text begins or ends in whitespace
    (the whitespace would join the separator's token); such texts are tokenised alone."""
    starts = np.cumsum([0] + [len(t) + len(SEPARATOR) for t in texts], dtype=np.int64)[: len(texts)]
    tokenizer = swedish().tokenizer
    if all(t == t.strip() for t in texts):
        return tokenizer(SEPARATOR.join(texts)), starts
    separator = tokenizer(SEPARATOR)
    docs = [d for i, doc in enumerate(tokenizer.pipe(texts)) for d in ((separator, doc) if i else (doc,))]
    return Doc.from_docs(docs, ensure_whitespace=False) if docs else tokenizer(""), starts
