"""A document's limits as seen from inside the process that parses it.

The pool kills a worker's whole process group when a document runs out of time, but a
helper process (Tesseract, later LibreOffice) must not outlive its worker in any case, and
its CPU must count against the document's limit: ``tie_to_parent`` is the ``preexec_fn`` of
every helper, so it gets ``SIGKILL`` when the thread that started it dies, and inherits the
worker's CPU limit (``RLIMIT_CPU``, set per document by the worker).

Running out of memory under ``RLIMIT_AS`` does not always reach Python as ``MemoryError``:
pyarrow raises ``ArrowMemoryError``, C libraries say "malloc failed" or "bad_alloc" in
whatever exception wraps them. ``is_out_of_memory`` recognises them all, so the document
gets ``memory_limit``, not ``internal_error``.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal

_PR_SET_PDEATHSIG = 1
_MEMORY_WORDS = (
    "malloc failed",
    "bad_alloc",
    "cannot allocate memory",
    "out of memory",
    "memory allocation failed",
    "failed to allocate",
    "allocation failed",
)


def tie_to_parent() -> None:
    """``preexec_fn`` of helper processes: die with the parent (Linux; elsewhere a no-op)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def is_out_of_memory(exc: BaseException) -> bool:
    """Is ``exc`` (or an exception it was raised from) a failure to get memory?"""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, MemoryError) or type(current).__name__.endswith("MemoryError"):
            return True
        text = str(current).lower()
        if any(word in text for word in _MEMORY_WORDS):
            return True
        current = current.__cause__ or current.__context__
    return False
