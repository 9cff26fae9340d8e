"""What a worker does with one document: the same function in-process, in a pool worker or
on a Dask worker, so every path gives the same rows.

A document goes through in up to two steps. ``analyse`` reads it and, if its text is clean,
parses it and returns its rows and its word-pair counts (what it teaches the repair of
damaged documents); if it is OCR-damaged it returns the extracted text, to be parsed by
``repair`` once the counts of every clean document of the archive are known. ``teach``
only counts the words of a clean document whose counts were lost from the cache.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.errors import Code
from pipeline.extract import ExtractOptions
from pipeline.extract.readers import reader_for
from pipeline.ingestion import archive_metadata
from pipeline.ingestion.archive_metadata import Supplied
from pipeline.ingestion.cache import FileCache, read_value, to_ipc
from pipeline.ingestion.context import COUNTS_SCHEMA, model_at
from pipeline.model import ParsedPlan, Problem, SourceDocument
from pipeline.repair.ngram import Bigrams
from pipeline.store import rows_to_table
from pipeline.store.rows import plan_row_tables, problem_row

ANALYSE, REPAIR, TEACH = "analyse", "repair", "teach"

#: The handler a pool worker runs (``module:function``).
HANDLER = "pipeline.ingestion.work:handle"
#: The tables whose rows a result kept by its worker still carries to the parent (one row per
#: document, or few: the parent assembles them whole).
FRONT_TABLES = ("documents", "problems")


@dataclass(frozen=True)
class Stores:
    """The folders a worker keeps a result in when it shares the output's storage (a local
    pool): the run's spool and the caches of counts and texts (``cache.FileCache``)."""

    spool: str
    counts: str
    sources: str


@dataclass(frozen=True)
class DocTask:
    kind: str  # ANALYSE | REPAIR | TEACH
    source_path: str
    sha256: str
    settings: str
    parser_version: str
    extract_options: ExtractOptions
    ingested_at: datetime
    context: str | None = None  # REPAIR: fingerprint of the context to repair with
    source: SourceDocument | None = None  # REPAIR: the text read by ANALYSE, if kept
    read_path: str = ""  # the file's exact name on disk, when ``source_path`` is its stored form
    supplied: Supplied = ()  # what the archive's catalogue and path pattern say of the file
    stores: Stores | None = None  # set: the worker keeps the result itself (``keep``)
    spool_key: str | None = None  # the spool key it is kept under (None: the spool keeps it not)
    #: REPAIR in a worker sharing the output's storage: the cache file of that text, which the
    #: worker reads itself (the parent would otherwise hold every damaged document's text).
    source_file: str = ""


@dataclass
class DocResult:
    """The outcome for one content (one file's bytes under one set of settings)."""

    kind: str
    source_path: str  # the path it was read under (its rows name this path)
    sha256: str
    settings: str
    status: str  # "parsed" | "failed" | "damaged" (ANALYSE: needs REPAIR) | "taught"
    damaged: bool = False
    tables: dict[str, pa.Table] = field(default_factory=dict)
    counts: pa.Table | None = None  # word and word-pair counts of a clean document
    source: SourceDocument | None = None  # text of a damaged document, for REPAIR
    context: str | None = None
    limits: str | None = None  # set when the result is a limit being hit
    transient: bool = False  # the file changed while it was read: never kept for later runs
    seconds: float = 0.0
    spooled: str | None = None  # kept by its worker under this spool key (``keep``)
    rows: dict[str, list[dict]] | None = None  # then: its ``FRONT_TABLES`` rows

    @property
    def key(self) -> str:
        return content_key(self.sha256, self.settings)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (spool, pool) with its tables as Arrow IPC: a dozen small tables pickle
        column by column in Python, five times as slow as IPC writes them."""
        tables = {name: to_ipc(table, compress=False) for name, table in self.tables.items()}
        return self.__dict__ | {"tables": tables}

    def __setstate__(self, state: dict[str, Any]) -> None:
        tables = state["tables"]
        self.__dict__.update(state, tables={name: _from_ipc(data) for name, data in tables.items()})


def _from_ipc(data: bytes | pa.Table) -> pa.Table:
    """A table back from its IPC bytes (a spool entry of an older version holds the table)."""
    return data if isinstance(data, pa.Table) else pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def content_key(sha256: str, settings: str) -> str:
    """File-name-safe key of one content under one set of settings."""
    import hashlib

    return f"{sha256}-{hashlib.sha256(settings.encode()).hexdigest()[:12]}"


def settings_for(path: str, parser_version: str, options: ExtractOptions) -> str:
    """What a document's result depends on besides its bytes: the parser and its reader
    ("<version>|pdf|ocr=auto", "<version>|text")."""
    return _settings(os.path.splitext(path)[1].lower(), parser_version, options)


@functools.cache
def _settings(suffix: str, parser_version: str, options: ExtractOptions) -> str:
    """``settings_for`` by suffix: a run asks once per file, a no-op run at 100,000 files too."""
    reader = reader_for(f"file{suffix}")
    return f"{parser_version}|{reader.settings(options) if reader else 'unsupported'}"


def handle(task: DocTask, state: dict[str, Any]) -> DocResult:
    """Pool entry point. ``state["context"]`` is ``(fingerprint, model)`` for REPAIR: the
    model (``Bigrams``), or the path of the context's summed counts to build it from."""
    context = None
    if task.kind == REPAIR:
        fingerprint, bigrams = state["context"]
        if fingerprint != task.context:
            raise RuntimeError(f"worker has context {fingerprint}, task wants {task.context}")
        context = _repair_context(fingerprint, bigrams)
    result = process(task, context)
    return keep(task, result) if task.stores is not None else result


def keep(task: DocTask, result: DocResult) -> DocResult:
    """Write what the parent would (the counts and text to their caches, then the result to
    the spool: a spooled result's counts exist) and return the result without them, its
    front rows as rows: the parent neither unpickles nor writes again a whole result. When
    they cannot be written (a full disk), the whole result goes to the parent, whose write
    fails the same way and stops the run: the document is not to blame."""
    stores, whole = task.stores, result
    try:
        if result.counts is not None:
            FileCache(Path(stores.counts), ".arrow").put_bytes(result.key, to_ipc(result.counts))
            result = replace(result, counts=None)
        if result.source is not None:
            FileCache(Path(stores.sources)).put(result.key, result.source)
            result = replace(result, source=None)
        if task.spool_key is None or result.transient:
            return result
        FileCache(Path(stores.spool)).put(task.spool_key, result)
    except OSError:
        return whole
    rows = {name: table.to_pylist() for name, table in result.tables.items() if name in FRONT_TABLES}
    return replace(result, tables={}, spooled=task.spool_key, rows=rows)


_contexts: dict[str, Any] = {}


def _repair_context(fingerprint: str, model: Bigrams | str):
    """One RepairContext per fingerprint and process: its caches are shared by its documents."""
    from pipeline.repair import RepairContext

    if fingerprint not in _contexts:
        _contexts.clear()
        bigrams = model_at(model) if isinstance(model, str) else model
        _contexts[fingerprint] = RepairContext.from_bigrams(bigrams)
    return _contexts[fingerprint]


def process(task: DocTask, context=None) -> DocResult:
    """Run ``task``. Never raises for a bad document (its result is a failure with problems)."""
    start = time.perf_counter()
    result = _process(task, context)
    result.seconds = time.perf_counter() - start
    return result


def failed_result(
    task: DocTask, problem: Problem, damaged: bool = False, limits: str | None = None
) -> DocResult:
    """The result of a task that failed: its one ``problems`` row."""
    return DocResult(
        task.kind,
        task.source_path,
        task.sha256,
        task.settings,
        "failed",
        damaged,
        {"problems": rows_to_table("problems", [problem_row(problem)])},
        context=task.context if damaged else None,
        limits=limits,
    )


def _process(task: DocTask, context) -> DocResult:
    # Imported here: the parser (a third of a second) is the workers' to load; the parent,
    # which imports this module for its task and result types, parses nothing.
    from pipeline import batch
    from pipeline.lang.sv.damage import measure
    from pipeline.rules import load_rules

    def failed(problem: Problem, damaged: bool = False) -> DocResult:
        return failed_result(task, problem, damaged)

    source = task.source
    if source is None and task.source_file:
        kept = read_value(task.source_file)
        source = kept if isinstance(kept, SourceDocument) else None  # lost: read the file again
    if source is None:
        read = batch.read_file(Path(task.read_path or task.source_path), options=task.extract_options)
        source = _as_stored(task, read)
        if isinstance(source, Problem):
            return failed(source)
        if source.source_sha256 != task.sha256:
            changed = failed(
                Problem(
                    task.source_path,
                    "extract",
                    "error",
                    Code.CHANGED_WHILE_READING,
                    f"{task.source_path}: the file changed while it was read; it is read again next run",
                )
            )
            changed.transient = True
            return changed
    text = "\n".join(line.text for line in source.lines)
    if task.kind == TEACH:
        return DocResult(
            TEACH, task.source_path, task.sha256, task.settings, "taught", counts=word_counts(text)
        )
    if task.kind == ANALYSE and measure(text).damaged:
        return DocResult(
            ANALYSE, task.source_path, task.sha256, task.settings, "damaged", True, source=source
        )
    damaged = task.kind == REPAIR
    parsed = batch.parse_safely(source, load_rules(), context=context)
    if isinstance(parsed, Problem):
        return failed(parsed, damaged)
    archive_metadata.apply(parsed, task.supplied)
    return DocResult(
        task.kind,
        task.source_path,
        task.sha256,
        task.settings,
        "parsed",
        damaged,
        plan_tables(parsed, task.parser_version, task.ingested_at),
        counts=None if damaged else word_counts(text),
        context=task.context if damaged else None,
    )


def _as_stored(task: DocTask, read: SourceDocument | Problem) -> SourceDocument | Problem:
    """What was read under the file's real name, named by its stored path (as in the tables)."""
    if not task.read_path or task.read_path == task.source_path:
        return read
    if isinstance(read, Problem):
        return replace(
            read, source_path=task.source_path, message=read.message.replace(task.read_path, task.source_path)
        )
    return replace(read, source_path=task.source_path)


def plan_tables(plan: ParsedPlan, parser_version: str, ingested_at: datetime) -> dict[str, pa.Table]:
    """The plan's rows, and its lemma index and goal themes (``pipeline.index``)."""
    # Imported here: it brings spaCy (seconds), which the worker loads once and the parent,
    # which imports this module but parses nothing, never needs.
    from pipeline.index import index_tables

    return plan_row_tables(plan, parser_version, ingested_at) | index_tables(plan)


def word_counts(text: str) -> pa.Table:
    """What a clean document teaches repair: word counts (``w2`` empty) and word-pair counts."""
    model = Bigrams()
    model.add_text(text)
    w1 = list(model.unigrams) + [a for a, _ in model.bigrams]
    w2 = [""] * len(model.unigrams) + [b for _, b in model.bigrams]
    n = list(model.unigrams.values()) + list(model.bigrams.values())
    return pa.Table.from_arrays(
        [pa.array(w1, pa.string()), pa.array(w2, pa.string()), pa.array(n, pa.int64())],
        schema=COUNTS_SCHEMA,
    )
