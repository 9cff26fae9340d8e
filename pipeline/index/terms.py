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
    stop = _stop_hashes()
    which, positions, starts, lowers, lemmas = [], [], [], [], []
    for k, doc in enumerate(docs):
        if not len(doc):
            continue
        values = doc.to_array(_ATTRS)
        keep = (values[:, 2] == 1) & ~np.isin(values[:, 0], stop) & ~np.isin(values[:, 1], stop)
        index = np.flatnonzero(keep)
        if not index.size:
            continue
        which.append(np.full(index.size, k, dtype=np.int32))
        positions.append(index.astype(np.int32))
        starts.append(values[index, 3].astype(np.int32))
        lowers.append(values[index, 0])
        lemmas.append(values[index, 1])
    if not which:
        return TERMS.empty_table()
    rows = np.concatenate(which)
    take = pa.array(rows)

    def per_passage(values: list, kind: pa.DataType) -> pa.Array:
        return pa.array(values, kind).take(take)

    return pa.Table.from_arrays(
        [
            pa.array(np.full(rows.size, doc_id, dtype=object), pa.string()),
            per_passage([p.source for p in found], pa.string()),
            per_passage([p.goal_id for p in found], pa.string()),
            per_passage([p.section_id for p in found], pa.string()),
            per_passage([p.ordinal for p in found], pa.int32()),
            pa.array(np.concatenate(positions), pa.int32()),
            pa.array(np.concatenate(starts), pa.int32()),
            _strings(np.concatenate(lemmas), strings),
            _strings(np.concatenate(lowers), strings),
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
