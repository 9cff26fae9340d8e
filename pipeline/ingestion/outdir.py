"""Whose folder ``--out`` is: a run writes only into a folder it made, or an empty one.

An ingest deletes inside its output (old snapshots, the spool, stale caches), so pointed at
a user's folder by mistake it must refuse before it touches anything. A folder this pipeline
made holds the marker file ``_plans_output``; an existing folder without it must be empty
(an output written before the marker existed, recognised by its ``_current`` link into
``_snapshots``, gets the marker). The names the pipeline writes, deletes or locks under the
output (``_lock``, ``_work``, ``_cache``, ``_snapshots``, the marker) must not be symbolic
links, so no link planted there can make a run write or delete outside the output. And the
output is neither the archive nor a folder above it, which a run would read as input.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import Code, RunNotStarted
from pipeline.store.writer import CURRENT_LINK, SNAPSHOTS_DIR, OutputDirError

MARKER = "_plans_output"
#: What a run creates, writes, locks or deletes directly under the output (never links).
RESERVED = (MARKER, "_lock", "_work", "_cache", SNAPSHOTS_DIR)
#: The folders the spool and the caches write into (``pipeline.ingestion.cache``).
_CACHE_FOLDERS = ("_work/results", "_cache/counts", "_cache/sources")


class OutputIsInputError(RunNotStarted, ValueError):
    """``--out`` is the archive, or a folder the archive lies in."""

    code = Code.OUTPUT_IS_INPUT


class OutputUnwritableError(RunNotStarted, OSError):
    """``--out`` is a file, or a folder that cannot be made or written."""

    code = Code.OUTPUT_UNWRITABLE


def claim_output(out_dir: Path, input_path: Path) -> None:
    """Make ``out_dir`` ours or raise (a ``RunNotStarted``) having touched nothing."""
    out = Path(os.path.abspath(out_dir))
    archive = Path(os.path.abspath(input_path))
    for a, o in ((archive, out), (Path(os.path.realpath(archive)), Path(os.path.realpath(out)))):
        if a == o or a.is_relative_to(o):
            raise OutputIsInputError(
                f"--out {out_dir} is the archive or a folder it lies in; the tables would be written "
                "among the plans. Choose an output folder outside the archive."
            )
    if out.exists() and not out.is_dir():
        raise OutputUnwritableError(f"--out {out_dir} is a file, not a folder")
    if not out.exists():
        try:
            out.mkdir(parents=True)
        except OSError as exc:
            raise OutputUnwritableError(
                f"--out {out_dir}: cannot be created: {exc.strerror or exc}"
            ) from None
    _check_reserved(out)
    marker = out / MARKER
    if not marker.exists():
        names = [n for n in os.listdir(out) if n != "_lock"]
        if names and not _legacy_output(out):
            shown = ", ".join(sorted(names)[:5]) + (", ..." if len(names) > 5 else "")
            raise OutputDirError(
                f"--out {out_dir} is not empty ({shown}) and was not made by plans ingest (no {MARKER} "
                "file); refusing to write or delete anything in it. Choose an empty or new folder."
            )
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputUnwritableError(f"--out {out_dir}: not writable (permission denied)")
    if not marker.exists():
        _write_marker(marker, out_dir)


def _check_reserved(out: Path) -> None:
    for name in RESERVED + _CACHE_FOLDERS:
        path = out / name
        try:
            st = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(st.st_mode):
            raise OutputDirError(
                f"{path} is a symbolic link, which plans ingest never makes; refusing to follow it "
                "(a run writes, locks and deletes there). Remove it or choose another output folder."
            )
        wanted_dir = name in ("_work", "_cache", SNAPSHOTS_DIR, *_CACHE_FOLDERS)
        if wanted_dir != stat.S_ISDIR(st.st_mode):
            raise OutputDirError(f"{path} is not what plans ingest makes there; refusing to use it")


def _legacy_output(out: Path) -> bool:
    """An output written before the marker: its ``_current`` is a link into ``_snapshots``."""
    link = out / CURRENT_LINK
    if not link.is_symlink():
        return False
    target = Path(os.readlink(link))
    return target.parent == Path(SNAPSHOTS_DIR) and (out / SNAPSHOTS_DIR).is_dir()


def _write_marker(marker: Path, out_dir: Path) -> None:
    info = {"made_by": "plans ingest", "created": datetime.now(UTC).isoformat(timespec="seconds")}
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return
    except OSError as exc:
        raise OutputUnwritableError(f"--out {out_dir}: cannot be written: {exc.strerror or exc}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(info, fh)
        fh.write("\n")
