"""Ingest at archive scale: incremental, atomic, parallel, resumable, and on Dask.

``ingest`` (in ``run.py``) is the entry point; each module below has one job:
``scan`` (what is in the archive), ``manifest`` and ``previous`` (what the output was made
from), ``lock``
(one writer), ``work`` (one document), ``pool`` / ``worker`` (local processes with limits),
``runners`` / ``dask_runner`` (where documents are parsed), ``context`` (the repair context
of the archive), ``cache`` (spool and caches), ``assemble`` (the output tables) and
``report`` (summary, logs, progress).
"""

from __future__ import annotations

from pipeline.ingestion.lock import LockHeldError
from pipeline.ingestion.pool import Limits
from pipeline.ingestion.report import IngestSummary, Reporter
from pipeline.ingestion.run import ingest

__all__ = ["IngestSummary", "Limits", "LockHeldError", "Reporter", "ingest"]
