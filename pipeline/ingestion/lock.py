"""One writer per output directory: an exclusive ``flock`` on ``<out>/_lock``.

The kernel drops an ``flock`` when its process dies, however it dies (SIGKILL included), so
a lock left by a dead run is free again by itself; the holder's pid, host and start time
are written into the file only so that a refusal can name who holds it, and so that the
next run can say that an earlier one ended without finishing.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import Code, RunNotStarted

LOCK_FILE = "_lock"
_MAX_INFO_BYTES = 4096


class LockHeldError(RunNotStarted, RuntimeError):
    """Another ingest is writing to the same output directory."""

    code = Code.LOCK_HELD


@dataclass(frozen=True)
class LockInfo:
    """Who took the lock (what is written into the lock file)."""

    pid: int
    host: str
    started: str  # ISO 8601
    command: str = ""

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, started {self.started}"


def parse_lock_info(data: bytes) -> LockInfo | None:
    """The holder written in a lock file, or ``None`` if the bytes are not one (empty,
    torn, foreign). Never raises: the file is read while another process may write it."""
    if not data or len(data) > _MAX_INFO_BYTES:
        return None
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(raw, dict):
        return None
    pid, host, started, command = (raw.get(k) for k in ("pid", "host", "started", "command"))
    if not (isinstance(pid, int) and not isinstance(pid, bool) and pid > 0):
        return None
    if not (isinstance(host, str) and isinstance(started, str)):
        return None
    return LockInfo(pid, host, started, command if isinstance(command, str) else "")


class OutputLock:
    """Context manager: hold the output directory's lock for the length of a run.

    ``stale`` is set after ``acquire`` when the file names an earlier holder that is gone
    (its lock was released by the kernel without the run clearing the file).
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / LOCK_FILE
        self.stale: LockInfo | None = None
        self._fd: int | None = None

    def acquire(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # O_NOFOLLOW: a link planted as ``_lock`` must not make the run truncate its target.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = parse_lock_info(_read_all(fd))
            os.close(fd)
            who = holder.describe() if holder else "holder unknown"
            raise LockHeldError(
                f"{self.path.parent} is being written by another ingest ({who}); "
                "only one ingest may write to an output directory at a time. "
                "Wait for it to finish (or stop it) and run again."
            ) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        previous = parse_lock_info(_read_all(fd))
        # A clean end empties the file, so a holder still named in it ended without finishing.
        self.stale = previous
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(self._info().__dict__).encode("utf-8"), 0)
        return self

    def release(self) -> None:
        """Clear the holder (a clean end) and drop the lock."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    @staticmethod
    def _info() -> LockInfo:
        return LockInfo(
            pid=os.getpid(),
            host=socket.gethostname(),
            started=datetime.now(UTC).isoformat(timespec="seconds"),
            command=" ".join(sys.argv)[:500],
        )


def _read_all(fd: int) -> bytes:
    try:
        return os.pread(fd, _MAX_INFO_BYTES + 1, 0)
    except OSError:
        return b""
