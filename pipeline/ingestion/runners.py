"""Where documents are parsed: in this process, in a local pool, or on a Dask cluster.

Every runner takes the same items (``work.DocTask``), runs the same handler on them and
yields ``(index, pool.Outcome)`` in any order; the caller's result does not depend on which
runner it used, nor on the order.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from pipeline.cores import available_cores
from pipeline.ingestion.pool import ERROR, MEMORY, Limits, Outcome, WorkerPool
from pipeline.ingestion.worker import load_handler


class Runner(Protocol):
    description: str

    def set_state(self, key: str, value: Any) -> None: ...

    def run(self, items: Iterable[Any]) -> Iterator[tuple[int, Outcome]]: ...

    def close(self) -> None: ...


#: Environment variable giving the default number of worker processes (``--workers``).
WORKERS_ENV = "PLANS_WORKERS"


def default_workers() -> int:
    """``$PLANS_WORKERS`` where set to a number (0: parse in this process), else every core:
    a machine's share for nightly runs set once in its environment, not in every command."""
    value = os.environ.get(WORKERS_ENV, "").strip()
    if value.isdigit():
        return int(value)
    return available_cores()


class InProcessRunner:
    """``--workers 0``: parse in this process, one document after another, without limits
    (for debugging, and for tests that patch the parser)."""

    description = "in-process"

    def __init__(self, handler: str) -> None:
        self.handler = load_handler(handler)
        self.state: dict[str, Any] = {}

    def set_state(self, key: str, value: Any) -> None:
        self.state[key] = value

    def run(self, items: Iterable[Any]) -> Iterator[tuple[int, Outcome]]:
        for index, item in enumerate(items):
            try:
                yield index, Outcome(self.handler(item, self.state))
            except MemoryError:
                yield index, Outcome(failure=MEMORY, message="ran out of memory")
            except Exception as exc:
                yield (
                    index,
                    Outcome(failure=ERROR, message=f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"),
                )

    def close(self) -> None:
        pass


#: Documents a pool worker is started for: a worker's start (the interpreter, pyarrow, the
#: Swedish pipeline; about 2.5 s of CPU measured) costs what parsing 15 to 30 documents does
#: (0.07 to 0.15 s of CPU each at 1,000 generated plans), so a run that parses 10 documents
#: starts one worker, and one that parses 1,000 starts every core's.
ITEMS_PER_WORKER = 16


class PoolRunner:
    """A local ``WorkerPool`` of up to ``workers`` processes, started as the work needs them."""

    def __init__(self, workers: int, limits: Limits, handler: str) -> None:
        self.pool = WorkerPool(workers, limits, handler, ITEMS_PER_WORKER)
        # Workers start as the work needs them (ITEMS_PER_WORKER): the pool's size is a bound.
        self.description = f"up to {self.pool.size} worker process{'es' if self.pool.size > 1 else ''}"

    def set_state(self, key: str, value: Any) -> None:
        self.pool.set_state(key, value)

    def run(self, items: Iterable[Any]) -> Iterator[tuple[int, Outcome]]:
        return self.pool.run(items)

    def close(self) -> None:
        self.pool.close()


def make_runner(workers: int | None, limits: Limits, handler: str, scheduler: str | None) -> Runner:
    if scheduler:
        from pipeline.ingestion.dask_runner import DaskRunner

        return DaskRunner(scheduler, limits, handler)
    workers = default_workers() if workers is None else workers
    if workers == 0:
        return InProcessRunner(handler)
    return PoolRunner(workers, limits, handler)
