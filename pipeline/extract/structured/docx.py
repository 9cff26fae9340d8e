"""Word (.docx) files, read with python-docx: the body's paragraphs and tables in order.

Headings come from paragraph styles (Heading n, Title, an outline level) and from paragraphs
set bold throughout; list items get their bullet ("• ") or number ("3. "); tables keep their
cells, merged cells once (``structured.lines``). Page headers and footers live in the
section parts and comments in their own part, so the body never holds them; tracked changes
are read as accepted (insertions in, deletions out). Word stores no page numbers, so
``page`` and ``n_pages`` stay unknown. A legacy Word file saved under a .docx name,
and .doc and .rtf files (``legacy``), are converted by LibreOffice and read the same way.
"""

from __future__ import annotations

import hashlib
import io
from collections import defaultdict
from functools import cache
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.options import ExtractOptions
from pipeline.extract.structured.containers import (
    DAMAGED_PACKAGE,
    check_zip,
    has_word_stream,
    is_encrypted_ole,
    is_ole,
    read_bytes,
)
from pipeline.extract.structured.lines import Cell, LineBuilder
from pipeline.model import SourceDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_Q = f"{{{W}}}"
#: A paragraph's text: runs' text (not inside deletions or moved-away text, nor the
#: fallback copy of a drawing), tabs and breaks as spaces.
_TEXT_XPATH = (
    ".//w:t[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::mc:Fallback)]"
    " | .//w:tab[not(ancestor::w:pPr)] | .//w:br | .//w:cr"
)
_NS = {"w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_HEADING_STYLES = ("heading", "rubrik", "title")


def read_docx(path: Path, options: ExtractOptions) -> SourceDocument:
    """The reader of ``pipeline.extract.readers`` for .docx."""
    path = Path(path)
    data = read_bytes(path)
    if is_ole(data) and not is_encrypted_ole(data):
        return read_converted(path, data, "doc", options)  # a legacy Word file named .docx
    check_zip(path, data, "Word (.docx)")
    lines = docx_lines(path, data)
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format="docx",
        extraction="docx",
        lines=lines,
        n_pages=None,
        has_pages=False,
    )


#: Seconds a LibreOffice conversion may take when the options set no time limit.
DEFAULT_CONVERSION_TIMEOUT = 300.0


def read_converted(path: Path, data: bytes, fmt: str, options: ExtractOptions) -> SourceDocument:
    """``data`` (the bytes of ``path``, a legacy ``fmt`` file: "doc", "rtf") converted by
    LibreOffice and read as .docx."""
    from pipeline.extract.structured.libreoffice import convert_to_docx

    if is_ole(data) and is_encrypted_ole(data):
        raise ExtractError(Code.ENCRYPTED, f"{path}: the Word file is protected by a password")
    if is_ole(data) and not has_word_stream(data):
        raise ExtractError(
            Code.CORRUPT, f"{path}: a damaged Word file (an OLE file without its WordDocument stream)"
        )
    converted = convert_to_docx(path, data, options.time_limit or DEFAULT_CONVERSION_TIMEOUT)
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format=fmt,
        extraction="libreoffice_docx",
        lines=docx_lines(path, converted),
        n_pages=None,
        has_pages=False,
    )


def docx_lines(path: Path, data: bytes) -> list:
    """The lines of a .docx held in ``data``; ``ExtractError`` when it cannot be read."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _DocxLines(document).read()
    except (PackageNotFoundError, *DAMAGED_PACKAGE) as exc:
        raise ExtractError(Code.CORRUPT, f"{path}: a damaged Word (.docx) file: {exc}") from exc
    if not any(line.text for line in lines):
        raise ExtractError(Code.EMPTY, f"{path}: the Word document holds no text")
    return lines


class _DocxLines:
    def __init__(self, document) -> None:
        self.document = document
        self.out = LineBuilder()
        self.counters: dict[tuple[str, str], int] = defaultdict(int)
        self.formats = _number_formats(document)

    def read(self):
        from docx.table import Table

        for block in self.document.iter_inner_content():
            if isinstance(block, Table):
                self.table(block)
            else:
                self.paragraph(block)
        return self.out.lines

    def paragraph(self, paragraph) -> None:
        text = paragraph_text(paragraph._p)
        if not text.strip():
            return
        if _is_heading(paragraph):
            self.out.heading(text)
            return
        marker = self.list_marker(paragraph)
        self.out.paragraph(marker + text, bold=not marker and _all_bold(paragraph))

    def list_marker(self, paragraph) -> str:
        """ "• " or "n. " for a list item (numbering in the paragraph or its style), else ""."""
        num = paragraph._p.find(f"{_Q}pPr/{_Q}numPr")
        for style in _style_chain(paragraph.style):
            if num is not None:
                break
            num = style.element.find(f"{_Q}pPr/{_Q}numPr")
        if num is None:
            return ""
        num_id = num.find(f"{_Q}numId")
        level = num.find(f"{_Q}ilvl")
        key = (num_id.get(f"{_Q}val", "") if num_id is not None else "",
               level.get(f"{_Q}val", "0") if level is not None else "0")  # fmt: skip
        if key[0] == "0":
            return ""  # numbering switched off
        fmt = self.formats.get(key, "bullet")
        if fmt == "bullet":
            return "• "
        self.counters[key] += 1
        return f"{self.counters[key]}. "

    def table(self, table) -> None:
        rows: list[list[Cell]] = []
        for tr in table._tbl.tr_lst:
            row = []
            for tc in tr.tc_lst:
                texts = (paragraph_text(p) for p in tc.iter(f"{_Q}p"))
                text = " ".join(t for t in texts if t.strip())
                row.append(Cell(text, tc.grid_span, tc.vMerge == "continue"))
            rows.append(row)
        self.out.table(rows)


@cache
def _text_nodes():
    from lxml import etree

    return etree.XPath(_TEXT_XPATH, namespaces=_NS)


def paragraph_text(p) -> str:
    parts = []
    for node in _text_nodes()(p):
        parts.append((node.text or "") if node.tag == f"{_Q}t" else " ")
    return "".join(parts)


def _style_chain(style):
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


def _is_heading(paragraph) -> bool:
    level = paragraph._p.find(f"{_Q}pPr/{_Q}outlineLvl")
    if level is not None and level.get(f"{_Q}val", "9") not in ("9",):
        return True
    for style in _style_chain(paragraph.style):
        name = (style.name or "").lower()
        if name.startswith(_HEADING_STYLES):
            return True
        if style.element.find(f"{_Q}pPr/{_Q}outlineLvl") is not None:
            return style.element.find(f"{_Q}pPr/{_Q}outlineLvl").get(f"{_Q}val", "9") != "9"
    return False


def _all_bold(paragraph) -> bool:
    """Is every run with text set bold (directly, by its character style, or the paragraph's)?"""
    style_bold = next((s.font.bold for s in _style_chain(paragraph.style) if s.font.bold is not None), False)
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return False
    for run in runs:
        bold = run.bold
        if bold is None and run.style is not None:
            bold = next((s.font.bold for s in _style_chain(run.style) if s.font.bold is not None), None)
        if not (style_bold if bold is None else bold):
            return False
    return True


def _number_formats(document) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> numFmt ("bullet", "decimal", ...) from the numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in numbering.findall(f"{_Q}abstractNum"):
        levels = {
            lvl.get(f"{_Q}ilvl", "0"): (lvl.find(f"{_Q}numFmt").get(f"{_Q}val", "bullet")
                                        if lvl.find(f"{_Q}numFmt") is not None else "bullet")
            for lvl in node.findall(f"{_Q}lvl")
        }  # fmt: skip
        abstract[node.get(f"{_Q}abstractNumId")] = levels
    out = {}
    for num in numbering.findall(f"{_Q}num"):
        ref = num.find(f"{_Q}abstractNumId")
        levels = abstract.get(ref.get(f"{_Q}val") if ref is not None else None, {})
        for level, fmt in levels.items():
            out[(num.get(f"{_Q}numId", ""), level)] = fmt
    return out
