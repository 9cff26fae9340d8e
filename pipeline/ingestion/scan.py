"""What is in the archive now: every file with its size, mtime and content hash.

Stat first: a file whose size and mtime match the manifest keeps its recorded hash, so an
unchanged archive is checked without reading it. A file modified within ``RACY_NS`` of the
scan that recorded it is hashed again (its mtime could hide a later same-size write within
the file system's timestamp granularity), as git does for its index.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract import supported_suffixes
from pipeline.ingestion.manifest import Entry
from pipeline.ingestion.paths import archive_root, stored_path
from pipeline.ingestion.walk import walk

RACY_NS = 2_000_000_000
_HASH_THREADS = 4


@dataclass(frozen=True)
class FileState:
    source_path: str  # relative to the archive root, in the stored form of ``paths``
    size: int
    mtime_ns: int
    sha256: str | None  # None: unsupported (not read) or unreadable
    supported: bool
    error: str | None = None  # why it could not be hashed
    skip: Code | None = None  # not a file to read (a dangling link, a FIFO): the warning's code


def sha256_of(path: Path) -> str:
    """The file's SHA-256. Opened without blocking and checked to be a regular file, so a
    file swapped for a FIFO after the walk cannot hang the scan."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
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
    suffixes = supported_suffixes()
    to_hash: list[tuple[int, Path, os.stat_result, str]] = []
    skip = _inside(exclude, input_path)
    root = archive_root(input_path)
    for found in walk(input_path):
        path = found.path
        if skip is not None and _under(path, skip):
            continue
        name = stored_path(os.path.abspath(path), root)
        if found.skip is Code.IO:
            states.append(FileState(name, 0, 0, None, False, f"{name}: {found.reason}"))
            continue
        if found.skip is not None:
            states.append(FileState(name, 0, 0, None, False, f"{name}: {found.reason}", found.skip))
            continue
        supported = os.path.splitext(path)[1].lower() in suffixes
        try:
            st = found.st or path.stat()
        except OSError as exc:
            states.append(FileState(name, 0, 0, None, supported, f"{name}: cannot be read: {exc.strerror}"))
            continue
        if not supported:
            states.append(FileState(name, st.st_size, st.st_mtime_ns, None, False))
            continue
        old = previous.get(name)
        if (
            old is not None
            and old.present
            and old.sha256 is not None
            and (old.size, old.mtime_ns) == (st.st_size, st.st_mtime_ns)
            and previous_scan_ns is not None
            and st.st_mtime_ns < previous_scan_ns - RACY_NS
        ):
            states.append(FileState(name, st.st_size, st.st_mtime_ns, old.sha256, True))
            continue
        states.append(None)
        to_hash.append((len(states) - 1, path, st, name))
    if to_hash:
        with ThreadPoolExecutor(_HASH_THREADS) as pool:  # hashlib releases the GIL on large reads
            digests = list(pool.map(_try_hash, [path for _, path, _, _ in to_hash]))
        for (i, _, st, name), (digest, error) in zip(to_hash, digests, strict=True):
            states[i] = FileState(
                name, st.st_size, st.st_mtime_ns, digest, True, error and f"{name}: {error}"
            )
    return [s for s in states if s is not None]


def _inside(folder: Path | None, root: Path) -> tuple[Path, Path] | None:
    """``folder`` (as typed made absolute, and resolved), if it lies inside ``root`` (else
    there is nothing to leave out)."""
    if folder is None or not root.is_dir():
        return None
    forms = (Path(os.path.abspath(folder)), Path(os.path.realpath(folder)))
    if forms[0].is_relative_to(os.path.abspath(root)) or forms[1].is_relative_to(os.path.realpath(root)):
        return forms
    return None


def _under(path: Path, folder: tuple[Path, Path]) -> bool:
    absolute, real = Path(os.path.abspath(path)), Path(os.path.realpath(path))
    return absolute.is_relative_to(folder[0]) or real.is_relative_to(folder[1])


def _try_hash(path: Path) -> tuple[str | None, str | None]:
    try:
        return sha256_of(path), None
    except OSError as exc:
        return None, f"cannot be read: {exc.strerror or exc}"
