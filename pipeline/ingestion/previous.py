"""The output a run builds on: the current snapshot and its manifest, if they can be used.

They cannot when the output was written with another schema version, before incremental
ingest (no manifest) or is damaged; the run then rebuilds everything and says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.ingestion.manifest import MANIFEST_FILE, Manifest, ManifestError, read_manifest
from pipeline.ingestion.report import Reporter
from pipeline.store import SCHEMA_VERSION, current_snapshot
from pipeline.store.reader import read_arrow
from pipeline.store.writer import PARTS_FILE, RUN_FILE

#: The one file of each table of an output written before tables had parts.
LEGACY_PART = "part-00000.parquet"


@dataclass
class Previous:
    """The current snapshot, when a run can build on it: its tables whole or by part
    (``assemble.PreviousParts``)."""

    snapshot: Path
    manifest: Manifest
    buckets: int = 1  # the parts each table is cut in (``pipeline.store.partition``)
    cut: str = "doc_id"  # what they are cut by (``partition.CUT``; older outputs: doc_id)
    _parts: dict[tuple[str, int], tuple[str, int]] | None = field(default=None, repr=False)

    def table(self, name: str) -> pa.Table:
        return read_arrow(self.snapshot / name, name)

    def part(self, name: str, bucket: int) -> Path | None:
        listed = self._listed().get((name, bucket))
        if listed is not None:
            return self.snapshot / name / listed[0]
        legacy = self.snapshot / name / LEGACY_PART  # written before tables had parts
        return legacy if bucket == 0 and self.buckets == 1 and legacy.is_file() else None

    def part_rows(self, name: str, bucket: int) -> int:
        listed = self._listed().get((name, bucket))
        if listed is not None:
            return listed[1]
        return pq.read_metadata(self.snapshot / name / LEGACY_PART).num_rows

    def _listed(self) -> dict[tuple[str, int], tuple[str, int]]:
        """(table, part) -> (file, rows) of the snapshot's parts (none: an older output)."""
        if self._parts is None:
            try:
                listed = pq.read_table(self.snapshot / f"{PARTS_FILE}.parquet").to_pydict()
                rows = zip(listed["table"], listed["part"], listed["file"], listed["rows"], strict=True)
                self._parts = {(t, p): (f, r) for t, p, f, r in rows}
            except (OSError, pa.ArrowException, KeyError):
                self._parts = {}
        return self._parts


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
    buckets = info.get("buckets", 1)
    buckets = buckets if isinstance(buckets, int) and buckets > 0 else 1
    return Previous(snapshot, manifest, buckets, str(info.get("cut", "doc_id")))
