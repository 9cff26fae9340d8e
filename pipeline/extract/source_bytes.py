"""A source file's bytes, or the coded error every reader gives when there are none."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError


def read_source_bytes(path: Path) -> bytes:
    """All of ``path``: ``io`` when it cannot be read, ``empty`` when it holds nothing."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(Code.IO, f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if not data:
        raise ExtractError(Code.EMPTY, f"{path}: the file is empty (0 bytes)")
    return data
