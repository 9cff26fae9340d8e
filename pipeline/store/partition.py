"""Which part of a table a row is written to: the key that lets a run rewrite only what changed.

A table is cut into ``buckets`` parts by a hash of the path a row's file is kept under
(``documents.source_path``; ``problems`` rows name theirs): a document's rows are always in
one part, the same part in every table, and a run that changes a few documents rewrites only
their parts. The path and not the content hash (``doc_id``), because an edited plan keeps its
path but gets a new ``doc_id``: cut by ``doc_id`` its rows left one part and joined another,
two parts a table rewritten for each edit; cut by path, one. (A moved file moves its rows to
another part, as an edit did before; moves are rarer than edits.) Within a part rows are
sorted by ``doc_id`` (``problems`` by ``source_path``). Why a hash and not district/year
(Hive partitions): the share of a run's output rewritten for a 1 % change is 1 - 0.99^S for
parts of S documents, which only small, even parts keep small; a district/year part holds
hundreds of plans in a large municipality and one in a small one, and most documents do not
state both. Readers see a folder of Parquet files with the table's schema, whatever the
number of parts.

The number of buckets follows the archive: about ``DOCS_PER_BUCKET`` documents a part
(rounded to a power of two); it is kept from run to run until the archive has grown or
shrunk so much that parts hold four times more or fewer documents, when a run writes
every table anew in the new cut (the compaction: a part is always one file, so parts never
fragment, they only grow or thin out). An output cut another way (by ``doc_id``, before
``CUT``) is cut anew once.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

#: Documents a part holds, aimed at: with 1 % of the documents changed, 1 - 0.99^8 = 8 % of
#: the parts are rewritten.
DOCS_PER_BUCKET = 8
#: Parts holding this many times more or fewer documents than aimed at are cut anew.
RECUT = 4
#: Tables whose rows name their file's path (the others are cut by their document's).
BY_PATH = frozenset({"problems", "documents"})
#: What the parts are cut by, kept in a snapshot's run info: a run builds on the previous
#: snapshot's parts only when they were cut the same way.
CUT = "source_path"


def bucket_count(documents: int, current: int | None = None, per_bucket: int = DOCS_PER_BUCKET) -> int:
    """The number of buckets for an output of ``documents`` documents, keeping ``current``
    while it is within ``RECUT`` of the aim."""
    aim = 2 ** max(0, round(math.log2(max(1, documents) / per_bucket)))
    if current and aim / RECUT <= current <= aim * RECUT:
        return current
    return aim


def path_hash(path: str) -> int:
    """The 32-bit hash of a stored path that places its rows: part and order."""
    return int.from_bytes(
        hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "big"
    )


def path_bucket(path: str, buckets: int) -> int:
    """The part of a path: its hash's range, so the parts in name order are in hash order."""
    return path_hash(path) * buckets >> 32


@dataclass(frozen=True)
class Cut:
    """The parts of an output, ``buckets`` of them, and the path hash of each document (of
    the path its ``documents`` row names), which places the rows of the tables that name
    only the ``doc_id``."""

    buckets: int
    hash_of_doc: Mapping[str, int]

    @classmethod
    def of(cls, documents: pa.Table, buckets: int) -> Cut:
        ids, paths = documents["doc_id"].to_pylist(), documents["source_path"].to_pylist()
        return cls(buckets, {d: path_hash(p) for d, p in zip(ids, paths, strict=True)})

    def bucket_of(self, doc_id: str) -> int:
        return self.hash_of_doc[doc_id] * self.buckets >> 32

    def hashes(self, table_name: str, table: pa.Table) -> pa.Array:
        """Per row of ``table``, the hash of its file's path."""
        return row_hashes(table_name, table, self.hash_of_doc)

    def split(self, table_name: str, table: pa.Table) -> dict[int, pa.Table]:
        """The rows of ``table`` by part (row order kept within each); empty parts left out."""
        if self.buckets == 1 or table.num_rows == 0:
            return {0: table} if table.num_rows else {}
        hashes = self.hashes(table_name, table).cast(pa.uint64())
        rows = pc.shift_right(pc.multiply(hashes, pa.scalar(self.buckets, pa.uint64())), 32)
        return {bucket: table.filter(pc.equal(rows, bucket)) for bucket in pc.unique(rows).to_pylist()}


def row_hashes(table_name: str, table: pa.Table, hash_of_doc: Mapping[str, int] | None = None) -> pa.Array:
    """Per row, the hash of its file's path: read from ``source_path`` where the table has it
    (``BY_PATH``), else looked up by ``doc_id`` in ``hash_of_doc``."""
    by_path = table_name in BY_PATH
    keys = table["source_path" if by_path else "doc_id"].combine_chunks().dictionary_encode()
    distinct = keys.dictionary.to_pylist()
    if by_path:
        values = [path_hash(k) for k in distinct]
    else:
        missing = [k for k in distinct if hash_of_doc is None or k not in hash_of_doc]
        if missing:
            raise ValueError(f"table {table_name!r}: rows of documents with no documents row: {missing[:3]}")
        values = [hash_of_doc[k] for k in distinct]
    return pa.array(values, pa.uint32()).take(keys.indices)
