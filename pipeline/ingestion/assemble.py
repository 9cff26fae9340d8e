"""The output tables of a run, from this run's results and the rows kept from the last snapshot.

Who owns a row: a row of a plan table belongs to its ``doc_id``, whose ``documents`` row
names the one path it is kept under; a ``problems`` row belongs to its ``source_path``.
Rows are carried from the previous snapshot by owner and, where the owner's path changed
(a moved file, or a new first path for content kept once), relocated: ``source_path`` and
the path inside problem messages are rewritten, as a fresh parse under the new path would
write them. Problems of the ``discover`` stage (duplicate content, unsupported or
unreadable files) are never carried; they are made anew from the archive each run.

The tables come out sorted: by ``doc_id`` (``problems`` by ``source_path``), the rows of one
document in the order the parser made them. So any run over the same archive state (full,
incremental, resumed, local or on Dask) writes the same tables; only ``documents.ingested_at``
(when the document was parsed) differs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.derive import derive_tables
from pipeline.errors import Code
from pipeline.ingestion.manifest import Entry
from pipeline.ingestion.scan import FileState
from pipeline.ingestion.work import DocResult
from pipeline.model import Problem
from pipeline.store import TABLES, conform, rows_to_table
from pipeline.store.rows import problem_row
from pipeline.store.schema import DERIVED_TABLES

DERIVED_STAGE = "discover"
#: The tables whose rows belong to one document or file (the others are derived from them).
_OWNED_TABLES = [name for name in TABLES if name not in DERIVED_TABLES]
_PLAN_TABLES = [name for name in _OWNED_TABLES if name != "problems"]
_ORDER = "__order"


@dataclass(frozen=True)
class Carried:
    """A content's rows are taken from the previous snapshot, where ``entry`` owns them."""

    entry: Entry

    @property
    def status(self) -> str:
        return self.entry.status


@dataclass(frozen=True)
class Fresh:
    """A content's rows come from a result of this run (or of the interrupted run before it)."""

    result: DocResult

    @property
    def status(self) -> str:
        return self.result.status


@dataclass
class Assembly:
    parts: dict[str, list[pa.Table]] = field(default_factory=lambda: {name: [] for name in _OWNED_TABLES})
    carry_docs: dict[str, str] = field(default_factory=dict)  # doc_id -> path it is kept under
    carry_problems: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path)
    derived: list[Problem] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)  # doc_id -> path it is kept under

    def emit(self, source: Carried | Fresh, sha256: str, path: str) -> None:
        if isinstance(source, Fresh):
            for name, table in relocate(source.result.tables, source.result.source_path, path).items():
                self.parts[name].append(table)
            return
        if source.status == "parsed":
            self.carry_docs[sha256[:16]] = path
        self.carry_problems.append((source.entry.source_path, path))

    def duplicate(self, sha256: str, path: str) -> None:
        doc_id = sha256[:16]
        message = f"{path}: same content as {self.seen[doc_id]}; kept once"
        self.derived.append(Problem(path, DERIVED_STAGE, "warning", Code.DUPLICATE_CONTENT, message, doc_id))

    def tables(self, previous: Callable[[], dict[str, pa.Table]] | None) -> dict[str, pa.Table]:
        """The output tables; ``previous`` loads the previous snapshot's (only if rows are carried).
        The plans and the KF goal catalog are derived anew from all rows (``pipeline.derive``)."""
        if self.carry_docs or self.carry_problems:
            if previous is None:
                raise ValueError("rows to carry, but no previous snapshot to carry them from")
            self._carry(previous())
        if self.derived:
            self.parts["problems"].append(rows_to_table("problems", [problem_row(p) for p in self.derived]))
        return derive_tables({name: _sorted(name, tables) for name, tables in self.parts.items()})

    def _carry(self, previous: dict[str, pa.Table]) -> None:
        ids = pa.array(sorted(self.carry_docs), pa.string())
        for name in _PLAN_TABLES:
            table = previous[name]
            table = table.filter(pc.is_in(table["doc_id"], value_set=ids))
            if name == "documents":
                paths = pa.array([self.carry_docs[d] for d in table["doc_id"].to_pylist()], pa.string())
                table = _replace(table, "source_path", paths)
            self.parts[name].append(table)
        problems = previous["problems"]
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
        self.parts["problems"].append(problems.filter(pc.is_in(problems["source_path"], value_set=in_place)))
        for old, new in self.carry_problems:
            if (old != new or uses[old] > 1) and rows_of.get(old):
                taken = problems.take(pa.array(rows_of[old], pa.int64()))
                self.parts["problems"].append(relocate({"problems": taken}, old, new)["problems"])


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


def _replace(table: pa.Table, name: str, column: pa.Array | pa.ChunkedArray) -> pa.Table:
    """``table`` with column ``name`` replaced, its field (type, nullability) kept."""
    i = table.schema.get_field_index(name)
    return table.set_column(i, table.schema.field(i), column)


def _sorted(name: str, tables: list[pa.Table]) -> pa.Table:
    if not tables:
        return TABLES[name].empty_table()
    # Every part is in the table's schema already (made by rows_to_table or read from a
    # snapshot): join them as they are and check the whole once.
    table = conform(name, pa.concat_tables([t.replace_schema_metadata(None) for t in tables]))
    key = "source_path" if name == "problems" else "doc_id"
    table = table.append_column(_ORDER, pa.array(range(table.num_rows), pa.int64()))
    table = table.sort_by([(key, "ascending"), (_ORDER, "ascending")]).drop_columns([_ORDER])
    return table.combine_chunks()
