"""Write-once files keyed by content: the run spool and the per-document caches.

An entry is written to a temporary name and renamed into place, so a reader (or the next
run after a kill) finds a whole entry or none. Values are pickled and compressed (zstd: the
caches of an archive are otherwise as large as its tables). Entries are pure functions of their key
(content hash, settings), so a stale one is never wrong, only unused; ``retain`` removes
those no snapshot refers to any more. Nothing here is fsynced: after a power loss an entry
may be unreadable, and an unreadable entry is a miss.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")
#: A compressed value: this marker, the pickle's size (8 bytes, little-endian), the zstd frame.
#: (A bare pickle, as older outputs hold, starts with its protocol byte and still reads.)
_ZSTD = b"PLZ1"
_CODEC = pa.Codec("zstd", compression_level=3)
_MAX_VALUE = 1 << 32
_IPC = pa.ipc.IpcWriteOptions(compression="zstd")


#: Rows of a cached table's record batch: a large table (a repair context) is read back a
#: batch at a time by whoever needs only to look through it.
_IPC_BATCH_ROWS = 1 << 16


def to_ipc(table: pa.Table, compress: bool = True) -> bytes:
    """A table as Arrow IPC bytes: compressed, the form of cached tables; not, for what the
    same run reads back at once (a result's tables in the spool and the pool's pipes)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=_IPC if compress else None) as writer:
        writer.write_table(table, max_chunksize=_IPC_BATCH_ROWS)
    return sink.getvalue().to_pybytes()


class FileCache:
    """A directory of ``<key><suffix>`` files."""

    def __init__(self, root: Path, suffix: str = ".pkl") -> None:
        self.root = Path(root)
        self.suffix = suffix

    def path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"bad cache key {key!r}")
        return self.root / f"{key}{self.suffix}"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def put_bytes(self, key: str, data: bytes) -> None:
        final = self.path(key)
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, final)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def get_bytes(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, value: Any) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        packed = _CODEC.compress(data, asbytes=True)
        self.put_bytes(key, _ZSTD + len(data).to_bytes(8, "little") + packed)

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or ``None`` when there is none or it cannot be read
        (this process wrote it: an unreadable entry is a torn write, not an attack)."""
        return read_value(self.path(key))

    def keys(self) -> set[str]:
        try:
            names = os.listdir(self.root)
        except OSError:
            return set()
        n = len(self.suffix)
        return {name[:-n] for name in names if name.endswith(self.suffix) and not name.startswith(".")}

    def retain(self, keep: Iterable[str]) -> int:
        """Delete every entry (and leftover temporary file) not in ``keep``; return how many."""
        keep = set(keep)
        removed = 0
        try:
            names = os.listdir(self.root)
        except OSError:
            return 0
        n = len(self.suffix)
        for name in names:
            stale_tmp = name.startswith(".tmp-")
            entry = name.endswith(self.suffix) and _KEY.match(name[:-n]) is not None
            if stale_tmp or (entry and name[:-n] not in keep):
                with contextlib.suppress(OSError):
                    os.unlink(self.root / name)
                    removed += 1
        return removed

    def entries(self) -> list[tuple[int, int, str]]:
        """``(mtime_ns, size, key)`` of every entry (a write-once entry's mtime: when it was made)."""
        found = []
        for key in self.keys():
            try:
                st = os.stat(self.root / f"{key}{self.suffix}")
            except OSError:
                continue
            found.append((st.st_mtime_ns, st.st_size, key))
        return found

    def clear(self) -> None:
        """Delete every entry, and the folder if nothing else is in it: what the pipeline did
        not write here (a user's file) is left alone, and no link is followed."""
        if self.root.is_symlink():
            return
        self.retain(())
        with contextlib.suppress(OSError):
            os.rmdir(self.root)


def read_value(path: str | Path) -> Any | None:
    """The value of the entry at ``path`` (``FileCache.put``), or ``None`` when there is none
    or it cannot be read: what a worker sharing the output's storage reads by path."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    try:
        if data.startswith(_ZSTD):
            size = int.from_bytes(data[4:12], "little")
            if size > _MAX_VALUE:  # a torn or foreign header: not worth an allocation
                return None
            data = _CODEC.decompress(data[12:], decompressed_size=size, asbytes=True)
        return pickle.loads(data)
    except Exception:
        return None


def bound(caches: Iterable[FileCache], limit: int, other: int = 0) -> tuple[int, int]:
    """Delete the oldest entries of ``caches`` until they hold at most ``limit`` bytes with
    ``other`` bytes kept beside them (entries that must stay); return the bytes they hold and
    the entries deleted. Oldest first: every entry is equally a pure function of its key, and
    one made long ago belongs to a file unchanged as long, the least likely to be read again."""
    entries = sorted(
        ((mtime, size, key, cache) for cache in caches for mtime, size, key in cache.entries()),
        key=lambda e: e[:3],
    )
    held = other + sum(size for _, size, _, _ in entries)
    removed = 0
    for _, size, key, cache in entries:
        if held <= limit:
            break
        with contextlib.suppress(OSError):
            os.unlink(cache.path(key))
            held -= size
            removed += 1
    return held, removed
