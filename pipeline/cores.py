"""How many cores this process may use, and how the OCR inside a pool worker is told its share.

Both the ingest pool (documents in parallel) and the OCR reader (pages in parallel) default to
every core; run together they would over-commit the machine, so a pool hands each worker its
share through ``OCR_WORKERS_ENV``.
"""

from __future__ import annotations

import os

#: Environment variable capping the Tesseract processes of one OCR call.
OCR_WORKERS_ENV = "PLANS_OCR_WORKERS"


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ocr_workers() -> int:
    """Tesseract processes for one OCR call: the share a pool gave us, else every core."""
    share = os.environ.get(OCR_WORKERS_ENV, "")
    return int(share) if share.isdigit() and int(share) > 0 else available_cores()


def worker_environment(pool_size: int) -> dict[str, str]:
    """The environment of one of ``pool_size`` worker processes: its share of the cores for OCR."""
    return {**os.environ, OCR_WORKERS_ENV: str(max(1, available_cores() // max(1, pool_size)))}
