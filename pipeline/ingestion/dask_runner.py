"""Run the parsing on an existing Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

The client (the ``plans ingest`` process) plans the run, sends one task per document, gathers
the results and writes the output itself, exactly as a local run does: only the parsing
moves. Workers read the input files by path, so the archive must be mounted at the same path
on every worker (a shared file system). On the worker each task goes through a one-process
``WorkerPool`` owned by the worker thread, so the per-document time and memory limits hold
there too, and a document that crashes its parser takes down that helper process, not the
Dask worker. Every worker must run the same parser version as the client (checked first).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.errors import Code, RunNotStarted
from pipeline.ingestion.pool import CRASHED, Limits, Outcome, WorkerPool
from pipeline.version import parser_version

#: Seconds to wait for the scheduler before giving up.
CONNECT_TIMEOUT = 30.0


class SchedulerError(RunNotStarted, RuntimeError):
    """The cluster cannot be used (unreachable, or its workers run another parser version)."""

    code = Code.SCHEDULER


_local = threading.local()


def _guarded(item: Any, handler: str, limits: Limits, states: dict[str, tuple[str, Any]]) -> Outcome:
    """Runs on a Dask worker: one item through this thread's own one-process pool."""
    pool: WorkerPool | None = getattr(_local, "pool", None)
    if pool is None or (pool.handler, pool.limits) != (handler, limits):
        if pool is not None:
            pool.close()
        pool = _local.pool = WorkerPool(1, limits, handler)
        _local.versions = {}
    for key, (version, value) in states.items():
        if _local.versions.get(key) != version:
            pool.set_state(key, value)
            _local.versions[key] = version
    ((_, outcome),) = list(pool.run([item]))
    return outcome


class DaskRunner:
    def __init__(self, address: str, limits: Limits, handler: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise SchedulerError(
                "--scheduler needs dask.distributed: pip install 'dask[distributed]'"
            ) from exc
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self.limits = limits
        self.handler = handler
        self._states: dict[str, tuple[str, Any]] = {}
        self.description = f"Dask cluster at {address}"
        self._check_versions()

    def _check_versions(self) -> None:
        ours = parser_version()
        theirs = self.client.run(parser_version)
        if not theirs:
            self.close()
            raise SchedulerError(f"{self.description} has no workers")
        wrong = {worker: version for worker, version in theirs.items() if version != ours}
        if wrong:
            self.close()
            listed = ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items()))
            raise SchedulerError(
                f"Dask workers run another parser version than this client ({ours}): {listed}. "
                "Install the same plan-pipeline version (and rules) on every worker."
            )
        self.description += f" ({len(theirs)} workers)"

    def set_state(self, key: str, value: Any) -> None:
        # Unique across runs: worker threads outlive this client and keep what they were sent.
        version = uuid.uuid4().hex
        [future] = self.client.scatter([value], broadcast=True, hash=False)
        self._states[key] = (version, future)

    def run(self, items: Iterable[Any]) -> Iterator[tuple[int, Outcome]]:
        from distributed import as_completed

        items = list(items)
        if not items:
            return
        futures = self.client.map(
            _guarded,
            items,
            handler=self.handler,
            limits=self.limits,
            states=dict(self._states),
            pure=False,
        )
        index = {future.key: i for i, future in enumerate(futures)}
        for future in as_completed(futures):
            i = index[future.key]
            try:
                yield i, future.result()
            except Exception as exc:  # the Dask worker itself died (KilledWorker) or was lost
                yield (
                    i,
                    Outcome(failure=CRASHED, message=f"the Dask task failed: {type(exc).__name__}: {exc}"),
                )
            future.release()

    def close(self) -> None:
        self.client.close()
