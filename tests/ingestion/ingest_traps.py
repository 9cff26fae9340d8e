"""Handlers with traps for the pool tests, imported by the worker processes (the tests put
this folder on PYTHONPATH). Production never loads this module: the handler a pool runs is
a parameter, and these are passed only by the tests.
"""

from __future__ import annotations

import os
import signal
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
    if kind == "ocr_workers":
        from pipeline.cores import ocr_workers

        return ocr_workers()
    return value
