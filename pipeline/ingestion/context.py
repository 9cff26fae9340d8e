"""The repair context of an archive: word counts of its clean documents, as a versioned artefact.

OCR-damaged documents are repaired with what the archive's clean documents teach (their
word and word-pair counts), so a damaged document's rows depend on which clean documents
were counted. A context is named by a fingerprint of that set (the sorted content keys of
the clean documents) and kept, summed, in ``<out>/_cache/context``; a damaged document's
result records the context it was made with.

A context is not rebuilt for every change of a clean document: that would repair every
damaged document of the archive again whenever one clean plan changes, for changes in
counts too small to alter a repair. It is rebuilt when it has drifted materially: when the
clean documents added and removed since it was built hold at least ``rebuild_drift`` of its
words (``ContextSettings``), or when asked (``--rebuild-context``). Every run, incremental or
full, repairs with the context the output holds, so an incremental run ends where a full run
with the same context ends. Each clean document's counts are cached too
(``<out>/_cache/counts``), so a context is rebuilt without parsing anything; the counts are
summed in one canonical order, whatever order the documents came in.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.ingestion.cache import FileCache, to_ipc
from pipeline.repair.ngram import Bigrams

#: A clean document's word counts (``w2`` empty) and word-pair counts (``work.word_counts``).
COUNTS_SCHEMA = pa.schema([("w1", pa.string()), ("w2", pa.string()), ("n", pa.int64())])
#: A context's members: the content key of each clean document counted and its word count.
MEMBERS_SCHEMA = pa.schema([("key", pa.string()), ("words", pa.int64())])


@dataclass(frozen=True)
class ContextSettings:
    """When a run builds a new repair context instead of keeping the output's.

    ``rebuild_drift``: the share of the kept context's words in clean documents added or
    removed since it was built (5 %: a nightly run with a few changed plans keeps the context;
    a tenth of the archive replaced rebuilds it). ``rebuild``: build anew whatever the drift.
    """

    rebuild_drift: float = 0.05
    rebuild: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= self.rebuild_drift <= 1.0:
            raise ValueError(f"rebuild_drift {self.rebuild_drift}: expected a share between 0 and 1")


@dataclass(frozen=True)
class Choice:
    """The context a run repairs with, and why."""

    fingerprint: str
    rebuilt: bool  # a new context is built from the clean documents of this run
    drift: float | None  # the kept context's drift (None: there was none to keep)


def fingerprint(clean_keys: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for key in sorted(set(clean_keys)):
        digest.update(key.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:24]


def from_ipc(data: bytes | None, schema: pa.Schema = COUNTS_SCHEMA) -> pa.Table | None:
    """A table read back from the cache (counts, unless ``schema`` says otherwise), or
    ``None`` if there are no bytes or they are not such a table."""
    if data is None:
        return None
    try:
        table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
    except (pa.ArrowException, OSError, ValueError):
        return None
    return table if table.schema.equals(schema) else None


def total(counts: Iterable[pa.Table]) -> pa.Table:
    """The counts of every clean document summed, keys in sorted order (a context's form)."""
    tables = list(counts)
    if not tables:
        return COUNTS_SCHEMA.empty_table()
    summed = pa.concat_tables(tables).group_by(["w1", "w2"]).aggregate([("n", "sum")])
    summed = summed.sort_by([("w1", "ascending"), ("w2", "ascending")])
    return pa.table([summed["w1"], summed["w2"], summed["n_sum"]], schema=COUNTS_SCHEMA)


def members_table(members: Mapping[str, int]) -> pa.Table:
    """A context's members (content key -> words) as the table it keeps, keys sorted."""
    keys = sorted(members)
    return pa.table([keys, [members[k] for k in keys]], schema=MEMBERS_SCHEMA)


def words(counts: pa.Table) -> int:
    """How many words a counts table holds (its single-word rows)."""
    return int(pc.sum(pc.filter(counts["n"], pc.equal(counts["w2"], ""))).as_py() or 0)


def build(counts: Iterable[pa.Table]) -> Bigrams:
    """Sum the counts of every clean document into one model, keys in sorted order."""
    return model_of(total(counts))


def model_at(path: str | Path) -> Bigrams:
    """The repair model of a kept context's summed counts (``ContextStore.path``): what a
    worker sharing the output's storage reads, so the parent never builds the model."""
    summed = from_ipc(Path(path).read_bytes())
    if summed is None:
        raise ValueError(f"{path}: not a repair context's counts")
    return model_of(summed)


def model_of(total: pa.Table) -> Bigrams:
    """The repair model of summed counts (``total``)."""
    model = Bigrams()
    if total.num_rows:
        is_word = pc.equal(total["w2"], "")
        single = total.filter(is_word)
        model.unigrams.update(dict(zip(single["w1"].to_pylist(), single["n"].to_pylist(), strict=True)))
        pairs = total.filter(pc.invert(is_word))
        keys = zip(pairs["w1"].to_pylist(), pairs["w2"].to_pylist(), strict=True)
        model.bigrams.update(dict(zip(keys, pairs["n"].to_pylist(), strict=True)))
    return model.freeze()


class ContextStore:
    """The contexts an output keeps (``<out>/_cache/context``): per fingerprint, the summed
    counts and the members (content key and word count of each clean document counted).
    Written before the snapshot that names them, pruned after it, like every cache entry."""

    def __init__(self, root: Path) -> None:
        self.counts = FileCache(root, ".counts.arrow")
        self.members = FileCache(root, ".members.arrow")

    @property
    def caches(self) -> tuple[FileCache, FileCache]:
        return self.counts, self.members

    def path(self, fingerprint: str) -> Path:
        """The file of a kept context's summed counts (``model_at``)."""
        return self.counts.path(fingerprint)

    def has(self, fingerprint: str) -> bool:
        return self.counts.has(fingerprint) and self.members.has(fingerprint)

    def put(self, fingerprint: str, summed: pa.Table, members: Mapping[str, int]) -> None:
        self.members.put_bytes(fingerprint, to_ipc(members_table(members)))
        self.counts.put_bytes(fingerprint, to_ipc(summed))

    def adopt(self, fingerprint: str, counts_file: Path, members_file: Path) -> None:
        """Keep a context summed elsewhere (``context_sum``) by moving its files in: members
        first, counts last, as ``put`` writes them (``has`` needs both)."""
        self.members.root.mkdir(parents=True, exist_ok=True)
        os.replace(members_file, self.members.path(fingerprint))
        os.replace(counts_file, self.counts.path(fingerprint))

    def readable(self, fingerprint: str) -> bool:
        """Can the kept context be read back whole? Read a batch at a time and let go, so
        the check holds no more than a batch of the archive's vocabulary."""
        if not self.has(fingerprint):
            return False
        try:
            with pa.memory_map(str(self.path(fingerprint))) as source:
                reader = pa.ipc.open_stream(source)
                if not reader.schema.equals(COUNTS_SCHEMA):
                    return False
                for _ in reader:
                    pass
        except (pa.ArrowException, OSError, ValueError):
            return False
        return True

    def load(self, fingerprint: str) -> pa.Table | None:
        """The summed counts of a kept context, or ``None`` when they cannot be read."""
        return from_ipc(self.counts.get_bytes(fingerprint))

    def load_members(self, fingerprint: str) -> dict[str, int] | None:
        table = from_ipc(self.members.get_bytes(fingerprint), MEMBERS_SCHEMA)
        if table is None:
            return None
        return dict(zip(table["key"].to_pylist(), table["words"].to_pylist(), strict=True))

    def retain(self, fingerprints: Iterable[str]) -> None:
        keep = set(fingerprints)
        self.counts.retain(keep)
        self.members.retain(keep)


def drift(kept: Mapping[str, int], now: Mapping[str, int | None]) -> float:
    """The share of a kept context's words in clean documents added or removed since: the
    words of the members no longer clean plus those of the clean documents not yet members,
    over the kept context's words. A new document whose count is unknown (``None``) counts as
    the kept context's average document."""
    base = sum(kept.values())
    average = base / len(kept) if kept else 0.0
    removed = sum(n for key, n in kept.items() if key not in now)
    added = sum(average if n is None else n for key, n in now.items() if key not in kept)
    return (removed + added) / base if base else (1.0 if now else 0.0)
