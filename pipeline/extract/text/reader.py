"""Read a plain-text export into a ``SourceDocument``.

Text exports (pdftotext, Word "save as text") carry page breaks only as form feeds, if at
all, so pages come from ``\\f`` and stay ``None`` when there is none; a later stage
estimates them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.options import ExtractOptions
from pipeline.extract.source_bytes import read_source_bytes
from pipeline.extract.text.encoding import decode_bytes
from pipeline.model import Line, SourceDocument

#: Only these end a line; ``str.splitlines`` would also split on \v, \x1c-\x1e, \x85,
#: U+2028/9, which occur inside lines of Word exports.
_NEWLINE = re.compile(r"\r\n|\r|\n")


def read_text(path: Path, options: ExtractOptions) -> SourceDocument:
    """The reader of ``pipeline.extract.readers`` (text takes no options)."""
    return read_text_file(path)


def read_text_file(path: Path) -> SourceDocument:
    """Read, decode and split one text file; raise ``ExtractError`` if it is not usable text."""
    path = Path(path)
    data = read_source_bytes(path)
    try:
        text, encoding = decode_bytes(data)
    except ExtractError as exc:
        raise ExtractError(exc.code, f"{path}: {exc.message}") from exc
    if not text.strip():
        raise ExtractError(Code.EMPTY, f"{path}: the file contains only whitespace ({len(data)} bytes)")

    lines, n_pages = split_lines(text)
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format="text",
        extraction="text",
        lines=lines,
        encoding=encoding,
        n_pages=n_pages,
    )


def split_lines(text: str) -> tuple[list[Line], int | None]:
    """Split decoded text into ``Line``s and count pages.

    ``lineno`` is the 1-based physical line in the file. Lines after the k-th form feed
    are on page k + 1; a form feed inside a line splits it (both parts keep the lineno),
    and whitespace around a form feed is dropped. A form feed at the very end (pdftotext
    ends every page with one) closes the last page instead of opening an empty one.
    Without form feeds every page is ``None``, and so is the page count.
    """
    physical = _NEWLINE.split(text)
    if physical and physical[-1] == "":
        physical.pop()  # the final newline ends the last line, it does not start another

    n_ff = text.count("\f")
    if n_ff == 0:
        return [Line(line, lineno, None) for lineno, line in enumerate(physical, 1)], None

    n_pages = n_ff if text.rstrip(" \t\r\n").endswith("\f") else n_ff + 1
    lines: list[Line] = []
    page = 1
    for lineno, line in enumerate(physical, 1):
        if "\f" not in line:
            lines.append(Line(line, lineno, page))
            continue
        for i, part in enumerate(line.split("\f")):
            if i:
                page += 1
            if part.strip():
                lines.append(Line(part, lineno, min(page, n_pages)))
    return lines, n_pages
