"""Handlers with traps for the pool tests, imported by the worker processes (the tests put
this folder on PYTHONPATH). Production never loads this module: the handler a pool runs is
a parameter, and these are passed only by the tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from typing import Any

from pipeline.ingestion.work import DocTask
from pipeline.ingestion.work import handle as parse_document


def _trap(name: str) -> None:
    if name.startswith("hang"):
        time.sleep(3600)
    elif name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    elif name.startswith("hog"):
        bytearray(256 * 1024**3)  # far beyond any memory limit


def spawn(pid_file: str, command: list[str], tied: bool = False) -> int:
    """Start a helper process as a document's work would (``tied``: as Tesseract is started),
    write its pid to ``pid_file``, and return it."""
    from pipeline.limits import tie_to_parent

    child = subprocess.Popen(command, preexec_fn=tie_to_parent if tied else None)
    with open(pid_file, "w") as fh:
        fh.write(str(child.pid))
    return child.pid


def handle(task: DocTask, state: dict[str, Any]):
    """Documents named hang*, crash* or hog* spring their trap; the others are parsed."""
    _trap(os.path.basename(task.source_path))
    return parse_document(task, state)


def echo(item: tuple[str, Any], state: dict[str, Any]) -> Any:
    """("value", x) -> x; ("state", key) -> the state under key; ("hang"|"crash"|"hog", _) traps."""
    kind, value = item
    _trap(kind)
    if kind == "state":
        return state.get(value)
    if kind == "pid":
        return os.getpid()
    if kind == "pid_after":  # the worker's pid, after ``value`` seconds of work
        time.sleep(value)
        return os.getpid()
    if kind == "helper_then_hang":  # a helper that would run for ten minutes, then a hang
        spawn(value, ["sleep", "600"])
        time.sleep(3600)
    if kind == "busy_helper":  # a helper burning CPU, left running; the call returns at once
        return spawn(value, ["sh", "-c", "while :; do :; done"], tied=True)
    if kind == "abort":  # what a C library does when malloc fails under RLIMIT_AS
        os.abort()
    if kind == "wrapped_malloc":  # how pyarrow reports it through our code
        raise ValueError("table 'problems', column 'message' (string): malloc failed")
    if kind == "ocr_workers":
        from pipeline.cores import ocr_workers

        return ocr_workers()
    return value
