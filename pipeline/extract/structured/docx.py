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
from pipeline.extract.source_bytes import read_source_bytes
from pipeline.extract.structured.containers import (
    DAMAGED_PACKAGE,
    check_zip,
    has_word_stream,
    is_encrypted_ole,
    is_ole,
)
from pipeline.extract.structured.lines import Cell, LineBuilder
from pipeline.model import Line, SourceDocument

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
    data = read_source_bytes(path)
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
    """The body's blocks in order, read off the XML (python-docx's proxies look every style
    up anew, which took ten times the time of the whole read)."""

    def __init__(self, document) -> None:
        self.document = document
        self.styles = _Styles(document.styles.element)
        self.out = LineBuilder()
        self.counters: dict[tuple[str, str], int] = defaultdict(int)
        self.formats = _number_formats(document)

    def read(self) -> list[Line]:
        self.blocks(self.document.element.body)
        return self.out.lines

    def blocks(self, parent) -> None:
        for child in parent:
            if child.tag == f"{_Q}p":
                self.paragraph(child)
            elif child.tag == f"{_Q}tbl":
                self.table(child)
            elif child.tag in (f"{_Q}sdt", f"{_Q}sdtContent", f"{_Q}customXml", f"{_Q}ins"):
                self.blocks(child)  # content controls, tracked insertions of whole paragraphs

    def paragraph(self, p) -> None:
        text = paragraph_text(p)
        if not text.strip():
            return
        style = _val(p.find(f"{_Q}pPr/{_Q}pStyle")) or self.styles.default
        if self.styles.is_heading(style) or _outline(p.find(f"{_Q}pPr/{_Q}outlineLvl")):
            self.out.heading(text)
            return
        marker = self.list_marker(p, style)
        self.out.paragraph(marker + text, bold=not marker and self.all_bold(p, style))

    def all_bold(self, p, style: str | None) -> bool:
        """Is every run with text set bold (directly, by its character style, or the paragraph's)?"""
        paragraph_bold = bool(self.styles.bold(style))
        runs = 0
        for run in _runs(p):
            if not "".join(t.text or "" for t in run.iter(f"{_Q}t")).strip():
                continue
            runs += 1
            bold = _on(run.find(f"{_Q}rPr/{_Q}b"))
            if bold is None:
                bold = self.styles.bold(_val(run.find(f"{_Q}rPr/{_Q}rStyle")))
            if not (paragraph_bold if bold is None else bold):
                return False
        return runs > 0

    def list_marker(self, p, style: str | None) -> str:
        """ "• " or "n. " for a list item (numbering in the paragraph or its style), else ""."""
        num = p.find(f"{_Q}pPr/{_Q}numPr")
        if num is None:
            num = self.styles.numbering(style)
        if num is None:
            return ""
        key = (_val(num.find(f"{_Q}numId")) or "", _val(num.find(f"{_Q}ilvl")) or "0")
        if key[0] in ("", "0"):
            return ""  # numbering switched off
        fmt = self.formats.get(key, "bullet")
        if fmt == "bullet":
            return "• "
        self.counters[key] += 1
        return f"{self.counters[key]}. "

    def table(self, tbl) -> None:
        rows: list[list[Cell]] = []
        for tr in tbl.iterchildren(f"{_Q}tr"):
            row = []
            for tc in tr.iterchildren(f"{_Q}tc"):
                texts = (paragraph_text(p) for p in tc.iter(f"{_Q}p"))
                text = " ".join(t for t in texts if t.strip())
                span = _val(tc.find(f"{_Q}tcPr/{_Q}gridSpan"))
                merge = tc.find(f"{_Q}tcPr/{_Q}vMerge")
                continued = merge is not None and (_val(merge) or "continue") == "continue"
                row.append(Cell(text, int(span) if span and span.isdigit() else 1, continued))
            rows.append(row)
        self.out.table(rows)


@cache
def _text_nodes():
    from lxml import etree

    return etree.XPath(_TEXT_XPATH, namespaces=_NS)


@cache
def _run_nodes():
    from lxml import etree

    return etree.XPath(".//w:r[not(ancestor::w:del) and not(ancestor::mc:Fallback)]", namespaces=_NS)


def _runs(p) -> list:
    return _run_nodes()(p)


def paragraph_text(p) -> str:
    parts = []
    for node in _text_nodes()(p):
        parts.append((node.text or "") if node.tag == f"{_Q}t" else " ")
    return "".join(parts)


def _val(node) -> str | None:
    return None if node is None else node.get(f"{_Q}val")


def _on(node) -> bool | None:
    """A toggle property (``w:b``): None when absent, else its value (absent value: on)."""
    if node is None:
        return None
    return (node.get(f"{_Q}val") or "true").lower() not in ("0", "false", "off")


def _outline(node) -> bool:
    """An outline level 0-8 makes a heading (9 is body text)."""
    value = _val(node)
    return value is not None and value.isdigit() and int(value) < 9


class _Styles:
    """The styles part, once: per style id its name, parent, bold and outline level."""

    def __init__(self, styles) -> None:
        self.parent: dict[str, str | None] = {}
        self.names: dict[str, str] = {}
        self.own_bold: dict[str, bool | None] = {}
        self.outline: dict[str, bool] = {}
        self.num: dict[str, object] = {}
        self.default: str | None = None
        for style in styles.iterchildren(f"{_Q}style"):
            sid = style.get(f"{_Q}styleId")
            if sid is None:
                continue
            if style.get(f"{_Q}type") == "paragraph" and (style.get(f"{_Q}default") or "") in (
                "1",
                "true",
                "on",
            ):
                self.default = sid
            self.parent[sid] = _val(style.find(f"{_Q}basedOn"))
            self.names[sid] = (_val(style.find(f"{_Q}name")) or "").lower()
            self.own_bold[sid] = _on(style.find(f"{_Q}rPr/{_Q}b"))
            self.outline[sid] = _outline(style.find(f"{_Q}pPr/{_Q}outlineLvl"))
            num = style.find(f"{_Q}pPr/{_Q}numPr")
            if num is not None:
                self.num[sid] = num

    def chain(self, sid: str | None):
        seen = 0
        while sid and seen < 20:
            yield sid
            sid = self.parent.get(sid)
            seen += 1

    def is_heading(self, sid: str | None) -> bool:
        return any(
            self.names.get(s, "").startswith(_HEADING_STYLES) or self.outline.get(s, False)
            for s in self.chain(sid)
        )

    def bold(self, sid: str | None) -> bool | None:
        return next((self.own_bold[s] for s in self.chain(sid) if self.own_bold.get(s) is not None), None)

    def numbering(self, sid: str | None):
        return next((self.num[s] for s in self.chain(sid) if s in self.num), None)


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
