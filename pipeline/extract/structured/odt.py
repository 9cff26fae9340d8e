"""OpenDocument text (.odt), read with odfpy: the body's headings, paragraphs, lists and
tables in order.

Headings are ``text:h`` elements, paragraphs whose style derives from a heading style, and
paragraphs set bold throughout; list items get their bullet ("• ") or number ("2. "); tables keep their cells
(spanned and covered cells, repeated cells). Page headers and footers live in the master
pages of styles.xml and are never read; annotations, notes and the deleted text of tracked
changes are left out. OpenDocument stores no page numbers: ``page`` stays unknown.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.options import ExtractOptions
from pipeline.extract.source_bytes import read_source_bytes
from pipeline.extract.structured.containers import DAMAGED_PACKAGE, check_zip
from pipeline.extract.structured.lines import Cell, LineBuilder
from pipeline.model import Line, SourceDocument

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#: Elements whose text is not the document's own: notes, annotations, tracked deletions.
_NOT_TEXT = {(OFFICE, "annotation"), (TEXT, "note"), (TEXT, "tracked-changes"), (TEXT, "bookmark-ref")}
_SPACES = {(TEXT, "s"), (TEXT, "tab"), (TEXT, "line-break")}
#: Repeated cells and rows are expanded up to this many (a sheet's "rest of the row" is huge).
MAX_REPEAT = 64


def read_odt(path: Path, options: ExtractOptions) -> SourceDocument:
    """The reader of ``pipeline.extract.readers`` for .odt."""
    path = Path(path)
    data = read_source_bytes(path)
    check_zip(path, data, "OpenDocument (.odt)")
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
        lines = _OdtLines(document).read()
    except DAMAGED_PACKAGE as exc:
        raise ExtractError(Code.CORRUPT, f"{path}: a damaged OpenDocument (.odt) file: {exc}") from exc
    if not any(line.text for line in lines):
        raise ExtractError(Code.EMPTY, f"{path}: the OpenDocument file holds no text")
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format="odt",
        extraction="odt",
        lines=lines,
        n_pages=None,
        has_pages=False,
    )


def _attr(node, ns: str, name: str) -> str | None:
    return node.attributes.get((ns, name))


class _Styles:
    """Which styles are bold, and which are headings, through their parents."""

    def __init__(self, document) -> None:
        self.parent: dict[str, str | None] = {}
        self.bold: dict[str, bool | None] = {}
        self.numbered: set[str] = set()  # list styles whose first level is numbered
        for holder in (document.styles, document.automaticstyles):
            for style in holder.childNodes:
                if style.qname == (TEXT, "list-style"):
                    levels = [c for c in style.childNodes if getattr(c, "qname", (None, None))[0] == TEXT]
                    if levels and levels[0].qname == (TEXT, "list-level-style-number"):
                        self.numbered.add(_attr(style, STYLE, "name") or "")
                    continue
                if style.qname != (STYLE, "style"):
                    continue
                name = _attr(style, STYLE, "name")
                if name is None:
                    continue
                self.parent[name] = _attr(style, STYLE, "parent-style-name")
                weight = None
                for props in style.childNodes:
                    if props.qname == (STYLE, "text-properties"):
                        weight = _attr(props, FO, "font-weight")
                self.bold[name] = None if weight is None else weight in ("bold", "600", "700", "800", "900")

    def chain(self, name: str | None):
        seen = 0
        while name and seen < 20:
            yield name
            name = self.parent.get(name)
            seen += 1

    def numbered_list(self, name: str | None) -> bool:
        return bool(name) and name in self.numbered

    def is_bold(self, name: str | None) -> bool | None:
        return next((self.bold[n] for n in self.chain(name) if self.bold.get(n) is not None), None)

    def is_heading(self, name: str | None) -> bool:
        names = (n.lower().replace("_20_", " ") for n in self.chain(name))
        return any(n.startswith(("heading", "rubrik", "title")) for n in names)


class _OdtLines:
    def __init__(self, document) -> None:
        self.styles = _Styles(document)
        self.body = document.text
        self.out = LineBuilder()

    def read(self) -> list[Line]:
        self.blocks(self.body)
        return self.out.lines

    def blocks(self, node, marker: str = "") -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname is None or qname in _NOT_TEXT:
                continue
            if qname == (TEXT, "h"):
                self.out.heading(self.text(child)[0])
            elif qname == (TEXT, "p"):
                style = _attr(child, TEXT, "style-name")
                text, bold = self.text(child, bool(self.styles.is_bold(style)))
                if self.styles.is_heading(style) and not marker:
                    self.out.heading(text)
                else:
                    self.out.paragraph(marker + text if text.strip() else "", bold=bold and not marker)
                marker = ""
            elif qname == (TEXT, "list"):
                numbered = self.styles.numbered_list(_attr(child, TEXT, "style-name"))
                n = 0
                for item in child.childNodes:
                    if getattr(item, "qname", None) in ((TEXT, "list-item"), (TEXT, "list-header")):
                        n += 1
                        self.blocks(item, f"{n}. " if numbered else "• ")
            elif qname == (TABLE, "table"):
                self.out.table(self.rows(child))
            elif qname[0] in (TEXT, TABLE, OFFICE) and qname not in _SPACES:
                self.blocks(child, marker)  # sections, soft page breaks, ...

    def text(self, node, bold: bool = False) -> tuple[str, bool]:
        """The element's text, and whether all of it is bold."""
        parts: list[tuple[str, bool]] = []
        self._text(node, bold, parts)
        text = "".join(t for t, _ in parts)
        return text, bool(text.strip()) and all(b for t, b in parts if t.strip())

    def _text(self, node, bold: bool, parts: list[tuple[str, bool]]) -> None:
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                parts.append((child.data, bold))
                continue
            qname = getattr(child, "qname", None)
            if qname is None or qname in _NOT_TEXT:
                continue
            if qname in _SPACES:
                count = _attr(child, TEXT, "c") if qname == (TEXT, "s") else None
                parts.append((" " * min(int(count) if count and count.isdigit() else 1, 100), bold))
            elif qname == (TEXT, "span"):
                own = self.styles.is_bold(_attr(child, TEXT, "style-name"))
                self._text(child, bold if own is None else own, parts)
            else:
                self._text(child, bold, parts)

    def rows(self, table) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        for row in _table_rows(table):
            cells: list[Cell] = []
            covered_by_span = 0
            for cell in row.childNodes:
                qname = getattr(cell, "qname", None)
                repeat = _repeat(cell, "number-columns-repeated")
                if qname == (TABLE, "covered-table-cell"):
                    for _ in range(repeat):
                        if covered_by_span:
                            covered_by_span -= 1  # part of a cell spanning columns
                        else:
                            cells.append(Cell("", continued=True))  # below a cell spanning rows
                elif qname == (TABLE, "table-cell"):
                    span = _repeat(cell, "number-columns-spanned")
                    texts = [self.text(p)[0] for p in _paragraphs(cell)]
                    for _ in range(repeat):
                        cells.append(Cell(" ".join(t for t in texts if t.strip()), span))
                    covered_by_span = span - 1
            for _ in range(_repeat(row, "number-rows-repeated")):
                rows.append(cells)
        return rows


def _repeat(node, name: str) -> int:
    value = _attr(node, TABLE, name)
    return min(max(int(value), 1), MAX_REPEAT) if value and value.isdigit() else 1


def _table_rows(table):
    for child in table.childNodes:
        qname = getattr(child, "qname", None)
        if qname == (TABLE, "table-row"):
            yield child
        elif qname in ((TABLE, "table-header-rows"), (TABLE, "table-rows"), (TABLE, "table-row-group")):
            yield from _table_rows(child)


def _paragraphs(node):
    """The paragraphs and headings in a cell, nested lists included."""
    for child in node.childNodes:
        qname = getattr(child, "qname", None)
        if qname in ((TEXT, "p"), (TEXT, "h")):
            yield child
        elif qname is not None and qname not in _NOT_TEXT:
            yield from _paragraphs(child)
