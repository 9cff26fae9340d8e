"""A small process pool that can stop one task: per-item time limit, per-worker memory limit.

``concurrent.futures`` cannot kill one hung task, so each worker here is its own process
(``python -m pipeline.ingestion.worker``, see there for the protocol) with its own pipes.
A worker that misses its deadline is killed and replaced; one that dies (a crash in a C
library, the kernel's OOM killer, its memory limit) is replaced; either way the item gets
an ``Outcome`` saying what happened and the rest go on. Workers are started with
``subprocess`` rather than ``multiprocessing``, so the pool also works inside daemonic
processes (a Dask worker) and never forks a parent that has threads.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import IO, Any

from pipeline.cores import worker_environment
from pipeline.errors import Code, RunNotStarted
from pipeline.ingestion.worker import MEMORY_EXIT, WORKER_START_MB

#: The failures of an item; each is the code of its ``problems`` row.
TIMEOUT, CRASHED, MEMORY, ERROR = Code.TIMEOUT, Code.WORKER_CRASHED, Code.MEMORY_LIMIT, Code.INTERNAL_ERROR
_STARTUP_ATTEMPTS = 3


@dataclass(frozen=True)
class Limits:
    timeout: float | None = 600.0  # seconds per item; None: no limit
    memory_mb: int | None = 4096  # address space per worker (RLIMIT_AS); None: no limit

    def describe(self) -> str:
        return f"timeout={self.timeout or 0:g}s,memory={self.memory_mb or 0}MB"


@dataclass
class Outcome:
    """What became of one item: its value, or the failure that stopped it."""

    value: Any = None
    failure: str | None = None  # TIMEOUT | CRASHED | MEMORY | ERROR
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.failure is None


class PoolError(RunNotStarted, RuntimeError):
    """Worker processes cannot be started at all (a broken installation, not a bad document)."""

    code = Code.POOL_START


@dataclass(eq=False)
class _Worker:
    proc: subprocess.Popen
    outbox: Connection
    inbox: Connection
    stderr: IO[bytes]
    ready: bool = False
    state_sent: dict[str, int] = field(default_factory=dict)
    task: tuple[int, float] | None = None  # (item index, deadline)


class WorkerPool:
    """``run(items)`` yields ``(index, Outcome)`` as items finish, in any order.

    Workers start as the work needs them: one for every ``items_per_worker`` items waiting
    or running, up to ``workers`` (a worker's start costs seconds of CPU: a run with a few
    documents to parse is cheaper on one worker than on every core)."""

    def __init__(self, workers: int, limits: Limits, handler: str, items_per_worker: int = 1) -> None:
        self.size = max(1, workers)
        self.limits = limits
        self.handler = handler
        self.items_per_worker = max(1, items_per_worker)
        self._workers: list[_Worker] = []
        self._state: dict[str, tuple[int, bytes]] = {}
        self._startup_failures = 0

    # -- state shared by all calls (sent once per worker) --------------------------------

    def set_state(self, key: str, value: Any) -> None:
        version = self._state.get(key, (0, b""))[0] + 1
        self._state[key] = (version, pickle.dumps(("state", key, value), protocol=pickle.HIGHEST_PROTOCOL))

    def _sync_state(self, worker: _Worker) -> None:
        for key, (version, message) in self._state.items():
            if worker.state_sent.get(key) != version:
                worker.outbox.send_bytes(message)
                worker.state_sent[key] = version

    # -- running ------------------------------------------------------------------------

    def run(self, items: Iterable[Any]) -> Iterator[tuple[int, Outcome]]:
        items = list(items)
        queue = deque(range(len(items)))
        while queue or any(w.task for w in self._workers):
            self._dispatch(queue, items)
            waiting = len(queue) + sum(1 for w in self._workers if w.task)
            wanted = min(self.size, -(-waiting // self.items_per_worker))
            while len(self._workers) < wanted:
                self._spawn()
            yield from self._collect()
            yield from self._expire()

    def _dispatch(self, queue: deque[int], items: list[Any]) -> None:
        for worker in list(self._workers):
            if not queue:
                return
            if not worker.ready or worker.task is not None:
                continue
            index = queue.popleft()
            try:
                self._sync_state(worker)
                worker.outbox.send(("call", index, items[index]))
            except OSError:  # died while idle: not this item's fault
                queue.appendleft(index)
                self._discard(worker)
                continue
            deadline = time.monotonic() + self.limits.timeout if self.limits.timeout else float("inf")
            worker.task = (index, deadline)

    def _collect(self) -> Iterator[tuple[int, Outcome]]:
        deadlines = [w.task[1] for w in self._workers if w.task]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        if timeout == float("inf"):
            timeout = None
        by_inbox = {w.inbox: w for w in self._workers}
        for inbox in wait(list(by_inbox), timeout):
            worker = by_inbox[inbox]
            try:
                message = inbox.recv()
            except (EOFError, OSError):
                yield from self._died(worker)
                continue
            kind = message[0]
            if kind == "ready":
                worker.ready = True
                self._startup_failures = 0
                continue
            index = worker.task[0] if worker.task else message[1]
            worker.task = None
            if kind == "ok":
                yield index, Outcome(message[2])
            elif kind == "memory":
                self._discard(worker)
                yield index, Outcome(failure=MEMORY, message=self._memory_message())
            else:
                yield index, Outcome(failure=ERROR, message=message[2])

    def _expire(self) -> Iterator[tuple[int, Outcome]]:
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.task and worker.task[1] <= now:
                index = worker.task[0]
                self._discard(worker)
                message = (
                    f"no result within the time limit of {self.limits.timeout:g} s; its worker was stopped"
                )
                yield index, Outcome(failure=TIMEOUT, message=message)

    def _died(self, worker: _Worker) -> Iterator[tuple[int, Outcome]]:
        code = worker.proc.wait()
        task, was_ready = worker.task, worker.ready
        stderr = _tail(worker.stderr)
        self._discard(worker)
        if not was_ready:
            self._startup_failures += 1
            if self._startup_failures >= _STARTUP_ATTEMPTS:
                hint = (
                    f"; a worker needs about {WORKER_START_MB} MB of address space to start: is"
                    f" --memory-limit {self.limits.memory_mb} too small?"
                    if self.limits.memory_mb and self.limits.memory_mb < 2 * WORKER_START_MB
                    else ""
                )
                raise PoolError(f"worker processes exit before they start ({_how(code)}){hint}: {stderr}")
            return
        if task is None:
            return
        if code == MEMORY_EXIT or (self.limits.memory_mb and code == -signal.SIGABRT):
            # Under RLIMIT_AS a C library that cannot allocate aborts (SIGABRT): the limit.
            yield task[0], Outcome(failure=MEMORY, message=self._memory_message())
        elif self.limits.timeout and code == -signal.SIGXCPU:  # its CPU limit (RLIMIT_CPU)
            yield task[0], Outcome(failure=TIMEOUT, message=self._cpu_message())
        else:
            yield task[0], Outcome(failure=CRASHED, message=f"its worker process died ({_how(code)})")

    def _cpu_message(self) -> str:
        return f"used more CPU time than the time limit of {self.limits.timeout:g} s; its worker was stopped"

    def _memory_message(self) -> str:
        return f"needed more memory than the limit of {self.limits.memory_mb} MB; its worker was stopped"

    # -- worker processes ---------------------------------------------------------------

    def _spawn(self) -> _Worker:
        to_child_r, to_child_w = os.pipe()
        to_parent_r, to_parent_w = os.pipe()
        stderr = tempfile.TemporaryFile()  # noqa: SIM115  (closed with the worker, in _discard)
        argv = [
            sys.executable,
            "-m",
            "pipeline.ingestion.worker",
            self.handler,
            str(self.limits.memory_mb or 0),
            str(to_child_r),
            str(to_parent_w),
            str(os.getpid()),
            str(self.limits.timeout or 0),
        ]
        try:
            proc = subprocess.Popen(
                argv,
                env=worker_environment(self.size),
                pass_fds=(to_child_r, to_parent_w),
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                start_new_session=True,  # its own process group: killed with all it started
            )
        finally:
            os.close(to_child_r)
            os.close(to_parent_w)
        worker = _Worker(
            proc, Connection(to_child_w, readable=False), Connection(to_parent_r, writable=False), stderr
        )
        self._workers.append(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        _kill_group(worker.proc)
        for closeable in (worker.outbox, worker.inbox, worker.stderr):
            with contextlib.suppress(OSError):
                closeable.close()

    def close(self) -> None:
        """Stop every worker. They hold nothing worth saving, so they are killed, not asked."""
        for worker in list(self._workers):
            self._discard(worker)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill a worker and every process it started (Tesseract, ...), then reap the worker.
    The group is the worker's pid (``start_new_session``); it may outlive the worker."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def _how(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _tail(fh: IO[bytes], limit: int = 2000) -> str:
    try:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - limit))
        return fh.read().decode("utf-8", "replace").strip() or "(no output)"
    except (OSError, ValueError):
        return "(no output)"
