"""The manifest: one row per source file, saying what the snapshot's rows were made from.

It is written into the snapshot (``_snapshots/<run>/_manifest.parquet``), so tables and
manifest switch together: whatever ``_current`` shows, its manifest describes exactly its
rows. The next run compares the archive with it to find what changed.

Columns: ``source_path``; ``size`` and ``mtime_ns`` (a file whose stat is unchanged keeps
its recorded hash); ``sha256``; ``status`` (``parsed``: its rows are in the tables;
``failed``: only its ``problems`` rows are; ``duplicate``: the same content is kept under
another path; ``unsupported``; ``unreadable``: it could not be hashed); ``present`` (false:
the file was deleted and its rows are kept, see ``--prune``); ``damaged`` (repaired as
OCR-damaged text); ``settings`` (parser version and reader settings its result was made
with); ``context`` (for damaged documents: the fingerprint of the clean documents their
repair learnt from); ``limits`` (for results that are a time or memory limit being hit:
the limits in force).
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import Code, PlansError

MANIFEST_FILE = "_manifest.parquet"
MANIFEST_VERSION = "1"
_VERSION_KEY = b"plans.manifest_version"
_META_PREFIX = "plans.manifest."

STATUSES = ("parsed", "failed", "duplicate", "unsupported", "unreadable")
_SHA = re.compile(r"^[0-9a-f]{64}$")

SCHEMA = pa.schema(
    [
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("size", pa.int64(), nullable=False),
        pa.field("mtime_ns", pa.int64(), nullable=False),
        pa.field("sha256", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("present", pa.bool_(), nullable=False),
        pa.field("damaged", pa.bool_(), nullable=False),
        pa.field("settings", pa.string()),
        pa.field("context", pa.string()),
        pa.field("limits", pa.string()),
    ]
)


class ManifestError(PlansError, ValueError):
    """A manifest file that cannot be used (damaged, or written by other code)."""

    code = Code.MANIFEST_UNUSABLE


@dataclass(frozen=True)
class Entry:
    source_path: str
    size: int
    mtime_ns: int
    sha256: str | None
    status: str
    present: bool = True
    damaged: bool = False
    settings: str | None = None
    context: str | None = None
    limits: str | None = None

    @property
    def doc_id(self) -> str | None:
        return self.sha256[:16] if self.sha256 else None


@dataclass(frozen=True)
class Manifest:
    entries: tuple[Entry, ...]
    #: Free-form run facts (scan start time, context fingerprint, ...), strings only.
    meta: dict[str, str]

    def by_path(self) -> dict[str, Entry]:
        return {e.source_path: e for e in self.entries}


_NAMES = [f.name for f in fields(Entry)]


def to_table(manifest: Manifest) -> pa.Table:
    columns = list(zip(*(astuple(e) for e in manifest.entries), strict=True)) or [[] for _ in _NAMES]
    table = pa.Table.from_arrays(
        [pa.array(list(col), type=field.type) for col, field in zip(columns, SCHEMA, strict=True)],
        schema=SCHEMA,
    )
    meta = {_VERSION_KEY: MANIFEST_VERSION.encode()}
    meta |= {f"{_META_PREFIX}{k}".encode(): v.encode() for k, v in manifest.meta.items()}
    return table.replace_schema_metadata(meta)


def read_manifest(path: Path) -> Manifest:
    """Read and check a manifest file. Raises ``ManifestError`` (only) when it is unusable."""
    try:
        # ParquetFile, not read_table: one file, and no pyarrow.dataset (nor pandas) to import.
        with pq.ParquetFile(path) as parquet:
            table = parquet.read()
    except FileNotFoundError:
        raise
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise ManifestError(f"{path}: not a readable Parquet file ({type(exc).__name__}: {exc})") from None
    return from_table(table, str(path))


def from_table(table: pa.Table, where: str = "manifest") -> Manifest:
    meta_raw = table.schema.metadata or {}
    version = meta_raw.get(_VERSION_KEY)
    if version != MANIFEST_VERSION.encode():
        raise ManifestError(f"{where}: manifest version {version!r}, expected {MANIFEST_VERSION}")
    if table.schema.remove_metadata() != SCHEMA.remove_metadata():
        raise ManifestError(f"{where}: columns {table.schema.names} do not match the manifest schema")
    try:
        meta = {
            k.decode()[len(_META_PREFIX) :]: v.decode()
            for k, v in meta_raw.items()
            if k.startswith(_META_PREFIX.encode())
        }
        columns = [table.column(name).to_pylist() for name in _NAMES]  # faster than rows of dicts
    except Exception as exc:
        raise ManifestError(f"{where}: cannot be decoded ({type(exc).__name__})") from None
    entries = []
    seen: set[str] = set()
    for values in zip(*columns, strict=True):
        entry = Entry(*values)
        _check(entry, where)
        if entry.source_path in seen:
            raise ManifestError(f"{where}: {entry.source_path!r} listed twice")
        seen.add(entry.source_path)
        entries.append(entry)
    return Manifest(tuple(entries), meta)


def _check(e: Entry, where: str) -> None:
    problem = None
    if not e.source_path or e.source_path is None:
        problem = "empty source_path"
    elif e.status not in STATUSES:
        problem = f"unknown status {e.status!r}"
    elif e.size is None or e.mtime_ns is None or e.size < 0:
        problem = "bad size or mtime"
    elif e.sha256 is not None and not _SHA.match(e.sha256):
        problem = "bad sha256"
    elif e.status in ("parsed", "failed", "duplicate") and (e.sha256 is None or e.settings is None):
        problem = f"status {e.status} without sha256 and settings"
    elif e.present is None or e.damaged is None:
        problem = "missing flags"
    if problem:
        raise ManifestError(f"{where}: {e.source_path!r}: {problem}")
