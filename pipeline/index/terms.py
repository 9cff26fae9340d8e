"""The ``terms`` table: every word of a plan's passages with its lemma and place.

Columns are built whole with numpy from the plan's tokens (``PlanTokens``), no Python per
token: words only (``IS_ALPHA``), stop words out (by the word or by its lemma: "höga" is "hög").
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa

from pipeline.index.passages import PlanTokens
from pipeline.lang.sv.nlp import stop_words, swedish
from pipeline.store.schema import TERMS


def terms_table(doc_id: str, tokens: PlanTokens) -> pa.Table:
    values, t = tokens.values, PlanTokens
    stop = _stop_hashes()
    lower, lemma = _Strings(values[:, t.LOWER]), _Strings(values[:, t.LEMMA])
    keep = np.flatnonzero((values[:, t.IS_ALPHA] == 1) & ~lower.isin(stop) & ~lemma.isin(stop))
    if not keep.size:
        return TERMS.empty_table()
    take = pa.array(tokens.passage[keep])
    found = tokens.passages

    def per_passage(column: list, kind: pa.DataType) -> pa.Array:
        return pa.array(column, kind).take(take)

    return pa.Table.from_arrays(
        [
            pa.repeat(pa.scalar(doc_id, pa.string()), keep.size),
            per_passage([p.source for p in found], pa.string()),
            per_passage([p.goal_id for p in found], pa.string()),
            per_passage([p.section_id for p in found], pa.string()),
            per_passage([p.ordinal for p in found], pa.int32()),
            pa.array(tokens.position[keep].astype(np.int32), pa.int32()),
            pa.array(values[keep, t.IDX].astype(np.int32), pa.int32()),
            lemma.strings(keep),
            lower.strings(keep),
            per_passage([p.page for p in found], pa.int32()),
        ],
        schema=TERMS,
    )


class _Strings:
    """A column of spaCy string hashes by its distinct hashes: each is looked up, and tested,
    once (and its string once per process)."""

    def __init__(self, hashes: np.ndarray) -> None:
        self.unique, inverse = np.unique(hashes, return_inverse=True)
        self.inverse = inverse.reshape(-1)

    def isin(self, hashes: np.ndarray) -> np.ndarray:
        return np.isin(self.unique, hashes)[self.inverse]

    def strings(self, rows: np.ndarray) -> pa.Array:
        """The strings of the given rows, as a string column."""
        used, at = np.unique(self.inverse[rows], return_inverse=True)
        return pa.array([_string(h) for h in self.unique[used].tolist()], pa.string()).take(
            pa.array(at.reshape(-1).astype(np.int32))
        )


@cache
def _string(hash_: int) -> str:
    return swedish().vocab.strings[hash_]


@cache
def _stop_hashes() -> np.ndarray:
    strings = swedish().vocab.strings
    return np.array(sorted(strings.add(w) for w in stop_words()), dtype=np.uint64)
