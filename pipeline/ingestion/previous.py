"""The output a run builds on: the current snapshot and its manifest, if they can be used.

They cannot when the output was written with another schema version, before incremental
ingest (no manifest) or is damaged; the run then rebuilds everything and says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from pipeline.ingestion.manifest import MANIFEST_FILE, Manifest, ManifestError, read_manifest
from pipeline.ingestion.report import Reporter
from pipeline.store import SCHEMA_VERSION, TABLES, current_snapshot
from pipeline.store.reader import read_arrow
from pipeline.store.schema import DERIVED_TABLES
from pipeline.store.writer import RUN_FILE


@dataclass
class Previous:
    """The current snapshot, when a run can build on it."""

    snapshot: Path
    manifest: Manifest
    _tables: dict[str, pa.Table] = field(default_factory=dict)

    def tables(self) -> dict[str, pa.Table]:
        """The tables rows are carried from (the derived ones are made anew each run)."""
        if not self._tables:
            self._tables = {
                name: read_arrow(self.snapshot / name, name) for name in TABLES if name not in DERIVED_TABLES
            }
        return self._tables


def load_previous(out_dir: Path, reporter: Reporter) -> Previous | None:
    """The snapshot to build on, or ``None`` (with a notice saying why) for a full rebuild."""
    snapshot = current_snapshot(out_dir)
    if snapshot is None:
        return None
    try:
        info = json.loads((snapshot / RUN_FILE).read_text(encoding="utf-8"))
        version = str(info["schema_version"])
    except (OSError, ValueError, KeyError, TypeError):
        reporter.notice(f"{snapshot}: no readable {RUN_FILE}; rebuilding the output fully")
        return None
    if version != SCHEMA_VERSION:
        reporter.notice(
            f"{out_dir} was written with schema version {version}, this pipeline writes {SCHEMA_VERSION}; "
            "rebuilding the output fully (rows of deleted sources cannot be kept across this change)"
        )
        return None
    try:
        manifest = read_manifest(snapshot / MANIFEST_FILE)
    except FileNotFoundError:
        reporter.notice(f"{out_dir} has no manifest (written before incremental ingest); rebuilding it fully")
        return None
    except ManifestError as exc:
        reporter.notice(f"the manifest cannot be used ({exc}); rebuilding the output fully")
        return None
    return Previous(snapshot, manifest)
