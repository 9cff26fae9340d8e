"""Everything under the archive, each entry either a file to read or a reason it is not read.

A walk must account for every name it meets, so an operator sees why a file has no rows:
a regular file (or a link to one) is read; a dangling link, a link loop, a FIFO, socket or
device, and a link to a folder are not, each with a ``discover`` warning. Links to folders
are not followed, so no link can make the walk loop or leave the archive. Hidden names
(starting with ``.``) are left out, as ever. Nothing is opened here: a FIFO is never read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import Code


@dataclass(frozen=True)
class Found:
    path: Path
    skip: Code | None = None  # None: a file to read
    reason: str = ""  # why it is skipped (or cannot be listed)
    st: os.stat_result | None = None  # a file to read: its stat (through a link: the target's)


def walk(input_path: Path) -> Iterator[Found]:
    """Every entry under ``input_path`` (or ``input_path`` itself) in sorted byte order."""
    if not input_path.is_dir():
        yield _classify(input_path)
        return
    yield from _walk_dir(input_path)


def _walk_dir(folder: Path) -> Iterator[Found]:
    try:
        names = sorted(os.fsencode(n) for n in os.listdir(folder))
    except OSError as exc:
        yield Found(folder, Code.IO, f"the folder cannot be listed: {exc.strerror or exc}")
        return
    for raw in names:
        if raw.startswith(b"."):
            continue
        path = folder / os.fsdecode(raw)
        try:
            st = path.lstat()
        except OSError as exc:
            yield Found(path, Code.IO, f"cannot be read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(path)
        else:
            yield _classify(path, st)


def _classify(path: Path, st: os.stat_result | None = None) -> Found:
    try:
        st = st or path.lstat()
    except OSError as exc:
        return Found(path, Code.IO, f"cannot be read: {exc.strerror or exc}")
    link = stat.S_ISLNK(st.st_mode)
    if link:
        try:
            st = path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return Found(path, Code.BROKEN_LINK, "a symbolic link that loops; skipped")
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                return Found(path, Code.BROKEN_LINK, "a symbolic link to nothing; skipped")
            return Found(path, Code.IO, f"cannot be read: {exc.strerror or exc}")
    if stat.S_ISREG(st.st_mode):
        return Found(path, st=st)
    if stat.S_ISDIR(st.st_mode):
        return Found(path, Code.NOT_A_FILE, "a symbolic link to a folder; not followed")
    kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a device"
    return Found(path, Code.NOT_A_FILE, f"{kind}, not a file; not read")
