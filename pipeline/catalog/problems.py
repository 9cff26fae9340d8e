"""What failed and what was warned in a parsed folder, newest first (``plans problems``).

A problem is as new as the reading that found it: a document's problems date from when the
document was parsed (``documents.ingested_at``, kept across incremental runs), the problems
of discovering the archive (duplicates, unsupported or unreadable files) from the run that
wrote the snapshot, since each run finds them anew. A failed file left no document row, so
its problems have no recorded time: they come last.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.catalog import connect
from pipeline.store.reader import current_snapshot
from pipeline.store.writer import RUN_FILE

_SQL = """
SELECT coalesce(d.ingested_at, CASE WHEN p.stage = 'discover' THEN ?::TIMESTAMPTZ END) AS found_at,
       p.severity, p.code, p.stage, p.source_path, p.message
FROM problems p
LEFT JOIN documents_all d ON d.doc_id = p.doc_id
WHERE p.severity IN ({severities})
ORDER BY found_at DESC NULLS LAST, p.severity = 'warning', p.source_path, p.code
"""


def snapshot_info(parsed_dir: str | Path) -> dict:
    """The ``_run.json`` of the current snapshot (empty when there is none)."""
    snapshot = current_snapshot(Path(parsed_dir))
    if snapshot is None:
        return {}
    try:
        return json.loads((snapshot / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def problems(parsed_dir: str | Path, severities: tuple[str, ...] = ("error", "warning")) -> pd.DataFrame:
    """The problems of the current snapshot, newest first, errors before warnings."""
    created = snapshot_info(parsed_dir).get("created_at")
    con = connect(parsed_dir, link=False)
    try:
        marks = ", ".join("?" for _ in severities)
        return con.execute(_SQL.format(severities=marks), [created, *severities]).df()
    finally:
        con.close()
