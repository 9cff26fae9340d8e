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
    keep = np.flatnonzero(
        (values[:, t.IS_ALPHA] == 1) & ~np.isin(values[:, t.LOWER], stop) & ~np.isin(values[:, t.LEMMA], stop)
    )
    if not keep.size:
        return TERMS.empty_table()
    take = pa.array(tokens.passage[keep])
    found = tokens.passages

    def per_passage(column: list, kind: pa.DataType) -> pa.Array:
        return pa.array(column, kind).take(take)

    return pa.Table.from_arrays(
        [
            pa.array(np.full(keep.size, doc_id, dtype=object), pa.string()),
            per_passage([p.source for p in found], pa.string()),
            per_passage([p.goal_id for p in found], pa.string()),
            per_passage([p.section_id for p in found], pa.string()),
            per_passage([p.ordinal for p in found], pa.int32()),
            pa.array(tokens.position[keep].astype(np.int32), pa.int32()),
            pa.array(values[keep, t.IDX].astype(np.int32), pa.int32()),
            _strings(values[keep, t.LEMMA]),
            _strings(values[keep, t.LOWER]),
            per_passage([p.page for p in found], pa.int32()),
        ],
        schema=TERMS,
    )


def _strings(hashes: np.ndarray) -> pa.Array:
    """spaCy string hashes as a string column (each distinct hash looked up once per process)."""
    unique, inverse = np.unique(hashes, return_inverse=True)
    return pa.array([_string(h) for h in unique.tolist()], pa.string()).take(
        pa.array(inverse.astype(np.int32))
    )


@cache
def _string(hash_: int) -> str:
    return swedish().vocab.strings[hash_]


@cache
def _stop_hashes() -> np.ndarray:
    strings = swedish().vocab.strings
    return np.array(sorted(strings.add(w) for w in stop_words()), dtype=np.uint64)
