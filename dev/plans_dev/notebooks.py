"""The parsed folder the notebooks read, made from the bundled samples when it is missing.

Here, not in ``pipeline.catalog``: the query layer reads parsed output and never runs an ingest;
making a demo folder on first use is a convenience of the notebooks.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.ingestion import ingest
from plans_dev.paths import ROOT


def parsed_dir_for_notebooks(default: str | Path = "data/parsed", raw: str | Path = "data/raw") -> Path:
    """The parsed folder a notebook reads: ``$PLANS_PARSED``, else ``default`` (relative to the
    project), made from the bundled samples in ``raw`` first if it does not exist yet."""
    override = os.environ.get("PLANS_PARSED")
    if override:
        return Path(override)
    parsed = Path(default) if Path(default).is_absolute() else ROOT / default
    if not (parsed / "documents").exists():
        ingest(Path(raw) if Path(raw).is_absolute() else ROOT / raw, parsed, progress=False)
    return parsed
