"""Summing the clean documents' word counts into a repair context, in a process of its own.

The sum holds every word and word pair of the archive's clean documents (a group-by over
their counts, a batch at a time), which grows with the archive's vocabulary; done in the
ingest process, the memory it took stayed with that process for the rest of the run (the
allocator keeps it). A short-lived child process sums instead and writes the context's files
(``context.ContextStore``'s counts and members); the parent only names the inputs and the
outputs, so its memory does not depend on the vocabulary.

    python -m pipeline.ingestion.context_sum COUNTS_DIR COUNTS_FILE MEMBERS_FILE PARENT_PID < KEYS

reads the content keys one a line on standard input and prints the keys whose counts could
not be read (missing or torn), one a line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from pipeline.ingestion import context
from pipeline.ingestion.cache import FileCache, to_ipc

#: Clean documents' counts summed at a time (bounds the child's memory).
SUM_BATCH = 256


@dataclass(frozen=True)
class Summed:
    """A summed context's files, and the keys whose counts were not in it."""

    counts_file: Path
    members_file: Path
    unreadable: list[str]


def sum_counts(counts: FileCache, keys: Iterable[str]) -> tuple[pa.Table, pa.Table, list[str]]:
    """The counts of ``keys`` summed (``context.total``), the members (key, words) and the
    keys whose counts could not be read."""
    summed = context.total(())
    batch: list[pa.Table] = []
    members: dict[str, int] = {}
    unreadable: list[str] = []
    for key in keys:
        table = context.from_ipc(counts.get_bytes(key))
        if table is None:
            unreadable.append(key)
            continue
        members[key] = context.words(table)
        batch.append(table)
        if len(batch) >= SUM_BATCH:
            summed = context.total([summed, *batch])
            batch.clear()
    return context.total([summed, *batch]), context.members_table(members), unreadable


def sum_elsewhere(counts: FileCache, keys: list[str], counts_file: Path, members_file: Path) -> Summed:
    """Sum the counts of ``keys`` in a child process into ``counts_file`` and
    ``members_file`` (written whole or not at all). Raises ``RuntimeError`` if the child fails."""
    cmd = [
        sys.executable,
        "-m",
        __name__,
        str(counts.root),
        str(counts_file),
        str(members_file),
        str(os.getpid()),
    ]
    done = subprocess.run(cmd, input="\n".join(keys), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"summing the repair context's word counts failed: {done.stderr.strip()[-2000:]}")
    return Summed(counts_file, members_file, done.stdout.split())


def _write(path: Path, table: pa.Table) -> None:
    """``table`` written to ``path`` whole or not at all (a temporary name renamed)."""
    FileCache(path.parent, suffix="").put_bytes(path.name, to_ipc(table))


def main(argv: list[str]) -> int:
    from pipeline.ingestion.worker import die_with_parent

    counts_dir, counts_file, members_file, parent_pid = argv
    die_with_parent(int(parent_pid))
    keys = [line for line in sys.stdin.read().split() if line]
    summed, members, unreadable = sum_counts(FileCache(Path(counts_dir), ".arrow"), keys)
    _write(Path(members_file), members)
    _write(Path(counts_file), summed)
    sys.stdout.write("".join(f"{key}\n" for key in unreadable))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
