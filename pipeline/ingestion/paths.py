"""How a file of the archive is named in the tables: relative to the archive root, as text.

A file name on Linux is bytes, not text, and archives copied from old Windows shares hold
names in cp1252 or cp850 (``H\\xe4gersten.docx``) that are not UTF-8; Parquet strings must be.
So a path is stored as its bytes decoded as UTF-8, with every byte that is not UTF-8 written
as ``\\xNN`` and every backslash doubled (``\\\\``). That is readable (the rest of the name
is as it is) and reversible (``real_path``): the same file gets the same stored path in every
run, and the run reads the file under its exact name.

Paths are stored relative to the archive root (the folder given to ``plans ingest``, or the
folder of the one file given), so runs from different working directories agree; the root
itself is recorded once per run (``_run.json`` and the manifest's ``input``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2})")


def archive_root(input_path: Path) -> Path:
    """The folder stored paths are relative to: absolute, symlinks in it kept as typed."""
    absolute = Path(os.path.abspath(input_path))
    return absolute if absolute.is_dir() else absolute.parent


def text_of(name: str | bytes) -> str:
    """``name`` (a file-system string, possibly with surrogate escapes, or bytes) as the
    stored text: valid UTF-8, undecodable bytes as ``\\xNN``, backslashes doubled."""
    raw = os.fsencode(name)
    return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def bytes_of(text: str) -> bytes:
    """The exact bytes of a name stored by ``text_of`` (its inverse)."""
    out = bytearray()
    pos = 0
    for match in _ESCAPE.finditer(text):
        out += text[pos : match.start()].encode("utf-8")
        escape = match.group(1)
        out += b"\\" if escape == "\\" else bytes([int(escape[1:], 16)])
        pos = match.end()
    out += text[pos:].encode("utf-8")
    return bytes(out)


def stored_path(path: str | Path, root: Path) -> str:
    """The stored form of ``path`` (a file under ``root``, both absolute and normalised), with
    ``/`` between parts."""
    whole, prefix = str(path), os.path.join(root, "")
    if os.sep == "/" and whole.startswith(prefix):  # a scan asks for every file: the quick way
        return text_of(os.fsencode(whole[len(prefix) :]))
    return text_of(os.fsencode(Path(path).relative_to(root).as_posix()))


def real_path(stored: str, root: Path) -> Path:
    """The file a stored path names: ``root`` joined with its exact bytes."""
    return root / os.fsdecode(bytes_of(stored))
