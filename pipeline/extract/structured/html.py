"""Pages saved from a web site (.html, .htm), read with selectolax (lexbor).

The plan is the page's main content: ``<main>`` (or ``role="main"``, else ``<article>``,
else ``<body>``), without the site's navigation, header, footer, forms and scripts.
Headings come from ``h1``–``h6`` and from paragraphs set in ``<strong>``/``<b>`` throughout,
list items get their bullet or number, tables keep their cells (``colspan``, ``rowspan``).
The charset is the one a byte order mark or ``<meta>`` declares, else UTF-8 when the bytes
are UTF-8, else what the text reader's detection finds. A page has no page numbers.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.options import ExtractOptions
from pipeline.extract.source_bytes import read_source_bytes
from pipeline.extract.structured.lines import Cell, LineBuilder
from pipeline.extract.text.encoding import decode_bytes
from pipeline.model import Line, SourceDocument

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: Labels browsers read as another codec (WHATWG Encoding: latin-1 is windows-1252).
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "iso8859-1": "cp1252"}  # fmt: skip
_SKIP = frozenset({
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "head", "title", "object", "canvas", "dialog",
})  # fmt: skip
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "pre", "dl", "dt", "dd", "figure",
    "figcaption", "address", "hr", "center", "body", "html", "details", "summary", "li",
})  # fmt: skip
_BOLD = frozenset({"strong", "b"})
#: Deeper nesting than this is not a page a person wrote; it is read as flat text.
MAX_DEPTH = 200


def _tag_ids(names: Iterable[str]) -> frozenset[int]:
    """lexbor's tag ids of the element ``names``: the walk compares a node's ``tag_id``, an
    int, where its ``tag`` would make a new string at every node."""
    parser = LexborHTMLParser("")
    return frozenset(parser.create_node(name).tag_id for name in names)


def _tag_id(name: str) -> int:
    (tag_id,) = _tag_ids([name])
    return tag_id


_SKIP_IDS, _HEADING_IDS, _BLOCK_IDS, _BOLD_IDS = map(_tag_ids, (_SKIP, _HEADINGS, _BLOCKS, _BOLD))
_LIST_IDS, _SECTION_IDS, _CELL_IDS = map(_tag_ids, ({"ul", "ol"}, {"thead", "tbody", "tfoot"}, {"td", "th"}))
_BR, _TABLE, _LI, _OL, _TR, _COLGROUP = map(_tag_id, ("br", "table", "li", "ol", "tr", "colgroup"))
_TEXT, _COMMENT = (
    node.tag_id for node in LexborHTMLParser("<p>text<!-- comment --></p>").css_first("p").iter(True)
)


def read_html(path: Path, options: ExtractOptions) -> SourceDocument:
    """The reader of ``pipeline.extract.readers`` for .html and .htm."""
    path = Path(path)
    data = read_source_bytes(path)
    text, encoding, utf8 = decode_html(path, data)
    lines = html_lines(data if utf8 else text)  # lexbor reads UTF-8 bytes as they are
    if not any(line.text for line in lines):
        raise ExtractError(Code.EMPTY, f"{path}: the page holds no text in its main content")
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format="html",
        extraction="html",
        lines=lines,
        encoding=encoding,
        n_pages=None,
        has_pages=False,
    )


def decode_html(path: Path, data: bytes) -> tuple[str, str, bool]:
    """The page's text, its encoding (BOM, then ``<meta>``, then UTF-8, then detection), and
    whether ``data`` is that text in UTF-8 as it stands (valid, no BOM)."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, codec in boms:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec, False
    match = _META_CHARSET.search(data[:4096])
    if match:
        label = match.group(1).decode("ascii", "replace").lower()
        codec = _ALIASES.get(label, label)
        try:
            name = codecs.lookup(codec).name
        except LookupError:
            codec = None
        if codec is not None and not codec.startswith(("utf-16", "utf-32")):
            if name == "utf-8":
                try:
                    return data.decode("utf-8"), codec, True
                except UnicodeDecodeError:
                    pass
            return data.decode(codec, errors="replace"), codec, False
    try:
        return data.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError:
        pass
    try:
        return (*decode_bytes(data), False)
    except ExtractError as exc:
        raise ExtractError(exc.code, f"{path}: {exc.message}") from exc


def html_lines(text: str | bytes) -> list[Line]:
    """The lines of the page's main content (``text`` decoded, or bytes in UTF-8)."""
    tree = LexborHTMLParser(text)
    root = tree.css_first("main") or tree.css_first('[role="main"]') or tree.css_first("article") or tree.body
    out = LineBuilder()
    if root is not None:
        _Walker(out, _furniture(root)).block(root, 0)
    return out.lines


#: Candidates for ``_furniture``: ``[role]`` is narrowed in Python. (Elements are skipped by
#: their tag in the walk itself: 18 tag selectors cost more than the whole walk asking.)
_FURNITURE = "[hidden], [role]"


def _furniture(root) -> set[int]:
    """The elements the walk skips for their attributes (``hidden``, a navigation ``role``),
    as their ``mem_id``s, found with one query: asking each element instead builds its
    attributes' dict every time."""
    own = root.mem_id
    return {node.mem_id for node in root.css(_FURNITURE) if node.mem_id != own and _hidden(node)}


def _hidden(node) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or (attrs.get("role") or "").lower() in _SKIP_ROLES


class _Walker:
    """Depth-first over the content, one paragraph of inline text at a time."""

    def __init__(self, out: LineBuilder, furniture: set[int]) -> None:
        self.out = out
        self.furniture = furniture  # the mem_ids of elements not to read (``_furniture``)
        self.parts: list[tuple[str, bool]] = []  # inline text, and whether it is bold
        self.marker = ""  # a list item's bullet or number, for its first paragraph

    def flush(self) -> None:
        parts = self.parts
        if not parts:
            return
        self.parts = []
        if len(parts) == 1:
            text, bold = parts[0]
        else:
            text = "".join([t for t, _ in parts])
            bold = all([b for t, b in parts if t.strip()])
        if text.strip():
            marker, self.marker = self.marker, ""
            self.out.paragraph(marker + text, bold=bold and not marker)

    def block(self, node, depth: int, bold: bool = False, inline: bool = False) -> None:
        """The inline text and blocks under ``node``.

        In a block (not ``inline``), whitespace-only text (the line breaks between a page's
        blocks, most of its text nodes) is skipped in C; between two inline parts it is put
        back as a space (``_space``). In an inline element it is kept: at its edges it may be
        the space between its text and the text around it."""
        skip = not inline
        furniture = self.furniture  # mostly empty: then no element is asked its mem_id
        for child in node.iter(include_text=True, skip_empty=skip):
            tag = child.tag_id
            if tag == _TEXT:
                if skip and self.parts:
                    self._space(child, bold)
                self.parts.append((child.text_content or "", bold))
            elif tag in _SKIP_IDS or (furniture and child.mem_id in furniture):
                continue
            elif depth >= MAX_DEPTH:
                if tag == _COMMENT:
                    continue
                if skip and self.parts:
                    self._space(child, bold)
                self.parts.append((child.text(separator=" ") or "", bold))
            elif tag in _BLOCK_IDS:
                if self.parts:
                    self.flush()
                text = _sole_text(child)
                if text is None:
                    self.block(child, depth + 1, bold)
                    if self.parts:
                        self.flush()
                elif not self.marker:
                    self.out.paragraph(text, bold)
                elif text.strip():  # as ``flush`` does with one part
                    self.out.paragraph(self.marker + text)
                    self.marker = ""
            elif tag in _HEADING_IDS:
                if self.parts:
                    self.flush()
                text = _sole_text(child)
                self.out.heading((child.text(separator=" ") or "") if text is None else text)
            elif tag == _TABLE:
                if self.parts:
                    self.flush()
                table = _data_table(child)
                if table is None:  # an old site's page laid out in a table: its cells are blocks
                    for row in _rows_of(child)[0]:
                        for cell in row.iter():
                            self.block(cell, depth + 1)
                            self.flush()
                elif table.merged:
                    self.out.table(table.rows)
                else:
                    self.out.text_table(table.rows)
            elif tag in _LIST_IDS:
                self.flush()
                self.items(child, depth + 1, numbered=tag == _OL)
            elif tag == _COMMENT:
                continue
            else:
                if skip and self.parts:
                    self._space(child, bold)
                if tag == _BR:
                    self.parts.append((" ", bold))
                else:
                    self.block(child, depth + 1, bold or tag in _BOLD_IDS, inline=True)

    def _space(self, node, bold: bool) -> None:
        """The space between inline parts that a skipped whitespace-only text node made
        (``<b>A</b> <i>B</i>``), also across comments and furniture; before a paragraph's
        first part it would be stripped."""
        before = node.prev
        while before is not None:
            if before.is_empty_text_node:
                self.parts.append((" ", bold))
                return
            if before.is_text_node or (
                before.is_element_node
                and before.tag_id not in _SKIP_IDS
                and before.mem_id not in self.furniture
            ):
                return
            before = before.prev

    def items(self, node, depth: int, numbered: bool) -> None:
        n = 0
        for child in node.iter():
            tag = child.tag_id
            if tag in _SKIP_IDS or child.mem_id in self.furniture:
                continue
            if tag != _LI:
                self.block(child, depth)
                self.flush()
                continue
            n += 1
            marker = f"{n}. " if numbered else "• "
            text = _sole_text(child)
            if text is None:
                self.marker = marker
                self.block(child, depth + 1)  # its text, in a <p> or not
                self.flush()
                self.marker = ""
            elif text.strip():
                self.out.paragraph(marker + text)


def _sole_text(node) -> str | None:
    """The text of an element that holds one text and nothing else (most paragraphs, headings,
    list items and cells: ``<p>text</p>``), read without a walk; None for any other."""
    first = node.first_child
    if first is not None and first.next is None and first.is_text_node:
        return first.text_content or ""
    return None


#: What a data table's cell never holds, and a layout table's cells do. (``:is`` only on the
#: right: lexbor's ``:is(td, th) table`` misses a table in a ``div`` in the cell.)
_LAYOUT = ", ".join(f"{cell} :is(table, {', '.join(sorted(_HEADINGS))})" for cell in ("td", "th"))


#: What ``_LAYOUT`` looks for inside a cell.
_LAYOUT_IN_CELL = _tag_ids(_HEADINGS | {"table"})


def _holds_layout(cell) -> bool:
    """Does this cell hold a heading or a table (``_LAYOUT`` asked of one cell, without a
    query: a cell's few nodes are looked at in less time than a selector takes to compile)?"""
    return any(node.tag_id in _LAYOUT_IN_CELL for node in cell.traverse())


def _is_layout(table) -> bool:
    """Is this table the page's layout (cells holding headings or tables), not data?"""
    # Matches may include the table itself (a data table inside a layout table's cell).
    return any(node.mem_id != table.mem_id for node in table.css(_LAYOUT))


def _rows_of(table) -> tuple[list, bool]:
    """The table's own rows (not a nested table's), and whether it holds nothing else
    (a caption, say) but comments."""
    trs = []
    only_rows = True
    for child in table.iter():
        tag = child.tag_id
        if tag == _TR:
            trs.append(child)
        elif tag in _SECTION_IDS:
            for tr in child.iter():
                if tr.tag_id == _TR:
                    trs.append(tr)
                else:
                    only_rows = only_rows and tr.tag_id == _COMMENT
        else:
            only_rows = only_rows and tag in (_COLGROUP, _COMMENT)
    return trs, only_rows


@dataclass
class _DataTable:
    """A data table's rows: each cell its text, or a ``Cell`` each where some cell spans
    columns or continues a cell above (``rowspan``: ``merged``)."""

    rows: list[list[str]] | list[list[Cell]]
    merged: bool


def _data_table(table) -> _DataTable | None:
    """The table's rows; None for a table that is the page's layout (``_is_layout``).

    One pass over the rows and cells reads the text and tells the layout: a cell holding
    one text (most cells) holds no heading or table, only the other cells are looked into
    (``_holds_layout``), and a table holding anything but rows and cells is asked as a whole."""
    rows: list[list[str | Cell]] = []
    pending: dict[int, tuple[int, int]] = {}  # column -> (rows still covered by a rowspan above, its colspan)
    merged = False
    trs, only_rows = _rows_of(table)
    for tr in trs:
        row: list[str | Cell] = []
        column = 0
        for td in tr.iter():
            tag = td.tag_id
            if tag not in _CELL_IDS:
                only_rows = only_rows and tag == _COMMENT
                continue
            text = _sole_text(td)
            if text is None:
                if td.first_child is None:
                    text = ""
                elif _holds_layout(td):
                    return None
                else:
                    text = td.text(separator=" ") or ""
            if pending:
                column = _covered(row, column, pending)
            attributes = td.attributes
            span = _int(attributes["colspan"], 1, 100) if "colspan" in attributes else 1
            if "rowspan" in attributes and (down := _int(attributes["rowspan"], 1, 1000)) > 1:
                merged = True
                pending[column] = (down - 1, span)
            if span > 1:
                merged = True
                row.append(Cell(text, span))
            else:
                row.append(text)
            column += span
        if pending:
            _covered(row, column, pending)
        rows.append(row)
    if not only_rows and _is_layout(table):
        return None
    if merged:
        return _DataTable([[c if c.__class__ is Cell else Cell(c) for c in row] for row in rows], True)
    return _DataTable(rows, False)


def _covered(row: list[Cell], column: int, pending: dict[int, tuple[int, int]]) -> int:
    """Continued cells where a ``rowspan`` above still covers the row's next columns; the
    column after them."""
    while column in pending:
        left, span = pending[column]
        if left > 1:
            pending[column] = (left - 1, span)
        else:
            del pending[column]
        row.append(Cell("", span, continued=True))
        column += span
    return column


def _int(value: str | None, default: int, most: int) -> int:
    try:
        return min(max(int(value or default), 1), most)
    except ValueError:
        return default
