"""What is in the archive now: every file with its size, mtime and content hash.

Stat first: a file whose size and mtime match the manifest keeps its recorded hash, so an
unchanged archive is checked without reading it. A file modified within ``RACY_NS`` of the
scan that recorded it is hashed again (its mtime could hide a later same-size write within
the file system's timestamp granularity), as git does for its index.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipeline.batch import discover
from pipeline.extract import supported_suffixes
from pipeline.ingestion.manifest import Entry

RACY_NS = 2_000_000_000
_HASH_THREADS = 4


@dataclass(frozen=True)
class FileState:
    source_path: str
    size: int
    mtime_ns: int
    sha256: str | None  # None: unsupported (not read) or unreadable
    supported: bool
    error: str | None = None  # why it could not be hashed


def sha256_of(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def scan(
    input_path: Path,
    previous: Mapping[str, Entry],
    previous_scan_ns: int | None = None,
    exclude: Path | None = None,
) -> list[FileState]:
    """Every file under ``input_path`` in sorted order, hashed where the manifest cannot vouch.
    Files under ``exclude`` (the output directory, when it lies inside the archive) are left out."""
    states: list[FileState | None] = []
    to_hash: list[tuple[int, Path, os.stat_result]] = []
    skip = _inside(exclude, input_path)
    for path in discover(input_path):
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        supported = path.suffix.lower() in supported_suffixes()
        try:
            st = path.stat()
        except OSError as exc:
            states.append(
                FileState(str(path), 0, 0, None, supported, f"{path}: cannot be read: {exc.strerror}")
            )
            continue
        if not supported:
            states.append(FileState(str(path), st.st_size, st.st_mtime_ns, None, False))
            continue
        old = previous.get(str(path))
        if (
            old is not None
            and old.present
            and old.sha256 is not None
            and (old.size, old.mtime_ns) == (st.st_size, st.st_mtime_ns)
            and previous_scan_ns is not None
            and st.st_mtime_ns < previous_scan_ns - RACY_NS
        ):
            states.append(FileState(str(path), st.st_size, st.st_mtime_ns, old.sha256, True))
            continue
        states.append(None)
        to_hash.append((len(states) - 1, path, st))
    if to_hash:
        with ThreadPoolExecutor(_HASH_THREADS) as pool:  # hashlib releases the GIL on large reads
            digests = list(pool.map(_try_hash, [path for _, path, _ in to_hash]))
        for (i, path, st), (digest, error) in zip(to_hash, digests, strict=True):
            states[i] = FileState(str(path), st.st_size, st.st_mtime_ns, digest, True, error)
    return [s for s in states if s is not None]


def _inside(folder: Path | None, root: Path) -> Path | None:
    """``folder`` resolved, if it lies inside ``root`` (else there is nothing to leave out)."""
    if folder is None or not root.is_dir():
        return None
    folder = folder.resolve()
    return folder if folder.is_relative_to(root.resolve()) else None


def _try_hash(path: Path) -> tuple[str | None, str | None]:
    try:
        return sha256_of(path), None
    except OSError as exc:
        return None, f"{path}: cannot be read: {exc.strerror or exc}"
