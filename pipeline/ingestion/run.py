"""``ingest``: bring the output tables up to date with the archive, safely.

One run, under the output's lock (``lock.py``):

1. read the manifest of the current snapshot (``previous.py``, ``manifest.py``) and scan
   the archive, stat first (``scan.py``);
2. decide per content (a file's bytes under one set of settings) whether its rows can be
   kept from the snapshot, taken from the spool of an interrupted run, or must be parsed;
3. parse what must be parsed (``work.py``) on a runner (``runners.py``: a local process
   pool with time and memory limits, in-process, or Dask): clean documents first, then the
   OCR-damaged ones, repaired with the counts of all clean ones (``context.py``);
4. walk the archive to say whose rows go where and assemble the tables (``assemble.py``),
   and write them with the new manifest as one snapshot that ``_current`` switches to at
   once (``pipeline.store.writer``).

A kill at any moment leaves ``_current`` on the old snapshot or the new one. Results reach
the spool (``<out>/_work``) as they come, so the next run parses only what is missing; the
spool is emptied after the switch. Nothing changed: nothing is parsed and nothing written.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from pipeline.errors import Code, RunNotStarted
from pipeline.extract import ExtractOptions
from pipeline.ingestion import context as repair_context
from pipeline.ingestion.archive_metadata import ArchiveMetadata, Supplied, settings_key
from pipeline.ingestion.assemble import Assembly, Carried, Fresh, Key, Totals, plan_output
from pipeline.ingestion.cache import FileCache, bound, to_ipc
from pipeline.ingestion.context_sum import Summed, sum_elsewhere
from pipeline.ingestion.lock import OutputLock
from pipeline.ingestion.manifest import Entry, Manifest, to_table
from pipeline.ingestion.outdir import claim_output
from pipeline.ingestion.paths import archive_root, real_path, text_of
from pipeline.ingestion.pool import CRASHED, MEMORY, TIMEOUT, Limits, Outcome
from pipeline.ingestion.previous import Previous, load_previous
from pipeline.ingestion.report import IngestSummary, Reporter
from pipeline.ingestion.runners import Runner, make_runner
from pipeline.ingestion.scan import scan
from pipeline.ingestion.work import (
    ANALYSE,
    HANDLER,
    REPAIR,
    TEACH,
    DocResult,
    DocTask,
    Stores,
    content_key,
    failed_result,
    settings_for,
)
from pipeline.model import Problem
from pipeline.store import TABLES, check_output_dir, partition
from pipeline.store.reader import read_arrow
from pipeline.store.rows import problem_row
from pipeline.store.writer import RUN_FILE, SnapshotWriter
from pipeline.version import parser_version

#: Totals of the output kept in ``_run.json``, so that a run that changes nothing can report them.
_TOTALS = ("documents", "goals", "indicators", "activities", "warnings", "errors")
WORK_DIR = "_work"
CACHE_DIR = "_cache"
#: What the caches under ``<out>/_cache`` may hold after a run, by default: at 1,000 generated
#: plans they hold 18 MB (a clean plan's word counts 20 KB, a damaged plan's text 11 KB), so
#: 2 GB keeps every entry of about 100,000 plans; past it the oldest entries go.
CACHE_LIMIT = 2 * 2**30


def _failed(entry: Entry) -> bool:
    """Does this file count as failed (no rows but its ``error`` in ``problems``)?"""
    return entry.status in ("failed", "unreadable")


class InputMissingError(RunNotStarted, FileNotFoundError):
    """The folder (or file) to ingest does not exist."""

    code = Code.INPUT_MISSING


def ingest(
    input_path: str | Path,
    out_dir: str | Path,
    *,
    full: bool = False,
    prune: bool = False,
    workers: int | None = None,
    limits: Limits | None = None,
    scheduler: str | None = None,
    extract_options: ExtractOptions | None = None,
    progress: bool | None = None,
    reporter: Reporter | None = None,
    handler: str = HANDLER,
    metadata_catalogue: str | Path | None = None,
    path_pattern: str | None = None,
    context: repair_context.ContextSettings | None = None,
    docs_per_part: int | None = None,
    cache_limit: int | None = CACHE_LIMIT,
) -> IngestSummary:
    """Bring the tables in ``out_dir`` up to date with every supported file under ``input_path``.

    Only new and changed files are parsed (``full``: all of them); rows of deleted files are
    kept unless ``prune``. ``workers``: processes parsing in parallel (default: all cores;
    0: in this process, without limits); ``scheduler``: a Dask scheduler address to parse on
    instead. ``limits``: per-document time and memory limits. ``extract_options``: how files
    are read (``ExtractOptions()``: OCR where needed, with Tesseract). ``handler`` names the
    per-document function (``module:function``); tests pass their own. Raises
    ``InputMissingError`` for a missing input and ``lock.LockHeldError`` when another ingest
    writes to ``out_dir``. ``metadata_catalogue`` (a CSV file) and ``path_pattern`` supply
    metadata the documents do not state (``archive_metadata``); a catalogue or pattern that
    cannot be used raises its ``RunNotStarted`` error before anything is done. ``context``:
    when the repair context is rebuilt (``context.ContextSettings``). ``docs_per_part``: the
    documents a part of each table aims to hold (``pipeline.store.partition``). ``cache_limit``:
    the bytes the caches may hold after a run (``None``: no limit); entries no present file
    needs go after every run that writes, and past the limit the oldest others go (a run that
    needs one again parses its document again).
    """
    input_path, out_dir = Path(input_path), Path(out_dir)
    if not input_path.exists():
        raise InputMissingError(f"{input_path}: no such file or folder")
    archive = ArchiveMetadata.load(metadata_catalogue, path_pattern)
    if reporter is None:
        reporter = Reporter(progress=progress)  # notices on standard error, no summary line
    claim_output(out_dir, input_path)
    check_output_dir(out_dir)
    options = extract_options or ExtractOptions()
    run = _Run(input_path, out_dir, full, prune, limits or Limits(), options, reporter, archive, context)
    run.docs_per_part = docs_per_part or partition.DOCS_PER_BUCKET
    run.cache_limit = cache_limit
    if scheduler is None:  # a local pool's workers keep their results in the output themselves
        run.stores = Stores(str(run.spool.root), str(run.counts.root), str(run.sources.root))
    with OutputLock(out_dir) as lock:
        if lock.stale is not None:
            reporter.notice(
                f"an earlier ingest ({lock.stale.describe()}) ended without finishing; "
                "its output is as before it, and this run takes over its work"
            )
        try:
            return run.execute(lambda: make_runner(workers, run.limits, handler, scheduler))
        finally:
            reporter.close()


class _Run:
    def __init__(
        self,
        input_path: Path,
        out_dir: Path,
        full: bool,
        prune: bool,
        limits: Limits,
        extract_options: ExtractOptions,
        reporter: Reporter,
        archive: ArchiveMetadata | None = None,
        context_settings: repair_context.ContextSettings | None = None,
    ) -> None:
        self.input_path, self.out_dir = input_path, out_dir
        self.root = archive_root(input_path)  # stored paths are relative to it
        self.archive = archive or ArchiveMetadata()
        self.supplied: dict[Key, Supplied] = {}
        self.full, self.prune, self.limits = full, prune, limits
        self.extract_options = extract_options
        self.reporter = reporter
        self.version = parser_version()
        self.ingested_at = datetime.now(UTC)
        self.spool = FileCache(out_dir / WORK_DIR / "results")
        self.counts = FileCache(out_dir / CACHE_DIR / "counts", ".arrow")
        self.sources = FileCache(out_dir / CACHE_DIR / "sources")
        self.contexts = repair_context.ContextStore(out_dir / CACHE_DIR / "context")
        self.context_settings = context_settings or repair_context.ContextSettings()
        self.summary = IngestSummary(out_dir, full=full)
        self.docs_per_part = partition.DOCS_PER_BUCKET
        self.cache_limit: int | None = CACHE_LIMIT
        self.stores: Stores | None = None  # set: workers write the spool and caches (``work.keep``)
        self._runner: Runner | None = None
        self._make_runner = None

    # -- the run ------------------------------------------------------------------------

    def execute(self, make_runner) -> IngestSummary:
        started = time.perf_counter()
        self._make_runner = make_runner
        try:
            return self._execute(started)
        finally:
            if self._runner is not None:
                self._runner.close()

    def _execute(self, started: float) -> IngestSummary:
        timings = self.summary.stage_seconds
        scan_ns = time.time_ns()
        previous = load_previous(self.out_dir, self.reporter)
        old = previous.manifest.by_path() if previous else {}
        old_scan = int(previous.manifest.meta.get("scan_ns", 0)) if previous else None
        files = scan(self.input_path, {} if self.full else old, old_scan, exclude=self.out_dir)
        timings["scan"] = time.perf_counter() - started
        self.summary.files = len(files)

        keys: dict[str, Key] = {}
        first_path: dict[Key, str] = {}
        for f in files:
            if f.sha256 is not None:
                supplied = self.archive.for_file(f.source_path, f.sha256)
                settings = settings_for(f.source_path, self.version, self.extract_options)
                key = (f.sha256, settings + settings_key(supplied))
                self.supplied[key] = supplied
                keys[f.source_path] = key
                first_path.setdefault(key, f.source_path)

        candidates = (
            {} if (self.full or previous is None) else self._candidates(previous.manifest, first_path)
        )
        decisions: dict[Key, Carried | Fresh] = {}
        damaged: dict[Key, Entry | DocResult] = {}
        tasks: list[DocTask] = []
        for key, path in first_path.items():
            entry = candidates.get(key)
            if entry is not None and not entry.damaged:
                decisions[key] = Carried(entry)
            elif entry is not None:
                damaged[key] = entry
            elif (spooled := self._from_spool(f"a-{content_key(*key)}")) is not None:
                self._take(key, spooled, decisions, damaged, fresh=False, stored=f"a-{content_key(*key)}")
            else:
                tasks.append(self._task(ANALYSE, key, path, spool_key=f"a-{content_key(*key)}"))
        self.reporter.start(
            input=str(self.input_path),
            out=str(self.out_dir),
            files=len(files),
            to_parse=len(tasks),
            full=self.full,
            prune=self.prune,
            parser_version=self.version,
        )
        t = time.perf_counter()
        self.reporter.add_work(len(tasks), "parse")
        for task, result in self._run(tasks):
            self._take(
                (task.sha256, task.settings),
                result,
                decisions,
                damaged,
                spool_key=f"a-{content_key(task.sha256, task.settings)}",
            )
        kept = previous.manifest.meta.get("context") if previous else None
        fingerprint = self._repair(decisions, damaged, first_path, kept or None)
        timings["parse"] = time.perf_counter() - t

        t = time.perf_counter()
        out = plan_output(files, keys, decisions, old, self.prune)
        assembly, entries = out.assembly, out.entries
        for name in ("unchanged", "moved", "kept_deleted", "removed"):
            setattr(self.summary, name, getattr(out, name))
        manifest = Manifest(
            tuple(sorted(entries, key=lambda e: e.source_path)),
            {
                "scan_ns": str(scan_ns),
                "context": fingerprint or "",
                "input": text_of(str(self.input_path)),
                "root": text_of(str(self.root)),
                "parser_version": self.version,
            },
        )
        self._failures(manifest, previous.manifest if previous else None, assembly.derived)
        fresh = any(isinstance(d, Fresh) for d in decisions.values())
        if previous is None or self.full or fresh or manifest.entries != previous.manifest.entries:
            snapshot = self._write(assembly, previous, manifest)
            self.summary.written, self.summary.snapshot = True, snapshot.name
            self._collect_garbage(manifest, fingerprint)
        else:  # nothing changed: the totals are those of the current snapshot
            self._count_from(previous.snapshot)
        self.spool.clear()
        FileCache(self.out_dir / WORK_DIR).clear()
        timings["write"] = time.perf_counter() - t
        self.summary.runner = self._runner.description if self._runner else "none needed"
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _write(self, assembly: Assembly, previous: Previous | None, manifest: Manifest) -> Path:
        """Write the tables part by part (``assemble.Assembly.write``) and switch to them."""
        parsed = sum(1 for e in manifest.entries if e.status == "parsed")
        buckets = partition.bucket_count(parsed, previous.buckets if previous else None, self.docs_per_part)
        writer = SnapshotWriter(
            self.out_dir,
            {"parser_version": self.version},
            attachments={"_manifest": to_table(manifest)},
        )
        try:
            totals = assembly.write(writer, previous, buckets, self._load)
            self._count(totals)
            writer.run_info |= {
                "input": text_of(str(self.input_path)),
                "root": text_of(str(self.root)),
                "summary": {k: getattr(self.summary, k) for k in _TOTALS},
                "parsed": self.summary.parsed,
                "full": self.full,
                "buckets": buckets,
                "cut": partition.CUT,
                "parts_written": totals.parts_written,
                "parts_linked": totals.parts_linked,
            }
            self.summary.parts_written, self.summary.parts_linked = totals.parts_written, totals.parts_linked
            return writer.commit()
        except BaseException:
            writer.abort()
            raise

    def _load(self, fresh: Fresh) -> dict[str, pa.Table]:
        """A result's tables, read back from the spool where it was kept."""
        if fresh.spooled is None:
            return fresh.result.tables
        result = self.spool.get(fresh.spooled)
        if not isinstance(result, DocResult):
            raise RuntimeError(f"{fresh.result.source_path}: its result left the spool before it was written")
        return result.tables

    def _failures(self, manifest: Manifest, before: Manifest | None, derived: list[Problem]) -> None:
        """Count the failed files and those new since ``before`` (what operations alert on);
        log the ``discover`` problems that are new (they are made anew each run)."""
        self.summary.failed = sum(1 for e in manifest.entries if _failed(e))
        old = before.entries if before else ()
        known = {(e.source_path, e.sha256) for e in old if _failed(e)}
        self.summary.new_failed = sum(
            1 for e in manifest.entries if _failed(e) and e.present and (e.source_path, e.sha256) not in known
        )
        if self.reporter.json:
            seen = {(e.source_path, e.status) for e in old if e.present}
            status = {e.source_path: e.status for e in manifest.entries}
            for problem in derived:
                if (problem.source_path, status.get(problem.source_path)) not in seen:
                    self.reporter.problem(problem_row(problem))

    # -- deciding -----------------------------------------------------------------------

    def _candidates(self, manifest: Manifest, wanted: Iterable[Key]) -> dict[Key, Entry]:
        """For each content, the entry whose rows a run may keep (parsed before failed)."""
        wanted = set(wanted)
        found: dict[Key, Entry] = {}
        for entry in manifest.entries:
            if entry.status not in ("parsed", "failed") or entry.sha256 is None or entry.settings is None:
                continue
            key = (entry.sha256, entry.settings)
            if key not in wanted or (entry.limits is not None and entry.limits != self.limits.describe()):
                continue
            have = found.get(key)
            if have is None or (have.status == "failed" and entry.status == "parsed"):
                found[key] = entry
        return found

    def _task(
        self, kind: str, key: Key, path: str, context: str | None = None, source=None, spool_key=None
    ) -> DocTask:
        """The task of parsing ``path``; ``spool_key``: where its result is kept for a later run."""
        return DocTask(
            kind,
            path,
            key[0],
            key[1],
            self.version,
            self.extract_options,
            self.ingested_at,
            context,
            source,
            str(real_path(path, self.root)),
            self.supplied.get(key, ()),
            self.stores if spool_key is not None else None,
            spool_key,
        )

    def _repair_task(self, key: Key, path: str, fingerprint: str) -> DocTask:
        """The task of repairing a damaged document with its kept text: a worker sharing the
        output's storage reads the text from the cache itself; on Dask the task carries it."""
        ckey = content_key(*key)
        if self.stores is None:
            return self._task(REPAIR, key, path, fingerprint, self.sources.get(ckey))
        task = self._task(REPAIR, key, path, fingerprint)
        return replace(task, source_file=str(self.sources.path(ckey))) if self.sources.has(ckey) else task

    def _from_spool(self, spool_key: str) -> DocResult | None:
        if self.full:
            return None
        result = self.spool.get(spool_key)
        if not isinstance(result, DocResult):
            return None
        if result.limits is not None and result.limits != self.limits.describe():
            return None
        self.summary.resumed += result.status != "damaged"
        return result

    def _take(
        self,
        key: Key,
        result: DocResult,
        decisions: dict[Key, Carried | Fresh],
        damaged: dict[Key, Entry | DocResult],
        spool_key: str | None = None,
        fresh: bool = True,
        stored: str | None = None,
    ) -> None:
        """Record a result: caches first, then the spool, so a spooled result's counts exist.
        ``fresh``: made by this run (its problems are logged); ``stored``: the spool key it
        was read from. A spooled result's rows are read back from the spool when written."""
        ckey = content_key(*key)
        if result.spooled is not None:  # its worker kept it (``work.keep``)
            stored = result.spooled
        if result.counts is not None:
            self.counts.put_bytes(ckey, to_ipc(result.counts))
            result = replace(result, counts=None)
        if result.source is not None:
            self.sources.put(ckey, result.source)
            result = replace(result, source=None)
        if spool_key is not None and not result.transient and result.spooled is None:
            self.spool.put(spool_key, result)
            stored = spool_key
        if fresh and self.reporter.json:
            problems = result.tables["problems"].to_pylist() if "problems" in result.tables else []
            for row in (result.rows or {}).get("problems", problems):
                self.reporter.problem(row)
        if result.status == "damaged":
            damaged[key] = result
        else:
            decisions[key] = Fresh.spooled_as(result, stored) if stored else Fresh(result)

    def _run(self, tasks: list[DocTask]) -> Iterable[tuple[DocTask, DocResult]]:
        if not tasks:
            return
        if self._runner is None:
            self._runner = self._make_runner()
        for index, outcome in self._runner.run(tasks):
            task = tasks[index]
            self.reporter.advance()
            if task.kind != TEACH:
                self.summary.parsed += not (outcome.ok and outcome.value.status == "damaged")
            yield task, outcome.value if outcome.ok else self._failure(task, outcome)

    def _failure(self, task: DocTask, outcome: Outcome) -> DocResult:
        message = f"{task.source_path}: {outcome.message}"
        problem = Problem(task.source_path, "worker", "error", outcome.failure, message)
        limited = outcome.failure in (TIMEOUT, CRASHED, MEMORY)
        limits = self.limits.describe() if limited else None
        return failed_result(task, problem, task.kind == REPAIR, limits)

    # -- damaged documents --------------------------------------------------------------

    def _repair(
        self,
        decisions: dict[Key, Carried | Fresh],
        damaged: dict[Key, Entry | DocResult],
        first_path: dict[Key, str],
        kept: str | None,
    ) -> str | None:
        """Parse the damaged documents not yet repaired with the run's context; return the
        context's fingerprint (``None``: no damaged document, no context needed)."""
        if not damaged:
            return kept if kept is not None and self.contexts.has(kept) else None
        clean = sorted(key for key, d in decisions.items() if d.status == "parsed")
        choice = self._choose_context(clean, kept)
        while True:
            tasks: list[DocTask] = []
            for key, known in sorted(damaged.items()):
                if isinstance(known, Entry) and known.context == choice.fingerprint:
                    decisions[key] = Carried(known)
                elif (
                    spooled := self._from_spool(spool_key := f"r-{content_key(*key)}-{choice.fingerprint}")
                ) is not None:
                    decisions[key] = Fresh.spooled_as(spooled, spool_key)
                else:
                    tasks.append(self._repair_task(key, first_path[key], choice.fingerprint))
            if not tasks:
                self._record_context(choice, 0)
                return choice.fingerprint
            model, complete = self._context_model(choice, clean, first_path)
            if model is not None:
                break
            # The kept context could not be read back (a torn cache entry): build a new one.
            candidate = repair_context.fingerprint(content_key(*k) for k in clean)
            choice = repair_context.Choice(candidate, True, None)
        used = choice.fingerprint if complete else f"{choice.fingerprint}-incomplete"
        if not complete:
            self.reporter.notice(
                "the word counts of some clean documents could not be read; damaged documents "
                "are repaired without them and again next run"
            )
        self._record_context(choice, len(tasks))
        tasks = [
            replace(
                t,
                context=used,
                stores=self.stores if complete else None,
                spool_key=f"r-{content_key(t.sha256, t.settings)}-{choice.fingerprint}" if complete else None,
            )
            for t in tasks
        ]
        self._runner_state("context", (used, model))
        self.reporter.add_work(len(tasks), "repair")
        for task, result in self._run(tasks):
            key = (task.sha256, task.settings)
            if result.status == "damaged":  # cannot happen for REPAIR; keep the invariant visible
                raise RuntimeError(f"{task.source_path}: repair returned no rows")
            self._take(
                key,
                result,
                decisions,
                damaged,
                spool_key=f"r-{content_key(*key)}-{choice.fingerprint}" if complete else None,
            )
        return used

    def _choose_context(self, clean: list[Key], kept: str | None) -> repair_context.Choice:
        """Keep the output's context unless it drifted materially from the clean documents
        of this run (``ContextSettings``), or a rebuild is asked for."""
        now: dict[str, int | None] = {content_key(*key): None for key in clean}
        candidate = repair_context.fingerprint(now)
        if kept is None or self.context_settings.rebuild or not self.contexts.has(kept):
            return repair_context.Choice(candidate, True, None)
        if kept == candidate:
            return repair_context.Choice(kept, False, 0.0)
        members = self.contexts.load_members(kept)
        if members is None:
            return repair_context.Choice(candidate, True, None)
        for key in now.keys() - members.keys():
            table = repair_context.from_ipc(self.counts.get_bytes(key))
            now[key] = repair_context.words(table) if table is not None else None
        drift = repair_context.drift(members, now)
        if drift >= self.context_settings.rebuild_drift:
            return repair_context.Choice(candidate, True, drift)
        return repair_context.Choice(kept, False, drift)

    def _record_context(self, choice: repair_context.Choice, repairs: int) -> None:
        s = self.summary
        s.context, s.context_drift = choice.fingerprint, choice.drift
        s.context_rebuilt = choice.rebuilt and repairs > 0
        s.repaired = repairs
        if s.context_rebuilt and choice.drift is not None:
            limit = self.context_settings.rebuild_drift
            self.reporter.notice(
                f"the repair context changed materially ({100 * choice.drift:.1f} % of its words in "
                f"clean documents added or removed, at least {100 * limit:.1f} %): "
                f"it was rebuilt and {repairs} damaged documents are repaired again"
            )

    def _context_model(self, choice: repair_context.Choice, clean: list[Key], first_path: dict[Key, str]):
        """What the workers repair with for ``choice`` (``_model``) and whether every clean
        document's counts are in it; a new context is summed in a child process
        (``context_sum``) and kept (when complete). ``(None, False)``: the kept context cannot
        be read back. The parent never holds the summed counts nor the model (every word and
        word pair of the archive: 48 MB of Python dicts at 1,000 generated plans)."""
        fingerprint = choice.fingerprint
        if not choice.rebuilt:
            if not self.contexts.readable(fingerprint):
                return None, False
            return self._model(self.contexts.path(fingerprint)), True
        summed = self._sum_counts(clean, first_path, fingerprint)
        if summed.unreadable:
            return self._model(summed.counts_file), False
        self.contexts.adopt(fingerprint, summed.counts_file, summed.members_file)
        return self._model(self.contexts.path(fingerprint)), True

    def _model(self, counts_file: Path):
        """The repair model as workers get it: the path of the summed counts where they share
        the output's storage (they build the model), else the model itself (Dask)."""
        return str(counts_file) if self.stores is not None else repair_context.model_at(counts_file)

    def _sum_counts(self, clean: list[Key], first_path: dict[Key, str], fingerprint: str) -> Summed:
        """The counts of every clean document summed into files under the spool, counting
        again (``TEACH``) those whose counts the cache lost or holds torn; ``unreadable``:
        those still missing."""
        keys = [content_key(*key) for key in clean]
        lost = [key for key in clean if not self.counts.has(content_key(*key))]
        work = self.out_dir / WORK_DIR
        for attempt in (1, 2):
            self._teach(lost, first_path)
            summed = sum_elsewhere(
                self.counts,
                keys,
                work / f"context-{fingerprint}.counts.arrow",
                work / f"context-{fingerprint}.members.arrow",
            )
            if not summed.unreadable or attempt == 2:
                return summed
            torn = set(summed.unreadable)
            lost = [key for key in clean if content_key(*key) in torn]
        raise AssertionError("unreachable")

    def _teach(self, keys: list[Key], first_path: dict[Key, str]) -> None:
        """Count the words of clean documents again, into the counts cache."""
        tasks = [self._task(TEACH, key, first_path[key]) for key in keys]
        self.reporter.add_work(len(tasks), "count words")
        for task, result in self._run(tasks):
            if result.counts is not None:
                self.counts.put_bytes(content_key(task.sha256, task.settings), to_ipc(result.counts))

    def _runner_state(self, key: str, value) -> None:
        if self._runner is None:
            self._runner = self._make_runner()
        self._runner.set_state(key, value)

    def _count(self, totals: Totals) -> None:
        s = self.summary
        s.documents, s.goals, s.indicators, s.activities = (
            totals.rows[n] for n in ("documents", "goals", "indicators", "activities")
        )
        s.warnings, s.errors = totals.warnings, totals.errors

    def _count_from(self, snapshot: Path) -> None:
        try:
            totals = json.loads((snapshot / RUN_FILE).read_text(encoding="utf-8"))["summary"]
            for name in _TOTALS:
                setattr(self.summary, name, int(totals[name]))
        except (OSError, ValueError, KeyError, TypeError):  # written before totals were kept
            tables = {name: read_arrow(snapshot / name, name) for name in TABLES}
            severity = tables["problems"]["severity"].to_pylist()
            rows = {name: table.num_rows for name, table in tables.items()}
            self._count(Totals(rows, severity.count("warning"), severity.count("error"), 0, 0))

    def _collect_garbage(self, manifest: Manifest, context: str | None) -> None:
        """Drop cached counts, texts and contexts no present document needs any more; then,
        past the cache limit, the oldest counts and texts (the run's context stays)."""
        counts, sources = set(), set()
        for e in manifest.entries:
            if e.present and e.status in ("parsed", "failed", "duplicate") and e.sha256 and e.settings:
                (sources if e.damaged else counts).add(content_key(e.sha256, e.settings))
        self.counts.retain(counts)
        self.sources.retain(sources)
        self.contexts.retain([context] if context else [])
        if self.cache_limit is not None:
            kept = sum(size for cache in self.contexts.caches for _, size, _ in cache.entries())
            held, removed = bound([self.counts, self.sources], self.cache_limit, kept)
            self.summary.cache_bytes, self.summary.cache_evicted = held, removed
