"""The output tables of a run, from this run's results and the rows kept from the last snapshot.

Who owns a row: a row of a plan table belongs to its ``doc_id``, whose ``documents`` row
names the one path it is kept under; a ``problems`` row belongs to its ``source_path``.
Rows are carried from the previous snapshot by owner and, where the owner's path changed
(a moved file, or a new first path for content kept once), relocated: ``source_path`` and
the path inside problem messages are rewritten, as a fresh parse under the new path would
write them. Problems of the ``discover`` stage (duplicate content, unsupported or
unreadable files) are never carried; they are made anew from the archive each run.

The tables are written in parts (``pipeline.store.partition``: ranges of a hash of the path
a document is kept under), a part at a time, so the parent never holds every document's
rows: only ``documents`` and ``problems`` whole (one row per document, or few) and the
columns of goals and indicators the derived tables read (``_Compact``). Each part comes out
sorted by path hash, then ``doc_id`` (``problems``: ``source_path``), the rows of one
document in the order the parser made them, so read in name order a table is in that order
too, whatever the number of parts. So any run over the same archive state (full,
incremental, resumed, local or on Dask) writes the same tables; only
``documents.ingested_at`` (when the document was parsed) differs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.derive import identify_plans, kf_goal_table
from pipeline.derive.kf_targets import COLUMNS as PLACEMENT_COLUMNS
from pipeline.derive.kf_targets import (
    known_kf_values,
    place_lone_values,
    placeable,
    placement_changes,
    read_rows,
)
from pipeline.derive.plans import paired_doc_ids
from pipeline.errors import Code
from pipeline.ingestion.manifest import Entry
from pipeline.ingestion.scan import FileState
from pipeline.ingestion.work import FRONT_TABLES, DocResult
from pipeline.model import GOAL_LEVELS, Problem
from pipeline.store import TABLES, conform, rows_to_table
from pipeline.store.partition import CUT, Cut, path_bucket, row_hashes
from pipeline.store.rows import problem_row
from pipeline.store.schema import DERIVED_TABLES
from pipeline.store.writer import SnapshotWriter

DERIVED_STAGE = "discover"
#: The tables whose rows belong to one document or file (the others are derived from them).
_OWNED_TABLES = [name for name in TABLES if name not in DERIVED_TABLES]
_PLAN_TABLES = [name for name in _OWNED_TABLES if name != "problems"]
_ORDER = "__order"
_HASH = "__path_hash"


@dataclass(frozen=True)
class Carried:
    """A content's rows are taken from the previous snapshot, where ``entry`` owns them."""

    entry: Entry

    @property
    def status(self) -> str:
        return self.entry.status


@dataclass(frozen=True)
class Fresh:
    """A content's rows come from a result of this run (or of the interrupted run before it).
    ``spooled``: the spool key its full tables are kept under; ``result`` then holds only
    its ``documents`` and ``problems`` rows, so the parent does not hold every result's rows."""

    result: DocResult
    spooled: str | None = None
    rows: dict[str, list[dict]] | None = None  # the front rows of a spooled result

    @classmethod
    def spooled_as(cls, result: DocResult, key: str) -> Fresh:
        """A result kept in the spool under ``key``: only its front rows stay in memory, as
        rows (a one-row Arrow table unpickled from a worker holds its own copy of the
        schema and its descriptions: 48 KB a document, measured)."""
        if result.rows is not None:  # made rows by its worker (``work.keep``)
            return cls(replace(result, rows=None), key, result.rows)
        rows = {n: t.to_pylist() for n, t in result.tables.items() if n in _FRONT}
        return cls(replace(result, tables={}), key, rows)

    def front_rows(self) -> dict[str, list[dict]]:
        """The ``documents`` and ``problems`` rows of the result, as rows."""
        if self.rows is None:
            return {n: t.to_pylist() for n, t in self.result.tables.items() if n in _FRONT}
        return self.rows

    @property
    def status(self) -> str:
        return self.result.status


#: The tables assembled whole in the parent (one row per document, or few): the derived
#: tables need all of ``documents``; ``problems`` rows move with their files.
_FRONT = FRONT_TABLES
#: The tables assembled a part at a time, from the results and the previous parts.
_BY_PART = [name for name in _PLAN_TABLES if name != "documents"]
#: The columns the derived tables read of goals and indicators (``pipeline.derive``).
_DERIVE_COLUMNS = {
    "goals": ["doc_id", "level", "code", "title"],
    "indicators": ["name", *PLACEMENT_COLUMNS],
}
#: The goal levels ``kf_goal_table`` reads (names: an Arrow array made at import would set
#: up Arrow's memory pool in every process that imports this, a worker before its limit).
_KF_LEVELS = [level.name for level in GOAL_LEVELS if level.is_kf]
#: Small tables joined into one after this many (bounds the count of Arrow objects held).
_JOIN_EVERY = 512
#: Rows given as dicts made into one table after this many.
_ROWS_EVERY = 4096


class _Rows:
    """Tables of one schema gathered in order, joined every ``_JOIN_EVERY`` pieces; rows
    given as dicts are made into one table every ``_ROWS_EVERY`` rows (a one-row Arrow table
    holds about 23 KB of buffers, measured: ten times its row as a dict)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pieces: list[pa.Table] = []
        self._rows: list[dict] = []

    def add(self, table: pa.Table | None) -> None:
        self._flush()
        if table is None or not table.num_rows:
            return
        self.pieces.append(table.replace_schema_metadata(None))
        if len(self.pieces) >= _JOIN_EVERY:
            self.pieces = [pa.concat_tables(self.pieces).combine_chunks()]

    def add_rows(self, rows: list[dict]) -> None:
        self._rows += rows
        if len(self._rows) >= _ROWS_EVERY:
            self._flush()

    def tables(self) -> list[pa.Table]:
        self._flush()
        return self.pieces

    def _flush(self) -> None:
        if self._rows:
            rows, self._rows = self._rows, []
            self.add(pa.Table.from_pylist(rows, schema=TABLES[self.name]))


class _Compact:
    """The rows of goals and indicators the derived tables read (``_DERIVE_COLUMNS``), as
    the parts are written: every row of a document that may be a copy of another
    (``identify_plans`` compares their titles and names), and of the others only the KF goals
    (``kf_goal_table``) and the indicator rows that show a KF value or are undecided
    (``kf_targets``). Not every row of the archive: those grow with it."""

    def __init__(self, paired: pa.Array) -> None:
        self.paired = paired
        self.kf_levels = pa.array(_KF_LEVELS, pa.string())
        self.rows = {name: _Rows(name) for name in _DERIVE_COLUMNS}

    def add(self, name: str, table: pa.Table) -> None:
        mine = pc.is_in(table["doc_id"], value_set=self.paired)
        other = pc.is_in(table["level"], value_set=self.kf_levels) if name == "goals" else read_rows(table)
        self.rows[name].add(table.filter(pc.or_(mine, other)).select(_DERIVE_COLUMNS[name]))


@dataclass
class Totals:
    """Row counts of the written snapshot, and how its parts came to be."""

    rows: dict[str, int]
    warnings: int
    errors: int
    parts_written: int
    parts_linked: int


class PreviousParts(Protocol):
    """The previous snapshot's tables as the assembly reads them (``previous.Previous``)."""

    buckets: int
    cut: str

    def table(self, name: str) -> pa.Table: ...

    def part(self, name: str, bucket: int) -> Path | None: ...

    def part_rows(self, name: str, bucket: int) -> int: ...


@dataclass
class Assembly:
    front: dict[str, _Rows] = field(default_factory=lambda: {name: _Rows(name) for name in _FRONT})
    fresh: list[tuple[str, Fresh, str]] = field(
        default_factory=list
    )  # (doc_id, result, path) in archive order
    carry_docs: dict[str, str] = field(default_factory=dict)  # doc_id -> path it is kept under
    carry_problems: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path)
    derived: list[Problem] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)  # doc_id -> path it is kept under

    def emit(self, source: Carried | Fresh, sha256: str, path: str) -> None:
        if isinstance(source, Fresh):
            for name, rows in relocate_rows(source.front_rows(), source.result.source_path, path).items():
                self.front[name].add_rows(rows)
            self.fresh.append((sha256[:16], source, path))
            return
        if source.status == "parsed":
            self.carry_docs[sha256[:16]] = path
        self.carry_problems.append((source.entry.source_path, path))

    def duplicate(self, sha256: str, path: str) -> None:
        doc_id = sha256[:16]
        message = f"{path}: same content as {self.seen[doc_id]}; kept once"
        self.derived.append(Problem(path, DERIVED_STAGE, "warning", Code.DUPLICATE_CONTENT, message, doc_id))

    def write(
        self,
        writer: SnapshotWriter,
        previous: PreviousParts | None,
        buckets: int,
        load: Callable[[Fresh], dict[str, pa.Table]],
    ) -> Totals:
        """Write the output tables into ``writer`` in ``buckets`` parts each, a part at a time:
        a part whose documents are all carried unchanged is linked from ``previous``, the
        others are made from the carried rows of their previous part and the results
        (``load`` reads a result's tables back from the spool). ``plans`` and the KF goal
        catalog are derived anew from compact columns of all rows (``pipeline.derive``);
        ``documents`` and ``problems`` parts are linked when equal to the previous ones."""
        if (self.carry_docs or self.carry_problems) and previous is None:
            raise ValueError("rows to carry, but no previous snapshot to carry them from")
        same_cut = previous is not None and previous.buckets == buckets and previous.cut == CUT
        old_docs = previous.table("documents") if previous is not None else TABLES["documents"].empty_table()
        old_problems = (
            previous.table("problems") if previous is not None else TABLES["problems"].empty_table()
        )
        documents, problems = self._front(old_docs, old_problems)
        compact = _Compact(paired_doc_ids(documents))
        cut = Cut.of(documents, buckets)
        self._write_parts(writer, previous, cut, same_cut, old_docs, load, compact)
        goals, indicators = (
            _joined(TABLES[n].empty_table().select(cols), compact.rows[n].tables())
            for n, cols in _DERIVE_COLUMNS.items()
        )
        documents, plans = identify_plans(documents, goals, indicators)
        derived = {"plans": plans, "kf_goals": kf_goal_table(documents, goals)}
        _place_lone_values(writer, documents, indicators, cut)
        for name, table in (("documents", documents), ("problems", problems)):
            old = old_docs if name == "documents" else old_problems
            _write_compared(
                writer,
                name,
                cut.split(name, table),
                previous,
                Cut.of(old_docs, buckets).split(name, old) if same_cut else {},
            )
        for name, table in derived.items():
            _write_compared(writer, name, {0: table}, previous, {0: previous.table(name)} if previous else {})
        severity = problems["severity"].to_pylist()
        return Totals(
            {name: sum(parts.values()) for name, parts in writer.rows.items()},
            severity.count("warning"),
            severity.count("error"),
            writer.written,
            writer.linked,
        )

    def _front(self, old_docs: pa.Table, old_problems: pa.Table) -> tuple[pa.Table, pa.Table]:
        """The whole ``documents`` and ``problems`` tables: the results', the carried rows
        (relocated where their file moved) and this run's ``discover`` problems."""
        ids = pa.array(sorted(self.carry_docs), pa.string())
        docs = old_docs.filter(pc.is_in(old_docs["doc_id"], value_set=ids))
        paths = pa.array([self.carry_docs[d] for d in docs["doc_id"].to_pylist()], pa.string())
        self.front["documents"].add(_replace(docs, "source_path", paths))
        self._carry_problems(old_problems)
        if self.derived:
            self.front["problems"].add(rows_to_table("problems", [problem_row(p) for p in self.derived]))
        return tuple(_sorted(name, self.front[name].tables()) for name in _FRONT)

    def _carry_problems(self, problems: pa.Table) -> None:
        problems = problems.filter(pc.not_equal(problems["stage"], DERIVED_STAGE))
        olds = pa.array(sorted({old for old, _ in self.carry_problems}), pa.string())
        problems = problems.filter(pc.is_in(problems["source_path"], value_set=olds))
        if not problems.num_rows:
            return
        rows_of: dict[str, list[int]] = defaultdict(list)
        for i, path in enumerate(problems["source_path"].to_pylist()):
            rows_of[path].append(i)
        uses: dict[str, int] = defaultdict(int)
        for old, _ in self.carry_problems:
            uses[old] += 1
        in_place = pa.array(sorted(o for o, n in self.carry_problems if o == n and uses[o] == 1), pa.string())
        self.front["problems"].add(problems.filter(pc.is_in(problems["source_path"], value_set=in_place)))
        for old, new in self.carry_problems:
            if (old != new or uses[old] > 1) and rows_of.get(old):
                taken = problems.take(pa.array(rows_of[old], pa.int64()))
                self.front["problems"].add(relocate({"problems": taken}, old, new)["problems"])

    def _write_parts(
        self,
        writer: SnapshotWriter,
        previous: PreviousParts | None,
        cut: Cut,
        same_cut: bool,
        old_docs: pa.Table,
        load: Callable[[Fresh], dict[str, pa.Table]],
        compact: _Compact,
    ) -> None:
        fresh: dict[int, list[Fresh]] = defaultdict(list)
        for _, source, path in self.fresh:
            fresh[path_bucket(path, cut.buckets)].append(source)
        carried: dict[int, set[str]] = defaultdict(set)
        for doc_id in self.carry_docs:
            carried[cut.bucket_of(doc_id)].add(doc_id)
        before: dict[int, set[str]] = defaultdict(set)
        recut: dict[str, dict[int, pa.Table]] = {}
        old_cut = Cut.of(old_docs, cut.buckets)
        if same_cut:
            for doc_id in old_cut.hash_of_doc:
                before[old_cut.bucket_of(doc_id)].add(doc_id)
        elif previous is not None and self.carry_docs:
            # A new cut (the archive grew or shrank 4x, or an output written in one part):
            # the carried rows are read whole, a table at a time, and cut anew.
            ids = pa.array(sorted(self.carry_docs), pa.string())
            for name in _BY_PART:
                table = previous.table(name)
                recut[name] = cut.split(name, table.filter(pc.is_in(table["doc_id"], value_set=ids)))
        for bucket in range(cut.buckets):
            if same_cut and not fresh[bucket] and carried[bucket] == before[bucket]:
                for name in _BY_PART:
                    path = previous.part(name, bucket)
                    if path is not None:
                        writer.link(name, path, previous.part_rows(name, bucket), bucket)
                        if name in _DERIVE_COLUMNS:
                            compact.add(name, pq.read_table(path, columns=_DERIVE_COLUMNS[name]))
                continue
            loaded = [load(source) for source in fresh.pop(bucket, [])]
            # Carried documents by the old part they are in: their own, or another where their
            # file moved (a part is cut by the path a document is kept under).
            came_from: dict[int, list[str]] = defaultdict(list)
            for doc_id in sorted(carried[bucket]):
                was = old_cut.bucket_of(doc_id) if doc_id in old_cut.hash_of_doc else bucket
                came_from[was].append(doc_id)
            for name in _BY_PART:
                pieces = []
                if same_cut:
                    for old_bucket, ids in sorted(came_from.items()):
                        if (path := previous.part(name, old_bucket)) is not None:
                            old = pq.read_table(path)
                            pieces.append(
                                old.filter(pc.is_in(old["doc_id"], value_set=pa.array(ids, pa.string())))
                            )
                elif name in recut and bucket in recut[name]:
                    pieces.append(recut[name].pop(bucket))
                pieces += [tables[name] for tables in loaded if name in tables]
                table = _sorted(name, pieces, cut)
                if table.num_rows:
                    writer.write(name, table, bucket)
                    if name in _DERIVE_COLUMNS:
                        compact.add(name, table)


def _place_lone_values(writer: SnapshotWriter, documents: pa.Table, indicators: pa.Table, cut: Cut) -> None:
    """Lone indicator values placed by the KF values of the whole output
    (``pipeline.derive.kf_targets``), which are known only once every part is written: the
    parts whose rows the whole output places otherwise than they hold (fresh rows as parsed,
    or carried rows placed against an earlier archive) are written again. ``indicators``:
    the compact columns of every row."""
    known = known_kf_values(documents, indicators)
    changed = placement_changes(documents, placeable(indicators), known)
    for bucket in sorted({cut.bucket_of(doc_id) for doc_id in changed}):
        part = pq.read_table(writer.part_path("indicators", bucket))
        writer.rewrite("indicators", place_lone_values(documents, part, known), bucket)


def _write_compared(
    writer: SnapshotWriter,
    name: str,
    parts: dict[int, pa.Table],
    previous: PreviousParts | None,
    old: dict[int, pa.Table],
) -> None:
    """Write each part of a table made whole in the parent; link it when it equals the
    previous snapshot's part (same rows, same order)."""
    for bucket, table in sorted(parts.items()):
        before = old.get(bucket)
        path = previous.part(name, bucket) if previous is not None and before is not None else None
        if path is not None and _same(table, before):
            writer.link(name, path, table.num_rows, bucket)
        elif table.num_rows or bucket == 0:
            writer.write(name, table, bucket)


def _same(a: pa.Table, b: pa.Table) -> bool:
    return a.num_rows == b.num_rows and a.replace_schema_metadata(None).equals(
        b.replace_schema_metadata(None)
    )


def _joined(empty: pa.Table, pieces: list[pa.Table]) -> pa.Table:
    return pa.concat_tables([empty, *pieces]) if pieces else empty


Key = tuple[str, str]  # (sha256, settings)


@dataclass
class OutputPlan:
    """Whose rows go where, the manifest entries, and what changed."""

    assembly: Assembly
    entries: list[Entry]
    unchanged: int = 0  # paths whose rows stay where they were
    moved: int = 0  # new paths taking the rows of a path that is gone
    kept_deleted: int = 0
    removed: int = 0


def plan_output(
    files: list[FileState],
    keys: dict[str, Key],
    decisions: dict[Key, Carried | Fresh],
    old: dict[str, Entry],
    prune: bool,
) -> OutputPlan:
    """Walk the archive in path order: each file's rows (or warning) and manifest entry; then
    the deleted files, kept unless ``prune`` (a file whose content is still in the archive
    under another path has moved, and its rows went with the content)."""
    plan = OutputPlan(Assembly(), [])
    out, entries = plan.assembly, plan.entries
    present = {f.source_path for f in files}
    present_content = {f.sha256 for f in files if f.sha256}
    for f in files:
        stat = (f.source_path, f.size, f.mtime_ns)
        if f.skip is not None:  # a dangling link, a loop, a FIFO: a warning, not a document
            out.derived.append(Problem(f.source_path, DERIVED_STAGE, "warning", f.skip, f.error or ""))
            entries.append(Entry(*stat, None, "unsupported"))
            continue
        if f.error is not None:
            out.derived.append(Problem(f.source_path, DERIVED_STAGE, "error", Code.IO, f.error))
            entries.append(Entry(*stat, None, "unreadable"))
            continue
        if not f.supported:
            from pipeline.batch import read_file  # the one place that words this warning

            out.derived.append(read_file(Path(f.source_path)))
            entries.append(Entry(*stat, None, "unsupported"))
            continue
        decision = decisions[keys[f.source_path]]
        if isinstance(decision, Fresh) and decision.result.transient:
            out.emit(decision, f.sha256, f.source_path)
            entries.append(Entry(*stat, None, "unreadable"))  # read again next run
            continue
        status = decision.status
        if status == "parsed" and f.sha256[:16] in out.seen:
            out.duplicate(f.sha256, f.source_path)
            status = "duplicate"
        else:
            if status == "parsed":
                out.seen[f.sha256[:16]] = f.source_path
            out.emit(decision, f.sha256, f.source_path)
            if isinstance(decision, Carried):
                was = decision.entry.source_path
                plan.unchanged += f.source_path == was
                plan.moved += f.source_path != was and was not in present
        entries.append(Entry(*stat, f.sha256, status, True, *_facts(decision)))
    for entry in sorted(old.values(), key=lambda e: e.source_path):
        if entry.source_path in present or entry.status not in ("parsed", "failed"):
            continue
        if entry.sha256 in present_content:
            continue
        if prune:
            plan.removed += 1
            continue
        plan.kept_deleted += 1
        if entry.status == "parsed":
            out.seen[entry.doc_id] = entry.source_path
        out.emit(Carried(entry), entry.sha256, entry.source_path)
        entries.append(replace(entry, present=False))
    return plan


def _facts(decision: Carried | Fresh) -> tuple[bool, str | None, str | None, str | None]:
    """(damaged, settings, context, limits) of the result a decision stands for."""
    if isinstance(decision, Carried):
        e = decision.entry
        return e.damaged, e.settings, e.context, e.limits
    r = decision.result
    return r.damaged, r.settings, r.context, r.limits


def relocate(tables: dict[str, pa.Table], old: str, new: str) -> dict[str, pa.Table]:
    """The rows of a document read under ``old`` as a read under ``new`` would have made them."""
    if old == new:
        return tables
    out = dict(tables)
    if "documents" in out:
        docs = out["documents"]
        out["documents"] = _replace(docs, "source_path", pa.array([new] * docs.num_rows, pa.string()))
    if "problems" in out:
        problems = out["problems"]
        problems = _replace(problems, "source_path", pa.array([new] * problems.num_rows, pa.string()))
        out["problems"] = _replace(problems, "message", pc.replace_substring(problems["message"], old, new))
    return out


def relocate_rows(rows: dict[str, list[dict]], old: str, new: str) -> dict[str, list[dict]]:
    """``relocate`` for rows as dicts."""
    if old == new:
        return rows
    out = dict(rows)
    if "documents" in out:
        out["documents"] = [row | {"source_path": new} for row in out["documents"]]
    if "problems" in out:
        out["problems"] = [
            row | {"source_path": new, "message": row["message"].replace(old, new)} for row in out["problems"]
        ]
    return out


def _replace(table: pa.Table, name: str, column: pa.Array | pa.ChunkedArray) -> pa.Table:
    """``table`` with column ``name`` replaced, its field (type, nullability) kept."""
    i = table.schema.get_field_index(name)
    return table.set_column(i, table.schema.field(i), column)


def _sorted(name: str, tables: list[pa.Table], cut: Cut | None = None) -> pa.Table:
    """The rows of ``tables`` in a table's order: by the hash of their file's path (which
    places them in parts, so the parts in name order are in this order too, whatever their
    number), then ``doc_id`` (``problems``: ``source_path``), then as the parser made them.
    ``cut`` gives the hashes of tables that name only the ``doc_id``."""
    if not tables:
        return TABLES[name].empty_table()
    # Every part is in the table's schema already (made by rows_to_table or read from a
    # snapshot): join them as they are and check the whole once.
    table = conform(name, pa.concat_tables([t.replace_schema_metadata(None) for t in tables]))
    key = "source_path" if name == "problems" else "doc_id"
    hashes = row_hashes(name, table, cut.hash_of_doc if cut else None)
    table = table.append_column(_HASH, hashes).append_column(
        _ORDER, pa.array(range(table.num_rows), pa.int64())
    )
    table = table.sort_by([(_HASH, "ascending"), (key, "ascending"), (_ORDER, "ascending")])
    return table.drop_columns([_HASH, _ORDER]).combine_chunks()
