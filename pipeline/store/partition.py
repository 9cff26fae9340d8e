"""Which part of a table a row is written to: the key that lets a run rewrite only what changed.

A table whose rows belong to documents is cut into ``buckets`` ranges of ``doc_id`` (the
first 32 bits of the content hash, so the ranges are even): a document's rows are always in
one part, the parts in name order are the table in ``doc_id`` order, and a run that changes
a few documents rewrites only their parts. ``problems`` belong to files, so they are cut by
a hash of ``source_path``. Why a hash range and not district/year (Hive partitions): the
share of a run's output rewritten for a 1 % change is 1 - 0.99^S for parts of S documents,
which only small, even parts keep small; a district/year part holds hundreds of plans in a
large municipality and one in a small one, and most documents do not state both. Readers
see a folder of Parquet files with the table's schema, whatever the number of parts.

The number of buckets follows the archive: about ``DOCS_PER_BUCKET`` documents a part
(rounded to a power of two); it is kept from run to run until the archive has grown or
shrunk so much that parts hold four times more or fewer documents, when a run writes
every table anew in the new cut (the compaction: a part is always one file, so parts never
fragment, they only grow or thin out).
"""

from __future__ import annotations

import hashlib
import math

import pyarrow as pa
import pyarrow.compute as pc

#: Documents a part holds, aimed at: with 1 % of the documents changed, 1 - 0.99^8 = 8 % of
#: the parts are rewritten.
DOCS_PER_BUCKET = 8
#: Parts holding this many times more or fewer documents than aimed at are cut anew.
RECUT = 4
#: Tables cut by the file a row is about rather than the document.
BY_PATH = frozenset({"problems"})


def bucket_count(documents: int, current: int | None = None, per_bucket: int = DOCS_PER_BUCKET) -> int:
    """The number of buckets for an output of ``documents`` documents, keeping ``current``
    while it is within ``RECUT`` of the aim."""
    aim = 2 ** max(0, round(math.log2(max(1, documents) / per_bucket)))
    if current and aim / RECUT <= current <= aim * RECUT:
        return current
    return aim


def doc_bucket(doc_id: str, buckets: int) -> int:
    """The bucket of a document: its ``doc_id`` range (a hash of another form of id, if it is
    not the usual hex)."""
    try:
        head = int(doc_id[:8], 16) if len(doc_id) >= 8 else None
    except ValueError:
        head = None
    if head is None:
        head = _hash32(doc_id)
    return head * buckets >> 32


def path_bucket(path: str, buckets: int) -> int:
    return _hash32(path) * buckets >> 32


def key_of(table: str) -> str:
    return "source_path" if table in BY_PATH else "doc_id"


def bucket_of(table: str, key: str, buckets: int) -> int:
    return path_bucket(key, buckets) if table in BY_PATH else doc_bucket(key, buckets)


def split(table_name: str, table: pa.Table, buckets: int) -> dict[int, pa.Table]:
    """The rows of ``table`` by bucket (row order kept within each); empty buckets left out."""
    if buckets == 1 or table.num_rows == 0:
        return {0: table} if table.num_rows else {}
    keys = table[key_of(table_name)].combine_chunks().dictionary_encode()
    of_key = pa.array([bucket_of(table_name, k, buckets) for k in keys.dictionary.to_pylist()], pa.int32())
    rows = of_key.take(keys.indices)
    out = {}
    for bucket in pc.unique(rows).to_pylist():
        out[bucket] = table.filter(pc.equal(rows, bucket))
    return out


def _hash32(text: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "big"
    )
