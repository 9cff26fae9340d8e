"""The repair context of an archive: word counts of all its clean documents, made reproducible.

OCR-damaged documents are repaired with what the archive's clean documents teach (their
word and word-pair counts), so a damaged document's rows depend on which clean documents
exist. To make every run end where a full run over the same archive would, that set is
named by a fingerprint (the sorted content keys of the clean, parsed documents); a damaged
document's result records the fingerprint it was made with and is made again when the
fingerprint changes. Each clean document's counts are kept in a cache
(``<out>/_cache/counts``), so the context of the whole archive is rebuilt without parsing
anything; the counts are summed in one canonical order, whatever order the documents came in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.ingestion.work import COUNTS_SCHEMA
from pipeline.repair.ngram import Bigrams


def fingerprint(clean_keys: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for key in sorted(set(clean_keys)):
        digest.update(key.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:24]


def to_ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def from_ipc(data: bytes) -> pa.Table | None:
    """Counts read back from the cache, or ``None`` if the bytes are not a counts table."""
    try:
        table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
    except (pa.ArrowException, OSError, ValueError):
        return None
    return table if table.schema.equals(COUNTS_SCHEMA) else None


def build(counts: Iterable[pa.Table]) -> Bigrams:
    """Sum the counts of every clean document into one model, keys in sorted order."""
    tables = list(counts)
    model = Bigrams()
    if tables:
        total = pa.concat_tables(tables).group_by(["w1", "w2"]).aggregate([("n", "sum")])
        total = total.sort_by([("w1", "ascending"), ("w2", "ascending")])
        is_word = pc.equal(total["w2"], "")
        words = total.filter(is_word)
        model.unigrams.update(dict(zip(words["w1"].to_pylist(), words["n_sum"].to_pylist(), strict=True)))
        pairs = total.filter(pc.invert(is_word))
        keys = zip(pairs["w1"].to_pylist(), pairs["w2"].to_pylist(), strict=True)
        model.bigrams.update(dict(zip(keys, pairs["n_sum"].to_pylist(), strict=True)))
    return model.freeze()
