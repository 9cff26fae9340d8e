"""The ``terms`` table: every word of a plan's passages with its lemma and place.

Columns are built whole with numpy from ``Doc.to_array`` (no Python per token): words only
(``IS_ALPHA``), stop words out (by the word or by its lemma: "höga" is "hög").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import pyarrow as pa
from spacy.attrs import IDX, IS_ALPHA, LEMMA, LOWER
from spacy.tokens import Doc

from pipeline.index.passages import Passage
from pipeline.lang.sv.nlp import stop_words, swedish
from pipeline.store.schema import TERMS

_ATTRS = [LOWER, LEMMA, IS_ALPHA, IDX]


def terms_table(doc_id: str, found: Sequence[Passage], docs: Sequence[Doc]) -> pa.Table:
    strings = swedish().vocab.strings
    arrays = [doc.to_array(_ATTRS) for doc in docs]
    lengths = np.array([len(a) for a in arrays], dtype=np.int64)
    if not lengths.sum():
        return TERMS.empty_table()
    values = np.concatenate([a for a in arrays if len(a)])
    passage = np.repeat(np.arange(len(docs), dtype=np.int32), lengths)
    position = np.arange(len(values), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    stop = _stop_hashes()
    keep = np.flatnonzero((values[:, 2] == 1) & ~np.isin(values[:, 0], stop) & ~np.isin(values[:, 1], stop))
    if not keep.size:
        return TERMS.empty_table()
    take = pa.array(passage[keep])

    def per_passage(column: list, kind: pa.DataType) -> pa.Array:
        return pa.array(column, kind).take(take)

    return pa.Table.from_arrays(
        [
            pa.array(np.full(keep.size, doc_id, dtype=object), pa.string()),
            per_passage([p.source for p in found], pa.string()),
            per_passage([p.goal_id for p in found], pa.string()),
            per_passage([p.section_id for p in found], pa.string()),
            per_passage([p.ordinal for p in found], pa.int32()),
            pa.array(position[keep].astype(np.int32), pa.int32()),
            pa.array(values[keep, 3].astype(np.int32), pa.int32()),
            _strings(values[keep, 1], strings),
            _strings(values[keep, 0], strings),
            per_passage([p.page for p in found], pa.int32()),
        ],
        schema=TERMS,
    )


def _strings(hashes: np.ndarray, strings) -> pa.Array:
    """spaCy string hashes as a string column (each distinct hash looked up once)."""
    unique, inverse = np.unique(hashes, return_inverse=True)
    return pa.array([strings[int(h)] for h in unique], pa.string()).take(pa.array(inverse.astype(np.int32)))


@cache
def _stop_hashes() -> np.ndarray:
    strings = swedish().vocab.strings
    return np.array(sorted(strings.add(w) for w in stop_words()), dtype=np.uint64)
