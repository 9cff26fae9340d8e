"""The worker process of ``pool.WorkerPool``: ``python -m pipeline.ingestion.worker ...``.

It limits its own address space (``RLIMIT_AS``) and, per call, its CPU time (``RLIMIT_CPU``:
the document's time limit, inherited by helper processes), dies with its parent (``PR_SET_PDEATHSIG``
on Linux, a watchdog thread elsewhere), says it is ready, then answers calls one at a time
on its pipe until the pipe closes. Messages are pickled tuples:

    parent -> worker   ("state", key, value) | ("call", seq, item) | ("stop",)
    worker -> parent   ("ready", pid) | ("ok", seq, result) | ("error", seq, text) | ("memory", seq, text)

A ``MemoryError`` is reported and the worker exits (its heap may be unusable); a
``MemoryError`` it cannot even report ends it with ``MEMORY_EXIT``.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import os
import resource
import signal
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection

from pipeline.limits import is_out_of_memory

MEMORY_EXIT = 75
#: Address space (MB) a worker takes before its first document: the interpreter, pyarrow,
#: numpy, the rules and the Swedish pipeline with its lemma table (VmPeak measured 742 MB).
WORKER_START_MB = 750
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Be killed when ``parent_pid`` dies (a killed ingest leaves no process behind)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):

        def watch() -> None:
            while os.getppid() == parent_pid:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the death signal was armed
        os._exit(1)


def load_handler(name: str):
    module, _, attr = name.partition(":")
    return getattr(importlib.import_module(module), attr)


def _limit_cpu(seconds: float) -> None:
    """Let the next call use at most ``seconds`` of CPU from now (``SIGXCPU`` after that).
    Helper processes started during the call inherit the limit: their CPU is bounded too."""
    if seconds <= 0:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(used + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _unlimit_cpu() -> None:
    """Between calls (reading state, waiting) no document's limit applies."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))


def main(argv: list[str]) -> int:
    handler_name, memory_mb, rfd, wfd, parent_pid, *rest = argv
    cpu_seconds = float(rest[0]) if rest else 0.0
    die_with_parent(int(parent_pid))
    # SIGXCPU (the CPU limit) and SIGABRT (a failed allocation) would otherwise dump core.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if int(memory_mb) > 0:
        limit = int(memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    inbox = Connection(int(rfd), writable=False)
    outbox = Connection(int(wfd), readable=False)
    handler = load_handler(handler_name)
    # The Swedish pipeline of the lemma index loads once per worker (about 2 s), before the
    # worker takes work: no document's timeout pays for it.
    from pipeline.lang.sv.nlp import swedish

    swedish()
    outbox.send(("ready", os.getpid()))
    state: dict = {}
    while True:
        try:
            message = inbox.recv()
        except EOFError:
            return 0
        except MemoryError:
            os._exit(MEMORY_EXIT)
        if message[0] == "stop":
            return 0
        if message[0] == "state":
            state[message[1]] = message[2]
            continue
        _, seq, item = message
        _limit_cpu(cpu_seconds)
        try:
            reply = ("ok", seq, handler(item, state))
        except MemoryError:
            reply = ("memory", seq, "MemoryError")
        except Exception as exc:
            if is_out_of_memory(exc):
                with contextlib.suppress(Exception):
                    outbox.send(("memory", seq, f"{type(exc).__name__}: {exc}"))
                os._exit(MEMORY_EXIT)
            where = traceback.extract_tb(exc.__traceback__)[-1]
            reply = (
                "error",
                seq,
                f"{type(exc).__name__}: {exc} (at {os.path.basename(where.filename)}:{where.lineno})",
            )
        _unlimit_cpu()
        try:
            outbox.send(reply)
        except MemoryError:
            os._exit(MEMORY_EXIT)
        if reply[0] == "memory":
            with contextlib.suppress(Exception):
                outbox.close()
            os._exit(MEMORY_EXIT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
