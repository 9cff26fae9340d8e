"""The HTML report of an ingest (``plans report``): what an analyst opens in a browser to see
what the pipeline made of each document.

``write_report(parsed_dir, out)`` writes one self-contained page (no network, no external
files): per document its metadata, the goal tree as nested ``<details>`` with the goal
sections, indicator and activity tables under their goals, the narrative sections, the
repairs (marked in place, ``pipeline.report.highlight``) and the problems; files that could
not be read are listed at the top.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.report.html import render_report
from pipeline.store.reader import current_snapshot
from pipeline.store.writer import RUN_FILE

__all__ = ["render_report", "write_report"]


def write_report(parsed_dir: str | Path, out: str | Path) -> Path:
    """Write the report of ``parsed_dir`` to ``out`` (a file, or ``out/index.html`` when ``out``
    is a folder); returns the path written."""
    from pipeline.catalog import connect

    parsed_dir, out = Path(parsed_dir), Path(out)
    if out.is_dir():
        out = out / "index.html"
    snapshot = current_snapshot(parsed_dir)
    run_file = (snapshot or parsed_dir) / RUN_FILE
    run_info = json.loads(run_file.read_text(encoding="utf-8")) if run_file.is_file() else {}
    con = connect(parsed_dir, all_copies=True)  # a reading report: every document, copies too
    page = render_report(con, run_info, title=f"Plans report: {parsed_dir.resolve().name}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return out
